#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages arxiv-digest needs (only those missing), then configures
# and builds one CMake preset (default: release), all of it or only TARGET. Idempotent: a second
# run installs nothing and rebuilds only what changed.  Usage: scripts/setup.sh [PRESET [TARGET]]
# SETUP_TEST_PACKAGES=1 also installs what only the tests need (Chromium for the site's browser
# test); scripts/test.sh sets it.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
target=${2:-}

packages=(
  build-essential cmake ninja-build pkg-config git
  libcurl4-openssl-dev libpugixml-dev nlohmann-json3-dev libcxxopts-dev libspdlog-dev
  libmstch-dev libboost-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev libbenchmark-dev libssl-dev zlib1g-dev
  libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxxhash-dev libunistring-dev python3 python3-jsonschema python3-aiosmtpd openssl
)
[ "${SETUP_TEST_PACKAGES:-0}" = 0 ] || packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" ${target:+--target "$target"}
