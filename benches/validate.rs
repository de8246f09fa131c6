//! Validating territories: the generator's dataset with and without two
//! territories of the border's size that share the border (north and south of
//! it), and single territories of 10k to 1M vertices. Everything goes through
//! `io::load_str` (parse, validate, type), as `demarcate validate` does; geo's
//! quadratic `Validation` of the same polygon, parse-free, is the peer at 10k.

#[path = "support/mod.rs"]
mod support;

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use demarcate::io::load_str;
use geo::Validation;
use geo_types::{LineString, Polygon};
use support::Spec;

/// The ring of the territory north (`north`) or south of the border of `n`
/// vertices: the border itself, then a cap 5° away, closed. Coordinates are
/// rounded as the generator writes the border, so the two share it exactly.
fn territory_ring(n: usize, seed: u64, north: bool) -> Vec<(f64, f64)> {
    let round = |v: f64| format!("{v:.7}").parse::<f64>().unwrap_or(v);
    let border = support::border_vertices(n, seed);
    let mut ring: Vec<(f64, f64)> = border.iter().map(|&(x, y)| (round(x), round(y))).collect();
    let cap = if north { 45.0 } else { 35.0 };
    let (west, east) = (ring[0].0, ring[ring.len() - 1].0);
    ring.push((east, cap));
    ring.push((west, cap));
    ring.push(ring[0]);
    ring
}

fn territory_feature(s: &mut String, id: &str, party: &str, ring: &[(f64, f64)]) {
    let _ = write!(
        s,
        r#"{{"type":"Feature","id":"{id}","properties":{{"kind":"territory","party":"{party}"}},"geometry":{{"type":"Polygon","coordinates":[["#
    );
    for (j, (lon, lat)) in ring.iter().enumerate() {
        if j > 0 {
            s.push(',');
        }
        let _ = write!(s, "[{lon:.7},{lat:.7}]");
    }
    s.push_str("]]}}");
}

/// The generator's dataset plus the territories `NOR` (north) and `SOU`.
fn with_territories(spec: &Spec) -> String {
    let base = support::dataset_geojson(spec);
    let mut s = String::with_capacity(base.len() * 2);
    s.push_str(&base[..base.len() - 2]);
    for (id, party, north) in [("terr-nor", "NOR", true), ("terr-sou", "SOU", false)] {
        s.push(',');
        territory_feature(
            &mut s,
            id,
            party,
            &territory_ring(spec.vertices, spec.seed, north),
        );
    }
    s.push_str("]}");
    s
}

fn one_territory(n: usize) -> String {
    let mut s = String::from(r#"{"type":"FeatureCollection","features":["#);
    territory_feature(&mut s, "terr-nor", "NOR", &territory_ring(n, 7, true));
    s.push_str("]}");
    s
}

fn assert_clean(text: &str) {
    let loaded = load_str(text).unwrap();
    assert!(!loaded.has_errors(), "{:?}", &loaded.diagnostics[..1]);
}

fn dataset(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate_dataset");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let spec = Spec::new(100_000, 10_000);
    for (label, text) in [
        ("100kv_10kz", support::dataset_geojson(&spec)),
        ("100kv_10kz_2x100k_territories", with_territories(&spec)),
    ] {
        assert_clean(&text);
        g.bench_with_input(BenchmarkId::new("demarcate", label), &text, |b, text| {
            b.iter(|| black_box(load_str(text).unwrap().diagnostics.len()))
        });
    }
    g.finish();
}

fn territory(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate_territory");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in [10_000usize, 100_000, 1_000_000] {
        let text = one_territory(n);
        assert_clean(&text);
        g.bench_with_input(BenchmarkId::new("demarcate", n), &text, |b, text| {
            b.iter(|| black_box(load_str(text).unwrap().diagnostics.len()))
        });
    }
    let n = 10_000;
    let polygon = Polygon::new(LineString::from(territory_ring(n, 7, true)), vec![]);
    assert!(polygon.is_valid());
    g.bench_with_input(BenchmarkId::new("geo_validation", n), &polygon, |b, p| {
        b.iter(|| black_box(p.validation_errors().len()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = dataset, territory
}
criterion_main!(benches);
