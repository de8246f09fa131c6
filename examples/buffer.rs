//! A 5 km strip along the bundled border: on both sides, and on Armenia's
//! side only (clipped with Armenia's territory), with their geodesic areas
//! and how far every outline vertex is from the border.
//!
//! Run with `cargo run --release --example buffer [DATASET] [PARTY] [DISTANCE_M]`.

use demarcate::{BorderMap, BufferOptions, FeatureId, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let party = Party::new(args.next().unwrap_or_else(|| "ARM".to_owned()));
    let distance_m: f64 = args.next().map_or(Ok(5_000.0), |s| s.parse())?;
    let map = BorderMap::from_path(&path)?;

    let started = std::time::Instant::now();
    let both = map.buffer(&BufferOptions::new(distance_m))?;
    let both_time = started.elapsed();
    let started = std::time::Instant::now();
    let side = map.buffer(&BufferOptions::new(distance_m).side(party.clone()))?;
    let side_time = started.elapsed();

    for (label, strip, time) in [
        ("both sides".to_owned(), &both, both_time),
        (format!("{party}'s side"), &side, side_time),
    ] {
        let vertices: usize = strip
            .geometry
            .0
            .iter()
            .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
            .sum();
        println!(
            "{:.0} m strip, {label}: {:.3} km² in {} polygon(s), {vertices} vertices ({:.2} s)",
            strip.distance_m,
            strip.area_m2 / 1e6,
            strip.geometry.0.len(),
            time.as_secs_f64()
        );
    }

    // The strip's outline against the border distance: vertices on the
    // border's offsets are at D to the millimetre.
    let mut worst = 0.0_f64;
    let mut count = 0;
    for poly in &both.geometry.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for &c in &ring.0 {
                let d = map.distance_to_border(c)?.distance_m;
                worst = worst.max((d - distance_m).abs());
                count += 1;
            }
        }
    }
    println!("{count} outline vertices of the two-sided strip: |distance − D| ≤ {worst:.2e} m");
    let feature = side.to_feature(FeatureId::from("strip-5km"));
    println!(
        "as GeoJSON: kind {}, side {}",
        feature.kind_str().unwrap_or("-"),
        feature
            .property("side")
            .map_or("-".into(), |v| v.to_string())
    );
    Ok(())
}
