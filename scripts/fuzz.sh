#!/usr/bin/env bash
# The readers' fuzzing (issue 18), called by `bash scripts/netdrill.sh fuzz [--seconds N]`:
# builds the fuzz preset (clang-14, libFuzzer, ASan+UBSan; only the readers' layers) in
# build-fuzz/, then runs every harness of fuzz/seeds.txt for N seconds, two at a time, each on
# its growing corpus (build-fuzz/corpus/HARNESS/) and the repository's files it names as seeds.
# Prints executions per harness; a finding is left in build-fuzz/findings/ and fails the run
# (copy it into tests/fuzz/regressions/HARNESS/ once fixed: ctest replays it from then on).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --seconds=*) seconds=${1#--seconds=}; shift ;;
    *) echo "fuzz: unknown option $1 (usage: fuzz [--seconds N])" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz: --seconds takes a whole number of seconds, not \"$seconds\"" >&2; exit 2 ;; esac

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

out=build-fuzz/runs
rm -rf "$out" build-fuzz/findings
mkdir -p "$out" build-fuzz/findings
export NETDRILL_ASSETS="$root/assets"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_one() {  # HARNESS SEED_FOLDER...
  local harness=$1; shift
  local corpus="build-fuzz/corpus/$harness"
  mkdir -p "$corpus"
  local seeds=()
  for folder in "$@" "tests/fuzz/regressions/$harness"; do [ -d "$folder" ] && seeds+=("$folder"); done
  if "build-fuzz/fuzz/$harness-fuzz" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$harness-" \
      "$corpus" "${seeds[@]}" >"$out/$harness.log" 2>&1; then
    echo ok >"$out/$harness.status"
  else
    echo failed >"$out/$harness.status"
  fi
}

harnesses=()
while read -r harness folders; do
  case "$harness" in ''|'#'*) continue ;; esac
  harnesses+=("$harness")
  # shellcheck disable=SC2086  # the folders are words
  run_one "$harness" $folders &
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
  echo "fuzz: started $harness (${seconds} s)"
done <fuzz/seeds.txt
wait

failed=0
printf '%-14s %12s %10s %8s  %s\n' harness executions "exec/s" corpus result
for harness in "${harnesses[@]}"; do
  log="$out/$harness.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(find "build-fuzz/corpus/$harness" -type f | wc -l)
  status=$(cat "$out/$harness.status")
  printf '%-14s %12s %10s %8s  %s\n' "$harness" "${runs:-?}" "${rate:-?}" "$units" "$status"
  if [ "$status" != ok ]; then
    failed=1
    echo "--- $log (last lines)"
    tail -40 "$log"
  fi
done
if [ "$failed" -ne 0 ] || [ -n "$(ls -A build-fuzz/findings)" ]; then
  echo "fuzz: findings in build-fuzz/findings/ (fix, then copy each into tests/fuzz/regressions/HARNESS/)" >&2
  ls -l build-fuzz/findings >&2
  exit 1
fi
echo "fuzz: ${#harnesses[@]} harnesses, ${seconds} s each, no finding"
