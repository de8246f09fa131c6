//! Writes the synthetic benchmark data to files, for the peer comparison.
//!
//! ```sh
//! cargo run --release --example generate -- DIR [VERTICES] [POINTS] [ZONES] [OUTPOSTS]
//! ```
//!
//! writes
//!
//! - `DIR/dataset.geojson`: the border (default 100,000 vertices, in segments
//!   of 1,000), the outposts (default 500, evenly along it) and the incursion
//!   zones (default 10,000), as one Demarcation GeoJSON FeatureCollection;
//! - `DIR/dataset-territories.geojson`: the same with the two territories
//!   north and south of the border, which share its vertices (each has the
//!   border's vertices and 34 more);
//! - `DIR/points.csv`: the query points (default 1,000,000), `id,lon,lat`.
//!
//! The data are those of `benches/support` (seed 7), the same the criterion
//! benches use, so the Rust and the Python sides of `benches/peer/run.sh`
//! measure the same thing.

#[path = "../benches/support/mod.rs"]
mod support;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str = "usage: generate DIR [VERTICES] [POINTS] [ZONES] [OUTPOSTS]";
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or(USAGE)?);
    let mut count = |default: usize| -> Result<usize, String> {
        args.next()
            .map_or(Ok(default), |s| s.replace('_', "").parse())
            .map_err(|e| format!("{e}; {USAGE}"))
    };
    let vertices = count(100_000)?;
    let points = count(1_000_000)?;
    let zones = count(10_000)?;
    let outposts = count(500)?;
    if vertices < 2 {
        return Err(format!("a border needs at least 2 vertices; {USAGE}").into());
    }
    let spec = support::Spec::new(vertices, zones).outposts(outposts);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("dataset.geojson"), support::dataset_geojson(&spec))?;
    std::fs::write(
        dir.join("dataset-territories.geojson"),
        support::dataset_geojson(&spec.with_territories()),
    )?;
    let w = std::io::BufWriter::new(std::fs::File::create(dir.join("points.csv"))?);
    support::write_points_csv(w, points, spec.seed)?;
    eprintln!(
        "wrote {} ({vertices} vertices, {zones} zones, {outposts} outposts, {points} points)",
        dir.display()
    );
    Ok(())
}
