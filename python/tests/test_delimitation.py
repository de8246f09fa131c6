"""Median lines, buffer strips and schedules from Python: the CLI's output for
the same input, cases exact by symmetry, and GeographicLib's Inverse."""

import json

import pytest
from geographiclib.geodesic import Geodesic

import demarcate
from conftest import HAND, ROOT, SEED, run_cli

LAKE = ROOT / "data" / "lake-malawi.geojson"


def test_median_line_equals_the_cli(cli):
    m = demarcate.BorderMap.from_path(SEED)
    got = m.median_line("ARM", "AZE")
    assert got == json.loads(run_cli(cli, "median", str(SEED), "--parties", "ARM,AZE"))
    line = got["features"][0]
    assert line["properties"]["kind"] == "median_line"
    assert line["properties"]["max_residual_m"] <= 1e-3
    assert all(f["properties"]["kind"] == "turning_point" for f in got["features"][1:])
    loose = m.median_line("ARM", "AZE", tolerance_m=0.5)
    assert loose == json.loads(run_cli(cli, "median", str(SEED), "--parties", "ARM,AZE", "--tolerance", "0.5"))
    assert len(loose["features"][0]["geometry"]["coordinates"]) < len(line["geometry"]["coordinates"])


def test_lake_malawi_median_equals_the_cli(cli):
    m = demarcate.BorderMap.from_path(LAKE)
    got = m.median_line("MWI", "TZA")
    assert got == json.loads(run_cli(cli, "median", str(LAKE), "--parties", "MWI,TZA"))


def _mirrored(axis):
    """Two shores mirrored about the equator (or the meridian 10.5° E)."""
    north = [[10.0, 0.1], [10.3, 0.14], [10.5, 0.12], [10.8, 0.16], [11.0, 0.1]]
    if axis == "equator":
        a, b = north, [[x, -y] for x, y in north]
    else:
        east = [[10.5 + y, 0.0 + (x - 10.5)] for x, y in north]
        a, b = east, [[21.0 - x, y] for x, y in east]
    return json.dumps({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": "a", "properties": {"kind": "shore", "party": "AAA"},
             "geometry": {"type": "LineString", "coordinates": a}},
            {"type": "Feature", "id": "b", "properties": {"kind": "shore", "party": "BBB"},
             "geometry": {"type": "LineString", "coordinates": b}},
        ],
    })


def test_median_line_of_mirrored_shores_is_the_mirror():
    line = demarcate.BorderMap.from_geojson(_mirrored("equator")).median_line("AAA", "BBB")
    coords = line["features"][0]["geometry"]["coordinates"]
    assert len(coords) > 2
    # on the equator: latitude 0 to 1e-8° (about 1 mm)
    assert max(abs(y) for _, y in coords) < 1e-8
    line = demarcate.BorderMap.from_geojson(_mirrored("meridian")).median_line("AAA", "BBB")
    coords = line["features"][0]["geometry"]["coordinates"]
    assert max(abs(x - 10.5) for x, _ in coords) < 1e-8


def test_buffer_equals_the_cli(cli):
    m = demarcate.BorderMap.from_path(SEED)
    got = m.buffer(5000.0, side="ARM", segments=["seg-07"])
    want = json.loads(run_cli(
        cli, "buffer", str(SEED), "--distance", "5000", "--side", "ARM", "--segments", "seg-07"))
    assert got == want
    f = got["features"][0]
    assert f["id"] == "buffer-5000m-ARM"
    assert f["properties"]["kind"] == "buffer_zone" and f["properties"]["side"] == "ARM"
    assert f["properties"]["segments"] == ["seg-07"]


def test_buffer_along_the_equator_has_the_exact_area():
    # tests/reference/buffer_points.json: the 5 km strip along seg-a (the
    # equator, 10°–11° E): a band |φ| ≤ φ_D plus a disc of radius D.
    ref = json.loads((ROOT / "tests" / "reference" / "buffer_points.json").read_text())["equator"]
    m = demarcate.BorderMap.from_path(HAND)
    f = m.buffer(5000.0, segments=["seg-a"])["features"][0]
    area = f["properties"]["area_m2"]
    perimeter = 2 * 111_319.49 + 2 * 3.1416 * 5000.0
    assert abs(area - ref["strip_area_m2"]) <= perimeter * f["properties"]["tolerance_m"]
    # and the area is the polygon's geodesic area (GeographicLib)
    poly = Geodesic.WGS84.Polygon()
    rings = f["geometry"]["coordinates"] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"][0]
    for lon, lat in rings[0][:-1]:
        poly.AddPoint(lat, lon)
    assert abs(abs(poly.Compute()[2]) - area) <= 1.0


def test_schedule_equals_the_cli_and_geographiclib(cli):
    m = demarcate.BorderMap.from_path(SEED)
    got = m.schedule(["seg-07"])
    assert got == json.loads(run_cli(cli, "schedule", str(SEED), "--segments", "seg-07", "--format", "json"))
    assert m.schedule() == json.loads(run_cli(cli, "schedule", str(SEED), "--format", "json"))
    rows = _rows(got)
    assert len(rows) > 2
    for a, b in zip(rows, rows[1:]):
        if a["distance_to_next_m"] is None:
            continue
        inv = Geodesic.WGS84.Inverse(a["lat"], a["lon"], b["lat"], b["lon"])
        assert abs(a["distance_to_next_m"] - inv["s12"]) < 1e-6
        assert abs(a["azimuth_deg"] - inv["azi1"] % 360.0) < 1e-9
        assert abs(b["chainage_m"] - a["chainage_m"] - inv["s12"]) < 1e-6


def _rows(schedule):
    """The vertex records of a schedule's JSON, in order."""
    out = []

    def walk(v):
        if isinstance(v, dict):
            if "distance_to_next_m" in v and "lon" in v:
                out.append(v)
            else:
                for w in v.values():
                    walk(w)
        elif isinstance(v, list):
            for w in v:
                walk(w)
    walk(schedule)
    return out


def test_bad_requests_raise_typed_errors():
    m = demarcate.BorderMap.from_path(SEED)
    with pytest.raises(demarcate.UsageError):
        m.median_line("ARM", "AZE", tolerance_m=-1.0)
    with pytest.raises(demarcate.AnalysisError):
        m.median_line("ARM", "ARM")
    with pytest.raises(demarcate.AnalysisError):
        m.median_line("ARM", "XXX")
    with pytest.raises(demarcate.DemarcateError):
        m.buffer(-5.0)
    with pytest.raises(demarcate.DemarcateError):
        m.schedule(["no-such-segment"])
