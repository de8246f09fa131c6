//! JSON equality for round-trip checks, shared by the tests (`tests/common.rs`)
//! and the fuzz targets (`fuzz/src/lib.rs`).

use serde_json::Value;

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
