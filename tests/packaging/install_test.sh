#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the binary, templates, prompts and schema land in
# standard places, the installed binary runs from any folder, and templates are looked up next to
# config.json first, then in <prefix>/share/arxiv-digest/templates, then in the binary.
# Usage: install_test.sh CMAKE BUILD_DIR SOURCE_DIR
set -u
cmake=$1 build=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
contains() { grep -qF -- "$2" "$1" || { echo "  '$2' not in $1"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { echo "  '$2' unexpectedly in $1"; return 1; }; }
run_digest() {  # run_digest: the installed binary, from an unrelated folder, on the sample feeds
  (cd "$work/elsewhere" && env DASHSCOPE_API_KEY='' "$prefix/bin/arxiv-digest" run -q \
    --config "$work/site/config.json" --offline "$src/examples/feeds") >"$work/out" 2>&1 ||
    { sed 's/^/  | /' "$work/out"; return 1; }
}

prefix="$work/prefix"
check "cmake --install succeeds" "$cmake" --install "$build" --prefix "$prefix"
share="$prefix/share/arxiv-digest"
check "binary in bin/" test -x "$prefix/bin/arxiv-digest"
check "README template installed" test -f "$share/templates/README.md.mustache"
check "paper template installed" test -f "$share/templates/paper.md.mustache"
check "prompts installed" test -f "$share/templates/prompts/summary.md.mustache"
check "schema installed" test -f "$share/config.schema.json"
check "example config installed" test -f "$share/config.example.json"
check "job script installed" test -x "$share/digest-job.sh"
check "guide installed" test -f "$prefix/share/doc/arxiv-digest/README.md"
check "--version runs" "$prefix/bin/arxiv-digest" --version >"$work/version"
check "--version names the commit" contains "$work/version" "(commit "

mkdir -p "$work/site" "$work/elsewhere"
cp "$src/examples/config.json" "$work/site/config.json"
check "installed binary runs from another folder" run_digest
check "digest written next to the config" contains "$work/site/README.md" "### 1. ["

# The installed templates are used (they override the built-in ones)...
echo "INSTALLED-TEMPLATE-MARKER" >>"$share/templates/README.md.mustache"
check "run with an edited installed template" run_digest
check "installed template used" contains "$work/site/README.md" "INSTALLED-TEMPLATE-MARKER"
# ...unless a templates/ folder next to config.json has its own.
mkdir -p "$work/site/templates"
{ cat "$src/templates/README.md.mustache"; echo "SITE-TEMPLATE-MARKER"; } >"$work/site/templates/README.md.mustache"
check "run with a template next to the config" run_digest
check "template next to the config wins" contains "$work/site/README.md" "SITE-TEMPLATE-MARKER"
check "installed template not used then" lacks "$work/site/README.md" "INSTALLED-TEMPLATE-MARKER"
# Without either, the built-in copy.
rm -rf "$work/site/templates" "$share/templates"
check "run with no template files" run_digest
check "built-in template used" lacks "$work/site/README.md" "TEMPLATE-MARKER"
check "built-in digest complete" contains "$work/site/README.md" "### 1. ["

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
