#!/usr/bin/env python3
"""Reference points for buffer strips, for tests/buffer.rs.

Independent of the Rust code under test: the geographiclib Python package
(Karney's GeographicLib) and brute force. For the bundled dataset it draws
query points (uniform in the border's box grown by 0.1 degrees, and points
placed at D +- 2 cm .. 3 m from random points of random edges and around
random vertices, by Direct) and computes each one's exact distance to the
border: the nearest point of every edge that a triangle-inequality bound
cannot rule out, found by sampling along the geodesic and bisecting on the
sign of the distance's slope to 1e-7 m (border_reference.nearest_on_edge).
The side is the party whose territory polygon (shapely, lon/lat) contains
the point, with the distance to that polygon's outline in degrees.

For data/hand-checkable.geojson it writes hand values for the strip along
seg-a (the equator from 10 to 11 degrees E): the latitude phi_D whose
meridian arc from the equator is D (points at D from the equator lie on that
parallel), and the exact area of the strip: the band |lat| <= phi_D over one
degree of longitude (the authalic-latitude formula) plus a geodesic disc of
radius D (two half discs; a 200,000-gon of Direct points, PolygonArea).

Usage:
    pip install geographiclib==2.1 shapely==2.2.0
    python3 tests/reference/buffer_reference.py > tests/reference/buffer_points.json   # ~1 min

Deterministic: seeded.
"""

import json
import math
import random
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic
from shapely.geometry import Point, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from border_reference import nearest_on_edge  # noqa: E402

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
D = 5000.0


def load(path):
    data = json.loads(path.read_text())
    edges, territories = [], []
    for f in data["features"]:
        props = f["properties"]
        if props["kind"] == "border_segment":
            geom = f["geometry"]
            parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            for part in parts:
                for a, b in zip(part, part[1:]):
                    if a != b:
                        edges.append((f["id"], tuple(a), tuple(b), G.Inverse(a[1], a[0], b[1], b[0])["s12"]))
        elif props["kind"] == "territory":
            territories.append((props["party"], shape(f["geometry"])))
    return edges, territories


def distance(p, edges):
    ends = []
    for e in edges:
        _, a, b, length = e
        da = G.Inverse(p[1], p[0], a[1], a[0])["s12"]
        db = G.Inverse(p[1], p[0], b[1], b[0])["s12"]
        ends.append((min(da, db) - length / 2, min(da, db), e))
    best = min(x[1] for x in ends)
    for lower, _, e in ends:
        if lower <= best:
            best = min(best, nearest_on_edge(p, e[1], e[2])[0])
    return best


def main():
    edges, territories = load(ROOT / "data" / "armenia-azerbaijan-2021.geojson")
    rng = random.Random(20211202)
    pts = []
    lons = [e[1][0] for e in edges]
    lats = [e[1][1] for e in edges]
    for _ in range(500):
        pts.append((rng.uniform(min(lons) - 0.1, max(lons) + 0.1), rng.uniform(min(lats) - 0.1, max(lats) + 0.1)))
    for i in range(700):
        _, a, b, length = edges[rng.randrange(len(edges))]
        u = rng.uniform(0.02, 3.0) * rng.choice([-1, 1])
        if i % 3 == 0:
            # around a vertex, any direction
            pos = G.Direct(a[1], a[0], rng.uniform(0, 360), D + u)
        else:
            line = G.InverseLine(a[1], a[0], b[1], b[0])
            at = line.Position(rng.uniform(0, length))
            pos = G.Direct(at["lat2"], at["lon2"], at["azi2"] + rng.choice([-90, 90]), D + u)
        pts.append((pos["lon2"], pos["lat2"]))
    out = []
    for lon, lat in pts:
        d = distance((lon, lat), edges)
        side, margin = None, None
        for party, poly in territories:
            if poly.contains(Point(lon, lat)):
                side, margin = party, poly.exterior.distance(Point(lon, lat)) if poly.geom_type == "Polygon" else poly.boundary.distance(Point(lon, lat))
        out.append({"lon": lon, "lat": lat, "distance_m": d, "side": side, "side_margin_deg": margin})

    # hand values on the equator
    phi = 0.0
    lo, hi = 0.0, 1.0
    while hi - lo > 1e-15:
        mid = (lo + hi) / 2
        if G.Inverse(0, 10.5, mid, 10.5)["s12"] < D:
            lo = mid
        else:
            hi = mid
    phi = (lo + hi) / 2
    a, f = G.a, G.f
    e2 = f * (2 - f)
    e = math.sqrt(e2)
    b = a * (1 - f)

    def q(ph):
        s = math.sin(math.radians(ph))
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    band = 2 * math.radians(1.0) * b * b / 2 * q(phi)
    poly = G.Polygon()
    n = 200000
    for k in range(n):
        pos = G.Direct(0.0, 10.0, 360.0 * k / n, D)
        poly.AddPoint(pos["lat2"], pos["lon2"])
    _, _, disc = poly.Compute(False, True)
    json.dump(
        {
            "distance_m": D,
            "points": out,
            "equator": {"phi_d_deg": phi, "band_area_m2": band, "disc_area_m2": abs(disc), "strip_area_m2": band + abs(disc)},
        },
        sys.stdout,
        indent=1,
    )


if __name__ == "__main__":
    main()
