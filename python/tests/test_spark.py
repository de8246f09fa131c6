"""The Spark example on local[2]: every answer equals the single-process one,
and more than one Python worker process did the work."""

import sys
from pathlib import Path

import pyarrow  # noqa: F401  (required: the suite does not skip Spark)
import pyspark  # noqa: F401
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import spark_events  # noqa: E402

import demarcate  # noqa: E402
import demarcate.spark  # noqa: E402


def test_spark_example_equals_single_process_on_several_workers():
    figures = spark_events.run(n=40_000, partitions=8)
    assert figures["partitions"] >= 4
    assert figures["equal_to_single_process"]
    assert len(figures["worker_pids"]) >= 2, figures["worker_pids"]
    assert figures["driver_pid"] not in figures["worker_pids"]


def test_bad_dataset_and_columns_fail_on_the_driver(tmp_path):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
    try:
        df = spark.createDataFrame([(44.5, 40.0)], ["x", "y"])
        bad = tmp_path / "bad.geojson"
        bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kind": "outpost"}, "geometry": null}]}')
        with pytest.raises(demarcate.InvalidDataError):
            demarcate.spark.distance_to_border(df, str(bad), lon="x", lat="y")
        with pytest.raises(demarcate.UsageError):
            demarcate.spark.distance_to_border(df, str(spark_events.DATASET))  # no lon/lat columns
        taken = spark.createDataFrame([(44.5, 40.0, "ARM")], ["lon", "lat", "side"])
        with pytest.raises(demarcate.UsageError):
            demarcate.spark.distance_to_border(taken, str(spark_events.DATASET))
    finally:
        spark.stop()
