#!/usr/bin/env python3
"""Reference distances from query points to the bundled border, for tests.

Independent of the Rust code under test: it uses the geographiclib Python
package (Karney's GeographicLib) for the geodesic primitives and finds the
nearest point of every candidate edge by dense sampling along the geodesic
followed by bisection on the sign of the distance's slope to 1e-7 m, then takes the minimum over all
edges of all border segments (pruned by a bound that cannot discard the true
nearest edge). The side is the party whose territory polygon contains the point
(shapely, longitude/latitude), the convention the crate documents.

Usage:
    pip install geographiclib==2.1 shapely==2.2.0
    python3 tests/reference/border_reference.py > tests/reference/border_distances.json

Deterministic: the query points come from a seeded generator.
"""

import json
import math
import random
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic
from shapely.geometry import Point, shape

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "data" / "armenia-azerbaijan-2021.geojson"


def inv(lat1, lon1, lat2, lon2):
    return G.Inverse(lat1, lon1, lat2, lon2)["s12"]


def nearest_on_edge(p, a, b):
    """(distance, lon, lat, along) of the point of geodesic a-b nearest to p."""
    line_inv = G.Inverse(a[1], a[0], b[1], b[0])
    length = line_inv["s12"]
    if length == 0:
        return inv(p[1], p[0], a[1], a[0]), a[0], a[1], 0.0
    line = G.InverseLine(a[1], a[0], b[1], b[0])

    def f(s):
        pos = line.Position(s)
        return inv(p[1], p[0], pos["lat2"], pos["lon2"])

    def ahead(s):
        """Whether p lies ahead along the line at X(s): the sign of -f'(s)."""
        pos = line.Position(s)
        to_p = G.Inverse(pos["lat2"], pos["lon2"], p[1], p[0])["azi1"]
        return math.cos(math.radians(to_p - pos["azi2"])) > 0

    samples = 32
    grid = [length * i / samples for i in range(samples + 1)]
    vals = [f(s) for s in grid]
    best = min(range(len(grid)), key=lambda i: vals[i])
    lo = grid[max(best - 1, 0)]
    hi = grid[min(best + 1, samples)]
    # The distance is flat at its minimum, so place the foot by bisecting on
    # the sign of its slope (the angle at X between the line and the way to p).
    while hi - lo > 1e-7:
        mid = (lo + hi) / 2
        if ahead(mid):
            lo = mid
        else:
            hi = mid
    s = (lo + hi) / 2
    candidates = [(f(s), s), (vals[0], 0.0), (vals[-1], length)]
    d, s = min(candidates)
    pos = line.Position(s)
    return d, pos["lon2"], pos["lat2"], s


def main():
    data = json.loads(DATASET.read_text())
    edges = []  # (segment id, a, b, length)
    territories = []
    for f in data["features"]:
        props = f["properties"]
        if props["kind"] == "border_segment":
            geom = f["geometry"]
            parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            for part in parts:
                for a, b in zip(part, part[1:]):
                    edges.append((f["id"], tuple(a), tuple(b), inv(a[1], a[0], b[1], b[0])))
        elif props["kind"] == "territory":
            territories.append((props["party"], shape(f["geometry"])))

    rng = random.Random(20210728)
    points = []
    lons = [e[1][0] for e in edges]
    lats = [e[1][1] for e in edges]
    lon0, lon1 = min(lons) - 0.3, max(lons) + 0.3
    lat0, lat1 = min(lats) - 0.3, max(lats) + 0.3
    for i in range(220):
        points.append((f"box-{i}", rng.uniform(lon0, lon1), rng.uniform(lat0, lat1)))
    # Near the line: small offsets from random vertices and edge midpoints.
    for i in range(60):
        _, a, b, _ = edges[rng.randrange(len(edges))]
        t = rng.random()
        points.append(
            (
                f"near-{i}",
                a[0] + t * (b[0] - a[0]) + rng.uniform(-0.002, 0.002),
                a[1] + t * (b[1] - a[1]) + rng.uniform(-0.002, 0.002),
            )
        )
    # Exactly on vertices.
    for i in range(10):
        _, a, _, _ = edges[rng.randrange(len(edges))]
        points.append((f"vertex-{i}", a[0], a[1]))
    # Far away, up to about 1,000 km.
    for name, lon, lat in [
        ("tbilisi", 44.793, 41.715),
        ("tehran", 51.389, 35.689),
        ("baku", 49.867, 40.409),
        ("ankara", 32.859, 39.933),
        ("grozny", 45.694, 43.318),
        ("tabriz", 46.292, 38.080),
        ("aktau", 51.17, 43.65),
        ("mosul", 43.13, 36.34),
    ]:
        points.append((name, lon, lat))

    out = []
    for pid, lon, lat in points:
        vd = {}
        best = None
        # Prune: every point of an edge is within length/2 (along the edge) of
        # an endpoint, so min(d_a, d_b) - length/2 bounds its distance below.
        bounds = []
        for k, (_, a, b, length) in enumerate(edges):
            for v in (a, b):
                if v not in vd:
                    vd[v] = inv(lat, lon, v[1], v[0])
            bounds.append((min(vd[a], vd[b]) - length / 2, k))
        bounds.sort()
        per_segment = {}
        for lb, k in bounds:
            if best is not None and lb > best[0] + 1e-6:
                break
            seg, a, b, _ = edges[k]
            d, nlon, nlat, _ = nearest_on_edge((lon, lat), a, b)
            per_segment[seg] = min(d, per_segment.get(seg, math.inf))
            if best is None or d < best[0]:
                best = (d, nlon, nlat, seg)
        # Segments as near as the nearest (a shared end vertex): any is right.
        tied = sorted(s for s, d in per_segment.items() if d <= best[0] + 1e-6)
        side = None
        if best[0] > 1.0:
            pt = Point(lon, lat)
            for party, poly in territories:
                if poly.covers(pt):
                    side = party
                    break
        out.append(
            {
                "id": pid,
                "lon": lon,
                "lat": lat,
                "distance_m": best[0],
                "nearest_lon": best[1],
                "nearest_lat": best[2],
                "segment": best[3],
                "tied_segments": tied,
                "side": side,
            }
        )
    json.dump(
        {
            "dataset": "data/armenia-azerbaijan-2021.geojson",
            "method": "geographiclib 2.1 (Python): dense sampling + bisection on the slope's sign per edge, min over all edges; side by shapely covers() on territories",
            "points": out,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
