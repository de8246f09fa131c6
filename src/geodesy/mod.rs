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
mod densify;
pub mod dms;
mod edge;
mod measure;
mod plane;
pub(crate) mod root;

pub use bounds::{
    arc_lower_bound_m, arc_upper_bound_m, chord_for_arc_m, chord_lower_bound_m, ecef,
    edge_sagitta_bound_m,
};
pub use densify::{DENSIFY_STEP_M, densify_line, densify_multi_polygon, densify_polygon};
pub use edge::{EdgeNearest, GeodesicEdge, nearest_on_edge};
pub use measure::{geodesic_area_m2, geodesic_length_m, geodesic_multi_area_m2};
pub use plane::{LocalPlane, MAX_RADIUS_M, max_straight_edge_m, straightness_bound_m};

pub(crate) use bounds::{WGS84_A, WGS84_B, dot, sub};

use geographiclib_rs::Geodesic;
use std::sync::OnceLock;

/// The mean radius of the WGS84 ellipsoid, R₁ = (2a + b)/3 (IUGG), metres:
/// the crate's one Earth radius.
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// Nothing here measures on a sphere: the radius only scales seeds, steps
/// and slack terms whose exact value does not matter to the result (a
/// Newton seed, the arc length of a gnomonic step, a bound on how far a
/// lon/lat chord strays from a geodesic). Where a bound must hold
/// everywhere the code uses the ellipsoid's extreme radii instead (see
/// [`arc_lower_bound_m`], [`arc_upper_bound_m`]).
///
/// ```
/// use demarcate::geodesy::MEAN_RADIUS_M;
/// assert!((MEAN_RADIUS_M - 6_371_008.771_4).abs() < 1e-3);
/// ```
pub const MEAN_RADIUS_M: f64 = (2.0 * WGS84_A + WGS84_B) / 3.0;

/// The WGS84 ellipsoid (a = 6 378 137 m, f = 1/298.257 223 563) as a shared
/// [`geographiclib_rs::Geodesic`], built once.
pub fn wgs84() -> &'static Geodesic {
    static WGS84: OnceLock<Geodesic> = OnceLock::new();
    WGS84.get_or_init(Geodesic::wgs84)
}

/// Geodesic distance between two points (lon/lat degrees), metres.
///
/// # Units
///
/// Metres along the WGS84 ellipsoid.
///
/// # Assumptions
///
/// WGS84; `a`, `b` are longitude, latitude in degrees; the shortest
/// geodesic (GeographicLib's inverse solution).
///
/// ```
/// use demarcate::geodesy::distance_m;
/// use geo_types::coord;
/// // 1° of the equator: a · π/180.
/// let d = distance_m(coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 });
/// assert!((d - 111_319.490_793_273_57).abs() < 1e-6);
/// ```
pub fn distance_m(a: geo_types::Coord<f64>, b: geo_types::Coord<f64>) -> f64 {
    use geographiclib_rs::InverseGeodesic;
    wgs84().inverse(a.y, a.x, b.y, b.x)
}

/// Forward azimuth (degrees clockwise from north) of the geodesic from `a` to
/// `b`, at `a`.
///
/// # Units
///
/// Degrees clockwise from north.
///
/// # Assumptions
///
/// WGS84; `a`, `b` are longitude, latitude in degrees.
pub fn azimuth_deg(a: geo_types::Coord<f64>, b: geo_types::Coord<f64>) -> f64 {
    use geographiclib_rs::InverseGeodesic;
    let (_s12, azi1, _azi2, _a12): (f64, f64, f64, f64) = wgs84().inverse(a.y, a.x, b.y, b.x);
    azi1
}

/// The point `distance_m` metres from `from` along the geodesic that leaves
/// it at `azimuth_deg` (degrees clockwise from north); lon/lat degrees.
///
/// # Units
///
/// `distance_m` metres along the WGS84 ellipsoid; azimuth and result in
/// degrees.
///
/// # Assumptions
///
/// WGS84; GeographicLib's direct solution.
///
/// ```
/// use demarcate::geodesy::destination;
/// use geo_types::coord;
/// let p = destination(coord! { x: 10.0, y: 0.0 }, 90.0, 111_319.490_793_273_57);
/// assert!((p.x - 11.0).abs() < 1e-12 && p.y.abs() < 1e-12);
/// ```
pub fn destination(
    from: geo_types::Coord<f64>,
    azimuth_deg: f64,
    distance_m: f64,
) -> geo_types::Coord<f64> {
    use geographiclib_rs::DirectGeodesic;
    let (lat, lon): (f64, f64) = wgs84().direct(from.y, from.x, azimuth_deg, distance_m);
    geo_types::Coord { x: lon, y: lat }
}
