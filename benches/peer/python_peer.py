#!/usr/bin/env python3
"""The Python and Spark rows of the peer comparison (benches/peer/python_run.sh).

Times one job on the files `cargo run --release --example generate -- DIR`
writes (DIR/dataset.geojson, DIR/points.csv) and prints one JSON line, as
examples/bench_peer.rs does for the Rust batch:

- python: `demarcate.BorderMap.distance_to_border(lon, lat)` on numpy arrays of
  every point (the points are read and the map loaded and indexed before
  timing: one warm-up call), the package's own thread pool;
- cli: `demarcate distance DIR/dataset.geojson --points DIR/points.csv` with
  CSV out to /dev/null, the whole process (load, CSV in and out) timed;
- spark: `demarcate.spark.distance_to_border` on a DataFrame of the points
  (read from the CSV, repartitioned and cached before timing) on local[2],
  written to Spark's `noop` sink; Spark's scheduling is in the time.

Usage: python_peer.py DIR python|cli|spark [RUNS] [CLI_PATH] [PARTITIONS]
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np


def timed(runs, f):
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        out.append(time.perf_counter() - t0)
    return out


def read_points(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2), dtype=np.float64)
    return np.ascontiguousarray(data[:, 0]), np.ascontiguousarray(data[:, 1])


def main():
    d, job = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    dataset, points = os.path.join(d, "dataset.geojson"), os.path.join(d, "points.csv")
    extra = {}
    if job == "python":
        import demarcate

        m = demarcate.BorderMap.from_path(dataset)
        lon, lat = read_points(points)
        m.distance_to_border(lon[:1000], lat[:1000])  # builds the indexes
        sums = []
        runs_s = timed(runs, lambda: sums.append(float(m.distance_to_border(lon, lat)["distance_m"].sum())))
        extra = {"points": int(lon.size), "mean_distance_m": sums[-1] / lon.size}
    elif job == "cli":
        cli = sys.argv[4]

        def once():
            subprocess.run([cli, "distance", dataset, "--points", points, "-o", "/dev/null"], check=True)

        runs_s = timed(runs, once)
    elif job == "spark":
        import demarcate.spark
        from pyspark.sql import SparkSession

        partitions = int(sys.argv[5]) if len(sys.argv) > 5 else 8
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.read.csv(points, header=True, schema="id string, lon double, lat double")
        df = df.repartition(partitions).cache()
        n = df.count()

        def once():
            out = demarcate.spark.distance_to_border(df, dataset)
            out.write.format("noop").mode("overwrite").save()

        runs_s = timed(runs, once)
        spark.stop()
        extra = {"points": n, "partitions": partitions, "master": "local[2]"}
    else:
        sys.exit(__doc__)
    med = statistics.median(runs_s)
    row = {"side": job, "job": "distance", "median_s": med, "runs_s": runs_s}
    if "points" in extra:
        row["points_per_s"] = extra["points"] / med
    # The Python process's own peak (Spark's JVM and workers are other processes).
    row["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row.update(extra)
    print(json.dumps(row))


if __name__ == "__main__":
    main()
