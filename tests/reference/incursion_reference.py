#!/usr/bin/env python3
"""Reference incursion and overlap figures for the bundled seed dataset.

Independent of the Rust code under test: geographiclib (Karney's
GeographicLib, Python) for geodesics and areas, shapely 2 (GEOS) for clipping,
numpy for a coarse screening of border edges. For every incursion zone of
data/armenia-azerbaijan-2021.geojson it computes

- area_m2: the zone's geodesic area (PolygonArea on its own vertices);
- incursion_area_m2: the area of zone ∩ the claimant's territory: both
  densified along their geodesics every STEP_M metres (GeodesicLine.Position),
  intersected by shapely in lon/lat, the result measured with PolygonArea;
- border_length_m: the border lines, densified the same way, intersected by
  shapely with the densified zone (lines along its boundary included),
  measured as the sum of geodesic (Inverse) distances between vertices;
- max_depth_m / deepest: the largest distance from the border of a point of
  the claimant's part: a dense grid (GRID_M spacing) plus boundary samples
  every BOUNDARY_M metres and its vertices, the best candidates refined
  by a shrinking local grid search; distances to the border are exact
  (nearest point of every nearby geodesic edge by sampling + bisection, from
  border_reference.py), the nearby edges screened in a local planar
  projection with a wide margin;

and the area of every pairwise overlap of zones (all pairs, shapely
intersection of the densified zones, PolygonArea). It also solves the
U-shaped border case of tests/incursion.rs (`u_shape`): a zone inside a
U-shaped border whose deepest point is where the distances to the bottom leg
and to a side leg are equal, found by bisection.

Usage:
    pip install shapely==2.2.0 geographiclib==2.1 numpy
    python3 tests/reference/incursion_reference.py > tests/reference/incursion_seed.json

Deterministic (no randomness); takes about a minute.
"""

import json
import math
import sys
from pathlib import Path

import numpy as np
from geographiclib.geodesic import Geodesic
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent))
from border_reference import nearest_on_edge  # noqa: E402

G = Geodesic.WGS84
ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "data" / "armenia-azerbaijan-2021.geojson"
STEP_M = 50.0  # densification step (the crate defaults to 100 m)
GRID_M = 100.0  # depth screening grid spacing
BOUNDARY_M = 10.0  # depth screening boundary sample spacing


def densify(coords, step=STEP_M):
    """Points every <= step metres along each geodesic edge (ends kept)."""
    out = []
    for a, b in zip(coords, coords[1:]):
        out.append((a[0], a[1]))
        inv = G.Inverse(a[1], a[0], b[1], b[0])
        n = math.ceil(inv["s12"] / step)
        if n > 1:
            line = G.InverseLine(a[1], a[0], b[1], b[0])
            for k in range(1, n):
                pos = line.Position(inv["s12"] * k / n)
                out.append((pos["lon2"], pos["lat2"]))
    out.append((coords[-1][0], coords[-1][1]))
    return out


def densify_polygon(poly):
    return Polygon(
        densify(list(poly.exterior.coords)),
        [densify(list(r.coords)) for r in poly.interiors],
    )


def densify_geom(geom):
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    return MultiPolygon([densify_polygon(p) for p in polys])


def ring_area(coords):
    pa = G.Polygon(False)
    pts = list(coords)
    if pts[0] == pts[-1]:
        pts = pts[:-1]
    for lon, lat in pts:
        pa.AddPoint(lat, lon)
    _, _, area = pa.Compute(False, True)
    return abs(area)


def area(geom):
    """Geodesic area of a shapely (Multi)Polygon, holes subtracted."""
    if geom.is_empty:
        return 0.0
    if geom.geom_type == "GeometryCollection":
        return sum(area(g) for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon"))
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    return sum(
        ring_area(p.exterior.coords) - sum(ring_area(r.coords) for r in p.interiors)
        for p in polys
    )


def geodesic_length(geom):
    if geom.is_empty:
        return 0.0
    if hasattr(geom, "geoms"):
        return sum(geodesic_length(g) for g in geom.geoms)
    if geom.geom_type != "LineString":
        return 0.0
    c = list(geom.coords)
    return sum(G.Inverse(a[1], a[0], b[1], b[0])["s12"] for a, b in zip(c, c[1:]))


class Border:
    """Exact distance to the border (every geodesic edge of every segment)."""

    def __init__(self, edges):
        self.edges = edges  # list of ((lon, lat), (lon, lat))
        self.a = np.array([e[0] for e in edges])
        self.b = np.array([e[1] for e in edges])

    def _planar(self, lon, lat, lat0):
        kx = 111320.0 * math.cos(math.radians(lat0))
        ky = 110574.0
        px, py = lon * kx, lat * ky
        ax, ay = self.a[:, 0] * kx, self.a[:, 1] * ky
        bx, by = self.b[:, 0] * kx, self.b[:, 1] * ky
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        t = np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / np.where(len2 > 0, len2, 1), 0)
        t = np.clip(t, 0, 1)
        return np.hypot(ax + t * dx - px, ay + t * dy - py)

    def approx(self, lons, lats, lat0):
        """Planar screening distances (metres) of many points, vectorised."""
        kx = 111320.0 * math.cos(math.radians(lat0))
        ky = 110574.0
        px = np.asarray(lons)[:, None] * kx
        py = np.asarray(lats)[:, None] * ky
        ax, ay = self.a[None, :, 0] * kx, self.a[None, :, 1] * ky
        bx, by = self.b[None, :, 0] * kx, self.b[None, :, 1] * ky
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        safe = np.where(len2 > 0, len2, 1)
        t = np.clip(np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / safe, 0), 0, 1)
        return np.hypot(ax + t * dx - px, ay + t * dy - py).min(axis=1)

    def exact(self, lon, lat):
        d = self._planar(lon, lat, lat)
        # The planar screen is within ~1 % of the geodesic distance here.
        keep = np.nonzero(d <= d.min() * 1.05 + 200.0)[0]
        return min(nearest_on_edge((lon, lat), self.edges[k][0], self.edges[k][1])[0] for k in keep)


def deepest(part, border):
    """(depth, lon, lat): the point of `part` farthest from the border."""
    if part.is_empty:
        return 0.0, None, None
    minx, miny, maxx, maxy = part.bounds
    lat0 = 0.5 * (miny + maxy)
    dlon = GRID_M / (111320.0 * math.cos(math.radians(lat0)))
    dlat = GRID_M / 110574.0
    xs = np.arange(minx, maxx + dlon, dlon)
    ys = np.arange(miny, maxy + dlat, dlat)
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    inside = np.array([part.covers(Point(x, y)) for x, y in zip(gx, gy)], dtype=bool)
    cand = list(zip(gx[inside], gy[inside]))
    polys = list(part.geoms) if part.geom_type == "MultiPolygon" else [part]
    for p in polys:
        for ring in [p.exterior, *p.interiors]:
            n = max(int(geodesic_length(LineString(ring.coords)) / BOUNDARY_M), 4)
            for k in range(n):
                q = ring.interpolate(k / n, normalized=True)
                cand.append((q.x, q.y))
            cand.extend(ring.coords)  # the corners themselves
    cand = np.array(cand)
    approx = border.approx(cand[:, 0], cand[:, 1], lat0)
    order = np.argsort(-approx)
    # Refine the best few well-separated candidates.
    starts = []
    for i in order:
        x, y = cand[i]
        if all(math.hypot((x - sx) / dlon, (y - sy) / dlat) > 5 for sx, sy in starts):
            starts.append((x, y))
        if len(starts) == 6:
            break
    best = (-1.0, None, None)
    for sx, sy in starts:
        d0 = border.exact(sx, sy)
        cur = (d0, sx, sy)
        h = 1.0  # in grid steps
        while h * GRID_M > 0.01:
            improved = False
            for i in range(-4, 5):
                for j in range(-4, 5):
                    if i == 0 and j == 0:
                        continue
                    x = cur[1] + i * h * dlon / 4
                    y = cur[2] + j * h * dlat / 4
                    if not part.covers(Point(x, y)):
                        continue
                    d = border.exact(x, y)
                    if d > cur[0]:
                        cur, improved = (d, x, y), True
            if not improved:
                h /= 3
        if cur[0] > best[0]:
            best = cur
    return best


def u_shape():
    """The U-shaped border case of tests/incursion.rs.

    The border runs (10.1, 0.6) -> (10.0, 0) -> (10.4, 0) -> (10.3, 0.6): a U
    whose legs lean inwards, symmetric about the meridian 10.2 E. Inside it,
    the distance to the border is the least of the distances to the three
    legs, and its maximum is where the distance to the bottom leg (the
    equator: the meridian arc) equals the distance to a side leg, on the axis.
    """
    west = ((10.1, 0.6), (10.0, 0.0))

    def gap(y):
        arc = G.Inverse(y, 10.2, 0.0, 10.2)["s12"]  # to the bottom leg (equator)
        leg = nearest_on_edge((10.2, y), *west)[0]
        return arc - leg, arc

    lo, hi = 0.1, 0.3
    while hi - lo > 1e-13:
        mid = 0.5 * (lo + hi)
        if gap(mid)[0] < 0:
            lo = mid
        else:
            hi = mid
    y = 0.5 * (lo + hi)
    return {
        "border": [[10.1, 0.6], [10.0, 0.0], [10.4, 0.0], [10.3, 0.6]],
        "zone": [[10.1, 0.1], [10.3, 0.1], [10.3, 0.3], [10.1, 0.3], [10.1, 0.1]],
        "max_depth_m": gap(y)[1],
        "deepest": [10.2, y],
    }


def main():
    data = json.loads(DATASET.read_text())
    edges, lines, territories, zones = [], [], {}, []
    for f in data["features"]:
        props, geom = f["properties"], f["geometry"]
        if props["kind"] == "border_segment":
            parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            for part in parts:
                edges.extend((tuple(a), tuple(b)) for a, b in zip(part, part[1:]))
                lines.append(LineString(densify(part)))
        elif props["kind"] == "territory":
            territories.setdefault(props["party"], []).append(densify_geom(shape(geom)))
        elif props["kind"] == "incursion_zone":
            zones.append((f["id"], props["claimant"], shape(geom)))
    border = Border(edges)
    out_zones = []
    dense = {}
    for zid, claimant, geom in zones:
        z = densify_geom(geom)
        dense[zid] = z
        terr = unary_union(territories.get(claimant, []))
        part = z.intersection(terr)
        part = unary_union([g for g in getattr(part, "geoms", [part]) if g.geom_type in ("Polygon", "MultiPolygon")])
        depth, lon, lat = deepest(part, border)
        out_zones.append(
            {
                "id": zid,
                "claimant": claimant,
                "area_m2": area(geom),
                "incursion_area_m2": area(part),
                "border_length_m": sum(geodesic_length(z.intersection(line)) for line in lines),
                "max_depth_m": depth,
                "deepest": [lon, lat],
            }
        )
        print(f"{zid}: done", file=sys.stderr)
    overlaps = []
    for i in range(len(zones)):
        for j in range(i + 1, len(zones)):
            a, b = zones[i][0], zones[j][0]
            inter = dense[a].intersection(dense[b])
            if not inter.is_empty and area(inter) > 0:
                overlaps.append({"a": a, "b": b, "area_m2": area(inter)})
    json.dump(
        {
            "dataset": "data/armenia-azerbaijan-2021.geojson",
            "densify_step_m": STEP_M,
            "zones": out_zones,
            "overlaps": overlaps,
            "u_shape": u_shape(),
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
