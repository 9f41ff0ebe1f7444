#!/usr/bin/env bash
# The scheduled job (.github/workflows/digest.yml runs it; tests/job/digest_job_test.sh runs it
# against a local bare remote): run `arxiv-digest run` in a git checkout, then commit what it wrote
# (README, archive, digests, feeds, state) and push it, only when something changed. A concurrent
# push is survived by fetch + rebase + retry; a failed run commits nothing and exits non-zero.
#
# Usage: scripts/digest-job.sh [OPTIONS] [-- MORE_RUN_ARGS]
#   --bin PATH       arxiv-digest binary (env ARXIV_DIGEST_BIN; default build/release/src/arxiv-digest
#                    if built, else arxiv-digest on PATH)
#   --config PATH    config.json (default: config.json at the repository root)
#   --offline DIR    read feeds from DIR instead of arXiv (env ARXIV_DIGEST_OFFLINE)
#   --date D         digest date YYYY-MM-DD;  --since D [--until D]: backfill through the API
#   --mode MODE      sync | batch: ai_summary.mode for this run only (config.json is not edited)
#   --dry-run        run, then show what would be committed; commit and push nothing
#   --remote NAME    remote to push to (default origin); --branch NAME (default: current branch)
#   --retries N      push attempts before giving up (default 5)
# Env: DIGEST_JOB_RETRY_DELAY (seconds before the first retry, doubled each time; default 5),
#      GITHUB_STEP_SUMMARY (when set, the run status is appended to it as Markdown).
# Exit: 0 ok, nothing new, or partial (committed; a warning names the failed sources);
#       otherwise arxiv-digest's exit code (1 failed, 2 usage/config) or 1 when the push failed,
#       and nothing was pushed.
set -euo pipefail

bin=${ARXIV_DIGEST_BIN:-}
offline=${ARXIV_DIGEST_OFFLINE:-}
config="" mode="" dry_run=0 remote=origin branch="" retries=5
run_args=()
die() { echo "digest-job: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=${2:?--bin needs a path}; shift 2 ;;
    --config) config=${2:?--config needs a path}; shift 2 ;;
    --offline) offline=${2:?--offline needs a folder}; shift 2 ;;
    --date | --since | --until)
      [ -n "${2:-}" ] && run_args+=("$1" "$2"); shift 2 ;;
    --mode) mode=${2:-}; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --remote) remote=${2:?--remote needs a name}; shift 2 ;;
    --branch) branch=${2:?--branch needs a name}; shift 2 ;;
    --retries) retries=${2:?--retries needs a number}; shift 2 ;;
    --) shift; run_args+=("$@"); break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
case $mode in "" | config) mode="" ;; sync | batch) ;; *) die "--mode must be sync or batch, got '$mode'" ;; esac
[[ $retries =~ ^[1-9][0-9]*$ ]] || die "--retries must be a positive number, got '$retries'"

# Everything below runs at the root of the checkout that holds config.json.
script_dir=$(cd "$(dirname "$0")" && pwd)
if [ -z "$bin" ]; then
  if [ -x "$script_dir/../build/release/src/arxiv-digest" ]; then
    bin="$script_dir/../build/release/src/arxiv-digest"
  else
    bin=$(command -v arxiv-digest) || die "no arxiv-digest binary: build it or pass --bin"
  fi
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -z "$offline" ] || offline=$(cd "$offline" && pwd)
if [ -z "$config" ]; then
  config="$(git rev-parse --show-toplevel)/config.json"
fi
[ -f "$config" ] || die "no config file $config"
config_dir=$(cd "$(dirname "$config")" && pwd)
cd "$config_dir"
config=$config_dir/$(basename "$config")
repo_root=$(git rev-parse --show-toplevel)
[ -n "$branch" ] || branch=$(git symbolic-ref --short HEAD) || die "detached HEAD: pass --branch"

# The outputs to commit, read from the config (relative to config.json; defaults as in the schema).
mapfile -t outputs < <(python3 - "$config" <<'EOF'
import json, sys
try:  # an unreadable config is arxiv-digest's to report (exit 2); assume the defaults here
    output = json.load(open(sys.argv[1], encoding="utf-8")).get("output", {})
    output = output if isinstance(output, dict) else {}
except (OSError, ValueError, AttributeError):
    output = {}
for key, default in [("readme", "README.md"), ("archive_dir", "data"), ("state_dir", "state"),
                     ("digests_dir", "digests"), ("feed", "feed.xml"),
                     ("digest_json", "digest.json")]:
    print(output.get(key, default))
EOF
)
state_dir=${outputs[2]}

# --mode: a copy of config.json beside it (same folder, so the same outputs), never committed.
run_config=$config
if [ -n "$mode" ]; then
  run_config="$config_dir/.digest-job.$$.config.json"
  trap 'rm -f "$run_config"' EXIT
  python3 - "$config" "$run_config" "$mode" <<'EOF' 2>/dev/null || run_config=$config
import json, sys
config = json.load(open(sys.argv[1], encoding="utf-8"))
config.setdefault("ai_summary", {})["mode"] = sys.argv[3]
json.dump(config, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
EOF
fi

status_field() {  # status_field NAME: a field of the run status, "" when unreadable
  python3 - "$state_dir/last_run.json" "$1" <<'EOF' 2>/dev/null || true
import json, sys
status = json.load(open(sys.argv[1], encoding="utf-8"))
value = {"selected": status.get("selection", {}).get("selected")}.get(sys.argv[2], status.get(sys.argv[2]))
print("" if value is None else value)
EOF
}
summary() { [ -z "${GITHUB_STEP_SUMMARY:-}" ] || printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"; }
summarize_run() {  # summarize_run TITLE RESULT_LINE
  summary "### arxiv-digest: $1" ""
  local status
  status=$(status_field status_line)
  [ -z "$status" ] || summary "$status" ""
  summary "$2" ""
  if [ -f "$state_dir/last_run.json" ]; then
    summary "<details><summary>$state_dir/last_run.json</summary>" "" '```json'
    summary "$(cat "$state_dir/last_run.json")" '```' "</details>" ""
  fi
}

echo "digest-job: $bin run --config $run_config ${offline:+--offline $offline} ${run_args[*]:-}"
set +e
"$bin" run --config "$run_config" ${offline:+--offline "$offline"} "${run_args[@]}"
code=$?
set -e
case $code in
  0) title="ok" ;;
  3) title="partial (exit 3)"; echo "::warning::arxiv-digest: some sources or deliveries failed; the digest holds the others (see $state_dir/last_run.json)" ;;
  *)
    summarize_run "failed (exit $code)" "Nothing was committed."
    echo "::error::arxiv-digest run failed with exit code $code; nothing was committed (see the log above and $state_dir/last_run.json)"
    exit "$code" ;;
esac

# Stage the outputs that exist or were tracked; feed bodies kept for conditional GET and the
# history index (derived from the archive) stay local, kept by the workflow's cache.
paths=()
for path in "${outputs[@]}"; do
  if [ -e "$path" ] || [ -n "$(git ls-files -- "$path")" ]; then paths+=("$path"); fi
done
[ ${#paths[@]} -eq 0 ] || git add -A -- "${paths[@]}" ":(exclude)$state_dir/feeds" \
  ":(exclude)$state_dir/index"

if git diff --cached --quiet; then
  echo "digest-job: nothing changed; no commit"
  summarize_run "$title" "Nothing changed: no commit."
  exit 0
fi
if [ "$dry_run" -eq 1 ]; then
  echo "digest-job: dry run; would commit:"
  git diff --cached --stat
  summarize_run "$title (dry run)" "Dry run: would commit $(git diff --cached --shortstat)."
  git reset -q
  exit 0
fi

# The commit message says what the digest holds (from the run status, when it is readable).
date=$(status_field digest_date) selected=$(status_field selected)
message="digest: ${date:-$(date -u +%Y-%m-%d)}${selected:+ ($selected papers)}"
identity=()
if [ -z "$(git config user.email || true)" ]; then
  identity=(-c "user.name=github-actions[bot]"
            -c "user.email=41898282+github-actions[bot]@users.noreply.github.com")
fi
git "${identity[@]}" commit -q -m "$message" -m "Written by scripts/digest-job.sh (arxiv-digest exit $code)."

delay=${DIGEST_JOB_RETRY_DELAY:-5}
attempt=1
until git push -q "$remote" "HEAD:refs/heads/$branch"; do
  if [ "$attempt" -ge "$retries" ]; then
    summarize_run "$title, push failed" "The commit could not be pushed after $retries attempts."
    echo "::error::could not push the digest to $remote/$branch after $retries attempts"
    exit 1
  fi
  echo "digest-job: push rejected (attempt $attempt of $retries); rebasing on $remote/$branch in ${delay}s"
  sleep "$delay"
  delay=$((delay * 2))
  attempt=$((attempt + 1))
  if ! git fetch -q "$remote" "$branch"; then
    echo "digest-job: fetching $remote/$branch failed; trying the push again"
    continue
  fi
  # Our commit holds only generated files: where both sides changed one, keep what this run wrote.
  if ! git "${identity[@]}" rebase -q -X theirs FETCH_HEAD; then
    git rebase --abort || true
    summarize_run "$title, push failed" "Rebasing on $remote/$branch failed; nothing was pushed."
    echo "::error::could not rebase the digest commit on $remote/$branch"
    exit 1
  fi
done
sha=$(git rev-parse --short HEAD)
echo "digest-job: pushed $sha to $remote/$branch"
summarize_run "$title" "Committed \`$sha\` ($message) to \`$branch\` in $(basename "$repo_root")."
