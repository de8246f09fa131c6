//! The area questions: overlaps between incursion zones (with the geodesic
//! area of each overlap), the incursion metrics of every zone, outpost
//! coverage of the border, and outpost planning, each at several sizes.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use demarcate::analysis::PlanOptions;
use demarcate::{BorderMap, MedianOptions, Party};
use support::Spec;

fn map_of(spec: &Spec) -> BorderMap {
    let map = BorderMap::from_geojson_str(&support::dataset_geojson(spec))
        .expect("the generator writes valid data");
    let _ = map.border_index();
    map
}

/// `overlaps()`: index join of the zones, intersection of each candidate pair
/// in a local plane and its geodesic area.
fn overlaps(c: &mut Criterion) {
    let mut g = c.benchmark_group("overlaps");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    // The border spans the same 30° at every size, so overlapping pairs grow
    // with the square of the zone count (100k zones: 33 s a run, too long to
    // sample here; `bench_peer` times it).
    for zones in [1_000usize, 10_000, 30_000] {
        let map = map_of(&Spec::new(100_000, zones).outposts(0));
        g.throughput(Throughput::Elements(zones as u64));
        g.bench_function(BenchmarkId::new("demarcate", zones), |b| {
            b.iter(|| {
                let o = map.overlaps().expect("generated zones are small");
                black_box(o.iter().map(|o| o.area_m2).sum::<f64>())
            })
        });
    }
    g.finish();
}

/// `incursions()`: area, claimant's side, depth and border length of every
/// zone.
fn incursions(c: &mut Criterion) {
    let mut g = c.benchmark_group("incursions");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for zones in [100usize, 1_000] {
        let map = map_of(&Spec::new(100_000, zones).outposts(0));
        g.throughput(Throughput::Elements(zones as u64));
        g.bench_function(BenchmarkId::new("demarcate", zones), |b| {
            b.iter(|| black_box(map.incursions().unwrap().len()))
        });
    }
    g.finish();
}

/// `coverage(Some(8 km))` of the border by 500 outposts (each with its own
/// range of 3 km to 8 km): the same posts along a finer and finer border.
fn coverage(c: &mut Criterion) {
    let mut g = c.benchmark_group("coverage");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [10_000usize, 100_000, 1_000_000] {
        let map = map_of(&Spec::new(n, 0));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("demarcate", n), |b| {
            b.iter(|| black_box(map.coverage(Some(8_000.0)).unwrap().covered_fraction))
        });
    }
    g.finish();
}

/// `plan(range 8 km)` over the whole border (no existing outposts), verified
/// by the coverage analysis inside the call. The border is the same length
/// at every size, so the growth is the cost per vertex within one post's
/// reach (quadratic today: 100,000 vertices take about 80 s, left out).
fn plan(c: &mut Criterion) {
    let mut g = c.benchmark_group("plan");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let options = PlanOptions::new(8_000.0);
    for n in [5_000usize, 10_000, 20_000] {
        let map = map_of(&Spec::new(n, 0).outposts(0));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("demarcate", n), |b| {
            b.iter(|| black_box(map.plan(&options).unwrap().posts.len()))
        });
    }
    g.finish();
}

/// A wobbly lake of `n` vertices (radius ~1 km, like Sev Lich in the seed),
/// its shore split between two parties at two meeting points.
fn lake(n: usize) -> BorderMap {
    let centre = geo_types::coord! { x: 46.235, y: 39.56 };
    let ring: Vec<[f64; 2]> = (0..n)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            let r = 1000.0
                * (1.0
                    + 0.12 * (2.0 * t + 0.4).cos()
                    + 0.06 * (3.0 * t + 1.0).sin()
                    + 0.03 * (7.0 * t).cos());
            let p = demarcate::geodesy::destination(centre, t.to_degrees(), r);
            [p.x, p.y]
        })
        .collect();
    let (nw, se) = (7 * n / 8, 3 * n / 8);
    let a: Vec<[f64; 2]> = ring[se..=nw].to_vec();
    let b: Vec<[f64; 2]> = ring[nw..].iter().chain(&ring[..=se]).copied().collect();
    let json = serde_json::json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "shore", "party": "ARM"},
         "geometry": {"type": "LineString", "coordinates": a}},
        {"type": "Feature", "properties": {"kind": "shore", "party": "AZE"},
         "geometry": {"type": "LineString", "coordinates": b}}]});
    BorderMap::from_geojson_str(&json.to_string()).unwrap()
}

/// The median line through a lake of 100 and 1,000 vertices (tolerance
/// 0.01 m, with the coarse check).
fn median(c: &mut Criterion) {
    let mut g = c.benchmark_group("median");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let (a, b) = (Party::new("ARM"), Party::new("AZE"));
    for n in [100usize, 1_000] {
        let map = lake(n);
        g.bench_function(BenchmarkId::new("demarcate", n), |bch| {
            bch.iter(|| {
                black_box(
                    map.median_line(&a, &b, &MedianOptions::new())
                        .unwrap()
                        .line
                        .0
                        .len(),
                )
            })
        });
    }
    g.finish();
}

/// `buffer(5 km)` of the whole border, both sides, at the default 0.01 m
/// tolerance: 1,000 to 100,000 vertices along the same 30° of longitude, so
/// the larger borders have shorter edges (25 m at 100,000) and many more
/// vertex arcs hidden inside the strip.
fn buffer(c: &mut Criterion) {
    let mut g = c.benchmark_group("buffer");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let options = demarcate::BufferOptions::new(5_000.0);
    for n in [1_000usize, 10_000, 100_000] {
        let map = map_of(&Spec::new(n, 0).outposts(0));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("demarcate", n), |b| {
            b.iter(|| black_box(map.buffer(&options).unwrap().area_m2))
        });
    }
    g.finish();
}

/// `region_between` of two claim lines of `n` vertices (about 100 m apart)
/// that weave around each other, crossing every few kilometres, and
/// `claim_divergences()` on the bundled Armenia–Azerbaijan file.
fn claims(c: &mut Criterion) {
    let mut g = c.benchmark_group("claims");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [1_000usize, 10_000] {
        let line = |phase: f64, period: f64| {
            geo_types::LineString(
                (0..n)
                    .map(|k| geo_types::Coord {
                        x: 44.0 + 0.0012 * k as f64,
                        y: 40.0 + 0.003 * (k as f64 / period + phase).sin(),
                    })
                    .collect(),
            )
        };
        let (a, b) = (line(0.0, 7.3), line(1.1, 9.1));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("region_between", n), |bench| {
            bench.iter(|| {
                let r = demarcate::analysis::region_between(
                    std::slice::from_ref(&a),
                    std::slice::from_ref(&b),
                )
                .expect("a few hundred km across");
                black_box(r.0.len())
            })
        });
    }
    let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")
        .expect("the bundled dataset loads");
    g.bench_function("claim_divergences/armenia-azerbaijan", |bench| {
        bench.iter(|| black_box(map.claim_divergences().unwrap().len()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = overlaps, incursions, coverage, plan, median, buffer, claims
}
criterion_main!(benches);
