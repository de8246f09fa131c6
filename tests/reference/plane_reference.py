#!/usr/bin/env python3
"""Reference points for `demarcate::geodesy::LocalPlane` (overlap clipping).

For random centres (latitudes 0-89 degrees) and random geodesic edges lying
between 0.5 r and r from the centre (r from 5 km to 4,000 km), with the
longest edge length the crate would allow there for a 1e-5 m tolerance
(L = sqrt(1e-5 * 4 b^2 / (e^2 r)), plus some edges 3x longer), the
`geographiclib` Python package gives: the ends a, b, seven points along the
geodesic a->b (GeodesicLine.Position at 1/8 ... 7/8), the edge length, and
the largest geodesic distance from the centre to any of them.

The crate's test projects these points with LocalPlane and checks that they
stay within `straightness_bound_m(L, r)` of the projected chord, and that
projecting and unprojecting gives back each point. No crate code is used
here. Deterministic (seeded). Writes plane_cases.json beside this script.
Run: python3 tests/reference/plane_reference.py
"""
import json
import math
import os
import random

import geographiclib
from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
B = G.a * (1 - G.f)
E2 = G.f * (2 - G.f)


def main():
    rng = random.Random(20261129)
    cases = []
    for r_km in [5, 15, 50, 150, 500, 1500, 4000]:
        for _ in range(30):
            lat0 = rng.uniform(0, 89) * rng.choice([-1, 1])
            lon0 = rng.uniform(-180, 180)
            r = r_km * 1000.0
            limit = math.sqrt(1e-5 * 4 * B * B / (E2 * r))
            length = limit * rng.choice([0.3, 1.0, 1.0, 3.0])
            # an edge whose middle lies between 0.55 r and 0.85 r from the centre
            mid = G.Direct(lat0, lon0, rng.uniform(-180, 180), r * rng.uniform(0.55, 0.85))
            az = rng.uniform(-180, 180)
            a = G.Direct(mid["lat2"], mid["lon2"], az, length / 2)
            b = G.Direct(mid["lat2"], mid["lon2"], az + 180, length / 2)
            line = G.InverseLine(a["lat2"], a["lon2"], b["lat2"], b["lon2"])
            inner = []
            for k in range(1, 8):
                p = line.Position(line.s13 * k / 8)
                inner.append([p["lon2"], p["lat2"]])
            ends = [[a["lon2"], a["lat2"]], [b["lon2"], b["lat2"]]]
            radius = max(G.Inverse(lat0, lon0, q[1], q[0])["s12"] for q in ends + inner)
            cases.append(
                {
                    "center": [lon0, lat0],
                    "a": ends[0],
                    "b": ends[1],
                    "inner": inner,
                    "edge_length_m": line.s13,
                    "radius_m": radius,
                }
            )
    out = {"geographiclib": geographiclib.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plane_cases.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
