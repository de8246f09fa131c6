#!/usr/bin/env bash
# Events through the CLI: `demarcate distance` from CSV to CSV on 1M and 10M
# generated points against a 100,000-vertex border, with peak RSS
# (`/usr/bin/time -v`) and points per second, written as a Markdown table.
#
#   bash benches/peer/cli_events.sh
#
# Environment: SIZES (default "1000000 10000000"), RUNS (default 1; the
# median is reported), VERTICES (default 100000), BASELINE (optional: another
# `demarcate` binary, e.g. an older build, run on the first size only, for
# the "before" row), OUT (default BENCHMARKS-cli.md), CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-1}
VERTICES=${VERTICES:-100000}
OUT=${OUT:-BENCHMARKS-cli.md}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/demarcate
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

say() { printf '== %s\n' "$*" >&2; }
say "cargo build --release --bin demarcate --example generate"
cargo build --quiet --release --bin demarcate --example generate

# One run: prints "seconds peak_kB".
measure() {
    local bin=$1 data=$2 log
    log=$(mktemp)
    /usr/bin/time -v "$bin" distance "$data/dataset.geojson" --points "$data/points.csv" \
        -o "$data/answers.csv" 2>"$log" >/dev/null || { cat "$log" >&2; exit 1; }
    local wall kb
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    rm -f "$log"
    echo "$wall $kb"
}

# Median over RUNS of "seconds peak_kB" (by seconds).
median() {
    local bin=$1 data=$2 i
    for i in $(seq "$RUNS"); do measure "$bin" "$data"; done | sort -n |
        awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
first=1
for n in $SIZES; do
    data=$TARGET/bench-data/cli_${VERTICES}v_${n}p
    say "data: $VERTICES vertices, $n points in $data"
    [ -s "$data/points.csv" ] || "$TARGET/release/examples/generate" "$data" "$VERTICES" "$n" 10 >&2
    if [ "$first" = 1 ] && [ -n "${BASELINE:-}" ]; then
        say "baseline $BASELINE, $n points"
        read -r s kb < <(median "$BASELINE" "$data")
        ROWS+=("| baseline (\`$(basename "$BASELINE")\`) | $n | $s s | $(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }') | $((kb / 1024)) MB |")
    fi
    first=0
    say "demarcate, $n points"
    read -r s kb < <(median "$BIN" "$data")
    ROWS+=("| demarcate (streaming) | $n | $s s | $(awk -v n="$n" -v s="$s" 'BEGIN { printf "%.0f", n / s }') | $((kb / 1024)) MB |")
    rm -f "$data/answers.csv"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "# CLI benchmark: events from CSV to CSV"
    echo
    echo "*Written by \`bash benches/peer/cli_events.sh\`.* \`demarcate distance DATASET --points points.csv -o answers.csv\`"
    echo "on the \`generate\` example's data (a border of $VERTICES vertices, points uniform over its box grown by 0.5°),"
    echo "median of $RUNS run(s); peak RSS from \`/usr/bin/time -v\`."
    echo
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load average at the start $LOAD_START, at the end $LOAD_END"
    echo "- $(rustc -V); run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "| binary | points | wall | points/s | peak RSS |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
} >"$OUT"
say "done: $OUT"
cat "$OUT"
