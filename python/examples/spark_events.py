"""Conflict events against the border on Spark: the demarcate kernel through
mapInArrow on local[2], checked against the single-process answers.

    python python/examples/spark_events.py [POINTS] [PARTITIONS]

Generates POINTS seeded random events (default 200,000) over the bundled
Armenia–Azerbaijan border's box in PARTITIONS partitions (default 8), adds distance_m, segment, nearest_lon, nearest_lat and side with
demarcate.spark.distance_to_border, and compares every row with
BorderMap.distance_to_border in this process.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

import demarcate
from demarcate.spark import ANSWER_COLUMNS, distance_to_border

DATASET = Path(__file__).resolve().parents[2] / "data" / "armenia-azerbaijan-2021.geojson"


def events(spark, n: int, partitions: int, seed: int = 2021):
    """``n`` seeded random events over the border's box, generated in Spark
    in ``partitions`` partitions (no shuffle, nothing sent from the driver)."""
    from pyspark.sql import functions as F

    return spark.range(0, n, numPartitions=partitions).select(
        F.col("id").alias("event_id"),
        (F.lit(43.3) + F.lit(3.7) * F.rand(seed)).alias("lon"),
        (F.lit(38.5) + F.lit(3.0) * F.rand(seed + 1)).alias("lat"),
    )


def run(n: int = 200_000, partitions: int = 8, master: str = "local[2]") -> dict:
    """Runs the job; returns the figures and whether every answer equals the
    single-process one."""
    from pyspark.sql import SparkSession

    # Local workers run this interpreter (the one with demarcate installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("demarcate spark_events")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = events(spark, n, partitions).cache()
        assert df.count() == n and df.rdd.getNumPartitions() == partitions
        t0 = time.perf_counter()
        answered = distance_to_border(df, str(DATASET), worker_column="worker_pid").cache()
        answered.count()  # the timed job: every batch through the kernel
        seconds = time.perf_counter() - t0
        out = answered.toPandas()
    finally:
        spark.stop()

    out = out.sort_values("event_id").reset_index(drop=True)
    single = demarcate.BorderMap.from_path(DATASET).distance_to_border(out["lon"].to_numpy(), out["lat"].to_numpy())
    equal = len(out) == n and bool(np.array_equal(out["event_id"].to_numpy(), np.arange(n)))
    for name, _ in ANSWER_COLUMNS:
        got = out[name].to_numpy(dtype=object if name in ("segment", "side") else np.float64)
        want = single[name]
        if name == "side":
            got = np.array([None if v is None or v != v else v for v in got], dtype=object)
        if name == "segment":
            want = np.array([str(s) for s in want], dtype=object)
        equal = equal and bool(np.array_equal(got, want))
    return {
        "points": n,
        "partitions": partitions,
        "seconds": seconds,
        "points_per_second": n / seconds,
        "worker_pids": sorted(set(int(p) for p in out["worker_pid"])),
        "driver_pid": os.getpid(),
        "equal_to_single_process": equal,
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    parts = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    figures = run(n, parts)
    print(
        f"{figures['points']:,} events in {figures['partitions']} partitions on local[2]: "
        f"{figures['seconds']:.2f} s ({figures['points_per_second']:,.0f} points/s, Spark's scheduling included), "
        f"{len(figures['worker_pids'])} Python worker processes {figures['worker_pids']}; "
        f"equal to the single-process answers: {figures['equal_to_single_process']}"
    )
    sys.exit(0 if figures["equal_to_single_process"] else 1)
