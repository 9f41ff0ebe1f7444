#!/usr/bin/env bash
# Process-level checks of the real binary (Bear's exit_code cases, ninja's output_test):
# exit codes, help, the offline demo, bad input leaving files byte-identical, no key in output.
# Usage: cli_test.sh ARXIV_DIGEST_BINARY SOURCE_DIR FIXTURES_DIR
set -u
bin=$1 src=$2 fixtures=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
expect_exit() {  # expect_exit CODE CMD...
  local want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want: $*"; sed 's/^/  stderr: /' "$work/err" | head -20; return 1; }
}
contains() { grep -qF -- "$2" "$1" || { echo "  '$2' not in $1:"; head -20 "$1" | sed 's/^/  | /'; return 1; }; }

# --help, --version, unknown commands
check "help exits 0" expect_exit 0 "$bin" --help
check "help lists exit codes" contains "$work/out" "Exit codes:"
check "subcommand help has examples" expect_exit 0 "$bin" run --help
check "run help shows an example" contains "$work/out" "arxiv-digest run --offline"
check "backfill help exits 0" expect_exit 0 "$bin" backfill --help
check "backfill help tells how to continue" contains "$work/out" "continue the interrupted one"
check "backfill with nothing to continue is a usage error" expect_exit 2 "$bin" backfill --config "$src/examples/config.json"
check "backfill says --since is needed" contains "$work/err" "--since is required"
check "backfill with a bad date is a usage error" expect_exit 2 "$bin" backfill --since 2026-02-30 --config "$src/examples/config.json"
check "version exits 0" expect_exit 0 "$bin" --version
check "version names the commit" contains "$work/out" "(commit "
check "no command is a usage error" expect_exit 2 "$bin"
check "unknown command is a usage error" expect_exit 2 "$bin" rnu
check "unknown command gets a suggestion" contains "$work/err" 'did you mean "run"?'
check "unknown option is a usage error" expect_exit 2 "$bin" run --bogus
check "quiet with verbose is a usage error" expect_exit 2 "$bin" rank -q -v --offline "$src/examples/feeds"
check "quiet with verbose says why" contains "$work/err" "--quiet and --verbose cannot be used together"
check "render names a missing --config" expect_exit 2 "$bin" render --papers "$fixtures/golden/readme_digest_2026-02-12.papers.json" --output "$work/x.md" --config "$work/none.json"

# validate: the shipped configs, then each kind of bad edit naming its key
check "shipped config validates" expect_exit 0 "$bin" validate --config "$src/config.json"
check "example config validates" expect_exit 0 "$bin" validate --config "$src/examples/config.json"
bad_config() {  # bad_config JSON EXPECTED_TEXT
  printf '%s' "$1" >"$work/bad.json"
  expect_exit 2 "$bin" validate --config "$work/bad.json" && contains "$work/err" "$2"
}
check "unknown key named" bad_config '{"categories":["cs.AI"],"keywrods":["LLM"]}' '/keywrods'
check "unknown key suggestion" bad_config '{"categories":["cs.AI"],"keywrods":["LLM"]}' 'did you mean "keywords"?'
check "wrong type named" bad_config '{"categories":["cs.AI"],"max_papers":"ten"}' '/max_papers'
check "negative max_papers named" bad_config '{"categories":["cs.AI"],"max_papers":-1}' '/max_papers'
check "empty categories named" bad_config '{"categories":[]}' '/categories'
check "missing config is an error" expect_exit 2 "$bin" validate --config "$work/none.json"

# the offline demo, from another directory (templates are built in)
mkdir -p "$work/demo" && cp "$src/examples/config.json" "$work/demo/config.json"
cd "$work" || exit 1
check "offline run succeeds" expect_exit 0 env DASHSCOPE_API_KEY= "$bin" run --config "$work/demo/config.json" --offline "$src/examples/feeds"
check "digest lists ranked papers" contains "$work/demo/README.md" "### 1. ["
check "digest has the 30th paper" contains "$work/demo/README.md" "### 30. ["
check "status says summaries were skipped" contains "$work/demo/README.md" "summaries skipped: set DASHSCOPE_API_KEY"
check "archive written" test -s "$work/demo/data/2026-02-12.jsonl"
check "run status written" contains "$work/demo/state/last_run.json" '"outcome": "ok"'
check "daily digest written" contains "$work/demo/digests/2026-02-12.md" "# Table of Contents"
check "paper cards written" contains "$work/demo/digests/2026-02-12.cards.md" "- URL: https://arxiv.org/abs/"
check "feed.xml is Atom" contains "$work/demo/feed.xml" '<feed xmlns="http://www.w3.org/2005/Atom">'
check "feed.xml is well-formed" /usr/bin/python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$work/demo/feed.xml"
check "digest.json written" contains "$work/demo/digest.json" '"date": "2026-02-12"'

# a truncated feed or an HTML page leaves README and archive byte-identical, names the file
cp "$work/demo/README.md" "$work/readme.before"; cp "$work/demo/data/2026-02-12.jsonl" "$work/archive.before"
mkdir -p "$work/broken" "$work/html"
cp "$src/examples/feeds/"*.xml "$work/broken/"
head -c 5000 "$src/examples/feeds/rss_cs.AI+cs.CL+cs.DC+cs.LG_2026-02-12.xml" >"$work/broken/zz_truncated.xml"
check "truncated feed fails" expect_exit 1 "$bin" run --config "$work/demo/config.json" --offline "$work/broken"
check "truncated feed is named" contains "$work/err" "zz_truncated.xml"
check "truncated feed error has a byte offset" contains "$work/err" "byte"
check "README unchanged after truncated feed" cmp -s "$work/readme.before" "$work/demo/README.md"
check "archive unchanged after truncated feed" cmp -s "$work/archive.before" "$work/demo/data/2026-02-12.jsonl"
printf '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>oops</body></html>\n' >"$work/html/feed.xml"
check "HTML page fails" expect_exit 1 "$bin" run --config "$work/demo/config.json" --offline "$work/html"
check "HTML page is named" contains "$work/err" "feed.xml"
check "README unchanged after HTML page" cmp -s "$work/readme.before" "$work/demo/README.md"

# rank --format json pipes cleanly; explain shows contributions
check "rank json exits 0" expect_exit 0 "$bin" rank --config "$work/demo/config.json" --offline "$src/examples/feeds" --format json
check "rank json is an array with the fields" /usr/bin/python3 -c '
import json, sys
papers = json.load(open(sys.argv[1]))
assert isinstance(papers, list) and papers, "empty"
for key in ("id", "version", "title", "score", "categories", "announce_type", "matches"):
    assert key in papers[0], key
assert [p["score"] for p in papers] == sorted((p["score"] for p in papers), reverse=True)
' "$work/out"
top_id=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/out" 2>/dev/null)
check "explain exits 0" expect_exit 0 "$bin" explain "$top_id" --config "$work/demo/config.json" --offline "$src/examples/feeds"
check "explain shows the score" contains "$work/out" "score "
check "explain of an unknown id fails" expect_exit 1 "$bin" explain 9999.99999 --config "$work/demo/config.json" --offline "$src/examples/feeds"

# defaults: config.json in the current folder, table format
cd "$work/demo" || exit 1
mkdir -p "$work/fresh" && cp "$src/examples/config.json" "$work/fresh/config.json"  # no history yet
check "rank json matches its golden file" expect_exit 0 "$bin" rank -q --config "$work/fresh/config.json" --offline "$src/examples/feeds" --format json
check "rank json is byte-exact" cmp -s "$work/out" "$fixtures/golden/rank_examples.json"
cp "$work/out" "$work/ranked.json"
check "render takes rank's json" expect_exit 0 "$bin" render --papers "$work/ranked.json" --output "$work/from-rank.md"
check "render of rank's json has its papers" contains "$work/from-rank.md" "### 1. [Mesh-Attention"
check "rank defaults to ./config.json and a table" expect_exit 0 "$bin" rank --offline "$src/examples/feeds"
check "rank table has a header and a total" contains "$work/out" "candidates; the first 30 make the digest"
cd "$work" || exit 1

# render: the golden papers section appears byte for byte
for day in 2025-12-25 2026-02-12; do
  check "render $day" expect_exit 0 "$bin" render --papers "$fixtures/golden/readme_digest_$day.papers.json" --output "$work/render-$day.md"
  check "render $day is byte-exact" /usr/bin/python3 -c '
import sys
readme = open(sys.argv[1], "rb").read(); section = open(sys.argv[2], "rb").read()
sys.exit(0 if section in readme else 1)' "$work/render-$day.md" "$fixtures/golden/readme_digest_$day.papers_section.md"
done

# summarize --dry-run: what would be sent, without a key and without a request
check "summarize dry run exits 0" expect_exit 0 env DASHSCOPE_API_KEY= "$bin" summarize --dry-run --config "$work/demo/config.json"
check "summarize dry run counts papers" contains "$work/out" "15 papers would be summarized, 0 are cached"
check "summarize dry run estimates tokens" contains "$work/out" "estimated input: about"
check "summarize without a key is a usage error" expect_exit 2 env DASHSCOPE_API_KEY= "$bin" summarize --config "$work/demo/config.json"
check "summarize names the variable to set" contains "$work/err" "set DASHSCOPE_API_KEY"

# the API key never shows up in output or files; the endpoint is a closed local port (no test
# talks to the internet) and every summary fails without a retry
secret="sk-cli-test-$RANDOM$RANDOM-never-print-me"
/usr/bin/python3 - "$work/demo/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["ai_summary"] = {"base_url": "http://127.0.0.1:9/v1", "max_retries": 0}
json.dump(config, open(sys.argv[1], "w"))
PY
check "run with a key set" expect_exit 0 env DASHSCOPE_API_KEY="$secret" "$bin" run --verbose --config "$work/demo/config.json" --offline "$src/examples/feeds"
check "failed summaries are listed" contains "$work/demo/README.md" "15 not summarized"
check "key not in stdout/stderr" bash -c "! grep -qF '$secret' '$work/out' '$work/err'"
check "key not in any written file" bash -c "! grep -rqF '$secret' '$work/demo'"

# deliver: nothing configured is fine; a dry run prints the payloads and sends nothing; a
# webhook that cannot be reached is exit 3 without its URL in any output
check "deliver help exits 0" expect_exit 0 "$bin" deliver --help
check "deliver with no channel is ok" expect_exit 0 "$bin" deliver --config "$work/demo/config.json"
check "deliver names a bad channel" expect_exit 2 "$bin" deliver --channel slak --config "$work/demo/config.json"
check "deliver lists the channels" contains "$work/err" '"email", "slack", "discord"'
# Port 99999 is no port: curl refuses the URL at once, so nothing is retried (or slept).
hook="http://127.0.0.1:99999/hook-$RANDOM$RANDOM-never-print-me"
/usr/bin/python3 - "$work/demo/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["delivery"] = {"webhook": {}, "slack": {}}
json.dump(config, open(sys.argv[1], "w"))
PY
check "validate names the unset secret" expect_exit 0 "$bin" validate --config "$work/demo/config.json"
check "validate says the slack URL is unset" contains "$work/out" "SLACK_WEBHOOK_URL is not set"
check "deliver dry run exits 0" expect_exit 0 env DIGEST_WEBHOOK_URL="$hook" "$bin" deliver --dry-run --config "$work/demo/config.json"
check "dry run shows the payload" contains "$work/out" "== webhook: 1 message to \$DIGEST_WEBHOOK_URL"
check "dry run wrote no ledger" bash -c "[ ! -f '$work/demo/state/deliveries.json' ]"
check "an unreachable webhook is partial" expect_exit 3 env DIGEST_WEBHOOK_URL="$hook" "$bin" deliver --config "$work/demo/config.json"
check "the failure is named" contains "$work/err" "delivery: webhook: failed"
check "hook URL not in stdout/stderr" bash -c "! grep -qF 'never-print-me' '$work/out' '$work/err'"
check "hook URL not in any written file" bash -c "! grep -rqF 'never-print-me' '$work/demo'"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
