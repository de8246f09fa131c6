//! Deterministic synthetic datasets for benchmarks and the peer comparison.
//!
//! A long winding border in the Caucasus latitudes (10k to 1M vertices), split
//! into segments with consistent sides (`NOR` left, `SOU` right); incursion
//! zones (small polygons of 8 to 16 vertices, 0.5 km to 5 km across,
//! clustered along the border, many overlapping); outposts along it; and query
//! points around it. Everything comes from a seeded generator, so the Rust
//! benches and the Python peer see the same data (the `generate` example
//! writes it to files).

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

/// A Demarcation GeoJSON dataset of the border alone: `n` vertices cut into
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

/// Metres per degree of latitude (mean), to size zones and offsets.
const M_PER_DEG: f64 = 111_320.0;

/// The size of a synthetic dataset.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Border vertices (10k to 1M).
    pub vertices: usize,
    /// Vertices per border segment (consecutive segments share an end).
    pub per_segment: usize,
    /// Incursion zones (10k to 100k), clustered along the border.
    pub zones: usize,
    /// Outposts, evenly spread along the border.
    pub outposts: usize,
    /// The seed of every random choice.
    pub seed: u64,
    /// Whether to add the two territories (north `NOR`, south `SOU`) that
    /// share the border.
    pub territories: bool,
}

impl Spec {
    /// A border of `vertices` in segments of 1,000, `zones` zones and 500
    /// outposts (one every 6 km or so: the border always spans 30° of
    /// longitude, more vertices only make it finer), seed 7.
    pub fn new(vertices: usize, zones: usize) -> Self {
        Spec {
            vertices,
            per_segment: 1_000,
            zones,
            outposts: 500,
            seed: 7,
            territories: false,
        }
    }

    /// With the two territories of [`territory_rings`].
    pub fn with_territories(mut self) -> Self {
        self.territories = true;
        self
    }

    /// Another number of outposts.
    pub fn outposts(mut self, outposts: usize) -> Self {
        self.outposts = outposts;
        self
    }
}

/// `zones` incursion zones around the border of `border`: small star-shaped
/// (hence simple) polygons of 8 to 16 vertices, 0.5 km to 5 km across,
/// counter-clockwise and closed, in clusters of about 8 around random border
/// vertices, so that many of them overlap one another and the border.
pub fn zone_rings(border: &[(f64, f64)], zones: usize, seed: u64) -> Vec<Vec<(f64, f64)>> {
    let mut rng = Rng::new(seed ^ 0x5A5A_0001);
    let mut out = Vec::with_capacity(zones);
    let mut centre = (0.0, 0.0);
    for z in 0..zones {
        if z % 8 == 0 {
            // A new cluster: a border vertex moved up to 2 km off the line.
            let (lon, lat) = border[rng.next_u64() as usize % border.len()];
            let k = M_PER_DEG * lat.to_radians().cos();
            centre = (
                lon + rng.range(-2_000.0, 2_000.0) / k,
                lat + rng.range(-2_000.0, 2_000.0) / M_PER_DEG,
            );
        }
        let k = M_PER_DEG * centre.1.to_radians().cos();
        let c = (
            centre.0 + rng.range(-1_500.0, 1_500.0) / k,
            centre.1 + rng.range(-1_500.0, 1_500.0) / M_PER_DEG,
        );
        let radius_m = rng.range(250.0, 2_500.0);
        let n = 8 + (rng.next_u64() % 9) as usize;
        let step = std::f64::consts::TAU / n as f64;
        let mut ring: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                // Increasing angles (jitter within the slot): a star-shaped,
                // counter-clockwise ring.
                let a = step * (i as f64 + rng.range(0.0, 0.8));
                let r = radius_m * rng.range(0.6, 1.0);
                (c.0 + r * a.cos() / k, c.1 + r * a.sin() / M_PER_DEG)
            })
            .collect();
        ring.push(ring[0]);
        out.push(ring);
    }
    out
}

/// `count` outposts evenly spread along the border, each up to 1 km off the
/// line, with ranges from 3 km to 8 km (so the coverage has gaps).
pub fn outpost_sites(border: &[(f64, f64)], count: usize, seed: u64) -> Vec<((f64, f64), f64)> {
    let mut rng = Rng::new(seed ^ 0x0B0B_0002);
    (0..count)
        .map(|i| {
            let (lon, lat) = border[(i * border.len() / count.max(1)).min(border.len() - 1)];
            let k = M_PER_DEG * lat.to_radians().cos();
            let p = (
                lon + rng.range(-1_000.0, 1_000.0) / k,
                lat + rng.range(-1_000.0, 1_000.0) / M_PER_DEG,
            );
            (p, rng.range(3_000.0, 8_000.0).round())
        })
        .collect()
}

/// The territories north (`NOR`) and south (`SOU`) of the border, sharing
/// every border vertex: each is the border closed by a box 3° to its north
/// or south (1° steps along the parallels, so those closing edges bulge by
/// ~120 m at most), counter-clockwise and closed.
pub fn territory_rings(border: &[(f64, f64)]) -> [(&'static str, Vec<(f64, f64)>); 2] {
    let (west, east) = (border[0].0, border[border.len() - 1].0);
    let parallel = |lat: f64, from: f64, to: f64| -> Vec<(f64, f64)> {
        let n = ((to - from).abs().ceil() as usize).max(1);
        (0..=n)
            .map(|i| (from + (to - from) * i as f64 / n as f64, lat))
            .collect()
    };
    let mut north: Vec<(f64, f64)> = border.to_vec();
    north.extend(parallel(43.0, east, west));
    north.push(border[0]);
    let mut south: Vec<(f64, f64)> = border.iter().rev().copied().collect();
    south.extend(parallel(37.0, west, east));
    south.push(border[border.len() - 1]);
    [("NOR", north), ("SOU", south)]
}

/// A whole Demarcation GeoJSON dataset: the border of [`border_geojson`],
/// then the territories when the spec asks for them, the outposts (operator
/// `NOR`), then the incursion zones (claimants alternate `NOR` / `SOU`, the
/// accused is the other party).
pub fn dataset_geojson(spec: &Spec) -> String {
    let border = border_geojson(spec.vertices, spec.per_segment, spec.seed);
    let v = border_vertices(spec.vertices, spec.seed);
    let mut s = String::with_capacity(border.len() + spec.zones * 400 + spec.outposts * 160);
    // Reopen the features array of the border collection.
    s.push_str(&border[..border.len() - 2]);
    if spec.territories {
        for (party, ring) in territory_rings(&v) {
            let _ = write!(
                s,
                r#",{{"type":"Feature","id":"territory-{party}","properties":{{"kind":"territory","party":"{party}"}},"geometry":{{"type":"Polygon","coordinates":[["#
            );
            for (j, (lon, lat)) in ring.iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                let _ = write!(s, "[{lon:.7},{lat:.7}]");
            }
            s.push_str("]]}}");
        }
    }
    let statuses = ["active", "planned", "proposed"];
    for (i, ((lon, lat), range)) in outpost_sites(&v, spec.outposts, spec.seed)
        .into_iter()
        .enumerate()
    {
        let _ = write!(
            s,
            r#",{{"type":"Feature","id":"post-{i}","properties":{{"kind":"outpost","operator":"NOR","status":"{}","range_m":{range}}},"geometry":{{"type":"Point","coordinates":[{lon:.7},{lat:.7}]}}}}"#,
            statuses[i % 3]
        );
    }
    for (i, ring) in zone_rings(&v, spec.zones, spec.seed)
        .into_iter()
        .enumerate()
    {
        let (claimant, accused) = if i % 2 == 0 {
            ("NOR", "SOU")
        } else {
            ("SOU", "NOR")
        };
        let _ = write!(
            s,
            r#",{{"type":"Feature","id":"zone-{i}","properties":{{"kind":"incursion_zone","claimant":"{claimant}","accused":"{accused}","reported":"2021-05-{:02}"}},"geometry":{{"type":"Polygon","coordinates":[["#,
            1 + i % 28
        );
        for (j, (lon, lat)) in ring.iter().enumerate() {
            if j > 0 {
                s.push(',');
            }
            let _ = write!(s, "[{lon:.7},{lat:.7}]");
        }
        s.push_str("]]}}");
    }
    s.push_str("]}");
    s
}

/// The query points of [`query_points`] as a CSV with header `id,lon,lat`
/// (the format of `demarcate distance --points`).
pub fn write_points_csv(mut w: impl std::io::Write, m: usize, seed: u64) -> std::io::Result<()> {
    writeln!(w, "id,lon,lat")?;
    for (i, (lon, lat)) in query_points(m, seed).into_iter().enumerate() {
        writeln!(w, "{i},{lon:.7},{lat:.7}")?;
    }
    w.flush()
}
