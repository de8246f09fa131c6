//! The polygon engine: polygons whose edges are geodesics, prepared for
//! exact point-in-polygon tests at scale ([`PreparedPolygon`]).
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees (`x` = lon, `y` =
//! lat); edges between consecutive vertices are geodesics.

pub(crate) mod clip;
mod prepared;

pub use prepared::{Location, ON_EDGE_M, PreparedPolygon};
