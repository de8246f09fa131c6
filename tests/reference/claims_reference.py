#!/usr/bin/env python3
"""Reference segment lengths, status totals, areas between claim lines and
Hausdorff distances between claim lines, for tests.

Independent of the Rust code under test. It uses the geographiclib Python
package (Karney's GeographicLib) for the geodesic primitives and shapely for
the planar arrangement; the methods differ from the crate's:

* lengths: sum of GeographicLib inverse distances over every edge of every
  line part of a segment; status totals and the grand total by summing those.
* area between two claim lines: each line is densified every 10 m of
  geodesic (the crate uses 100 m), the ends are joined by densified geodesic
  connectors when they differ, and shapely's polygonize of the unary union
  of the lines gives every bounded face (the crate instead resolves the ring
  "a then b reversed" with i_overlay's non-zero rule). The area is the sum of
  GeographicLib PolygonArea of the faces (exterior minus holes).
* Hausdorff distance: dense sampling every 50 m along every geodesic edge of
  each line (and every vertex), the exact distance of each sample to the other
  line (minimum over its geodesic edges, each by sampling along the edge and
  bisection on the sign of the distance's slope to 1e-7 m, edges pruned by a
  local planar estimate with a wide margin); then every sample within 25 m of
  the best (the distance is 1-Lipschitz, so the maximum lies near one of them)
  that is a local maximum of the samples is refined by 1 m sampling over
  +-50 m and a golden-section search to 1e-6 m.
  The crate instead runs a branch and bound with the Lipschitz bound and an
  iterative (Newton) foot-point solver.

Writes tests/reference/claims_seed.json (the bundled seed dataset) and
tests/reference/claims_hand.json (the hand-checkable dataset, with the
hand value of the Hausdorff distance: the meridian arc from the equator to the
midpoint of claim-a-SOU's geodesic edge (10.25, 0.1)-(10.75, 0.1)).

Usage:
    pip install geographiclib==2.1 shapely==2.2.0
    python3 tests/reference/claims_reference.py     # ~1-2 min, deterministic
"""

import json
import math
from pathlib import Path

from geographiclib.geodesic import Geodesic
from geographiclib.polygonarea import PolygonArea
from shapely.geometry import LineString
from shapely.ops import polygonize, unary_union

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
AREA_STEP_M = 10.0
COARSE_M = 50.0


def inv(p, q):
    """Geodesic distance between (lon, lat) points, metres."""
    return G.Inverse(p[1], p[0], q[1], q[0])["s12"]


def parts_of(geometry):
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def line_length(coords):
    return sum(inv(coords[i], coords[i + 1]) for i in range(len(coords) - 1))


def densify(coords, step):
    """Points every <= step metres along each geodesic edge (vertices kept)."""
    out = []
    for i in range(len(coords) - 1):
        a, b = coords[i], coords[i + 1]
        out.append(tuple(a[:2]))
        line = G.InverseLine(a[1], a[0], b[1], b[0])
        n = max(1, math.ceil(line.s13 / step))
        for k in range(1, n):
            pos = line.Position(line.s13 * k / n)
            lon = pos["lon2"]
            while lon - a[0] > 180:
                lon -= 360
            while a[0] - lon > 180:
                lon += 360
            out.append((lon, pos["lat2"]))
    out.append(tuple(coords[-1][:2]))
    return out


def ring_area(coords):
    pa = PolygonArea(G)
    pts = list(coords)
    if pts[0] == pts[-1]:
        pts = pts[:-1]
    for lon, lat in pts:
        pa.AddPoint(lat, lon)
    _n, _perim, area = pa.Compute(False, True)
    return abs(area)


def joined(parts):
    path = []
    for part in parts:
        for c in part:
            c = tuple(c[:2])
            if not path or path[-1] != c:
                path.append(c)
    return path


def area_between(parts_a, parts_b):
    a = joined(parts_a)
    b = joined(parts_b)
    if inv(a[0], b[0]) + inv(a[-1], b[-1]) > inv(a[0], b[-1]) + inv(a[-1], b[0]):
        b = b[::-1]
    lines = [LineString(densify(a, AREA_STEP_M)), LineString(densify(b, AREA_STEP_M))]
    for p, q in ((a[-1], b[-1]), (b[0], a[0])):
        if p != q:
            lines.append(LineString(densify([p, q], AREA_STEP_M)))
    faces = list(polygonize(unary_union(lines)))
    areas = []
    for f in faces:
        ar = ring_area(f.exterior.coords) - sum(ring_area(h.coords) for h in f.interiors)
        if ar >= 1e-3:
            areas.append(ar)
    return sum(areas), len(areas)


class Edge:
    def __init__(self, a, b):
        self.a, self.b = tuple(a[:2]), tuple(b[:2])
        self.line = G.InverseLine(a[1], a[0], b[1], b[0])
        self.length = self.line.s13

    def at(self, s):
        if s <= 0:
            return self.a
        if s >= self.length:
            return self.b
        pos = self.line.Position(s)
        return (pos["lon2"], pos["lat2"])

    def nearest(self, p):
        """(distance, (lon, lat)) of the point of this edge nearest to p."""
        if self.length == 0:
            return inv(p, self.a), self.a

        def f(s):
            return inv(p, self.at(s))

        def ahead(s):
            pos = self.line.Position(s)
            azi = G.Inverse(pos["lat2"], pos["lon2"], p[1], p[0])["azi1"]
            return math.cos(math.radians(azi - pos["azi2"])) > 0

        n = 16
        grid = [self.length * i / n for i in range(n + 1)]
        vals = [f(s) for s in grid]
        k = min(range(n + 1), key=lambda i: vals[i])
        lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, n)]
        while hi - lo > 1e-7:
            mid = 0.5 * (lo + hi)
            if ahead(mid):
                lo = mid
            else:
                hi = mid
        s = 0.5 * (lo + hi)
        d, s = min([(f(s), s), (vals[0], 0.0), (vals[-1], self.length)])
        return d, self.at(s)


def planar_estimate(p, e):
    """Distance (m) from p to chord a-b in a local equirectangular plane."""
    k = math.cos(math.radians(p[1]))
    ax, ay = (e.a[0] - p[0]) * k * 111320.0, (e.a[1] - p[1]) * 110574.0
    bx, by = (e.b[0] - p[0]) * k * 111320.0, (e.b[1] - p[1]) * 110574.0
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / l2))
    return math.hypot(ax + t * dx, ay + t * dy)


def dist_to_line(p, edges):
    est = [planar_estimate(p, e) for e in edges]
    cut = min(est) * 1.02 + 200.0
    best = (math.inf, None)
    for e, x in zip(edges, est):
        if x <= cut:
            best = min(best, e.nearest(p), key=lambda t: t[0])
    return best


def edges_of(parts):
    out = []
    for part in parts:
        if len(part) == 1:
            out.append(Edge(part[0], part[0]))
        for i in range(len(part) - 1):
            out.append(Edge(part[i], part[i + 1]))
    return out


def golden_max(g, lo, hi, tol=1e-6):
    r = (math.sqrt(5) - 1) / 2
    c, d = hi - r * (hi - lo), lo + r * (hi - lo)
    gc, gd = g(c), g(d)
    while hi - lo > tol:
        if gc > gd:
            hi, d, gd = d, c, gc
            c = hi - r * (hi - lo)
            gc = g(c)
        else:
            lo, c, gc = c, d, gd
            d = lo + r * (hi - lo)
            gd = g(d)
    return 0.5 * (lo + hi)


def directed(from_parts, to_parts):
    """(distance, from point, to point) of the directed Hausdorff distance."""
    src = edges_of(from_parts)
    dst = edges_of(to_parts)
    samples = []  # (f, edge index, s)
    for i, e in enumerate(src):
        n = max(1, math.ceil(e.length / COARSE_M))
        for k in range(n + 1):
            s = e.length * k / n
            d, _q = dist_to_line(e.at(s), dst)
            samples.append((d, i, s))
    top = max(samples)[0]
    best = (-1.0, None, None)
    for k, (d, i, s) in enumerate(samples):
        # refine around the local maxima of the samples near the top
        if d < top - COARSE_M / 2:
            continue
        before = samples[k - 1][0] if k > 0 and samples[k - 1][1] == i else -1.0
        after = samples[k + 1][0] if k + 1 < len(samples) and samples[k + 1][1] == i else -1.0
        if d < before or d < after:
            continue
        e = src[i]
        lo, hi = max(0.0, s - COARSE_M), min(e.length, s + COARSE_M)
        m = max(1, math.ceil(hi - lo))
        fine = [(dist_to_line(e.at(lo + (hi - lo) * j / m), dst)[0], lo + (hi - lo) * j / m) for j in range(m + 1)]
        fd, fs = max(fine)
        a, b = max(lo, fs - (hi - lo) / m), min(hi, fs + (hi - lo) / m)
        sm = golden_max(lambda x: dist_to_line(e.at(x), dst)[0], a, b)
        for cand in (sm, fs):
            p = e.at(cand)
            dd, q = dist_to_line(p, dst)
            if dd > best[0]:
                best = (dd, p, q)
    return best


def hausdorff(parts_a, parts_b):
    ab = directed(parts_a, parts_b)
    ba = directed(parts_b, parts_a)
    if ab[0] >= ba[0]:
        return ab[0], ab[1], ab[2], "a", ab[0], ba[0]
    return ba[0], ba[1], ba[2], "b", ab[0], ba[0]


def analyse(path):
    data = json.loads(path.read_text())
    feats = data["features"]
    segments = [f for f in feats if f["properties"].get("kind") == "border_segment"]
    claims = [f for f in feats if f["properties"].get("kind") == "claim_line"]
    seg_out = []
    totals = {"demarcated": 0.0, "delimited": 0.0, "disputed": 0.0, "undefined": 0.0}
    for s in segments:
        length = sum(line_length(p) for p in parts_of(s["geometry"]))
        seg_out.append({"id": s["id"], "status": s["properties"]["status"], "length_m": length})
        totals[s["properties"]["status"]] += length
    totals["total"] = sum(x["length_m"] for x in seg_out)
    claim_out = []
    for s in segments:
        mine = [c for c in claims if c["properties"].get("segment") == s["id"]]
        for i in range(len(mine)):
            for j in range(i + 1, len(mine)):
                a, b = mine[i], mine[j]
                if a["properties"]["claimant"] == b["properties"]["claimant"]:
                    continue
                pa, pb = parts_of(a["geometry"]), parts_of(b["geometry"])
                area, faces = area_between(pa, pb)
                h, p, q, on, ab, ba = hausdorff(pa, pb)
                claim_out.append({
                    "segment": s["id"], "a": a["id"], "b": b["id"],
                    "a_length_m": sum(line_length(x) for x in pa),
                    "b_length_m": sum(line_length(x) for x in pb),
                    "area_m2": area, "faces": faces,
                    "hausdorff_m": h, "hausdorff_on": on,
                    "hausdorff_from": list(p), "hausdorff_to": list(q),
                    "directed_ab_m": ab, "directed_ba_m": ba,
                })
                print(f"{path.name} {s['id']}: area {area:.3f} m2 in {faces} face(s), "
                      f"hausdorff {h:.6f} m on {on}", flush=True)
    return {"segments": seg_out, "status_lengths_m": totals, "claims": claim_out}


def main():
    seed = analyse(ROOT / "data" / "armenia-azerbaijan-2021.geojson")
    seed["generator"] = "tests/reference/claims_reference.py (geographiclib 2.1, shapely 2.2.0)"
    (OUT / "claims_seed.json").write_text(json.dumps(seed, indent=1) + "\n")

    hand = analyse(ROOT / "data" / "hand-checkable.geojson")
    # The hand value: claim-a-SOU is farthest from the equator at the middle
    # of its geodesic edge (10.25, 0.1)-(10.75, 0.1) (the geodesic bulges
    # poleward; by symmetry the middle is at lon 10.5), and the distance to
    # the equator from there is the meridian arc down to latitude 0.
    top = G.InverseLine(0.1, 10.25, 0.1, 10.75)
    mid = top.Position(top.s13 / 2)
    arc = G.Inverse(0.0, mid["lon2"], mid["lat2"], mid["lon2"])["s12"]
    hand["hand_hausdorff"] = {
        "midpoint": [mid["lon2"], mid["lat2"]],
        "meridian_arc_m": arc,
    }
    hand["generator"] = seed["generator"]
    (OUT / "claims_hand.json").write_text(json.dumps(hand, indent=1) + "\n")
    print(f"hand: midpoint {mid['lon2']!r}, {mid['lat2']!r}; arc {arc!r} m")


if __name__ == "__main__":
    main()
