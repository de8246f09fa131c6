#!/usr/bin/env python3
"""Reference points of the Malawi–Tanzania median line on Lake Malawi / Nyasa
(data/lake-malawi.geojson), for tests/lake_malawi.rs.

Independent of the Rust code under test: GeographicLib only, and the
brute-force shore distance of median_reference.py (every vertex, every
geodesic edge the triangle inequality cannot rule out, nearest point by
sampling and bisection on the slope's sign).

- Cross-sections: parallels every 0.1° from 9.8° S to 11.5° S. On each,
  the longitude where d_MWI = d_TZA, sampled every 0.01° between the two
  shores' crossings of the parallel, then bisected to 1e-10° (~1e-5 m).
  Every Malawian shore counts (the mainland and Likoma Island).
- The point equidistant from all three shores (where Tanzania's claim
  ends): d_MOZ = d_MWI = d_TZA by nested bisection, on the latitude
  (11.5°–11.7° S) where d_MOZ − d_TZA changes sign, each latitude solving
  its own d_MWI = d_TZA on its parallel, to 1e-9°.

Usage:
    pip install geographiclib==2.1
    python3 tests/reference/lake_malawi_reference.py > tests/reference/lake_malawi.json   # ~2 min
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from median_reference import Shore  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "data" / "lake-malawi.geojson"
LATS = [-9.8 - 0.1 * k for k in range(18)]


class Party:
    def __init__(self, shores):
        self.shores = shores

    def distance(self, p):
        return min(s.nearest(p)[0] for s in self.shores)

    def crossings(self, lat):
        """Longitudes where the party's shores cross the parallel."""
        out = []
        for s in self.shores:
            for a, b in zip(s.pts, s.pts[1:]):
                if (a[1] - lat) * (b[1] - lat) < 0:
                    t = (lat - a[1]) / (b[1] - a[1])
                    out.append(a[0] + t * (b[0] - a[0]))
        return out


def main():
    data = json.loads(DATASET.read_text())
    by_party = {}
    for f in data["features"]:
        if f["properties"].get("kind") == "shore":
            by_party.setdefault(f["properties"]["party"], []).append(Shore(f["geometry"]["coordinates"]))
    mwi, tza, moz = (Party(by_party[c]) for c in ("MWI", "TZA", "MOZ"))

    def g(lon, lat):
        p = (lon, lat)
        return mwi.distance(p) - tza.distance(p)

    def solve(lat):
        """The longitude on the parallel where d_MWI = d_TZA."""
        west = max(x for x in mwi.crossings(lat) if x < 34.8)
        east = min(x for x in tza.crossings(lat) + moz.crossings(lat) if x > west)
        lons = [west + 0.01 * k for k in range(1, int((east - west) / 0.01))]
        vals = [g(x, lat) for x in lons]
        k = next(i for i in range(len(vals) - 1) if (vals[i] < 0) != (vals[i + 1] < 0))
        lo, hi, flo = lons[k], lons[k + 1], vals[k]
        while hi - lo > 1e-10:
            mid = 0.5 * (lo + hi)
            fm = g(mid, lat)
            if (fm < 0) == (flo < 0):
                lo, flo = mid, fm
            else:
                hi = mid
        lon = 0.5 * (lo + hi)
        p = (lon, lat)
        return {"point": [lon, lat], "distance_m": tza.distance(p), "residual_m": g(lon, lat)}

    sections = []
    for lat in LATS:
        sections.append(solve(lat))
        print(f"section {sections[-1]['point']}", file=sys.stderr)

    def h(lat):
        s = solve(lat)
        p = tuple(s["point"])
        return moz.distance(p) - tza.distance(p), s

    # Mozambique's shore is nearer than the others south of the point.
    lo, hi = -11.5, -11.7
    flo = h(lo)[0]
    assert flo > 0 > h(hi)[0]
    while lo - hi > 1e-9:
        mid = 0.5 * (lo + hi)
        if h(mid)[0] > 0:
            lo = mid
        else:
            hi = mid
    _, s = h(lo)
    p = tuple(s["point"])
    tri = {
        "point": s["point"],
        "distances_m": {"MWI": mwi.distance(p), "TZA": tza.distance(p), "MOZ": moz.distance(p)},
    }
    print(f"equidistant from all three: {tri}", file=sys.stderr)
    out = {
        "dataset": "data/lake-malawi.geojson",
        "parties": ["MWI", "TZA"],
        "cross_sections": sections,
        "three_party_point": tri,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
