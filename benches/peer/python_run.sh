#!/usr/bin/env bash
# The Python rows of the peer comparison in one command: 1M points through the
# Rust batch, the CLI (CSV in, CSV out), the Python package and Spark local[2],
# on the same generated data. Writes the JSON lines to the data directory and a
# Markdown table to OUT (default BENCHMARKS-python.md).
#
#   PYTHON=/path/to/venv/bin/python bash benches/peer/python_run.sh
#
# PYTHON must have demarcate (pip install ./python), numpy, pyspark and pyarrow.
# Environment: RUNS (default 3), VERTICES (100000), POINTS (1000000),
# ZONES (10000), PARTITIONS (8), CARGO_TARGET_DIR (honoured).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
VERTICES=${VERTICES:-100000}
POINTS=${POINTS:-1000000}
ZONES=${ZONES:-10000}
PARTITIONS=${PARTITIONS:-8}
OUT=${OUT:-BENCHMARKS-python.md}
PY=${PYTHON:-python3}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DATA=$TARGET/bench-data/${VERTICES}v_${ZONES}z_${POINTS}p

say() { printf '== %s\n' "$*" >&2; }
say "cargo build --release --example generate --example bench_peer --bin demarcate"
cargo build --quiet --release --example generate --example bench_peer --bin demarcate
"$TARGET/release/examples/generate" "$DATA" "$VERTICES" "$POINTS" "$ZONES"

RESULTS=$DATA/python_results.jsonl
: >"$RESULTS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
job() { say "$*"; "$@" | tee -a "$RESULTS"; }
job "$TARGET/release/examples/bench_peer" "$DATA" distance "$RUNS" 2
job "$PY" benches/peer/python_peer.py "$DATA" python "$RUNS"
job "$PY" benches/peer/python_peer.py "$DATA" cli "$RUNS" "$TARGET/release/demarcate"
job "$PY" benches/peer/python_peer.py "$DATA" spark "$RUNS" "" "$PARTITIONS"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

"$PY" - "$RESULTS" "$LOAD_START" "$LOAD_END" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$RUNS" >"$OUT" <<'PYEOF'
import json, sys
rows = {r["side"]: r for r in map(json.loads, open(sys.argv[1]))}
n = rows["python"]["points"]
print("# Python, CLI and Spark throughput\n")
print("*Written by `bash benches/peer/python_run.sh`; do not edit by hand.*\n")
print(f"{n:,} points against the generated {rows['demarcate']['edges']:,}-edge border, median of {sys.argv[6]} runs, {sys.argv[5]};")
print(f"{sys.argv[4]} cores, load average {sys.argv[2]} at the start, {sys.argv[3]} at the end.\n")
print("| distance to the border | median | points/s | vs the CLI |")
print("|---|---|---|---|")
cli = rows["cli"]["median_s"]
for side, label in [("demarcate", "Rust batch, `distances_to_border`, 2 threads"),
                    ("python", "Python `BorderMap.distance_to_border` (numpy in and out)"),
                    ("cli", "CLI `demarcate distance` (load, CSV in and out)"),
                    ("spark", f"Spark local[2], `demarcate.spark` ({rows['spark']['partitions']} partitions)")]:
    s = rows[side]["median_s"]
    print(f"| {label} | {s:.2f} s | {n / s:,.0f} | {s / cli:.2f}× |")
print("\nThe Python call answers the same numbers as the Rust batch (the tests check it bit for bit);")
print("it skips the CLI's CSV parsing and formatting. Spark's time includes its scheduling and the")
print("Arrow transfer to 2 Python workers, each of which loads the dataset once.")
PYEOF
cat "$OUT"
