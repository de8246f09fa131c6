//! The polygon engine: polygons whose edges are geodesics, prepared for
//! exact point-in-polygon tests at scale ([`PreparedPolygon`]).
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees (`x` = lon, `y` =
//! lat); edges between consecutive vertices are geodesics.

pub(crate) mod clip;
mod prepared;

use geo_types::Polygon;

pub use prepared::{Location, ON_EDGE_M, PreparedPolygon};

/// The largest longitude step (degrees) of an edge of the polygons, if one
/// exceeds 180° (the edge crosses the antimeridian).
pub(crate) fn antimeridian_span(polygons: &[Polygon<f64>]) -> Option<f64> {
    let span = polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.0.windows(2).map(|w| (w[1].x - w[0].x).abs()))
        .fold(0.0_f64, f64::max);
    (span > 180.0).then_some(span)
}
