//! The buffer strip at scale: builds the strip of a dataset, times it, and
//! checks every outline vertex against the exact distance to the border.
//!
//! Run with `cargo run --release --example strip_scale -- DATASET [DISTANCE_M] [PARTY]`
//! (the synthetic borders come from `cargo run --release --example generate`).

use demarcate::{BorderMap, BufferOptions, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: strip_scale DATASET [DISTANCE_M] [PARTY]")?;
    let distance_m: f64 = args.next().map_or(Ok(5_000.0), |s| s.parse())?;
    let mut options = BufferOptions::new(distance_m);
    if let Some(party) = args.next() {
        options = options.side(Party::new(party));
    }
    let map = BorderMap::from_path(&path)?;
    let started = std::time::Instant::now();
    let strip = map.buffer(&options)?;
    let took = started.elapsed().as_secs_f64();
    let mut vertices = 0usize;
    let mut off = Vec::new();
    for poly in &strip.geometry.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for &c in &ring.0 {
                vertices += 1;
                let d = map.distance_to_border(c)?.distance_m;
                if (d - distance_m).abs() > 1e-3 {
                    off.push((c, d));
                }
            }
        }
    }
    println!(
        "{distance_m} m strip of {path}: {:.3} km² in {} polygon(s) ({} holes), {vertices} vertices, {:.2} s; {} vertices off D by > 1 mm, {} reported unsettled",
        strip.area_m2 / 1e6,
        strip.geometry.0.len(),
        strip
            .geometry
            .0
            .iter()
            .map(|p| p.interiors().len())
            .sum::<usize>(),
        took,
        off.len(),
        strip.unsettled.len()
    );
    for (c, d) in off.iter().take(5) {
        println!("  off D: {:.9} {:.9} at {d:.6} m", c.x, c.y);
    }
    for c in strip.unsettled.iter().take(5) {
        let d = map.distance_to_border(*c)?.distance_m;
        println!("  unsettled: {:.9} {:.9} at {d:.6} m", c.x, c.y);
    }
    Ok(())
}
