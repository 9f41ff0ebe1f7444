#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite (unit, adapter, CLI, schema and
# layering checks). Usage: scripts/test.sh [PRESET]   (release by default; asan for ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
SETUP_TEST_PACKAGES=1 scripts/setup.sh "$preset"
ctest --preset "$preset"
