//! Writes the synthetic benchmark data to files, for the peer comparison.
//!
//! `cargo run --release --example generate -- DIR [VERTICES] [POINTS]` writes
//! `DIR/border.geojson` (default 100,000 vertices in segments of 1,000) and
//! `DIR/points.csv` (default 1,000,000 points, `id,lon,lat`).

#[path = "../benches/support/mod.rs"]
mod support;

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: generate DIR [VERTICES] [POINTS]")?,
    );
    let vertices: usize = args.next().map_or(Ok(100_000), |s| s.parse())?;
    let points: usize = args.next().map_or(Ok(1_000_000), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("border.geojson"),
        support::border_geojson(vertices, 1_000, 7),
    )?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("points.csv"))?);
    writeln!(w, "id,lon,lat")?;
    for (i, (lon, lat)) in support::query_points(points, 7).into_iter().enumerate() {
        writeln!(w, "{i},{lon:.7},{lat:.7}")?;
    }
    w.flush()?;
    eprintln!(
        "wrote {} ({vertices} vertices, {points} points)",
        dir.display()
    );
    Ok(())
}
