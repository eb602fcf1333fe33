#!/usr/bin/env bash
# Whole-process benchmark: preflight (JSONL report, written store by store)
# on corpora of 100, 1,000 and 10,000
# stores against the single-threaded parse-only floor, measured in the same
# run with /usr/bin/time (wall time and peak RSS). Prints a Markdown table.
#
#   bench/run.sh [WORK_DIR] [SIZES...]     default: target/bench 100 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench}
shift || true
sizes=("${@:-100 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
cargo build --release --quiet --bin preflight --example gen_corpus --example parse_floor
mkdir -p "$work"
measure() { # prints "wall_seconds max_rss_kb"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time.txt"
}
echo "| stores | corpus | preflight wall | stores/s | MB/s | peak RSS | parse-only floor | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -d "$corpus" ] || ./target/release/examples/gen_corpus "$n" "$corpus"
  mb=$(du -sm "$corpus" | cut -f1)
  # Warm the page cache once so both measurements read from memory.
  ./target/release/examples/parse_floor "$corpus" >/dev/null
  read -r floor _ <<<"$(measure ./target/release/examples/parse_floor "$corpus")"
  read -r wall rss <<<"$(measure ./target/release/preflight check "$corpus" --format jsonl --output "$work/report-$n.jsonl" --today 2026-11-22 --progress never)"
  awk -v n="$n" -v mb="$mb" -v w="$wall" -v r="$rss" -v f="$floor" 'BEGIN {
    printf "| %d | %d MB | %.2f s | %.0f | %.1f | %.0f MB | %.2f s | %.2f |\n", n, mb, w, n / w, mb / w, r / 1024, f, w / f
  }'
done
