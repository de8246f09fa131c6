//! Degenerate geometry through every analysis: the named corpus under
//! `tests/corpus/` (one small dataset per case; a top-level `queries` member
//! lists the query points of the case, and is kept like any foreign member).
//!
//! Every analysis runs on every corpus file ([`every_analysis_on_every_file`]):
//! nothing may panic, and every number that comes out must be finite and not
//! negative. Then each case checks its answers against a reference: by hand
//! (the equator and meridians, where geodesics are lines of the lon/lat
//! grid), or computed with GeographicLib by
//! `tests/reference/degenerate_reference.py` into
//! `tests/reference/degenerate_expected.json` (brute force over every border
//! edge, independent of the crate). Unsupported cases assert the typed error.
//!
//! The last tests keep the inputs the fuzzers (`fuzz/`) found, as
//! regressions.

use std::path::PathBuf;

use demarcate::analysis::{PlanOptions, ReportOptions};
use demarcate::geodesy::distance_m;
use demarcate::io::load_path;
use demarcate::{BorderMap, Error, FeatureId, Kind};
use geo_types::{Coord, coord};
use serde_json::Value;

use crate::common::{json_equal, root};

/// Every corpus file.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "geojson"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "corpus missing: {files:?}");
    files
}

fn path(case: &str) -> PathBuf {
    root(&format!("tests/corpus/{case}.geojson"))
}

fn map(case: &str) -> BorderMap {
    BorderMap::from_path(path(case)).unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// The case's query points (the collection's `queries` member).
fn queries(map: &BorderMap) -> Vec<Coord<f64>> {
    map.collection_members()
        .get("queries")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|p| coord! { x: p[0].as_f64().unwrap(), y: p[1].as_f64().unwrap() })
                .collect()
        })
        .unwrap_or_default()
}

/// The reference values of `tests/reference/degenerate_expected.json`.
fn expected() -> Value {
    serde_json::from_str(include_str!("reference/degenerate_expected.json")).unwrap()
}

fn sid(s: &str) -> FeatureId {
    FeatureId::String(s.to_owned())
}

#[track_caller]
fn metric(what: &str, v: f64) {
    assert!(
        v.is_finite() && v >= 0.0 && v.is_sign_positive(),
        "{what} = {v}"
    );
}

#[track_caller]
fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (off by {}, tolerance {tol})",
        (got - want).abs()
    );
}

/// Runs every analysis on `map`; every number must be finite and not negative.
/// Errors must be typed (any `Error` variant is acceptable here; the cases
/// below say which one they expect).
fn exercise(name: &str, map: &BorderMap) {
    let ctx = |what: &str| format!("{name}: {what}");
    // Writing and reading back gives the same dataset.
    let text = map.to_geojson_string();
    let again = BorderMap::from_geojson_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let a: Value = serde_json::from_str(&text).unwrap();
    let b: Value = serde_json::from_str(&again.to_geojson_string()).unwrap();
    assert!(json_equal(&a, &b), "{name}: round trip");

    for s in map.segment_lengths() {
        metric(&ctx("segment length"), s.length_m);
    }
    for (_, l) in map.status_lengths().iter() {
        metric(&ctx("status length"), l);
    }
    let mut points = queries(map);
    points.extend(
        map.segments()
            .flat_map(|s| s.lines().iter().flat_map(|l| l.0.iter().copied())),
    );
    points.extend(map.outposts().map(|o| o.point().0));
    match map.distances_to_border(&points) {
        Ok(ds) => {
            for (p, d) in points.iter().zip(&ds) {
                metric(&ctx("distance"), d.distance_m);
                close(
                    &ctx(&format!("distance to the nearest point named, from {p:?}")),
                    distance_m(*p, d.nearest),
                    d.distance_m,
                    1e-3,
                );
            }
        }
        Err(e) => assert!(matches!(e, Error::NoBorder), "{name}: {e}"),
    }
    for p in &points {
        if let Ok(within) = map.segments_within(*p, 100_000.0) {
            for (_, d) in within {
                metric(&ctx("segments_within"), d);
            }
        }
        for (_, d) in map.nearest_outposts(*p, 3).unwrap() {
            metric(&ctx("nearest_outposts"), d);
        }
    }
    if let Ok(v) = map.outposts_within(100_000.0) {
        for (_, d) in v {
            metric(&ctx("outposts_within"), d);
        }
    }
    for kind in [
        Kind::BorderSegment,
        Kind::ClaimLine,
        Kind::Territory,
        Kind::Outpost,
        Kind::IncursionZone,
    ] {
        if let Ok(v) = map.features_within(kind, 100_000.0) {
            for (_, d) in v {
                metric(&ctx("features_within"), d);
            }
        }
    }
    for z in map.incursion_zones() {
        match map.incursion(&z) {
            Ok(r) => {
                metric(&ctx("area_m2"), r.area_m2);
                metric(&ctx("incursion_area_m2"), r.incursion_area_m2);
                metric(&ctx("max_depth_m"), r.max_depth_m);
                metric(&ctx("border_length_m"), r.border_length_m);
                assert!(r.incursion_area_m2 <= r.area_m2 + 1.0, "{name}: {r:?}");
            }
            Err(e) => assert!(
                matches!(e, Error::BadParameter { .. } | Error::NoBorder),
                "{name}: {e}"
            ),
        }
    }
    for o in map.overlaps().expect("small zones") {
        metric(&ctx("overlap"), o.area_m2);
    }
    for c in map.claim_divergences().unwrap() {
        metric(&ctx("claim area"), c.area_m2);
        metric(&ctx("hausdorff"), c.hausdorff_m());
    }
    if let Ok(c) = map.coverage(Some(5000.0)) {
        metric(&ctx("covered_m"), c.covered_m);
        metric(&ctx("total_m"), c.total_m);
        assert!((0.0..=1.0).contains(&c.covered_fraction), "{name}");
        for g in &c.gaps {
            metric(&ctx("gap"), g.length_m);
        }
    }
    for options in [
        PlanOptions::new(20_000.0),
        PlanOptions::new(5_000.0).keep_existing(true),
        PlanOptions::new(20_000.0).on_border(true),
    ] {
        match map.plan(&options) {
            Ok(plan) => {
                assert!(plan.coverage.is_complete(), "{name}: plan leaves gaps");
                for p in &plan.posts {
                    assert!(p.point.x.is_finite() && p.point.y.is_finite(), "{name}");
                    assert!((-180.0..=180.0).contains(&p.point.x), "{name}: {p:?}");
                    assert!((-90.0..=90.0).contains(&p.point.y), "{name}: {p:?}");
                }
            }
            Err(e) => assert!(matches!(e, Error::NoBorder), "{name}: {e}"),
        }
    }
    match map.report(&ReportOptions::new().default_range_m(Some(5000.0))) {
        Ok(r) => {
            json_metrics(name, &r.to_json());
            let _ = r.to_markdown();
        }
        Err(e) => assert!(
            matches!(e, Error::BadParameter { .. } | Error::NoBorder),
            "{name}: {e}"
        ),
    }
}

/// Every member of the report's JSON named like a measurement (`*_m`,
/// `*_m2`, `covered_fraction`, and the members of `status_lengths_m`) is a
/// finite, non-negative number (serde_json writes NaN as null), not -0.0.
fn json_metrics(name: &str, v: &Value) {
    let check = |k: &str, x: &Value| {
        let n = x
            .as_f64()
            .unwrap_or_else(|| panic!("{name}: report {k} = {x}"));
        metric(&format!("{name}: report {k}"), n);
    };
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let measured = k.ends_with("_m") || k.ends_with("_m2") || k == "covered_fraction";
                match x {
                    // `range_m` of an outpost without one is null.
                    Value::Null if k.ends_with("range_m") => {}
                    Value::Object(inner) if measured => {
                        inner.iter().for_each(|(k, x)| check(k, x));
                    }
                    Value::Object(_) | Value::Array(_) => json_metrics(name, x),
                    _ if measured => check(k, x),
                    _ => {}
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| json_metrics(name, x)),
        _ => {}
    }
}

#[test]
fn every_analysis_on_every_file() {
    for file in corpus() {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let loaded = load_path(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
        for d in &loaded.diagnostics {
            eprintln!("{name}: {d}");
        }
        if loaded.has_errors() {
            assert!(
                INVALID.contains(&name.as_str()),
                "{name} does not load: {:?}",
                loaded.diagnostics
            );
            continue;
        }
        exercise(&name, &loaded.map);
    }
}

/// Cases whose data is refused with [`Error::Invalid`].
const INVALID: &[&str] = &[
    "antimeridian_territory",
    "empty_invalid",
    "multipolygon_parts_sharing_an_edge",
    "spike_zone",
];

/// The contract for areas: 1e-6 relative or 1 m², whichever is larger.
fn area_tol(a: f64) -> f64 {
    (a.abs() * 1e-6).max(1.0)
}

/// Every valid case against `degenerate_expected.json`: segment lengths,
/// zone areas, the query points (distance, nearest point, segment), and the
/// incursion figures and overlaps the script derives for the case.
#[test]
fn every_case_matches_the_reference() {
    let all = expected();
    let cases = all["cases"].as_object().unwrap();
    assert!(cases.len() >= 14);
    for (case, want) in cases {
        let map = map(case);
        let ctx = |what: &str| format!("{case}: {what}");
        let lengths = map.segment_lengths();
        for (id, l) in want["segment_lengths_m"].as_object().unwrap() {
            let got = lengths
                .iter()
                .find(|s| s.segment.id() == &sid(id))
                .unwrap_or_else(|| panic!("{case}: no segment {id}"));
            close(
                &ctx(&format!("length of {id}")),
                got.length_m,
                l.as_f64().unwrap(),
                1e-6,
            );
        }
        let qs = want["queries"].as_array().unwrap();
        assert_eq!(
            qs.len(),
            queries(&map).len(),
            "{case}: regenerate the reference"
        );
        for q in qs {
            let p = coord! { x: q["p"][0].as_f64().unwrap(), y: q["p"][1].as_f64().unwrap() };
            let d = map.distance_to_border(p).unwrap();
            let w = q["distance_m"].as_f64().unwrap();
            close(&ctx(&format!("distance from {p:?}")), d.distance_m, w, 1e-3);
            let n = coord! { x: q["nearest"][0].as_f64().unwrap(), y: q["nearest"][1].as_f64().unwrap() };
            assert!(
                distance_m(d.nearest, n) <= 1e-3,
                "{case}: nearest point from {p:?}: got {:?}, want {n:?}",
                d.nearest
            );
            let tied: Vec<&str> = q["segments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert!(
                tied.contains(&d.segment.id().to_string().as_str()),
                "{case}: segment from {p:?}: got {}, want one of {tied:?}",
                d.segment.id()
            );
        }
        for (id, a) in want["zone_areas_m2"].as_object().unwrap() {
            let zone = map.incursion_zones().find(|z| z.id() == &sid(id)).unwrap();
            let a = a.as_f64().unwrap();
            let got: f64 = zone
                .polygons()
                .iter()
                .map(demarcate::geodesy::geodesic_area_m2)
                .sum::<f64>();
            close(&ctx(&format!("area of {id}")), got, a, 1e-6 + a * 1e-12);
        }
        for (id, a) in want["incursion_area_m2"].as_object().unwrap() {
            let r = map.incursion_by_id(&sid(id)).unwrap();
            let a = a.as_f64().unwrap();
            close(
                &ctx(&format!("incursion area of {id}")),
                r.incursion_area_m2,
                a,
                area_tol(a),
            );
            close(
                &ctx(&format!("zone area of {id}")),
                r.area_m2,
                want["zone_areas_m2"][id].as_f64().unwrap(),
                area_tol(a),
            );
            if let Some(d) = want["max_depth_m"][id].as_f64() {
                // The depth search stops within its 0.5 m tolerance.
                close(
                    &ctx(&format!("depth of {id}")),
                    r.max_depth_m,
                    d,
                    0.5 + 1e-3,
                );
                assert!(
                    r.max_depth_bound_m + 1e-6 >= d,
                    "{case}: {id}: bound below the truth"
                );
            }
            if let Some(b) = want["border_length_m"][id].as_f64() {
                close(
                    &ctx(&format!("border length in {id}")),
                    r.border_length_m,
                    b,
                    1e-3,
                );
            }
        }
        let overlaps = map.overlaps().unwrap();
        let want_overlaps = want["overlaps_m2"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            overlaps.len(),
            want_overlaps.len(),
            "{case}: overlaps {overlaps:?}"
        );
        for (o, w) in overlaps.iter().zip(&want_overlaps) {
            assert_eq!(o.a.id(), &sid(w[0].as_str().unwrap()), "{case}");
            assert_eq!(o.b.id(), &sid(w[1].as_str().unwrap()), "{case}");
            let a = w[2].as_f64().unwrap();
            close(&ctx("overlap area"), o.area_m2, a, area_tol(a));
        }
    }
}

/// The side of each query point of a case, in order (`None`: on the border,
/// in no territory, or a border without direction); `"?"` is not checked.
fn assert_sides(case: &str, want: &[Option<&str>]) {
    let map = map(case);
    let qs = queries(&map);
    assert_eq!(qs.len(), want.len(), "{case}");
    for (p, w) in qs.iter().zip(want) {
        if *w == Some("?") {
            continue;
        }
        let d = map.distance_to_border(*p).unwrap();
        assert_eq!(d.side.map(|s| s.as_str()), *w, "{case}: side of {p:?}");
    }
}

#[test]
fn sides_by_hand() {
    // Zero-length edges have no direction: the side comes from the edges with
    // length around them, and a segment whose vertices all coincide gives
    // none (it used to say SOU on both sides of s2, and SOU north of s1's
    // start, where its first edge has zero length).
    assert_sides(
        "zero_length_edge",
        &[
            Some("NOR"),
            None,
            None,
            Some("SOU"),
            Some("NOR"),
            Some("SOU"),
            None,
        ],
    );
    assert_sides(
        "repeated_vertices",
        &[Some("NOR"), Some("SOU"), None, Some("NOR")],
    );
    // With territories, a spike into NOR has NOR on both sides.
    assert_sides("spike", &[Some("NOR"), Some("NOR"), Some("NOR")]);
    assert_sides("zone_with_hole", &[None, Some("SOU")]);
    // s3 crosses itself next to (20.5, 0.5): no side to check there.
    assert_sides(
        "crossing_segments",
        &[Some("NOR"), None, Some("WES"), Some("?")],
    );
    // The pole, however its longitude is written, is north of a line going east.
    assert_sides(
        "point_at_pole",
        &[
            Some("NOR"),
            Some("NOR"),
            Some("NOR"),
            Some("NOR"),
            Some("SOU"),
        ],
    );
    assert_sides(
        "antimeridian_border",
        &[Some("NOR"), Some("NOR"), Some("SOU"), Some("NOR")],
    );
    assert_sides("antimeridian_zone", &[Some("SOU")]);
    // Points on the border's great circle beyond its ends have no sensible
    // side; the one off it does.
    assert_sides(
        "antipodal_query",
        &[Some("?"), Some("?"), Some("?"), Some("SOU")],
    );
    // The only territory is empty: no point is in one.
    assert_sides("empty_geometries", &[None, None]);
    assert_sides("huge_zone", &[Some("SOU"), Some("SOU")]);
    assert_sides("tiny_zone", &[Some("SOU"), None]);
    assert_sides("closed_ring_border", &[Some("EXC"), Some("SUR")]);
    assert_sides("touching_multipolygon_parts", &[Some("SOU")]);
}

#[test]
fn the_same_pole_whatever_its_longitude() {
    let map = map("point_at_pole");
    let ds: Vec<f64> = [0.0, 180.0, -180.0, 123.456]
        .iter()
        .map(|&lon| {
            map.distance_to_border(coord! { x: lon, y: 90.0 })
                .unwrap()
                .distance_m
        })
        .collect();
    for d in &ds {
        close("pole distance", *d, ds[0], 1e-9);
    }
    // o1 at the pole, 120 km: every point of s1 is within 111.7 km of it.
    let c = map.coverage(None).unwrap_err();
    assert!(matches!(c, Error::NoRange { .. }), "o2 has no range: {c}");
    let c = map.coverage(Some(1.0)).unwrap();
    assert!(c.is_complete());
    assert_eq!(c.covered_fraction, 1.0);
}

#[test]
fn coverage_by_hand() {
    // Crossing segments, a 1 km post at the crossing: 1 km each way along
    // the equator and the meridian, 4 km in all.
    let map = map("crossing_segments");
    let c = map.coverage(None).unwrap();
    close("covered", c.covered_m, 4000.0, 1e-6);
    let half = 6_378_137.0 * 0.5_f64.to_radians();
    close("first gap end", c.gaps[0].to_m, half - 1000.0, 1e-6);
    // Repeated vertices at the post: 1 km each way.
    close("covered", covered_m("repeated_vertices"), 2000.0, 1e-6);
    // Across the antimeridian: 10 km each way.
    close("covered", covered_m("antimeridian_border"), 20_000.0, 1e-6);
    // A post 1.1 km from a zero-length segment covers it; s1 is uncovered.
    let map = self::map("zero_length_edge");
    let c = map.coverage(None).unwrap();
    assert_eq!(c.gaps.len(), 1);
    assert_eq!(c.gaps[0].segment.id(), &sid("s1"));
    assert_eq!(c.covered_fraction, 0.0);
    // The ring's farthest vertex is 19 975.5 m from the 20 km post.
    let map = self::map("closed_ring_border");
    let want = expected()["cases"]["closed_ring_border"]["farthest_ring_vertex_from_o1_m"]
        .as_f64()
        .unwrap();
    assert!(want < 20_000.0);
    assert!(map.coverage(None).unwrap().is_complete());
    // The antipode is 20 000 km away: nothing covered by a 9 999 km post.
    assert_eq!(covered_m("antipodal_query"), 0.0);
}

fn covered_m(case: &str) -> f64 {
    map(case).coverage(None).unwrap().covered_m
}

#[test]
fn empty_geometries_give_zero_not_negative_zero() {
    let map = map("empty_geometries");
    let s2 = map
        .segment_lengths()
        .into_iter()
        .find(|s| s.segment.id() == &sid("s2"))
        .unwrap();
    assert!(
        s2.length_m == 0.0 && s2.length_m.is_sign_positive(),
        "{}",
        s2.length_m
    );
    let r = map.incursion_by_id(&sid("z1")).unwrap();
    for v in [
        r.area_m2,
        r.incursion_area_m2,
        r.max_depth_m,
        r.border_length_m,
    ] {
        assert!(v == 0.0 && v.is_sign_positive(), "{r:?}");
    }
    assert!(r.deepest_point.is_none());
    // c1 has no coordinates: no pair of claims to compare.
    assert!(map.claim_divergences().unwrap().is_empty());
    let report = map.report(&ReportOptions::new()).unwrap();
    json_metrics("empty_geometries", &report.to_json());
}

#[test]
fn tiny_zone_below_the_area_tolerance() {
    let map = map("tiny_zone");
    // z2 (1.2e-8 m², across the border): its halves are below the sliver
    // threshold (1e-6 m²) and dropped, within the 1 m² contract.
    let r = map.incursion_by_id(&sid("z2")).unwrap();
    assert!(r.incursion_area_m2 <= r.area_m2);
    assert!(r.incursion_area_m2 < 1.0);
}

#[test]
fn unsupported_and_invalid_cases_are_typed_errors() {
    // A zone across the antimeridian is clipped in its own plane, where the
    // antimeridian is nothing special: z1 is the hand-checkable zone-1
    // ([10.2, 10.4] × [-0.1, 0.1]) turned 169.7° about the polar axis, across
    // a border along the equator, so every figure is zone-1's
    // (tests/incursion.rs, GeographicLib).
    let map = map("antimeridian_zone");
    let r = map.incursion_by_id(&sid("z1")).unwrap();
    close("z1 area", r.area_m2, 492_363_143.204_124_15, 1.0);
    close(
        "z1 SOU side",
        r.incursion_area_m2,
        246_181_571.602_062_08,
        1.0,
    );
    close(
        "z1 border inside",
        r.border_length_m,
        22_263.898_158_654_716,
        1e-3,
    );
    close("z1 depth", r.max_depth_m, 11_057.444_649_817_702, 1.0);
    map.report(&ReportOptions::new()).unwrap();
    // Overlaps are clipped in a local plane, where the antimeridian is
    // nothing special: z1 ∩ z2 is checked against the reference with the
    // other cases (`every_case_matches_the_reference`).

    let invalid = |case: &str, want: &[(usize, &str, &str)]| {
        let err = BorderMap::from_path(path(case)).unwrap_err();
        let Error::Invalid { diagnostics, .. } = &err else {
            panic!("{case}: {err}");
        };
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), want.len(), "{case}: {errors:?}");
        for (d, (feature, property, text)) in errors.iter().zip(want) {
            assert_eq!(d.feature, Some(*feature), "{case}: {d}");
            assert_eq!(d.property, *property, "{case}: {d}");
            assert!(d.message.contains(text), "{case}: {d}");
        }
    };
    invalid("spike_zone", &[(1, "geometry", "self-intersection")]);
    invalid(
        "multipolygon_parts_sharing_an_edge",
        &[(1, "geometry", "touch on a line")],
    );
    invalid(
        "empty_invalid",
        &[
            (0, "geometry", "0 position(s)"),
            (1, "geometry", "needs a LineString"),
            (2, "geometry", "no rings"),
            (3, "geometry", "0 positions"),
            (4, "geometry", "two or more elements"),
            (5, "geometry", "1 position(s)"),
        ],
    );
    // A territory across the antimeridian would be read in lon/lat as the
    // band around the rest of the world (sides silently wrong): refused.
    invalid(
        "antimeridian_territory",
        &[
            (1, "geometry", "antimeridian"),
            (2, "geometry", "antimeridian"),
        ],
    );
}

/// Found by the `structured` fuzzer: a border that is one point (the south
/// pole written with two longitudes), empty MultiLineString, territory and
/// zone. The plan placed no post at all and called it complete (the
/// coverage analysis measures length, and the border has none).
#[test]
fn fuzz_plan_covers_a_border_of_one_point() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"s0","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},
       "geometry":{"type":"LineString","coordinates":[[-70.0,-90.0],[-180.0,-90.0]]}},
      {"type":"Feature","id":"s1","properties":{"kind":"border_segment","left":"B","right":"C","status":"demarcated"},
       "geometry":{"type":"MultiLineString","coordinates":[]}},
      {"type":"Feature","id":"t0","properties":{"kind":"territory","party":"C"},
       "geometry":{"type":"MultiPolygon","coordinates":[]}},
      {"type":"Feature","id":"z0","properties":{"kind":"incursion_zone","claimant":"C","accused":"A"},
       "geometry":{"type":"MultiPolygon","coordinates":[]}}]}"#;
    let map = BorderMap::from_geojson_str(text).unwrap();
    exercise("fuzz pole point", &map);
    let plan = map.plan(&PlanOptions::new(100.0)).unwrap();
    let pole = coord! { x: -70.0, y: -90.0 };
    assert!(
        plan.posts
            .iter()
            .any(|p| distance_m(p.point, pole) <= 100.0),
        "{:?}",
        plan.posts
    );
    // Found next: a border 0.19 µm long (1e-9° at 89.9° S), shorter than the
    // coverage tolerance, got no post either.
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"s0","properties":{"kind":"border_segment","left":"A","right":"B","status":"disputed"},
       "geometry":{"type":"LineString","coordinates":[[-60.000000001,-89.900000068],[-60.0,-89.900000068]]}}]}"#;
    let map = BorderMap::from_geojson_str(text).unwrap();
    exercise("fuzz sub-micrometre border", &map);
    let plan = map.plan(&PlanOptions::new(100.0)).unwrap();
    let end = coord! { x: -60.0, y: -89.900000068 };
    assert!(plan.posts.iter().any(|p| distance_m(p.point, end) <= 100.0));
    // Same for a zero-length segment elsewhere.
    let map = self::map("zero_length_edge");
    let plan = map.plan(&PlanOptions::new(20_000.0)).unwrap();
    let s2 = coord! { x: 12.0, y: 0.0 };
    assert!(
        plan.posts
            .iter()
            .any(|p| distance_m(p.point, s2) <= 20_000.0)
    );
}

/// Found by the `load` fuzzer: with `preserve_order`, removing the members
/// the reader interprets (`serde_json::Map::remove` swaps the last member
/// into the gap) reordered the foreign members, so every round trip wrote
/// them in another order.
#[test]
fn fuzz_foreign_members_keep_their_order() {
    let text = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "xid": "s1", "ptyperoperties": {"kind": "border_segment"},
       "geometry": {"type": "LineString", "coordinates": [[-10, 0], [50, 0]]}}]}"#;
    let first = demarcate::io::load_str(text)
        .unwrap()
        .map
        .to_geojson_string();
    let second = demarcate::io::load_str(&first)
        .unwrap()
        .map
        .to_geojson_string();
    assert_eq!(first, second);
    let (x, p) = (
        first.find("\"xid\"").unwrap(),
        first.find("\"ptyper").unwrap(),
    );
    assert!(x < p, "{first}");
}

/// Found by the `structured` fuzzer (a timeout): a border segment with an
/// empty MultiLineString is no border, but the incursion analysis densified
/// and searched a zone of 110° × 80° reaching the pole for 27 s before it
/// said so.
#[test]
fn fuzz_no_border_edges_fails_fast() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"s0","properties":{"kind":"border_segment","left":"C","right":"A","status":"demarcated"},
       "geometry":{"type":"MultiLineString","coordinates":[]}},
      {"type":"Feature","id":"z1","properties":{"kind":"incursion_zone","claimant":"C","accused":"A"},
       "geometry":{"type":"Polygon","coordinates":[[[70,10],[180,10],[180,90],[70,90],[70,10]]]}}]}"#;
    let map = BorderMap::from_geojson_str(text).unwrap();
    let t = std::time::Instant::now();
    assert!(matches!(map.incursions(), Err(Error::NoBorder)));
    let z = map.incursion_zones().next().unwrap();
    assert!(matches!(map.incursion(&z), Err(Error::NoBorder)));
    assert!(matches!(
        map.report(&ReportOptions::new()),
        Err(Error::NoBorder)
    ));
    assert!(t.elapsed().as_secs_f64() < 1.0, "{:?}", t.elapsed());
    exercise("fuzz no border edges", &map);
}
