//! Segment lengths, status totals and claim-line divergence (area between the
//! claims, Hausdorff distance) against hand values and the independent
//! GeographicLib + shapely reference in `tests/reference/claims_*`.

use demarcate::analysis::{hausdorff, region_between};
use demarcate::geodesy::geodesic_area_m2;
use demarcate::{BorderMap, SegmentStatus};
use geo_types::{Coord, LineString};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{geodesic_m, hand_path, seed_path};

/// 1° of the equator, a·π/180 (a = 6 378 137 m).
const EQUATOR_DEGREE_M: f64 = 111_319.490_793_273_57;
/// WGS84 meridian arc 0° → 1° N (GeographicLib 2.1, data/README.md).
const MERIDIAN_DEGREE_M: f64 = 110_574.388_557_798_78;
/// Area between claim-a-NOR and claim-a-SOU (data/README.md, GeographicLib).
const HAND_AREA_M2: f64 = 923_184_606.224_9;

/// The accuracy contract for areas: 1e-6 relative or 1 m², whichever is larger.
fn area_close(got: f64, want: f64) -> bool {
    (got - want).abs() <= (1e-6 * want.abs()).max(1.0)
}

fn seed_reference() -> Value {
    serde_json::from_str(include_str!("reference/claims_seed.json")).unwrap()
}

fn hand_reference() -> Value {
    serde_json::from_str(include_str!("reference/claims_hand.json")).unwrap()
}

fn coord(v: &Value) -> Coord<f64> {
    Coord {
        x: v[0].as_f64().unwrap(),
        y: v[1].as_f64().unwrap(),
    }
}

#[test]
fn hand_segment_lengths_and_status_totals() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    let lengths = map.segment_lengths();
    assert_eq!(lengths.len(), 2);
    assert_eq!(lengths[0].segment.id().to_string(), "seg-a");
    assert!((lengths[0].length_m - EQUATOR_DEGREE_M).abs() < 1e-6);
    assert_eq!(lengths[1].segment.id().to_string(), "seg-b");
    assert!((lengths[1].length_m - MERIDIAN_DEGREE_M).abs() < 1e-6);

    let t = map.status_lengths();
    assert_eq!(t.get(SegmentStatus::Demarcated), 0.0);
    assert_eq!(t.get(SegmentStatus::Delimited), 0.0);
    assert!((t.get(SegmentStatus::Disputed) - EQUATOR_DEGREE_M).abs() < 1e-6);
    assert!((t.get(SegmentStatus::Undefined) - MERIDIAN_DEGREE_M).abs() < 1e-6);
    assert!((t.total_m() - 221_893.879_351_072_36).abs() < 1e-6);

    let json = serde_json::to_value(t).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        keys,
        ["demarcated", "delimited", "disputed", "undefined", "total"]
    );
}

#[test]
fn hand_area_and_hausdorff_between_claims() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    let all = map.claim_divergences().unwrap();
    assert_eq!(all.len(), 1);
    let d = &all[0];
    assert_eq!(d.segment.id().to_string(), "seg-a");
    assert_eq!(d.a.claimant().as_str(), "NOR");
    assert_eq!(d.b.claimant().as_str(), "SOU");
    assert_eq!(d.between.0.len(), 1);
    // the contract, and tighter: the polygon's vertices lie on its geodesics
    assert!(area_close(d.area_m2, HAND_AREA_M2), "{}", d.area_m2);
    assert!((d.area_m2 - HAND_AREA_M2).abs() < 0.01, "{}", d.area_m2);

    // Hand value: the meridian arc from the equator up to the middle of the
    // geodesic (10.25, 0.1)-(10.75, 0.1), GeographicLib (claims_hand.json).
    let hand = hand_reference();
    let want = hand["hand_hausdorff"]["meridian_arc_m"].as_f64().unwrap();
    assert!((want - 11_057.533_663_834_618).abs() < 1e-9);
    let h = &d.hausdorff;
    assert!(
        h.distance_m <= want + 1e-6 && want - h.distance_m <= 2e-3,
        "{} vs {want}",
        h.distance_m
    );
    assert!(
        h.upper_bound_m >= want - 1e-6 && h.upper_bound_m - h.distance_m <= 1e-3,
        "{h:?}"
    );
    // Where: the top of the bulge, around lon 10.5 (the distance is flat to a
    // millimetre over kilometres there, so the place is loose), one end on
    // the equator and the other on SOU's top edge.
    for p in [h.from, h.to] {
        assert!((p.x - 10.5).abs() < 0.05, "{p:?}");
    }
    let (on_equator, on_top) = if h.from_a {
        (h.from, h.to)
    } else {
        (h.to, h.from)
    };
    assert!(on_equator.y.abs() < 1e-12, "{on_equator:?}");
    assert!((on_top.y - 0.1).abs() < 1e-5, "{on_top:?}");
    assert!((geodesic_m((h.from.x, h.from.y), (h.to.x, h.to.y)) - h.distance_m).abs() < 1e-6);
}

#[test]
fn seed_lengths_match_reference_to_a_millimetre() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let r = seed_reference();
    let refs = r["segments"].as_array().unwrap();
    let lengths = map.segment_lengths();
    assert_eq!(lengths.len(), refs.len());
    assert_eq!(lengths.len(), 17);
    for (got, want) in lengths.iter().zip(refs) {
        assert_eq!(got.segment.id().to_string(), want["id"].as_str().unwrap());
        assert_eq!(
            got.segment.status().as_str(),
            want["status"].as_str().unwrap()
        );
        let w = want["length_m"].as_f64().unwrap();
        assert!(
            (got.length_m - w).abs() < 1e-3,
            "{}: {} vs {w}",
            want["id"],
            got.length_m
        );
        // and in fact to the micrometre: both sum the same inverse solutions
        assert!((got.length_m - w).abs() < 1e-6);
    }
    let t = map.status_lengths();
    let tr = &r["status_lengths_m"];
    for status in SegmentStatus::ALL {
        let w = tr[status.as_str()].as_f64().unwrap();
        assert!(
            (t.get(status) - w).abs() < 1e-3,
            "{status}: {} vs {w}",
            t.get(status)
        );
    }
    assert!((t.total_m() - tr["total"].as_f64().unwrap()).abs() < 1e-3);
    // the seed has disputed and undefined stretches only
    assert!(t.get(SegmentStatus::Disputed) > 80_000.0);
    assert_eq!(t.get(SegmentStatus::Demarcated), 0.0);
}

#[test]
fn seed_claims_match_reference() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let r = seed_reference();
    let refs = r["claims"].as_array().unwrap();
    let got = map.claim_divergences().unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got.len(), refs.len());
    for (d, w) in got.iter().zip(refs) {
        let seg = w["segment"].as_str().unwrap();
        assert_eq!(d.segment.id().to_string(), seg);
        assert_eq!(d.a.id().unwrap().to_string(), w["a"].as_str().unwrap());
        assert_eq!(d.b.id().unwrap().to_string(), w["b"].as_str().unwrap());

        let area = w["area_m2"].as_f64().unwrap();
        assert!(
            area_close(d.area_m2, area),
            "{seg}: {} vs {area}",
            d.area_m2
        );
        // tighter than the contract (see tests/reference/README.md): both
        // put the vertices on the geodesics, so only the crossings differ
        assert!(
            (d.area_m2 - area).abs() < 0.01,
            "{seg}: {} vs {area}",
            d.area_m2
        );
        assert_eq!(d.between.0.len() as u64, w["faces"].as_u64().unwrap());

        let h = w["hausdorff_m"].as_f64().unwrap();
        let got_h = d.hausdorff.distance_m;
        assert!((got_h - h).abs() < 1.0, "{seg}: {got_h} vs {h}");
        // and to the tolerance of both searches
        assert!((got_h - h).abs() < 2e-3, "{seg}: {got_h} vs {h}");
        assert!(d.hausdorff.upper_bound_m >= h - 1e-6, "{seg}");
        let on_a = w["hausdorff_on"].as_str().unwrap() == "a";
        assert_eq!(d.hausdorff.from_a, on_a, "{seg}");
        // the place, to a few metres (a maximum is flat, so loose)
        let (f, t) = (coord(&w["hausdorff_from"]), coord(&w["hausdorff_to"]));
        let df = geodesic_m((f.x, f.y), (d.hausdorff.from.x, d.hausdorff.from.y));
        let dt = geodesic_m((t.x, t.y), (d.hausdorff.to.x, d.hausdorff.to.y));
        assert!(df < 5.0 && dt < 5.0, "{seg}: from {df} m, to {dt} m apart");
    }
    // JSON for `demarcate report`
    let json = serde_json::to_value(&got).unwrap();
    assert_eq!(json[0]["segment"], "seg-04");
    assert_eq!(json[0]["a_claimant"], "ARM");
    assert_eq!(json[0]["b_claimant"], "AZE");
    assert!(json[1]["area_m2"].as_f64().unwrap() > 1e7);
    assert_eq!(json[1]["hausdorff_from"].as_array().unwrap().len(), 2);
}

const EDGE_CASES: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "s1", "properties": {"kind": "border_segment", "left": "X", "right": "Y", "status": "disputed"},
  "geometry": {"type": "LineString", "coordinates": [[20.0, 0.0], [20.0, 1.0]]}},
 {"type": "Feature", "id": "s2", "properties": {"kind": "border_segment", "left": "X", "right": "Y", "status": "disputed"},
  "geometry": {"type": "LineString", "coordinates": [[30.0, 0.0], [30.0, 1.0]]}},
 {"type": "Feature", "id": "s3", "properties": {"kind": "border_segment", "left": "X", "right": "Y", "status": "delimited"},
  "geometry": {"type": "LineString", "coordinates": [[40.0, 0.0], [40.0, 1.0]]}},
 {"type": "Feature", "id": "s4", "properties": {"kind": "border_segment", "left": "X", "right": "Y", "status": "undefined"},
  "geometry": {"type": "LineString", "coordinates": [[50.0, 0.0], [50.0, 1.0]]}},
 {"type": "Feature", "id": "c1", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s1"},
  "geometry": {"type": "LineString", "coordinates": [[20.0, 0.0], [20.0, 1.0]]}},
 {"type": "Feature", "id": "c2", "properties": {"kind": "claim_line", "claimant": "Y", "segment": "s1"},
  "geometry": {"type": "LineString", "coordinates": [[20.1, 1.0], [20.1, 0.0]]}},
 {"type": "Feature", "id": "free", "properties": {"kind": "claim_line", "claimant": "Z"},
  "geometry": {"type": "LineString", "coordinates": [[20.0, 0.0], [21.0, 1.0]]}},
 {"type": "Feature", "id": "lonely", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s2"},
  "geometry": {"type": "LineString", "coordinates": [[30.0, 0.0], [30.1, 1.0]]}},
 {"type": "Feature", "id": "same-1", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s3"},
  "geometry": {"type": "LineString", "coordinates": [[40.0, 0.0], [40.0, 1.0]]}},
 {"type": "Feature", "id": "same-2", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s3"},
  "geometry": {"type": "LineString", "coordinates": [[40.0, 0.0], [40.1, 1.0]]}},
 {"type": "Feature", "id": "twin-X", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s4"},
  "geometry": {"type": "LineString", "coordinates": [[50.0, 0.0], [50.05, 0.5], [50.0, 1.0]]}},
 {"type": "Feature", "id": "twin-Y", "properties": {"kind": "claim_line", "claimant": "Y", "segment": "s4"},
  "geometry": {"type": "LineString", "coordinates": [[50.0, 0.0], [50.05, 0.5], [50.0, 1.0]]}}
]}"#;

#[test]
fn edge_cases_do_not_panic_and_are_documented() {
    let map = BorderMap::from_geojson_str(EDGE_CASES).unwrap();
    let all = map.claim_divergences().unwrap();
    // s1: one pair; s2: a single claim; s3: one claimant; `free`: no segment
    let ids: Vec<String> = all.iter().map(|d| d.segment.id().to_string()).collect();
    assert_eq!(ids, ["s1", "s4"]);

    // Claims that do not share ends (and run opposite ways) are closed by
    // geodesic connectors: the quadrilateral (20,0) (20,1) (20.1,1) (20.1,0)
    // (GeographicLib 2.1 PolygonArea).
    let quad_m2 = 1_230_846_703.855_503_6;
    let s1 = &all[0];
    assert!(area_close(s1.area_m2, quad_m2), "{}", s1.area_m2);
    assert!((s1.area_m2 - quad_m2).abs() < 0.01, "{}", s1.area_m2);
    // The largest divergence: the ends (20,0)-(20.1,0) on the equator, 0.1°.
    let tenth = 0.1 * EQUATOR_DEGREE_M;
    assert!(
        (s1.hausdorff.distance_m - tenth).abs() < 1e-6,
        "{}",
        s1.hausdorff.distance_m
    );

    // Identical claims: nothing between them, no divergence.
    let s4 = &all[1];
    assert!(s4.between.0.is_empty());
    assert_eq!(s4.area_m2, 0.0);
    assert_eq!(s4.hausdorff.distance_m, 0.0);
    assert!(s4.hausdorff.upper_bound_m < 1e-5);
}

#[test]
fn multi_part_claims_are_joined_in_order() {
    // b is a with its middle vertex lifted by 0.1°, given as two parts that
    // share no vertex; a is one part. The gap between b's parts is bridged by
    // a geodesic, so the region is the triangle (10,0) (10.5,0.1) (11,0)
    // minus nothing: compare with the same b given as one part.
    let a = LineString::from(vec![(10.0, 0.0), (11.0, 0.0)]);
    let b_one = LineString::from(vec![(10.0, 0.0), (10.5, 0.1), (11.0, 0.0)]);
    let b_two = vec![
        LineString::from(vec![(10.0, 0.0), (10.25, 0.05)]),
        LineString::from(vec![(10.75, 0.05), (11.0, 0.0)]),
    ];
    let one: f64 = region_between(std::slice::from_ref(&a), &[b_one])
        .unwrap()
        .0
        .iter()
        .map(geodesic_area_m2)
        .sum();
    let two: f64 = region_between(std::slice::from_ref(&a), &b_two)
        .unwrap()
        .0
        .iter()
        .map(geodesic_area_m2)
        .sum();
    // b_two's bridge (10.25,0.05)-(10.75,0.05) cuts the triangle's tip off:
    // strictly less area, and positive.
    assert!(two > 0.0 && two < one, "{two} vs {one}");
    // the Hausdorff distance uses the parts as they are (no bridge): the
    // middle of the equator claim is farther from b_two than from b_one.
    let h1 = hausdorff(
        std::slice::from_ref(&a),
        &[LineString::from(vec![
            (10.0, 0.0),
            (10.5, 0.1),
            (11.0, 0.0),
        ])],
    )
    .unwrap();
    let h2 = hausdorff(std::slice::from_ref(&a), &b_two).unwrap();
    assert!(h2.distance_m > h1.distance_m);
}

fn line_of(v: &Value) -> LineString<f64> {
    LineString(v.as_array().unwrap().iter().map(coord).collect())
}

#[test]
fn claims_across_the_antimeridian_and_around_a_pole() {
    // Regions known by construction, areas from GeographicLib
    // (tests/reference/claims_plane_reference.py).
    let r: Value = serde_json::from_str(include_str!("reference/claims_plane.json")).unwrap();
    for case in r["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (a, b) = (line_of(&case["a"]), line_of(&case["b"]));
        let got = region_between(std::slice::from_ref(&a), std::slice::from_ref(&b)).unwrap();
        assert_eq!(
            got.0.len() as u64,
            case["faces"].as_u64().unwrap(),
            "{name}"
        );
        let area: f64 = got.0.iter().map(geodesic_area_m2).sum();
        let want = case["area_m2"].as_f64().unwrap();
        assert!((area - want).abs() < 0.01, "{name}: {area} vs {want}");
        // every vertex of the lines comes back exactly as given
        for c in a.0.iter().chain(&b.0) {
            let found = got
                .0
                .iter()
                .flat_map(|p| p.exterior().0.iter())
                .any(|v| v == c || ((v.x - c.x).abs() == 360.0 && v.y == c.y));
            assert!(found, "{name}: {c:?} not in the result");
        }
    }
}

#[test]
fn claims_too_large_for_one_plane_are_a_typed_error() {
    // Two claims along 100° of the equator, 1° apart: no local plane holds
    // the ring (its vertices reach ~5,500 km from the centre).
    let json = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "id": "s", "properties": {"kind": "border_segment", "left": "X", "right": "Y", "status": "disputed"},
  "geometry": {"type": "LineString", "coordinates": [[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]]}},
 {"type": "Feature", "id": "cx", "properties": {"kind": "claim_line", "claimant": "X", "segment": "s"},
  "geometry": {"type": "LineString", "coordinates": [[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]]}},
 {"type": "Feature", "id": "cy", "properties": {"kind": "claim_line", "claimant": "Y", "segment": "s"},
  "geometry": {"type": "LineString", "coordinates": [[0.0, 0.0], [50.0, 1.0], [100.0, 0.0]]}}
]}"#;
    let map = BorderMap::from_geojson_str(json).unwrap();
    match map.claim_divergences() {
        Err(demarcate::Error::TooLarge { features, reason }) => {
            assert_eq!(features, "claim lines cx and cy");
            assert!(reason.contains("4000 km"), "{reason}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(matches!(
        map.report(&demarcate::analysis::ReportOptions::new()),
        Err(demarcate::Error::TooLarge { .. })
    ));
}

fn line_strategy() -> impl Strategy<Value = LineString<f64>> {
    (
        -60.0f64..60.0,
        -170.0f64..170.0,
        prop::collection::vec((-0.05f64..0.05, 0.0f64..0.04), 1..7),
    )
        .prop_map(|(lat, lon, steps)| {
            let mut pts = vec![Coord { x: lon, y: lat }];
            for (dy, dx) in steps {
                let last = *pts.last().unwrap();
                pts.push(Coord {
                    x: last.x + dx + 0.001,
                    y: last.y + dy,
                });
            }
            LineString(pts)
        })
}

fn area_of(a: &LineString<f64>, b: &LineString<f64>) -> f64 {
    region_between(std::slice::from_ref(a), std::slice::from_ref(b))
        .unwrap()
        .0
        .iter()
        .map(geodesic_area_m2)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn identical_claims_have_nothing_between_them(a in line_strategy()) {
        prop_assert_eq!(area_of(&a, &a), 0.0);
        let h = hausdorff(std::slice::from_ref(&a), std::slice::from_ref(&a)).unwrap();
        prop_assert_eq!(h.distance_m, 0.0);
        prop_assert!(h.upper_bound_m < 1e-5);
        // reversed, it is the same line
        let mut r = a.clone();
        r.0.reverse();
        prop_assert_eq!(area_of(&a, &r), 0.0);
    }

    #[test]
    fn swapping_claims_changes_nothing(
        a in line_strategy(),
        b in line_strategy(),
        join in any::<bool>(),
    ) {
        // Both near a's start; optionally sharing a's ends.
        let mut b = b;
        let shift = Coord { x: a.0[0].x - b.0[0].x + 0.01, y: a.0[0].y - b.0[0].y };
        for c in &mut b.0 {
            *c = *c + shift;
        }
        if join {
            b.0[0] = a.0[0];
            let n = b.0.len();
            if n > 1 {
                b.0[n - 1] = *a.0.last().unwrap();
            }
        }
        let ab = area_of(&a, &b);
        let ba = area_of(&b, &a);
        prop_assert!((ab - ba).abs() <= 1e-9 * ab.max(ba) + 1e-3, "{} vs {}", ab, ba);
        let hab = hausdorff(std::slice::from_ref(&a), std::slice::from_ref(&b)).unwrap();
        let hba = hausdorff(std::slice::from_ref(&b), std::slice::from_ref(&a)).unwrap();
        prop_assert!((hab.distance_m - hba.distance_m).abs() <= 2e-3,
            "{} vs {}", hab.distance_m, hba.distance_m);
        prop_assert!(hab.upper_bound_m - hab.distance_m <= 1e-3 + 1e-9);
        // swapping flips which line the farthest point is on (unless tied)
        if (hab.distance_m - hba.distance_m).abs() > 1e-9 {
            prop_assert!(hab.from_a != hba.from_a || hab.from == hba.from);
        }
        // An independent upper bound: a point of an edge is within half the
        // edge of one of its vertices and the distance to a line is
        // 1-Lipschitz, so each directed distance is at most the largest
        // vertex-to-nearest-vertex distance plus half the longest edge.
        let vv = |p: &LineString<f64>, q: &LineString<f64>| {
            p.0.iter()
                .map(|u| q.0.iter().map(|v| geodesic_m((u.x, u.y), (v.x, v.y))).fold(f64::INFINITY, f64::min))
                .fold(0.0f64, f64::max)
        };
        let longest = |q: &LineString<f64>| {
            q.0.windows(2).map(|w| geodesic_m((w[0].x, w[0].y), (w[1].x, w[1].y))).fold(0.0f64, f64::max)
        };
        let upper = vv(&a, &b).max(vv(&b, &a)) + 0.5 * longest(&a).max(longest(&b));
        prop_assert!(hab.distance_m <= upper + 1e-6, "{} > {}", hab.distance_m, upper);
        // and the reported pair of points is that far apart
        let d = geodesic_m((hab.from.x, hab.from.y), (hab.to.x, hab.to.y));
        prop_assert!((d - hab.distance_m).abs() < 1e-6);
    }
}

/// The directed distance from `a` to `b` by brute force: `a` sampled every
/// `step_m` metres of geodesic (GeographicLib direct solutions, through
/// geographiclib-rs), each sample's distance to every edge of `b` by
/// `GeodesicEdge::nearest` (itself checked against GeographicLib in
/// `tests/reference/edge_cases.json`), no pruning, no bounds.
fn brute_directed(a: &LineString<f64>, b: &LineString<f64>, step_m: f64) -> f64 {
    use demarcate::geodesy::GeodesicEdge;
    use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
    let g = Geodesic::wgs84();
    let edges: Vec<GeodesicEdge> =
        b.0.windows(2)
            .map(|w| GeodesicEdge::new(w[0], w[1]))
            .collect();
    let dist = |p: Coord<f64>| {
        edges
            .iter()
            .map(|e| e.nearest(p).distance_m)
            .fold(f64::INFINITY, f64::min)
    };
    let mut best = 0.0f64;
    for w in a.0.windows(2) {
        let (s12, azi1, _azi2, _a12): (f64, f64, f64, f64) =
            g.inverse(w[0].y, w[0].x, w[1].y, w[1].x);
        let n = (s12 / step_m).ceil().max(1.0) as usize;
        for k in 0..=n {
            let (lat, lon): (f64, f64) = g.direct(w[0].y, w[0].x, azi1, s12 * k as f64 / n as f64);
            best = best.max(dist(Coord { x: lon, y: lat }));
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn hausdorff_agrees_with_brute_force(a in line_strategy(), b in line_strategy()) {
        let mut b = b;
        let shift = Coord { x: a.0[0].x - b.0[0].x, y: a.0[0].y - b.0[0].y + 0.005 };
        for c in &mut b.0 {
            *c = *c + shift;
        }
        prop_assume!(a.0.len() > 1 && b.0.len() > 1);
        let step = 2.0;
        let brute = brute_directed(&a, &b, step).max(brute_directed(&b, &a, step));
        let h = hausdorff(std::slice::from_ref(&a), std::slice::from_ref(&b)).unwrap();
        // the certified bound holds at every sample ...
        prop_assert!(h.upper_bound_m >= brute - 1e-9, "{:?} vs {}", h, brute);
        // ... and the maximum is at most half a step from a sample
        prop_assert!(h.distance_m <= brute + 0.5 * step + 1e-9, "{:?} vs {}", h, brute);
        prop_assert!(h.upper_bound_m - h.distance_m <= 1e-3 + 1e-9);
    }
}
