//! `demarcate overlaps`: pairs of overlapping incursion zones.

use demarcate::crs::{Direction, Transformer};

use crate::args::{OverlapFormat, OverlapsArgs};
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: OverlapsArgs) -> Result<Status, Failure> {
    let map = ctx.load_valid(&args.dataset)?;
    let pairs = map.overlaps()?;
    let value = match args.format {
        OverlapFormat::Json => {
            serde_json::Value::Array(pairs.iter().map(|o| o.to_json()).collect())
        }
        OverlapFormat::Geojson => {
            let transformer = ctx.output_crs().map(Transformer::new).transpose()?;
            let mut features = Vec::with_capacity(pairs.len());
            for o in &pairs {
                let mut g = geo_types::Geometry::MultiPolygon(o.geometry.clone());
                if let Some(t) = &transformer {
                    g = t.transform(Direction::FromWgs84, &g)?;
                }
                let properties = o.to_json().as_object().cloned().unwrap_or_default();
                features.push(geojson::Feature {
                    geometry: Some(geojson::Geometry::from(&g)),
                    properties: Some(properties),
                    ..Default::default()
                });
            }
            let foreign_members = ctx.output_crs().map(|c| {
                geojson::JsonObject::from_iter([("crs".to_owned(), c.to_geojson_member())])
            });
            let fc = geojson::FeatureCollection {
                bbox: None,
                features,
                foreign_members,
            };
            serde_json::to_value(&fc).map_err(|e| Failure::stdout(e.into()))?
        }
    };
    let mut out = Output::open(args.output.as_deref())?;
    out.write_json(&value, matches!(args.format, OverlapFormat::Json))?;
    out.finish()?;
    Ok(Status::Success)
}
