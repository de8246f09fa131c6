//! The library contract for GIS tools (DESIGN.md): `Wgs84` through geo's
//! `Distance`, `GeodesicIndex` over the caller's lines, `BorderMap::builder`,
//! checked against the GeographicLib references and hand-written GeoJSON.

use demarcate::prelude::*;
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Point, line_string, polygon};
use serde_json::Value;

use crate::common::seed_path;

fn reference(text: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).unwrap();
    v["points"].as_array().unwrap().clone()
}

/// The seed's segments as a GIS tool holds them: (id, lines).
fn seed_lines() -> Vec<(String, MultiLineString<f64>)> {
    let map = BorderMap::from_path(seed_path()).unwrap();
    map.segments()
        .map(|s| (s.id().to_string(), MultiLineString(s.lines().to_vec())))
        .collect()
}

#[test]
fn wgs84_and_the_index_match_geographiclib_to_a_millimetre() {
    let segments = seed_lines();
    let all = MultiLineString(segments.iter().flat_map(|s| s.1.0.clone()).collect());
    let index = GeodesicIndex::from_lines(
        segments
            .iter()
            .flat_map(|(id, m)| m.0.iter().map(move |l| (l.clone(), id.clone()))),
    );
    let refs = reference(include_str!("reference/border_distances.json"));
    assert!(refs.len() >= 290);
    for r in &refs {
        let p = Point::new(r["lon"].as_f64().unwrap(), r["lat"].as_f64().unwrap());
        let d = r["distance_m"].as_f64().unwrap();
        let metric = Wgs84.distance(p, &all);
        assert!((metric - d).abs() < 1e-3, "{}: {metric} vs {d}", r["id"]);
        let hit = index.nearest(p).unwrap();
        assert!((hit.distance_m - d).abs() < 1e-3, "{}", r["id"]);
        let tied: Vec<&str> = r["tied_segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(
            tied.contains(&hit.item.as_str()),
            "{}: {}",
            r["id"],
            hit.item
        );
        let near = Point::new(
            r["nearest_lon"].as_f64().unwrap(),
            r["nearest_lat"].as_f64().unwrap(),
        );
        if tied.len() == 1 {
            assert!(Wgs84.distance(hit.point, near) < 1e-3, "{}", r["id"]);
        }
        // the segment's own lines: the same distance through one segment
        let own = &segments.iter().find(|s| s.0 == *hit.item).unwrap().1;
        assert!((Wgs84.distance(p, own) - d).abs() < 1e-3);
        if let [one] = own.0.as_slice() {
            assert!((Wgs84.distance(p, one) - d).abs() < 1e-3);
        }
    }
}

#[test]
fn wgs84_is_zero_inside_geodesic_territories_and_positive_outside() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let territories: Vec<(String, MultiPolygon<f64>)> = map
        .territories()
        .map(|t| (t.party().to_string(), MultiPolygon(t.polygons().to_vec())))
        .collect();
    let refs = reference(include_str!("reference/territory_side.json"));
    let mut lens_points = 0;
    for r in &refs {
        let p = Point::new(r["p"][0].as_f64().unwrap(), r["p"][1].as_f64().unwrap());
        let inside = r["territory"].as_str();
        let offset = r["offset_m"].as_f64().unwrap();
        if r["territory"] != r["chord_territory"] {
            lens_points += 1;
        }
        for (party, area) in &territories {
            let d = Wgs84.distance(p, area);
            if Some(party.as_str()) == inside {
                assert_eq!(d, 0.0, "{p:?} is inside {party}");
            } else {
                // the reference gives the distance to the nearest edge
                assert!(d > 0.0, "{p:?} is not inside {party}");
                assert!(d >= offset - 1e-3, "{p:?}: {d} < {offset}");
            }
        }
    }
    // the points where lon/lat chords would give the other answer are there
    assert!(lens_points >= 40, "{lens_points}");
}

#[test]
fn wgs84_by_hand() {
    // 1° of longitude along the equator: the geodesic is the equator, and a
    // point 0.1° north of its middle is one meridian arc of 0.1° away,
    // 11 057.43 m on WGS84 (GeographicLib: 11057.4295...).
    let line = line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0)];
    let d = Wgs84.distance(Point::new(10.5, 0.1), &line);
    assert!((d - 11_057.43).abs() < 0.01, "{d}");
    // beyond an end, the distance is to that end
    let end = Wgs84.distance(Point::new(12.0, 0.0), Point::new(11.0, 0.0));
    assert!((Wgs84.distance(Point::new(12.0, 0.0), &line) - end).abs() < 1e-9);
    // a square with a hole: 0 in the ring, the hole's edge distance in the hole
    let holed = polygon![
        exterior: [(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)],
        interiors: [[(x: 0.25, y: 0.25), (x: 0.75, y: 0.25), (x: 0.75, y: 0.75), (x: 0.25, y: 0.75)]],
    ];
    assert_eq!(Wgs84.distance(Point::new(0.1, 0.5), &holed), 0.0);
    assert_eq!(Wgs84.distance(Point::new(0.25, 0.5), &holed), 0.0);
    let in_hole = Wgs84.distance(Point::new(0.5, 0.5), &holed);
    // the hole's nearest sides are 0.25° of longitude away at ~0.5° N (and
    // the meridian sides 0.25° of latitude): between 27.6 km and 27.7 km
    assert!(in_hole > 27_000.0 && in_hole < 28_000.0, "{in_hole}");
    // empty geometries are infinitely far
    assert_eq!(
        Wgs84.distance(Point::new(0.0, 0.0), &LineString::new(vec![])),
        f64::INFINITY
    );
    assert_eq!(
        Wgs84.distance(Point::new(0.0, 0.0), &MultiPolygon::new(vec![])),
        f64::INFINITY
    );
}

#[test]
fn within_is_every_line_in_reach_nearest_first() {
    let segments = seed_lines();
    let lines: Vec<(LineString<f64>, usize)> = segments
        .iter()
        .flat_map(|s| s.1.0.iter().cloned())
        .enumerate()
        .map(|(i, l)| (l, i))
        .collect();
    let index = GeodesicIndex::from_lines(lines.clone());
    let mut total = 0;
    for (k, p) in [
        (45.39, 41.02),
        (45.61, 40.85),
        (45.95, 40.15),
        (46.19, 39.6),
        (45.0, 40.0),
    ]
    .into_iter()
    .map(|(x, y)| Point::new(x, y))
    .enumerate()
    {
        let hits = index.within(p, 15_000.0);
        // brute force over each line with the metric
        let mut expected: Vec<(usize, f64)> = lines
            .iter()
            .map(|(l, i)| (*i, Wgs84.distance(p, l)))
            .filter(|&(_, d)| d <= 15_000.0)
            .collect();
        expected.sort_by(|a, b| a.1.total_cmp(&b.1));
        assert_eq!(hits.len(), expected.len(), "query {k}");
        for (h, (i, d)) in hits.iter().zip(&expected) {
            assert_eq!(*h.item, *i, "query {k}");
            assert!((h.distance_m - d).abs() < 1e-9);
            assert!(h.distance_m <= 15_000.0);
        }
        assert!(hits.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
        total += hits.len();
    }
    assert!(total >= 6, "{total}");
}

/// The same dataset, hand-written as GeoJSON.
const HAND: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"seg-1","properties":{"kind":"border_segment","left":"ARM","right":"AZE","status":"disputed"},
  "geometry":{"type":"LineString","coordinates":[[45.0,40.0],[45.1,40.05],[45.2,40.0]]}},
 {"type":"Feature","properties":{"kind":"territory","party":"ARM"},
  "geometry":{"type":"Polygon","coordinates":[[[44.9,40.0],[45.0,40.0],[45.1,40.05],[45.2,40.0],[45.3,40.0],[45.3,40.3],[44.9,40.3],[44.9,40.0]]]}},
 {"type":"Feature","id":"op-1","properties":{"kind":"outpost","operator":"RUS","status":"proposed","range_m":8000.0},
  "geometry":{"type":"Point","coordinates":[45.1,40.1]}},
 {"type":"Feature","id":"zone-1","properties":{"kind":"incursion_zone","claimant":"ARM","accused":"AZE"},
  "geometry":{"type":"Polygon","coordinates":[[[45.05,40.0],[45.15,40.0],[45.15,40.08],[45.05,40.08],[45.05,40.0]]]}}
]}"#;

#[test]
fn the_builder_makes_what_the_file_makes() {
    let built = BorderMap::builder()
        .segment(
            "seg-1",
            line_string![(x: 45.0, y: 40.0), (x: 45.1, y: 40.05), (x: 45.2, y: 40.0)],
            "ARM",
            "AZE",
            SegmentStatus::Disputed,
        )
        .territory(
            "ARM",
            polygon![(x: 44.9, y: 40.0), (x: 45.0, y: 40.0), (x: 45.1, y: 40.05), (x: 45.2, y: 40.0),
                     (x: 45.3, y: 40.0), (x: 45.3, y: 40.3), (x: 44.9, y: 40.3)],
        )
        .outpost("op-1", Point::new(45.1, 40.1), "RUS", OutpostStatus::Proposed, Some(8_000.0))
        .incursion_zone(
            "zone-1",
            polygon![(x: 45.05, y: 40.0), (x: 45.15, y: 40.0), (x: 45.15, y: 40.08), (x: 45.05, y: 40.08)],
            "ARM",
            "AZE",
        )
        .build()
        .unwrap();
    let file = BorderMap::from_geojson_str(HAND).unwrap();
    let as_value =
        |m: &BorderMap| -> Value { serde_json::from_str(&m.to_geojson_string()).unwrap() };
    assert_eq!(as_value(&built), as_value(&file));
    let q = Coord { x: 45.12, y: 40.2 };
    let (a, b) = (
        built.distance_to_border(q).unwrap(),
        file.distance_to_border(q).unwrap(),
    );
    assert_eq!(a.distance_m, b.distance_m);
    assert_eq!(a.side.map(|s| s.to_string()).as_deref(), Some("ARM"));
    // and it reads back
    let again = BorderMap::from_geojson_str(&built.to_geojson_string()).unwrap();
    assert_eq!(as_value(&again), as_value(&file));
}

#[test]
fn the_builder_refuses_what_a_file_refuses_with_the_same_diagnostics() {
    // a bow-tie territory, a longitude out of range and a repeated id
    let text = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"B","status":"delimited"},
  "geometry":{"type":"LineString","coordinates":[[0.0,0.0],[1.0,0.0]]}},
 {"type":"Feature","properties":{"kind":"territory","party":"A"},
  "geometry":{"type":"Polygon","coordinates":[[[0.0,0.0],[1.0,1.0],[1.0,0.0],[0.0,1.0],[0.0,0.0]]]}},
 {"type":"Feature","id":"s","properties":{"kind":"outpost","operator":"A","status":"active"},
  "geometry":{"type":"Point","coordinates":[200.0,0.0]}}
]}"#;
    let from_file = demarcate::io::load_str(text).unwrap().diagnostics;
    let built = BorderMap::builder()
        .segment(
            "s",
            line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)],
            "A",
            "B",
            SegmentStatus::Delimited,
        )
        .territory(
            "A",
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0)],
        )
        .outpost(
            "s",
            Point::new(200.0, 0.0),
            "A",
            OutpostStatus::Active,
            None,
        )
        .build_with_findings()
        .diagnostics;
    assert!(
        from_file.iter().filter(|d| d.is_error()).count() >= 3,
        "{from_file:?}"
    );
    let lines = |d: &[demarcate::Diagnostic]| d.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(lines(&built), lines(&from_file));
    let err = BorderMap::builder()
        .outpost(
            "p",
            Point::new(200.0, 0.0),
            "A",
            OutpostStatus::Active,
            Some(f64::NAN),
        )
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("<builder>:"), "{text}");
    assert!(text.contains("feature 0 (id p)"), "{text}");
}

#[test]
fn maps_and_indexes_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<BorderMap>();
    send_sync::<GeodesicIndex<String>>();
    send_sync::<Wgs84>();
}
