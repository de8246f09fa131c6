#!/usr/bin/env python3
"""The shapely 2 (GEOS) side of the peer comparison (benches/peer/run.sh).

Times one job on the files `cargo run --release --example generate -- DIR`
writes (DIR/dataset.geojson, DIR/points.csv) and prints one JSON line, like
`examples/bench_peer.rs` does for demarcate. Each job runs in its own process
so that its peak memory (`ru_maxrss`) is its own.

Jobs:

- load: `json.loads` of the dataset text (read into memory first), and
  `shapely.from_geojson` of the same text (GEOS's GeoJSON reader, every
  geometry built), which is the peer figure;
- distance: an STRtree over the border's edges (one 2-point LineString per
  edge, the finest and fastest tree shapely offers for this job), built before
  timing, then `STRtree.query_nearest(points, return_distance=True)` for all
  points: planar distances in degrees, single-threaded;
- overlaps: an STRtree over the zones, `STRtree.query(zones,
  predicate="intersects")`, then `shapely.intersection` of each pair (i < j)
  and its planar `shapely.area` (degrees²), pairs with area > 0 kept; the
  tree build is part of the timing, as the zone index is of demarcate's.

With DATASET `dataset-territories.geojson`, `distance` also finds the side
as a shapely user does: every territory polygon `shapely.prepare`d (before
timing), then `shapely.contains_xy` of all points per territory, the first
territory holding a point giving its side (planar lon/lat chords).

- buffer: the border's segments projected to metres (equirectangular about
  40° N: planar, not geodesic, so only a speed reference) as one
  MultiLineString, `shapely.buffer(lines, 5000)` with the default 8 segments
  a quarter circle (the median), and with the segments that keep the arcs'
  chords within 0.01 m of the circle, like demarcate's outline
  (`matched_median_s`); single-threaded.

Usage: python3 benches/peer/shapely_peer.py DIR load|distance|overlaps|buffer [RUNS] [DATASET]
"""

import json
import resource
import statistics
import sys
import time

import numpy as np
import shapely


def timed(runs, f):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        out.append(time.perf_counter() - t0)
    return out


def peak_rss_kb():
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def by_kind(data, kind):
    return [f for f in data["features"] if f["properties"]["kind"] == kind]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    d, job = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    dataset = sys.argv[4] if len(sys.argv) > 4 else "dataset.geojson"
    with open(f"{d}/{dataset}") as fh:
        text = fh.read()
    extra = {}
    if job == "load":
        times = timed(runs, lambda: shapely.from_geojson(text))
        extra["peak_rss_kb_before_json_loads"] = peak_rss_kb()
        json_times = timed(runs, lambda: json.loads(text))
        extra["json_loads_median_s"] = statistics.median(json_times)
        extra["json_loads_runs_s"] = json_times
        extra["bytes"] = len(text)
    elif job == "distance":
        data = json.loads(text)
        del text
        edges = np.concatenate(
            [
                np.stack([c[:-1], c[1:]], axis=1)
                for c in (
                    np.asarray(f["geometry"]["coordinates"], dtype=float)
                    for f in by_kind(data, "border_segment")
                )
            ]
        )
        territories = []
        for f in by_kind(data, "territory"):
            g = shapely.from_geojson(json.dumps(f["geometry"]))
            shapely.prepare(g)
            territories.append((f["properties"]["party"], g))
        del data
        lines = shapely.linestrings(edges)
        xy = np.loadtxt(f"{d}/points.csv", delimiter=",", skiprows=1, usecols=(1, 2))
        pts = shapely.points(xy)
        del xy
        t0 = time.perf_counter()
        tree = shapely.STRtree(lines)
        tree.query_nearest(pts[:1])
        extra["build_s"] = time.perf_counter() - t0
        extra["edges"] = len(lines)
        extra["points"] = len(pts)
        result = {}

        x, y = shapely.get_x(pts), shapely.get_y(pts)

        def query():
            result["r"] = tree.query_nearest(pts, return_distance=True, all_matches=False)
            if territories:
                side = np.full(len(pts), -1)
                for k, (_, g) in enumerate(territories):
                    hit = shapely.contains_xy(g, x, y) & (side < 0)
                    side[hit] = k
                result["side"] = side

        times = timed(runs, query)
        extra["mean_distance_deg"] = float(np.mean(result["r"][1]))
        if territories:
            side = result["side"]
            extra["sides"] = {
                **{p: int((side == k).sum()) for k, (p, _) in enumerate(territories)},
                "none": int((side < 0).sum()),
            }
    elif job == "overlaps":
        data = json.loads(text)
        del text
        rings = [f["geometry"]["coordinates"][0] for f in by_kind(data, "incursion_zone")]
        coords = np.concatenate([np.asarray(r, dtype=float) for r in rings])
        ring_of = np.repeat(np.arange(len(rings)), [len(r) for r in rings])
        zones = shapely.polygons(shapely.linearrings(coords, indices=ring_of))
        del data
        result = {}

        def overlaps():
            tree = shapely.STRtree(zones)
            left, right = tree.query(zones, predicate="intersects")
            keep = left < right
            left, right = left[keep], right[keep]
            inter = shapely.intersection(zones[left], zones[right])
            area = shapely.area(inter)
            pos = area > 0
            result["pairs"] = int(pos.sum())
            result["area"] = float(area[pos].sum())

        times = timed(runs, overlaps)
        extra["zones"] = len(zones)
        extra["pairs"] = result["pairs"]
        extra["total_area_deg2"] = result["area"]
    elif job == "buffer":
        data = json.loads(text)
        del text
        r = 6_371_008.8
        k = np.pi / 180.0
        parts = []
        for f in by_kind(data, "border_segment"):
            c = np.asarray(f["geometry"]["coordinates"], dtype=float)
            xy = np.column_stack([r * np.cos(40.0 * k) * c[:, 0] * k, r * c[:, 1] * k])
            parts.append(shapely.linestrings(xy))
        lines = shapely.multilinestrings(parts)
        del data
        d, tol = 5_000.0, 0.01
        # chords of an arc of radius d stay within tol for steps of
        # 2 acos(1 - tol/d), 0.9 of it as demarcate takes
        step = 0.9 * 2.0 * np.arccos(1.0 - tol / d)
        matched = int(np.ceil((np.pi / 2.0) / step))
        result = {}

        def buffer(quad_segs):
            def run():
                g = shapely.buffer(lines, d, quad_segs=quad_segs)
                result[quad_segs] = (shapely.get_num_coordinates(g), shapely.area(g))

            return run

        times = timed(runs, buffer(8))
        matched_times = timed(runs, buffer(matched))
        extra["vertices"] = int(sum(len(p.coords) for p in parts))
        extra["outline_vertices"] = int(result[8][0])
        extra["area_m2"] = float(result[8][1])
        extra["matched_quad_segs"] = matched
        extra["matched_median_s"] = statistics.median(matched_times)
        extra["matched_runs_s"] = matched_times
        extra["matched_outline_vertices"] = int(result[matched][0])
    else:
        sys.exit(__doc__)
    print(
        json.dumps(
            {
                "side": "shapely",
                "job": job,
                "threads": 1,
                "dataset": dataset,
                "median_s": statistics.median(times),
                "runs_s": times,
                "peak_rss_kb": peak_rss_kb(),
                "shapely": shapely.__version__,
                "geos": shapely.geos_version_string,
                **extra,
            }
        )
    )


if __name__ == "__main__":
    main()
