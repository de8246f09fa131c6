//! Where do the parties' claim lines diverge? For every disputed segment with
//! claim lines: the area between each pair of claims and their largest
//! divergence (geodesic Hausdorff distance), with where it occurs.
//!
//! Run with `cargo run --release --example claims [DATASET]`.

use demarcate::BorderMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;
    let divergences = map.claim_divergences()?;
    println!("{path}: {} pair(s) of claim lines\n", divergences.len());
    for d in &divergences {
        let h = &d.hausdorff;
        let (on, other) = if h.from_a { (&d.a, &d.b) } else { (&d.b, &d.a) };
        println!(
            "{} ({}, {})",
            d.segment.id(),
            d.segment.status(),
            d.segment.name().unwrap_or("unnamed")
        );
        println!(
            "  {} claim vs {} claim: {:.3} km² between them in {} polygon(s)",
            d.a.claimant(),
            d.b.claimant(),
            d.area_m2 / 1e6,
            d.between.0.len()
        );
        println!(
            "  largest divergence {:.1} m: the {} claim at ({:.5}, {:.5}) lies that far from the {} claim, nearest at ({:.5}, {:.5}) (lon, lat)",
            h.distance_m,
            on.claimant(),
            h.from.x,
            h.from.y,
            other.claimant(),
            h.to.x,
            h.to.y
        );
    }
    Ok(())
}
