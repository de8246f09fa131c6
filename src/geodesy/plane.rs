//! A local plane in which WGS84 geodesics are straight lines to within
//! micrometres, for clipping polygons with geodesic edges exactly.
//!
//! [`LocalPlane`] projects the ellipsoid centrally onto the tangent plane at a
//! centre C, from the point where C's ellipsoidal normal meets the polar axis.
//! Each plane through that point cuts the ellipsoid in a curve that projects to
//! a straight line. Near C these cuts are almost normal sections, and a short
//! geodesic lies within micrometres of the normal section through its ends,
//! so geodesic edges project to nearly straight segments; the projection
//! from the centre of the ellipsoid (the geocentric gnomonic) is millimetres
//! off at 40° latitude for 5 km edges. [`straightness_bound_m`] bounds the
//! offset; `tests/reference/plane_reference.py` checks it against
//! GeographicLib.

use geo_types::Coord;

use super::bounds::{WGS84_A, WGS84_B as B, WGS84_E2 as E2, atan2d, dot, ecef, sincosd};

/// The farthest a projected point may be from the centre, metres along the
/// surface (about 36°): beyond it the straightness bound is not checked.
pub const MAX_RADIUS_M: f64 = 4_000_000.0;

/// Central projection onto the tangent plane at a centre point, from the
/// point where the centre's normal meets the polar axis.
///
/// Plane coordinates are metres near the centre (x east, y north), growing
/// like a gnomonic projection's away from it.
///
/// ```
/// use demarcate::geodesy::LocalPlane;
/// use geo_types::coord;
/// let plane = LocalPlane::new(coord! { x: 45.0, y: 40.0 });
/// let p = plane.forward_ecef(demarcate::geodesy::ecef(coord! { x: 45.01, y: 40.0 })).unwrap();
/// assert!((p.x - 853.9).abs() < 0.5 && p.y.abs() < 0.5);
/// let back = plane.inverse(p);
/// assert!((back.x - 45.01).abs() < 1e-12 && (back.y - 40.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LocalPlane {
    /// Height of the projection point on the polar axis (x = y = 0).
    origin_z: f64,
    east: [f64; 3],
    north: [f64; 3],
    up: [f64; 3],
    /// Distance from the projection point to the centre: plane units are
    /// metres at the centre.
    scale: f64,
}

impl LocalPlane {
    /// The plane tangent at `center` (longitude `x`, latitude `y`, degrees).
    pub fn new(center: Coord<f64>) -> LocalPlane {
        let (slat, clat) = sincosd(center.y);
        let (slon, clon) = sincosd(center.x);
        let n = WGS84_A / (1.0 - E2 * slat * slat).sqrt();
        LocalPlane {
            origin_z: -E2 * n * slat,
            east: [-slon, clon, 0.0],
            north: [-slat * clon, -slat * slon, clat],
            up: [clat * clon, clat * slon, slat],
            scale: n,
        }
    }

    /// The plane tangent at the surface point nearest the direction of
    /// `p` (ECEF metres) seen from the earth's centre.
    pub fn facing(p: [f64; 3]) -> LocalPlane {
        let lon = atan2d(p[1], p[0]);
        let lat = atan2d(p[2], (1.0 - E2) * p[0].hypot(p[1]));
        LocalPlane::new(Coord {
            x: if lon.is_finite() { lon } else { 0.0 },
            y: if lat.is_finite() { lat } else { 0.0 },
        })
    }

    /// ECEF (metres) of the centre.
    pub fn center_ecef(&self) -> [f64; 3] {
        let s = self.scale;
        [
            s * self.up[0],
            s * self.up[1],
            self.origin_z + s * self.up[2],
        ]
    }

    /// The plane point of a surface point given in ECEF metres; `None` when
    /// it lies more than about 60° from the centre (nearly or wholly behind
    /// the plane).
    ///
    /// # Units
    ///
    /// Plane metres; `p` ECEF metres.
    ///
    /// # Assumptions
    ///
    /// A WGS84 surface point.
    pub fn forward_ecef(&self, p: [f64; 3]) -> Option<Coord<f64>> {
        let d = [p[0], p[1], p[2] - self.origin_z];
        let du = dot(d, self.up);
        let len = dot(d, d).sqrt();
        (du > 0.5 * len).then(|| Coord {
            x: self.scale * dot(d, self.east) / du,
            y: self.scale * dot(d, self.north) / du,
        })
    }

    /// The plane point of longitude `x`, latitude `y` (degrees).
    ///
    /// # Units
    ///
    /// Plane metres (exact scale at the centre); `c` lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// A WGS84 surface point; `None` beyond about 60° from the centre.
    pub fn forward(&self, c: Coord<f64>) -> Option<Coord<f64>> {
        self.forward_ecef(ecef(c))
    }

    /// The surface point (longitude `x`, latitude `y`, degrees) of a plane
    /// point.
    ///
    /// # Units
    ///
    /// Lon/lat degrees; `p` plane metres.
    ///
    /// # Assumptions
    ///
    /// The result lies on the WGS84 surface.
    pub fn inverse(&self, p: Coord<f64>) -> Coord<f64> {
        let (u, v) = (p.x / self.scale, p.y / self.scale);
        let dir: [f64; 3] =
            std::array::from_fn(|k| self.up[k] + u * self.east[k] + v * self.north[k]);
        // |origin + t·dir| on the ellipsoid: a t² + b t + c = 0 with c < 0
        // (the origin is inside), so exactly one root is positive.
        let (a2, b2) = (WGS84_A * WGS84_A, B * B);
        let qa = (dir[0] * dir[0] + dir[1] * dir[1]) / a2 + dir[2] * dir[2] / b2;
        let qb = 2.0 * self.origin_z * dir[2] / b2;
        let qc = self.origin_z * self.origin_z / b2 - 1.0;
        let s = (qb * qb - 4.0 * qa * qc).max(0.0).sqrt();
        // the positive root, without cancellation
        let t = if qb >= 0.0 {
            2.0 * qc / (-qb - s)
        } else {
            (-qb + s) / (2.0 * qa)
        };
        let (x, y, z) = (t * dir[0], t * dir[1], self.origin_z + t * dir[2]);
        // On the surface, tan φ = z / ((1 − e²) p) exactly.
        Coord {
            x: atan2d(y, x),
            y: atan2d(z, (1.0 - E2) * x.hypot(y)),
        }
    }
}

/// Upper bound, metres, on how far the projection of a geodesic edge of
/// length `edge_m` lying within `radius_m` of the centre strays from the
/// straight segment between its ends' projections: e²·L²·r / (4 b²).
///
/// Twice the largest offset seen in `tests/reference/plane_reference.py`
/// (GeographicLib, latitudes 0°–89°, r up to [`MAX_RADIUS_M`]).
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// Geodesic edges on WGS84, within `radius_m` of the plane's centre.
pub fn straightness_bound_m(edge_m: f64, radius_m: f64) -> f64 {
    E2 * edge_m * edge_m * radius_m / (4.0 * B * B)
}

/// The longest geodesic edge within `radius_m` of the centre whose
/// projection stays within `tolerance_m` of straight
/// ([`straightness_bound_m`] inverted).
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// As [`straightness_bound_m`].
pub fn max_straight_edge_m(tolerance_m: f64, radius_m: f64) -> f64 {
    (tolerance_m * 4.0 * B * B / (E2 * radius_m.max(1.0))).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_maps_to_origin_and_back() {
        for (lon, lat) in [(0.0, 0.0), (45.0, 40.0), (-120.0, -65.0), (179.9, 89.9)] {
            let c = Coord { x: lon, y: lat };
            let plane = LocalPlane::new(c);
            let p = plane.forward(c).unwrap();
            assert!(p.x.abs() < 1e-6 && p.y.abs() < 1e-6, "{p:?}");
            let back = plane.inverse(p);
            assert!((back.x - lon).abs() < 1e-12 && (back.y - lat).abs() < 1e-12);
            let e = plane.center_ecef();
            let want = ecef(c);
            assert!(
                (0..3).all(|k| (e[k] - want[k]).abs() < 1e-6),
                "{e:?} {want:?}"
            );
        }
    }

    #[test]
    fn points_behind_are_refused() {
        let plane = LocalPlane::new(Coord { x: 10.0, y: 0.0 });
        assert!(plane.forward(Coord { x: -170.0, y: 0.0 }).is_none());
        assert!(plane.forward(Coord { x: 80.0, y: 0.0 }).is_none());
        assert!(plane.forward(Coord { x: 50.0, y: 0.0 }).is_some());
    }

    /// Geodesic points from GeographicLib (tests/reference/plane_reference.py)
    /// stay within the straightness bound of their projected chord, and
    /// project back to themselves.
    #[test]
    fn geodesics_project_straight_within_the_bound() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/reference/plane_cases.json")).unwrap();
        let pt = |v: &serde_json::Value| Coord {
            x: v[0].as_f64().unwrap(),
            y: v[1].as_f64().unwrap(),
        };
        let cases = data["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 210);
        let mut worst_ratio = 0.0_f64;
        for case in cases {
            let plane = LocalPlane::new(pt(&case["center"]));
            let a = plane.forward(pt(&case["a"])).unwrap();
            let b = plane.forward(pt(&case["b"])).unwrap();
            let (l, r) = (
                case["edge_length_m"].as_f64().unwrap(),
                case["radius_m"].as_f64().unwrap(),
            );
            let bound = straightness_bound_m(l, r);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let n = dx.hypot(dy);
            for q in case["inner"].as_array().unwrap() {
                let q = pt(q);
                let p = plane.forward(q).unwrap();
                let off = ((p.x - a.x) * dy - (p.y - a.y) * dx).abs() / n;
                // 1e-9 m: rounding of the ECEF coordinates
                assert!(off <= bound + 1e-9, "{case}: {off} > {bound}");
                worst_ratio = worst_ratio.max(off / bound);
                let back = plane.inverse(p);
                assert!(
                    (back.x - q.x).abs() < 1e-11 && (back.y - q.y).abs() < 1e-11,
                    "{q:?} -> {back:?}"
                );
            }
        }
        // the bound is not slack by orders of magnitude either
        assert!(worst_ratio > 0.1, "{worst_ratio}");
    }
}
