//! Ellipsoidal (WGS84) geodesy: exact point-to-geodesic-edge distance,
//! conservative 3D bounds for spatial indexing, geodesic lengths and areas.
//!
//! # Units and assumptions
//!
//! - Coordinates are [`geo_types::Coord<f64>`] with `x` = longitude and
//!   `y` = latitude, in degrees, on the WGS84 ellipsoid.
//! - Distances and lengths are metres along the ellipsoid, areas square
//!   metres, 3D (ECEF) coordinates metres.
//! - Edges between consecutive vertices are the shortest geodesics on WGS84
//!   (as GeographicLib's inverse problem defines them).
//!
//! Everything here is built on [`geographiclib_rs`], a port of Karney's
//! GeographicLib, whose inverse and direct solutions are accurate to ~15 nm.
//!
//! # Examples
//!
//! ```
//! use demarcate::geodesy::nearest_on_edge;
//! use geo_types::coord;
//!
//! // Distance from Yerevan to a (made-up) straight edge east of it.
//! let yerevan = coord! { x: 44.5152, y: 40.1872 };
//! let a = coord! { x: 45.0, y: 39.5 };
//! let b = coord! { x: 45.2, y: 40.8 };
//! let n = nearest_on_edge(yerevan, a, b);
//! assert!(n.distance_m > 30_000.0 && n.distance_m < 60_000.0);
//! assert!(n.cross > 0.0); // Yerevan lies to the left (west) of a northbound edge
//! assert!(n.along_m > 0.0 && n.along_m < n.edge_length_m);
//! ```

mod bounds;
mod edge;
mod measure;

pub use bounds::{chord_lower_bound_m, ecef, edge_sagitta_bound_m};
pub use edge::{EdgeNearest, GeodesicEdge, nearest_on_edge};
pub use measure::{geodesic_area_m2, geodesic_length_m, geodesic_multi_area_m2};

use geographiclib_rs::Geodesic;
use std::sync::OnceLock;

/// The WGS84 ellipsoid (a = 6 378 137 m, f = 1/298.257 223 563) as a shared
/// [`geographiclib_rs::Geodesic`], built once.
pub fn wgs84() -> &'static Geodesic {
    static WGS84: OnceLock<Geodesic> = OnceLock::new();
    WGS84.get_or_init(Geodesic::wgs84)
}
