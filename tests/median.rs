//! The median (equidistance) line: Sev Lich in the seed dataset against the
//! independent GeographicLib reference in `tests/reference/median_seed.json`
//! (cross-sections and nested bisection), and cases exact by symmetry.

use demarcate::delimitation::{MedianEnd, ShoreElement};
use demarcate::geodesy::GeodesicEdge;
use demarcate::{BorderMap, Error, Kind, MedianLine, MedianOptions, Party};
use geo_types::{Coord, LineString};
use serde_json::Value;

use crate::common::seed_path;

fn reference() -> Value {
    serde_json::from_str(include_str!("reference/median_seed.json")).unwrap()
}

fn coord(v: &Value) -> Coord<f64> {
    Coord {
        x: v[0].as_f64().unwrap(),
        y: v[1].as_f64().unwrap(),
    }
}

/// Least geodesic distance from `p` to the edges of `lines`, by brute force
/// over every edge (GeodesicEdge, itself checked against GeographicLib in
/// `src/geodesy/edge.rs`), not through the tracer or its index.
fn brute_distance(p: Coord<f64>, lines: &[&LineString<f64>]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.0.windows(2))
        .map(|w| GeodesicEdge::new(w[0], w[1]).nearest(p).distance_m)
        .fold(f64::INFINITY, f64::min)
}

fn shores_of<'a>(map: &'a BorderMap, party: &str) -> Vec<&'a LineString<f64>> {
    map.shores()
        .filter(|s| s.party().as_str() == party)
        .flat_map(|s| s.lines().iter())
        .collect()
}

fn median(map: &BorderMap, a: &str, b: &str) -> MedianLine {
    map.median_line(&Party::new(a), &Party::new(b), &MedianOptions::new())
        .unwrap()
}

#[test]
fn seed_has_the_sev_lich_shores() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    assert_eq!(map.count(Kind::Shore), 2);
    assert_eq!(map.count(Kind::Basepoint), 0);
    for s in map.shores() {
        assert!(s.name().unwrap().contains("illustrative"));
    }
}

#[test]
fn sev_lich_vertices_are_equidistant_to_a_millimetre() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let m = median(&map, "ARM", "AZE");
    let (arm, aze) = (shores_of(&map, "ARM"), shores_of(&map, "AZE"));
    assert!(m.line.0.len() > 10);
    let mut worst: f64 = 0.0;
    for &v in &m.line.0 {
        worst = worst.max((brute_distance(v, &arm) - brute_distance(v, &aze)).abs());
    }
    eprintln!("vertices: largest |d_ARM - d_AZE| {worst:e} m");
    assert!(worst <= 1e-3, "vertex off by {worst} m");
    assert!(m.max_residual_m <= 1e-3);
}

#[test]
fn sev_lich_runs_between_the_meeting_points() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let m = median(&map, "ARM", "AZE");
    let r = reference();
    let meets: Vec<Coord<f64>> = r["meeting_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(coord)
        .collect();
    let ends = [m.line.0[0], *m.line.0.last().unwrap()];
    for e in ends {
        assert!(meets.contains(&e), "{e:?} is not a meeting point");
    }
    assert_ne!(ends[0], ends[1]);
    assert!(matches!(
        m.ends,
        [MedianEnd::Meeting(_), MedianEnd::Meeting(_)]
    ));
    // ARM (the first party) on the left: the line's first edge has the
    // Armenian shore's nearest point to its left
    let arm = shores_of(&map, "ARM");
    let mid = m.line.0[m.line.0.len() / 2];
    let next = m.line.0[m.line.0.len() / 2 + 1];
    let edge = GeodesicEdge::new(mid, next);
    let foot = arm
        .iter()
        .flat_map(|l| l.0.windows(2))
        .map(|w| GeodesicEdge::new(w[0], w[1]).nearest(mid))
        .min_by(|a, b| a.distance_m.total_cmp(&b.distance_m))
        .unwrap()
        .point;
    assert!(edge.nearest(foot).cross > 0.0);
    assert!(m.check.missed.is_empty(), "{:?}", m.check);
    assert!(m.check.points > 0);
}

#[test]
fn sev_lich_cross_sections_lie_on_the_line_within_the_tolerance() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let m = median(&map, "ARM", "AZE");
    let edges: Vec<GeodesicEdge> = m
        .line
        .0
        .windows(2)
        .map(|w| GeodesicEdge::new(w[0], w[1]))
        .collect();
    let r = reference();
    let sections = r["cross_sections"].as_array().unwrap();
    assert_eq!(sections.len(), 24);
    let mut worst: f64 = 0.0;
    for s in sections {
        assert!(s["residual_m"].as_f64().unwrap().abs() < 1e-5);
        let p = coord(&s["point"]);
        let d = edges
            .iter()
            .map(|e| e.nearest(p).distance_m)
            .fold(f64::INFINITY, f64::min);
        worst = worst.max(d);
    }
    eprintln!("cross-sections: farthest {worst:e} m from the line");
    assert!(
        worst <= m.tolerance_m + 1e-3,
        "a cross-section is {worst} m off"
    );
}

#[test]
fn sev_lich_turning_points_match_nested_bisection() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let m = median(&map, "ARM", "AZE");
    let r = reference();
    let want = r["turning_points"].as_array().unwrap();
    // the reference solves the first four from the north-west meeting
    // point (pure Python is slow)
    assert_eq!(want.len(), 4);
    assert!(m.turning_points.len() >= want.len());
    for w in want {
        let p = coord(&w["point"]);
        let got = m
            .turning_points
            .iter()
            .min_by(|a, b| {
                GeodesicEdge::new(a.point, p)
                    .length_m()
                    .total_cmp(&GeodesicEdge::new(b.point, p).length_m())
            })
            .unwrap();
        let off = GeodesicEdge::new(got.point, p).length_m();
        eprintln!(
            "turning point {p:?}: {off:e} m apart, distance differs by {:e} m",
            got.distance_m - w["distance_m"].as_f64().unwrap()
        );
        assert!(off <= 1e-3, "turning point {p:?} off by {off} m");
        let d = w["distance_m"].as_f64().unwrap();
        assert!((got.distance_m - d).abs() <= 1e-3);
        assert!(got.residual_m <= 1e-3);
        assert!(got.condition_number.is_finite() && got.condition_number >= 0.5 - 1e-9);
        // the same controlling elements
        let mut want_controls: Vec<(String, String)> = w["controls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let el = if let Some(v) = c.get("vertex") {
                    format!("vertex {v}")
                } else {
                    format!("edge {}", c["edge"])
                };
                (c["party"].as_str().unwrap().to_owned(), el)
            })
            .collect();
        let mut got_controls: Vec<(String, String)> = got
            .controls
            .iter()
            .map(|c| {
                let el = match c.element {
                    ShoreElement::Vertex(i) => format!("vertex {i}"),
                    ShoreElement::Edge(i) => format!("edge {i}"),
                    other => format!("{other:?}"),
                };
                (c.party.as_str().to_owned(), el)
            })
            .collect();
        want_controls.sort();
        got_controls.sort();
        assert_eq!(got_controls, want_controls, "at {p:?}");
    }
}

fn mirrored(axis: &str) -> BorderMap {
    // Two shores, one the mirror image of the other; basepoints mirrored too.
    let (north, south, bp_n, bp_s) = match axis {
        "equator" => (
            "[[10,0.1],[10.3,0.13],[10.5,0.12],[10.7,0.09],[11,0.1]]",
            "[[10,-0.1],[10.3,-0.13],[10.5,-0.12],[10.7,-0.09],[11,-0.1]]",
            "[10.85,0.08]",
            "[10.85,-0.08]",
        ),
        _ => (
            "[[46.02,39.5],[46.05,39.52],[46.03,39.55],[46.04,39.6]]",
            "[[45.98,39.5],[45.95,39.52],[45.97,39.55],[45.96,39.6]]",
            "[46.01,39.575]",
            "[45.99,39.575]",
        ),
    };
    BorderMap::from_geojson_str(&format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","id":"a","properties":{{"kind":"shore","party":"A"}},
          "geometry":{{"type":"LineString","coordinates":{north}}}}},
        {{"type":"Feature","id":"b","properties":{{"kind":"shore","party":"B"}},
          "geometry":{{"type":"LineString","coordinates":{south}}}}},
        {{"type":"Feature","id":"pa","properties":{{"kind":"basepoint","party":"A"}},
          "geometry":{{"type":"Point","coordinates":{bp_n}}}}},
        {{"type":"Feature","id":"pb","properties":{{"kind":"basepoint","party":"B"}},
          "geometry":{{"type":"Point","coordinates":{bp_s}}}}}]}}"#
    ))
    .unwrap()
}

#[test]
fn shores_mirrored_about_the_equator_give_the_equator() {
    let map = mirrored("equator");
    let m = median(&map, "A", "B");
    // 1 mm of latitude is 9e-9°
    for c in &m.line.0 {
        assert!(c.y.abs() < 9e-9, "{c:?}");
    }
    let (first, last) = (m.line.0[0], *m.line.0.last().unwrap());
    assert!((first.x - 10.0).abs() < 1e-9 && (last.x - 11.0).abs() < 1e-9);
    assert!(matches!(
        m.ends,
        [MedianEnd::Extent(_), MedianEnd::Extent(_)]
    ));
    // a·π/180 per degree of the equator
    assert!((m.length_m - 111_319.490_793_273_57).abs() < 1e-3);
    // A (north) on the left: the line runs west to east
    assert!(last.x > first.x);
    // turning points are mirror-symmetric, so fixed by both parties at once
    assert!(!m.turning_points.is_empty());
    for t in &m.turning_points {
        assert!(t.controls.iter().any(|c| c.party.as_str() == "A"));
        assert!(t.controls.iter().any(|c| c.party.as_str() == "B"));
        assert!(t.controls.len() >= 3);
        assert!(t.residual_m <= 1e-3);
    }
    assert!(m.check.missed.is_empty());
}

#[test]
fn shores_mirrored_about_a_meridian_give_that_meridian() {
    let map = mirrored("meridian");
    // B (west) first: B on the left, so the line runs north
    let m = median(&map, "B", "A");
    // 1 mm of longitude at 39.6° is 1.2e-8°
    for c in &m.line.0 {
        assert!((c.x - 46.0).abs() < 1e-8, "{c:?}");
    }
    assert!(m.line.0[0].y < m.line.0.last().unwrap().y);
    assert!((m.line.0[0].y - 39.5).abs() < 1e-9);
    assert!((m.line.0.last().unwrap().y - 39.6).abs() < 1e-9);
    // the basepoints fix a turning point with the shores' vertices
    assert!(m.turning_points.iter().any(|t| {
        t.controls
            .iter()
            .filter(|c| c.element == ShoreElement::Basepoint)
            .count()
            == 2
    }));
    assert!(m.check.missed.is_empty());
}

#[test]
fn a_looser_tolerance_gives_fewer_vertices_still_equidistant() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let fine = median(&map, "ARM", "AZE");
    let coarse = map
        .median_line(
            &Party::new("ARM"),
            &Party::new("AZE"),
            &MedianOptions::new().tolerance_m(1.0),
        )
        .unwrap();
    assert!(coarse.line.0.len() < fine.line.0.len());
    assert_eq!(coarse.turning_points.len(), fine.turning_points.len());
    assert!(coarse.max_residual_m <= 1e-3);
}

#[test]
fn bad_median_requests_are_typed_errors() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let o = MedianOptions::new();
    assert!(matches!(
        map.median_line(&Party::new("ARM"), &Party::new("RUS"), &o),
        Err(Error::NoShore { party }) if party.as_str() == "RUS"
    ));
    assert!(matches!(
        map.median_line(&Party::new("ARM"), &Party::new("ARM"), &o),
        Err(Error::SameParties { .. })
    ));
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            map.median_line(&Party::new("ARM"), &Party::new("AZE"), &o.tolerance_m(bad)),
            Err(Error::BadParameter { .. })
        ));
    }
    let crossed = BorderMap::from_geojson_str(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"kind":"shore","party":"A"},
         "geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}},
        {"type":"Feature","properties":{"kind":"shore","party":"B"},
         "geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}}]}"#,
    )
    .unwrap();
    assert!(matches!(
        crossed.median_line(&Party::new("A"), &Party::new("B"), &o),
        Err(Error::MedianTrace { .. })
    ));
}

#[test]
fn median_output_is_demarcation_geojson() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let m = median(&map, "ARM", "AZE");
    let fc = m.to_feature_collection();
    let back = BorderMap::from_geojson_str(&fc.to_string()).unwrap();
    assert_eq!(back.count(Kind::MedianLine), 1);
    assert_eq!(back.count(Kind::TurningPoint), m.turning_points.len());
    let line = back.outputs(Kind::MedianLine).next().unwrap();
    assert_eq!(
        line.property("parties").unwrap(),
        &serde_json::json!(["ARM", "AZE"])
    );
    assert_eq!(line.property("tolerance_m").unwrap().as_f64(), Some(0.01));
    let len = line.property("length_m").unwrap().as_f64().unwrap();
    assert!((len - m.length_m).abs() < 1e-9);
    let tp = back.outputs(Kind::TurningPoint).next().unwrap();
    for key in [
        "controls",
        "distance_m",
        "residual_m",
        "condition_number",
        "ill_conditioned",
    ] {
        assert!(tp.property(key).is_some(), "{key}");
    }
    // output kinds are checked for their geometry type
    let bad = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"kind":"median_line"},
       "geometry":{"type":"Point","coordinates":[10,0]}}]}"#;
    assert!(BorderMap::from_geojson_str(bad).is_err());
}

#[test]
fn median_command_writes_the_line_and_its_turning_points() {
    let seed = seed_path();
    let seed = seed.to_str().unwrap();
    let out = crate::cli::demarcate(&["median", seed, "--parties", "ARM,AZE"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features[0]["properties"]["kind"], "median_line");
    assert!(
        features[1..]
            .iter()
            .all(|f| f["properties"]["kind"] == "turning_point")
    );
    let api = median(&BorderMap::from_path(seed_path()).unwrap(), "ARM", "AZE");
    assert_eq!(features.len(), 1 + api.turning_points.len());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("median line ARM|AZE"), "{stderr}");
    // usage errors exit 2, unusable inputs 1
    for bad in [
        &["--parties", "ARM"][..],
        &["--parties", "ARM,AZE", "--tolerance", "0"],
    ] {
        let mut args = vec!["median", seed];
        args.extend_from_slice(bad);
        assert_eq!(
            crate::cli::demarcate(&args).status.code(),
            Some(2),
            "{bad:?}"
        );
    }
    let out = crate::cli::demarcate(&["median", seed, "--parties", "ARM,RUS"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RUS"));
}

#[test]
fn render_draws_the_median_line_and_its_turning_points() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    // the lake with the May 2021 zones around it
    let o = demarcate::render::RenderOptions::new().extent_feature("shore-sev-lich-ARM", 15_000.0);
    let svg = demarcate::render::render_svg(&map, &o).unwrap();
    assert!(svg.contains(r#"data-id="median-ARM-AZE" data-kind="median_line""#));
    assert!(svg.contains(r#"data-kind="turning_point""#));
    assert!(svg.contains(r#"data-id="shore-sev-lich-ARM" data-kind="shore""#));
    assert!(svg.contains("median line (1)"));
    assert!(svg.contains("ARM shore") && svg.contains("AZE shore"));
}
