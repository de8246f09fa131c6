//! Densifying geodesic edges so that planar operations in longitude/latitude
//! (clipping, intersection, point-in-polygon) follow the geodesics.

use geo_types::{Coord, LineString, MultiPolygon, Polygon};

use super::GeodesicEdge;

/// Default step, metres: between two vertices this far apart the geodesic
/// departs from the straight lon/lat chord by well under a millimetre at
/// mid-latitudes (the departure grows with the square of the step).
pub const DENSIFY_STEP_M: f64 = 100.0;

/// The line with points inserted along each geodesic edge so that no edge is
/// longer than `max_step_m` metres. Original vertices are kept exactly.
///
/// # Units
///
/// `step_m` metres along the WGS84 ellipsoid; coordinates lon/lat degrees.
///
/// # Assumptions
///
/// Edges are geodesics; the new vertices lie on them.
///
/// ```
/// use demarcate::geodesy::densify_line;
/// use geo_types::line_string;
/// let l = line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0)];
/// let d = densify_line(&l, 1_000.0);
/// assert_eq!(d.0.len(), 113); // 111.3 km in 112 steps of < 1 km
/// assert_eq!(d.0.last(), l.0.last());
/// ```
pub fn densify_line(line: &LineString<f64>, max_step_m: f64) -> LineString<f64> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(line.0.len());
    for w in line.0.windows(2) {
        let (a, b) = (w[0], w[1]);
        out.push(a);
        let edge = GeodesicEdge::new(a, b);
        let s12 = edge.length_m();
        if !(s12.is_finite() && max_step_m > 0.0) {
            continue;
        }
        let n = (s12 / max_step_m).ceil();
        if n > 1.0 && n < 1e7 {
            let n = n as usize;
            for k in 1..n {
                let (p, _) = edge.point_at(s12 * k as f64 / n as f64);
                let (lat, mut lon) = (p.y, p.x);
                // Keep the longitude continuous with the edge's ends, so an
                // edge across the antimeridian stays one short run of points.
                while lon - a.x > 180.0 {
                    lon -= 360.0;
                }
                while a.x - lon > 180.0 {
                    lon += 360.0;
                }
                out.push(Coord { x: lon, y: lat });
            }
        }
    }
    if let Some(last) = line.0.last() {
        out.push(*last);
    }
    LineString(out)
}

/// [`densify_line`] on every ring of a polygon.
///
/// # Units
///
/// As [`densify_line`].
///
/// # Assumptions
///
/// As [`densify_line`].
pub fn densify_polygon(poly: &Polygon<f64>, max_step_m: f64) -> Polygon<f64> {
    Polygon::new(
        densify_line(poly.exterior(), max_step_m),
        poly.interiors()
            .iter()
            .map(|r| densify_line(r, max_step_m))
            .collect(),
    )
}

/// [`densify_polygon`] on every polygon.
///
/// # Units
///
/// As [`densify_line`].
///
/// # Assumptions
///
/// As [`densify_line`].
pub fn densify_multi_polygon(mp: &MultiPolygon<f64>, max_step_m: f64) -> MultiPolygon<f64> {
    MultiPolygon(
        mp.0.iter()
            .map(|p| densify_polygon(p, max_step_m))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::line_string;

    #[test]
    fn inserted_points_lie_on_the_geodesic() {
        // A 3° edge at 60° N: the geodesic bulges poleward of the parallel.
        let l = line_string![(x: 20.0, y: 60.0), (x: 23.0, y: 60.0)];
        let d = densify_line(&l, 10_000.0);
        assert!(d.0.len() > 10);
        for c in &d.0[1..d.0.len() - 1] {
            // Every inserted point is north of the parallel (the geodesic's
            // vertex is at 23-20 = 3° / 2 from each end, at the middle).
            assert!(c.y > 60.0, "{c:?}");
            let to_a = crate::geodesy::distance_m(*c, l.0[0]);
            let to_b = crate::geodesy::distance_m(*c, l.0[1]);
            let whole = crate::geodesy::distance_m(l.0[0], l.0[1]);
            assert!((to_a + to_b - whole).abs() < 1e-6);
        }
    }

    #[test]
    fn antimeridian_edges_stay_continuous() {
        let l = line_string![(x: 179.9, y: 10.0), (x: -179.9, y: 10.0)];
        let d = densify_line(&l, 1_000.0);
        for w in d.0.windows(2).take(d.0.len() - 2) {
            assert!((w[1].x - w[0].x).abs() < 0.05, "{w:?}");
        }
    }
}
