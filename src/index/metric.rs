//! [`Wgs84`]: exact geodesic distances from a point to lines and polygons,
//! through geo's [`Distance`] trait.

use geo::Distance;
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon};

use super::GeodesicIndex;
use crate::polygon::PreparedPolygon;

/// The WGS84 ellipsoid as a metric space for geo's [`Distance`] trait: the
/// exact geodesic distance, in metres, from a point to a point, a line
/// string, a multi line string, a polygon or a multi polygon.
///
/// geo's own `Geodesic` measures point to point only; here the edges of
/// lines and polygon rings are geodesics too, and the nearest point on each
/// is solved on the ellipsoid (to well under 1 mm).
///
/// ```
/// use demarcate::Wgs84;
/// use geo::Distance;
/// use geo_types::{line_string, polygon, Point};
///
/// let line = line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0)];
/// // 0.1° of latitude at the equator is 11 057.43 m on WGS84
/// let d = Wgs84.distance(Point::new(10.5, 0.1), &line);
/// assert!((d - 11_057.43).abs() < 0.01, "{d}");
///
/// let square = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
/// assert_eq!(Wgs84.distance(Point::new(0.5, 0.5), &square), 0.0);
/// ```
///
/// # Units
///
/// Points are (longitude, latitude) in degrees; distances in metres.
///
/// # Assumptions
///
/// Each call indexes the geometry's edges (one inverse geodesic per edge);
/// to measure many points against the same lines, build a
/// [`GeodesicIndex`] once. Polygons contain their boundary, and a point
/// inside gets 0; the inside is decided on geodesic edges
/// ([`PreparedPolygon`]). Empty geometries are at infinite distance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wgs84;

/// Distance from `p` to the nearest of `lines`.
fn to_lines<'a>(p: Coord<f64>, lines: impl IntoIterator<Item = &'a LineString<f64>>) -> f64 {
    GeodesicIndex::from_lines(lines.into_iter().map(|l| (l.clone(), ())))
        .nearest_edge(p)
        .map_or(f64::INFINITY, |h| h.nearest.distance_m)
}

/// Distance from `p` to polygons: 0 inside or on the boundary, else to the
/// nearest ring.
fn to_polygons(p: Coord<f64>, polygons: &[Polygon<f64>]) -> f64 {
    if polygons.is_empty() {
        return f64::INFINITY;
    }
    if PreparedPolygon::new(polygons).intersects(p) {
        return 0.0;
    }
    to_lines(
        p,
        polygons
            .iter()
            .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors())),
    )
}

impl Distance<f64, Point<f64>, Point<f64>> for Wgs84 {
    fn distance(&self, origin: Point<f64>, destination: Point<f64>) -> f64 {
        crate::geodesy::distance_m(origin.0, destination.0)
    }
}

impl Distance<f64, Point<f64>, &LineString<f64>> for Wgs84 {
    fn distance(&self, origin: Point<f64>, destination: &LineString<f64>) -> f64 {
        to_lines(origin.0, [destination])
    }
}

impl Distance<f64, Point<f64>, &MultiLineString<f64>> for Wgs84 {
    fn distance(&self, origin: Point<f64>, destination: &MultiLineString<f64>) -> f64 {
        to_lines(origin.0, &destination.0)
    }
}

impl Distance<f64, Point<f64>, &Polygon<f64>> for Wgs84 {
    fn distance(&self, origin: Point<f64>, destination: &Polygon<f64>) -> f64 {
        to_polygons(origin.0, std::slice::from_ref(destination))
    }
}

impl Distance<f64, Point<f64>, &MultiPolygon<f64>> for Wgs84 {
    fn distance(&self, origin: Point<f64>, destination: &MultiPolygon<f64>) -> f64 {
        to_polygons(origin.0, &destination.0)
    }
}
