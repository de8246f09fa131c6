//! `demarcate distance`: distance, nearest segment and point, and side of
//! every query point.

use std::path::Path;

use demarcate::Error;
use demarcate::crs::Transformer;

use crate::args::{DistanceArgs, DistanceFormat};
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;
use crate::points;

pub fn run(ctx: &Context, args: DistanceArgs) -> Result<Status, Failure> {
    let (dataset, points_path, format) =
        (args.dataset.as_path(), args.points.as_path(), args.format);
    if dataset == Path::new("-") && points_path == Path::new("-") {
        return Err(Failure::Usage(
            "the dataset and the points cannot both come from standard input".into(),
        ));
    }
    let map = ctx.load_valid(dataset)?;
    let projected_in = ctx.projected_input();
    let pts = points::read(points_path, projected_in.is_some())?;
    for bad in &pts.bad_rows {
        eprintln!("demarcate: skipped {bad}");
    }
    let mut coords: Vec<geo_types::Coord<f64>> = pts.points.iter().map(|p| p.coord).collect();
    if let Some(c) = projected_in {
        coords = Transformer::new(c)?.points_to_wgs84(&coords)?;
    }
    let answers = distances_with_progress(&map, &coords)?;
    // Coordinates to write: the query points and the nearest points, in the
    // output CRS.
    let out_crs = ctx.output_crs();
    let (query_out, nearest_out) = match out_crs {
        Some(c) => {
            let t = Transformer::new(c)?;
            let nearest: Vec<_> = answers.iter().map(|a| a.nearest).collect();
            (
                t.points_from_wgs84(&coords)?,
                t.points_from_wgs84(&nearest)?,
            )
        }
        None => (coords.clone(), answers.iter().map(|a| a.nearest).collect()),
    };
    let (nx, ny, digits) = if out_crs.is_some() {
        ("nearest_x", "nearest_y", 4)
    } else {
        ("nearest_lon", "nearest_lat", 9)
    };
    let mut out = Output::open(args.output.as_deref())?;
    let side = |a: &demarcate::BorderDistance<'_>| a.side.map(|p| p.as_str().to_owned());
    match format {
        DistanceFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            let err = |e: csv::Error| Failure::stdout(std::io::Error::other(e));
            csv.write_record(["id", "distance_m", "segment", nx, ny, "side"])
                .map_err(err)?;
            for ((p, a), n) in pts.points.iter().zip(&answers).zip(&nearest_out) {
                csv.write_record([
                    p.id.clone(),
                    format!("{:.4}", a.distance_m),
                    a.segment.id().to_string(),
                    format!("{:.digits$}", n.x),
                    format!("{:.digits$}", n.y),
                    side(a).unwrap_or_default(),
                ])
                .map_err(err)?;
            }
            csv.flush().map_err(Failure::stdout)?;
            drop(csv);
        }
        DistanceFormat::Json => {
            let rows: Vec<serde_json::Value> = pts
                .points
                .iter()
                .zip(&answers)
                .zip(&nearest_out)
                .map(|((p, a), n)| {
                    let mut row = serde_json::Map::new();
                    row.insert("id".into(), p.id.clone().into());
                    row.insert("distance_m".into(), a.distance_m.into());
                    row.insert("segment".into(), a.segment.id().clone().into());
                    row.insert(nx.into(), n.x.into());
                    row.insert(ny.into(), n.y.into());
                    row.insert("side".into(), side(a).into());
                    serde_json::Value::Object(row)
                })
                .collect();
            out.write_json(&serde_json::Value::Array(rows), true)?;
        }
        DistanceFormat::Geojson => {
            let features: Vec<serde_json::Value> = pts
                .points
                .iter()
                .zip(&answers)
                .zip(nearest_out.iter().zip(&query_out))
                .map(|((p, a), (n, q))| {
                    let mut props = p.properties.clone().unwrap_or_default();
                    props.insert("distance_m".into(), a.distance_m.into());
                    props.insert("segment".into(), a.segment.id().clone().into());
                    props.insert(nx.into(), n.x.into());
                    props.insert(ny.into(), n.y.into());
                    props.insert("side".into(), side(a).into());
                    serde_json::json!({
                        "type": "Feature",
                        "id": p.id,
                        "properties": props,
                        "geometry": {"type": "Point", "coordinates": [q.x, q.y]},
                    })
                })
                .collect();
            let mut fc = serde_json::json!({"type": "FeatureCollection", "features": features});
            if let Some(c) = out_crs {
                fc["crs"] = c.to_geojson_member();
            }
            out.write_json(&fc, false)?;
        }
    }
    out.finish()?;
    if pts.bad_rows.is_empty() {
        Ok(Status::Success)
    } else {
        eprintln!(
            "demarcate: {} point(s) skipped, {} answered",
            pts.bad_rows.len(),
            answers.len()
        );
        Ok(Status::Findings)
    }
}

/// Batches of this many points between progress-bar updates.
const PROGRESS_CHUNK: usize = 65_536;

/// The distances of all points, in parallel, with a progress bar on stderr
/// when stderr is a terminal and the batch is large.
fn distances_with_progress<'a>(
    map: &'a demarcate::BorderMap,
    coords: &[geo_types::Coord<f64>],
) -> Result<Vec<demarcate::BorderDistance<'a>>, Failure> {
    use std::io::IsTerminal;
    if coords.len() <= PROGRESS_CHUNK || !std::io::stderr().is_terminal() {
        return Ok(map.distances_to_border(coords)?);
    }
    let bar = indicatif::ProgressBar::new(coords.len() as u64).with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} distances {bar:40} {pos}/{len} points, {per_sec}, eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut answers = Vec::with_capacity(coords.len());
    for (k, chunk) in coords.chunks(PROGRESS_CHUNK).enumerate() {
        let part = map.distances_to_border(chunk).map_err(|e| match e {
            // Name the point by its place in the whole batch.
            Error::InvalidPoint {
                index: Some(i),
                lon,
                lat,
            } => Error::InvalidPoint {
                index: Some(k * PROGRESS_CHUNK + i),
                lon,
                lat,
            },
            other => other,
        })?;
        answers.extend(part);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(answers)
}
