//! The median (equidistance) line through Sev Lich (Black Lake, Syunik)
//! between the Armenian and the Azerbaijani shore of the seed dataset
//! (illustrative outlines), with its turning points; or between any two
//! parties of another dataset (Lake Malawi: `data/lake-malawi.geojson 0.01
//! MWI,TZA`).
//!
//! ```sh
//! cargo run --release --example median [DATASET] [TOLERANCE_M] [A,B]
//! ```

use demarcate::{BorderMap, MedianOptions, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "data/armenia-azerbaijan-2021.geojson".to_owned());
    let tolerance: f64 = args.next().map_or(Ok(0.01), |t| t.parse())?;
    let parties = args.next().unwrap_or_else(|| "ARM,AZE".to_owned());
    let (a, b) = parties.split_once(',').ok_or("parties are given as A,B")?;
    let map = BorderMap::from_path(&path)?;
    let started = std::time::Instant::now();
    let line = map.median_line(
        &Party::new(a),
        &Party::new(b),
        &MedianOptions::new().tolerance_m(tolerance),
    )?;
    let took = started.elapsed();
    println!(
        "median line {a}|{b}: {} vertices, {:.3} m long, {} turning points, largest |d_{a} - d_{b}| at a vertex {:.2e} m ({:.1} ms)",
        line.line.0.len(),
        line.length_m,
        line.turning_points.len(),
        line.max_residual_m,
        took.as_secs_f64() * 1e3
    );
    println!("ends: {:?}", line.ends);
    for t in &line.turning_points {
        let controls: Vec<String> = t
            .controls
            .iter()
            .map(|c| {
                format!(
                    "{} {} {:?}",
                    c.party,
                    c.id.as_ref().map_or("-".to_owned(), ToString::to_string),
                    c.element
                )
            })
            .collect();
        println!(
            "  turning point {:>3}: ({:.7}, {:.7}) at {:.3} m, residual {:.1e} m, condition {:.2}{}  [{}]",
            t.vertex,
            t.point.x,
            t.point.y,
            t.distance_m,
            t.residual_m,
            t.condition_number,
            if t.ill_conditioned {
                " ILL-CONDITIONED"
            } else {
                ""
            },
            controls.join("; ")
        );
    }
    println!(
        "check: {} locus points from the shore vertices, farthest {:.2e} m from the line, {} missed",
        line.check.points,
        line.check.max_offset_m,
        line.check.missed.len()
    );
    Ok(())
}
