//! The main job on the bundled data: every reported incursion zone with its
//! geodesic area.
//!
//! Run with `cargo run --release --example incursions [DATASET]`.

use demarcate::BorderMap;
use demarcate::geodesy::geodesic_area_m2;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;

    println!(
        "{path}: {} incursion zone(s)\n",
        map.incursion_zones().len()
    );
    println!(
        "{:<10} {:<10} {:<8} {:<8} {:>10}  name",
        "zone", "reported", "claimant", "accused", "area km²"
    );
    for zone in map.incursion_zones() {
        let area_m2: f64 = zone.polygons().iter().map(geodesic_area_m2).sum();
        println!(
            "{:<10} {:<10} {:<8} {:<8} {:>10.3}  {}",
            zone.id().to_string(),
            zone.reported().unwrap_or("-"),
            zone.claimant().as_str(),
            zone.accused().as_str(),
            area_m2 / 1e6,
            zone.name().unwrap_or("")
        );
    }
    Ok(())
}
