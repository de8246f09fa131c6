//! Deterministic synthetic datasets for benchmarks and the peer comparison.
//!
//! A long winding border in the Caucasus latitudes, split into segments with
//! consistent sides, and query points around it. Everything comes from a
//! seeded generator, so the Rust benches and the Python peer see the same data
//! (the `generate` example writes it to files).

#![allow(dead_code)] // each bench uses a different part of the generator

use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// The border's vertices: `n` points winding eastward from 30° E to 60° E
/// around 40° N, about 40 m to 60 m apart per 0.0003° step plus meanders.
pub fn border_vertices(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    let (mut lat, mut heading) = (40.0f64, 0.0f64);
    let dlon = 30.0 / n as f64;
    for i in 0..n {
        let lon = 30.0 + dlon * i as f64;
        // A meander: the heading drifts randomly, pulled back towards 40° N.
        heading += rng.range(-0.3, 0.3) - (lat - 40.0) * 0.5;
        heading = heading.clamp(-1.2, 1.2);
        lat += dlon * heading.tan();
        out.push((lon, lat));
    }
    out
}

/// A Demarcation GeoJSON dataset: the border of `n` vertices cut into
/// segments of `per_segment` vertices (consecutive segments share their end
/// vertex), left party `NOR` (north), right `SOU`.
pub fn border_geojson(n: usize, per_segment: usize, seed: u64) -> String {
    let v = border_vertices(n, seed);
    let statuses = ["demarcated", "delimited", "disputed", "undefined"];
    let mut s = String::with_capacity(n * 30);
    s.push_str(r#"{"type":"FeatureCollection","name":"synthetic border","features":["#);
    let mut start = 0;
    let mut k = 0;
    while start + 1 < v.len() {
        let end = (start + per_segment).min(v.len() - 1);
        if k > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            r#"{{"type":"Feature","id":"seg-{k}","properties":{{"kind":"border_segment","left":"NOR","right":"SOU","status":"{}"}},"geometry":{{"type":"LineString","coordinates":["#,
            statuses[k % 4]
        );
        for (j, (lon, lat)) in v[start..=end].iter().enumerate() {
            if j > 0 {
                s.push(',');
            }
            let _ = write!(s, "[{lon:.7},{lat:.7}]");
        }
        s.push_str("]}}");
        start = end;
        k += 1;
    }
    s.push_str("]}");
    s
}

/// `m` query points, uniform over the border's box grown by half a degree.
pub fn query_points(m: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = Rng::new(seed ^ 0xA5A5_A5A5);
    (0..m)
        .map(|_| (rng.range(29.5, 60.5), rng.range(38.0, 42.0)))
        .collect()
}
