//! How long is each border segment, and how much of the border is
//! demarcated, delimited, disputed or undefined? (Geodesic lengths on WGS84.)
//!
//! Run with `cargo run --release --example lengths [DATASET]`.

use demarcate::BorderMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;

    println!("{path}: {} border segment(s)\n", map.segments().len());
    println!(
        "{:<10} {:<10} {:<6} {:<6} {:>10}  name",
        "segment", "status", "left", "right", "km"
    );
    for s in map.segment_lengths() {
        println!(
            "{:<10} {:<10} {:<6} {:<6} {:>10.3}  {}",
            s.segment.id().to_string(),
            s.segment.status().as_str(),
            s.segment.left().as_str(),
            s.segment.right().as_str(),
            s.length_m / 1e3,
            s.segment.name().unwrap_or("")
        );
    }

    let totals = map.status_lengths();
    println!("\nby status:");
    for (status, m) in totals.iter() {
        println!("  {:<10} {:>10.3} km", status.as_str(), m / 1e3);
    }
    println!("  {:<10} {:>10.3} km", "total", totals.total_m() / 1e3);
    Ok(())
}
