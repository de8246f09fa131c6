//! Exact ellipsoidal distance to the border: index build and batch queries.
//!
//! The headline case is 1,000,000 query points against a 100,000-vertex
//! border (`cargo bench --bench distance`); smaller sizes show the growth.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use demarcate::BorderMap;
use geo_types::Coord;

fn map_of(vertices: usize) -> BorderMap {
    BorderMap::from_geojson_str(&support::border_geojson(vertices, 1_000, 7))
        .expect("the generator writes valid data")
}

fn points(m: usize) -> Vec<Coord<f64>> {
    support::query_points(m, 7)
        .into_iter()
        .map(|(x, y)| Coord { x, y })
        .collect()
}

fn index_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("border_index_build");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let text = support::border_geojson(n, 1_000, 7);
        g.bench_with_input(BenchmarkId::new("demarcate", n), &text, |b, text| {
            b.iter(|| {
                let map = BorderMap::from_geojson_str(text).unwrap();
                black_box(map.border_index().edges().len())
            })
        });
    }
    g.finish();
}

fn batch_distance(c: &mut Criterion) {
    let mut g = c.benchmark_group("distance_exact");
    g.sample_size(10);
    for (n, m) in [
        (10_000usize, 100_000usize),
        (100_000, 100_000),
        (100_000, 1_000_000),
    ] {
        let map = map_of(n);
        let _ = map.border_index();
        let pts = points(m);
        g.throughput(criterion::Throughput::Elements(m as u64));
        g.bench_with_input(
            BenchmarkId::new("demarcate", format!("{n}v_{m}p")),
            &pts,
            |b, pts| b.iter(|| black_box(map.distances_to_border(pts).unwrap().len())),
        );
    }
    g.finish();
}

fn single_thread(c: &mut Criterion) {
    let mut g = c.benchmark_group("distance_exact_threads");
    g.sample_size(10);
    let map = map_of(100_000);
    let _ = map.border_index();
    let pts = points(200_000);
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

criterion_group!(benches, index_build, batch_distance, single_thread);
criterion_main!(benches);
