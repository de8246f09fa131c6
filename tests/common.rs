//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The path of a file under the crate root.
pub fn root(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The bundled seed dataset.
pub fn seed_path() -> PathBuf {
    root("data/armenia-azerbaijan-2021.geojson")
}

/// The bundled hand-checkable dataset.
pub fn hand_path() -> PathBuf {
    root("data/hand-checkable.geojson")
}

#[path = "support/json_equal.rs"]
mod json_eq;
pub use json_eq::json_equal;

/// Geodesic distance in metres between two (lon, lat) points, from
/// geographiclib-rs directly (GeographicLib's inverse solution).
pub fn geodesic_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geographiclib_rs::{Geodesic, InverseGeodesic};
    let s: f64 = Geodesic::wgs84().inverse(a.1, a.0, b.1, b.0);
    s
}

/// The dataset at `path` without its territories, so sides come from the
/// segments' left and right.
pub fn without_territories(path: &std::path::Path) -> demarcate::BorderMap {
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["features"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["properties"]["kind"] != "territory");
    demarcate::BorderMap::from_geojson_str(&doc.to_string()).unwrap()
}

/// A point `off_m` metres to the left (negative: right) of the geodesic
/// edge `at` of the way (0..1) along `line`, at a fraction `t` of that edge.
pub fn off_edge(
    line: &geo_types::LineString<f64>,
    at: f64,
    t: f64,
    off_m: f64,
) -> geo_types::Coord<f64> {
    use demarcate::geodesy::{azimuth_deg, destination, distance_m};
    let n = line.0.len() - 1;
    let k = ((n as f64 * at) as usize).min(n - 1);
    let (a, b) = (line.0[k], line.0[k + 1]);
    let foot = destination(a, azimuth_deg(a, b), t * distance_m(a, b));
    destination(foot, azimuth_deg(foot, b) - 90.0, off_m)
}
