#!/usr/bin/env bash
# Core stays pure (STYLE.md rule 1): no curl, spdlog, filesystem, streams, threads, clocks or
# getenv in src/core/ or include/arxiv_digest/. The link graph can't see headers; this can.
set -u
root=$1
pattern='#include <(curl/|spdlog/|filesystem>|fstream>|iostream>|thread>)|getenv|system_clock::now|steady_clock::now|sleep_for|std::cout|std::cerr|printf\('
hits=$(grep -rnE "$pattern" "$root/src/core" "$root/include/arxiv_digest" | grep -v 'snprintf(' || true)
if [ -n "$hits" ]; then
  echo "core must not do I/O, logging, clocks or environment lookups:"
  echo "$hits"
  exit 1
fi
echo "layering_check: core is pure"
