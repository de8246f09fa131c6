//! Writing what was read gives back the same JSON.

use demarcate::BorderMap;
use serde_json::Value;

use crate::common::{hand_path, json_equal, seed_path};

fn assert_round_trip(input: &str) {
    let map = BorderMap::from_geojson_str(input).expect("valid input");
    let output = map.to_geojson_string();
    let a: Value = serde_json::from_str(input).unwrap();
    let b: Value = serde_json::from_str(&output).unwrap();
    assert!(
        json_equal(&a, &b),
        "round trip changed the data:\n{input}\n---\n{output}"
    );
}

#[test]
fn bundled_datasets_round_trip() {
    for path in [seed_path(), hand_path()] {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_round_trip(&text);
    }
}

const FOREIGN: &str = r#"{
  "type": "FeatureCollection",
  "name": "foreign members and unknown kinds",
  "crs_note": {"deep": [1, 2.5, "x", null, true]},
  "bbox": [10, -1, 12, 1],
  "features": [
    {"type": "Feature", "id": 7, "bbox": [10, 0, 11, 0],
     "properties": {"kind": "border_segment", "left": "NOR", "right": "SOU",
                    "status": "demarcated", "pillar_count": 14, "notes": null,
                    "nested": {"a": [1, {"b": false}]}},
     "geometry": {"type": "LineString", "coordinates": [[10, 0], [10.5, 0.000001], [11, 0]],
                  "geometry_member": "kept"},
     "survey": {"team": 4}},
    {"type": "Feature", "id": "wp-1",
     "properties": {"kind": "waypoint", "elevation_m": 1830.5},
     "geometry": {"type": "Point", "coordinates": [10.25, 0.5, 1830.5]}},
    {"type": "Feature",
     "properties": {"kind": "river", "name": "Arpa"},
     "geometry": {"type": "GeometryCollection", "geometries": [
        {"type": "MultiPoint", "coordinates": [[10, 1], [10.1, 1.1]]},
        {"type": "MultiLineString", "coordinates": [[[10, 1], [10.1, 1.1]]]}]}},
    {"type": "Feature", "id": "nothing", "properties": {"kind": "note"}, "geometry": null},
    {"type": "Feature", "id": "z1",
     "properties": {"kind": "incursion_zone", "claimant": "SOU", "accused": "NOR",
                    "reported": "2021-05-12", "casualties": [0, 1]},
     "geometry": {"type": "MultiPolygon", "coordinates": [
        [[[10.2, -0.1], [10.3, -0.1], [10.3, 0.1], [10.2, 0.1], [10.2, -0.1]],
         [[10.22, -0.05], [10.22, 0.05], [10.28, 0.05], [10.28, -0.05], [10.22, -0.05]]]]}}
  ]
}"#;

#[test]
fn foreign_members_unknown_kinds_and_altitudes_survive() {
    assert_round_trip(FOREIGN);
    let map = BorderMap::from_geojson_str(FOREIGN).unwrap();
    assert_eq!(map.len(), 5);
    assert_eq!(map.segments().len(), 1);
    assert_eq!(map.incursion_zones().len(), 1);
    // The unknown kinds are kept as plain features.
    assert_eq!(map.features()[1].kind_str(), Some("waypoint"));
    assert_eq!(map.features()[2].kind(), None);
}

#[test]
fn lookup_by_string_and_number_ids() {
    let map = BorderMap::from_geojson_str(FOREIGN).unwrap();
    let seven = demarcate::FeatureId::Number(7.into());
    assert_eq!(map.index_of(&seven), Some(0));
    assert_eq!(
        map.segment(&seven).map(|s| s.status().as_str()),
        Some("demarcated")
    );
    assert_eq!(map.index_of(&"z1".into()), Some(4));
    assert!(map.get(&"absent".into()).is_none());
}

#[test]
fn write_path_and_read_back() {
    let map = BorderMap::from_geojson_str(FOREIGN).unwrap();
    let dir = std::env::temp_dir().join(format!("demarcate-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.geojson");
    map.write_path(&file).unwrap();
    let again = BorderMap::from_path(&file).unwrap();
    assert_eq!(again.to_geojson_string(), map.to_geojson_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

proptest::proptest! {
    /// Any coordinate survives writing and reading back, bit for bit.
    #[test]
    fn coordinates_survive_bit_for_bit(lon in -180.0f64..=180.0, lat in -90.0f64..=90.0) {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"o","properties":{{"kind":"outpost","operator":"R","status":"active"}},"geometry":{{"type":"Point","coordinates":[{lon:?},{lat:?}]}}}}]}}"#
        );
        let map = BorderMap::from_geojson_str(&text).unwrap();
        let back = BorderMap::from_geojson_str(&map.to_geojson_string()).unwrap();
        let p = back.outposts().next().unwrap().point();
        proptest::prop_assert_eq!((p.x().to_bits(), p.y().to_bits()), (lon.to_bits(), lat.to_bits()));
    }
}

/// Found by the `load` fuzz target: a geometry with its `type` member twice.
/// JSON readers keep the last one; reading and writing must agree on that.
#[test]
fn a_repeated_geometry_member_reads_as_json_readers_read_it() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"t1","properties":{"kind":"territory","party":"NOR"},
       "geometry":{"type":"Polygon","type":"Polygon","coordinates":[[[10.2,-0.1],[10.4,-0.1],[10.4,0.1],[10.2,0.1],[10.2,-0.1]]]}}]}"#;
    let map = BorderMap::from_geojson_str(text).unwrap();
    assert_eq!(map.territories().len(), 1);
    let again = BorderMap::from_geojson_str(&map.to_geojson_string()).unwrap();
    assert_eq!(again.features()[0].geometry, map.features()[0].geometry);
}

/// Found by the `load` fuzz target: a geometry holding a number beyond f64 is
/// an error of that feature, and writing the data back keeps its text.
#[test]
fn a_geometry_no_json_value_can_hold_is_written_back_as_read() {
    let geometry = r#"{"type":"Point","coordinates":[5e310,0],"note":"kept"}"#;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"o","properties":{{"kind":"outpost","operator":"R","status":"active"}},"geometry":{geometry},"survey":1}}]}}"#
    );
    let loaded = demarcate::io::load_str(&text).unwrap();
    let bad: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        (bad[0].feature, bad[0].property.as_str()),
        (Some(0), "geometry")
    );
    let written = loaded.map.to_geojson_string();
    assert!(written.contains(geometry), "{written}");
    assert!(written.contains(r#""survey":1"#), "{written}");
    // and what was written reads back the same way
    let again = demarcate::io::load_str(&written).unwrap();
    assert_eq!(again.map.to_geojson_string(), written);
}
