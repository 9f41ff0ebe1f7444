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

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --export-json /tmp/arxiv-digest-pipeline.json \
    -n bare_pugixml_parse "$build/bench/bare_pugixml_parse $(echo "$feeds"/*.xml)" \
    -n rank_offline "$build/src/arxiv-digest rank -q --config $config --offline $feeds" \
    -n rank_offline_json "$build/src/arxiv-digest rank -q --config $config --offline $feeds --format json"
  /usr/bin/python3 - "$bytes" "$items" <<'PY'
import json, sys
bytes_, items = int(sys.argv[1]), int(sys.argv[2])
results = json.load(open("/tmp/arxiv-digest-pipeline.json"))["results"]
# Mean and min: on a shared machine the min is the steadier of the two.
for stat in ("mean", "min"):
    r = {x["command"]: x[stat] for x in results}
    bare = r["bare_pugixml_parse"]
    print(f"{stat}: bare parse {bare*1e3:.1f} ms", end="")
    for name in ("rank_offline", "rank_offline_json"):
        print(f", {name} {r[name]*1e3:.1f} ms ({r[name]/bare:.2f}x)", end="")
    print(" (target <= 2x)")
rank = {x["command"]: x["mean"] for x in results}["rank_offline"]
print(f"rank --offline (mean): {items/rank:,.0f} papers/s, {bytes_/rank/1e6:.1f} MB/s")
PY
else
  echo "hyperfine not installed (apt-get install hyperfine); timing 20 runs with date"
  for name in bare rank; do
    start=$(date +%s%N)
    for _ in $(seq 20); do
      if [ $name = bare ]; then "$build/bench/bare_pugixml_parse" "$feeds"/*.xml >/dev/null
      else "$build/src/arxiv-digest" rank -q --config "$config" --offline "$feeds" --format json >/dev/null; fi
    done
    echo "$name: $(( ($(date +%s%N) - start) / 20000000 )) ms per run"
  done
fi
rm -f "$config"
