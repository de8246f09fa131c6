//! Distance to the border against the independent GeographicLib reference, and
//! the index against brute force.

use demarcate::BorderMap;
use demarcate::geodesy::GeodesicEdge;
use geo_types::Coord;
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{geodesic_m, hand_path, seed_path};

fn reference() -> Vec<Value> {
    let text = include_str!("reference/border_distances.json");
    let v: Value = serde_json::from_str(text).unwrap();
    v["points"].as_array().unwrap().clone()
}

#[test]
fn bundled_border_matches_geographiclib_to_a_millimetre() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let refs = reference();
    assert!(refs.len() >= 290);
    let points: Vec<Coord<f64>> = refs
        .iter()
        .map(|r| Coord {
            x: r["lon"].as_f64().unwrap(),
            y: r["lat"].as_f64().unwrap(),
        })
        .collect();
    let answers = map.distances_to_border(&points).unwrap();
    let (mut worst_d, mut worst_p) = (0.0f64, 0.0f64);
    for (r, a) in refs.iter().zip(&answers) {
        let id = r["id"].as_str().unwrap();
        let d = r["distance_m"].as_f64().unwrap();
        let err = (a.distance_m - d).abs();
        worst_d = worst_d.max(err);
        assert!(
            err < 1e-3,
            "{id}: distance {} vs reference {d}",
            a.distance_m
        );

        let nearest = (
            r["nearest_lon"].as_f64().unwrap(),
            r["nearest_lat"].as_f64().unwrap(),
        );
        let off = geodesic_m(nearest, (a.nearest.x, a.nearest.y));
        worst_p = worst_p.max(off);
        assert!(
            off < 1e-3,
            "{id}: nearest point {off} m from the reference's"
        );

        let tied: Vec<&str> = r["tied_segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let seg = a.segment.id().to_string();
        assert!(
            tied.contains(&seg.as_str()),
            "{id}: segment {seg}, reference {tied:?}"
        );

        if d > 1.0 {
            assert_eq!(a.side.map(|p| p.as_str()), r["side"].as_str(), "{id}: side");
        }
    }
    eprintln!("max distance error {worst_d:.3e} m, max nearest-point offset {worst_p:.3e} m");
}

#[test]
fn hand_checkable_distances() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    // Values from data/README.md (GeographicLib meridian arcs).
    let cases = [
        ((10.5, 0.5), 55_287.152_003_450_48, "seg-a", Some("NOR")),
        ((10.5, -0.5), 55_287.152_003_450_48, "seg-a", Some("SOU")),
        ((11.5, 0.5), 55_657.640_177_231_59, "seg-b", Some("SOU")),
        ((10.9, 0.5), 11_131.528_045_775_485, "seg-b", Some("NOR")),
        ((10.5, 0.0), 0.0, "seg-a", None),
    ];
    for ((lon, lat), want, seg, side) in cases {
        let d = map.distance_to_border(Coord { x: lon, y: lat }).unwrap();
        assert!(
            (d.distance_m - want).abs() < 1e-6,
            "({lon}, {lat}): {} vs {want}",
            d.distance_m
        );
        assert_eq!(d.segment.id().to_string(), seg);
        assert_eq!(d.side.map(|p| p.as_str()), side);
    }
}

/// The hand dataset without its territories: the side comes from the
/// segments' left/right, including at the vertex (11, 0) where they meet.
#[test]
fn side_from_segments_without_territories() {
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["features"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["properties"]["kind"] != "territory");
    let map = BorderMap::from_geojson_str(&doc.to_string()).unwrap();
    assert_eq!(map.territories().len(), 0);
    // seg-a runs east along the equator (left NOR = north), seg-b north along
    // 11° E (left NOR = west). The corner at (11, 0) turns left, so NOR's
    // side is the quarter north-west of it and SOU's the other three quarters.
    let cases = [
        ((10.5, 0.3), "NOR"),
        ((10.5, -0.3), "SOU"),
        ((11.3, 0.5), "SOU"),
        ((10.7, 0.5), "NOR"),
        // Nearest to the corner vertex itself.
        ((11.2, -0.2), "SOU"),
        ((11.01, -0.3), "SOU"),
        ((10.99, 0.002), "NOR"),
        // Beyond the ends of the open line: the end edge's sides, extended.
        ((9.5, 0.1), "NOR"),
        ((9.5, -0.1), "SOU"),
        ((10.9, 1.5), "NOR"),
        ((11.1, 1.5), "SOU"),
    ];
    for ((lon, lat), want) in cases {
        let d = map.distance_to_border(Coord { x: lon, y: lat }).unwrap();
        assert_eq!(d.side.map(|p| p.as_str()), Some(want), "({lon}, {lat})");
    }
}

#[test]
fn nearby_queries() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    // (10.9, 0.5) is 11131.5 m from seg-b and 55287.2 m from seg-a.
    let p = Coord { x: 10.9, y: 0.5 };
    let near = map.segments_within(p, 20_000.0).unwrap();
    assert_eq!(near.len(), 1);
    assert_eq!(near[0].0.id().to_string(), "seg-b");
    let both = map.segments_within(p, 60_000.0).unwrap();
    let ids: Vec<String> = both.iter().map(|(s, _)| s.id().to_string()).collect();
    assert_eq!(ids, ["seg-b", "seg-a"]);
    assert!((both[1].1 - 55_287.152_003_450_48).abs() < 1e-6);

    // Outposts: post-1 (10.25, 0), post-2 (10.75, 0), post-3 (10.9, 0.5).
    let k = map.nearest_outposts(Coord { x: 10.7, y: 0.0 }, 2).unwrap();
    let ids: Vec<String> = k.iter().map(|(o, _)| o.id().to_string()).collect();
    // post-1 is 0.45° of equator away (50.1 km), post-3 about 59.6 km.
    assert_eq!(ids, ["post-2", "post-1"]);
    // 0.05° and 0.45° of the equator: a·π/180 · Δλ.
    assert!((k[0].1 - 5_565.974_539_663_678).abs() < 1e-6, "{}", k[0].1);
    assert!((k[1].1 - 50_093.770_856_973_11).abs() < 1e-6, "{}", k[1].1);

    let on_border = map.outposts_within(1.0).unwrap();
    let ids: Vec<String> = on_border.iter().map(|(o, _)| o.id().to_string()).collect();
    assert_eq!(ids, ["post-1", "post-2"]);
}

#[test]
fn bad_query_points_are_errors() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    for (lon, lat) in [
        (f64::NAN, 0.0),
        (0.0, 90.5),
        (-180.5, 0.0),
        (f64::INFINITY, 1.0),
    ] {
        assert!(map.distance_to_border(Coord { x: lon, y: lat }).is_err());
    }
    let err = map
        .distances_to_border(&[Coord { x: 0.0, y: 0.0 }, Coord { x: 0.0, y: 91.0 }])
        .unwrap_err();
    assert!(
        err.to_string().starts_with("query 1: point (0, 91)"),
        "{err}"
    );
    let empty =
        BorderMap::from_geojson_str(r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    assert!(matches!(
        empty.distance_to_border(Coord { x: 0.0, y: 0.0 }),
        Err(demarcate::Error::NoBorder)
    ));
}

fn brute_force(map: &BorderMap, p: Coord<f64>) -> f64 {
    map.segments()
        .flat_map(|s| s.lines().iter())
        .flat_map(|l| l.0.windows(2))
        .map(|w| GeodesicEdge::new(w[0], w[1]).nearest(p).distance_m)
        .fold(f64::INFINITY, f64::min)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The index never misses the nearest edge, near or far from the border.
    #[test]
    fn index_equals_brute_force(lon in 40.0f64..52.0, lat in 35.0f64..45.0) {
        let map = seed_map();
        let p = Coord { x: lon, y: lat };
        let d = map.distance_to_border(p).unwrap().distance_m;
        prop_assert_eq!(d, brute_force(map, p));
    }

    /// The same on a winding border of short edges, where the nearest point
    /// is mostly a vertex.
    #[test]
    fn winding_index_equals_brute_force(lon in 43.8f64..44.5, lat in 39.0f64..41.0) {
        let map = winding_map();
        let p = Coord { x: lon, y: lat };
        let d = map.distance_to_border(p).unwrap().distance_m;
        prop_assert_eq!(d, brute_force(map, p));
    }

    /// Every vertex of the border is at distance 0.
    #[test]
    fn vertices_are_on_the_border(seg in 0usize..17, at in 0.0f64..1.0) {
        let map = seed_map();
        let s = map.segment_at(seg).unwrap();
        let line = &s.lines()[0];
        let v = line.0[((line.0.len() - 1) as f64 * at) as usize];
        let d = map.distance_to_border(v).unwrap();
        prop_assert!(d.distance_m == 0.0, "{}", d.distance_m);
        prop_assert!(d.side.is_none());
    }
}

/// A border of one zigzag line, (0, 0) (1, 1) (2, 0) (3, 1), left NOR.
fn zigzag_map() -> BorderMap {
    BorderMap::from_geojson_str(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"zz",
        "properties":{"kind":"border_segment","status":"disputed","left":"NOR","right":"SOU"},
        "geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,0],[3,1]]}}]}"#,
    )
    .unwrap()
}

/// Points nearest to an interior vertex: the distance is the geodesic to
/// that vertex (the edges on both sides turn away from the point by more
/// than 90°), and the side is the sector's.
#[test]
fn nearest_at_an_interior_vertex() {
    let map = zigzag_map();
    for ((lon, lat), vertex, side) in [
        ((1.0, 1.5), (1.0, 1.0), "NOR"),
        ((1.1, 1.8), (1.0, 1.0), "NOR"),
        ((2.0, -0.5), (2.0, 0.0), "SOU"),
        ((1.9, -1.0), (2.0, 0.0), "SOU"),
    ] {
        let d = map.distance_to_border(Coord { x: lon, y: lat }).unwrap();
        let want = geodesic_m((lon, lat), vertex);
        assert!(
            (d.distance_m - want).abs() < 1e-6,
            "({lon}, {lat}): {} vs {want}",
            d.distance_m
        );
        assert_eq!((d.nearest.x, d.nearest.y), vertex);
        assert_eq!(d.side.map(|p| p.as_str()), Some(side), "({lon}, {lat})");
    }
}

/// A winding border of short edges, as in the benchmarks: far points are
/// mostly nearest to a vertex.
fn winding_map() -> &'static BorderMap {
    static MAP: std::sync::OnceLock<BorderMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let (mut lat, mut heading) = (40.0f64, 0.0f64);
        let mut coords = Vec::new();
        for i in 0..600 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            heading = (heading + 0.6 * u - 0.3 - (lat - 40.0) * 50.0).clamp(-1.2, 1.2);
            lat += 0.0005 * heading.tan();
            coords.push(format!("[{},{lat}]", 44.0 + 0.0005 * i as f64));
        }
        // Two segments sharing a vertex.
        let feature = |id: &str, c: &[String]| {
            format!(
                r#"{{"type":"Feature","id":"{id}","properties":{{"kind":"border_segment","status":"disputed","left":"NOR","right":"SOU"}},"geometry":{{"type":"LineString","coordinates":[{}]}}}}"#,
                c.join(",")
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            feature("w1", &coords[..300]),
            feature("w2", &coords[299..])
        );
        BorderMap::from_geojson_str(&text).unwrap()
    })
}

fn seed_map() -> &'static BorderMap {
    static MAP: std::sync::OnceLock<BorderMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| BorderMap::from_path(seed_path()).unwrap())
}

#[test]
fn features_of_a_kind_near_the_border() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    // zone-1 straddles seg-a, zone-2 lies along it: both touch (distance 0).
    let zones = map
        .features_within(demarcate::Kind::IncursionZone, 1.0)
        .unwrap();
    let ids: Vec<String> = zones
        .iter()
        .map(|(f, _)| f.id.clone().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["zone-1", "zone-2"]);
    assert!(zones.iter().all(|(_, d)| *d == 0.0));
    // post-3 (10.9, 0.5) is 11131.528045775485 m from seg-b (data/README.md).
    let posts = map
        .features_within(demarcate::Kind::Outpost, 12_000.0)
        .unwrap();
    let d3 = posts
        .iter()
        .find(|(f, _)| f.id == Some("post-3".into()))
        .map(|(_, d)| *d)
        .unwrap();
    assert!((d3 - 11_131.528_045_775_485).abs() < 1e-6);
    assert_eq!(
        map.features_within(demarcate::Kind::Outpost, 11_000.0)
            .unwrap()
            .len(),
        2
    );
}

/// A line parallel to the equator border, 0.1° north over lon 10.2..10.8, is
/// the meridian arc 0°→0.1° (GeographicLib: 11057.427694902271 m) away at its
/// vertices; its geodesic edges bulge slightly poleward, so the vertices are
/// the nearest points.
#[test]
fn a_line_feature_near_the_border() {
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["features"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "type": "Feature", "id": "track",
            "properties": {"kind": "claim_line", "claimant": "NOR"},
            "geometry": {"type": "LineString", "coordinates": [[10.2, 0.1], [10.8, 0.1]]}
        }));
    let map = BorderMap::from_geojson_str(&doc.to_string()).unwrap();
    let near = map
        .features_within(demarcate::Kind::ClaimLine, 20_000.0)
        .unwrap();
    let track = near
        .iter()
        .find(|(f, _)| f.id == Some("track".into()))
        .unwrap();
    assert!(
        (track.1 - 11_057.427_694_902_271).abs() < 1e-6,
        "{}",
        track.1
    );
}
