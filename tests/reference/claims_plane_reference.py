#!/usr/bin/env python3
"""Reference areas between claim lines where a lon/lat overlay has trouble:
across the antimeridian and around a pole, for tests/claims.rs.

Independent of the Rust code under test: each case is a pair of claim lines
whose region between them is known by construction (the lines share their
ends and do not cross, or cross at a point fixed by symmetry), so the region
is one or two polygons written out by hand below; their areas come from the
geographiclib Python package (Karney's PolygonArea with geodesic edges).
The crate instead builds the ring from the lines and resolves it in a local
plane.

Cases:
* antimeridian: the hand dataset's claims (data/hand-checkable.geojson,
  seg-a) moved 169.5 deg east, so they straddle 180: the quadrilateral
  (179.5,0) (-179.5,0) (-179.75,0.1) (179.75,0.1).
* antimeridian_crossing: a on the equator from 179 to -179, b from
  (179,-0.01) to (-179,0.01); by point symmetry about (180,0) b crosses a
  there: the triangles (179,0) (180,0) (179,-0.01) and (180,0) (-179,0)
  (-179,0.01).
* pole: a from (0,89.9) through (90,89.9) to (180,89.9), b from (0,89.9)
  through (-90,89.9) to (180,89.9): the quadrilateral around the north pole.

Writes tests/reference/claims_plane.json.

Usage:
    pip install geographiclib==2.1
    python3 tests/reference/claims_plane_reference.py   # < 1 s
"""

import json
from pathlib import Path

from geographiclib.geodesic import Geodesic


def area(ring):
    """Geodesic area (m^2) of a ring of (lon, lat), any winding."""
    p = Geodesic.WGS84.Polygon()
    for lon, lat in ring:
        p.AddPoint(lat, lon)
    _, _, a = p.Compute(False, True)
    return abs(a)


CASES = [
    {
        "name": "antimeridian",
        "a": [[179.5, 0.0], [-179.5, 0.0]],
        "b": [[179.5, 0.0], [179.75, 0.1], [-179.75, 0.1], [-179.5, 0.0]],
        "faces": [[(179.5, 0.0), (-179.5, 0.0), (-179.75, 0.1), (179.75, 0.1)]],
    },
    {
        "name": "antimeridian_crossing",
        "a": [[179.0, 0.0], [-179.0, 0.0]],
        "b": [[179.0, -0.01], [-179.0, 0.01]],
        "faces": [
            [(179.0, 0.0), (180.0, 0.0), (179.0, -0.01)],
            [(180.0, 0.0), (-179.0, 0.0), (-179.0, 0.01)],
        ],
    },
    {
        "name": "pole",
        "a": [[0.0, 89.9], [90.0, 89.9], [180.0, 89.9]],
        "b": [[0.0, 89.9], [-90.0, 89.9], [180.0, 89.9]],
        "faces": [[(0.0, 89.9), (90.0, 89.9), (180.0, 89.9), (-90.0, 89.9)]],
    },
]


def main():
    out = []
    for c in CASES:
        out.append(
            {
                "name": c["name"],
                "a": c["a"],
                "b": c["b"],
                "faces": len(c["faces"]),
                "area_m2": sum(area(f) for f in c["faces"]),
            }
        )
    path = Path(__file__).with_name("claims_plane.json")
    path.write_text(json.dumps({"cases": out}, indent=1) + "\n")
    for c in out:
        print(c["name"], c["faces"], repr(c["area_m2"]))


if __name__ == "__main__":
    main()
