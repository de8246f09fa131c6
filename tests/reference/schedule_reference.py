#!/usr/bin/env python3
"""Reference turning-point schedule of the bundled border, for tests/schedule.rs.

Independent of the Rust code under test: the geographiclib Python package.
Per segment, part and vertex: Inverse to the next vertex gives the distance
(s12), the azimuth there (azi1) and the back azimuth from the next vertex
(azi2 + 180), both normalised to [0, 360); chainage sums s12 over the parts
in order.

Usage:
    pip install geographiclib==2.1
    python3 tests/reference/schedule_reference.py > tests/reference/schedule_seed.json   # ~1 s
"""

import json
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]


def main():
    data = json.loads((ROOT / "data" / "armenia-azerbaijan-2021.geojson").read_text())
    rows = []
    for f in data["features"]:
        if f["properties"]["kind"] != "border_segment":
            continue
        geom = f["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        chainage = 0.0
        for p, part in enumerate(parts, start=1):
            for k, (lon, lat) in enumerate(part, start=1):
                row = {"segment": f["id"], "part": p, "point": k, "lon": lon, "lat": lat, "chainage_m": chainage}
                if k < len(part):
                    nlon, nlat = part[k]
                    inv = G.Inverse(lat, lon, nlat, nlon)
                    row["distance_to_next_m"] = inv["s12"]
                    row["azimuth_deg"] = inv["azi1"] % 360.0
                    row["back_azimuth_deg"] = (inv["azi2"] + 180.0) % 360.0
                    chainage += inv["s12"]
                rows.append(row)
    json.dump({"rows": rows}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
