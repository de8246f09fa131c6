//! Delimitation: lines a boundary commission draws from the parties' data.
//!
//! - [`median`]: the median (equidistance) line between two parties'
//!   `shore` and `basepoint` features, with its turning points.
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude, latitude in degrees; distances are
//! metres along the ellipsoid; edges between vertices are geodesics.

pub mod median;

pub use median::{
    Control, MedianCheck, MedianEnd, MedianLine, MedianOptions, ShoreElement, TurningPoint,
};
