#!/usr/bin/env bash
# Whole-process benchmark: preflight (JSONL report, written store by store)
# on corpora of 100, 1,000 and 10,000 stores against the single-threaded
# parse-only floor, measured in the same run. Wall time is taken with a
# nanosecond clock around each command, peak RSS with /usr/bin/time. After
# one warm-up run of each (to fill the page cache), the floor and preflight
# run alternately RUNS times (default 5), so that a slow spell of the machine
# hits both; the table shows each one's median wall time, the ratio of the
# medians, and preflight's largest peak RSS. Prints a Markdown table.
#
#   bench/run.sh [WORK_DIR] [SIZES...]     default: target/bench 100 1000 10000
#   RUNS=9 bench/run.sh                    more runs per measurement
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench}
shift || true
sizes=("${@:-100 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-5}
cargo build --release --quiet --bin preflight --example gen_corpus --example parse_floor
mkdir -p "$work"
# Runs a command once; prints "wall_seconds max_rss_kb".
once() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000))e-3 $(tail -n 1 "$work/time.txt")"
}
# The median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "| stores | corpus | preflight wall | stores/s | MB/s | peak RSS | parse-only floor | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -d "$corpus" ] || ./target/release/examples/gen_corpus "$n" "$corpus"
  mb=$(du -sm "$corpus" | cut -f1)
  floor_cmd=(./target/release/examples/parse_floor "$corpus")
  lint_cmd=(./target/release/preflight check "$corpus" --format jsonl --output "$work/report-$n.jsonl" --today 2026-11-22 --progress never)
  once "${floor_cmd[@]}" >/dev/null
  once "${lint_cmd[@]}" >/dev/null
  : >"$work/floor.txt"
  : >"$work/lint.txt"
  for _ in $(seq "$runs"); do
    once "${floor_cmd[@]}" >>"$work/floor.txt"
    once "${lint_cmd[@]}" >>"$work/lint.txt"
  done
  floor=$(cut -d' ' -f1 "$work/floor.txt" | median)
  wall=$(cut -d' ' -f1 "$work/lint.txt" | median)
  rss=$(cut -d' ' -f2 "$work/lint.txt" | sort -n | tail -n 1)
  awk -v n="$n" -v mb="$mb" -v w="$wall" -v r="$rss" -v f="$floor" 'BEGIN {
    printf "| %d | %d MB | %.3f s | %.0f | %.1f | %.0f MB | %.3f s | %.2f |\n", n, mb, w, n / w, mb / w, r / 1024, f, w / f
  }'
done
