#!/usr/bin/env python3
"""Reference answers for the ACLED-style events file, for the CLI tests.

For every row of data/events-acled-style.csv (read with Python's csv module,
so quoted commas, quotes and line breaks are parsed independently of the
crate): the exact distance to the border of data/armenia-azerbaijan-2021.geojson,
the nearest point and segment, the side, and the distance to segment seg-07
alone (for `--segments`). The per-edge geodesic solution is
border_reference.py's (geographiclib: dense sampling, then bisection on the
sign of the distance's slope to 1e-7 m); here every edge is solved, no pruning.
The side is the territory polygon that covers the point (shapely), none within
1 m of the line.

Usage:
    pip install geographiclib==2.1 shapely==2.2.0
    python3 tests/reference/events_reference.py > tests/reference/events_acled_style.json
"""

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from border_reference import DATASET, ROOT, inv, nearest_on_edge  # noqa: E402
from shapely.geometry import Point, shape  # noqa: E402

EVENTS = ROOT / "data" / "events-acled-style.csv"


def main():
    data = json.loads(DATASET.read_text())
    edges = []
    territories = []
    for f in data["features"]:
        props = f["properties"]
        if props["kind"] == "border_segment":
            geom = f["geometry"]
            parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            for part in parts:
                for a, b in zip(part, part[1:]):
                    edges.append((f["id"], tuple(a), tuple(b)))
        elif props["kind"] == "territory":
            territories.append((props["party"], shape(f["geometry"])))

    with EVENTS.open(newline="") as fh:
        rows = list(csv.reader(fh))
    header, records = rows[0], rows[1:]
    out = []
    for rec in records:
        row = dict(zip(header, rec))
        lon, lat = float(row["longitude"]), float(row["latitude"])
        best = None
        best07 = None
        for seg, a, b in edges:
            d, nlon, nlat, _ = nearest_on_edge((lon, lat), a, b)
            if best is None or d < best[0]:
                best = (d, nlon, nlat, seg)
            if seg == "seg-07" and (best07 is None or d < best07):
                best07 = d
        side = None
        if best[0] > 1.0:
            pt = Point(lon, lat)
            for party, poly in territories:
                if poly.covers(pt):
                    side = party
                    break
        out.append(
            {
                "fields": rec,
                "distance_m": best[0],
                "nearest_lon": best[1],
                "nearest_lat": best[2],
                "segment": best[3],
                "side": side,
                "distance_to_seg_07_m": best07,
            }
        )
    json.dump(
        {
            "events": "data/events-acled-style.csv",
            "dataset": "data/armenia-azerbaijan-2021.geojson",
            "method": "geographiclib 2.1 (Python): border_reference.nearest_on_edge on every edge, min; side by shapely covers() on territories; CSV parsed by Python's csv module",
            "header": header,
            "rows": out,
        },
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
