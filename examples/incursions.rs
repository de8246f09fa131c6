//! The main job on the bundled data: every reported incursion zone with its
//! geodesic area, the part on the claimant's side, how deep it reaches into
//! the claimant's territory and how much border it holds.
//!
//! Run with `cargo run --release --example incursions [DATASET]`.

use demarcate::BorderMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;
    let reports = map.incursions()?;

    println!("{path}: {} incursion zone(s)\n", reports.len());
    println!(
        "{:<9} {:<10} {:<5} {:<5} {:>10} {:>16} {:>10} {:>12}",
        "zone", "reported", "by", "vs", "area km²", "claimant's km²", "depth km", "border km"
    );
    for r in &reports {
        println!(
            "{:<9} {:<10} {:<5} {:<5} {:>10.3} {:>16.3} {:>10.3} {:>12.3}",
            r.zone.id().to_string(),
            r.zone.reported().unwrap_or("-"),
            r.zone.claimant().as_str(),
            r.zone.accused().as_str(),
            r.area_m2 / 1e6,
            r.incursion_area_m2 / 1e6,
            r.max_depth_m / 1e3,
            r.border_length_m / 1e3,
        );
    }
    println!("\nArea: geodesic (WGS84). Claimant's: the part inside the claimant's territory.");
    println!("Depth: the largest distance from the border of any point of that part.");
    println!("Border: length of border inside or along the zone.");
    Ok(())
}
