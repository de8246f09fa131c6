#!/usr/bin/env python3
"""Peer timing: shapely 2 (GEOS) planar nearest-edge queries on the same data.

Reads the files `cargo run --release --example generate -- DIR` writes
(DIR/border.geojson, DIR/points.csv), builds an STRtree over the border's
edges (one 2-point LineString per edge, the finest and fastest tree shapely
offers for this job) and times `STRtree.query_nearest` for all points, plus
the planar distances it returns. Prints the median of N runs, seconds.

Usage: python3 benches/peer/shapely_distance.py DIR [RUNS]
"""

import json
import statistics
import sys
import time

import numpy as np
import shapely


def main():
    d = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    data = json.load(open(f"{d}/border.geojson"))
    coords = []
    for f in data["features"]:
        c = np.asarray(f["geometry"]["coordinates"], dtype=float)
        coords.append(np.stack([c[:-1], c[1:]], axis=1))
    edges = np.concatenate(coords)
    lines = shapely.linestrings(edges)
    pts_xy = np.loadtxt(f"{d}/points.csv", delimiter=",", skiprows=1, usecols=(1, 2))
    pts = shapely.points(pts_xy)

    t0 = time.perf_counter()
    tree = shapely.STRtree(lines)
    tree.query_nearest(pts[:1])
    build = time.perf_counter() - t0

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        idx, dist = tree.query_nearest(pts, return_distance=True, all_matches=False)
        times.append(time.perf_counter() - t0)
    print(
        json.dumps(
            {
                "peer": f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string})",
                "edges": len(lines),
                "points": len(pts),
                "build_s": build,
                "query_nearest_median_s": statistics.median(times),
                "runs": times,
            }
        )
    )


if __name__ == "__main__":
    main()
