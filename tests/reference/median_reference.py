#!/usr/bin/env python3
"""Reference median line between the ARM and AZE shores of Sev Lich in the
seed dataset, for tests/median.rs.

Independent of the Rust code under test: it shares only GeographicLib's
direct/inverse solutions (the geographiclib Python package).

- Distance to a party: brute force over the party's shore vertices and
  geodesic edges; an edge is solved only when the triangle inequality
  (distance to its first vertex minus its length) cannot rule it out; its
  nearest point is found by sampling along the geodesic and bisection on
  the sign of the distance's slope to 1e-4 m (the distance is flat there:
  ~1e-12 m).
- Cross-sections: geodesics perpendicular to the geodesic between the two
  points where the shores meet, at 24 evenly spaced stations; on each, the
  point where d_ARM = d_AZE by sampling every 150 m and bisection to 1e-7 m.
- Turning points: nested bisection. Between two cross-sections whose
  controlling elements (vertex or edge of each shore) differ, the station is
  bisected (each level solving its own cross-section, with only the elements
  controlling at the bracket's ends, or all of them when another comes
  nearer at the new section) until it is 1e-4 m wide; a
  turning point is where the nearest point on a shore jumps (over 1 m), as
  opposed to sliding from an edge onto its own end. Every turning point is
  checked against the full brute-force distances. Pure Python is slow, so
  only the first MAX_TURNING turning points (in station order) are solved.

Usage:
    pip install geographiclib==2.1
    python3 tests/reference/median_reference.py > tests/reference/median_seed.json
"""

import json
import math
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "data" / "armenia-azerbaijan-2021.geojson"
STATIONS = 24
# Nested bisection is slow in pure Python: only the first turning points.
MAX_TURNING = 4


def inverse(p, q):
    return G.Inverse(p[1], p[0], q[1], q[0])


def direct(p, azi, s):
    r = G.Direct(p[1], p[0], azi, s)
    return (r["lon2"], r["lat2"])


def on_edge(p, a, b):
    """(distance, foot, along) of the point of geodesic a-b nearest to p."""
    inv = inverse(a, b)
    length = inv["s12"]
    line = G.InverseLine(a[1], a[0], b[1], b[0])

    def at(s):
        pos = line.Position(s)
        return (pos["lon2"], pos["lat2"]), pos["azi2"]

    def dist(s):
        return inverse(p, at(s)[0])["s12"]

    def ahead(s):
        x, azi = at(s)
        to_p = inverse(x, p)["azi1"]
        return math.cos(math.radians(to_p - azi)) > 0

    n = 12
    grid = [length * i / n for i in range(n + 1)]
    vals = [dist(s) for s in grid]
    k = min(range(n + 1), key=lambda i: vals[i])
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, n)]
    # the distance is flat at the foot: 1e-4 m there is ~1e-12 m in distance
    while hi - lo > 1e-4:
        mid = 0.5 * (lo + hi)
        if ahead(mid):
            lo = mid
        else:
            hi = mid
    s = 0.5 * (lo + hi)
    best = min([(dist(s), s), (vals[0], 0.0), (vals[-1], length)])
    return best[0], at(best[1])[0], best[1], length


class Shore:
    def __init__(self, pts):
        self.pts = [tuple(p) for p in pts]

    def element(self, kind, i, p):
        """(distance, foot) to one element."""
        if kind == "vertex":
            v = self.pts[i]
            return inverse(p, v)["s12"], v
        d, foot, _, _ = on_edge(p, self.pts[i], self.pts[i + 1])
        return d, foot

    def nearest(self, p, only=None):
        """(distance, foot, (kind, index)) over all elements, or over `only`."""
        if only is not None:
            best = None
            for kind, i in only:
                d, foot = self.element(kind, i, p)
                if best is None or d < best[0]:
                    best = (d, foot, self.classify(kind, i, foot))
            return best
        dv = [inverse(p, v)["s12"] for v in self.pts]
        k = min(range(len(dv)), key=lambda i: dv[i])
        best = (dv[k], self.pts[k], ("vertex", k))
        for i in range(len(self.pts) - 1):
            length = inverse(self.pts[i], self.pts[i + 1])["s12"]
            if dv[i] - length >= best[0]:
                continue
            d, foot, along, length = on_edge(p, self.pts[i], self.pts[i + 1])
            if d < best[0] - 1e-9:
                best = (d, foot, self.classify("edge", i, foot, along, length))
        return best

    def classify(self, kind, i, foot, along=None, length=None):
        if kind == "vertex":
            return ("vertex", i)
        if along is None:
            a, b = self.pts[i], self.pts[i + 1]
            if inverse(foot, a)["s12"] < 1e-9:
                return ("vertex", i)
            if inverse(foot, b)["s12"] < 1e-9:
                return ("vertex", i + 1)
            return ("edge", i)
        if along <= 1e-9:
            return ("vertex", i)
        if along >= length - 1e-9:
            return ("vertex", i + 1)
        return ("edge", i)

    def neighbours(self, el):
        kind, i = el
        if kind == "vertex":
            out = [("vertex", i)]
            if i > 0:
                out.append(("edge", i - 1))
            if i < len(self.pts) - 1:
                out.append(("edge", i))
            return out
        return [("edge", i), ("vertex", i), ("vertex", i + 1)]


def main():
    data = json.loads(DATASET.read_text())
    shores = {}
    for f in data["features"]:
        if f["properties"].get("kind") == "shore":
            shores[f["properties"]["party"]] = (f["id"], Shore(f["geometry"]["coordinates"]))
    (id_a, A), (id_b, B) = shores["ARM"], shores["AZE"]
    ends_a = {A.pts[0], A.pts[-1]}
    meets = [p for p in (B.pts[0], B.pts[-1]) if p in ends_a]
    assert len(meets) == 2, meets
    m1, m2 = meets
    axis = inverse(m1, m2)
    span = axis["s12"]
    axis_line = G.InverseLine(m1[1], m1[0], m2[1], m2[0])

    def section(t):
        pos = axis_line.Position(t * span)
        return (pos["lon2"], pos["lat2"]), pos["azi2"] + 90.0

    def f_at(x, only_a=None, only_b=None):
        na = A.nearest(x, only_a)
        nb = B.nearest(x, only_b)
        return na[0] - nb[0], na, nb

    def solve(t, only_a=None, only_b=None, bracket=None):
        c, azi = section(t)
        if bracket is None:
            ss = [-1500.0 + 150.0 * k for k in range(21)]
            vals = [f_at(direct(c, azi, s))[0] for s in ss]
            roots = [k for k in range(20) if (vals[k] < 0) != (vals[k + 1] < 0)]
            k = min(roots, key=lambda k: abs(ss[k]))
            lo, hi, flo = ss[k], ss[k + 1], vals[k]
        else:
            lo, hi = bracket
            flo = f_at(direct(c, azi, lo), only_a, only_b)[0]
        while hi - lo > 1e-7:
            mid = 0.5 * (lo + hi)
            fm = f_at(direct(c, azi, mid), only_a, only_b)[0]
            if (fm < 0) == (flo < 0):
                lo, flo = mid, fm
            else:
                hi = mid
        s = 0.5 * (lo + hi)
        x = direct(c, azi, s)
        _, na, nb = f_at(x, only_a, only_b)
        return {"t": t, "s": s, "x": x, "d": 0.5 * (na[0] + nb[0]), "a": na, "b": nb}

    sections = []
    for i in range(STATIONS):
        sections.append(solve((i + 1) / (STATIONS + 1)))
        print(f"section {i}: {sections[-1]['x']}", file=sys.stderr)

    def same(side, e0, e1):
        return e1 in side.neighbours(e0) or e0 in side.neighbours(e1)

    turning = []

    def refine(lo, hi, depth=0):
        """Nested bisection between two solved sections."""
        if same(A, lo["a"][2], hi["a"][2]) and same(B, lo["b"][2], hi["b"][2]):
            return
        if len(turning) >= MAX_TURNING:
            return
        only_a = sorted(set(A.neighbours(lo["a"][2]) + A.neighbours(hi["a"][2])))
        only_b = sorted(set(B.neighbours(lo["b"][2]) + B.neighbours(hi["b"][2])))
        if (hi["t"] - lo["t"]) * span <= 1e-4 or depth > 60:
            jump_a = inverse(lo["a"][1], hi["a"][1])["s12"] > 1.0
            jump_b = inverse(lo["b"][1], hi["b"][1])["s12"] > 1.0
            if jump_a or jump_b:
                x = lo["x"]
                na, nb = A.nearest(x), B.nearest(x)
                assert abs(na[0] - lo["d"]) < 1e-6 and abs(nb[0] - lo["d"]) < 1e-6, (x, na, nb)
                print(f"turning point {x} at {lo['d']}", file=sys.stderr)
                controls = []
                if jump_a:
                    controls += [("ARM", id_a) + lo["a"][2], ("ARM", id_a) + hi["a"][2]]
                    controls += [("AZE", id_b) + lo["b"][2]]
                    if jump_b:
                        controls += [("AZE", id_b) + hi["b"][2]]
                else:
                    controls += [("ARM", id_a) + lo["a"][2]]
                    controls += [("AZE", id_b) + lo["b"][2], ("AZE", id_b) + hi["b"][2]]
                turning.append({
                    "point": list(x),
                    "distance_m": lo["d"],
                    "full_distances_m": [na[0], nb[0]],
                    "controls": [
                        {"party": c[0], "id": c[1], c[2]: c[3]} for c in controls
                    ],
                })
            return
        t = 0.5 * (lo["t"] + hi["t"])
        pad = 2.0 * abs(hi["s"] - lo["s"]) + 0.5 * (hi["t"] - lo["t"]) * span + 1e-3
        smin = min(lo["s"], hi["s"]) - pad
        smax = max(lo["s"], hi["s"]) + pad
        mid = solve(t, only_a, only_b, (smin, smax))
        # an element outside the bracket's own may come nearer in between:
        # then solve this section on the full distances
        full_a, full_b = A.nearest(mid["x"]), B.nearest(mid["x"])
        if full_a[0] < mid["a"][0] - 1e-7 or full_b[0] < mid["b"][0] - 1e-7:
            mid = solve(t, None, None, (smin - 100.0, smax + 100.0))
        refine(lo, mid, depth + 1)
        refine(mid, hi, depth + 1)

    # the line's ends are the meeting points: sections from them as well
    for lo, hi in zip(sections, sections[1:]):
        print(f"interval {lo['a'][2]} {lo['b'][2]} -> {hi['a'][2]} {hi['b'][2]}", file=sys.stderr)
        refine(lo, hi)

    out = {
        "dataset": "data/armenia-azerbaijan-2021.geojson",
        "parties": ["ARM", "AZE"],
        "meeting_points": [list(m1), list(m2)],
        "cross_sections": [
            {
                "point": list(s["x"]),
                "distance_m": s["d"],
                "residual_m": s["a"][0] - s["b"][0],
            }
            for s in sections
        ],
        "turning_points": turning,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
