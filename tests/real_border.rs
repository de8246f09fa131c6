//! A big real case: Canada and the United States from Natural Earth 1:10m
//! (`data/canada-usa.geojson`, by `data/scripts/build_pair.py`): two full
//! territories of 68,080 and 35,920 vertices (Natural Earth's self-crossing coasts repaired by the script; see its `repairs` member) and their 1,171-vertex common
//! border, 5,763 km long in its main line with edges up to 24 km (along the
//! 49th parallel a geodesic and its lon/lat chord part by metres there).

use demarcate::BorderMap;
use geo_types::Coord;
use proptest::prelude::*;
use std::sync::OnceLock;

use crate::common::root;

fn path() -> std::path::PathBuf {
    root("data/canada-usa.geojson")
}

fn with_territories() -> &'static BorderMap {
    static MAP: OnceLock<BorderMap> = OnceLock::new();
    MAP.get_or_init(|| BorderMap::from_path(path()).expect("valid"))
}

fn without_territories() -> &'static BorderMap {
    static MAP: OnceLock<BorderMap> = OnceLock::new();
    MAP.get_or_init(|| crate::common::without_territories(&path()))
}

/// Cities whose country nobody disputes (Windsor, Ontario lies south of
/// Detroit).
#[test]
fn cities_are_on_their_side() {
    let map = with_territories();
    assert_eq!(map.territories().len(), 2);
    for (name, lon, lat, party) in [
        ("Ottawa", -75.6972, 45.4215, "CAN"),
        ("Winnipeg", -97.1384, 49.8951, "CAN"),
        ("Windsor", -83.0364, 42.3149, "CAN"),
        ("Vancouver", -123.1207, 49.2827, "CAN"),
        ("Detroit", -83.0458, 42.3314, "USA"),
        ("Seattle", -122.3321, 47.6062, "USA"),
        ("Grand Forks", -97.0329, 47.9253, "USA"),
        ("Buffalo", -78.8784, 42.8864, "USA"),
    ] {
        let d = map.distance_to_border(Coord { x: lon, y: lat }).unwrap();
        assert_eq!(d.side.map(|p| p.as_str()), Some(party), "{name}");
        assert!(
            d.distance_m > 100.0 && d.distance_m < 200_000.0,
            "{name}: {}",
            d.distance_m
        );
    }
    // The report runs on the full territories.
    let report = map
        .report(&demarcate::analysis::ReportOptions::new())
        .unwrap();
    let lengths = &report.to_json()["status_lengths_m"];
    assert!(lengths.is_object(), "{lengths}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Within 50 m of the border, on edges of any length (the 49th-parallel
    /// ones included), the territory holding a point is the party the
    /// nearest segment puts it with.
    #[test]
    fn territory_agrees_with_segment_side(at in 0.0f64..1.0, t in 0.05f64..0.95, off in -50.0f64..50.0) {
        let with = with_territories();
        let without = without_territories();
        let p = crate::common::off_edge(&with.segment_at(0).unwrap().lines()[0], at, t, off);
        let by_segments = without.distance_to_border(p).unwrap();
        prop_assume!(by_segments.distance_m > 0.01);
        let by_territory = with.distance_to_border(p).unwrap();
        prop_assert_eq!(
            by_territory.side.map(|s| s.as_str()),
            by_segments.side.map(|s| s.as_str()),
            "{:?}, {} m from the border", p, by_segments.distance_m
        );
    }
}
