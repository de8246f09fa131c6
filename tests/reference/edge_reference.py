#!/usr/bin/env python3
"""Independent reference for `demarcate::geodesy::nearest_on_edge`.

For every (point, edge) case the exact nearest point on the WGS84 geodesic edge
a->b is found with the `geographiclib` Python package by a method unrelated to
the crate's (which is a Newton iteration on the arc length using the reduced
length m12 and geodesic scale M12):

1. dense sampling of the edge with GeodesicLine.Position (spacing <= L/200 and
   <= 500 m, at least 200 samples), evaluating the geodesic distance to p;
2. every sampled local minimum (and both endpoints) is refined: inside its
   bracket [s_(i-1), s_(i+1)] the derivative of the distance, -cos(omega) with
   omega the angle between the edge's azimuth and the azimuth to p, is
   bisected until the bracket is < 1e-9 m (bisection on the derivative's sign
   locates the foot to ~1e-9 m; golden-section search on the distance itself
   cannot, since the distance is flat at the minimum);
3. a golden-section search on the distance over the same bracket (to 1e-7 m)
   cross-checks the refined distance (they must agree within 1e-8 m);
4. the smallest candidate wins; a case is flagged `ambiguous` when another
   candidate at least 1 mm away along the edge is within 1e-6 m as near.

Deterministic (seeded). Writes edge_cases.json beside this script.
Run: python3 tests/reference/edge_reference.py
"""
import json
import math
import os
import random

import geographiclib
from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
OUT_INV = Geodesic.DISTANCE | Geodesic.AZIMUTH


def norm_lon(x):
    y = math.remainder(x, 360.0)
    return 180.0 if y == -180.0 else y


def direct(lon, lat, azi, s):
    r = G.Direct(lat, lon, azi, s)
    return [norm_lon(r["lon2"]), r["lat2"]]


class Edge:
    def __init__(self, a, b):
        self.a, self.b = a, b
        inv = G.Inverse(a[1], a[0], b[1], b[0])
        self.L = inv["s12"]
        self.line = G.InverseLine(a[1], a[0], b[1], b[0],
                                  Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH | Geodesic.DISTANCE_IN)

    def pos(self, s):
        r = self.line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH)
        return r["lat2"], norm_lon(r["lon2"]), r["azi2"]

    def f(self, s, p):
        lat, lon, _ = self.pos(s)
        return G.Inverse(lat, lon, p[1], p[0], Geodesic.DISTANCE)["s12"]

    def fprime_sign(self, s, p):
        """Sign of d(distance)/ds at s: -cos(omega)."""
        lat, lon, azl = self.pos(s)
        r = G.Inverse(lat, lon, p[1], p[0], OUT_INV)
        if r["s12"] == 0.0:
            return 0.0
        return -math.cos(math.radians(r["azi1"] - azl))


def golden(fun, lo, hi, tol=1e-7):
    gr = (math.sqrt(5.0) - 1.0) / 2.0
    c = hi - gr * (hi - lo)
    d = lo + gr * (hi - lo)
    fc, fd = fun(c), fun(d)
    while hi - lo > tol:
        if fc < fd:
            hi, d, fd = d, c, fc
            c = hi - gr * (hi - lo)
            fc = fun(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + gr * (hi - lo)
            fd = fun(d)
    s = 0.5 * (lo + hi)
    return s, fun(s)


def nearest(a, b, p):
    e = Edge(a, b)
    L = e.L
    if L == 0.0:
        d = G.Inverse(a[1], a[0], p[1], p[0], Geodesic.DISTANCE)["s12"]
        return dict(distance_m=d, nearest=list(a), along_m=0.0, edge_length_m=0.0, ambiguous=False)
    n = max(200, min(4000, int(math.ceil(L / 500.0))))
    ss = [L * i / n for i in range(n + 1)]
    fs = [e.f(s, p) for s in ss]
    cands = [(fs[0], 0.0), (fs[-1], L)]
    for i in range(n + 1):
        left = fs[i - 1] if i > 0 else math.inf
        right = fs[i + 1] if i < n else math.inf
        if fs[i] <= left and fs[i] <= right:
            lo = ss[max(i - 1, 0)]
            hi = ss[min(i + 1, n)]
            glo, ghi = e.fprime_sign(lo, p), e.fprime_sign(hi, p)
            if glo < 0.0 < ghi:
                for _ in range(200):
                    if hi - lo < 1e-9:
                        break
                    mid = 0.5 * (lo + hi)
                    gm = e.fprime_sign(mid, p)
                    if gm == 0.0:
                        lo = hi = mid
                        break
                    if gm < 0.0:
                        lo = mid
                    else:
                        hi = mid
                s = 0.5 * (lo + hi)
                fb = e.f(s, p)
                sg, fg = golden(lambda x: e.f(x, p), ss[max(i - 1, 0)], ss[min(i + 1, n)])
                assert fb <= fg + 1e-8, (fb, fg, a, b, p)
                cands.append((fb, s))
            elif fs[i] == 0.0:
                cands.append((0.0, ss[i]))
    d, s = min(cands)
    # several equally near points (e.g. p at the pole of an equatorial edge):
    # the distance is defined, the nearest point is not.
    ambiguous = any(abs(dc - d) < 1e-6 and abs(sc - s) > 1e-3 for dc, sc in cands)
    if s == 0.0:
        pt = list(a)
    elif s == L:
        pt = list(b)
    else:
        lat, lon, _ = e.pos(s)
        pt = [lon, lat]
    return dict(distance_m=d, nearest=pt, along_m=s, edge_length_m=L, ambiguous=ambiguous)


def rand_pt(rng, latmax=80.0):
    return [rng.uniform(-180.0, 180.0), rng.uniform(-latmax, latmax)]


def logu(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def make_cases():
    rng = random.Random(20261129)
    cases = []

    def add(cls, a, b, p):
        cases.append(dict(cls=cls, a=[float(x) for x in a], b=[float(x) for x in b], p=[float(x) for x in p]))

    def rand_edge(rng, lmin, lmax, latmax=75.0, a=None):
        a = a or rand_pt(rng, latmax)
        b = direct(a[0], a[1], rng.uniform(-180, 180), logu(rng, lmin, lmax))
        return a, b

    def offset_point(a, b, u, d, side):
        e = Edge(a, b)
        lat, lon, azl = e.pos(u * e.L)
        return direct(lon, lat, azl + side * 90.0, d)

    # 1. short edges, interior foot
    for _ in range(60):
        a, b = rand_edge(rng, 10.0, 2000.0)
        add("short_interior", a, b, offset_point(a, b, rng.uniform(0.05, 0.95), logu(rng, 1e-3, 1e4), rng.choice([-1, 1])))
    # 2. beyond either end
    for i in range(30):
        a, b = rand_edge(rng, 10.0, 50000.0)
        e = Edge(a, b)
        if i % 2:
            inv = G.Inverse(a[1], a[0], b[1], b[0])
            p = direct(b[0], b[1], inv["azi2"] + rng.uniform(-60, 60), logu(rng, 1.0, 5e4))
        else:
            inv = G.Inverse(a[1], a[0], b[1], b[0])
            p = direct(a[0], a[1], inv["azi1"] + 180.0 + rng.uniform(-60, 60), logu(rng, 1.0, 5e4))
        add("beyond_end", a, b, p)
    # 3. vertices
    for i in range(10):
        a, b = rand_edge(rng, 10.0, 1e5)
        add("vertex", a, b, a if i % 2 == 0 else b)
    # 4. high latitudes
    for i in range(30):
        lat = rng.uniform(80.0, 89.99) * rng.choice([-1, 1])
        a = [rng.uniform(-180, 180), lat]
        a, b = rand_edge(rng, 100.0, 2e5, a=a)
        if i % 3 == 0:
            p = offset_point(a, b, rng.uniform(0.0, 1.0), logu(rng, 1.0, 3e5), rng.choice([-1, 1]))
        else:
            p = direct(a[0], a[1], rng.uniform(-180, 180), logu(rng, 1.0, 3e5))
        add("high_lat", a, b, p)
    for lon in (0.0, 45.0, 100.0):
        add("high_lat", [lon, 89.5], [lon + 180.0 - 360.0 * (lon + 180.0 > 180.0), 89.5], [lon + 90.0, 89.9])
        add("high_lat", [lon, -89.0], [lon + 170.0 - 360.0 * (lon + 170.0 > 180.0), -88.0], [lon - 30.0, -89.95])
    # 5. antimeridian crossings
    for i in range(25):
        lat = rng.uniform(-75, 75)
        a = [179.9 - rng.uniform(0, 0.5), lat]
        b = [-179.9 + rng.uniform(0, 0.5), lat + rng.uniform(-0.5, 0.5)]
        if i % 2:
            a, b = b, a
        p = [rng.choice([179.95, -179.95, 179.999, -179.999, 179.5, -179.5]), lat + rng.uniform(-0.6, 0.6)]
        add("antimeridian", a, b, p)
    # 6. long edges (500-2000 km), points up to 1000 km away
    for i in range(40):
        a, b = rand_edge(rng, 5e5, 2e6, latmax=70.0)
        if i % 4 == 3:
            p = direct(b[0], b[1], rng.uniform(-180, 180), logu(rng, 1e3, 1e6))
        else:
            p = offset_point(a, b, rng.uniform(0.0, 1.0), logu(rng, 1.0, 1e6), rng.choice([-1, 1]))
        add("long", a, b, p)
    # 7. zero-length edges
    for i in range(10):
        a = rand_pt(rng, 89.0)
        add("zero_length", a, a, direct(a[0], a[1], rng.uniform(-180, 180), logu(rng, 1e-2, 1e6)))
    # 8. p on the edge
    for i in range(20):
        a, b = rand_edge(rng, 10.0, 2e6)
        add("on_edge", a, b, offset_point(a, b, rng.uniform(0.0, 1.0), 0.0, 1))
    # 9. far / antipodal-ish points
    for i in range(30):
        a, b = rand_edge(rng, 1e3, 2e6)
        if i % 2:
            e = Edge(a, b)
            lat, lon, _ = e.pos(rng.uniform(0, 1) * e.L)
            anti = [norm_lon(lon + 180.0), -lat]
            p = direct(anti[0], anti[1], rng.uniform(-180, 180), logu(rng, 1e2, 1e6))
        else:
            p = rand_pt(rng, 89.0)
        add("far", a, b, p)
    # 10. medium edges, points up to 1000 km away
    for i in range(40):
        a, b = rand_edge(rng, 2e3, 2e5, latmax=85.0)
        p = direct(a[0], a[1], rng.uniform(-180, 180), logu(rng, 1.0, 1e6))
        add("medium", a, b, p)
    # 11. special, hand-checkable geometry
    for lat in (0.001, 0.5, 1.0, -2.0, 10.0):
        add("special", [10.0, 0.0], [11.0, 0.0], [10.5, lat])
    add("special", [10.0, 0.0], [11.0, 0.0], [12.0, 0.0])
    add("special", [10.0, 0.0], [11.0, 0.0], [0.0, 90.0])
    add("special", [20.0, -10.0], [20.0, 10.0], [21.0, 3.0])
    add("special", [20.0, -10.0], [20.0, 10.0], [19.0, 12.0])
    add("special", [0.0, 0.0], [0.0, 90.0], [10.0, 45.0])
    add("special", [-30.0, 0.0], [30.0, 0.0], [150.0, 0.0])
    add("special", [-5.0, 0.0], [5.0, 0.0], [180.0, 0.0])
    add("special", [-5.0, 0.0], [5.0, 0.0], [179.0, 0.3])
    return cases


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for c in make_cases():
        r = nearest(c["a"], c["b"], c["p"])
        out.append(dict(
            cls=c["cls"], p=c["p"], a=c["a"], b=c["b"],
            distance_m=r["distance_m"], nearest=r["nearest"],
            along_m=r["along_m"], edge_length_m=r["edge_length_m"],
            ambiguous=r["ambiguous"],
        ))
    doc = dict(
        generator="tests/reference/edge_reference.py",
        geographiclib_version=geographiclib.__version__,
        ellipsoid="WGS84",
        units="degrees (lon, lat), metres",
        cases=out,
    )
    with open(os.path.join(here, "edge_cases.json"), "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(out)} cases")


if __name__ == "__main__":
    main()
