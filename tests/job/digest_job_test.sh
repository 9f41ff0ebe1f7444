#!/usr/bin/env bash
# scripts/digest-job.sh against a local bare repository standing in for GitHub: the digest is
# committed and pushed, a rerun with nothing new commits nothing, a remote that moved ahead is
# rebased on (also when it touched a generated file), a dry run pushes nothing, and a failing run
# leaves the remote unchanged. No network: feeds come from the offline examples and fixtures.
# Usage: digest_job_test.sh ARXIV_DIGEST_BINARY SOURCE_DIR FIXTURES_DIR
set -u
bin=$1 src=$2 fixtures=$3
job="$src/scripts/digest-job.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# A git of our own: no global or system config, an identity (CI runs as root without one).
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --global user.name "Digest Test"
git config --global user.email "digest-test@example.invalid"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
export DIGEST_JOB_RETRY_DELAY=0 DASHSCOPE_API_KEY='' ARXIV_DIGEST_BIN="$bin"
unset GITHUB_STEP_SUMMARY ARXIV_DIGEST_OFFLINE

check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
expect_exit() {  # expect_exit CODE COMMAND...   (output in $work/out)
  local want=$1; shift
  "$@" >"$work/out" 2>&1
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, wanted $want: $*"; sed 's/^/  | /' "$work/out" | tail -25; return 1; }
}
contains() { grep -qF -- "$2" "$1" || { echo "  '$2' not in $1:"; head -30 "$1" | sed 's/^/  | /'; return 1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { echo "  '$2' unexpectedly in $1"; return 1; }; }
remote_head() { git -C "$work/remote.git" rev-parse refs/heads/main; }
remote_has() { git -C "$work/remote.git" cat-file -e "main:$1" 2>/dev/null || { echo "  $1 not on the remote"; return 1; }; }
same() { [ "$1" = "$2" ] || { echo "  '$1' != '$2'"; return 1; }; }
differ() { [ "$1" != "$2" ] || { echo "  both '$1'"; return 1; }; }
in_job() { (cd "$work/job" && "$@"); }

# The "GitHub" remote, seeded with a fork's config.json; the job's checkout is a clone of it.
git init -q --bare "$work/remote.git"
git clone -q "$work/remote.git" "$work/other" 2>/dev/null
sed 's|"\.\./config\.schema\.json"|"./config.schema.json"|' "$src/examples/config.json" >"$work/other/config.json"
printf '# my fork\n' >"$work/other/NOTES.md"
git -C "$work/other" add config.json NOTES.md
git -C "$work/other" commit -q -m "chore: Fork with my config"
git -C "$work/other" push -q origin HEAD:main
git clone -q "$work/remote.git" "$work/job"
mkdir -p "$work/day1" "$work/day2" "$work/broken"
cp "$src/examples/feeds/"*2026-02-12.xml "$work/day1/"
cp "$src/examples/feeds/"*2025-12-25.xml "$work/day2/"
cp "$fixtures/feeds/rss_truncated.xml" "$work/broken/"

# 1. A digest run commits README, archive and state (not the cached feed bodies or the history
#    index) and pushes them.
before=$(remote_head)
export GITHUB_STEP_SUMMARY="$work/summary.md"
check "first run succeeds" expect_exit 0 in_job "$job" --offline "$work/day1"
check "first run pushed a commit" differ "$before" "$(remote_head)"
check "README on the remote" remote_has README.md
check "archive on the remote" remote_has data/2026-02-12.jsonl
check "run status on the remote" remote_has state/last_run.json
check "history index built locally" test -f "$work/job/state/index/history.sqlite"
check "history index not committed" same "" "$(git -C "$work/remote.git" ls-tree -r --name-only main -- state/index)"
check "commit message names the digest" contains <(git -C "$work/remote.git" log -1 --format=%s main) "digest:"
check "the fork's own files are kept" remote_has NOTES.md
check "job summary has the outcome" contains "$work/summary.md" "### arxiv-digest: ok"
check "job summary has the run status line" contains "$work/summary.md" "Committed"
check "job summary has last_run.json" contains "$work/summary.md" '"outcome"'
unset GITHUB_STEP_SUMMARY

# 2. Nothing changed on disk (a binary that writes nothing): no commit, nothing pushed.
printf '#!/bin/sh\nexit 0\n' >"$work/noop-digest" && chmod +x "$work/noop-digest"
before=$(remote_head)
check "unchanged run succeeds" expect_exit 0 in_job "$job" --bin "$work/noop-digest" --offline "$work/day1"
check "unchanged run says so" contains "$work/out" "nothing changed"
check "unchanged run pushed nothing" same "$before" "$(remote_head)"
check "unchanged run made no local commit" same "$before" "$(git -C "$work/job" rev-parse HEAD)"

# 3. The remote moved ahead (the user edited a file and the README meanwhile): the job rebases on
#    it, keeps both, and its own README wins where both changed it.
git -C "$work/other" pull -q --rebase origin main
printf '# my fork\nmore notes\n' >"$work/other/NOTES.md"
sed -i 's/^- \*\*Last Updated\*\*:.*/- hand-edited/' "$work/other/README.md"  # a line the job rewrites
git -C "$work/other" commit -q -am "docs: Edit notes and README by hand"
git -C "$work/other" push -q origin HEAD:main
theirs=$(remote_head)
check "run behind the remote succeeds" expect_exit 0 in_job "$job" --offline "$work/day2"
check "the push was first rejected, then retried" contains "$work/out" "push rejected"
check "pushed on top of the other commit" same "$theirs" "$(git -C "$work/remote.git" rev-parse main~1)"
check "new day's archive on the remote" remote_has data/2025-12-25.jsonl
check "the other commit's change is kept" contains <(git -C "$work/remote.git" show main:NOTES.md) "more notes"
check "README was edited on the other side" contains <(git -C "$work/remote.git" show "$theirs:README.md") "hand-edited"
check "the job's README wins the conflict" lacks <(git -C "$work/remote.git" show main:README.md) "hand-edited"
check "job checkout is clean after the rebase" same "" "$(git -C "$work/job" status --porcelain -- README.md data)"

# 4. A dry run shows what it would commit and pushes nothing.
rm -rf "$work/job/data/2025-12-25.jsonl"
before=$(remote_head)
check "dry run succeeds" expect_exit 0 in_job "$job" --dry-run --offline "$work/day2"
check "dry run lists the files" contains "$work/out" "would commit"
check "dry run pushed nothing" same "$before" "$(remote_head)"
check "dry run made no commit" same "$before" "$(git -C "$work/job" rev-parse HEAD)"
git -C "$work/job" checkout -q -- . && git -C "$work/job" clean -qfd -- data state README.md

# 5. --mode batch uses a temporary copy of the config, which is neither left behind nor committed.
check "mode override runs" expect_exit 0 in_job "$job" --mode batch --offline "$work/day1"
check "no temporary config left" same "" "$(find "$work/job" -maxdepth 1 -name '.digest-job*')"
check "config.json unchanged" same "" "$(git -C "$work/job" status --porcelain -- config.json)"
check "bad mode is a usage error" expect_exit 2 in_job "$job" --mode fast --offline "$work/day1"

# 6. A failing run (a truncated feed: exit 1) commits and pushes nothing, and fails the job.
before=$(remote_head)
local_before=$(git -C "$work/job" rev-parse HEAD)
export GITHUB_STEP_SUMMARY="$work/failed.md"
check "failing run fails the job" expect_exit 1 in_job "$job" --offline "$work/broken"
check "failure is annotated" contains "$work/out" "::error::"
check "failing run leaves the remote unchanged" same "$before" "$(remote_head)"
check "failing run made no commit" same "$local_before" "$(git -C "$work/job" rev-parse HEAD)"
check "job summary says it failed" contains "$work/failed.md" "failed (exit 1)"
unset GITHUB_STEP_SUMMARY

# 7. An invalid config.json (exit 2) commits nothing either, also with a --mode override.
cp "$work/job/config.json" "$work/config.good"
printf '{"categories": ["cs.AI"], "max_papers": "ten"' >"$work/job/config.json"
check "invalid config is exit 2" expect_exit 2 in_job "$job" --offline "$work/day1"
check "invalid config names nothing but the problem" lacks "$work/out" "Traceback"
check "invalid config with --mode is exit 2" expect_exit 2 in_job "$job" --mode sync --offline "$work/day1"
check "invalid config leaves the remote unchanged" same "$before" "$(remote_head)"
cp "$work/config.good" "$work/job/config.json"

# 8. A push that keeps failing (the remote is gone) gives up after --retries and fails the job.
mv "$work/remote.git" "$work/remote.moved"
rm -f "$work/job/data/2025-12-25.jsonl"
check "unreachable remote fails the job" expect_exit 1 in_job "$job" --retries 2 --offline "$work/day2"
check "gave up after the retries" contains "$work/out" "after 2 attempts"
mv "$work/remote.moved" "$work/remote.git"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
