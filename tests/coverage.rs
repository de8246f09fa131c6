//! Outpost coverage against hand-checkable values and an independent
//! GeographicLib reference; planning verified by coverage and by dense
//! sampling.

// The reference values are copied verbatim from data/README.md (GeographicLib
// output printed with 17 significant digits), so that they can be compared.
#![allow(clippy::excessive_precision)]

use demarcate::analysis::{Plan, PlanOptions};
use demarcate::{BorderMap, Error};
use geo::Contains;
use geo_types::{Coord, Point, coord};
use serde_json::Value;

use crate::common::{geodesic_m, hand_path, seed_path};

/// a·π/180: one degree of the equator, metres.
const EQ_DEG: f64 = 6_378_137.0 * std::f64::consts::PI / 180.0;

fn gap_tuples(cov: &demarcate::analysis::Coverage<'_>) -> Vec<(String, f64, f64, f64)> {
    cov.gaps
        .iter()
        .map(|g| (g.segment.id().to_string(), g.from_m, g.to_m, g.length_m))
        .collect()
}

#[test]
fn hand_checkable_coverage_is_exact() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    let cov = map.coverage(None).unwrap();
    // data/README.md, "Coverage"
    let want = [
        (
            "seg-a",
            55_659.745_396_636_785,
            69_574.681_745_795_98,
            13_914.936_349_159_198,
        ),
        (
            "seg-a",
            97_404.554_444_114_37,
            111_319.490_793_273_57,
            13_914.936_349_159_198,
        ),
        ("seg-b", 0.0, 38_671.299_678_079_59, 38_671.299_678_079_59),
        (
            "seg-b",
            71_903.173_869_751_1,
            110_574.388_557_798_78,
            38_671.214_688_047_67,
        ),
    ];
    let got = gap_tuples(&cov);
    assert_eq!(got.len(), want.len(), "{got:?}");
    let mut worst = 0.0f64;
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.0, w.0);
        for (x, y) in [(g.1, w.1), (g.2, w.2), (g.3, w.3)] {
            worst = worst.max((x - y).abs());
            assert!((x - y).abs() < 1e-3, "{g:?} vs {w:?}");
        }
    }
    eprintln!("hand coverage: max gap-end error {worst:.3e} m");
    assert!(worst < 1e-6, "aim: micrometres, got {worst}");
    assert!((cov.covered_fraction - 0.526_023_938_235_602_5).abs() < 1e-12);
    assert!((cov.covered_m - 116_721.492_286_626_7).abs() < 1e-6);
    assert!((cov.total_m - 221_893.879_351_072_36).abs() < 1e-6);
    // post-3 covers seg-b from lat 0.3497314 to 0.6502701: 33 231.874 m
    let seg_b = &cov.segments[1];
    assert_eq!(seg_b.covered.len(), 1);
    assert!((seg_b.covered[0].length_m() - 33_231.874_191_671_515).abs() < 1e-6);
    assert!(!cov.is_complete());
}

#[test]
fn seed_coverage_matches_geographiclib_reference() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let reference: Value =
        serde_json::from_str(include_str!("reference/coverage_seed.json")).unwrap();
    let scenarios = reference["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 3);
    let mut worst_gap = 0.0f64;
    let mut worst_fraction = 0.0f64;
    for sc in scenarios {
        let name = sc["name"].as_str().unwrap();
        let cov = match sc["range_override_m"].as_f64() {
            None => map.coverage(None).unwrap(),
            Some(r) => {
                let posts: Vec<(Coord<f64>, f64)> =
                    map.outposts().map(|o| (o.point().0, r)).collect();
                map.coverage_by(&posts).unwrap()
            }
        };
        let want = sc["gaps"].as_array().unwrap();
        let got = gap_tuples(&cov);
        assert_eq!(got.len(), want.len(), "{name}: gap count");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.0, w["segment"].as_str().unwrap(), "{name}");
            for (x, key) in [(g.1, "from_m"), (g.2, "to_m"), (g.3, "length_m")] {
                let y = w[key].as_f64().unwrap();
                worst_gap = worst_gap.max((x - y).abs());
                assert!((x - y).abs() < 1.0, "{name}: {g:?} {key} vs {y}");
            }
        }
        let f = sc["covered_fraction"].as_f64().unwrap();
        worst_fraction = worst_fraction.max((cov.covered_fraction - f).abs());
        assert!((cov.covered_fraction - f).abs() < 1e-6, "{name}");
        assert!((cov.total_m - sc["total_m"].as_f64().unwrap()).abs() < 1e-6);
    }
    eprintln!(
        "seed coverage vs reference: max gap-end error {worst_gap:.3e} m, \
         max fraction error {worst_fraction:.3e}"
    );
    // the aim, not just the contract
    assert!(worst_gap < 1e-3, "{worst_gap}");
}

#[test]
fn no_outposts_leave_whole_segments_as_gaps() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let cov = map.coverage_by(&[]).unwrap();
    assert_eq!(cov.covered_m, 0.0);
    assert_eq!(cov.covered_fraction, 0.0);
    assert_eq!(cov.gaps.len(), map.segments().len());
    for (g, s) in cov.gaps.iter().zip(map.segments()) {
        assert_eq!(g.segment.id(), s.id());
        assert_eq!(g.from_m, 0.0);
        let len: f64 = s
            .lines()
            .iter()
            .flat_map(|l| l.0.windows(2))
            .map(|w| geodesic_m((w[0].x, w[0].y), (w[1].x, w[1].y)))
            .sum();
        assert!((g.to_m - len).abs() < 1e-6 && (g.length_m - len).abs() < 1e-6);
    }
    // a dataset without outposts, through `coverage`
    let text = std::fs::read_to_string(hand_path()).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut v2 = v.clone();
    v2["features"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["properties"]["kind"] != "outpost");
    let bare = BorderMap::from_geojson_str(&v2.to_string()).unwrap();
    let cov = bare.coverage(Some(10_000.0)).unwrap();
    assert_eq!(cov.covered_fraction, 0.0);
    assert_eq!(cov.gaps.len(), 2);
    assert!((cov.gaps[0].length_m - EQ_DEG).abs() < 1e-6);
}

#[test]
fn a_range_covering_everything_leaves_no_gap() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let yerevan = coord! { x: 44.5152, y: 40.1872 };
    let cov = map.coverage_by(&[(yerevan, 1_000_000.0)]).unwrap();
    assert!(cov.is_complete());
    assert_eq!(cov.covered_fraction, 1.0);
    assert_eq!(cov.covered_m, cov.total_m);
    for s in &cov.segments {
        assert_eq!(s.covered.len(), 1);
        assert_eq!(s.covered[0].from_m, 0.0);
        assert_eq!(s.covered[0].to_m, s.length_m);
    }
    // and exactly reaching the far end of the hand border: (11, 1) from (11, 0)
    let hand = BorderMap::from_path(hand_path()).unwrap();
    let r = 110_574.388_557_798_78; // meridian arc 0° → 1°
    let cov = hand
        .coverage_by(&[
            (coord! { x: 11.0, y: 0.0 }, r),
            (coord! { x: 10.0, y: 0.0 }, EQ_DEG),
        ])
        .unwrap();
    assert!(cov.is_complete(), "{:?}", gap_tuples(&cov));
}

#[test]
fn multilinestring_parts_are_measured_concatenated() {
    let map = BorderMap::from_geojson_str(
        r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "m",
           "properties": {"kind": "border_segment", "left": "N", "right": "S", "status": "undefined"},
           "geometry": {"type": "MultiLineString", "coordinates":
             [[[10.0, 0.0], [11.0, 0.0]], [[12.0, 0.0], [13.0, 0.0]]]}},
          {"type": "Feature", "id": "p",
           "properties": {"kind": "outpost", "operator": "N", "status": "active"},
           "geometry": {"type": "Point", "coordinates": [12.5, 0.0]}}
        ]}"#,
    )
    .unwrap();
    assert!(matches!(
        map.coverage(None),
        Err(Error::NoRange { index: 1, .. })
    ));
    assert!(matches!(
        map.coverage(Some(-1.0)),
        Err(Error::BadParameter {
            name: "range_m",
            ..
        })
    ));
    let cov = map.coverage(Some(0.25 * EQ_DEG)).unwrap();
    let got = gap_tuples(&cov);
    // part 2 starts at 1° of equator; the post covers its lon 12.25 → 12.75
    let want = [(0.0, 1.25 * EQ_DEG), (1.75 * EQ_DEG, 2.0 * EQ_DEG)];
    assert_eq!(got.len(), 2, "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g.1 - w.0).abs() < 1e-6 && (g.2 - w.1).abs() < 1e-6,
            "{g:?}"
        );
    }
    assert!((cov.covered_fraction - 0.25).abs() < 1e-12);
}

#[test]
fn bad_inputs_are_typed_errors() {
    let map = BorderMap::from_path(hand_path()).unwrap();
    assert!(matches!(
        map.coverage_by(&[(coord! { x: 200.0, y: 0.0 }, 1.0)]),
        Err(Error::InvalidPoint { index: Some(0), .. })
    ));
    for r in [f64::NAN, -1.0, f64::INFINITY, 2.0e7] {
        assert!(matches!(
            map.coverage_by(&[(coord! { x: 10.0, y: 0.0 }, r)]),
            Err(Error::BadParameter { .. })
        ));
    }
    let empty =
        BorderMap::from_geojson_str(r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
    assert!(matches!(empty.coverage(Some(1.0)), Err(Error::NoBorder)));
    assert!(matches!(
        empty.plan(&PlanOptions::new(1_000.0)),
        Err(Error::NoBorder)
    ));
}

// ---------------------------------------------------------------- planning

/// Independent check: every border point, sampled every `step` metres along
/// each edge (and every vertex), is within `range` of a post, by
/// geographiclib-rs directly.
fn assert_sampled_cover(map: &BorderMap, posts: &[(Coord<f64>, f64)], step: f64) {
    use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
    let g = Geodesic::wgs84();
    let mut worst = f64::NEG_INFINITY;
    for seg in map.segments() {
        for line in seg.lines() {
            for w in line.0.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (len, azi, _, _): (f64, f64, f64, f64) = g.inverse(a.y, a.x, b.y, b.x);
                let n = (len / step).ceil().max(1.0) as usize;
                for i in 0..=n {
                    let (lat, lon): (f64, f64) = g.direct(a.y, a.x, azi, len * i as f64 / n as f64);
                    let margin = posts
                        .iter()
                        .filter(|(p, r)| (p.y - lat).abs() * 110_000.0 < r + 1_000.0)
                        .map(|(p, r)| geodesic_m((p.x, p.y), (lon, lat)) - r)
                        .fold(f64::INFINITY, f64::min);
                    worst = worst.max(margin);
                    assert!(
                        margin <= 1e-6,
                        "segment {}: ({lon}, {lat}) is {margin} m beyond every range",
                        seg.id()
                    );
                }
            }
        }
    }
    eprintln!("sampled cover: worst margin {worst:.3e} m");
}

fn plan_posts(plan: &Plan<'_>) -> Vec<(Coord<f64>, f64)> {
    plan.posts.iter().map(|p| (p.point, plan.range_m)).collect()
}

#[test]
fn plans_cover_the_whole_border() {
    let seed = BorderMap::from_path(seed_path()).unwrap();
    let hand = BorderMap::from_path(hand_path()).unwrap();
    for (name, map) in [("seed", &seed), ("hand", &hand)] {
        for r in [5_000.0, 10_000.0, 25_000.0] {
            let mut counts = Vec::new();
            for on_border in [false, true] {
                let plan = map.plan(&PlanOptions::new(r).on_border(on_border)).unwrap();
                let posts = plan_posts(&plan);
                assert!(plan.coverage.is_complete());
                let cov = map.coverage_by(&posts).unwrap();
                assert!(cov.is_complete(), "{name} R={r}: {:?}", gap_tuples(&cov));
                assert_eq!(cov.covered_fraction, 1.0);
                assert_sampled_cover(map, &posts, 20.0);
                assert!(plan.lower_bound >= 1);
                assert!(plan.posts.len() >= plan.lower_bound, "{name} R={r}");
                for (i, p) in plan.posts.iter().enumerate() {
                    assert_eq!(p.id, format!("plan-{:03}", i + 1));
                    // every post is within range of the border it covers
                    assert!(p.setback_m <= r);
                    if on_border {
                        assert!(p.setback_m < 1e-6, "{}: {}", p.id, p.setback_m);
                    }
                }
                counts.push((plan.posts.len(), plan.lower_bound));
            }
            eprintln!(
                "{name} R={r}: {} posts free, {} on the line, lower bound {}",
                counts[0].0, counts[1].0, counts[0].1
            );
            // free posts, at the centre of their stretch, never need more here
            assert!(counts[0].0 <= counts[1].0);
        }
    }
}

#[test]
fn hand_plans_are_near_optimal() {
    // The hand border is two straight 111 km lines at a right angle: with
    // R = 25 km, a post covers ≤ 50 km of each straight line, so at least
    // ceil(221.9 / 50) = 5 posts; the packing bound proves at least that
    // many up to the corner, and greedy needs at most one more.
    let hand = BorderMap::from_path(hand_path()).unwrap();
    let plan = hand.plan(&PlanOptions::new(25_000.0)).unwrap();
    assert!(plan.lower_bound >= 4, "{}", plan.lower_bound);
    assert!(plan.posts.len() <= 5, "{}", plan.posts.len());
    // the first post stands 25 km (less the 1 mm margin) along the equator
    let first = plan.posts[0].point;
    assert!(first.y.abs() < 1e-9);
    assert!(
        ((first.x - 10.0) * EQ_DEG - 25_000.0).abs() < 0.01,
        "{first:?}"
    );
}

#[test]
fn keep_existing_fills_only_the_gaps() {
    let seed = BorderMap::from_path(seed_path()).unwrap();
    let existing: Vec<(Coord<f64>, f64)> = seed
        .outposts()
        .map(|o| (o.point().0, o.range_m().unwrap()))
        .collect();
    let before = seed.coverage(None).unwrap();
    let plan = seed
        .plan(&PlanOptions::new(8_000.0).keep_existing(true))
        .unwrap();
    assert_eq!(plan.existing, 47);
    assert!(!plan.posts.is_empty());
    assert!(plan.posts.len() >= plan.lower_bound && plan.lower_bound >= 2);
    let mut all = existing.clone();
    all.extend(plan_posts(&plan));
    let cov = seed.coverage_by(&all).unwrap();
    assert!(cov.is_complete());
    assert_sampled_cover(&seed, &all, 25.0);
    // every new post stands on a stretch the existing posts leave uncovered
    // (here the two exclave rings) and is needed: without it a gap opens
    let gap_segments: Vec<String> = before
        .gaps
        .iter()
        .map(|g| g.segment.id().to_string())
        .collect();
    for (i, p) in plan.posts.iter().enumerate() {
        assert!(gap_segments.contains(&p.segment.id().to_string()));
        let mut without = all.clone();
        without.remove(existing.len() + i);
        assert!(
            !seed.coverage_by(&without).unwrap().is_complete(),
            "{} is redundant",
            p.id
        );
    }
    // where the existing posts cover everything, nothing is added
    let text = std::fs::read_to_string(hand_path())
        .unwrap()
        .replace("\"range_m\":27829.872698318395", "\"range_m\":500000");
    let hand = BorderMap::from_geojson_str(&text).unwrap();
    assert!(hand.coverage(None).unwrap().is_complete());
    let plan = hand
        .plan(&PlanOptions::new(10_000.0).keep_existing(true))
        .unwrap();
    assert!(plan.posts.is_empty());
    assert_eq!(plan.lower_bound, 0);
    assert!(plan.coverage.is_complete());
}

fn in_territory(map: &BorderMap, party: &str, p: Coord<f64>) -> bool {
    map.territories()
        .filter(|t| t.party().as_str() == party)
        .flat_map(|t| t.polygons().iter())
        .any(|poly| poly.contains(&Point(p)))
}

#[test]
fn setback_posts_stand_inside_the_party_at_the_setback() {
    let seed = BorderMap::from_path(seed_path()).unwrap();
    let hand = BorderMap::from_path(hand_path()).unwrap();
    for (map, party, r, s) in [
        (&seed, "ARM", 10_000.0, 1_000.0),
        (&seed, "AZE", 25_000.0, 3_000.0),
        (&hand, "SOU", 20_000.0, 2_000.0),
        (&hand, "NOR", 5_000.0, 500.0),
    ] {
        let plan = map.plan(&PlanOptions::new(r).setback(s, party)).unwrap();
        assert_eq!(plan.setback_m, s);
        let posts = plan_posts(&plan);
        assert!(map.coverage_by(&posts).unwrap().is_complete());
        assert_sampled_cover(map, &posts, 25.0);
        assert!(plan.posts.len() >= plan.lower_bound);
        let mut worst = 0.0f64;
        let mut short = Vec::new();
        for p in &plan.posts {
            assert!(
                in_territory(map, party, p.point),
                "{} {:?} not in {party}",
                p.id,
                p.point
            );
            let d = map.distance_to_border(p.point).unwrap().distance_m;
            // the reported set-back is the distance from the border
            assert!(
                (d - p.setback_m).abs() < 1e-3,
                "{}: {d} vs {}",
                p.id,
                p.setback_m
            );
            // and measured from the post's border point
            let foot = geodesic_m((p.point.x, p.point.y), (p.border_point.x, p.border_point.y));
            assert!((foot - p.setback_m).abs() < 1e-3, "{}: {foot}", p.id);
            if (d - s).abs() < 1.0 {
                worst = worst.max((d - s).abs());
            } else {
                short.push((p.id.clone(), p.segment.id().to_string(), d));
            }
        }
        eprintln!("short of the set-back: {short:?}");
        // Only inside the small Azerbaijani exclave rings (Yukhari Askipara
        // 19.7 km, Barkhudarly 11.0 km round) is there no point 3 km from
        // the border; everywhere else the full set-back is taken.
        for (id, seg, _) in &short {
            assert!(
                party == "AZE" && (seg == "seg-16" || seg == "seg-17"),
                "{id} on {seg} short of the set-back"
            );
        }
        eprintln!(
            "set-back {s} m into {party}, R={r}: {} posts (bound {}), max |distance − set-back| {worst:.2e} m",
            plan.posts.len(),
            plan.lower_bound
        );
    }
}

#[test]
fn plans_export_as_outpost_features() {
    let hand = BorderMap::from_path(hand_path()).unwrap();
    let plan = hand.plan(&PlanOptions::new(20_000.0)).unwrap();
    let fc = plan.to_feature_collection(&"BLU".into());
    let back = BorderMap::from_geojson_str(&fc.to_string()).unwrap();
    assert_eq!(back.outposts().len(), plan.posts.len());
    for (o, p) in back.outposts().zip(&plan.posts) {
        assert_eq!(o.id().to_string(), p.id);
        assert_eq!(o.operator().as_str(), "BLU");
        assert_eq!(o.status().as_str(), "proposed");
        assert_eq!(o.range_m(), Some(20_000.0));
        // Coordinates survive the GeoJSON round trip bit for bit.
        assert_eq!(o.point().x(), p.point.x);
        assert_eq!(o.point().y(), p.point.y);
    }
}
