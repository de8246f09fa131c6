//! Geodesic lengths and areas on WGS84.

use geo_types::{LineString, MultiPolygon, Polygon};
use geographiclib_rs::{PolygonArea, Winding, geodesic_capability as caps};

use super::wgs84;

/// Length of a line string along the WGS84 ellipsoid, metres: the sum of the
/// geodesic (GeographicLib inverse) distances between consecutive vertices.
///
/// # Units
///
/// Metres along the WGS84 ellipsoid.
///
/// # Assumptions
/// Vertices are lon/lat degrees (`x` = longitude); each edge is the shortest
/// geodesic, so a line crossing the antimeridian needs no special handling.
/// An empty or one-point line has length 0.
///
/// # Examples
/// ```
/// use demarcate::geodesy::geodesic_length_m;
/// use geo_types::line_string;
/// // 1° of the equator, then back half of it: 1.5 · a · π/180
/// let l = line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0), (x: 10.5, y: 0.0)];
/// assert!((geodesic_length_m(&l) - 1.5 * 111_319.490_793_273_57).abs() < 1e-6);
/// ```
pub fn geodesic_length_m(line: &LineString<f64>) -> f64 {
    let g = wgs84();
    line.0
        .windows(2)
        .map(|w| {
            g._gen_inverse(w[0].y, w[0].x, w[1].y, w[1].x, caps::DISTANCE)
                .1
        })
        .sum::<f64>()
        // An empty float sum is -0.0; lengths are never negative.
        + 0.0
}

/// Area of a polygon on the WGS84 ellipsoid, square metres, with its holes
/// subtracted; unsigned.
///
/// Each ring's area is computed with GeographicLib's exact geodesic polygon
/// algorithm (geographiclib-rs [`PolygonArea`], edges are geodesics), taken
/// as an absolute value so that ring orientation (clockwise or not) does not
/// matter; the result is |exterior| − Σ|hole|.
///
/// # Units
///
/// Square metres on the WGS84 ellipsoid.
///
/// # Assumptions
/// Lon/lat degrees (`x` = longitude); every ring encloses less than half of
/// the Earth (the smaller of the two regions a ring bounds is taken); holes
/// lie inside the exterior. Rings may be closed or open.
///
/// # Examples
/// ```
/// use demarcate::geodesy::geodesic_area_m2;
/// use geo_types::polygon;
/// // 1°×1° cell at the equator: ≈ 12 308 778 361 m² (GeographicLib)
/// let cell = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)];
/// assert!((geodesic_area_m2(&cell) - 12_308_778_361.469).abs() < 1.0);
/// ```
pub fn geodesic_area_m2(poly: &Polygon<f64>) -> f64 {
    let outer = ring_area_abs(poly.exterior());
    let holes: f64 = poly.interiors().iter().map(ring_area_abs).sum();
    outer - holes
}

/// Area of a multipolygon on WGS84, square metres: the sum of
/// [`geodesic_area_m2`] of its polygons (which are assumed not to overlap).
///
/// # Units
///
/// Square metres on the WGS84 ellipsoid.
///
/// # Assumptions
///
/// As [`geodesic_area_m2`]; the polygons do not overlap.
pub fn geodesic_multi_area_m2(mp: &MultiPolygon<f64>) -> f64 {
    // An empty float sum is -0.0; areas are never negative.
    mp.0.iter().map(geodesic_area_m2).sum::<f64>() + 0.0
}

fn ring_area_abs(ring: &LineString<f64>) -> f64 {
    let coords = &ring.0;
    if coords.len() < 3 {
        return 0.0;
    }
    let mut pa = PolygonArea::new(wgs84(), Winding::CounterClockwise);
    // skip the closing vertex (a zero-length edge otherwise)
    let n = if coords.first() == coords.last() {
        coords.len() - 1
    } else {
        coords.len()
    };
    for c in &coords[..n] {
        pa.add_point(c.y, c.x);
    }
    let (_perimeter, area, _count) = pa.compute(true);
    area.abs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{LineString, MultiPolygon, Polygon, line_string};

    // Expected values: GeographicLib 2.1 (Python), PolygonArea / Inverse.
    const OUTER_M2: f64 = 16_917_886_985.373_535;
    const HOLE_M2: f64 = 846_544_153.564_865_1;
    const ANTIMERIDIAN_M2: f64 = 8_502_518_193.308_35;
    const POLAR_CAP_M2: f64 = 624_537_055_980.0;

    fn ring(pts: &[(f64, f64)]) -> LineString<f64> {
        let mut v: Vec<(f64, f64)> = pts.to_vec();
        v.push(pts[0]);
        LineString::from(v)
    }

    fn outer() -> LineString<f64> {
        ring(&[(44.0, 40.0), (45.5, 40.0), (45.5, 41.2), (44.0, 41.2)])
    }

    fn hole() -> LineString<f64> {
        ring(&[(44.5, 40.4), (44.8, 40.4), (44.8, 40.7), (44.5, 40.7)])
    }

    /// the contract: 1e-6 relative or 1 m², whichever is larger
    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() <= (1e-6 * want.abs()).max(1.0)
    }

    #[test]
    fn polygon_area_with_hole_any_orientation() {
        let p = Polygon::new(outer(), vec![hole()]);
        let want = OUTER_M2 - HOLE_M2;
        assert!(
            close(geodesic_area_m2(&p), want),
            "{}",
            geodesic_area_m2(&p)
        );
        // tighter than the contract: GeographicLib-exact
        assert!((geodesic_area_m2(&p) - want).abs() < 1e-2);
        // clockwise exterior, counter-clockwise hole: same area
        let mut o = outer();
        o.0.reverse();
        let mut h = hole();
        h.0.reverse();
        let q = Polygon::new(o, vec![h]);
        assert!((geodesic_area_m2(&q) - want).abs() < 1e-2);
        // open rings (not repeating the first vertex) are closed implicitly
        let open = Polygon::new(
            LineString::from(vec![(44.0, 40.0), (45.5, 40.0), (45.5, 41.2), (44.0, 41.2)]),
            vec![],
        );
        assert!((geodesic_area_m2(&open) - OUTER_M2).abs() < 1e-2);
    }

    #[test]
    fn antimeridian_and_polar_polygons() {
        let am = Polygon::new(
            ring(&[
                (179.5, -17.0),
                (-179.6, -17.0),
                (-179.6, -16.2),
                (179.5, -16.2),
            ]),
            vec![],
        );
        assert!((geodesic_area_m2(&am) - ANTIMERIDIAN_M2).abs() < 1e-2);
        let cap = Polygon::new(
            ring(&[(0.0, 85.0), (90.0, 85.0), (180.0, 85.0), (-90.0, 85.0)]),
            vec![],
        );
        assert!(
            close(geodesic_area_m2(&cap), POLAR_CAP_M2),
            "{}",
            geodesic_area_m2(&cap)
        );
    }

    #[test]
    fn multipolygon_sums_and_degenerate_rings() {
        let mp = MultiPolygon::new(vec![
            Polygon::new(outer(), vec![hole()]),
            Polygon::new(
                ring(&[
                    (179.5, -17.0),
                    (-179.6, -17.0),
                    (-179.6, -16.2),
                    (179.5, -16.2),
                ]),
                vec![],
            ),
        ]);
        let want = OUTER_M2 - HOLE_M2 + ANTIMERIDIAN_M2;
        assert!((geodesic_multi_area_m2(&mp) - want).abs() < 1e-1);
        assert_eq!(geodesic_multi_area_m2(&MultiPolygon::new(vec![])), 0.0);
        let empty = Polygon::new(LineString::new(vec![]), vec![]);
        assert_eq!(geodesic_area_m2(&empty), 0.0);
        let line_like = Polygon::new(line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0)], vec![]);
        assert_eq!(geodesic_area_m2(&line_like), 0.0);
    }

    #[test]
    fn line_length() {
        let l = LineString::from(vec![
            (44.0, 40.0),
            (45.5, 40.0),
            (45.5, 41.2),
            (179.9, 10.0),
            (-179.9, 10.5),
        ]);
        assert!((geodesic_length_m(&l) - 12_993_039.730_128_605).abs() < 1e-6);
        assert_eq!(geodesic_length_m(&LineString::new(vec![])), 0.0);
        assert_eq!(geodesic_length_m(&line_string![(x: 3.0, y: 4.0)]), 0.0);
    }
}
