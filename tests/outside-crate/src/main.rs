//! An outside program that uses demarcate the way a GIS tool does: it reads
//! GeoJSON with the `geojson` crate into its own geo-types, then measures
//! with `demarcate::{Wgs84, GeodesicIndex}` and a map from
//! `BorderMap::builder()`, and checks every answer against what the
//! `demarcate distance` command wrote for the same points.
//!
//! `demarcate-outside points DATASET N` writes N query points (GeoJSON) near
//! the dataset's border; `demarcate-outside check DATASET POINTS ANSWERS`
//! compares (ANSWERS: `demarcate distance DATASET --points POINTS --format
//! geojson`). Exits 1 on any difference over 1 mm.

use std::process::ExitCode;

use demarcate::{BorderMap, GeodesicIndex, OutpostStatus, SegmentStatus, Wgs84};
use geo::Distance;
use geo_types::{Geometry, LineString, MultiLineString, MultiPolygon, Point};
use geojson::{FeatureCollection, GeoJson};

const MM: f64 = 1e-3;

/// The dataset as a GIS tool holds it: plain geo-types with ids.
struct Held {
    segments: Vec<(String, MultiLineString<f64>, String, String, SegmentStatus)>,
    territories: Vec<(String, MultiPolygon<f64>)>,
    outposts: Vec<(String, Point<f64>, String, OutpostStatus, Option<f64>)>,
    zones: Vec<(String, MultiPolygon<f64>, String, String)>,
}

fn read_collection(path: &str) -> Result<FeatureCollection, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    match text
        .parse::<GeoJson>()
        .map_err(|e| format!("{path}: {e}"))?
    {
        GeoJson::FeatureCollection(fc) => Ok(fc),
        _ => Err(format!("{path}: not a FeatureCollection")),
    }
}

fn prop(f: &geojson::Feature, key: &str) -> String {
    f.property(key)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn id(f: &geojson::Feature) -> String {
    match &f.id {
        Some(geojson::feature::Id::String(s)) => s.clone(),
        Some(geojson::feature::Id::Number(n)) => n.to_string(),
        None => String::new(),
    }
}

fn geometry(f: &geojson::Feature) -> Result<Geometry<f64>, String> {
    let g = f.geometry.as_ref().ok_or("no geometry")?;
    Geometry::<f64>::try_from(g.clone()).map_err(|e| e.to_string())
}

fn read(path: &str) -> Result<Held, String> {
    let fc = read_collection(path)?;
    let mut held = Held {
        segments: Vec::new(),
        territories: Vec::new(),
        outposts: Vec::new(),
        zones: Vec::new(),
    };
    for f in &fc.features {
        let g = geometry(f)?;
        let lines = |g: Geometry<f64>| match g {
            Geometry::LineString(l) => MultiLineString(vec![l]),
            Geometry::MultiLineString(m) => m,
            _ => MultiLineString(vec![]),
        };
        let areas = |g: Geometry<f64>| match g {
            Geometry::Polygon(p) => MultiPolygon(vec![p]),
            Geometry::MultiPolygon(m) => m,
            _ => MultiPolygon(vec![]),
        };
        match prop(f, "kind").as_str() {
            "border_segment" => {
                let status: SegmentStatus = prop(f, "status")
                    .parse()
                    .map_err(|e| format!("{path}: {}: {e:?}", id(f)))?;
                held.segments
                    .push((id(f), lines(g), prop(f, "left"), prop(f, "right"), status));
            }
            "territory" => held.territories.push((prop(f, "party"), areas(g))),
            "outpost" => {
                if let Geometry::Point(p) = g {
                    let status: OutpostStatus = prop(f, "status")
                        .parse()
                        .map_err(|e| format!("{path}: {}: {e:?}", id(f)))?;
                    let range = f.property("range_m").and_then(|v| v.as_f64());
                    held.outposts
                        .push((id(f), p, prop(f, "operator"), status, range));
                }
            }
            "incursion_zone" => {
                held.zones
                    .push((id(f), areas(g), prop(f, "claimant"), prop(f, "accused")))
            }
            _ => {}
        }
    }
    Ok(held)
}

/// Deterministic points near the border: a vertex, moved up to ~0.3° in
/// each direction (a linear congruential generator, so no dependency).
fn points(path: &str, n: usize) -> Result<String, String> {
    let held = read(path)?;
    let vertices: Vec<Point<f64>> = held
        .segments
        .iter()
        .flat_map(|s| s.1.0.iter().flat_map(|l| l.points()))
        .collect();
    if vertices.is_empty() {
        return Err(format!("{path}: no border vertices"));
    }
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut features = Vec::new();
    for k in 0..n {
        let v = vertices[(next() * vertices.len() as f64) as usize % vertices.len()];
        // a third of the points within ~50 m of the border, the rest farther
        let reach = if k % 3 == 0 { 5e-4 } else { 0.3 };
        let lon = (v.x() + (next() - 0.5) * 2.0 * reach).clamp(-180.0, 180.0);
        let lat = (v.y() + (next() - 0.5) * 2.0 * reach).clamp(-90.0, 90.0);
        features.push(format!(
            r#"{{"type":"Feature","id":{k},"properties":{{}},"geometry":{{"type":"Point","coordinates":[{lon},{lat}]}}}}"#
        ));
    }
    Ok(format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    ))
}

fn check(dataset: &str, points_path: &str, answers_path: &str) -> Result<usize, String> {
    let held = read(dataset)?;
    // the map from geo-types, validated like the file
    let mut builder = BorderMap::builder();
    for (id, lines, left, right, status) in &held.segments {
        builder = builder.segment(
            id.as_str(),
            lines.clone(),
            left.as_str(),
            right.as_str(),
            *status,
        );
    }
    for (party, area) in &held.territories {
        builder = builder.territory(party.as_str(), area.clone());
    }
    for (id, p, operator, status, range) in &held.outposts {
        builder = builder.outpost(id.as_str(), *p, operator.as_str(), *status, *range);
    }
    for (id, area, claimant, accused) in &held.zones {
        builder = builder.incursion_zone(
            id.as_str(),
            area.clone(),
            claimant.as_str(),
            accused.as_str(),
        );
    }
    let map = builder.build().map_err(|e| format!("builder: {e}"))?;
    // an index over the tool's own lines, with its own payload
    let index = GeodesicIndex::from_lines(
        held.segments
            .iter()
            .flat_map(|s| s.1.0.iter().map(move |l| (l.clone(), s.0.clone()))),
    );
    let all_lines = MultiLineString(
        held.segments
            .iter()
            .flat_map(|s| s.1.0.iter().cloned())
            .collect::<Vec<LineString<f64>>>(),
    );

    let queries = read_collection(points_path)?;
    let answers = read_collection(answers_path)?;
    if queries.features.len() != answers.features.len() {
        return Err(format!(
            "{} points but {} answers",
            queries.features.len(),
            answers.features.len()
        ));
    }
    let mut problems = Vec::new();
    let mut worst = 0.0f64;
    for (k, (q, a)) in queries.features.iter().zip(&answers.features).enumerate() {
        let Ok(Geometry::Point(p)) = geometry(q) else {
            return Err(format!("point {k}: not a Point"));
        };
        let cli_d = a
            .property("distance_m")
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN);
        let cli_seg = prop(a, "segment");
        let cli_near = Point::new(
            a.property("nearest_lon")
                .and_then(|v| v.as_f64())
                .unwrap_or(f64::NAN),
            a.property("nearest_lat")
                .and_then(|v| v.as_f64())
                .unwrap_or(f64::NAN),
        );
        let cli_side = a
            .property("side")
            .and_then(|v| v.as_str())
            .map(str::to_owned);

        let hit = index.nearest(p).ok_or("empty index")?;
        let metric = Wgs84.distance(p, &all_lines);
        let lib = map
            .distance_to_border(p)
            .map_err(|e| format!("point {k}: {e}"))?;
        let diffs = [
            ("index", (hit.distance_m - cli_d).abs()),
            ("metric", (metric - cli_d).abs()),
            ("builder map", (lib.distance_m - cli_d).abs()),
            ("nearest point", Wgs84.distance(hit.point, cli_near)),
        ];
        for (what, diff) in diffs {
            worst = worst.max(diff);
            if !(diff <= MM) {
                problems.push(format!(
                    "point {k}: {what} differs from the CLI by {diff} m"
                ));
            }
        }
        // a tie between segments may go either way; the distance may not
        if *hit.item != cli_seg && cli_d > 0.0 {
            let other = index
                .within(p, cli_d + MM)
                .into_iter()
                .any(|h| *h.item == cli_seg);
            if !other {
                problems.push(format!(
                    "point {k}: nearest segment {} but the CLI says {cli_seg}",
                    hit.item
                ));
            }
        }
        let lib_side = lib.side.map(|s| s.as_str().to_owned());
        if lib_side != cli_side {
            problems.push(format!(
                "point {k}: side {lib_side:?} but the CLI says {cli_side:?}"
            ));
        }
        // the territory that holds it is at distance 0; a party's other
        // territories are not
        if let Some(side) = &cli_side {
            for (party, area) in &held.territories {
                let d = Wgs84.distance(p, area);
                if party == side && d != 0.0 {
                    problems.push(format!("point {k}: inside {party} but {d} m from it"));
                }
                if party != side && d == 0.0 && cli_d > MM {
                    problems.push(format!("point {k}: on {side}'s side but inside {party}"));
                }
            }
        }
    }
    for p in problems.iter().take(20) {
        eprintln!("{p}");
    }
    if problems.is_empty() {
        println!(
            "{}: {} points agree with `demarcate distance` (largest difference {:.2e} m)",
            dataset,
            queries.features.len(),
            worst
        );
        Ok(queries.features.len())
    } else {
        Err(format!("{} disagreements", problems.len()))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["points", dataset, n] => n
            .parse()
            .map_err(|e| format!("{n}: {e}"))
            .and_then(|n| points(dataset, n))
            .map(|s| println!("{s}")),
        ["check", dataset, points, answers] => check(dataset, points, answers).map(|_| ()),
        _ => Err("usage: demarcate-outside points DATASET N | check DATASET POINTS ANSWERS".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("demarcate-outside: {e}");
            ExitCode::from(1)
        }
    }
}
