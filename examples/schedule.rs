//! The turning-point schedule of a bundled segment, as a boundary
//! commission lists it: DMS and decimal degrees, the geodesic distance and
//! azimuth to the next point, the back azimuth from there, and chainage;
//! then the CSV read back into a border segment.
//!
//! Run with `cargo run --release --example schedule [DATASET] [SEGMENT]`.

use demarcate::delimitation::{border_segment_feature, parse_schedule_csv};
use demarcate::{BorderMap, FeatureId, ScheduleOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let id = FeatureId::from(args.next().unwrap_or_else(|| "seg-07".to_owned()).as_str());
    let map = BorderMap::from_path(&path)?;
    let segment = map.segment(&id).ok_or(format!("{path}: no segment {id}"))?;
    let schedule = map.schedule(&ScheduleOptions::new().segments([id.clone()]))?;

    println!("{}", schedule.to_markdown());
    let back = parse_schedule_csv(&schedule.to_csv(), "<schedule>")?;
    let feature = border_segment_feature(
        back[0].id.clone(),
        back[0].lines.clone(),
        segment.left(),
        segment.right(),
        segment.status(),
    );
    let worst = back[0]
        .lines
        .0
        .iter()
        .zip(segment.lines())
        .flat_map(|(a, b)| a.0.iter().zip(&b.0))
        .map(|(p, q)| (p.x - q.x).abs().max((p.y - q.y).abs()))
        .fold(0.0_f64, f64::max);
    println!(
        "The CSV reads back into {} {} ({} vertices, largest difference {worst:.1e}°).",
        feature.kind_str().unwrap_or("-"),
        id,
        back[0].lines.0.iter().map(|l| l.0.len()).sum::<usize>(),
    );
    Ok(())
}
