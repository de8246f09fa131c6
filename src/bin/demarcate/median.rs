//! `demarcate median`: the equidistance line between two parties' shores.

use demarcate::crs::{Direction, Transformer};
use demarcate::{MedianOptions, Party};

use crate::args::MedianArgs;
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: MedianArgs) -> Result<Status, Failure> {
    let parties: Vec<&str> = args.parties.split(',').map(str::trim).collect();
    let [a, b] = parties[..] else {
        return Err(Failure::Usage(format!(
            "--parties {}: give two party codes separated by a comma, e.g. ARM,AZE",
            args.parties
        )));
    };
    if a.is_empty() || b.is_empty() {
        return Err(Failure::Usage(format!(
            "--parties {}: a party code is empty",
            args.parties
        )));
    }
    if !(args.tolerance.is_finite() && args.tolerance > 0.0) {
        return Err(Failure::Usage(format!(
            "--tolerance {}: must be a positive number of metres",
            args.tolerance
        )));
    }
    let map = ctx.load_valid(&args.dataset)?;
    let options = MedianOptions::new().tolerance_m(args.tolerance);
    let m = map.median_line(&Party::new(a), &Party::new(b), &options)?;
    let ill = m
        .turning_points
        .iter()
        .filter(|t| t.ill_conditioned)
        .count();
    eprintln!(
        "demarcate: median line {a}|{b}: {} vertices, {:.3} m, {} turning point(s) ({ill} ill-conditioned); largest |d_{a} - d_{b}| at a vertex {:.1e} m",
        m.line.0.len(),
        m.length_m,
        m.turning_points.len(),
        m.max_residual_m
    );
    if let Some(p) = m.check.missed.first() {
        eprintln!(
            "demarcate: warning: {} point(s) equidistant from the shores lie off the traced line (first at {:.7}, {:.7}): the locus has another branch (an island, or across land) or a piece was missed",
            m.check.missed.len(),
            p.x,
            p.y
        );
    }
    let mut value = m.to_feature_collection();
    if let Some(crs) = ctx.output_crs() {
        let t = Transformer::new(crs)?;
        if let Some(features) = value["features"].as_array_mut() {
            for f in features {
                let g: geojson::Geometry = serde_json::from_value(f["geometry"].take())
                    .map_err(|e| Failure::stdout(e.into()))?;
                let g: geo_types::Geometry<f64> = g
                    .try_into()
                    .map_err(|e: geojson::Error| Failure::stdout(std::io::Error::other(e)))?;
                let g = t.transform(Direction::FromWgs84, &g)?;
                f["geometry"] = serde_json::to_value(geojson::Geometry::from(&g))
                    .map_err(|e| Failure::stdout(e.into()))?;
            }
        }
        value["crs"] = crs.to_geojson_member();
    }
    let mut out = Output::open(args.output.as_deref())?;
    out.write_json(&value, false)?;
    out.finish()?;
    Ok(Status::Success)
}
