//! `demarcate buffer`: the strip within a distance of the border.

use demarcate::crs::{Direction, Transformer};
use demarcate::{BufferOptions, FeatureId, Party};

use crate::args::BufferArgs;
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: BufferArgs) -> Result<Status, Failure> {
    if !(args.distance.is_finite() && args.distance > 0.0) {
        return Err(Failure::Usage(format!(
            "--distance {}: the distance must be a positive number of metres",
            args.distance
        )));
    }
    let map = ctx.load_valid(&args.dataset)?;
    let mut options = BufferOptions::new(args.distance).tolerance_m(args.tolerance);
    if let Some(party) = &args.side {
        if !map.territories().any(|t| t.party().as_str() == party)
            && !map
                .segments()
                .any(|s| s.left().as_str() == party || s.right().as_str() == party)
        {
            return Err(Failure::Usage(format!(
                "--side {party}: no territory or border segment names this party"
            )));
        }
        options = options.side(Party::new(party.as_str()));
    }
    if let Some(ids) = &args.segments {
        options = options.segments(ids.iter().map(|s| segment_id(&map, s)));
    }
    let strip = map.buffer(&options)?;
    let id = match &args.side {
        Some(p) => format!("buffer-{}m-{p}", args.distance),
        None => format!("buffer-{}m", args.distance),
    };
    let feature = strip.to_feature(FeatureId::String(id.clone()));
    let transformer = ctx.output_crs().map(Transformer::new).transpose()?;
    let mut geometry = feature.geometry.clone().expect("a strip has geometry");
    if let Some(t) = &transformer {
        geometry = t.transform(Direction::FromWgs84, &geometry)?;
    }
    let out_feature = geojson::Feature {
        id: Some(geojson::feature::Id::String(id)),
        geometry: Some(geojson::Geometry::from(&geometry)),
        properties: feature.properties.clone(),
        ..Default::default()
    };
    let foreign_members = ctx
        .output_crs()
        .map(|c| geojson::JsonObject::from_iter([("crs".to_owned(), c.to_geojson_member())]));
    let fc = geojson::FeatureCollection {
        bbox: None,
        features: vec![out_feature],
        foreign_members,
    };
    eprintln!(
        "demarcate: {} m strip{}: {:.3} km² in {} polygon(s)",
        args.distance,
        args.side
            .as_ref()
            .map(|p| format!(" on {p}'s side"))
            .unwrap_or_default(),
        strip.area_m2 / 1e6,
        strip.geometry.0.len()
    );
    if let Some(first) = strip.unsettled.first() {
        eprintln!(
            "demarcate: warning: {} outline vertex(es) could not be settled at {} m ± 1 mm, the first at ({}, {})",
            strip.unsettled.len(),
            args.distance,
            first.x,
            first.y
        );
    }
    let mut out = Output::open(args.output.as_deref())?;
    out.write_json(
        &serde_json::to_value(&fc).map_err(|e| Failure::stdout(e.into()))?,
        false,
    )?;
    out.finish()?;
    Ok(Status::Success)
}

/// A segment id as the dataset spells it: a number id when a numeric one
/// exists, else the string.
pub fn segment_id(map: &demarcate::BorderMap, text: &str) -> FeatureId {
    map.segments()
        .map(|s| s.id())
        .find(|id| id.to_string() == text)
        .cloned()
        .unwrap_or_else(|| FeatureId::String(text.to_owned()))
}
