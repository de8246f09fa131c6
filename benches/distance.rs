//! Exact ellipsoidal distance to the border: index build, batch queries on 1
//! and 2 threads, and the within-distance queries (`segments_within`,
//! `features_within`).
//!
//! The headline case is 1,000,000 query points against a 100,000-vertex
//! border (`cargo bench --bench distance`); the other sizes show the growth
//! with the border and with the number of points.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use demarcate::{BorderMap, Kind};
use geo_types::Coord;
use support::Spec;

fn map_of(spec: &Spec) -> BorderMap {
    let map = BorderMap::from_geojson_str(&support::dataset_geojson(spec))
        .expect("the generator writes valid data");
    let _ = map.border_index();
    map
}

fn points(m: usize) -> Vec<Coord<f64>> {
    support::query_points(m, 7)
        .into_iter()
        .map(|(x, y)| Coord { x, y })
        .collect()
}

/// The packed tree over the border's edges, built from a freshly loaded map
/// (the load is outside the timing).
fn index_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("border_index_build");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [10_000usize, 100_000, 1_000_000] {
        let text = support::border_geojson(n, 1_000, 7);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("demarcate", n), &text, |b, text| {
            b.iter_batched_ref(
                || BorderMap::from_geojson_str(text).unwrap(),
                |map| black_box(map.border_index().edges().len()),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// `distances_to_border` on the default rayon pool (all cores).
fn batch_distance(c: &mut Criterion) {
    let mut g = c.benchmark_group("distance_exact");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for (n, m) in [
        (10_000usize, 100_000usize),
        (100_000, 100_000),
        (1_000_000, 100_000),
        (100_000, 1_000_000),
    ] {
        let map = map_of(&Spec::new(n, 0));
        let pts = points(m);
        g.throughput(Throughput::Elements(m as u64));
        g.bench_with_input(
            BenchmarkId::new("demarcate", format!("{n}v_{m}p")),
            &pts,
            |b, pts| b.iter(|| black_box(map.distances_to_border(pts).unwrap().len())),
        );
    }
    g.finish();
}

/// The same batch on a rayon pool of 1 and of 2 threads.
fn threads(c: &mut Criterion) {
    let mut g = c.benchmark_group("distance_exact_threads");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let map = map_of(&Spec::new(100_000, 0));
    let pts = points(200_000);
    g.throughput(Throughput::Elements(pts.len() as u64));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_with_input(BenchmarkId::new("demarcate", threads), &pts, |b, pts| {
            b.iter(|| pool.install(|| black_box(map.distances_to_border(pts).unwrap().len())))
        });
    }
    g.finish();
}

/// `segments_within` for 1,000 points at several radii (100,000-vertex
/// border): the cost grows with the number of edges in reach.
fn segments_within(c: &mut Criterion) {
    let mut g = c.benchmark_group("segments_within");
    g.sample_size(10);
    let map = map_of(&Spec::new(100_000, 0));
    let pts = points(1_000);
    g.throughput(Throughput::Elements(pts.len() as u64));
    for radius_m in [1_000.0f64, 10_000.0, 50_000.0] {
        g.bench_with_input(
            BenchmarkId::new("demarcate", format!("{}km", radius_m / 1e3)),
            &pts,
            |b, pts| {
                b.iter(|| {
                    pts.iter()
                        .map(|p| map.segments_within(*p, radius_m).unwrap().len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

/// `features_within(IncursionZone, 1 km)` and `features_within(Outpost,
/// 500 m)`, growing with the number of features (100,000-vertex border).
fn features_within(c: &mut Criterion) {
    let mut g = c.benchmark_group("features_within");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for zones in [1_000usize, 10_000] {
        let map = map_of(&Spec::new(100_000, zones));
        g.throughput(Throughput::Elements(zones as u64));
        g.bench_function(BenchmarkId::new("demarcate_zones_1km", zones), |b| {
            b.iter(|| {
                black_box(
                    map.features_within(Kind::IncursionZone, 1_000.0)
                        .unwrap()
                        .len(),
                )
            })
        });
    }
    for posts in [500usize, 5_000] {
        let map = map_of(&Spec::new(100_000, 0).outposts(posts));
        g.throughput(Throughput::Elements(posts as u64));
        g.bench_function(BenchmarkId::new("demarcate_outposts_500m", posts), |b| {
            b.iter(|| black_box(map.features_within(Kind::Outpost, 500.0).unwrap().len()))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = index_build, batch_distance, threads, segments_within, features_within
}
criterion_main!(benches);
