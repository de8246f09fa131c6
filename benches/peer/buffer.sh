#!/usr/bin/env bash
# The 5 km strip of the generated border, demarcate against shapely 2 (GEOS)
# in one run: 10,000 and 100,000 vertices, RUNS runs each (median), the load
# average before and after each job. shapely buffers the border projected to
# metres (planar, not geodesic): a speed reference for the same vertex count.
#
#   bash benches/peer/buffer.sh        # JSON lines on stdout
#
# Uses the venv of run.sh (benches/.venv, shapely 2.2.0), creating it if
# needed. Environment: RUNS (default 3), SIZES (default "10000 100000").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
SIZES=${SIZES:-10000 100000}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VENV=$ROOT/benches/.venv
PY=$VENV/bin/python
if ! "$PY" -c 'import numpy, shapely; assert shapely.__version__ == "2.2.0"' 2>/dev/null; then
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "shapely==2.2.0" numpy
fi
cargo build --quiet --release --example generate --example bench_peer
for n in $SIZES; do
    DATA=$TARGET/bench-data/${n}v_0z_0p
    "$TARGET/release/examples/generate" "$DATA" "$n" 0 0 0 >&2
    for cmd in "$TARGET/release/examples/bench_peer $DATA buffer $RUNS 1" \
               "$TARGET/release/examples/bench_peer $DATA buffer $RUNS 2" \
               "$PY $ROOT/benches/peer/shapely_peer.py $DATA buffer $RUNS"; do
        before=$(cut -d' ' -f1-3 /proc/loadavg)
        line=$($cmd)
        after=$(cut -d' ' -f1-3 /proc/loadavg)
        echo "{\"vertices\": $n, \"load_before\": \"$before\", \"load_after\": \"$after\", \"result\": $line}"
    done
done
