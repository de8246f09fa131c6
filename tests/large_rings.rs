//! Validation of a territory of a million vertices (checks that cost
//! O(n log n)): a valid ring, and the same ring with one crossing.

use demarcate::io::load_str;

const VERTICES: usize = 1_000_000;

/// A circle of radius 1° around (45, 40), counter-clockwise, as a territory
/// feature; `swap` exchanges vertices `k` and `k + 1`.
fn circle_territory(swap: Option<usize>) -> String {
    let mut ring: Vec<(f64, f64)> = (0..VERTICES)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / VERTICES as f64;
            (45.0 + t.cos(), 40.0 + t.sin())
        })
        .collect();
    if let Some(k) = swap {
        ring.swap(k, k + 1);
    }
    ring.push(ring[0]);
    let mut coords = String::with_capacity(VERTICES * 40);
    for (i, (x, y)) in ring.iter().enumerate() {
        if i > 0 {
            coords.push(',');
        }
        coords.push_str(&format!("[{x},{y}]"));
    }
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":"t","properties":{{"kind":"territory","party":"ARM"}},"geometry":{{"type":"Polygon","coordinates":[[{coords}]]}}}}]}}"#
    )
}

#[test]
fn a_million_vertex_circle_is_valid() {
    let loaded = load_str(&circle_territory(None)).expect("loads");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn one_crossing_in_a_million_vertices_is_found() {
    // p0 p2 p1 p3 on a convex curve: the chords p0p2 and p1p3 interleave, so
    // they cross; every other edge is as in the valid circle.
    let loaded = load_str(&circle_territory(Some(654_321))).expect("loads");
    let texts: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        vec![
            "error feature 0 (id t): geometry: invalid polygon: exterior ring has a self-intersection"
                .to_owned()
        ]
    );
}
