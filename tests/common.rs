//! Helpers shared by the integration tests.

use std::path::PathBuf;

use serde_json::Value;

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

/// JSON equality where numbers compare by value (`45` equals `45.0`), as GeoJSON
/// readers see them; everything else must be identical.
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Geodesic distance in metres between two (lon, lat) points, from
/// geographiclib-rs directly (GeographicLib's inverse solution).
pub fn geodesic_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    use geographiclib_rs::{Geodesic, InverseGeodesic};
    let s: f64 = Geodesic::wgs84().inverse(a.1, a.0, b.1, b.0);
    s
}
