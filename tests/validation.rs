//! Every class of bad input gets a diagnostic naming the feature and property.

use demarcate::io::load_str;
use demarcate::{Error, Severity};

/// Wraps features into a FeatureCollection.
fn collection(features: &[&str]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

const GOOD_SEGMENT: &str = r#"{"type":"Feature","id":"s1","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}}"#;

/// The findings for one bad feature placed after a good one (so its index is 1).
fn findings(bad: &str) -> Vec<(Severity, Option<usize>, String, String)> {
    let loaded = load_str(&collection(&[GOOD_SEGMENT, bad])).expect("loads");
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.feature, d.property.clone(), d.to_string()))
        .collect()
}

fn assert_error(bad: &str, property: &str, needle: &str) {
    let f = findings(bad);
    assert!(
        f.iter()
            .any(|(sev, idx, prop, text)| *sev == Severity::Error
                && *idx == Some(1)
                && prop == property
                && text.contains(needle)),
        "no error on feature 1 / {property} containing {needle:?}: {f:#?}"
    );
}

#[test]
fn kind_missing_or_not_a_string() {
    assert_error(
        r#"{"type":"Feature","id":"x","properties":{"name":"a"},"geometry":null}"#,
        "kind",
        "missing required property",
    );
    assert_error(
        r#"{"type":"Feature","id":"x","properties":{"kind":3},"geometry":null}"#,
        "kind",
        "must be a string",
    );
    assert_error(
        r#"{"type":"Feature","id":"x","properties":null,"geometry":null}"#,
        "kind",
        "no properties",
    );
}

#[test]
fn wrong_geometry_for_the_kind() {
    assert_error(
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#,
        "geometry",
        "an outpost needs a Point, found a LineString",
    );
    assert_error(
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#,
        "geometry",
        "LineString or MultiLineString",
    );
}

#[test]
fn missing_required_property_and_unknown_status() {
    assert_error(
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#,
        "left",
        "error feature 1 (id s): left: missing required property",
    );
    assert_error(
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"B","status":"agreed"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#,
        "status",
        "unknown status \"agreed\"",
    );
    assert_error(
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"closed"},"geometry":{"type":"Point","coordinates":[0,0]}}"#,
        "status",
        "proposed, planned, active",
    );
    assert_error(
        r#"{"type":"Feature","id":"z","properties":{"kind":"incursion_zone","claimant":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#,
        "accused",
        "missing required property",
    );
}

#[test]
fn duplicate_and_missing_ids() {
    assert_error(
        r#"{"type":"Feature","id":"s1","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[0,0]}}"#,
        "id",
        "duplicate id s1, first used by feature 0",
    );
    assert_error(
        r#"{"type":"Feature","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[0,0]}}"#,
        "id",
        "error feature 1 (no id): id: missing",
    );
    assert_error(
        r#"{"type":"Feature","id":true,"properties":{"kind":"territory","party":"A"},"geometry":null}"#,
        "id",
        "must be a string or a number",
    );
}

#[test]
fn coordinates_out_of_range() {
    assert_error(
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[45,95]}}"#,
        "geometry",
        "latitude 95 outside [-90, 90]",
    );
    assert_error(
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[-181,0]}}"#,
        "geometry",
        "longitude -181 outside [-180, 180]",
    );
    // Unknown kinds are still WGS84 GeoJSON.
    assert_error(
        r#"{"type":"Feature","properties":{"kind":"note"},"geometry":{"type":"MultiPoint","coordinates":[[0,0],[0,91]]}}"#,
        "geometry",
        "coordinate 1 has latitude 91",
    );
}

#[test]
fn non_finite_coordinates_cannot_hide() {
    // JSON has no NaN or Infinity; a coordinate too large for f64 is an
    // error of its feature's geometry.
    assert_error(
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[1e999,0]}}"#,
        "geometry",
        "number out of range",
    );
    let text = collection(&[
        r#"{"type":"Feature","id":"o","properties":{"kind":"outpost","operator":"R","status":"active"},"geometry":{"type":"Point","coordinates":[NaN,0]}}"#,
    ]);
    assert!(matches!(load_str(&text), Err(Error::Json { .. })));
}

#[test]
fn rings_unclosed_short_or_self_intersecting() {
    assert_error(
        r#"{"type":"Feature","id":"z","properties":{"kind":"incursion_zone","claimant":"A","accused":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#,
        "geometry",
        "ring 0: is not closed",
    );
    assert_error(
        r#"{"type":"Feature","id":"z","properties":{"kind":"incursion_zone","claimant":"A","accused":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#,
        "geometry",
        "a linear ring needs at least 4",
    );
    assert_error(
        r#"{"type":"Feature","id":"z","properties":{"kind":"incursion_zone","claimant":"A","accused":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#,
        "geometry",
        "self-intersection",
    );
    assert_error(
        r#"{"type":"Feature","id":"t","properties":{"kind":"territory","party":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[5,5],[6,5],[6,6],[5,5]]]}}"#,
        "geometry",
        "invalid polygon",
    );
    assert_error(
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[0,0]]}}"#,
        "geometry",
        "needs at least 2",
    );
}

#[test]
fn range_must_be_positive_and_finite() {
    for bad in ["-5", "0", "\"8 km\"", "[8000]"] {
        assert_error(
            &format!(
                r#"{{"type":"Feature","id":"o","properties":{{"kind":"outpost","operator":"R","status":"active","range_m":{bad}}},"geometry":{{"type":"Point","coordinates":[0,0]}}}}"#
            ),
            "range_m",
            "must be a positive number of metres",
        );
    }
}

#[test]
fn left_equal_to_right() {
    assert_error(
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"A","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#,
        "right",
        "equals left (A)",
    );
}

#[test]
fn near_miss_between_segment_ends_is_a_warning() {
    // s1 ends at (11, 0); s2 starts 0.0003° (33.4 m) further east.
    let near = r#"{"type":"Feature","id":"s2","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[11.0003,0],[12,0]]}}"#;
    let loaded = load_str(&collection(&[GOOD_SEGMENT, near])).unwrap();
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let w: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].starts_with("warning feature 0 (id s1): geometry: an end comes within 33.4 m of an end of segment s2"), "{w:#?}");

    // Ends that meet, or are farther than 50 m apart, are not reported.
    for start in ["11", "11.0005"] {
        let other = near.replace("11.0003", start);
        let loaded = load_str(&collection(&[GOOD_SEGMENT, &other])).unwrap();
        assert!(
            loaded.diagnostics.is_empty(),
            "{start}: {:#?}",
            loaded.diagnostics
        );
    }
}

#[test]
fn not_json_and_not_a_feature_collection_are_fatal() {
    assert!(matches!(load_str("{\"type\": "), Err(Error::Json { .. })));
    assert!(matches!(
        load_str("[1, 2]"),
        Err(Error::NotFeatureCollection { .. })
    ));
    assert!(matches!(
        load_str(r#"{"type":"Feature","properties":{},"geometry":null}"#),
        Err(Error::NotFeatureCollection { .. })
    ));
    assert!(matches!(
        load_str(r#"{"type":"FeatureCollection"}"#),
        Err(Error::NotFeatureCollection { .. })
    ));
    assert!(matches!(
        load_str(r#"{"type":"FeatureCollection","features":{}}"#),
        Err(Error::NotFeatureCollection { .. })
    ));
}

#[test]
fn invalid_data_is_refused_for_analysis_with_the_findings() {
    let text = collection(&[
        GOOD_SEGMENT,
        r#"{"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"A","status":"disputed"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#,
    ]);
    match demarcate::BorderMap::from_geojson_str(&text) {
        Err(Error::Invalid { diagnostics, .. }) => {
            assert_eq!(diagnostics.len(), 1);
            assert_eq!(diagnostics[0].feature, Some(1));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn bundled_data_has_no_errors() {
    for path in [crate::common::seed_path(), crate::common::hand_path()] {
        let loaded = demarcate::io::load_path(&path).unwrap();
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}
