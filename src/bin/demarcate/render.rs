//! `demarcate render`: a map of the dataset and its analysis, SVG, PNG or
//! one self-contained interactive HTML page (with `--points` on it).

use std::io::Write;
use std::path::Path;

use demarcate::crs::{Direction, Transformer};
use demarcate::render::{Layer, MapPoint, RenderOptions, render_html, render_png, render_svg};

use crate::args::RenderArgs;
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;
use crate::points::{self, Columns, Header, Row, Source};

fn layer_named(name: &str) -> Option<Layer> {
    Some(
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "territories" => Layer::Territories,
            "claims" => Layer::Claims,
            "segments" => Layer::Segments,
            "coverage-gaps" | "gaps" => Layer::CoverageGaps,
            "ranges" => Layer::Ranges,
            "outposts" => Layer::Outposts,
            "zones" => Layer::Zones,
            "overlaps" => Layer::Overlaps,
            "labels" => Layer::Labels,
            "legend" => Layer::Legend,
            "scale-bar" | "scalebar" => Layer::ScaleBar,
            "north-arrow" => Layer::NorthArrow,
            "attribution" => Layer::Attribution,
            _ => return None,
        },
    )
}

pub fn run(ctx: &Context, args: RenderArgs) -> Result<Status, Failure> {
    let output = args.output.as_path();
    check_range(args.range)?;
    let (w, h) = args
        .size
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)))
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--size {}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1200",
                args.size
            ))
        })?;
    let mut options = RenderOptions::new().size(w, h).default_range_m(args.range);
    if let Some(e) = &args.extent {
        let v: Vec<f64> = e.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        let [west, south, east, north] = v[..] else {
            return Err(Failure::Usage(format!(
                "--extent {e}: expected WEST,SOUTH,EAST,NORTH in degrees"
            )));
        };
        options = options.extent_bbox(west, south, east, north);
    }
    if let Some(id) = &args.around {
        options = options.extent_feature(id.as_str(), args.margin);
    }
    if let Some(id) = &args.inset {
        options = options.inset(id.as_str(), args.margin);
    }
    if let Some(names) = &args.layers {
        let mut layers = Vec::new();
        for n in names {
            layers.push(layer_named(n).ok_or_else(|| {
                Failure::Usage(format!(
                    "--layers: unknown layer {n:?} (known: territories, claims, segments, coverage-gaps, ranges, outposts, zones, overlaps, labels, legend, scale-bar, north-arrow, attribution)"
                ))
            })?);
        }
        options = options.layers(&layers);
    }
    if let Some(t) = &args.title {
        options = options.title(t.as_str());
    }
    #[derive(PartialEq)]
    enum Format {
        Svg,
        Png,
        Html,
    }
    let format = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "png" => Format::Png,
        Some(e) if e == "svg" => Format::Svg,
        Some(e) if e == "html" || e == "htm" => Format::Html,
        _ if output == Path::new("-") => Format::Svg,
        _ => {
            return Err(Failure::Usage(format!(
                "-o {}: the map's file name must end in .svg, .png or .html",
                output.display()
            )));
        }
    };
    if args.points.is_some() && format != Format::Html {
        return Err(Failure::Usage(
            "--points: only an .html map shows points".to_owned(),
        ));
    }
    let map = ctx.load_valid(&args.dataset)?;
    let mut skipped = 0;
    let bytes = match format {
        Format::Png => render_png(&map, &options)?,
        Format::Svg => render_svg(&map, &options)?.into_bytes(),
        Format::Html => {
            let mut shown = Vec::new();
            if let Some(path) = &args.points {
                if args.dataset == Path::new("-") && path == Path::new("-") {
                    return Err(Failure::Usage(
                        "the dataset and the points cannot both come from standard input".into(),
                    ));
                }
                let projected_in = ctx.projected_input();
                let mut source = Source::open(path, &Columns::default(), projected_in.is_some())?;
                let id_column = match source.header() {
                    Header::Csv(_, id) => id,
                    Header::Features => None,
                };
                let (mut ids, mut coords) = (Vec::new(), Vec::new());
                source.stream(32_768, &mut |chunk| {
                    for (row, c) in chunk.rows.into_iter().zip(chunk.coords) {
                        ids.push(match row {
                            Row::Csv { record, row } => {
                                id_column.and_then(|k| record.get(k)).map_or_else(
                                    || row.to_string(),
                                    |b| String::from_utf8_lossy(b).into_owned(),
                                )
                            }
                            Row::Feature { feature, index } => points::feature_id(&feature, index),
                        });
                        coords.push(c);
                    }
                    true
                })?;
                skipped = source.skipped;
                if let Some(c) = projected_in {
                    coords = Transformer::new(c)?.transform(Direction::ToWgs84, &coords)?;
                }
                shown = ids
                    .into_iter()
                    .zip(coords)
                    .map(|(id, c)| MapPoint::new(id, c))
                    .collect();
            }
            render_html(&map, &options, &shown)?.into_bytes()
        }
    };
    let mut out = Output::open(Some(output))?;
    out.write_all(&bytes).map_err(|e| out.failed(e))?;
    out.finish()?;
    if skipped > 0 {
        eprintln!("demarcate: {skipped} point(s) skipped");
        return Ok(Status::Findings);
    }
    Ok(Status::Success)
}
