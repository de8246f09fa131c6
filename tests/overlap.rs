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

/// A star-shaped ring of `radii.len()` vertices around (lon, lat).
fn star(lon: f64, lat: f64, radii: &[f64], turn: f64) -> Vec<[f64; 2]> {
    use geographiclib_rs::{DirectGeodesic, Geodesic};
    let g = Geodesic::wgs84();
    let n = radii.len();
    let mut ring: Vec<[f64; 2]> = radii
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let az = turn + 360.0 * k as f64 / n as f64;
            let (y, x): (f64, f64) = g.direct(lat, lon, az, *r);
            [x, y]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// a ∩ b is no larger than either zone, is the same from both entry
    /// points, and a ∩ a is a (GeographicLib's area of a's own ring).
    #[test]
    fn overlap_properties(
        lon in -170.0..170.0_f64,
        lat in -80.0..80.0_f64,
        size in 100.0..50_000.0_f64,
        ra in proptest::collection::vec(0.4..1.0_f64, 5..14),
        rb in proptest::collection::vec(0.4..1.0_f64, 5..14),
        shift in 0.0..1.2_f64,
        az in 0.0..360.0_f64,
        turn in 0.0..360.0_f64,
    ) {
        use geographiclib_rs::{DirectGeodesic, Geodesic};
        let (lat_b, lon_b): (f64, f64) = Geodesic::wgs84().direct(lat, lon, az, size * shift);
        let a = star(lon, lat, &ra.iter().map(|r| r * size).collect::<Vec<_>>(), turn);
        let b = star(lon_b, lat_b, &rb.iter().map(|r| r * size).collect::<Vec<_>>(), turn * 0.7);
        let text = json!({"type": "FeatureCollection",
                          "features": [zone("a", &json!([a])), zone("b", &json!([b]))]})
        .to_string();
        let map = BorderMap::from_geojson_str(&text).unwrap();
        let area = |r: &Vec<[f64; 2]>| {
            use geographiclib_rs::PolygonArea;
            let g = Geodesic::wgs84();
            let mut pa = PolygonArea::new(&g, geographiclib_rs::Winding::CounterClockwise);
            for p in &r[..r.len() - 1] {
                pa.add_point(p[1], p[0]);
            }
            pa.compute(true).1.abs()
        };
        let (area_a, area_b) = (area(&a), area(&b));
        let pa = polygon(&json!([a]));
        let pb = polygon(&json!([b]));
        let got = map.overlaps().unwrap();
        let self_a = map.zones_overlapping(&pa).unwrap();
        let own = self_a.iter().find(|z| z.zone.id().to_string() == "a").unwrap();
        proptest::prop_assert!((own.area_m2 - area_a).abs() <= 1e-3 + 1e-9 * area_a,
            "a ∩ a = {} vs {area_a}", own.area_m2);
        let from_b = map.zones_overlapping(&pb).unwrap();
        let a_in_b = from_b.iter().find(|z| z.zone.id().to_string() == "a");
        match (got.first(), a_in_b) {
            (Some(o), Some(q)) => {
                proptest::prop_assert!(o.area_m2 <= area_a.min(area_b) + 1e-3);
                proptest::prop_assert!((o.area_m2 - q.area_m2).abs() <= 1e-3 + 1e-9 * o.area_m2,
                    "{} vs {}", o.area_m2, q.area_m2);
            }
            (None, None) => {}
            (o, q) => proptest::prop_assert!(false, "{o:?} vs {q:?}"),
        }
    }
}

/// Zones with edges between nearly antipodal vertices (no useful bound on
/// their bulge) are an error or an answer, never a panic.
#[test]
fn zones_with_half_the_globe_between_vertices_do_not_panic() {
    let wide = json!([[
        [0.0, 0.0],
        [179.0, 0.0],
        [179.0, 1.0],
        [0.0, 1.0],
        [0.0, 0.0]
    ]]);
    let small = json!([[
        [10.0, 0.2],
        [10.1, 0.2],
        [10.1, 0.3],
        [10.0, 0.3],
        [10.0, 0.2]
    ]]);
    let far = json!([[
        [-60.0, 0.2],
        [-59.9, 0.2],
        [-59.9, 0.3],
        [-60.0, 0.3],
        [-60.0, 0.2]
    ]]);
    let text = json!({"type": "FeatureCollection",
                      "features": [zone("a", &wide), zone("b", &small), zone("c", &far)]})
    .to_string();
    let map = BorderMap::from_geojson_str(&text).unwrap();
    match map.overlaps() {
        Ok(o) => assert!(o.iter().all(|o| o.area_m2 > 0.0), "{o:?}"),
        Err(e) => assert!(matches!(e, demarcate::Error::TooLarge { .. }), "{e}"),
    }
    let q = polygon(&small);
    match map.zones_overlapping(&q) {
        Ok(o) => assert!(!o.is_empty()),
        Err(e) => assert!(matches!(e, demarcate::Error::TooLarge { .. }), "{e}"),
    }
}
