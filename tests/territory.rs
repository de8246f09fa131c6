//! Territories with geodesic edges: the side near long edges against an
//! independent GeographicLib computation, agreement with the segments' sides,
//! and prepared polygons against brute force.

use demarcate::BorderMap;
use demarcate::polygon::{Location, PreparedPolygon};
use geo_types::Coord;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

use crate::common::{seed_path, without_territories};

fn seed() -> &'static BorderMap {
    static MAP: OnceLock<BorderMap> = OnceLock::new();
    MAP.get_or_init(|| BorderMap::from_path(seed_path()).unwrap())
}

/// The seed dataset without its territories: sides come from the segments.
fn seed_without_territories() -> &'static BorderMap {
    static MAP: OnceLock<BorderMap> = OnceLock::new();
    MAP.get_or_init(|| without_territories(&seed_path()))
}

/// 600 points 5 cm to 20 m from territory edges of 2 km to 23 km
/// (tests/reference/territory_side_reference.py): the territory holding each,
/// decided on the geodesic. 42 of them are placed differently by the lon/lat
/// chords, so a chord test fails here.
#[test]
fn side_near_long_edges_matches_geographiclib() {
    let data: Value = serde_json::from_str(include_str!("reference/territory_side.json")).unwrap();
    let points = data["points"].as_array().unwrap();
    assert_eq!(points.len(), 600);
    let chord_differs = points
        .iter()
        .filter(|p| p["territory"] != p["chord_territory"])
        .count();
    assert!(chord_differs >= 20, "{chord_differs}");
    let map = seed();
    for p in points {
        let c = Coord {
            x: p["p"][0].as_f64().unwrap(),
            y: p["p"][1].as_f64().unwrap(),
        };
        let d = map.distance_to_border(c).unwrap();
        assert_eq!(
            d.side.map(|s| s.as_str()),
            p["territory"].as_str(),
            "{p} at {:.3} m from the border",
            d.distance_m
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Within 25 m of a border edge (where the chord and the geodesic part),
    /// the territory holding a point is the party the nearest segment puts
    /// it with: the territories share the border's vertices, so both must
    /// decide on the same geodesic.
    #[test]
    fn territory_agrees_with_segment_side(seg in 0usize..17, at in 0.0f64..1.0, off in -25.0f64..25.0) {
        let with = seed();
        let without = seed_without_territories();
        // a point off the middle of an edge, at right angles
        let p = crate::common::off_edge(&with.segment_at(seg).unwrap().lines()[0], at, 0.5, off);
        let by_segments = without.distance_to_border(p).unwrap();
        prop_assume!(by_segments.distance_m > 0.01);
        let by_territory = with.distance_to_border(p).unwrap();
        prop_assert_eq!(
            by_territory.side.map(|s| s.as_str()),
            by_segments.side.map(|s| s.as_str()),
            "{:?} {} m", p, by_segments.distance_m
        );
    }

    /// Away from the edges' bands, the prepared test equals a plain crossing
    /// count on the lon/lat chords (every edge visited).
    #[test]
    fn prepared_equals_brute_force_away_from_edges(lon in 43.3f64..50.5, lat in 38.3f64..42.0) {
        let map = seed();
        let p = Coord { x: lon, y: lat };
        for t in map.territories() {
            let prepared = PreparedPolygon::new(t.polygons());
            let mut odd = false;
            let mut min_lat_gap = f64::INFINITY;
            for poly in t.polygons() {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for w in ring.0.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        if (a.x > p.x) != (b.x > p.x) {
                            let y = a.y + (p.x - a.x) / (b.x - a.x) * (b.y - a.y);
                            min_lat_gap = min_lat_gap.min((y - p.y).abs());
                            if y > p.y {
                                odd = !odd;
                            }
                        }
                    }
                }
            }
            // 0.001° (~110 m) is far outside any band of this data.
            prop_assume!(min_lat_gap > 1e-3);
            let want = if odd { Location::Inside } else { Location::Outside };
            prop_assert_eq!(prepared.locate(p), want);
        }
    }
}

/// A zone around the north pole, written as lon/lat positions circling it:
/// in longitude/latitude (the data's own coordinates, RFC 7946) that ring
/// crosses itself, so loading refuses it with a typed error naming the
/// feature and property, rather than guessing which side is meant.
#[test]
fn a_zone_around_the_pole_is_a_typed_error() {
    let err = BorderMap::from_geojson_str(
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "s", "properties": {"kind": "border_segment",
   "left": "NOR", "right": "SOU", "status": "disputed"},
   "geometry": {"type": "LineString", "coordinates": [[10.0, 0.0], [11.0, 0.0]]}},
  {"type": "Feature", "id": "polar", "properties": {"kind": "incursion_zone",
   "claimant": "NOR", "accused": "SOU"}, "geometry": {"type": "Polygon",
   "coordinates": [[[0.0, 89.9], [90.0, 89.9], [180.0, 89.9], [-90.0, 89.9], [0.0, 89.9]]]}}]}"#,
    )
    .unwrap_err();
    let demarcate::Error::Invalid { diagnostics, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(
        (d.feature, d.property.as_str()),
        (Some(1), "geometry"),
        "{d}"
    );
    assert!(d.message.contains("self-intersection"), "{d}");
}
