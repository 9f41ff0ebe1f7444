#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan+UBSan) and runs every fuzz target for a bounded
# time: fuzz/run.sh [seconds-per-target] (default 60). Fails on any crash, leak, UBSan report or
# failed check, leaving the input in build/fuzz/artifacts/<what>/. Prints per target the seconds,
# executions and coverage (cov: edges, ft: features) of the run.
#
# Corpora: a writable one in build/fuzz/corpus/<what> (what the runs found), then the committed
# seeds fuzz/corpus/<what> and crashers fuzz/regressions/<what>, then, read-only, the captured
# payloads of the shared data folder (ARXIV_DIGEST_DATA_DIR, default ../shared/data, as the tests).
# FUZZ_TARGETS="feed oai" runs only those; FUZZ_SKIP_BUILD=1 uses the binaries as built;
# FUZZ_KEEP_GOING=1 records a crash and goes on fuzzing that target until its time is up (for
# long runs: the exit status still says whether anything was found).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build/fuzz
data=${ARXIV_DIGEST_DATA_DIR:-../shared/data}
targets=${FUZZ_TARGETS:-archive batch chat config date delivery feed files oai summary tex}

if [[ -z ${FUZZ_SKIP_BUILD:-} ]]; then
  [[ -f $build/build.ninja ]] || cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz
fi

# What each target reads: its dictionary and the shared data folders holding its kind of input.
dict_of() {
  case $1 in
    feed | oai) echo fuzz/dict/xml.dict ;;
    date | tex) echo "" ;;
    summary) echo fuzz/dict/markdown.dict ;;
    *) echo fuzz/dict/json.dict ;;
  esac
}
data_of() {
  case $1 in
    feed) echo arxiv ;;
    oai) echo oai ;;
    chat | batch | files) echo openai ;;
    delivery) echo webhooks ;;
    archive) echo seeds ;;
    *) echo "" ;;
  esac
}

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# One libFuzzer run of $1 for $2 seconds; its output goes to $3.
run_once() {
  local what=$1 budget=$2 log=$3
  local args=(-max_total_time="$budget" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048
    -max_len=65536 -artifact_prefix="$build/artifacts/$what/")
  local dict
  dict=$(dict_of "$what")
  [[ -n $dict ]] && args+=(-dict="$dict")
  local dirs=("$build/corpus/$what" "fuzz/corpus/$what")
  [[ -d fuzz/regressions/$what ]] && dirs+=("fuzz/regressions/$what")
  local sub
  sub=$(data_of "$what")
  [[ -n $sub && -d $data/$sub ]] && dirs+=("$data/$sub")
  "$build/fuzz/fuzz_$what" "${args[@]}" "${dirs[@]}" >"$log" 2>&1
}

failed=()
total_seconds=0
printf '%-10s %8s %12s %8s %8s  %s\n' target seconds execs cov ft result
for what in $targets; do
  mkdir -p "$build/corpus/$what" "$build/artifacts/$what"
  log="$build/fuzz_$what.log"
  : >"$log"
  start=$(date +%s)
  execs=0
  result=ok
  while :; do
    left=$((seconds - ($(date +%s) - start)))
    ((left > 0)) || break
    if ! run_once "$what" "$left" "$log.part"; then
      result="CRASH (see $log)"
    fi
    cat "$log.part" >>"$log"
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.part" | tail -1)
    execs=$((execs + ${n:-0}))
    [[ $result == ok || -n ${FUZZ_KEEP_GOING:-} ]] || break
  done
  rm -f "$log.part"
  elapsed=$(($(date +%s) - start))
  total_seconds=$((total_seconds + elapsed))
  final=$(grep -E '#[0-9]+.*cov: [0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$final")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$final")
  printf '%-10s %8s %12s %8s %8s  %s\n' "$what" "$elapsed" "$execs" "${cov:--}" "${ft:--}" "$result"
  [[ $result == ok ]] || failed+=("$what")
done
echo "fuzzed ${total_seconds} s in total"
if ((${#failed[@]})); then
  echo "findings in: ${failed[*]} (inputs in $build/artifacts/)" >&2
  for what in "${failed[@]}"; do
    grep -E -m3 'ERROR: |runtime error|fuzz check failed' "$build/fuzz_$what.log" >&2 || true
  done
  exit 1
fi
