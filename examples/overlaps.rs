//! Which reported incursion zones overlap, and by how much: every pair with
//! the geodesic area of its overlap, on the bundled data.
//!
//! Run with `cargo run --release --example overlaps [DATASET]`.

use demarcate::BorderMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;
    let overlaps = map.overlaps()?;

    println!(
        "{path}: {} incursion zone(s), {} overlapping pair(s)\n",
        map.incursion_zones().len(),
        overlaps.len()
    );
    println!(
        "{:<10} {:<10} {:>12} {:>8} {:>8}",
        "zone a", "zone b", "overlap km²", "% of a", "% of b"
    );
    for o in &overlaps {
        let area = |z: &demarcate::IncursionZone<'_>| -> f64 {
            z.polygons()
                .iter()
                .map(demarcate::geodesy::geodesic_area_m2)
                .sum()
        };
        println!(
            "{:<10} {:<10} {:>12.3} {:>8.1} {:>8.1}",
            o.a.id().to_string(),
            o.b.id().to_string(),
            o.area_m2 / 1e6,
            100.0 * o.area_m2 / area(&o.a),
            100.0 * o.area_m2 / area(&o.b),
        );
    }
    Ok(())
}
