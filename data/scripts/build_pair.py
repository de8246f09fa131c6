#!/usr/bin/env python3
"""Build a Demarcation GeoJSON dataset of two neighbouring countries from
Natural Earth 1:10m (public domain): both full territories and their common
border (the TopoJSON arcs the two share), one `border_segment` per connected
line, with `left`/`right` found by probing either side of its longest edges.

Usage::

    python3 data/scripts/build_pair.py PATH/TO/countries-10m.json NAME_A CODE_A NAME_B CODE_B OUTPUT

Example (the file committed as ``data/argentina-chile.geojson``)::

    mkdir -p /tmp/wa && cd /tmp/wa && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 data/scripts/build_pair.py /tmp/wa/package/countries-10m.json \\
        Argentina ARG Chile CHL data/argentina-chile.geojson

Territories that are not valid polygons as quantised (Natural Earth's
coasts cross themselves in places) are repaired with shapely's
``make_valid`` and a union of the parts; the collection's ``repairs`` member
says which. Uses the TopoJSON decoding and the side probe of ``build_seed.py`` (same
directory); requires ``geographiclib`` and ``shapely``. Deterministic.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_seed as seed  # noqa: E402
from shapely import make_valid, unary_union  # noqa: E402
from shapely.geometry import MultiPolygon, Polygon  # noqa: E402


def main(argv):
    if len(argv) != 7:
        raise SystemExit(__doc__)
    topo_path, name_a, code_a, name_b, code_b, out = argv[1:]
    topo = json.loads(Path(topo_path).read_text(encoding="utf-8"))
    arcs = seed.decode_arcs(topo)
    by_name = {g.get("properties", {}).get("name"): g for g in topo["objects"]["countries"]["geometries"]}
    codes = {code_a: name_a, code_b: name_b}
    features, shapes, arcsets, repairs = [], {}, {}, []
    for code, name in codes.items():
        s, polys = seed.arc_index_set(by_name[name])
        arcsets[code] = s
        rings = []
        for poly in polys:
            rr = [seed.ring_points(arcs, r) for r in poly]
            rings.append([seed.oriented(rr[0], True)] + [seed.oriented(h, False) for h in rr[1:]])
        shape = MultiPolygon([Polygon(r[0], r[1:]) for r in rings])
        if not shape.is_valid:
            # Natural Earth's rings, quantised in the TopoJSON, cross
            # themselves in places (coasts and islands); repair them with
            # GEOS (vertices stay where they are, crossings become nodes)
            # and say how many parts changed.
            before = len(rings)
            repaired = make_valid(shape)
            parts = [g for g in getattr(repaired, "geoms", [repaired]) if g.geom_type in ("Polygon", "MultiPolygon")]
            shape = unary_union(parts)
            if shape.geom_type == "Polygon":
                shape = MultiPolygon([shape])
            rings = [
                [seed.oriented([(x, y) for x, y in p.exterior.coords], True)]
                + [seed.oriented([(x, y) for x, y in h.coords], False) for h in p.interiors]
                for p in shape.geoms
            ]
            repairs.append(f"{code}: {before} parts repaired by make_valid into {len(rings)}")
        shapes[code] = shape
        geom = (
            {"type": "Polygon", "coordinates": [seed.coords(r) for r in rings[0]]}
            if len(rings) == 1
            else {"type": "MultiPolygon", "coordinates": [[seed.coords(r) for r in p] for p in rings]}
        )
        features.append(seed.feature(f"territory-{code}", {"kind": "territory", "party": code, "name": name}, geom))
    shared = [arcs[i] for i in sorted(arcsets[code_a] & arcsets[code_b])]
    lines = seed.chain_arcs(shared)
    lines.sort(key=seed.line_length, reverse=True)
    for k, pts in enumerate(lines):
        left, right = seed.sides(pts, shapes)
        features.append(seed.feature(f"border-{k + 1}", {
            "kind": "border_segment", "status": "delimited", "left": left, "right": right,
            "name": f"{name_a}–{name_b} border, part {k + 1}", "source": seed.NE_SOURCE,
        }, {"type": "LineString", "coordinates": seed.coords(pts)}))
    fc = {
        "type": "FeatureCollection",
        "name": f"{name_a}–{name_b}: Natural Earth 1:10m territories and their common border",
        "attribution": "Made with Natural Earth (public domain), via the world-atlas 2.0.2 npm package",
        "repairs": repairs,
        "features": features,
    }
    Path(out).write_text(json.dumps(fc, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(f["geometry"]["coordinates"]) for f in features if f["properties"]["kind"] == "border_segment")
    print(f"{out}: {len(lines)} border line(s), {n} border vertices", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
