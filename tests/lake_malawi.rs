//! A real shared lake: Lake Malawi / Nyasa (`data/lake-malawi.geojson`,
//! Natural Earth 1:10m). The Malawi–Tanzania median line against the
//! independent GeographicLib reference in `tests/reference/lake_malawi.json`
//! (cross-sections on parallels, the point equidistant from all three
//! shores), and properties that must hold.

use demarcate::delimitation::MedianEnd;
use demarcate::geodesy::GeodesicEdge;
use demarcate::{BorderMap, Kind, MedianLine, MedianOptions, Party};
use geo_types::{Coord, LineString};
use serde_json::Value;

use crate::common::root;

fn lake() -> BorderMap {
    BorderMap::from_path(root("data/lake-malawi.geojson")).unwrap()
}

fn reference() -> Value {
    serde_json::from_str(include_str!("reference/lake_malawi.json")).unwrap()
}

fn coord(v: &Value) -> Coord<f64> {
    Coord {
        x: v[0].as_f64().unwrap(),
        y: v[1].as_f64().unwrap(),
    }
}

fn shores_of<'a>(map: &'a BorderMap, party: &str) -> Vec<&'a LineString<f64>> {
    map.shores()
        .filter(|s| s.party().as_str() == party)
        .flat_map(|s| s.lines().iter())
        .collect()
}

/// Least distance from `p` to the edges of `lines` by brute force over every
/// edge (GeodesicEdge, checked against GeographicLib in `src/geodesy/edge.rs`),
/// not through the tracer or its index.
fn brute_distance(p: Coord<f64>, lines: &[&LineString<f64>]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.0.windows(2))
        .map(|w| GeodesicEdge::new(w[0], w[1]).nearest(p).distance_m)
        .fold(f64::INFINITY, f64::min)
}

fn distance_to_line(p: Coord<f64>, line: &LineString<f64>) -> f64 {
    line.0
        .windows(2)
        .map(|w| GeodesicEdge::new(w[0], w[1]).nearest(p).distance_m)
        .fold(f64::INFINITY, f64::min)
}

fn median(map: &BorderMap) -> MedianLine {
    map.median_line(
        &Party::new("MWI"),
        &Party::new("TZA"),
        &MedianOptions::new(),
    )
    .unwrap()
}

#[test]
fn lake_malawi_is_valid_and_its_shores_meet_where_the_borders_reach_the_lake() {
    let map = lake();
    assert_eq!(map.count(Kind::Shore), 4);
    assert_eq!(map.count(Kind::Territory), 3);
    assert_eq!(map.count(Kind::ClaimLine), 2);
    assert!(map.segments().len() >= 4);
    let end = |p: &str| -> Vec<Coord<f64>> {
        let s = map
            .shores()
            .find(|s| s.id().map(|i| i.to_string()) == Some(format!("shore-{p}")))
            .unwrap();
        let l = &s.lines()[0];
        vec![l.0[0], *l.0.last().unwrap()]
    };
    // The outline runs MOZ → TZA → MWI → MOZ: each shore starts where the
    // previous one ends (one shared vertex), and the three close the ring.
    let (moz, tza, mwi) = (end("MOZ"), end("TZA"), end("MWI"));
    assert_eq!(moz[1], tza[0]);
    assert_eq!(tza[1], mwi[0]);
    assert_eq!(mwi[1], moz[0]);
    // Malawi's claim is the Tanzanian shore itself.
    let claim = map
        .claim_lines()
        .find(|c| c.claimant().as_str() == "MWI")
        .unwrap();
    assert_eq!(&claim.lines()[0], shores_of(&map, "TZA")[0]);
}

#[test]
fn lake_malawi_median_runs_from_the_songwe_mouth_with_equidistant_vertices() {
    let map = lake();
    let m = median(&map);
    let songwe = end_of_tza_shore(&map);
    assert!(
        matches!(m.ends[0], MedianEnd::Meeting(p) if p == songwe)
            || matches!(m.ends[1], MedianEnd::Meeting(p) if p == songwe)
    );
    assert!(m.line.0.contains(&songwe));
    assert!(m.turning_points.len() >= 10);
    let (mwi, tza) = (shores_of(&map, "MWI"), shores_of(&map, "TZA"));
    assert_eq!(mwi.len(), 2, "mainland and Likoma Island");
    // every 7th vertex (the line has thousands) and every turning point
    let mut worst: f64 = 0.0;
    let picks = m
        .line
        .0
        .iter()
        .step_by(7)
        .copied()
        .chain(m.turning_points.iter().map(|t| t.point));
    for v in picks {
        worst = worst.max((brute_distance(v, &mwi) - brute_distance(v, &tza)).abs());
    }
    eprintln!("Lake Malawi: largest |d_MWI - d_TZA| at the vertices checked {worst:e} m");
    assert!(worst <= 1e-3, "a vertex is off by {worst} m");
    // a turning point is as far from each of its controls as from the shores
    for t in &m.turning_points {
        assert!(t.controls.len() >= 3);
        let d = brute_distance(t.point, &mwi);
        assert!((d - t.distance_m).abs() <= 1e-3);
        for c in &t.controls {
            let foot = GeodesicEdge::new(t.point, c.foot).length_m();
            assert!((foot - t.distance_m).abs() <= 1e-3, "{c:?} at {foot} m");
        }
    }
}

fn end_of_tza_shore(map: &BorderMap) -> Coord<f64> {
    *shores_of(map, "TZA")[0].0.last().unwrap()
}

#[test]
fn lake_malawi_cross_sections_lie_on_the_median_line() {
    let map = lake();
    let m = median(&map);
    let r = reference();
    let sections = r["cross_sections"].as_array().unwrap();
    assert_eq!(sections.len(), 18);
    let mut worst: f64 = 0.0;
    for s in sections {
        assert!(s["residual_m"].as_f64().unwrap().abs() < 1e-4);
        worst = worst.max(distance_to_line(coord(&s["point"]), &m.line));
    }
    eprintln!("Lake Malawi cross-sections: farthest {worst:e} m from the line");
    assert!(
        worst <= m.tolerance_m + 1e-3,
        "a cross-section is {worst} m off"
    );
}

#[test]
fn lake_malawi_tanzanian_claim_ends_where_the_three_shores_are_equidistant() {
    let map = lake();
    let m = median(&map);
    let r = reference();
    let tri = coord(&r["three_party_point"]["point"]);
    let d = &r["three_party_point"]["distances_m"];
    for party in ["MWI", "TZA", "MOZ"] {
        let want = d[party].as_f64().unwrap();
        assert!((want - d["TZA"].as_f64().unwrap()).abs() < 1e-3);
        // the crate's distance to each party's shores agrees with the reference
        let got = brute_distance(tri, &shores_of(&map, party));
        assert!((got - want).abs() <= 1e-3, "{party}: {got} vs {want}");
    }
    assert!(distance_to_line(tri, &m.line) <= m.tolerance_m + 1e-3);
    // Tanzania's claim (written by the data script from `demarcate median`)
    // follows the line and stops at that point.
    let claim = map
        .claim_lines()
        .find(|c| c.claimant().as_str() == "TZA")
        .unwrap();
    let claim = &claim.lines()[0];
    // its vertices were traced (by an earlier build) on the median line and
    // written with 7 decimals, which moves a point by up to 7.9 mm: each
    // distance changes by at most that, so the two parties' distances agree
    // to 2 × 7.9 mm; and that trace, like this one, is within the tolerance
    // of the true locus
    let (mwi, tza) = (shores_of(&map, "MWI"), shores_of(&map, "TZA"));
    const ROUNDING_M: f64 = 7.9e-3;
    for &v in claim.0.iter().step_by(7).chain(claim.0.last()) {
        let gap = (brute_distance(v, &mwi) - brute_distance(v, &tza)).abs();
        assert!(gap <= 2.0 * ROUNDING_M, "{v:?}: {gap} m");
        assert!(distance_to_line(v, &m.line) <= 2.0 * m.tolerance_m + ROUNDING_M);
    }
    let last = *claim.0.last().unwrap();
    let off = GeodesicEdge::new(last, tri).length_m();
    eprintln!("Tanzanian claim ends {off:e} m from the reference three-party point");
    assert!(off <= 0.05, "{off} m");
}
