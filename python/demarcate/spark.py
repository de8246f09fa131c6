"""The demarcate kernel on a Spark DataFrame, through Arrow batches.

:func:`distance_to_border` adds the answer columns of
:meth:`demarcate.BorderMap.distance_to_border` to a DataFrame of points with
``mapInArrow``: the dataset file is shipped to every executor with
``SparkContext.addFile`` and loaded once per Python worker process (a
module-level cache; Spark reuses its Python workers), and each Arrow batch goes
through the Rust kernel in one call, in parallel, without the GIL.

Needs ``pyspark`` (3.5 or later), ``pyarrow`` and ``pandas`` (Spark requires it for Arrow); the ``demarcate`` wheel must be
installed on every worker.
"""

from __future__ import annotations

import os
from typing import Dict, Optional

import numpy as np

from . import BorderMap, UsageError

__all__ = ["distance_to_border", "ANSWER_COLUMNS", "load_shipped"]

#: The columns :func:`distance_to_border` adds, with their Spark SQL types.
ANSWER_COLUMNS = (
    ("distance_m", "double"),
    ("segment", "string"),
    ("nearest_lon", "double"),
    ("nearest_lat", "double"),
    ("side", "string"),
)

# One loaded map per shipped file name, per Python worker process.
_MAPS: Dict[str, BorderMap] = {}


def load_shipped(name: str) -> BorderMap:
    """The dataset shipped with ``SparkContext.addFile`` under file name
    ``name``, loaded on first use in this process and cached after."""
    m = _MAPS.get(name)
    if m is None:
        from pyspark import SparkFiles

        m = BorderMap.from_path(SparkFiles.get(name))
        _MAPS[name] = m
    return m


def distance_to_border(
    df,
    dataset: str,
    lon: str = "lon",
    lat: str = "lat",
    worker_column: Optional[str] = None,
):
    """``df`` with the distance answers for its points appended as columns
    ``distance_m`` (double, metres on WGS84), ``segment`` (string, the
    nearest segment's id), ``nearest_lon``, ``nearest_lat`` (double,
    degrees) and ``side`` (string, null on the border or outside every
    territory). Every input column is kept, in order; rows stay in their
    partitions.

    ``dataset`` is a path or URL Spark can read (local, ``hdfs://``,
    ``s3a://``); it is loaded (and validated) once here, so a bad dataset
    fails before the job starts, then shipped to the executors. ``lon``
    and ``lat`` name the columns (WGS84 degrees; a null or out-of-range
    value fails the task with :class:`demarcate.InvalidPointError`).
    ``worker_column``, if given, adds the process id of the Python worker
    that answered each row (long).
    """
    import pyarrow as pa
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    taken = set(df.columns)
    added = [c for c, _ in ANSWER_COLUMNS] + ([worker_column] if worker_column else [])
    clash = [c for c in added if c in taken]
    if clash:
        raise UsageError(f"the DataFrame already has column(s) {clash}", name="df", value=None)
    for c in (lon, lat):
        if c not in taken:
            raise UsageError(f"the DataFrame has no column {c!r} (columns: {df.columns})", name=c, value=None)
    if "://" not in dataset:
        dataset = os.path.abspath(dataset)
        BorderMap.from_path(dataset)  # fail early, on the driver, with the findings
    df.sparkSession.sparkContext.addFile(dataset)
    name = os.path.basename(dataset.rstrip("/"))

    kinds = {"double": DoubleType(), "string": StringType()}
    fields = list(df.schema.fields) + [StructField(c, kinds[t], True) for c, t in ANSWER_COLUMNS]
    if worker_column:
        fields.append(StructField(worker_column, LongType(), False))
    schema = StructType(fields)

    def answer(batches):
        m = load_shipped(name)
        pid = os.getpid()
        for batch in batches:
            x = batch.column(lon).to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
            y = batch.column(lat).to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
            r = m.distance_to_border(x, y)
            columns = list(batch.columns) + [
                pa.array(r["distance_m"], type=pa.float64()),
                pa.array([str(s) for s in r["segment"]], type=pa.string()),
                pa.array(r["nearest_lon"], type=pa.float64()),
                pa.array(r["nearest_lat"], type=pa.float64()),
                pa.array(r["side"], type=pa.string(), from_pandas=True),
            ]
            names = list(batch.schema.names) + [c for c, _ in ANSWER_COLUMNS]
            if worker_column:
                columns.append(pa.array(np.full(batch.num_rows, pid, dtype=np.int64)))
                names.append(worker_column)
            yield pa.RecordBatch.from_arrays(columns, names=names)

    return df.mapInArrow(answer, schema)
