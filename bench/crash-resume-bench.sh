#!/usr/bin/env bash
# Crash and resume (issue 18): RUNS runs of a province drill with its good trainee, each killed with
# kill -9 at a point of a seeded schedule (0 to MAX_MS after its start). Every journal left behind
# must load and replay (drill replay) to the drill's end with the commands it holds, its seal intact
# up to its last whole line. Prints the figures; exits 1 if any journal fails.
#
#   bash bench/crash-resume-bench.sh [RUNS=50] [SEED=18] [MAX_MS=3000]   (after a build: build/netdrill)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-50} seed=${2:-18} max_ms=${3:-3000}
netdrill="$root/build/netdrill"
drill="$root/scenarios/power-loss.yaml"
actions="$root/scenarios/actions/power-loss.good.yaml"
[ -x "$netdrill" ] || { echo "crash-resume-bench: build first (bash scripts/netdrill.sh test)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) threads; $(uname -sr)"
echo "command: bash bench/crash-resume-bench.sh $runs $seed $max_ms"
# The schedule: RUNS delays in milliseconds, the same for the same seed.
mapfile -t delays < <(awk -v n="$runs" -v s="$seed" -v m="$max_ms" 'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%d\n", rand() * m }')
killed=0 finished=0 replayed=0 failed=0 intact=0 cut=0 lines_total=0
for i in $(seq 0 $((runs - 1))); do
  journal="$work/run-$i.journal"
  "$netdrill" drill run "$drill" --actions "$actions" --record "$journal" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms="${delays[$i]}" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true
  if [ ! -s "$journal" ]; then
    # Killed before the header was written: nothing to resume, nothing to check.
    continue
  fi
  lines=$(wc -l <"$journal")
  lines_total=$((lines_total + lines))
  [ "$(tail -c1 "$journal" | od -An -c | tr -d ' ')" != '\n' ] && cut=$((cut + 1))
  if out=$("$netdrill" drill replay "$journal" --json 2>"$work/err-$i"); then
    replayed=$((replayed + 1))
    grep -q "journal: sealed, .* lines intact" "$work/err-$i" && intact=$((intact + 1))
  else
    failed=$((failed + 1))
    echo "run $i (killed at ${delays[$i]} ms): the journal does not replay:" >&2
    cat "$work/err-$i" >&2
  fi
done
echo "runs $runs: killed mid-run $killed, finished before the kill $finished; journals left $((replayed + failed)) ($cut with a last line cut short), $lines_total lines"
echo "replayed to the end: $replayed, seal intact: $intact, failed: $failed"
[ "$failed" -eq 0 ]
