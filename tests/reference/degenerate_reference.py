#!/usr/bin/env python3
"""Reference values for the degenerate-geometry corpus (tests/corpus/).

Independent of the crate: GeographicLib (the `geographiclib` Python package)
only. Writes tests/reference/degenerate_expected.json, read by
tests/degenerate.rs.

For every valid corpus file:
- segment lengths: sum of geodesic inverse distances between vertices;
- zone areas: GeographicLib polygon areas, |exterior| - sum |holes|;
- every query point (the file's `queries` member): distance to the border by
  brute force over every border edge (dense sampling along each geodesic
  edge, then bisection on the sign of the distance's slope to 1e-10 m), the nearest
  point and every segment tied with the best (within 1 mm).

Per case, the values the analyses must reproduce, derived by hand from the
geometry (see the comments): claimant-side areas of zones that the equator
cuts in two mirror halves, depths at the midpoint of a zone's geodesic edge,
border lengths along the equator, overlap polygons whose vertices are put on
the geodesics they lie on.

    pip install geographiclib==2.1
    python3 tests/reference/degenerate_reference.py
"""

import json
import math
import pathlib

from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
A = G.a  # equatorial radius: a geodesic along the equator of dlon degrees is a * dlon (rad)
ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
INVALID = {"empty_invalid", "spike_zone", "multipolygon_parts_sharing_an_edge",
           "antimeridian_territory"}


def dist(p, q):
    return G.Inverse(p[1], p[0], q[1], q[0])["s12"]


def nearest_on_edge(p, a, b, samples=4000):
    line = G.InverseLine(a[1], a[0], b[1], b[0])
    length = line.s13
    if length == 0:
        return dist(p, a), a

    def at(s):
        r = line.Position(s)
        return (r["lon2"], r["lat2"])

    def f(s):
        return dist(p, at(s))

    step = length / samples
    vals = [f(i * step) for i in range(samples + 1)]
    best = min(range(samples + 1), key=lambda i: vals[i])
    lo, hi = max(0.0, (best - 1) * step), min(length, (best + 1) * step)

    def slope(s):
        # d(distance)/ds = -cos(angle between the edge and the direction to p)
        r = line.Position(s)
        inv = G.Inverse(r["lat2"], r["lon2"], p[1], p[0])
        return -math.cos(math.radians(inv["azi1"] - r["azi2"]))

    # Bisection on the sign of the slope (the distance is flat at its
    # minimum, so bisecting on its value would leave the point imprecise).
    if slope(lo) < 0 < slope(hi):
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if slope(mid) < 0:
                lo = mid
            else:
                hi = mid
            if hi - lo < 1e-10:
                break
    else:
        g = (math.sqrt(5) - 1) / 2
        x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
        f1, f2 = f(x1), f(x2)
        while hi - lo > max(1e-10 * length, 1e-9):
            if f1 < f2:
                hi, x2, f2 = x2, x1, f1
                x1 = hi - g * (hi - lo)
                f1 = f(x1)
            else:
                lo, x1, f1 = x1, x2, f2
                x2 = lo + g * (hi - lo)
                f2 = f(x2)
    s = 0.5 * (lo + hi)
    cands = [(f(s), at(s)), (vals[0], a), (vals[-1], b)]
    return min(cands, key=lambda c: c[0])


def lines_of(geom):
    if geom is None:
        return []
    if geom["type"] == "LineString":
        return [geom["coordinates"]]
    if geom["type"] == "MultiLineString":
        return geom["coordinates"]
    return []


def polygons_of(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    return geom["coordinates"]


def ring_area(ring):
    poly = G.Polygon()
    pts = ring[:-1] if ring and ring[0] == ring[-1] else ring
    if len(pts) < 3:
        return 0.0
    for lon, lat in pts:
        poly.AddPoint(lat, lon)
    _, _, area = poly.Compute(False, True)
    return abs(area)


def polygon_area(rings):
    return ring_area(rings[0]) - sum(ring_area(r) for r in rings[1:])


def lat_on_geodesic(a, b, lon):
    """Latitude where the geodesic a-b crosses the meridian lon (bisection)."""
    line = G.InverseLine(a[1], a[0], b[1], b[0])
    lo, hi = 0.0, line.s13
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        r = line.Position(mid)
        if (r["lon2"] - lon) * (b[0] - a[0]) < 0:
            lo = mid
        else:
            hi = mid
    return line.Position(0.5 * (lo + hi))["lat2"]


def midpoint(a, b):
    line = G.InverseLine(a[1], a[0], b[1], b[0])
    r = line.Position(0.5 * line.s13)
    return (r["lon2"], r["lat2"])


def depth_to_equator(p):
    """Distance from p to the equator (the nearest point is due north/south)."""
    return dist(p, (p[0], 0.0))


def equator_m(dlon):
    return A * math.radians(dlon)


def case_values(name, doc):
    feats = doc["features"]
    segs = [f for f in feats if f["properties"].get("kind") == "border_segment"]
    zones = {f["id"]: f for f in feats if f["properties"].get("kind") == "incursion_zone"}
    out = {"segment_lengths_m": {}, "zone_areas_m2": {}, "queries": []}
    for s in segs:
        out["segment_lengths_m"][s["id"]] = sum(
            dist(l[i], l[i + 1]) for l in lines_of(s["geometry"]) for i in range(len(l) - 1))
    for zid, z in zones.items():
        out["zone_areas_m2"][zid] = sum(polygon_area(p) for p in polygons_of(z["geometry"]))
    for q in doc.get("queries", []):
        best = []
        for s in segs:
            for l in lines_of(s["geometry"]):
                for i in range(len(l) - 1):
                    d, x = nearest_on_edge(q, l[i], l[i + 1])
                    best.append((d, x, s["id"]))
        dmin = min(b[0] for b in best)
        tied = sorted({b[2] for b in best if b[0] <= dmin + 1e-3})
        near = min(best, key=lambda b: b[0])[1]
        out["queries"].append({"p": q, "distance_m": dmin, "nearest": list(near),
                               "segments": tied})

    area = out["zone_areas_m2"]
    inc, depth, border = {}, {}, {}

    def halves(zid, x0, x1, y, claimant_south=True, border_dlon=None):
        # A rectangle (x0..x1) x (-y..y) cut by the equator: the two halves
        # mirror each other, so each is half the area. The deepest point of
        # a half is the midpoint of its outer geodesic edge (it bulges
        # poleward), straight above its foot on the equator.
        inc[zid] = area[zid] / 2
        sign = -1 if claimant_south else 1
        depth[zid] = depth_to_equator(midpoint((x0, sign * y), (x1, sign * y)))
        border[zid] = equator_m(border_dlon if border_dlon is not None else x1 - x0)

    if name in ("zero_length_edge", "clockwise_zone"):
        halves("z1", 10.2, 10.4, 0.1)
    elif name == "repeated_vertices":
        halves("z1", 10.2, 10.4, 0.1, claimant_south=False)
    elif name == "zone_with_hole":
        # z1: outer 10.2..10.4, hole 10.25..10.35; the border inside the
        # zone is the equator outside the hole: 0.05 + 0.05 degrees.
        halves("z1", 10.2, 10.4, 0.1, border_dlon=0.1)
        halves("z2", 10.26, 10.34, 0.04)
        halves("z3", 10.3, 10.5, 0.02)
        # z1 ∩ z3: lon 10.35..10.4 between z3's geodesic edges at ±0.02;
        # z2 ∩ z3: lon 10.3..10.34. Vertices on the geodesics they lie on.
        bot = ((10.3, -0.02), (10.5, -0.02))
        top = ((10.5, 0.02), (10.3, 0.02))

        def strip(x0, x1):
            ring = [(x0, lat_on_geodesic(*bot, x0)), (x1, lat_on_geodesic(*bot, x1)),
                    (x1, lat_on_geodesic(*top, x1)), (x0, lat_on_geodesic(*top, x0))]
            return ring_area([list(p) for p in ring])

        out["overlaps_m2"] = [["z1", "z3", strip(10.35, 10.4)], ["z2", "z3", strip(10.3, 10.34)]]
    elif name == "spike":
        # All of z1 is in NOR; the border inside it is the spike, traversed
        # out and back: twice the meridian arc from where the spike crosses
        # the zone's bottom edge (a geodesic, bulging ~2 mm north of 0.05°
        # at lon 10.5) to its tip at 0.2.
        inc["z1"] = area["z1"]
        enter = lat_on_geodesic((10.45, 0.05), (10.55, 0.05), 10.5)
        border["z1"] = 2 * dist((10.5, enter), (10.5, 0.2))
        # Deepest: a top corner, whose nearest border point is the tip.
        depth["z1"] = max(nearest_on_edge(c, (10.5, 0.0), (10.5, 0.2))[0]
                          for c in [(10.45, 0.25), (10.55, 0.25)])
    elif name == "antimeridian_border":
        halves("z1", 179.6, 179.9, 0.1)
    elif name == "antimeridian_zone":
        halves("z2", 179.8, 179.95, 0.05)
        # z1 (179.9 .. -179.9, across the antimeridian) ∩ z2: lon
        # 179.9..179.95 between z2's geodesic edges at ±0.05; z1's west edge
        # is the meridian 179.9.
        bot = ((179.8, -0.05), (179.95, -0.05))
        top = ((179.95, 0.05), (179.8, 0.05))
        ring = [[179.9, lat_on_geodesic(*bot, 179.9)], [179.95, -0.05],
                [179.95, 0.05], [179.9, lat_on_geodesic(*top, 179.9)]]
        out["overlaps_m2"] = [["z1", "z2", ring_area(ring)]]
    elif name == "huge_zone":
        halves("z1", 0.0, 40.0, 30.0)
    elif name == "tiny_zone":
        inc["z1"] = area["z1"]
        depth["z1"] = depth_to_equator(midpoint((10.5, -2e-6), (10.500001, -2e-6)))
        border["z1"] = 0.0
    elif name == "touching_multipolygon_parts":
        # z1: two squares touching at the vertex (10.3, -0.1), both south.
        inc["z1"] = area["z1"]
        depth["z1"] = depth_to_equator(midpoint((10.3, -0.2), (10.4, -0.2)))
        border["z1"] = equator_m(0.1)  # part 1's top edge lies on the border
        # z3 ∩ z1: lon 10.25..10.3, from z3's bottom geodesic to the equator.
        b = ((10.25, -0.05), (10.35, -0.05))
        ring = [[10.25, -0.05], [10.3, lat_on_geodesic(*b, 10.3)], [10.3, 0.0], [10.25, 0.0]]
        out["overlaps_m2"] = [["z1", "z3", ring_area(ring)]]
    if name == "closed_ring_border":
        o = (10.1, 0.15)
        out["farthest_ring_vertex_from_o1_m"] = max(
            dist(o, v) for v in segs[0]["geometry"]["coordinates"])
    out["incursion_area_m2"] = inc
    out["max_depth_m"] = depth
    out["border_length_m"] = border
    return out


def main():
    cases = {}
    for path in sorted(CORPUS.glob("*.geojson")):
        name = path.stem
        if name in INVALID:
            continue
        cases[name] = case_values(name, json.loads(path.read_text()))
    dest = ROOT / "tests" / "reference" / "degenerate_expected.json"
    dest.write_text(json.dumps({"generator": "tests/reference/degenerate_reference.py",
                                "cases": cases}, indent=1) + "\n")
    print(f"wrote {dest} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
