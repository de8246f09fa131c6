//! Overlaps of zone pairs against `tests/reference/overlap_cases.json`
//! (GeographicLib + PROJ + shapely, densified geodesics; see
//! `tests/reference/overlap_reference.py`): small and large zones at many
//! latitudes, across the antimeridian, nested, identical, touching, holed.

use demarcate::BorderMap;
use demarcate::analysis::TOUCHING_AREA_M2;
use geo_types::{Coord, LineString, Polygon};
use serde_json::{Value, json};

fn cases() -> Vec<Value> {
    let text = include_str!("reference/overlap_cases.json");
    let v: Value = serde_json::from_str(text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn zone(id: &str, rings: &Value) -> Value {
    json!({"type": "Feature", "id": id,
           "properties": {"kind": "incursion_zone", "claimant": "A", "accused": "B"},
           "geometry": {"type": "Polygon", "coordinates": rings}})
}

fn polygon(rings: &Value) -> Polygon<f64> {
    let ring = |r: &Value| {
        LineString(
            r.as_array()
                .unwrap()
                .iter()
                .map(|p| Coord {
                    x: p[0].as_f64().unwrap(),
                    y: p[1].as_f64().unwrap(),
                })
                .collect(),
        )
    };
    let rings = rings.as_array().unwrap();
    Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
}

/// Every case's area within 1e-2 m² + 1e-9 relative (the contract is 1 m²
/// or 1e-6 relative), from `overlaps()` and from `zones_overlapping()`.
#[test]
fn pairs_match_the_reference() {
    let cases = cases();
    assert_eq!(cases.len(), 81);
    let mut worst: f64 = 0.0;
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let want = case["area_m2"].as_f64().unwrap();
        let text = json!({"type": "FeatureCollection",
                          "features": [zone("a", &case["a"]), zone("b", &case["b"])]})
        .to_string();
        let map = BorderMap::from_geojson_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = map.overlaps().unwrap_or_else(|e| panic!("{name}: {e}"));
        let query = map
            .zones_overlapping(&polygon(&case["b"]))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let tolerance = 1e-2 + 1e-9 * want;
        if want < TOUCHING_AREA_M2 {
            assert!(got.is_empty(), "{name}: {got:?}");
            // zone b itself always overlaps the query polygon b
            assert_eq!(query.len(), 1, "{name}");
            continue;
        }
        assert_eq!(got.len(), 1, "{name}: {got:?}");
        let err = (got[0].area_m2 - want).abs();
        assert!(err <= tolerance, "{name}: {} vs {want}", got[0].area_m2);
        worst = worst.max(err / tolerance);
        // a ∩ b from the query side too
        let a = query.iter().find(|z| z.zone.id().to_string() == "a");
        let a = a.unwrap_or_else(|| panic!("{name}: a not found"));
        assert!(
            (a.area_m2 - want).abs() <= tolerance,
            "{name}: {}",
            a.area_m2
        );
        // the geometry's vertices are the zones' own or on both outlines:
        // its area is the area reported
        let again: f64 = got[0]
            .geometry
            .0
            .iter()
            .map(demarcate::geodesy::geodesic_area_m2)
            .sum();
        assert_eq!(again, got[0].area_m2, "{name}");
    }
    eprintln!("worst error / tolerance: {worst:.3}");
}

/// Zones so far apart that no local plane holds both are a typed error
/// naming them, not a wrong answer.
#[test]
fn zones_too_large_for_one_plane_are_an_error() {
    // two 60°-wide boxes overlapping over 20° of longitude
    let a = json!([[
        [0.0, -30.0],
        [60.0, -30.0],
        [60.0, 30.0],
        [0.0, 30.0],
        [0.0, -30.0]
    ]]);
    let b = json!([[
        [40.0, -30.0],
        [100.0, -30.0],
        [100.0, 30.0],
        [40.0, 30.0],
        [40.0, -30.0]
    ]]);
    let text = json!({"type": "FeatureCollection", "features": [zone("a", &a), zone("b", &b)]})
        .to_string();
    let map = BorderMap::from_geojson_str(&text).unwrap();
    let err = map.overlaps().unwrap_err();
    assert!(matches!(err, demarcate::Error::TooLarge { .. }), "{err}");
    assert!(err.to_string().starts_with("zones a and b:"), "{err}");
}
