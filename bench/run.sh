#!/usr/bin/env bash
# Whole-process benchmark: preflight (JSONL report, written store by store)
# on corpora of 100, 1,000 and 10,000 stores against the single-threaded
# parse-only floor, measured in the same run with /usr/bin/time (wall time
# and peak RSS). Each command runs RUNS times (default 3) after one warm-up
# run that fills the page cache; the table shows the median wall time and
# the largest peak RSS. Prints a Markdown table.
#
#   bench/run.sh [WORK_DIR] [SIZES...]     default: target/bench 100 1000 10000
#   RUNS=5 bench/run.sh                    more runs per measurement
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench}
shift || true
sizes=("${@:-100 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-3}
cargo build --release --quiet --bin preflight --example gen_corpus --example parse_floor
mkdir -p "$work"
# Runs a command RUNS times; prints "median_wall_seconds max_rss_kb".
measure() {
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time.txt"
  done | sort -n | awk '{ w[NR] = $1; if ($2 > m) m = $2 } END { print w[int((NR + 1) / 2)], m }'
}
echo "| stores | corpus | preflight wall | stores/s | MB/s | peak RSS | parse-only floor | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -d "$corpus" ] || ./target/release/examples/gen_corpus "$n" "$corpus"
  mb=$(du -sm "$corpus" | cut -f1)
  read -r floor _ <<<"$(measure ./target/release/examples/parse_floor "$corpus")"
  read -r wall rss <<<"$(measure ./target/release/preflight check "$corpus" --format jsonl --output "$work/report-$n.jsonl" --today 2026-11-22 --progress never)"
  awk -v n="$n" -v mb="$mb" -v w="$wall" -v r="$rss" -v f="$floor" 'BEGIN {
    printf "| %d | %d MB | %.2f s | %.0f | %.1f | %.0f MB | %.2f s | %.2f |\n", n, mb, w, n / w, mb / w, r / 1024, f, w / f
  }'
done
