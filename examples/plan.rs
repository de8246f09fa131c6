//! Where should outposts go so that the whole border is within 8 km of one?
//! Plans posts on the bundled data, prints their number against the lower
//! bound, and writes them as GeoJSON only when given an output path.
//!
//! Run with `cargo run --release --example plan [OUT.geojson [RANGE_M [DATASET]]]`.

use demarcate::analysis::PlanOptions;
use demarcate::{BorderMap, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next();
    let range_m: f64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(8_000.0);
    let path = args
        .next()
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let map = BorderMap::from_path(&path)?;

    let plan = map.plan(&PlanOptions::new(range_m))?;
    println!(
        "{path}: {} post(s) of range {:.0} m cover all {:.3} km of border \
         (verified: {:.6} covered); no plan can do with fewer than {} \
         (at most {} more than the optimum)",
        plan.posts.len(),
        range_m,
        plan.coverage.total_m / 1e3,
        plan.coverage.covered_fraction,
        plan.lower_bound,
        plan.posts.len() - plan.lower_bound,
    );
    let kept = map.plan(&PlanOptions::new(range_m).keep_existing(true))?;
    println!(
        "keeping the {} existing outpost(s): {} new post(s) (lower bound {})",
        kept.existing,
        kept.posts.len(),
        kept.lower_bound
    );
    for p in &kept.posts {
        println!(
            "  {} at {:.5} N {:.5} E (segment {})",
            p.id,
            p.point.y,
            p.point.x,
            p.segment.id()
        );
    }
    if let Some(out) = out {
        let fc = plan.to_feature_collection(&Party::new("RUS"));
        std::fs::write(&out, serde_json::to_string_pretty(&fc)? + "\n")?;
        println!("wrote {} post(s) to {out}", plan.posts.len());
    }
    Ok(())
}
