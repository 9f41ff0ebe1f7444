#!/usr/bin/env bash
# End-to-end timing (DESIGN.md "Performance targets"): `arxiv-digest rank --offline` and a
# day-one `run --offline` with every output on, over real feeds, each as a whole process, against
# a bare pugixml parse of the same files as a whole process linked with the same libraries.
# Usage: bench/pipeline.sh [BUILD_DIR] [FEEDS_DIR]
#   BUILD_DIR defaults to build/release; FEEDS_DIR to a folder of the three 2026-02-12 captures
#   from ../shared/data/arxiv (or $ARXIV_DIGEST_DATA_DIR/arxiv).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
data=${ARXIV_DIGEST_DATA_DIR:-../shared/data}
feeds=${2:-}
workspace=$(mktemp -d)
made_feeds=""
trap 'rm -rf "$workspace" $made_feeds' EXIT
if [ -z "$feeds" ]; then
  feeds=$(mktemp -d)
  made_feeds=$feeds
  for cat in cs.AI cs.CL cs.LG; do ln -s "$(realpath "$data/arxiv/rss_${cat}_2026-02-12.xml")" "$feeds/"; done
fi
config="$workspace/config.json"
# Every output on (README, archive, daily digest, cards, feed, digest.json): the day-one run.
/usr/bin/python3 - examples/config.json "$config" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config.setdefault("output", {}).update(
    {"daily_digest_enabled": True, "cards_enabled": True, "feed_enabled": True})
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY
bytes=$(cat "$feeds"/*.xml | wc -c)
items=$(cat "$feeds"/*.xml | grep -c '<item>' || true)
echo "feeds: $feeds ($bytes bytes, $items items)"

bare=("$build/bench/bare_pugixml_parse" "$feeds"/*.xml)
rank=("$build/src/arxiv-digest" rank -q --config "$config" --offline "$feeds")
run=("$build/src/arxiv-digest" run -q --config "$config" --offline "$feeds")
fresh="rm -rf $workspace/README.md $workspace/data $workspace/digests $workspace/state $workspace/feed.xml $workspace/digest.json"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --export-json /tmp/arxiv-digest-pipeline.json \
    -n bare_pugixml_parse "${bare[*]}" -n rank_offline "${rank[*]}" \
    -n rank_offline_json "${rank[*]} --format json"
  hyperfine -N --warmup 3 --runs 30 --prepare "$fresh" -n run_offline_day_one "${run[*]}"
else
  echo "hyperfine not installed (apt-get install hyperfine): ratios only"
fi

# The ratios: interleaved rounds, each running every command once in turn, so load from other
# processes (a build next door) hits all of them alike; the median of the per-round ratios.
# Blocks of runs per command, as hyperfine does them, can put a burst of load on one side only.
# The day-one run starts from an empty folder each round (emptied outside the timing).
/usr/bin/python3 - "$bytes" "$items" "$workspace" "${#bare[@]}" "${bare[@]}" "${#rank[@]}" \
  "${rank[@]}" "${run[@]}" <<'PY'
import os, shutil, statistics, sys, time
bytes_, items, workspace = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
nbare = int(sys.argv[4])
bare = sys.argv[5:5 + nbare]
nrank = int(sys.argv[5 + nbare])
rank = sys.argv[6 + nbare:6 + nbare + nrank]
run_ = sys.argv[6 + nbare + nrank:]
commands = {"bare_pugixml_parse": bare, "rank_offline": rank,
            "rank_offline_json": rank + ["--format", "json"], "run_offline_day_one": run_}
null = os.open(os.devnull, os.O_WRONLY)
def fresh():
    for name in ("README.md", "feed.xml", "digest.json"):
        if os.path.exists(os.path.join(workspace, name)):
            os.remove(os.path.join(workspace, name))
    for name in ("data", "digests", "state"):
        shutil.rmtree(os.path.join(workspace, name), ignore_errors=True)
    os.sync()
def run(name, argv):
    if name == "run_offline_day_one":
        fresh()
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed ({status})")
    return time.perf_counter() - start
rounds = [{name: run(name, argv) for name, argv in commands.items()} for _ in range(63)][3:]
b = statistics.median(r["bare_pugixml_parse"] for r in rounds)
print(f"interleaved, {len(rounds)} rounds, medians: bare parse {b*1e3:.1f} ms")
for name in ("rank_offline", "rank_offline_json", "run_offline_day_one"):
    t = statistics.median(r[name] for r in rounds)
    ratio = statistics.median(r[name] / r["bare_pugixml_parse"] for r in rounds)
    print(f"  {name} {t*1e3:.1f} ms ({ratio:.2f}x, target <= 2x)")
t = statistics.median(r["rank_offline"] for r in rounds)
print(f"rank --offline: {items/t:,.0f} papers/s, {bytes_/t/1e6:.1f} MB/s")
PY
