#!/usr/bin/env python3
"""Reference overlaps of incursion-zone pairs, for `BorderMap::overlaps`.

Independent of the crate: GeographicLib (`geographiclib` 2.1), PROJ through
`pyproj` and GEOS through `shapely` 2.2. For each pair of zones (polygons
with geodesic edges):

1. every edge is densified along its geodesic (GeodesicLine.Position) into
   pieces of at most 20 m (zones under 10 km) or 200 m (larger zones);
2. the densified rings go to PROJ's ellipsoidal azimuthal equidistant
   projection centred between the zones, where pieces that short are
   straight to far below a micrometre;
3. shapely intersects the two polygons there, and every vertex of the result
   goes back to lon/lat with PROJ's inverse;
4. the area is GeographicLib's geodesic polygon area of the result
   (|exterior| - sum |holes|, summed over parts).

Cases (seeded): small star-shaped zones (8-16 vertices, 0.5-5 km across, as
the benchmark generator makes them) overlapping at latitudes from -70 to 80
degrees; large ones (100-300 km across, whose long edges the crate must split
to keep them straight in its plane); rectangles across the antimeridian;
nested zones, identical zones, zones sharing an edge, zones touching at a
vertex or along an edge (no overlap), a zone with a hole.

Writes overlap_cases.json beside this script.
Run: python3 tests/reference/overlap_reference.py
"""
import json
import math
import os
import random

import geographiclib
import pyproj
import shapely
from geographiclib.geodesic import Geodesic
from geographiclib.polygonarea import PolygonArea
from shapely.geometry import MultiPolygon, Polygon

G = Geodesic.WGS84


def norm_lon(x):
    return (x + 180.0) % 360.0 - 180.0


def star(rng, lon0, lat0, across_m, n):
    angles = sorted(rng.uniform(0, 360) for _ in range(n))
    ring = []
    for az in angles:
        r = across_m / 2 * rng.uniform(0.5, 1.0)
        p = G.Direct(lat0, lon0, az, r)
        ring.append([p["lon2"], p["lat2"]])
    # clockwise (azimuths grow clockwise); the crate orients rings itself
    ring.append(ring[0])
    return [ring]


def densify(ring, step):
    out = []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
        line = G.InverseLine(y0, x0, y1, x1)
        n = max(1, math.ceil(line.s13 / step))
        for k in range(n):
            p = line.Position(line.s13 * k / n)
            out.append((p["lon2"], p["lat2"]))
    out.append(out[0])
    return out


def ring_area(ring):
    pa = PolygonArea(G)
    for x, y in ring[:-1]:
        pa.AddPoint(y, x)
    return abs(pa.Compute(False, True)[2])


def overlap_area(a, b, step):
    ys = [p[1] for r in a + b for p in r]
    # centre: the midpoint of the two zones' first vertices
    inv = G.Inverse(a[0][0][1], a[0][0][0], b[0][0][1], b[0][0][0])
    mid = G.Direct(a[0][0][1], a[0][0][0], inv["azi1"], inv["s12"] / 2)
    proj = pyproj.Proj(proj="aeqd", lat_0=mid["lat2"], lon_0=mid["lon2"], ellps="WGS84")

    def planar(rings):
        pr = []
        for r in rings:
            d = densify(r, step)
            xs, ys = proj([p[0] for p in d], [p[1] for p in d])
            pr.append(list(zip(xs, ys)))
        return shapely.make_valid(Polygon(pr[0], pr[1:]))

    inter = shapely.intersection(planar(a), planar(b))
    total = 0.0
    parts = list(inter.geoms) if hasattr(inter, "geoms") else [inter]
    for part in parts:
        if part.geom_type != "Polygon" or part.area == 0:
            continue

        def back(coords):
            xs, ys = zip(*coords)
            lon, lat = proj(list(xs), list(ys), inverse=True)
            return list(zip(lon, lat))

        total += ring_area(back(part.exterior.coords))
        total -= sum(ring_area(back(h.coords)) for h in part.interiors)
    del ys
    return total


def main():
    rng = random.Random(611)
    cases = []

    def add(name, a, b, step):
        cases.append({"name": name, "a": a, "b": b, "area_m2": overlap_area(a, b, step)})

    for i in range(60):
        lat = rng.choice([-70.0, -35.0, 0.0, 20.0, 45.0, 60.0, 80.0]) + rng.uniform(-1, 1)
        lon = rng.uniform(-179, 179)
        size = rng.uniform(500, 5000)
        a = star(rng, lon, lat, size, rng.randint(8, 16))
        c = G.Direct(lat, lon, rng.uniform(0, 360), size * rng.uniform(0.0, 0.6))
        b = star(rng, c["lon2"], c["lat2"], rng.uniform(500, 5000), rng.randint(8, 16))
        add(f"small-{i}", a, b, 20.0)
    for i in range(8):
        lat = rng.uniform(-60, 70)
        lon = rng.uniform(-170, 170)
        size = rng.uniform(100e3, 300e3)
        a = star(rng, lon, lat, size, rng.randint(8, 12))
        c = G.Direct(lat, lon, rng.uniform(0, 360), size * rng.uniform(0.1, 0.5))
        b = star(rng, c["lon2"], c["lat2"], rng.uniform(100e3, 300e3), rng.randint(8, 12))
        add(f"large-{i}", a, b, 200.0)

    def rect(x0, y0, x1, y1):
        return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]

    for i in range(6):
        y = rng.uniform(-60, 60)
        a = rect(179.9 + rng.uniform(0, 0.05), y, -179.9 - rng.uniform(0, 0.05), y + 0.1)
        b = rect(179.95 + rng.uniform(0, 0.04), y + 0.05, norm_lon(180.02 + rng.uniform(0, 0.05)), y + 0.2)
        add(f"antimeridian-{i}", a, b, 20.0)
    outer = star(rng, 45.0, 40.0, 4000.0, 14)
    add("identical", outer, outer, 20.0)
    inner = star(rng, 45.0, 40.0, 600.0, 9)
    add("nested", outer, inner, 20.0)
    add("shared-edge-overlapping", rect(10.0, 40.0, 10.02, 40.02), rect(10.01, 40.0, 10.03, 40.02), 20.0)
    add("touching-edge", rect(10.0, 40.0, 10.02, 40.02), rect(10.02, 40.0, 10.04, 40.02), 20.0)
    add("touching-vertex", rect(10.0, 40.0, 10.02, 40.02), rect(10.02, 40.02, 10.04, 40.04), 20.0)
    holed = [rect(20.0, 10.0, 20.04, 10.04)[0], [[20.01, 10.01], [20.01, 10.03], [20.03, 10.03], [20.03, 10.01], [20.01, 10.01]]]
    add("hole", holed, rect(20.02, 10.0, 20.05, 10.02), 20.0)
    add("inside-hole", holed, rect(20.015, 10.015, 20.025, 10.025), 20.0)
    out = {
        "geographiclib": geographiclib.__version__,
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "shapely": shapely.__version__,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "overlap_cases.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
