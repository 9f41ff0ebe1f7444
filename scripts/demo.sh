#!/usr/bin/env bash
# Quick start 1: set up, build, and run the real pipeline on the bundled offline sample
# (examples/feeds: no network, no API key). Writes build/demo/README.md and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh release arxiv-digest  # the binary only: tests and benchmarks are test.sh's
mkdir -p build/demo
cp examples/config.json build/demo/config.json
build/release/src/arxiv-digest run --config build/demo/config.json --offline examples/feeds
echo
echo "Digest: $(pwd)/build/demo/README.md"
