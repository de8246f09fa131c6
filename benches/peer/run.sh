#!/usr/bin/env bash
# The peer comparison in one command: demarcate against shapely 2 (GEOS) on
# the same generated data, written to BENCHMARKS.md.
#
#   bash benches/peer/run.sh
#
# 1. creates benches/.venv (gitignored) with shapely==2.2.0 and numpy, unless
#    it is already there;
# 2. generates the data with the `generate` example (default: a border of
#    100,000 vertices, 10,000 incursion zones, 1,000,000 query points);
# 3. runs each job in its own process, demarcate (examples/bench_peer.rs) and
#    shapely (benches/peer/shapely_peer.py), RUNS times each (median), with
#    the peak resident memory of each process;
# 4. writes BENCHMARKS.md (machine, versions, load average, the table, the
#    targets) with benches/peer/report.py.
#
# Environment: RUNS (default 5), VERTICES, POINTS, ZONES (the data sizes),
# OUT (default BENCHMARKS.md), CARGO_TARGET_DIR (honoured), PYTHON (the
# interpreter that creates the venv, default python3).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-5}
VERTICES=${VERTICES:-100000}
POINTS=${POINTS:-1000000}
ZONES=${ZONES:-10000}
OUT=${OUT:-BENCHMARKS.md}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DATA=$TARGET/bench-data/${VERTICES}v_${ZONES}z_${POINTS}p
VENV=$ROOT/benches/.venv
PY=$VENV/bin/python

say() { printf '== %s\n' "$*" >&2; }

say "python venv ($VENV)"
if ! "$PY" -c 'import numpy, shapely; assert shapely.__version__ == "2.2.0"' 2>/dev/null; then
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "shapely==2.2.0" numpy
fi

say "cargo build --release --example generate --example bench_peer"
cargo build --quiet --release --example generate --example bench_peer

say "data: $VERTICES vertices, $ZONES zones, $POINTS points in $DATA"
"$TARGET/release/examples/generate" "$DATA" "$VERTICES" "$POINTS" "$ZONES"

RESULTS=$DATA/results.jsonl
: >"$RESULTS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
job() {
    say "$*"
    "$@" | tee -a "$RESULTS"
}
RUST=$TARGET/release/examples/bench_peer
PEER="$PY $ROOT/benches/peer/shapely_peer.py"
job "$RUST" "$DATA" load "$RUNS" 1
job $PEER "$DATA" load "$RUNS"
job "$RUST" "$DATA" distance "$RUNS" 1
job "$RUST" "$DATA" distance "$RUNS" 2
job $PEER "$DATA" distance "$RUNS"
job "$RUST" "$DATA" overlaps "$RUNS" 1
job "$RUST" "$DATA" overlaps "$RUNS" 2
job $PEER "$DATA" overlaps "$RUNS"
# Territories: the same jobs on the data with two territories sharing the
# border, the report on both, and a 1M-vertex pair of territories indexed.
T=dataset-territories.geojson
job "$RUST" "$DATA" load "$RUNS" 1 "$T"
job "$RUST" "$DATA" distance "$RUNS" 1 "$T"
job "$RUST" "$DATA" distance "$RUNS" 2 "$T"
job $PEER "$DATA" distance "$RUNS" "$T"
job "$RUST" "$DATA" report "$RUNS" 2
job "$RUST" "$DATA" report "$RUNS" 2 "$T"
BIG=$TARGET/bench-data/1000000v_0z_1000p
"$TARGET/release/examples/generate" "$BIG" 1000000 1000 0 0
job "$RUST" "$BIG" index "$RUNS" 2 "$T"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

say "writing $OUT"
"$PY" "$ROOT/benches/peer/report.py" "$RESULTS" \
    --started "$START" \
    --load-start "$LOAD_START" \
    --load-end "$LOAD_END" \
    --rustc "$(rustc -V)" \
    --cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
    --cores "$(nproc)" \
    --sizes "$VERTICES $ZONES $POINTS" \
    --runs "$RUNS" >"$OUT"
say "done: $OUT"
