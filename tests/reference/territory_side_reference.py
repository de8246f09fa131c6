#!/usr/bin/env python3
"""Reference: which territory holds points a few metres from long territory
edges of the bundled dataset, on geodesic edges.

Independent of the crate: GeographicLib (Python) places each point and
decides its side of the geodesic; shapely only pre-filters candidates and
gives the lon/lat-chord answer, recorded to show which points a chord test
gets wrong.

For each sampled point P:
* an edge a->b of a territory ring at least 2 km long is picked, a foot F
  at a fraction t in [0.2, 0.8] of its length along the geodesic
  (GeodesicLine.Position), and P is placed `offset_m` from F at right angles
  (Direct at the edge's azimuth at F +/- 90 degrees);
* half of the offsets are uniform in (0.05, 20) m, half uniform in
  (0.05, 2 x the chord-geodesic separation at F) m, so that many points lie
  between the geodesic and its lon/lat chord;
* P is kept only if every other edge of every territory ring (except the
  same edge of the neighbouring territory, which shares it) is more than
  120 m from P measured on its chord (local equirectangular metres), so
  that the picked edge alone decides containment near P;
* for a territory ring holding the edge (either direction), P is inside the
  polygon iff it lies on the interior side of the edge: left of the ring's
  direction when (ring is an exterior) == (ring turns counter-clockwise,
  by the sign of GeographicLib's polygon area); other polygons are at least
  120 m away from P on their chords, more than any chord-geodesic
  separation in the data (< 25 m), so shapely's lon/lat test is exact there.

Output (stdout, JSON): `points`: [{"p": [lon, lat], "territory": party or
null, "chord_territory": party or null, "offset_m", "edge_m"}].

    pip install geographiclib==2.1 shapely==2.2.0
    python3 tests/reference/territory_side_reference.py > tests/reference/territory_side.json
"""

import json
import math
import random
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic
from shapely.geometry import Point, Polygon
from shapely import STRtree, LineString

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "armenia-azerbaijan-2021.geojson"


def ring_ccw(ring):
    poly = G.Polygon()
    for lon, lat in ring[:-1]:
        poly.AddPoint(lat, lon)
    _, _, area = poly.Compute(reverse=False, sign=True)
    return area > 0


def chord_separation_m(a, b, foot):
    """Latitude difference (m) at the foot's longitude between the geodesic
    (through the foot) and the lon/lat chord a-b."""
    if a[0] == b[0]:
        return 0.0
    t = (foot[0] - a[0]) / (b[0] - a[0])
    chord_lat = a[1] + t * (b[1] - a[1])
    return abs(foot[1] - chord_lat) * 111_000.0


def main():
    rnd = random.Random(20261202)
    data = json.loads(DATA.read_text())
    territories = []  # (party, [shapely polygons], [(ring coords, is_exterior)])
    edges = []  # (territory index, ring coords, i, is_exterior)
    for f in data["features"]:
        if f["properties"].get("kind") != "territory":
            continue
        party = f["properties"]["party"]
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        k = len(territories)
        shp = []
        for poly in polys:
            shp.append(Polygon(poly[0], poly[1:]))
            for r, ring in enumerate(poly):
                for i in range(len(ring) - 1):
                    edges.append((k, ring, i, r == 0))
        territories.append((party, shp))

    lines = [LineString([ring[i], ring[i + 1]]) for (_, ring, i, _) in edges]
    tree = STRtree(lines)
    key = lambda a, b: (tuple(a), tuple(b))
    long_edges = []
    for j, (k, ring, i, ext) in enumerate(edges):
        a, b = ring[i], ring[i + 1]
        s = G.Inverse(a[1], a[0], b[1], b[0])["s12"]
        if s >= 2000.0:
            long_edges.append((j, s))

    ccw_cache = {}
    out = []
    tries = 0
    while len(out) < 600 and tries < 20000:
        tries += 1
        j, s = rnd.choice(long_edges)
        k, ring, i, ext = edges[j]
        a, b = ring[i], ring[i + 1]
        inv = G.Inverse(a[1], a[0], b[1], b[0])
        line = G.Line(a[1], a[0], inv["azi1"])
        t = rnd.uniform(0.2, 0.8)
        pos = line.Position(t * s)
        foot = (pos["lon2"], pos["lat2"])
        sep = chord_separation_m(a, b, foot)
        if len(out) % 2 == 0:
            offset = rnd.uniform(0.05, 20.0)
        else:
            if sep < 0.1:
                continue
            offset = rnd.uniform(0.05, 2.0 * sep)
        left = rnd.random() < 0.5
        azi = pos["azi2"] + (-90.0 if left else 90.0)
        d = G.Direct(foot[1], foot[0], azi, offset)
        p = (d["lon2"], d["lat2"])
        # Every other edge (except the shared twin) must be far on its chord.
        coslat = math.cos(math.radians(p[1]))
        near = tree.query(Point(p).buffer(0.003))
        ok = True
        twins = []
        for n in near:
            kk, rr, ii, ee = edges[n]
            ea, eb = rr[ii], rr[ii + 1]
            if n == j:
                continue
            if key(ea, eb) == key(a, b) or key(ea, eb) == key(b, a):
                twins.append(n)
                continue
            # chord distance in local metres
            ax, ay = (ea[0] - p[0]) * coslat * 111_320.0, (ea[1] - p[1]) * 110_574.0
            bx, by = (eb[0] - p[0]) * coslat * 111_320.0, (eb[1] - p[1]) * 110_574.0
            dx, dy = bx - ax, by - ay
            L2 = dx * dx + dy * dy
            u = 0.0 if L2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / L2))
            dist = math.hypot(ax + u * dx, ay + u * dy)
            if dist < 120.0:
                ok = False
                break
        if not ok:
            continue
        holders = {j: None}
        for n in twins:
            holders[n] = None
        inside = {}
        for n in holders:
            kk, rr, ii, ee = edges[n]
            ea, eb = rr[ii], rr[ii + 1]
            rid = id(rr)
            if rid not in ccw_cache:
                ccw_cache[rid] = ring_ccw(rr)
            interior_left = ccw_cache[rid] == ee
            # P is left of this edge's direction iff it is left of a->b and
            # the edge runs a->b, or right of a->b and the edge runs b->a.
            same_dir = key(ea, eb) == key(a, b)
            p_left = left if same_dir else not left
            inside[kk] = inside.get(kk, False) or (p_left == interior_left)
        territory = None
        chord_territory = None
        for kk, (party, polys) in enumerate(territories):
            if kk in inside:
                hit = inside[kk]
            else:
                hit = any(poly.covers(Point(p)) for poly in polys)
            if hit and territory is None:
                territory = party
            chord_hit = any(poly.covers(Point(p)) for poly in polys)
            if chord_hit and chord_territory is None:
                chord_territory = party
        out.append(
            {
                "p": [p[0], p[1]],
                "territory": territory,
                "chord_territory": chord_territory,
                "offset_m": offset,
                "edge_m": s,
            }
        )
    differ = sum(1 for o in out if o["territory"] != o["chord_territory"])
    json.dump(
        {
            "dataset": "data/armenia-azerbaijan-2021.geojson",
            "generator": "tests/reference/territory_side_reference.py",
            "geographiclib": "2.1",
            "points_where_chord_differs": differ,
            "points": out,
        },
        sys.stdout,
        indent=1,
    )
    print(file=sys.stderr)
    print(f"{len(out)} points, {differ} where the lon/lat chord answer differs", file=sys.stderr)


if __name__ == "__main__":
    main()
