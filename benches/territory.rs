//! Territories at scale: preparing a territory (geodesic point-in-polygon
//! index), locating points in it, and the distance batch with and without
//! territories in the dataset.
//!
//! The territories are those of the generator (`support::territory_rings`):
//! north and south of a border of n vertices, sharing them.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use demarcate::BorderMap;
use demarcate::polygon::PreparedPolygon;
use geo_types::{Coord, LineString, Polygon};
use support::Spec;

fn north_territory(n: usize) -> Polygon<f64> {
    let border = support::border_vertices(n, 7);
    let [(_, ring), _] = support::territory_rings(&border);
    Polygon::new(
        LineString(ring.into_iter().map(|(x, y)| Coord { x, y }).collect()),
        Vec::new(),
    )
}

fn points(m: usize) -> Vec<Coord<f64>> {
    support::query_points(m, 7)
        .into_iter()
        .map(|(x, y)| Coord { x, y })
        .collect()
}

/// Building the prepared polygon: edge bands, interval tree, cell grid.
fn prepare(c: &mut Criterion) {
    let mut g = c.benchmark_group("territory_prepare");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [100_000usize, 1_000_000] {
        let poly = north_territory(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("demarcate", n), &poly, |b, poly| {
            b.iter(|| black_box(PreparedPolygon::new(std::slice::from_ref(poly)).edge_count()))
        });
    }
    g.finish();
}

/// 100,000 points located in a prepared territory, one thread.
fn locate(c: &mut Criterion) {
    let mut g = c.benchmark_group("territory_locate");
    g.sample_size(10);
    let pts = points(100_000);
    for n in [100_000usize, 1_000_000] {
        let prepared = PreparedPolygon::new(std::slice::from_ref(&north_territory(n)));
        g.throughput(Throughput::Elements(pts.len() as u64));
        g.bench_with_input(BenchmarkId::new("demarcate", n), &prepared, |b, p| {
            b.iter(|| pts.iter().filter(|&&q| p.intersects(q)).count())
        });
    }
    g.finish();
}

/// The distance batch (100,000 points) against a 100,000-vertex border,
/// without and with the two territories (whose index is built before).
fn distance_with_territories(c: &mut Criterion) {
    let mut g = c.benchmark_group("distance_territories");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let pts = points(100_000);
    g.throughput(Throughput::Elements(pts.len() as u64));
    for (name, spec) in [
        ("without", Spec::new(100_000, 0)),
        ("with", Spec::new(100_000, 0).with_territories()),
    ] {
        let map = BorderMap::from_geojson_str(&support::dataset_geojson(&spec)).unwrap();
        let _ = map.distances_to_border(&pts[..1]).unwrap();
        g.bench_function(BenchmarkId::new("demarcate", name), |b| {
            b.iter(|| black_box(map.distances_to_border(&pts).unwrap().len()))
        });
    }
    g.finish();
}

criterion_group!(benches, prepare, locate, distance_with_territories);
criterion_main!(benches);
