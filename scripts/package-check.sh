#!/usr/bin/env bash
# Builds the Debian package of a configured build folder with cpack, installs it with apt-get,
# runs the installed binary on the bundled sample feeds from another folder, then removes it.
# Usage: scripts/package-check.sh [BUILD_DIR]   (default build/release; root, or sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build/release}" && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
work=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" -eq 1 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq arxiv-digest >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$work/package" >/dev/null)
debs=("$work"/package/arxiv-digest_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || { echo "package-check: cpack wrote no .deb" >&2; exit 1; }
echo "package-check: $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Architecture Depends

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
installed=1
/usr/bin/arxiv-digest --version
test -f /usr/share/arxiv-digest/templates/README.md.mustache
test -f /usr/share/arxiv-digest/templates/prompts/summary.md.mustache
test -f /usr/share/arxiv-digest/config.schema.json

mkdir -p "$work/run" "$work/elsewhere"
cp examples/config.json "$work/run/config.json"
(cd "$work/elsewhere" &&
  env DASHSCOPE_API_KEY='' /usr/bin/arxiv-digest run -q --config "$work/run/config.json" \
    --offline "$src/examples/feeds")
grep -q '^### 1\. \[' "$work/run/README.md"

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq arxiv-digest >/dev/null
installed=0
! command -v arxiv-digest >/dev/null || [ "$(command -v arxiv-digest)" != /usr/bin/arxiv-digest ]
echo "package-check: built, installed with apt-get, ran, removed"
