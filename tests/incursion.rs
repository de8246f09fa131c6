//! Incursion zones and their overlaps against reference values: the
//! hand-checkable dataset (`data/README.md`), a U-shaped border built here,
//! and the seed dataset against `tests/reference/incursion_seed.json`
//! (independent shapely + GeographicLib computation, see
//! `tests/reference/README.md`).

use demarcate::analysis::{IncursionOptions, SideMethod};
use demarcate::{BorderMap, FeatureId};
use geo_types::{Coord, polygon};
use serde_json::Value;

use super::common::{geodesic_m, hand_path, seed_path};

/// The accuracy contract for areas: 1e-6 relative or 1 m², the larger.
fn area_ok(got: f64, want: f64) -> bool {
    (got - want).abs() <= (1e-6 * want.abs()).max(1.0)
}

fn id(s: &str) -> FeatureId {
    FeatureId::String(s.to_owned())
}

// data/README.md, "Zones" (GeographicLib 2.1).
const ZONE1_AREA: f64 = 492_363_143.204_124_15;
const ZONE1_NOR: f64 = 246_181_571.602_062_08;
const ZONE1_DEPTH: f64 = 11_057.444_649_817_702;
const ZONE2_AREA: f64 = 492_362_413.368_420_8;
const ZONE2_DEPTH: f64 = 22_114.889_975_885_246;
const ZONE_BORDER: f64 = 22_263.898_158_654_716;
const OVERLAP_12: f64 = 123_090_785.801_029_9;

#[test]
fn hand_checkable_zones() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    let z1 = map.incursion_by_id(&id("zone-1")).unwrap();
    let z2 = map.incursion_by_id(&id("zone-2")).unwrap();
    assert_eq!(z1.side_method, SideMethod::Territories);

    assert!(area_ok(z1.area_m2, ZONE1_AREA), "{}", z1.area_m2);
    assert!(
        area_ok(z1.incursion_area_m2, ZONE1_NOR),
        "{}",
        z1.incursion_area_m2
    );
    assert!(area_ok(z2.area_m2, ZONE2_AREA), "{}", z2.area_m2);
    assert!(
        area_ok(z2.incursion_area_m2, ZONE2_AREA),
        "{}",
        z2.incursion_area_m2
    );
    // The measured densified-clipping error the docs state (well under 1 m²).
    assert!((z1.incursion_area_m2 - ZONE1_NOR).abs() < 1e-3);
    assert!((z2.incursion_area_m2 - ZONE2_AREA).abs() < 1e-3);

    assert!(
        (z1.max_depth_m - ZONE1_DEPTH).abs() < 1.0,
        "{}",
        z1.max_depth_m
    );
    assert!(
        (z2.max_depth_m - ZONE2_DEPTH).abs() < 1.0,
        "{}",
        z2.max_depth_m
    );
    assert!(z1.max_depth_bound_m >= ZONE1_DEPTH && z1.max_depth_bound_m < ZONE1_DEPTH + 1.0);
    // zone-1 is deepest along its northern edge (flat to 1.7 cm along it).
    let p = z1.deepest_point.unwrap();
    assert!(
        (p.y - 0.1).abs() < 1e-6 && (10.2..=10.4).contains(&p.x),
        "{p:?}"
    );
    let p = z2.deepest_point.unwrap();
    assert!(
        (p.y - 0.2).abs() < 1e-6 && (10.3..=10.5).contains(&p.x),
        "{p:?}"
    );

    // Border crossing zone-1, and along zone-2's southern edge.
    assert!((z1.border_length_m - ZONE_BORDER).abs() < 1.0);
    assert!((z2.border_length_m - ZONE_BORDER).abs() < 1.0);
    assert!((z1.border_length_m - ZONE_BORDER).abs() < 1e-6);
}

#[test]
fn hand_checkable_overlap() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    let overlaps = map.overlaps().unwrap();
    assert_eq!(overlaps.len(), 1);
    let o = &overlaps[0];
    assert_eq!(o.a.id(), &id("zone-1"));
    assert_eq!(o.b.id(), &id("zone-2"));
    assert!(area_ok(o.area_m2, OVERLAP_12), "{}", o.area_m2);
    assert!((o.area_m2 - OVERLAP_12).abs() < 1e-3, "{}", o.area_m2);
    // Its geometry is the quadrilateral (10.3,0) (10.4,0) (10.4,0.1) (10.3,0.1).
    let (mut lo, mut hi): (Coord<f64>, Coord<f64>) =
        (Coord { x: 99.0, y: 99.0 }, Coord { x: -99.0, y: -99.0 });
    for c in o.geometry.0.iter().flat_map(|p| p.exterior().0.iter()) {
        lo = Coord {
            x: lo.x.min(c.x),
            y: lo.y.min(c.y),
        };
        hi = Coord {
            x: hi.x.max(c.x),
            y: hi.y.max(c.y),
        };
    }
    assert!((lo.x - 10.3).abs() < 1e-12 && (hi.x - 10.4).abs() < 1e-12);
    assert!(lo.y.abs() < 1e-12 && (hi.y - 0.100_000_153_335_075_35).abs() < 1e-9);

    // Zones against a query polygon: the territory of NOR (10..11, 0..1).
    let nor = polygon![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0), (x: 11.0, y: 1.0), (x: 10.0, y: 1.0)];
    let hits = map.zones_overlapping(&nor).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(area_ok(hits[0].area_m2, ZONE1_NOR));
    assert!(area_ok(hits[1].area_m2, ZONE2_AREA));
    // South of the equator only zone-1 overlaps; zone-2 merely touches it.
    let sou =
        polygon![(x: 10.0, y: -1.0), (x: 11.0, y: -1.0), (x: 11.0, y: 0.0), (x: 10.0, y: 0.0)];
    let hits = map.zones_overlapping(&sou).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(area_ok(hits[0].area_m2, ZONE1_AREA - ZONE1_NOR));
    assert!(
        map.zones_overlapping(&polygon![(x: 200.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)])
            .is_err()
    );
}

/// The hand-checkable dataset without its territory features.
fn hand_without_territories() -> BorderMap {
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(hand_path()).unwrap()).unwrap();
    let features = json["features"].as_array_mut().unwrap();
    let before = features.len();
    features.retain(|f| f["properties"]["kind"] != "territory");
    assert_eq!(features.len(), before - 2);
    BorderMap::from_geojson_str(&json.to_string()).unwrap()
}

#[test]
fn no_territory_mode_splits_along_the_border() {
    let with = BorderMap::from_path(hand_path()).unwrap();
    let without = hand_without_territories();
    assert_eq!(without.territories().len(), 0);
    let a = with.incursions().unwrap();
    let b = without.incursions().unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(y.side_method, SideMethod::BorderSplit);
        assert!(
            area_ok(y.incursion_area_m2, x.incursion_area_m2),
            "{}: {} vs {}",
            x.zone.id(),
            y.incursion_area_m2,
            x.incursion_area_m2
        );
        assert!((y.max_depth_m - x.max_depth_m).abs() < 1.0);
        assert!((y.border_length_m - x.border_length_m).abs() < 1e-6);
    }
    // And against the hand values directly.
    assert!(
        area_ok(b[0].incursion_area_m2, ZONE1_NOR),
        "{}",
        b[0].incursion_area_m2
    );
    assert!(
        area_ok(b[1].incursion_area_m2, ZONE2_AREA),
        "{}",
        b[1].incursion_area_m2
    );
    assert!((b[0].max_depth_m - ZONE1_DEPTH).abs() < 1.0);
}

#[test]
fn no_territory_mode_for_the_accused_side() {
    // Swap claimant and accused: SOU's side of zone-1 is its southern half,
    // of zone-2 nothing.
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(hand_path()).unwrap()).unwrap();
    let features = json["features"].as_array_mut().unwrap();
    features.retain(|f| f["properties"]["kind"] != "territory");
    for f in features.iter_mut() {
        if f["properties"]["kind"] == "incursion_zone" {
            f["properties"]["claimant"] = "SOU".into();
            f["properties"]["accused"] = "NOR".into();
        }
    }
    let map = BorderMap::from_geojson_str(&json.to_string()).unwrap();
    let r = map.incursions().unwrap();
    assert!(
        area_ok(r[0].incursion_area_m2, ZONE1_AREA - ZONE1_NOR),
        "{}",
        r[0].incursion_area_m2
    );
    // zone-1's southern edge is symmetric to its northern one.
    assert!((r[0].max_depth_m - ZONE1_DEPTH).abs() < 1.0);
    assert!(r[1].incursion_area_m2 < 1.0, "{}", r[1].incursion_area_m2);
    assert_eq!(r[1].max_depth_m, 0.0);
    assert!(r[1].deepest_point.is_none());
}

fn seed_reference() -> Value {
    serde_json::from_str(include_str!("reference/incursion_seed.json")).unwrap()
}

/// A U-shaped border, (10.1, 0.6) → (10, 0) → (10.4, 0) → (10.3, 0.6), legs
/// leaning inwards, with the party INS inside (on its left), and a zone well
/// inside the U. The farthest point from the border is inside the zone,
/// where the distances to the bottom and to the side legs are equal — not a
/// vertex, not on the zone's outline.
const U_SHAPE: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "u", "properties": {"kind": "border_segment",
   "left": "INS", "right": "OUT", "status": "disputed"},
   "geometry": {"type": "LineString",
                "coordinates": [[10.1, 0.6], [10.0, 0.0], [10.4, 0.0], [10.3, 0.6]]}},
  {"type": "Feature", "id": "cup", "properties": {"kind": "incursion_zone",
   "claimant": "INS", "accused": "OUT"},
   "geometry": {"type": "Polygon", "coordinates":
     [[[10.1, 0.1], [10.3, 0.1], [10.3, 0.3], [10.1, 0.3], [10.1, 0.1]]]}}]}"#;

#[test]
fn u_shaped_border_deepest_point_is_interior() {
    let reference = &seed_reference()["u_shape"];
    // The reference solved this very geometry.
    let text: Value = serde_json::from_str(U_SHAPE).unwrap();
    assert_eq!(
        text["features"][0]["geometry"]["coordinates"],
        reference["border"]
    );
    assert_eq!(
        text["features"][1]["geometry"]["coordinates"][0],
        reference["zone"]
    );
    let want = reference["max_depth_m"].as_f64().unwrap();
    let at = Coord {
        x: reference["deepest"][0].as_f64().unwrap(),
        y: reference["deepest"][1].as_f64().unwrap(),
    };
    // Sanity of the reference by hand: the bottom leg is the equator, so the
    // depth is the meridian arc from the deepest point down to it.
    assert!((geodesic_m((at.x, at.y), (at.x, 0.0)) - want).abs() < 1e-6);

    let map = BorderMap::from_geojson_str(U_SHAPE).unwrap();
    let r = map.incursion_by_id(&id("cup")).unwrap();
    assert_eq!(r.side_method, SideMethod::BorderSplit);
    assert!(area_ok(r.incursion_area_m2, r.area_m2));
    assert!(
        (r.max_depth_m - want).abs() < 1.0,
        "{} vs {want}",
        r.max_depth_m
    );
    assert!(r.max_depth_bound_m >= want);
    let p = r.deepest_point.unwrap();
    // Within a few metres of the triple point, ~7 km from the zone's outline.
    assert!(
        geodesic_m((p.x, p.y), (at.x, at.y)) < 10.0,
        "{p:?} vs {at:?}"
    );
    // Every vertex of the zone is much shallower: the maximum is not a vertex.
    for v in [(10.1, 0.1), (10.3, 0.1), (10.3, 0.3), (10.1, 0.3)] {
        let d = map.distance_to_border(Coord { x: v.0, y: v.1 }).unwrap();
        assert!(d.distance_m < want - 1_000.0);
    }
    // A finer tolerance gets closer.
    let fine = map
        .incursion_with(&r.zone, &IncursionOptions::new().depth_tolerance_m(0.01))
        .unwrap();
    assert!(
        (fine.max_depth_m - want).abs() < 0.02,
        "{}",
        fine.max_depth_m
    );
}

#[test]
fn seed_matches_the_independent_reference() {
    let reference = seed_reference();
    let map = BorderMap::from_path(seed_path()).unwrap();
    let reports = map.incursions().unwrap();
    let zones = reference["zones"].as_array().unwrap();
    assert_eq!(reports.len(), zones.len());
    for (r, z) in reports.iter().zip(zones) {
        let name = r.zone.id().to_string();
        assert_eq!(name, z["id"].as_str().unwrap());
        let f = |k: &str| z[k].as_f64().unwrap();
        assert!(
            area_ok(r.area_m2, f("area_m2")),
            "{name} area {}",
            r.area_m2
        );
        assert!(
            area_ok(r.incursion_area_m2, f("incursion_area_m2")),
            "{name} incursion area {} vs {}",
            r.incursion_area_m2,
            f("incursion_area_m2")
        );
        // Measured: within 0.05 m² (see tests/reference/README.md).
        assert!(
            (r.incursion_area_m2 - f("incursion_area_m2")).abs() < 0.05,
            "{name}"
        );
        assert!(
            (r.max_depth_m - f("max_depth_m")).abs() < 1.0,
            "{name} depth {} vs {}",
            r.max_depth_m,
            f("max_depth_m")
        );
        assert!(
            (r.border_length_m - f("border_length_m")).abs() < 1.0,
            "{name} border {} vs {}",
            r.border_length_m,
            f("border_length_m")
        );
        assert!(r.incursion_area_m2 > 0.5 * r.area_m2 && r.incursion_area_m2 < r.area_m2);
    }
    let overlaps = map.overlaps().unwrap();
    let want = reference["overlaps"].as_array().unwrap();
    assert_eq!(overlaps.len(), want.len());
    for (o, w) in overlaps.iter().zip(want) {
        assert_eq!(o.a.id().to_string(), w["a"].as_str().unwrap());
        assert_eq!(o.b.id().to_string(), w["b"].as_str().unwrap());
        let a = w["area_m2"].as_f64().unwrap();
        assert!(area_ok(o.area_m2, a), "{} vs {a}", o.area_m2);
    }
}

#[test]
fn a_finer_step_changes_nothing_that_matters() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let coarse = map.incursions().unwrap();
    let fine = map
        .incursions_with(&IncursionOptions::new().densify_step_m(25.0))
        .unwrap();
    for (c, f) in coarse.iter().zip(&fine) {
        assert!((c.incursion_area_m2 - f.incursion_area_m2).abs() < 0.1);
        assert!((c.border_length_m - f.border_length_m).abs() < 1e-2);
    }
    let err = map.incursions_with(&IncursionOptions::new().densify_step_m(-1.0));
    assert!(err.is_err());
}

/// Zones made of a feature collection string with one border segment.
fn with_zone(zone_geometry: &str) -> BorderMap {
    BorderMap::from_geojson_str(&format!(
        r#"{{"type": "FeatureCollection", "features": [
  {{"type": "Feature", "id": "s", "properties": {{"kind": "border_segment",
   "left": "NOR", "right": "SOU", "status": "disputed"}},
   "geometry": {{"type": "LineString", "coordinates": [[10.0, 0.0], [11.0, 0.0]]}}}},
  {{"type": "Feature", "id": "z", "properties": {{"kind": "incursion_zone",
   "claimant": "NOR", "accused": "SOU"}}, "geometry": {zone_geometry}}}]}}"#
    ))
    .unwrap()
}

#[test]
fn zones_with_holes_and_several_parts() {
    // A square straddling the border with a hole north of it, and a second
    // part wholly north.
    let map = with_zone(
        r#"{"type": "MultiPolygon", "coordinates": [
        [[[10.2, -0.1], [10.4, -0.1], [10.4, 0.1], [10.2, 0.1], [10.2, -0.1]],
         [[10.25, 0.02], [10.35, 0.02], [10.35, 0.08], [10.25, 0.08], [10.25, 0.02]]],
        [[[10.6, 0.05], [10.7, 0.05], [10.7, 0.15], [10.6, 0.15], [10.6, 0.05]]]]}"#,
    );
    let r = map.incursion_by_id(&id("z")).unwrap();
    // Expected from GeographicLib-exact polygon areas of the pieces
    // (computed here with geographiclib-rs directly, not the crate).
    let ring_area = |pts: &[(f64, f64)]| {
        use geographiclib_rs::{Geodesic, PolygonArea, Winding};
        let g = Geodesic::wgs84();
        let mut pa = PolygonArea::new(&g, Winding::CounterClockwise);
        for (lon, lat) in pts {
            pa.add_point(*lat, *lon);
        }
        pa.compute(true).1.abs()
    };
    let north_half = ring_area(&[(10.2, 0.0), (10.4, 0.0), (10.4, 0.1), (10.2, 0.1)]);
    let hole = ring_area(&[(10.25, 0.02), (10.35, 0.02), (10.35, 0.08), (10.25, 0.08)]);
    let second = ring_area(&[(10.6, 0.05), (10.7, 0.05), (10.7, 0.15), (10.6, 0.15)]);
    let want = north_half - hole + second;
    assert!(
        area_ok(r.incursion_area_m2, want),
        "{} vs {want}",
        r.incursion_area_m2
    );
    // The deepest point is the far corner of the second part, 0.15° north
    // (its northern edge bulges: the middle of it is a little deeper).
    let corner = geodesic_m((10.6, 0.15), (10.6, 0.0));
    assert!(r.max_depth_m >= corner - 1.0 && r.max_depth_m < corner + 1.0);
    assert!((r.border_length_m - 22_263.898_158_654_716).abs() < 1e-3);
}

#[test]
fn degenerate_and_outside_zones_do_not_panic() {
    // A zero-area ring (collinear along a meridian, which is a geodesic):
    // loaded, and nothing of it counts.
    let flat = BorderMap::from_geojson_str(
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "s", "properties": {"kind": "border_segment",
   "left": "NOR", "right": "SOU", "status": "disputed"},
   "geometry": {"type": "LineString", "coordinates": [[10.0, 0.0], [11.0, 0.0]]}},
  {"type": "Feature", "id": "z", "properties": {"kind": "incursion_zone",
   "claimant": "NOR", "accused": "SOU"}, "geometry": {"type": "Polygon",
   "coordinates": [[[10.2, 0.1], [10.2, 0.2], [10.2, 0.3], [10.2, 0.1]]]}}]}"#,
    )
    .unwrap();
    let r = flat.incursion_by_id(&id("z")).unwrap();
    assert!(r.area_m2.abs() < 1.0, "{}", r.area_m2);
    assert_eq!(r.incursion_area_m2, 0.0);
    assert_eq!(r.max_depth_m, 0.0);
    assert!(r.deepest_point.is_none());
    // A zone across the antimeridian is clipped in its own plane: zone-2's
    // box turned about the polar axis, far from the border and from every
    // territory, keeps zone-2's area and has no claimant's side.
    let across = std::fs::read_to_string(hand_path()).unwrap().replace(
        "[[[10.3,0.0],[10.5,0.0],[10.5,0.2],[10.3,0.2],[10.3,0.0]]]",
        "[[[179.9,0.0],[-179.9,0.0],[-179.9,0.2],[179.9,0.2],[179.9,0.0]]]",
    );
    let map = BorderMap::from_geojson_str(&across).unwrap();
    let r = map.incursion_by_id(&id("zone-2")).unwrap();
    assert!((r.area_m2 - ZONE2_AREA).abs() < 1.0, "{}", r.area_m2);
    assert_eq!(r.incursion_area_m2, 0.0);
    assert_eq!(r.border_length_m, 0.0);
    assert!(map.incursion_by_id(&id("zone-1")).is_ok());
    assert!(map.overlaps().unwrap().is_empty());
    // A zone outside every territory: no claimant side at all.
    let hand = std::fs::read_to_string(hand_path()).unwrap();
    let far = hand.replace(
        "[[[10.3,0.0],[10.5,0.0],[10.5,0.2],[10.3,0.2],[10.3,0.0]]]",
        "[[[20.3,5.0],[20.5,5.0],[20.5,5.2],[20.3,5.2],[20.3,5.0]]]",
    );
    assert_ne!(far, hand);
    let map = BorderMap::from_geojson_str(&far).unwrap();
    let r = map.incursion_by_id(&id("zone-2")).unwrap();
    assert_eq!(r.incursion_area_m2, 0.0);
    assert!(r.claimant_side.0.is_empty());
    assert_eq!(r.max_depth_m, 0.0);
    assert_eq!(r.border_length_m, 0.0);
    assert!(r.area_m2 > 4e8);
    // ... and it overlaps nothing.
    assert!(map.overlaps().unwrap().is_empty());
    // No border at all.
    let none = BorderMap::from_geojson_str(
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "z", "properties": {"kind": "incursion_zone",
   "claimant": "NOR", "accused": "SOU"}, "geometry": {"type": "Polygon",
   "coordinates": [[[10.2, 0.1], [10.3, 0.1], [10.3, 0.2], [10.2, 0.1]]]}}]}"#,
    )
    .unwrap();
    assert!(none.incursions().is_err());
    assert!(matches!(
        map.incursion_by_id(&id("nope")),
        Err(demarcate::Error::UnknownFeature { .. })
    ));
}

#[test]
fn seed_without_territories_agrees_with_territories() {
    // Natural Earth's territories and border lines share their vertices, so
    // splitting the zones along the border must give the same claimant sides.
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(seed_path()).unwrap()).unwrap();
    let features = json["features"].as_array_mut().unwrap();
    features.retain(|f| f["properties"]["kind"] != "territory");
    let split = BorderMap::from_geojson_str(&json.to_string()).unwrap();
    let with = BorderMap::from_path(seed_path()).unwrap();
    for (a, b) in with
        .incursions()
        .unwrap()
        .iter()
        .zip(&split.incursions().unwrap())
    {
        assert_eq!(b.side_method, SideMethod::BorderSplit);
        assert!(
            area_ok(b.incursion_area_m2, a.incursion_area_m2),
            "{}: {} vs {}",
            a.zone.id(),
            b.incursion_area_m2,
            a.incursion_area_m2
        );
        assert!((a.max_depth_m - b.max_depth_m).abs() < 1.0);
    }
}

/// A zone the analysis cannot handle is an error for that zone in the
/// report; the other zones and the rest of the report stand.
#[test]
fn report_keeps_going_past_a_zone_it_cannot_handle() {
    let text = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"NOR","right":"SOU","status":"delimited"},
  "geometry":{"type":"LineString","coordinates":[[10.0,0.0],[11.0,0.0]]}},
 {"type":"Feature","id":"small","properties":{"kind":"incursion_zone","claimant":"SOU","accused":"NOR"},
  "geometry":{"type":"Polygon","coordinates":[[[10.4,-0.02],[10.5,-0.02],[10.5,0.01],[10.4,0.01],[10.4,-0.02]]]}},
 {"type":"Feature","id":"huge","properties":{"kind":"incursion_zone","claimant":"SOU","accused":"NOR"},
  "geometry":{"type":"Polygon","coordinates":[[[-40.0,-30.0],[60.0,-30.0],[60.0,30.0],[-40.0,30.0],[-40.0,-30.0]]]}}
]}"#;
    let map = demarcate::BorderMap::from_geojson_str(text).unwrap();
    let alone = map
        .incursion_by_id(&demarcate::FeatureId::from("small"))
        .unwrap();
    assert!(
        map.incursion_by_id(&demarcate::FeatureId::from("huge"))
            .is_err()
    );
    let report = map
        .report(&demarcate::analysis::ReportOptions::new())
        .unwrap();
    assert_eq!(report.incursions.len(), 1);
    assert_eq!(report.incursions[0].zone.id().to_string(), "small");
    assert_eq!(
        report.incursions[0].incursion_area_m2,
        alone.incursion_area_m2
    );
    assert_eq!(report.zone_errors[0].zone.id().to_string(), "huge");
    assert!(report.zone_errors[0].other.is_none());
    assert!(matches!(
        *report.zone_errors[0].error,
        demarcate::Error::TooLarge { .. }
    ));
    let json = report.to_json();
    let huge = json["incursions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["id"] == "huge")
        .unwrap();
    assert!(huge["area_m2"].is_null());
    assert!(
        huge["error"].as_str().unwrap().contains("zone huge"),
        "{huge}"
    );
    // their overlap could not be clipped either: an error for that pair
    assert!(report.overlaps.is_empty());
    assert_eq!(report.zone_errors.len(), 2);
    let pair = &report.zone_errors[1];
    assert_eq!(
        pair.other.map(|z| z.id().to_string()).as_deref(),
        Some("huge")
    );
    assert!(
        json["overlaps"][0]["error"]
            .as_str()
            .unwrap()
            .contains("zones small and huge")
    );
    let md = report.to_markdown();
    assert!(md.contains("| huge |"), "{md}");
    assert!(md.contains("| small | huge | not computed"), "{md}");
}
