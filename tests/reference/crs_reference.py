#!/usr/bin/env python3
"""Reference reprojections for `src/crs/` (WGS84 lon/lat <-> UTM zone 38N).

Independent of the crate: everything here is computed by pyproj (the Python
binding of PROJ, with its own bundled PROJ build) with `always_xy=True`, so
the order is (lon, lat) and (easting, northing), as the crate uses.

Writes, next to this script:

- `crs_points.json`: `forward` (WGS84 lon/lat -> EPSG:32638 x/y) for a grid
  around Armenia, the zone's edges and central meridian, and the point
  (45.5, 40.2); `inverse` (EPSG:32638 x/y -> lon/lat) for a grid of round
  eastings and northings.
- `crs_seed_utm38n.geojson`: `data/armenia-azerbaijan-2021.geojson` with every
  coordinate projected to UTM 38N, everything else unchanged, and the legacy
  (GeoJSON 2008) member
  `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}`.
- `crs_points_utm38n.csv`: `id,x,y` (UTM 38N metres) for every fifth point of
  `border_distances.json`, whose ids it keeps, so that a test can compare the
  distances computed on the projected copy with that file's GeographicLib
  reference distances.

Deterministic: no randomness. Run from the crate root:

    pip install pyproj==3.7.2
    python3 tests/reference/crs_reference.py
"""

import csv
import json
import os

import pyproj

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
UTM = "EPSG:32638"
URN = "urn:ogc:def:crs:EPSG::32638"

FWD = pyproj.Transformer.from_crs("EPSG:4326", UTM, always_xy=True)
INV = pyproj.Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)


def fwd(lon, lat):
    x, y = FWD.transform(lon, lat, errcheck=True)
    return float(x), float(y)


def inv(x, y):
    lon, lat = INV.transform(x, y, errcheck=True)
    return float(lon), float(lat)


def points():
    forward = [{"id": "armenia", "lon": 45.5, "lat": 40.2}]
    for i in range(8):  # 43.5 .. 47.0
        for j in range(7):  # 38.5 .. 41.5
            forward.append(
                {"id": f"grid-{i}-{j}", "lon": 43.5 + 0.5 * i, "lat": 38.5 + 0.5 * j}
            )
    # The zone's edges (42, 48 E) and its central meridian (45 E).
    for lon in (42.0, 45.0, 48.0):
        for lat in (0.0, 39.0, 41.25):
            forward.append({"id": f"meridian-{lon:g}-{lat:g}", "lon": lon, "lat": lat})
    for p in forward:
        p["x"], p["y"] = fwd(p["lon"], p["lat"])
    assert abs(forward[0]["x"] - 542555.1628480027) < 1e-6
    assert abs(forward[0]["y"] - 4450075.498325491) < 1e-6

    inverse = []
    for e in range(300000, 700001, 100000):
        for n in range(4300000, 4600001, 100000):
            lon, lat = inv(float(e), float(n))
            inverse.append({"id": f"utm-{e}-{n}", "x": float(e), "y": float(n), "lon": lon, "lat": lat})
    return forward, inverse


def project_positions(coords):
    """Projects a GeoJSON coordinates array of any depth; extra numbers stay."""
    if coords and isinstance(coords[0], (int, float)):
        x, y = fwd(coords[0], coords[1])
        return [x, y] + list(coords[2:])
    return [project_positions(c) for c in coords]


def project_geometry(g):
    if g is None:
        return None
    g = dict(g)
    if g["type"] == "GeometryCollection":
        g["geometries"] = [project_geometry(x) for x in g["geometries"]]
    else:
        g["coordinates"] = project_positions(g["coordinates"])
    return g


def seed_copy():
    with open(os.path.join(ROOT, "data", "armenia-azerbaijan-2021.geojson"), encoding="utf-8") as f:
        seed = json.load(f)
    assert "bbox" not in seed and all("bbox" not in f for f in seed["features"])
    out = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": URN}}}
    for k, v in seed.items():
        if k not in ("type", "features"):
            out[k] = v
    out["features"] = [dict(f, geometry=project_geometry(f["geometry"])) for f in seed["features"]]
    return out


def main():
    forward, inverse = points()
    with open(os.path.join(HERE, "crs_points.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "crs": UTM,
                "method": f"pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}), "
                "Transformer.from_crs('EPSG:4326', 'EPSG:32638', always_xy=True) and back",
                "forward": forward,
                "inverse": inverse,
            },
            f,
            indent=1,
        )
        f.write("\n")

    copy = seed_copy()
    with open(os.path.join(HERE, "crs_seed_utm38n.geojson"), "w", encoding="utf-8") as f:
        f.write("{\n")
        head = [(k, v) for k, v in copy.items() if k != "features"]
        for k, v in head:
            f.write(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n")
        f.write('"features": [\n')
        f.write(",\n".join(json.dumps(x, ensure_ascii=False) for x in copy["features"]))
        f.write("\n]\n}\n")

    with open(os.path.join(HERE, "border_distances.json"), encoding="utf-8") as f:
        ref = json.load(f)["points"]
    with open(os.path.join(HERE, "crs_points_utm38n.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "x", "y"])
        for p in ref[::5]:
            x, y = fwd(p["lon"], p["lat"])
            w.writerow([p["id"], repr(x), repr(y)])


if __name__ == "__main__":
    main()
