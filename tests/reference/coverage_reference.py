#!/usr/bin/env python3
"""Reference outpost coverage of the bundled border, for tests.

Independent of the Rust code under test: it uses the geographiclib Python
package (Karney's GeographicLib) for the geodesic primitives and finds where
the border is within range of an outpost by a different method from the
crate's (which finds the foot of the perpendicular and Newton-iterates on the
two range crossings of each edge). Here, on every geodesic edge of every
border segment, the coverage margin

    g(s) = min over posts of (distance(X(s), post) - range)

is sampled every SAMPLE_M metres along the edge (X(s) from
``Geodesic.InverseLine(...).Position``); each sign change between samples is
refined by plain bisection on g to BISECT_TOL_M. A point is covered where
g <= 0. Only posts that can reach the edge are considered: a post is skipped
when distance(post, a) - length(a, b) > range (triangle inequality), which
cannot drop a post that reaches the edge.

Offsets are metres along each segment from its first vertex: the cumulative
geodesic length of its edges in order (MultiLineString parts concatenated in
order), as the crate documents. Gaps shorter than 1 micrometre are ignored.

Output (stdout, JSON): three scenarios, the 47 outposts with their own
range_m (8000 m) and the same positions with every range replaced by 5000 m
and by 3000 m (many partial gaps); each with covered_m, total_m,
covered_fraction and the gaps (segment, from_m, to_m, length_m) in segment
order.

Usage:
    pip install geographiclib==2.1
    python3 tests/reference/coverage_reference.py > tests/reference/coverage_seed.json
"""

import json
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "data" / "armenia-azerbaijan-2021.geojson"
SAMPLE_M = 5.0
BISECT_TOL_M = 1e-7
MIN_GAP_M = 1e-6


def dist(a, b):
    """Geodesic distance between (lon, lat) points, metres."""
    return G.Inverse(a[1], a[0], b[1], b[0])["s12"]


def lines_of(geometry):
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return geometry["coordinates"]
    return []


def covered_intervals(a, b, posts):
    """Covered sub-intervals [s0, s1] of the geodesic edge a->b."""
    length = dist(a, b)
    near = [(p, r) for p, r in posts if dist(p, a) - length <= r]
    if not near or length == 0:
        return length, []
    line = G.InverseLine(a[1], a[0], b[1], b[0])

    def point(s):
        if s <= 0:
            return a
        if s >= length:
            return b
        pos = line.Position(s)
        return (pos["lon2"], pos["lat2"])

    def g(s):
        x = point(s)
        return min(dist(x, p) - r for p, r in near)

    n = max(1, int(length / SAMPLE_M) + 1)
    grid = [length * i / n for i in range(n + 1)]
    vals = [g(s) for s in grid]
    out = []
    start = 0.0 if vals[0] <= 0 else None
    for i in range(n):
        inside0, inside1 = vals[i] <= 0, vals[i + 1] <= 0
        if inside0 == inside1:
            continue
        lo, hi = grid[i], grid[i + 1]  # g(lo) and g(hi) differ in sign
        glo = vals[i]
        while hi - lo > BISECT_TOL_M:
            mid = 0.5 * (lo + hi)
            gm = g(mid)
            if (gm <= 0) == (glo <= 0):
                lo, glo = mid, gm
            else:
                hi = mid
        cross = 0.5 * (lo + hi)
        if inside1:
            start = cross
        else:
            out.append((start, cross))
            start = None
    if start is not None:
        out.append((start, length))
    return length, out


def scenario(feats, name, range_override):
    posts = [
        (
            tuple(f["geometry"]["coordinates"][:2]),
            float(range_override or f["properties"]["range_m"]),
        )
        for f in feats
        if f["properties"].get("kind") == "outpost"
    ]
    gaps = []
    covered_m = total_m = 0.0
    for f in feats:
        if f["properties"].get("kind") != "border_segment":
            continue
        offset = 0.0
        covered = []
        for part in lines_of(f["geometry"]):
            for a, b in zip(part, part[1:]):
                length, ivs = covered_intervals(tuple(a[:2]), tuple(b[:2]), posts)
                covered += [(offset + s0, offset + s1) for s0, s1 in ivs]
                offset += length
        merged = []
        for s0, s1 in covered:
            if merged and s0 - merged[-1][1] <= MIN_GAP_M:
                merged[-1] = (merged[-1][0], max(merged[-1][1], s1))
            else:
                merged.append((s0, s1))
        cursor = 0.0
        seg_gaps = []
        for s0, s1 in merged:
            if s0 - cursor > MIN_GAP_M:
                seg_gaps.append((cursor, s0))
            cursor = max(cursor, s1)
        if offset - cursor > MIN_GAP_M:
            seg_gaps.append((cursor, offset))
        gap_m = sum(t - s for s, t in seg_gaps)
        covered_m += offset - gap_m
        total_m += offset
        for s, t in seg_gaps:
            gaps.append(
                {"segment": f["id"], "from_m": s, "to_m": t, "length_m": t - s}
            )
    return {
        "name": name,
        "range_override_m": range_override,
        "posts": len(posts),
        "covered_m": covered_m,
        "total_m": total_m,
        "covered_fraction": covered_m / total_m,
        "gaps": gaps,
    }


def main():
    data = json.loads(DATASET.read_text())
    feats = data["features"]
    out = {
        "dataset": "data/armenia-azerbaijan-2021.geojson",
        "method": "per-edge sampling every %g m of min(distance - range), bisection to %g m"
        % (SAMPLE_M, BISECT_TOL_M),
        "scenarios": [
            # the outposts with their own range_m (8000 m)
            scenario(feats, "seed", None),
            # the same positions with every range replaced: many partial gaps
            scenario(feats, "range_5000", 5000.0),
            scenario(feats, "range_3000", 3000.0),
        ],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
