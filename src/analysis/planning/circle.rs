//! The geodesic 1-centre of a few points through a planar smallest enclosing
//! circle (Welzl) in an azimuthal equidistant projection.

use geo_types::Coord;

use crate::geodesy::{destination, distance_m};

/// The geodesic 1-centre of a few points (lon/lat): the point minimising the
/// largest distance to them, and that distance (metres, exact for the point
/// returned). Solved as a planar smallest enclosing circle (Welzl's
/// incremental algorithm, in a fixed shuffled order) in the azimuthal
/// equidistant projection around the current estimate, three times, so that
/// the projection's distortion at the answer vanishes.
pub(super) fn one_centre(pts: &[Coord<f64>]) -> (Coord<f64>, f64) {
    use geographiclib_rs::InverseGeodesic;
    let g = crate::geodesy::wgs84();
    let mut c = pts[0];
    // a fixed pseudo-random order (expected linear time, deterministic)
    let mut order: Vec<usize> = (0..pts.len()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..order.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }
    for _ in 0..3 {
        let xy: Vec<[f64; 2]> = order
            .iter()
            .map(|&i| {
                let p = pts[i];
                let (s12, azi1, _, _): (f64, f64, f64, f64) = g.inverse(c.y, c.x, p.y, p.x);
                let (sa, ca) = azi1.to_radians().sin_cos();
                [s12 * sa, s12 * ca]
            })
            .collect();
        let ([x, y], _) = smallest_circle(&xy);
        let d = x.hypot(y);
        if !(d.is_finite()) {
            break;
        }
        if d > 0.0 {
            c = destination(c, x.atan2(y).to_degrees(), d);
        }
        if d < 1e-9 {
            break;
        }
    }
    let radius = pts.iter().map(|p| distance_m(c, *p)).fold(0.0, f64::max);
    (c, radius)
}

/// Smallest circle enclosing planar points (Welzl, incremental form):
/// centre and radius.
pub(super) fn smallest_circle(p: &[[f64; 2]]) -> ([f64; 2], f64) {
    const EPS: f64 = 1e-7;
    let dist = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let mut c = p[0];
    let mut r = 0.0;
    for i in 1..p.len() {
        if dist(p[i], c) <= r + EPS {
            continue;
        }
        c = p[i];
        r = 0.0;
        for j in 0..i {
            if dist(p[j], c) <= r + EPS {
                continue;
            }
            c = [(p[i][0] + p[j][0]) / 2.0, (p[i][1] + p[j][1]) / 2.0];
            r = dist(p[i], p[j]) / 2.0;
            for k in 0..j {
                if dist(p[k], c) <= r + EPS {
                    continue;
                }
                (c, r) = circumcircle(p[i], p[j], p[k]);
            }
        }
    }
    (c, r)
}

/// The circle through three points; for (nearly) collinear points, the
/// circle on the farthest pair as diameter.
pub(super) fn circumcircle(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> ([f64; 2], f64) {
    let (bx, by) = (b[0] - a[0], b[1] - a[1]);
    let (cx, cy) = (c[0] - a[0], c[1] - a[1]);
    let d = 2.0 * (bx * cy - by * cx);
    let dist = |u: [f64; 2], v: [f64; 2]| (u[0] - v[0]).hypot(u[1] - v[1]);
    let scale = (bx * bx + by * by).max(cx * cx + cy * cy);
    if d.abs() <= 1e-12 * scale {
        let pairs = [(a, b), (a, c), (b, c)];
        let (u, v) = pairs
            .into_iter()
            .max_by(|x, y| dist(x.0, x.1).total_cmp(&dist(y.0, y.1)))
            .expect("three pairs");
        return ([(u[0] + v[0]) / 2.0, (u[1] + v[1]) / 2.0], dist(u, v) / 2.0);
    }
    let b2 = bx * bx + by * by;
    let c2 = cx * cx + cy * cy;
    let ux = (cy * b2 - by * c2) / d;
    let uy = (bx * c2 - cx * b2) / d;
    let centre = [a[0] + ux, a[1] + uy];
    (centre, ux.hypot(uy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_centre_of_equator_points() {
        use geo_types::coord;
        // a·π/180: one degree of the equator
        let deg = 6_378_137.0 * std::f64::consts::PI / 180.0;
        let (c, r) = one_centre(&[coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 }]);
        assert!((c.x - 10.5).abs() < 1e-9 && c.y.abs() < 1e-9, "{c:?}");
        assert!((r - deg / 2.0).abs() < 1e-6);
        // a point inside the circle on the two ends changes nothing
        let (c2, r2) = one_centre(&[
            coord! { x: 10.0, y: 0.0 },
            coord! { x: 10.5, y: 0.1 },
            coord! { x: 11.0, y: 0.0 },
        ]);
        assert!((c2.x - c.x).abs() < 1e-9 && (r2 - r).abs() < 1e-6);
        // planar circles: the right triangle's hypotenuse is the diameter
        let (pc, pr) = smallest_circle(&[[0.0, 0.0], [4.0, 0.0], [0.0, 3.0], [1.0, 1.0]]);
        assert!(
            (pc[0] - 2.0).abs() < 1e-12 && (pc[1] - 1.5).abs() < 1e-12 && (pr - 2.5).abs() < 1e-12
        );
        // collinear points
        let (_, pr) = circumcircle([0.0, 0.0], [1.0, 0.0], [3.0, 0.0]);
        assert!((pr - 1.5).abs() < 1e-12);
    }
}
