"""Distances from Python: against the committed GeographicLib reference, the
hand-checkable dataset, and the Rust library (through the CLI built from the
same checkout) bit for bit."""

import csv
import json

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic

import demarcate
from conftest import HAND, REFERENCE, SEED, run_cli


@pytest.fixture(scope="module")
def seed():
    return demarcate.BorderMap.from_path(SEED)


@pytest.fixture(scope="module")
def reference():
    return json.loads((REFERENCE / "border_distances.json").read_text())["points"]


def test_matches_geographiclib_reference_to_a_millimetre(seed, reference):
    assert len(reference) >= 290
    lon = np.array([p["lon"] for p in reference])
    lat = np.array([p["lat"] for p in reference])
    r = seed.distance_to_border(lon, lat)
    assert set(r) == set(demarcate.DISTANCE_KEYS)
    for i, p in enumerate(reference):
        assert abs(r["distance_m"][i] - p["distance_m"]) < 1e-3, p["id"]
        off = Geodesic.WGS84.Inverse(p["nearest_lat"], p["nearest_lon"], r["nearest_lat"][i], r["nearest_lon"][i])["s12"]
        assert off < 1e-3, (p["id"], off)
        assert r["segment"][i] in p["tied_segments"], p["id"]
        if p["distance_m"] > 1.0:
            assert r["side"][i] == p["side"], p["id"]


def test_hand_checkable_values():
    m = demarcate.BorderMap.from_path(HAND)
    # data/README.md: the WGS84 meridian arc from 0° to 0.5° N (GeographicLib).
    r = m.distance_to_border([10.5], [0.5])
    assert abs(r["distance_m"][0] - 55287.15200345048) < 1e-6
    assert (r["segment"][0], r["side"][0]) == ("seg-a", "NOR")
    assert (r["nearest_lon"][0], r["nearest_lat"][0]) == (10.5, 0.0)
    # On the border: no side.
    on = m.distance_to_border([10.5], [0.0])
    assert on["distance_m"][0] < 1e-3 and on["side"][0] is None


def test_equals_the_rust_library_bit_for_bit(seed, reference, cli, tmp_path):
    # The reference points plus a seeded cloud over the border's box.
    rng = np.random.default_rng(16)
    lon = np.concatenate([[p["lon"] for p in reference], rng.uniform(43.3, 47.0, 2000)])
    lat = np.concatenate([[p["lat"] for p in reference], rng.uniform(38.5, 41.5, 2000)])
    points = tmp_path / "points.csv"
    with points.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "lon", "lat"])
        for i, (x, y) in enumerate(zip(lon, lat)):
            w.writerow([i, repr(float(x)), repr(float(y))])
    rust = json.loads(run_cli(cli, "distance", str(SEED), "--points", str(points), "--format", "json"))
    py = seed.distance_to_border(lon, lat)
    assert len(rust) == len(lon)
    sides = set()
    for i, row in enumerate(rust):
        # JSON floats from serde_json round-trip exactly: == is bit equality.
        assert py["distance_m"][i] == row["distance_m"], i
        assert py["nearest_lon"][i] == row["nearest_lon"], i
        assert py["nearest_lat"][i] == row["nearest_lat"], i
        assert py["segment"][i] == row["segment"], i
        assert py["side"][i] == row["side"], i
        sides.add(row["side"])
    assert {"ARM", "AZE", None} <= sides


def test_sequences_series_and_shapely_points_give_the_same_answers(seed):
    rng = np.random.default_rng(7)
    lon = rng.uniform(44.0, 46.5, 500)
    lat = rng.uniform(38.8, 41.2, 500)
    want = seed.distance_to_border(lon, lat)
    as_lists = seed.distance_to_border(list(lon), list(lat))
    as_points = seed.distance_to_border(shapely.points(lon, lat))
    for got in (as_lists, as_points):
        for key in demarcate.DISTANCE_KEYS:
            assert np.array_equal(got[key], want[key]), key
    assert want["distance_m"].dtype == np.float64 and want["distance_m"].shape == (500,)


def test_empty_batch(seed):
    r = seed.distance_to_border(np.array([]), np.array([]))
    assert all(len(r[k]) == 0 for k in demarcate.DISTANCE_KEYS)


def test_bad_points_raise_typed_errors(seed):
    with pytest.raises(demarcate.InvalidPointError) as e:
        seed.distance_to_border([44.0, 44.0, 181.0], [40.0, 40.0, 40.0])
    assert (e.value.index, e.value.lon, e.value.lat) == (2, 181.0, 40.0)
    assert isinstance(e.value, ValueError) and isinstance(e.value, demarcate.DemarcateError)
    with pytest.raises(demarcate.InvalidPointError) as e:
        seed.distance_to_border([float("nan")], [40.0])
    assert e.value.index == 0
    with pytest.raises(demarcate.UsageError):
        seed.distance_to_border([44.0, 45.0], [40.0])
    with pytest.raises(demarcate.UsageError):
        seed.distance_to_border(np.zeros((2, 2)), np.zeros((2, 2)))
    with pytest.raises(demarcate.UsageError):
        seed.distance_to_border(np.array([shapely.LineString([(44, 40), (45, 40)])]))


def test_the_gil_is_released_during_the_batch(seed):
    import sys
    import threading
    import time

    rng = np.random.default_rng(3)
    lon = rng.uniform(43.3, 47.0, 300_000)
    lat = rng.uniform(38.5, 41.5, 300_000)
    span = {}

    def work():
        t0 = time.perf_counter()
        seed.distance_to_border(lon, lat)
        span["s"] = time.perf_counter() - t0

    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        ticks = []
        t = threading.Thread(target=work)
        t.start()
        while t.is_alive():
            ticks.append(time.perf_counter())
        t.join()
    finally:
        sys.setswitchinterval(old)
    # Holding the GIL, the call would stall this loop for (nearly) all of it.
    longest_stall = max(np.diff(ticks)) if len(ticks) > 1 else span["s"]
    assert longest_stall < 0.5 * span["s"], (longest_stall, span["s"])
