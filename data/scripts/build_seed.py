#!/usr/bin/env python3
"""Build the seed dataset ``data/armenia-azerbaijan-2021.geojson`` for demarcate.

Usage::

    python3 data/scripts/build_seed.py PATH/TO/countries-10m.json [OUTPUT]

OUTPUT defaults to ``armenia-azerbaijan-2021.geojson`` next to this script's
parent directory (i.e. ``data/``).

Getting the input
-----------------
The border and the territories come from Natural Earth 1:10m "Admin 0 –
Countries" (public domain), as TopoJSON in the ``world-atlas`` npm package
(version 2.x, built with 2.0.2; the file is ``countries-10m.json``)::

    mkdir -p /tmp/wa && cd /tmp/wa
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 /path/to/repo/data/scripts/build_seed.py /tmp/wa/package/countries-10m.json

Requirements: Python 3.11+, ``geographiclib`` (geodesic computations) and
``shapely`` (only used for checks: left/right side tests, point-in-territory
tests and ring validity; it never produces output coordinates).

What it does
------------
* decodes the TopoJSON itself (quantized transform, delta-encoded arcs,
  negative arc index ``~i`` = arc ``i`` reversed);
* writes the Armenia and Azerbaijan territories with NE's vertices;
* takes the arcs used by *both* country geometries -- exactly the common
  border: the main Armenia–Azerbaijan line, the Armenia–Nakhchivan line and
  the exclave rings -- and splits the two open lines into named segments at
  fixed vertices; ``left``/``right`` of every segment is computed by testing
  points just left and right of an edge midpoint against the territories;
* adds illustrative claim lines, proposed outposts and incursion zones
  (deterministic constructions; see the ``disclaimer`` member).

Every coordinate is rounded to 7 decimals (~1 cm).  The script is
deterministic: rerunning it reproduces the output byte for byte.
"""

import json
import math
import os
import sys

from geographiclib.geodesic import Geodesic
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

GEOD = Geodesic.WGS84
NDIGITS = 7

NE_SOURCE = "Natural Earth 10m admin-0 shared boundary"

# Split points of the two open border lines, as NE vertices (lon, lat) at
# which a segment ends.  Each line is oriented to start at its northern end:
# the main line runs from the Georgia tripoint to the Araks (Iran tripoint),
# the Nakhchivan line from the Turkey tripoint to the Araks (Iran tripoint).
# Names: Armenian province (communities) – Azerbaijani district(s).  The
# split places are approximate (NE 1:10m is generalized).
MAIN_SEGMENTS = [
    ("seg-01", "Tavush (Noyemberyan, Ijevan) – Gazakh", "undefined", (45.3803, 41.0110)),
    ("seg-02", "Tavush (Berd) – Tovuz", "undefined", (45.5999, 40.8405)),
    ("seg-03", "Tavush / Gegharkunik (Chambarak) – Gadabay", "undefined", (45.5855, 40.3981)),
    ("seg-04", "Gegharkunik (Vardenis: Verin Shorzha, Kut, Sotk) – Kalbajar", "disputed",
     (45.9635, 40.1414)),
    ("seg-05", "Gegharkunik (Vardenis, south) – Kalbajar", "undefined", (45.6395, 40.0249)),
    ("seg-06", "Vayots Dzor (Jermuk) – Kalbajar", "undefined", (45.9167, 39.7834)),
    ("seg-07", "Syunik (Sisian, Goris: Sev Lich / Black Lake) – Kalbajar / Lachin", "disputed",
     (46.1831, 39.5926)),
    ("seg-08", "Syunik (Goris) – Lachin", "undefined", (46.4927, 39.5099)),
    ("seg-09", "Syunik (Goris, Kapan) – Qubadli", "undefined", (46.6043, 39.2161)),
    ("seg-10", "Syunik (Kapan, Meghri) – Zangilan", "undefined", None),
]
NAKH_SEGMENTS = [
    ("seg-11", "Ararat (Yeraskh) – Sadarak / Sharur (Nakhchivan)", "undefined", (45.0743, 39.7497)),
    ("seg-12", "Vayots Dzor (Areni, Yeghegnadzor, Vayk) – Sharur / Babek / Shahbuz (Nakhchivan)",
     "undefined", (45.7079, 39.5690)),
    ("seg-13", "Syunik (Sisian) – Shahbuz / Julfa (Nakhchivan)", "undefined", (45.8231, 39.3427)),
    ("seg-14", "Syunik (Kajaran, Meghri) – Ordubad (Nakhchivan)", "undefined", None),
]
# Exclave rings shared by both countries, identified by an interior point.
EXCLAVE_SEGMENTS = [
    ("seg-15", "Artsvashen exclave (Armenia, Gegharkunik) – Gadabay", (45.51, 40.63)),
    ("seg-16", "Yukhari Askipara exclave (Azerbaijan, Gazakh) – Tavush", (44.99, 41.055)),
    ("seg-17", "Barkhudarly exclave (Azerbaijan, Gazakh) – Tavush", (45.20, 40.985)),
]

# Illustrative AZE claim lines for the disputed segments: the NE line with the
# stretch between two NE vertices pushed into Armenia by up to max_m metres.
CLAIMS = {
    "seg-04": ((45.8195, 40.2985), (45.9779, 40.2242), 3000.0),
    "seg-07": ((45.9779, 39.7682), (46.1471, 39.6382), 2000.0),
}

OUTPOST_SPACING_M = 15000.0
OUTPOST_INSET_M = 1000.0
OUTPOST_RANGE_M = 8000

# Illustrative incursion zones: (id, name, reported, source, line, anchor
# (lon, lat) snapped to the nearest border point, shift along the border (m),
# half-length along the border a, half-width across b, centre offset into
# Armenia c (so depth into Armenia ~ b + c, into Azerbaijan ~ b - c), phase).
PRESS = "as reported by the press"
ZONES = [
    ("zone-01", "Sev Lich / Black Lake (Syunik), first report", "2021-05-12",
     "Armenian government statements, 12-13 May 2021, " + PRESS, "main",
     (45.99, 39.62), 0.0, 3000.0, 2250.0, 1250.0, 0.3),
    ("zone-02", "Sev Lich / Black Lake (Syunik), later report", "2021-05-14",
     "Armenian government statements, 14 May 2021, " + PRESS, "main",
     (45.99, 39.62), 2500.0, 4200.0, 2900.0, 1500.0, 1.1),
    ("zone-03", "Vardenis / Sotk area (Gegharkunik), near Verin Shorzha and Kut", "2021-05-13",
     "Armenian government statements, May 2021, " + PRESS, "main",
     (45.87, 40.25), 0.0, 3500.0, 2000.0, 1000.0, 2.0),
    ("zone-04", "Yeraskh (Ararat), Nakhchivan border", "2021-07-23",
     "Armenian Ministry of Defence statements, 23 July 2021, " + PRESS, "nakh",
     (44.80, 39.77), 0.0, 2000.0, 1200.0, 400.0, 0.7),
]

# Sev Lich / Black Lake (Syunik): an illustrative outline, not surveyed (the
# generalized 1:10m border above passes ~3.6 km to its east). A wobbly ring
# of LAKE_VERTICES points around LAKE_CENTRE (radius ~1 km); the Armenian
# shore is its west and south, the Azerbaijani its north and east, the two
# meeting at the ring's north-west and south-east points, where the border
# would reach the lake. The median line between them is computed, not stored.
LAKE_CENTRE = (46.235, 39.560)
LAKE_VERTICES = 40
LAKE_MEET = (35, 15)  # ring indices of the NW and SE meeting points


def lake_shores():
    ring = []
    for k in range(LAKE_VERTICES):
        t = 2 * math.pi * k / LAKE_VERTICES
        r = 1000.0 * (1 + 0.12 * math.cos(2 * t + 0.4) + 0.06 * math.sin(3 * t + 1.0)
                      + 0.03 * math.cos(7 * t))
        ring.append(rpt(direct(LAKE_CENTRE, math.degrees(t), r)))
    nw, se = LAKE_MEET
    arm = ring[se:nw + 1]
    aze = ring[nw:] + ring[:se + 1]
    return arm, aze


ATTRIBUTION = (
    "Border and territories: Natural Earth 1:10m Admin 0 countries (public domain), "
    "via the world-atlas npm package (countries-10m.json, quantized TopoJSON); "
    "segment names, statuses, claim lines, outposts, incursion zones and lake shores: "
    "illustrative, compiled for the demarcate project."
)
DISCLAIMER = (
    "Illustrative demonstration data, not surveyed data. The border line is Natural "
    "Earth's generalized 1:10m boundary and can be off by hundreds of metres to several "
    "kilometres. The incursion zones, outposts, claim lines and segment statuses are "
    "illustrative approximations made for demonstration; they are not official, "
    "surveyed or endorsed positions of any party. As of July 2021 no section of the "
    "Armenia-Azerbaijan border had been delimited or demarcated; segments are marked "
    "'undefined' or, where the May 2021 stand-offs took place, 'disputed'. The outposts "
    "illustrate the proposal by Armenia's prime minister of 28 July 2021 to station "
    "Russian border guards along the entire Armenian-Azerbaijani border; their positions "
    "are invented. The Sev Lich / Black Lake shores are an illustrative outline."
)


# ----------------------------------------------------------------------------
# TopoJSON decoding


def decode_arcs(topo):
    """Absolute, rounded (lon, lat) coordinates of every arc."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        pts = []
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            for pos in arc:
                x += pos[0]
                y += pos[1]
                pts.append((round(x * sx + tx, NDIGITS), round(y * sy + ty, NDIGITS)))
        else:
            pts = [(round(p[0], NDIGITS), round(p[1], NDIGITS)) for p in arc]
        # drop repeated points (quantization can create them)
        dedup = [pts[0]]
        for p in pts[1:]:
            if p != dedup[-1]:
                dedup.append(p)
        out.append(dedup)
    return out


def arc_points(arcs, i):
    return list(arcs[i]) if i >= 0 else list(reversed(arcs[~i]))


def ring_points(arcs, idxs):
    pts = []
    for k, i in enumerate(idxs):
        a = arc_points(arcs, i)
        pts.extend(a if k == 0 else a[1:])
    return pts


def chain_arcs(lines):
    """Joins lines that touch end to end (either way round) into longer ones."""
    lines = list(lines)
    chained = []
    while lines:
        cur = lines.pop(0)
        grown = True
        while grown:
            grown = False
            for k, o in enumerate(lines):
                if o[0] == cur[-1]:
                    cur = cur + o[1:]
                elif o[-1] == cur[-1]:
                    cur = cur + list(reversed(o))[1:]
                elif o[-1] == cur[0]:
                    cur = o + cur[1:]
                elif o[0] == cur[0]:
                    cur = list(reversed(o)) + cur[1:]
                else:
                    continue
                lines.pop(k)
                grown = True
                break
        chained.append(cur)
    return chained


def arc_index_set(geom):
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        raise SystemExit(f"unexpected geometry type {geom['type']}")
    return {i if i >= 0 else ~i for poly in polys for ring in poly for i in ring}, polys


# ----------------------------------------------------------------------------
# geometry helpers


def signed_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def oriented(ring, ccw):
    return ring if (signed_area(ring) > 0) == ccw else list(reversed(ring))


def inverse(p, q):
    return GEOD.Inverse(p[1], p[0], q[1], q[0])


def direct(p, azi, dist):
    r = GEOD.Direct(p[1], p[0], azi, dist)
    return (r["lon2"], r["lat2"])


def rpt(p):
    return (round(p[0], NDIGITS), round(p[1], NDIGITS))


def line_length(pts):
    return sum(inverse(p, q)["s12"] for p, q in zip(pts, pts[1:]))


def cumulative(pts):
    cum = [0.0]
    for p, q in zip(pts, pts[1:]):
        cum.append(cum[-1] + inverse(p, q)["s12"])
    return cum


def point_at(pts, cum, s):
    """Point and forward azimuth at geodesic distance s along the polyline."""
    s = min(max(s, 0.0), cum[-1])
    i = 0
    while i < len(pts) - 2 and cum[i + 1] < s:
        i += 1
    p, q = pts[i], pts[i + 1]
    line = GEOD.InverseLine(p[1], p[0], q[1], q[0])
    r = line.Position(s - cum[i])
    return (r["lon2"], r["lat2"]), r["azi2"]


def nearest_vertex(pts, target):
    best = min(range(len(pts)), key=lambda i: inverse(pts[i], target)["s12"])
    return best, inverse(pts[best], target)["s12"]


def local_xy(lon0, lat0):
    """Equirectangular projection in metres around (lon0, lat0); checks only."""
    kx = math.cos(math.radians(lat0)) * 111320.0
    ky = 110574.0

    def f(p):
        return ((p[0] - lon0) * kx, (p[1] - lat0) * ky)
    return f


def sides(pts, territories, probe_m=30.0):
    """Party left and right of the polyline, tested on several edge midpoints."""
    order = sorted(range(len(pts) - 1), key=lambda i: -inverse(pts[i], pts[i + 1])["s12"])
    found = None
    tested = 0
    for i in order[:3]:
        p, q = pts[i], pts[i + 1]
        line = GEOD.InverseLine(p[1], p[0], q[1], q[0])
        mid = line.Position(line.s13 / 2)
        m, azi = (mid["lon2"], mid["lat2"]), mid["azi2"]
        lp, rp = direct(m, azi - 90, probe_m), direct(m, azi + 90, probe_m)
        left = [k for k, g in territories.items() if g.contains(Point(lp))]
        right = [k for k, g in territories.items() if g.contains(Point(rp))]
        assert len(left) == 1 and len(right) == 1, (i, left, right)
        assert left[0] != right[0], (i, left, right)
        if found is None:
            found = (left[0], right[0])
        assert found == (left[0], right[0]), "inconsistent sides"
        tested += 1
    assert tested >= 1
    return found


# ----------------------------------------------------------------------------
# features


def feature(fid, props, geometry):
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geometry}


def coords(pts):
    return [[p[0], p[1]] for p in pts]


def build(topo_path):
    with open(topo_path, encoding="utf-8") as fh:
        topo = json.load(fh)
    arcs = decode_arcs(topo)
    objects = topo["objects"]["countries"]["geometries"]
    by_name = {g.get("properties", {}).get("name"): g for g in objects}
    geoms = {"ARM": by_name["Armenia"], "AZE": by_name["Azerbaijan"]}
    names = {"ARM": "Armenia", "AZE": "Azerbaijan"}

    # territories -------------------------------------------------------------
    terr_rings = {}
    shapes = {}
    arcsets = {}
    for code, g in geoms.items():
        s, polys = arc_index_set(g)
        arcsets[code] = s
        rings = []
        for poly in polys:
            rr = [ring_points(arcs, r) for r in poly]
            assert all(r[0] == r[-1] for r in rr)
            rings.append([oriented(rr[0], True)] + [oriented(h, False) for h in rr[1:]])
        terr_rings[code] = rings
        shp = MultiPolygon([Polygon(r[0], r[1:]) for r in rings])
        assert shp.is_valid, f"{code} territory invalid"
        shapes[code] = shp

    shared = sorted(arcsets["ARM"] & arcsets["AZE"])
    open_lines, rings = [], []
    for i in shared:
        pts = arcs[i]
        (rings if pts[0] == pts[-1] else open_lines).append(pts)
    chained = [cur if cur[0][1] >= cur[-1][1] else list(reversed(cur))
               for cur in chain_arcs(open_lines)]
    assert len(chained) == 2, f"expected 2 open border lines, got {len(chained)}"
    chained.sort(key=line_length, reverse=True)
    lines = {"main": chained[0], "nakh": chained[1]}
    assert len(rings) == len(EXCLAVE_SEGMENTS), f"{len(rings)} exclave rings"

    # border segments ---------------------------------------------------------
    segments = []  # (id, name, status, pts, left, right)
    line_segments = {"main": [], "nakh": []}
    for key, table in (("main", MAIN_SEGMENTS), ("nakh", NAKH_SEGMENTS)):
        pts = lines[key]
        start = 0
        for sid, name, status, end in table:
            if end is None:
                stop = len(pts) - 1
            else:
                stop, miss = nearest_vertex(pts, end)
                assert miss < 50.0, (sid, miss)
            assert stop > start, sid
            seg = pts[start:stop + 1]
            left, right = sides(seg, shapes)
            segments.append((sid, name, status, seg, left, right))
            line_segments[key].append((sid, start, stop, left, right))
            start = stop
    for sid, name, probe in EXCLAVE_SEGMENTS:
        match = [r for r in rings if Polygon(r).contains(Point(probe))]
        assert len(match) == 1, sid
        ring = oriented(match[0], True)
        left, right = sides(ring, shapes)
        segments.append((sid, name, "undefined", ring, left, right))

    features = []
    for code in ("ARM", "AZE"):
        rings_c = terr_rings[code]
        if len(rings_c) == 1:
            geom = {"type": "Polygon", "coordinates": [coords(r) for r in rings_c[0]]}
        else:
            geom = {"type": "MultiPolygon",
                    "coordinates": [[coords(r) for r in poly] for poly in rings_c]}
        features.append(feature(f"territory-{code}",
                                {"kind": "territory", "party": code, "name": names[code]},
                                geom))
    seg_by_id = {}
    for sid, name, status, pts, left, right in segments:
        seg_by_id[sid] = (pts, left, right)
        features.append(feature(sid, {
            "kind": "border_segment", "name": name, "status": status,
            "left": left, "right": right, "source": NE_SOURCE,
        }, {"type": "LineString", "coordinates": coords(pts)}))

    # claim lines ---------------------------------------------------------------
    claim_areas = {}
    for sid, name, status, pts, left, right in segments:
        if status != "disputed":
            continue
        features.append(feature(f"claim-{sid}-ARM", {
            "kind": "claim_line", "claimant": "ARM", "segment": sid,
            "name": f"Armenian claim (the NE line): {name}",
        }, {"type": "LineString", "coordinates": coords(pts)}))
        a_pt, b_pt, max_m = CLAIMS[sid]
        ia, miss_a = nearest_vertex(pts, a_pt)
        ib, miss_b = nearest_vertex(pts, b_pt)
        assert miss_a < 50 and miss_b < 50 and ib > ia + 1
        sub = pts[ia:ib + 1]
        cum = cumulative(sub)
        chord_azi = inverse(sub[0], sub[-1])["azi1"]
        arm_dir = chord_azi + (90 if right == "ARM" else -90)
        n = max(8, int(cum[-1] // 500))
        bulge = []
        for k in range(1, n):
            s = cum[-1] * k / n
            base, _ = point_at(sub, cum, s)
            off = max_m * math.sin(math.pi * k / n) ** 0.7
            bulge.append(rpt(direct(base, arm_dir, off)))
        aze = pts[:ia + 1] + bulge + pts[ib:]
        # checks: the bulge lies in Armenia and the area between is a valid polygon
        assert shapes["ARM"].contains(LineString(bulge)), sid
        between = Polygon(sub + list(reversed(bulge)))
        assert between.is_valid, sid
        ring = oriented(sub + list(reversed(bulge)) + [sub[0]], True)
        pa = GEOD.Polygon()
        for p in ring[:-1]:
            pa.AddPoint(p[1], p[0])
        claim_areas[sid] = abs(pa.Compute()[2])
        features.append(feature(f"claim-{sid}-AZE", {
            "kind": "claim_line", "claimant": "AZE", "segment": sid,
            "name": f"Azerbaijani claim (illustrative): {name}",
        }, {"type": "LineString", "coordinates": coords(aze)}))

    # outposts -----------------------------------------------------------------
    outposts = []
    fxy = local_xy(45.5, 40.0)
    border_lines_xy = [LineString([fxy(p) for p in s[3]]) for s in segments]
    for key in ("main", "nakh"):
        pts = lines[key]
        cum = cumulative(pts)
        count = max(1, round(cum[-1] / OUTPOST_SPACING_M))
        step = cum[-1] / count
        for k in range(count):
            s0 = (k + 0.5) * step
            for tries in range(25):
                s = s0 + (250.0 * ((tries + 1) // 2)) * (1 if tries % 2 else -1)
                p, azi = point_at(pts, cum, s)
                vi = max(i for i in range(len(pts)) if cum[i] <= s or i == 0)
                sid, left, right = next((x[0], x[3], x[4]) for x in line_segments[key]
                                        if x[1] <= vi < x[2] or (vi == len(pts) - 1 and x[2] == vi))
                d = 90 if right == "ARM" else -90
                q = rpt(direct(p, azi + d, OUTPOST_INSET_M))
                qxy = Point(fxy(q))
                clearance = min(l.distance(qxy) for l in border_lines_xy)
                if shapes["ARM"].contains(Point(q)) and clearance > 700.0:
                    break
            else:
                raise SystemExit(f"cannot place outpost {key} {k}")
            outposts.append((q, sid, s, key))
    for n, (q, sid, s, key) in enumerate(outposts, 1):
        seg_name = next(x[1] for x in segments if x[0] == sid)
        features.append(feature(f"post-{n:02d}", {
            "kind": "outpost", "operator": "RUS", "status": "proposed",
            "range_m": OUTPOST_RANGE_M,
            "name": f"Proposed Russian border-guard post {n:02d} ({seg_name})",
        }, {"type": "Point", "coordinates": [q[0], q[1]]}))

    # incursion zones ------------------------------------------------------------
    zone_rings = {}
    for zid, name, reported, source, key, anchor, shift, a, b, c, phase in ZONES:
        pts = lines[key]
        cum = cumulative(pts)
        # nearest border point to the anchor (coarse search along the line)
        best = min((inverse(point_at(pts, cum, s)[0], anchor)["s12"], s)
                   for s in [cum[-1] * i / 20000 for i in range(20001)])
        s = best[1] + shift
        p, azi = point_at(pts, cum, s)
        vi = max(i for i in range(len(pts)) if cum[i] <= s)
        right = next(x[4] for x in line_segments[key] if x[1] <= vi < x[2])
        sign = 1 if right == "ARM" else -1
        centre = direct(p, azi + 90 * sign, c)
        ring = []
        nv = 28
        for k in range(nv):
            t = 2 * math.pi * k / nv
            wobble = 1 + 0.07 * math.cos(3 * t + phase) + 0.04 * math.sin(5 * t + 2 * phase)
            u, v = a * math.cos(t) * wobble, b * math.sin(t) * wobble
            bearing = azi + sign * math.degrees(math.atan2(v, u))
            ring.append(rpt(direct(centre, bearing, math.hypot(u, v))))
        ring.append(ring[0])
        ring = oriented(ring, True)
        poly = Polygon(ring)
        assert poly.is_valid, zid
        frac_arm = poly.intersection(shapes["ARM"]).area / poly.area
        frac_aze = poly.intersection(shapes["AZE"]).area / poly.area
        assert 0.5 < frac_arm < 0.97 and frac_aze > 0.03, (zid, frac_arm, frac_aze)
        assert frac_arm + frac_aze > 0.999, (zid, 'zone reaches a third country')
        zone_rings[zid] = (ring, frac_arm, best[0])
        features.append(feature(zid, {
            "kind": "incursion_zone", "claimant": "ARM", "accused": "AZE",
            "reported": reported, "source": source, "name": name,
        }, {"type": "Polygon", "coordinates": [coords(ring)]}))

    # lake shores ---------------------------------------------------------------
    arm, aze = lake_shores()
    for code, pts, side in (("ARM", arm, "west and south"), ("AZE", aze, "north and east")):
        features.append(feature(f"shore-sev-lich-{code}", {
            "kind": "shore", "party": code,
            "name": f"Sev Lich / Black Lake (Syunik), {side} shore (illustrative)",
        }, {"type": "LineString", "coordinates": coords(pts)}))

    fc = {
        "type": "FeatureCollection",
        "name": "Armenia–Azerbaijan border, late July 2021 (demarcate seed dataset)",
        "attribution": ATTRIBUTION,
        "disclaimer": DISCLAIMER,
        "features": features,
    }
    return fc, segments, outposts, zone_rings, claim_areas, lines


def dump(fc):
    """One feature per line: readable diffs, stable bytes."""
    head = {k: v for k, v in fc.items() if k != "features"}
    parts = ["{"]
    for k, v in head.items():
        parts.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    parts.append('"features": [')
    feats = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
             for f in fc["features"]]
    parts.append(",\n".join(feats))
    parts.append("]")
    parts.append("}")
    return "\n".join(parts) + "\n"


def summary(fc, segments, outposts, zone_rings, claim_areas, lines):
    nverts = sum(len(s[3]) for s in segments)
    print(f"features: {len(fc['features'])}")
    print(f"border vertices (sum over segments, shared end vertices counted twice): {nverts}")
    for key, pts in lines.items():
        print(f"line {key}: {len(pts)} vertices, {line_length(pts) / 1000:.3f} km")
    print(f"segments: {len(segments)}")
    total = 0.0
    for sid, name, status, pts, left, right in segments:
        length = line_length(pts)
        total += length
        print(f"  {sid} {status:9s} left={left} right={right} {length / 1000:9.3f} km  {name}")
    print(f"  total {total / 1000:.3f} km")
    for sid, area in claim_areas.items():
        print(f"claim area between ARM and AZE lines, {sid}: {area / 1e6:.3f} km2")
    print(f"outposts: {len(outposts)}")
    for zid, (ring, frac_arm, anchor_miss) in zone_rings.items():
        pa = GEOD.Polygon()
        for p in ring[:-1]:
            pa.AddPoint(p[1], p[0])
        area = pa.Compute()[2]
        print(f"  {zid}: {area / 1e6:.3f} km2, {100 * frac_arm:.0f}% in ARM; anchor "
              f"{anchor_miss / 1000:.2f} km from the NE line")


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        sys.stderr.write(
            "usage: build_seed.py PATH/TO/world-atlas/countries-10m.json [OUTPUT.geojson]\n"
            "  get the input with: npm pack world-atlas@2.0.2 && "
            "tar xzf world-atlas-2.0.2.tgz  (file: package/countries-10m.json)\n")
        return 2
    out = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        "armenia-azerbaijan-2021.geojson")
    fc, *rest = build(argv[1])
    text = dump(fc)
    json.loads(text)  # sanity
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {out}")
    summary(fc, *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
