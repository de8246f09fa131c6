//! `demarcate render`: a map of the dataset and its analysis, SVG or PNG.

use std::io::Write;
use std::path::Path;

use demarcate::render::{Layer, RenderOptions, render_png, render_svg};

use crate::args::RenderArgs;
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;

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
    let png = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "png" => true,
        Some(e) if e == "svg" => false,
        _ if output == Path::new("-") => false,
        _ => {
            return Err(Failure::Usage(format!(
                "-o {}: the map's file name must end in .svg or .png",
                output.display()
            )));
        }
    };
    let map = ctx.load_valid(&args.dataset)?;
    let bytes = if png {
        render_png(&map, &options)?
    } else {
        render_svg(&map, &options)?.into_bytes()
    };
    let mut out = Output::open(Some(output))?;
    out.write_all(&bytes).map_err(|e| out.failed(e))?;
    out.finish()?;
    Ok(Status::Success)
}
