//! Checks shared by the fuzz targets: the load/write round trip, and every
//! analysis on a valid map with its outputs checked for NaN, negative or
//! inconsistent numbers.
//!
//! Each check panics (which libFuzzer reports as a crash) on a wrong answer;
//! a typed `Err` from an analysis is an acceptable answer.

use demarcate::BorderMap;
use demarcate::analysis::{PlanOptions, ReportOptions};
use demarcate::geodesy::distance_m;
use demarcate::io::load_str;
use geo_types::Coord;
use serde_json::Value;

pub mod structured;

/// A finite, non-negative number (metres, square metres).
#[track_caller]
fn metric(what: &str, v: f64) {
    assert!(
        v.is_finite() && v >= 0.0 && v.is_sign_positive(),
        "{what} = {v}"
    );
}

#[path = "../../tests/support/json_equal.rs"]
mod json_eq;
use json_eq::json_equal;

/// Does the JSON text repeat a key in some object? (The streaming reader and
/// `serde_json::Value` resolve repeats differently, so the round trip is only
/// compared with the input's value when no key repeats.)
fn has_repeated_keys(text: &str) -> bool {
    struct Probe(bool);
    impl<'de> serde::de::Visitor<'de> for &mut Probe {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(&mut *self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut keys = std::collections::HashSet::new();
            while let Some(k) = map.next_key::<String>()? {
                self.0 |= !keys.insert(k);
                map.next_value_seed(&mut *self)?;
            }
            Ok(())
        }
    }
    impl<'de> serde::de::DeserializeSeed<'de> for &mut Probe {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    let mut probe = Probe(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = serde::de::DeserializeSeed::deserialize(&mut probe, &mut de);
    probe.0
}

/// Loads `text`; when it loads, writes it back and reloads it: the second
/// load must succeed with the same features and no new findings, writing must be
/// idempotent, and for a dataset without errors the output must parse to the
/// input's JSON value (numbers by value). Returns the load.
pub fn load_and_round_trip(text: &str) -> Option<demarcate::Loaded> {
    let first = load_str(text).ok()?;
    let out1 = first.map.to_geojson_string();
    let second = match load_str(&out1) {
        Ok(l) => l,
        Err(e) => panic!("the written dataset does not load again: {e}\n{out1}"),
    };
    assert_eq!(first.map.len(), second.map.len(), "feature count");
    for kind in [
        demarcate::Kind::BorderSegment,
        demarcate::Kind::ClaimLine,
        demarcate::Kind::Territory,
        demarcate::Kind::Outpost,
        demarcate::Kind::IncursionZone,
    ] {
        assert_eq!(
            first.map.count(kind),
            second.map.count(kind),
            "{kind} count"
        );
    }
    let key = |l: &demarcate::Loaded| -> Vec<(demarcate::Severity, Option<usize>, String)> {
        l.diagnostics
            .iter()
            .map(|d| (d.severity, d.feature, d.property.clone()))
            .collect()
    };
    // Writing may repair structure (a missing "type", "properties" or
    // "geometry" member is written as "Feature" / null), so findings may go
    // away, but none may appear.
    let (k1, k2) = (key(&first), key(&second));
    assert!(
        k2.iter().all(|k| k1.contains(k)),
        "findings appear after a round trip: {k1:?} then {k2:?}"
    );
    for (a, b) in first.map.features().iter().zip(second.map.features()) {
        assert_eq!(a.geometry, b.geometry, "geometry changed in a round trip");
        assert_eq!(a.id, b.id, "id changed in a round trip");
    }
    let out2 = second.map.to_geojson_string();
    assert_eq!(out1, out2, "writing is not idempotent");
    if !first.has_errors()
        && !has_repeated_keys(text)
        && let Ok(input) = serde_json::from_str::<Value>(text)
    {
        let output: Value = serde_json::from_str(&out1).expect("output is JSON");
        assert!(
            json_equal(&input, &output),
            "the written dataset differs from the input\ninput:  {input}\noutput: {output}"
        );
    }
    Some(first)
}

/// Query points: every border vertex (distance 0), the outposts, and points
/// from `seed` (pairs of bytes spread over the globe, or near a vertex).
fn query_points(map: &BorderMap, seed: &[u8]) -> Vec<Coord<f64>> {
    let mut pts: Vec<Coord<f64>> = Vec::new();
    for s in map.segments() {
        for l in s.lines() {
            pts.extend(l.0.iter().take(64));
        }
    }
    pts.extend(map.outposts().map(|o| o.point().0));
    let anchor = pts.first().copied().unwrap_or(Coord { x: 0.0, y: 0.0 });
    for w in seed.chunks_exact(3).take(8) {
        let (a, b, mode) = (f64::from(w[0]), f64::from(w[1]), w[2] % 3);
        let p = match mode {
            0 => Coord {
                x: a / 255.0 * 360.0 - 180.0,
                y: b / 255.0 * 180.0 - 90.0,
            },
            // near the first vertex, and its antipode
            1 => Coord {
                x: (anchor.x + (a - 128.0) * 1e-3).clamp(-180.0, 180.0),
                y: (anchor.y + (b - 128.0) * 1e-3).clamp(-90.0, 90.0),
            },
            _ => Coord {
                x: if anchor.x > 0.0 {
                    anchor.x - 180.0
                } else {
                    anchor.x + 180.0
                } + (a - 128.0) * 1e-4,
                y: -anchor.y + (b - 128.0) * 1e-4,
            },
        };
        pts.push(Coord {
            x: p.x.clamp(-180.0, 180.0),
            y: p.y.clamp(-90.0, 90.0),
        });
    }
    pts
}

/// Every border vertex (up to a cap), for independent upper bounds.
fn border_vertices(map: &BorderMap) -> Vec<Coord<f64>> {
    map.segments()
        .flat_map(|s| s.lines().iter().flat_map(|l| l.0.iter().copied()))
        .take(4096)
        .collect()
}

/// Runs every analysis on a valid map and checks the answers.
pub fn analyse(map: &BorderMap, seed: &[u8]) {
    let byte = |i: usize| seed.get(i).copied().unwrap_or(0);

    // The whole report.
    match map.report(&ReportOptions::new().default_range_m(Some(5000.0))) {
        Ok(report) => {
            for s in &report.segments {
                metric("segment length_m", s.length_m);
            }
            for (_, l) in report.status_lengths.iter() {
                metric("status length", l);
            }
            for r in &report.incursions {
                metric("zone area_m2", r.area_m2);
                metric("incursion_area_m2", r.incursion_area_m2);
                metric("max_depth_m", r.max_depth_m);
                metric("max_depth_bound_m", r.max_depth_bound_m);
                metric("border_length_m", r.border_length_m);
                assert!(
                    r.incursion_area_m2 <= r.area_m2 * (1.0 + 1e-6) + 1.0,
                    "the claimant's side ({} m²) is larger than the zone ({} m²)",
                    r.incursion_area_m2,
                    r.area_m2
                );
                assert!(r.max_depth_bound_m + 1e-9 >= r.max_depth_m);
            }
            for o in &report.overlaps {
                metric("overlap area_m2", o.area_m2);
            }
            for o in &report.outposts {
                metric("outpost distance_to_border_m", o.distance_to_border_m);
            }
            if let Some(c) = &report.coverage {
                metric("covered_m", c.covered_m);
                metric("total_m", c.total_m);
                assert!(
                    (0.0..=1.0).contains(&c.covered_fraction),
                    "covered_fraction {}",
                    c.covered_fraction
                );
                assert!(c.covered_m <= c.total_m * (1.0 + 1e-9) + 1e-6);
                for g in &c.gaps {
                    metric("gap from_m", g.from_m);
                    metric("gap length_m", g.length_m);
                    assert!(g.to_m >= g.from_m, "gap {} .. {}", g.from_m, g.to_m);
                }
            }
            for c in &report.claims {
                metric("claim area_m2", c.area_m2);
                metric("hausdorff_m", c.hausdorff.distance_m);
                assert!(c.hausdorff.upper_bound_m + 1e-9 >= c.hausdorff.distance_m);
            }
            let json = report.to_json();
            let _ = report.to_markdown();
            assert!(serde_json::to_string(&json).is_ok());
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }

    // Distances: exact answers are never farther than any border vertex, and
    // agree with the geodesic distance to the nearest point they name.
    let points = query_points(map, seed);
    let vertices = border_vertices(map);
    if let Ok(answers) = map.distances_to_border(&points) {
        assert_eq!(answers.len(), points.len());
        for (p, d) in points.iter().zip(&answers) {
            metric("distance_m", d.distance_m);
            let to_nearest = distance_m(*p, d.nearest);
            assert!(
                (to_nearest - d.distance_m).abs() <= 1e-3 + 1e-9 * d.distance_m,
                "distance {} m, but the nearest point it names is {} m away ({p:?} -> {:?})",
                d.distance_m,
                to_nearest,
                d.nearest
            );
            let bound = vertices
                .iter()
                .map(|v| distance_m(*p, *v))
                .fold(f64::INFINITY, f64::min);
            assert!(
                d.distance_m <= bound + 1e-3,
                "distance {} m from {p:?}, but a border vertex is {bound} m away",
                d.distance_m
            );
        }
    }

    // A plan with a range from the input, bounded below by the border's
    // length so the number of posts stays small.
    let total: f64 = map
        .segment_lengths()
        .iter()
        .map(|s| s.length_m)
        .filter(|l| l.is_finite())
        .sum();
    let range = (10f64.powi(2 + i32::from(byte(0) % 5)) * (1.0 + f64::from(byte(1)) / 64.0))
        .max(total / 200.0)
        .min(9_000_000.0);
    let options = PlanOptions::new(range)
        .keep_existing(byte(2) % 2 == 1)
        .on_border(byte(3) % 3 == 1);
    if let Ok(plan) = map.plan(&options) {
        assert!(
            plan.coverage.is_complete(),
            "a plan that leaves gaps: {:?}",
            plan.coverage.gaps
        );
        assert!(plan.lower_bound <= plan.posts.len() + plan.existing);
        let mut posts: Vec<(Coord<f64>, f64)> =
            plan.posts.iter().map(|p| (p.point, range)).collect();
        if options.keeps_existing() {
            posts.extend(map.outpost_ranges(Some(range)).unwrap_or_default());
        }
        for p in &plan.posts {
            assert!(p.point.x.is_finite() && p.point.y.is_finite(), "{p:?}");
            assert!((-90.0..=90.0).contains(&p.point.y), "{p:?}");
            metric("setback_m", p.setback_m);
        }
        // Independent check: every border vertex is within range of a post.
        for v in &vertices {
            let best = posts
                .iter()
                .map(|(p, r)| distance_m(*v, *p) - r)
                .fold(f64::INFINITY, f64::min);
            assert!(
                best <= 1e-3,
                "border vertex {v:?} is {best} m beyond every planned post's range"
            );
        }
    }
}

/// The whole check on a text: load, round trip, and (valid maps) analyses.
pub fn check_text(text: &str, seed: &[u8]) {
    if let Some(loaded) = load_and_round_trip(text)
        && !loaded.has_errors()
    {
        analyse(&loaded.map, seed);
    }
}
