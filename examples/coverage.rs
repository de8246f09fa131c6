//! Do the outposts cover the whole border? The covered fraction and the gaps
//! of the bundled data (outposts with their own `range_m`).
//!
//! Run with `cargo run --release --example coverage [DATASET [DEFAULT_RANGE_M]]`;
//! the default range applies to outposts without `range_m`.

use demarcate::BorderMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let default_range_m: Option<f64> = args.next().map(|s| s.parse()).transpose()?;
    let map = BorderMap::from_path(&path)?;
    let cov = map.coverage(default_range_m)?;

    println!(
        "{path}: {} outpost(s), {:.3} km of {:.3} km of border covered ({:.4} %)\n",
        map.outposts().len(),
        cov.covered_m / 1e3,
        cov.total_m / 1e3,
        100.0 * cov.covered_fraction
    );
    println!(
        "{:<10} {:>12} {:>12} {:>12}  name",
        "segment", "from km", "to km", "length km"
    );
    for gap in &cov.gaps {
        println!(
            "{:<10} {:>12.3} {:>12.3} {:>12.3}  {}",
            gap.segment.id().to_string(),
            gap.from_m / 1e3,
            gap.to_m / 1e3,
            gap.length_m / 1e3,
            gap.segment.name().unwrap_or("")
        );
    }
    if cov.gaps.is_empty() {
        println!("(no gaps: the whole border is covered)");
    }
    Ok(())
}
