//! The Rust side of the peer comparison (`benches/peer/run.sh`): times one job
//! on the files the `generate` example writes and prints one JSON line.
//!
//! ```sh
//! cargo run --release --example bench_peer -- DIR JOB [RUNS] [THREADS] [DATASET]
//! ```
//!
//! `DATASET` is the file in `DIR` to read (default `dataset.geojson`; the
//! generator also writes `dataset-territories.geojson`).
//!
//! Jobs (each its own process, so that its peak memory is its own):
//!
//! - `load`: `BorderMap::from_geojson_str` of `DIR/dataset.geojson` (read into
//!   memory first), and `serde_json::from_str::<serde_json::Value>` of the
//!   same text for reference;
//! - `distance`: `BorderMap::distances_to_border` of every point of
//!   `DIR/points.csv`, on a rayon pool of THREADS threads (default 1); the
//!   index is built before timing;
//! - `overlaps`: `BorderMap::overlaps` of the incursion zones, with the
//!   geodesic area of every overlap (the zone index is part of the call);
//! - `report`: loading (with validation) and `BorderMap::report` with the
//!   default options: every analysis, as `demarcate report` runs it;
//! - `index`: loading (with validation), then building the border and
//!   territory indexes (timed apart: `load_median_s`, `median_s`);
//! - `buffer`: `BorderMap::buffer` of the whole border, 5 km on both sides
//!   at the default 0.01 m tolerance (`benches/peer/buffer.sh`).
//!
//! Prints `{"job", "threads", "runs_s", "median_s", "peak_rss_kb", ...}`:
//! `peak_rss_kb` is the process's `VmHWM` from `/proc/self/status` (Linux),
//! read after the last run (for `load`, also after the map's runs and before
//! serde_json's: `peak_rss_kb_before_serde_json`).

use std::hint::black_box;
use std::time::Instant;

use demarcate::BorderMap;
use geo_types::Coord;

const USAGE: &str =
    "usage: bench_peer DIR load|distance|overlaps|report|index [RUNS] [THREADS] [DATASET]";

fn median(runs: &[f64]) -> f64 {
    let mut v = runs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Runs `f` `runs` times, returning the seconds of each run.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect()
}

/// The peak resident set of this process (kB), from `/proc/self/status`.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn read_points(path: &std::path::Path) -> Result<Vec<Coord<f64>>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let mut cols = line.split(',').skip(1);
        let mut next = || -> Result<f64, String> {
            cols.next()
                .ok_or_else(|| format!("{}: line {}: too few columns", path.display(), i + 1))?
                .parse()
                .map_err(|e| format!("{}: line {}: {e}", path.display(), i + 1))
        };
        let (x, y) = (next()?, next()?);
        out.push(Coord { x, y });
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, job) = match &args[..] {
        [dir, job, ..] => (std::path::Path::new(dir), job.as_str()),
        _ => return Err(USAGE.into()),
    };
    let runs: usize = args.get(2).map_or(Ok(5), |s| s.parse())?;
    let threads: usize = args.get(3).map_or(Ok(1), |s| s.parse())?;
    if runs == 0 || threads == 0 {
        return Err(USAGE.into());
    }
    let dataset = args.get(4).map_or("dataset.geojson", String::as_str);
    let text = std::fs::read_to_string(dir.join(dataset))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut extra = serde_json::Map::new();
    let runs_s = match job {
        "load" => {
            let runs_s = pool.install(|| {
                time(runs, || {
                    BorderMap::from_geojson_str(&text)
                        .expect("the generator writes valid data")
                        .len()
                })
            });
            // The peak of the map's own runs, before serde_json's.
            extra.insert("peak_rss_kb_before_serde_json".into(), peak_rss_kb().into());
            let value_runs = time(runs, || {
                serde_json::from_str::<serde_json::Value>(&text).map(|v| v.is_object())
            });
            extra.insert(
                "serde_json_value_median_s".into(),
                median(&value_runs).into(),
            );
            extra.insert("serde_json_value_runs_s".into(), value_runs.into());
            extra.insert("bytes".into(), text.len().into());
            runs_s
        }
        "distance" => {
            let map = BorderMap::from_geojson_str(&text)?;
            drop(text);
            let points = read_points(&dir.join("points.csv"))?;
            let edges = map.border_index().edges().len();
            extra.insert("edges".into(), edges.into());
            extra.insert("points".into(), points.len().into());
            let mut sum = 0.0;
            let mut sides = std::collections::BTreeMap::<String, usize>::new();
            let runs_s = pool.install(|| {
                time(runs, || {
                    let d = map
                        .distances_to_border(&points)
                        .expect("the points are valid");
                    sum = d.iter().map(|d| d.distance_m).sum::<f64>();
                    sides.clear();
                    for a in &d {
                        let side = a.side.map_or("none", |p| p.as_str());
                        *sides.entry(side.to_string()).or_default() += 1;
                    }
                    d.len()
                })
            });
            extra.insert("mean_distance_m".into(), (sum / points.len() as f64).into());
            extra.insert("sides".into(), serde_json::to_value(&sides)?);
            runs_s
        }
        "overlaps" => {
            let map = BorderMap::from_geojson_str(&text)?;
            drop(text);
            extra.insert("zones".into(), map.incursion_zones().len().into());
            let (mut pairs, mut area) = (0, 0.0);
            let runs_s = pool.install(|| {
                time(runs, || {
                    let o = map.overlaps().expect("generated zones are small");
                    pairs = o.len();
                    area = o.iter().map(|o| o.area_m2).sum::<f64>();
                    o.len()
                })
            });
            extra.insert("pairs".into(), pairs.into());
            extra.insert("total_area_m2".into(), area.into());
            runs_s
        }
        "buffer" => {
            let map = BorderMap::from_geojson_str(&text)?;
            drop(text);
            let options = demarcate::BufferOptions::new(5_000.0);
            let (mut vertices, mut area, mut unsettled) = (0, 0.0, 0);
            let runs_s = pool.install(|| {
                time(runs, || {
                    let strip = map.buffer(&options).expect("a generated border");
                    vertices = strip
                        .geometry
                        .0
                        .iter()
                        .map(|p| {
                            p.exterior().0.len()
                                + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()
                        })
                        .sum::<usize>();
                    area = strip.area_m2;
                    unsettled = strip.unsettled.len();
                    vertices
                })
            });
            extra.insert("outline_vertices".into(), vertices.into());
            extra.insert("area_m2".into(), area.into());
            extra.insert("unsettled".into(), unsettled.into());
            runs_s
        }
        "report" => {
            let options = demarcate::analysis::ReportOptions::new();
            let mut zones = 0;
            let runs_s = pool.install(|| {
                time(runs, || {
                    let map = BorderMap::from_geojson_str(&text).expect("valid data");
                    let report = map.report(&options).expect("the report runs");
                    zones = report.to_json()["incursions"]
                        .as_array()
                        .map_or(0, Vec::len);
                    zones
                })
            });
            extra.insert("zones".into(), zones.into());
            runs_s
        }
        "index" => {
            let mut load_runs = Vec::new();
            let mut territory_vertices = 0;
            let runs_s = pool.install(|| {
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        let map = BorderMap::from_geojson_str(&text).expect("valid data");
                        load_runs.push(t.elapsed().as_secs_f64());
                        territory_vertices = map
                            .territories()
                            .flat_map(|t| t.polygons().iter())
                            .map(|p| p.exterior().0.len())
                            .sum::<usize>();
                        let t = Instant::now();
                        // The first query builds the border and territory indexes.
                        black_box(
                            map.distance_to_border(Coord { x: 45.0, y: 40.0 })
                                .expect("a border"),
                        );
                        t.elapsed().as_secs_f64()
                    })
                    .collect::<Vec<f64>>()
            });
            extra.insert("load_median_s".into(), median(&load_runs).into());
            extra.insert("load_runs_s".into(), load_runs.into());
            extra.insert("territory_vertices".into(), territory_vertices.into());
            runs_s
        }
        _ => return Err(USAGE.into()),
    };
    let mut out = serde_json::Map::new();
    out.insert("side".into(), "demarcate".into());
    out.insert("job".into(), job.into());
    out.insert("threads".into(), threads.into());
    out.insert("dataset".into(), dataset.into());
    out.insert("median_s".into(), median(&runs_s).into());
    out.insert("runs_s".into(), runs_s.into());
    out.insert("peak_rss_kb".into(), peak_rss_kb().into());
    out.extend(extra);
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
