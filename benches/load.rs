//! Loading Demarcation GeoJSON (`BorderMap::from_geojson_str`: parse, validate,
//! type every feature) next to `serde_json::from_str::<serde_json::Value>` of
//! the same text, its floor: the target is within 2× of it.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use demarcate::BorderMap;
use support::Spec;

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_geojson");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for (n, zones) in [
        (10_000usize, 1_000usize),
        (100_000, 10_000),
        (1_000_000, 10_000),
    ] {
        let text = support::dataset_geojson(&Spec::new(n, zones));
        let label = format!("{n}v_{zones}z");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("demarcate", &label), &text, |b, text| {
            b.iter(|| black_box(BorderMap::from_geojson_str(text).unwrap().len()))
        });
        g.bench_with_input(
            BenchmarkId::new("serde_json_value", &label),
            &text,
            |b, text| {
                b.iter(|| {
                    black_box(
                        serde_json::from_str::<serde_json::Value>(text)
                            .unwrap()
                            .is_object(),
                    )
                })
            },
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = load
}
criterion_main!(benches);
