#!/usr/bin/env bash
# End-to-end timing (DESIGN.md "Performance targets"): `arxiv-digest rank --offline` over real
# feeds as a whole process, against a bare pugixml parse of the same files as a whole process.
# Usage: bench/pipeline.sh [BUILD_DIR] [FEEDS_DIR]
#   BUILD_DIR defaults to build/release; FEEDS_DIR to a folder of the three 2026-02-12 captures
#   from ../shared/data/arxiv (or $ARXIV_DIGEST_DATA_DIR/arxiv).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
data=${ARXIV_DIGEST_DATA_DIR:-../shared/data}
feeds=${2:-}
if [ -z "$feeds" ]; then
  feeds=$(mktemp -d)
  trap 'rm -rf "$feeds"' EXIT
  for cat in cs.AI cs.CL cs.LG; do ln -s "$(realpath "$data/arxiv/rss_${cat}_2026-02-12.xml")" "$feeds/"; done
fi
config=$(mktemp)
cp examples/config.json "$config"
bytes=$(cat "$feeds"/*.xml | wc -c)
items=$(cat "$feeds"/*.xml | grep -c '<item>' || true)
echo "feeds: $feeds ($bytes bytes, $items items)"

bare=("$build/bench/bare_pugixml_parse" "$feeds"/*.xml)
rank=("$build/src/arxiv-digest" rank -q --config "$config" --offline "$feeds")
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --export-json /tmp/arxiv-digest-pipeline.json \
    -n bare_pugixml_parse "${bare[*]}" -n rank_offline "${rank[*]}" \
    -n rank_offline_json "${rank[*]} --format json"
else
  echo "hyperfine not installed (apt-get install hyperfine): ratios only"
fi

# The ratios: interleaved rounds, each running every command once in turn, so load from other
# processes (a build next door) hits all three alike; the median of the per-round ratios. Blocks
# of runs per command, as hyperfine does them, can put a burst of load on one side only.
/usr/bin/python3 - "$bytes" "$items" "${#bare[@]}" "${bare[@]}" "${rank[@]}" <<'PY'
import os, statistics, sys, time
bytes_, items, nbare = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
bare = sys.argv[4:4 + nbare]
rank = sys.argv[4 + nbare:]
commands = {"bare_pugixml_parse": bare, "rank_offline": rank,
            "rank_offline_json": rank + ["--format", "json"]}
null = os.open(os.devnull, os.O_WRONLY)
def run(argv):
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed ({status})")
    return time.perf_counter() - start
rounds = [{name: run(argv) for name, argv in commands.items()} for _ in range(63)][3:]
b = statistics.median(r["bare_pugixml_parse"] for r in rounds)
print(f"interleaved, {len(rounds)} rounds, medians: bare parse {b*1e3:.1f} ms", end="")
for name in ("rank_offline", "rank_offline_json"):
    t = statistics.median(r[name] for r in rounds)
    ratio = statistics.median(r[name] / r["bare_pugixml_parse"] for r in rounds)
    print(f", {name} {t*1e3:.1f} ms ({ratio:.2f}x)", end="")
print(" (target <= 2x)")
t = statistics.median(r["rank_offline"] for r in rounds)
print(f"rank --offline: {items/t:,.0f} papers/s, {bytes_/t/1e6:.1f} MB/s")
PY
rm -f "$config"
