"""Loading, validation, errors and the analyses from Python, against the CLI
of the same checkout (the library's JSON) and hand-checkable values."""

import json

import pytest
import shapely.geometry as shapely_geometry

import demarcate
from conftest import HAND, SEED, run_cli


def test_report_coverage_overlaps_plan_equal_the_cli(cli):
    m = demarcate.BorderMap.from_path(SEED)
    assert m.report() == json.loads(run_cli(cli, "report", str(SEED), "--format", "json"))
    assert m.coverage() == json.loads(run_cli(cli, "coverage", str(SEED), "--format", "json"))
    assert m.coverage(5000.0) == json.loads(run_cli(cli, "coverage", str(SEED), "--range", "5000"))
    assert m.overlaps() == json.loads(run_cli(cli, "overlaps", str(SEED), "--format", "geojson"))
    plan = m.plan(8000.0, keep_existing=True)
    figures = plan.pop("plan")
    assert plan == json.loads(run_cli(cli, "plan", str(SEED), "--range", "8000", "--keep-existing"))
    assert figures["covered_fraction"] == 1.0 and figures["lower_bound"] <= len(plan["features"])


def test_hand_checkable_coverage_and_plan():
    m = demarcate.BorderMap.from_path(HAND)
    cov = m.coverage()
    # data/README.md: 116 721.49 m of 221 893.88 m are covered.
    assert abs(cov["covered_fraction"] - 0.5260239382356025) < 1e-9
    assert len(cov["gaps"]) == 4 and cov["gaps"][0]["segment"] == "seg-a"
    plan = m.plan(30000.0, operator="NOR")
    assert plan["plan"]["covered_fraction"] == 1.0
    assert all(f["properties"]["status"] == "proposed" and f["properties"]["operator"] == "NOR" for f in plan["features"])


def test_results_are_features_geopandas_and_shapely_read():
    m = demarcate.BorderMap.from_path(SEED)
    overlaps = m.overlaps()
    assert overlaps["features"]
    for f in overlaps["features"] + m.plan(8000.0)["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert shapely_geometry.shape(f["geometry"]).is_valid


def test_round_trip_keeps_unknown_properties():
    data = json.loads(HAND.read_text())
    data["features"][0]["properties"]["surveyed_by"] = "team 4"
    data["features"][0]["foreign"] = [1, 2]
    m = demarcate.BorderMap.from_geojson(json.dumps(data))
    out = json.loads(m.to_geojson())
    assert out["features"][0]["foreign"] == [1, 2]
    assert any(f["properties"].get("surveyed_by") == "team 4" for f in out["features"])
    again = demarcate.BorderMap.from_geojson(m.to_geojson())
    assert json.loads(again.to_geojson()) == out


BAD = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": "s1", "properties": {"kind": "border_segment", "left": "A", "right": "B", "status": "disputed"},
         "geometry": {"type": "LineString", "coordinates": [[10, 0], [11, 0]]}},
        {"type": "Feature", "id": "op-7", "properties": {"kind": "outpost", "operator": "A", "status": "sometimes"},
         "geometry": {"type": "Point", "coordinates": [10.5, 0.1]}},
    ],
}


def test_invalid_data_lists_every_finding_with_index_id_property():
    with pytest.raises(demarcate.InvalidDataError) as e:
        demarcate.BorderMap.from_geojson(json.dumps(BAD))
    errors = e.value.errors
    assert [(f.feature, f.id, f.property) for f in errors] == [(1, "op-7", "status")]
    assert isinstance(e.value, ValueError) and e.value.origin == "<string>"
    # validate_geojson returns the same records without raising.
    assert demarcate.validate_geojson(json.dumps(BAD)) == e.value.findings


def test_validate_file(tmp_path):
    assert not any(f.is_error for f in demarcate.validate(SEED))
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(BAD))
    with pytest.raises(demarcate.InvalidDataError) as e:
        demarcate.BorderMap.from_path(path)
    assert e.value.origin == str(path)
    assert [f.property for f in demarcate.validate(path) if f.is_error] == ["status"]


def test_unreadable_and_not_geojson(tmp_path):
    with pytest.raises(demarcate.DatasetReadError) as e:
        demarcate.BorderMap.from_path(tmp_path / "missing.geojson")
    assert isinstance(e.value, OSError) and e.value.path.endswith("missing.geojson")
    with pytest.raises(demarcate.NotGeoJSONError) as e:
        demarcate.BorderMap.from_geojson('{"type": "FeatureCollection", "features": [\n  {,]}')
    assert e.value.line == 2
    with pytest.raises(demarcate.NotGeoJSONError):
        demarcate.validate_geojson('{"type": "Feature"}')


def test_parameters_and_missing_ranges():
    m = demarcate.BorderMap.from_path(HAND)
    with pytest.raises(demarcate.UsageError) as e:
        m.coverage(-5.0)
    assert (e.value.name, e.value.value) == ("range_m", -5.0)
    with pytest.raises(demarcate.UsageError):
        m.plan(0.0)
    with pytest.raises(demarcate.UsageError):
        m.plan(8000.0, setback_m=100.0)
    no_range = json.loads(json.dumps(BAD))
    no_range["features"][1]["properties"]["status"] = "active"
    m = demarcate.BorderMap.from_geojson(json.dumps(no_range))
    with pytest.raises(demarcate.NoRangeError) as e:
        m.coverage()
    assert (e.value.feature, e.value.id) == (1, "op-7")
    assert m.coverage(1000.0)["covered_fraction"] < 1.0
