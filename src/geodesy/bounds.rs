//! Conservative 3D (ECEF) bounds on geodesic edges, for spatial indexing.
//!
//! A spatial index over geodesic edges stores, per edge, the 3D box around the
//! chord segment `ecef(a)–ecef(b)` grown by [`edge_sagitta_bound_m`]; every
//! point of the geodesic lies inside it. For a query point `p`,
//! [`chord_lower_bound_m`] is a lower bound on the geodesic distance from `p`
//! to the edge, so the index can prune edges without solving any geodesic.

use geo_types::Coord;

/// WGS84 semi-major axis a, metres.
pub(crate) const WGS84_A: f64 = 6_378_137.0;
/// WGS84 flattening f.
pub(crate) const WGS84_F: f64 = 1.0 / 298.257_223_563;
/// WGS84 semi-minor axis b = a (1 − f), metres.
pub(crate) const WGS84_B: f64 = WGS84_A * (1.0 - WGS84_F);
/// WGS84 first eccentricity squared e² = f (2 − f).
pub(crate) const WGS84_E2: f64 = WGS84_F * (2.0 - WGS84_F);
/// Largest normal curvature of the WGS84 surface, 1/m: the meridional
/// curvature at the equator, 1/M_min with M_min = b²/a.
const KAPPA_MAX: f64 = WGS84_A / (WGS84_B * WGS84_B);
/// Relative safety factor applied to [`edge_sagitta_bound_m`].
const SAGITTA_SAFETY: f64 = 1.001;
/// Absolute pad (metres) of [`edge_sagitta_bound_m`], far above the rounding
/// error of ECEF coordinates (~1e-9 m).
const SAGITTA_PAD_M: f64 = 1e-6;

/// WGS84 geocentric (ECEF) coordinates, metres, of a surface point.
///
/// `c.x` is the longitude and `c.y` the geodetic latitude, degrees; the
/// height is 0. X points to (0°, 0°), Y to (90° E, 0°), Z to the north pole.
///
/// # Units
///
/// Metres (x, y, z), Earth-centred, Earth-fixed.
///
/// # Assumptions
///
/// WGS84; `c` is longitude, geodetic latitude in degrees, on the surface
/// (height 0).
///
/// ```
/// use demarcate::geodesy::ecef;
/// use geo_types::coord;
/// let [x, y, z] = ecef(coord! { x: 0.0, y: 0.0 });
/// assert_eq!((x, y, z), (6_378_137.0, 0.0, 0.0));
/// ```
pub fn ecef(c: Coord<f64>) -> [f64; 3] {
    let (slat, clat) = sincosd(c.y);
    let (slon, clon) = sincosd(c.x);
    let n = WGS84_A / (1.0 - WGS84_E2 * slat * slat).sqrt();
    [
        n * clat * clon,
        n * clat * slon,
        n * (1.0 - WGS84_E2) * slat,
    ]
}

/// Sine and cosine of an angle in degrees, exact at multiples of 90°
/// (reduced to [−45°, 45°] first, as GeographicLib does).
pub(crate) fn sincosd(deg: f64) -> (f64, f64) {
    let r = deg % 360.0;
    let q = (r / 90.0).round();
    let (s, c) = (r - 90.0 * q).to_radians().sin_cos();
    // q is finite and in [-4, 4] for finite input; NaN/inf fall through
    match (q as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// atan2 in degrees.
pub(crate) fn atan2d(y: f64, x: f64) -> f64 {
    y.atan2(x).to_degrees()
}

/// Upper bound, metres, on how far (in 3D) any point of a WGS84 geodesic arc
/// of length `edge_length_m` lies from the straight 3D chord segment between
/// its endpoints' ECEF positions.
///
/// # Units
///
/// Metres (edge length in, bound out).
///
/// # Assumptions
///
/// WGS84; geodesic edges shorter than half a meridian.
///
/// # Why it holds
///
/// A geodesic has no geodesic curvature, so its curvature as a space curve
/// equals the surface's normal curvature in its direction, which lies between
/// the principal curvatures 1/M and 1/N. On WGS84 the largest of them is
/// κ = 1/M_min = a/b² (the meridional curvature at the equator,
/// M_min = b²/a ≈ 6 335 439 m).
///
/// Let X(σ), σ ∈ [0, L], be the arc (unit speed) and h(σ) the component of
/// X(σ) − X(0) perpendicular to the chord line. Then h(0) = h(L) = 0 and
/// |h''| ≤ |X''| ≤ κ, so for every unit vector v the scalar h·v is below the
/// parabola κσ(L − σ)/2 (maximum principle); choosing v along h(σ) gives
/// |h(σ)| ≤ κL²/8: the distance to the chord *line*. The distance to the chord
/// *segment* is the same when the foot lies between the endpoints, which holds
/// when every tangent makes an angle < 90° with the chord: the tangent turns
/// at rate ≤ κ, so all tangents lie within κL/2 of the mid-arc tangent, the
/// chord direction (their normalised mean) too, and any two within κL; so
/// κL < π/2 (L < ≈ 9 950 km) suffices. (This parabolic bound is slightly
/// larger than the circular-arc sagitta (1 − cos(κL/2))/κ and equals it to
/// first order.) For longer arcs the bound falls back to L/2: any arc point is
/// within arc length ≤ L/2 of an endpoint, and the 3D chord is never longer
/// than the arc.
///
/// A relative safety factor of 1.001 and an absolute pad of 1 µm cover the
/// rounding of ECEF arithmetic. A zero (or negative) length gives the pad; a
/// NaN length gives +∞ (the only conservative answer).
///
/// ```
/// use demarcate::geodesy::edge_sagitta_bound_m;
/// // A 1 km edge bows at most ~2 cm away from its chord.
/// let s = edge_sagitta_bound_m(1_000.0);
/// assert!(s > 0.019 && s < 0.021);
/// ```
pub fn edge_sagitta_bound_m(edge_length_m: f64) -> f64 {
    if edge_length_m.is_nan() {
        return f64::INFINITY;
    }
    let l = edge_length_m.max(0.0);
    let raw = if KAPPA_MAX * l < std::f64::consts::FRAC_PI_2 {
        KAPPA_MAX * l * l / 8.0
    } else {
        l / 2.0
    };
    raw * SAGITTA_SAFETY + SAGITTA_PAD_M
}

/// Lower bound, metres, on the geodesic distance from a surface point to a
/// geodesic edge, from 3D geometry alone.
///
/// `p_ecef`, `a_ecef`, `b_ecef` are [`ecef`] positions of the point and of the
/// edge's endpoints, `sagitta_m` an [`edge_sagitta_bound_m`] of the edge.
/// Returns max(0, d − sagitta_m) where d is the 3D distance from `p_ecef` to
/// the segment `a_ecef`–`b_ecef`.
///
/// # Units
///
/// Metres (ECEF in, geodesic distance bound out).
///
/// # Assumptions
///
/// WGS84 surface points in ECEF; the edge's geodesic within `sagitta_m` of its
/// chord.
///
/// # Why it holds
///
/// Let X be the nearest point of the geodesic edge to p. The geodesic from p
/// to X is a path on the surface, never shorter than the straight 3D segment
/// |p − X|. Every point of the edge, X included, is within `sagitta_m` of the
/// chord segment, so |p − X| ≥ d − `sagitta_m` by the triangle inequality.
/// NaN inputs give 0, which is a valid (trivial) lower bound.
///
/// ```
/// use demarcate::geodesy::{chord_lower_bound_m, ecef, edge_sagitta_bound_m, nearest_on_edge};
/// use geo_types::coord;
/// let (a, b, p) = (coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 }, coord! { x: 10.5, y: 1.0 });
/// let n = nearest_on_edge(p, a, b);
/// let lb = chord_lower_bound_m(ecef(p), ecef(a), ecef(b), edge_sagitta_bound_m(n.edge_length_m));
/// assert!(lb <= n.distance_m && lb > 0.99 * n.distance_m);
/// ```
pub fn chord_lower_bound_m(
    p_ecef: [f64; 3],
    a_ecef: [f64; 3],
    b_ecef: [f64; 3],
    sagitta_m: f64,
) -> f64 {
    let ab = sub(b_ecef, a_ecef);
    let ap = sub(p_ecef, a_ecef);
    let len2 = dot(ab, ab);
    let t = if len2 > 0.0 {
        (dot(ap, ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let foot = [
        a_ecef[0] + t * ab[0],
        a_ecef[1] + t * ab[1],
        a_ecef[2] + t * ab[2],
    ];
    let d = dot(sub(p_ecef, foot), sub(p_ecef, foot)).sqrt();
    (d - sagitta_m).max(0.0)
}

pub(crate) fn sub(u: [f64; 3], v: [f64; 3]) -> [f64; 3] {
    [u[0] - v[0], u[1] - v[1], u[2] - v[2]]
}

pub(crate) fn dot(u: [f64; 3], v: [f64; 3]) -> f64 {
    u[0] * v[0] + u[1] * v[1] + u[2] * v[2]
}

pub(crate) fn cross(u: [f64; 3], v: [f64; 3]) -> [f64; 3] {
    [
        u[1] * v[2] - u[2] * v[1],
        u[2] * v[0] - u[0] * v[2],
        u[0] * v[1] - u[1] * v[0],
    ]
}

/// Radius (metres) of the comparison sphere in [`arc_lower_bound_m`]: the
/// largest radius of curvature of WGS84, a²/b (at the poles), plus 0.1%.
const ARC_BOUND_RADIUS_M: f64 = WGS84_A * WGS84_A / WGS84_B * 1.001;

/// Lower bound, metres, on the geodesic distance between two surface points
/// whose 3D (chord) distance is `chord_m`: the great-circle distance
/// 2ρ·asin(c/2ρ) on a sphere of radius ρ slightly above the largest radius of
/// curvature of WGS84.
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// Two points on the WGS84 surface.
///
/// # Why it holds
///
/// A geodesic of the ellipsoid is a space curve whose curvature is the
/// surface's normal curvature in its direction, never below b/a² (the
/// flattest place, at the poles). A curve that bends at least as much as a
/// circle of radius ρ closes its chord at least as fast: its chord is at most
/// 2ρ·sin(s/2ρ), to the order where the variation of the curvature along the
/// curve enters, which the 0.1% margin on ρ covers. The bound is checked
/// against GeographicLib on 200,000 pairs from the poles to the equator and
/// up to 20,000 km apart (see the tests). It is much tighter than the chord
/// itself: at 200 km (40° N) the chord falls 8 m short of the geodesic, this
/// bound 6 cm.
///
/// ```
/// use demarcate::geodesy::{arc_lower_bound_m, distance_m, ecef};
/// use geo_types::coord;
/// let (p, q) = (coord! { x: 44.5, y: 40.2 }, coord! { x: 46.5, y: 39.0 });
/// let [x, y, z] = ecef(p);
/// let [u, v, w] = ecef(q);
/// let chord = ((x - u).powi(2) + (y - v).powi(2) + (z - w).powi(2)).sqrt();
/// let s = distance_m(p, q);
/// assert!(arc_lower_bound_m(chord) <= s && s - arc_lower_bound_m(chord) < 0.1);
/// ```
pub fn arc_lower_bound_m(chord_m: f64) -> f64 {
    if chord_m.is_nan() || chord_m <= 0.0 {
        return 0.0;
    }
    let x = (chord_m / (2.0 * ARC_BOUND_RADIUS_M)).min(1.0);
    (2.0 * ARC_BOUND_RADIUS_M * x.asin()).max(chord_m)
}

/// The chord (metres) below which [`arc_lower_bound_m`] stays under
/// `arc_m`: a box or segment at least this far away in 3D is at least `arc_m`
/// away on the ellipsoid. Infinite when `arc_m` is half the globe or more.
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// Two points on the WGS84 surface.
pub fn chord_for_arc_m(arc_m: f64) -> f64 {
    let half_angle = arc_m / (2.0 * ARC_BOUND_RADIUS_M);
    if half_angle.is_nan() || half_angle >= std::f64::consts::FRAC_PI_2 {
        f64::INFINITY
    } else {
        2.0 * ARC_BOUND_RADIUS_M * half_angle.max(0.0).sin()
    }
}

/// Radius (metres) of the comparison circle in [`arc_upper_bound_m`]: the
/// least radius of curvature of WGS84, b²/a (meridional, at the equator).
const ARC_UPPER_RADIUS_M: f64 = WGS84_B * WGS84_B / WGS84_A;
/// Largest chord (metres) for which [`arc_upper_bound_m`] is proven.
const ARC_UPPER_MAX_CHORD_M: f64 = 1.2e7;

/// Upper bound, metres, on the geodesic distance between two surface points
/// whose 3D (chord) distance is `chord_m`: the arc 2ρ·asin(c/2ρ) of a circle
/// of radius ρ = b²/a, the least radius of curvature of WGS84 (plus 1 µm for
/// rounding). Infinite for chords over 12 000 km (or NaN).
///
/// # Units
///
/// Metres.
///
/// # Assumptions
///
/// Two points on the WGS84 surface.
///
/// # Why it holds
///
/// The plane through the two points and the Earth's centre cuts the
/// ellipsoid in an ellipse centred there, with semi-axes a (it crosses the
/// equator's plane in a diameter) and b′ ∈ [b, a], whose curvature is at most
/// a/b′² ≤ a/b² = 1/ρ. Its shorter arc between the points is a path on the
/// surface, so the geodesic is no longer. By Schur's comparison theorem (a
/// curve that bends nowhere more than a convex plane arc of the same length
/// has a chord at least as long), a piece of the ellipse of length ℓ ≤ πρ
/// spans a chord of at least 2ρ·sin(ℓ/2ρ); so if the shorter arc is at most
/// πρ long, it is at most 2ρ·asin(c/2ρ). It is: otherwise its point at πρ
/// would be at least 2ρ from the start, and the rest of the arc (the shorter
/// arc is at most half the ellipse, at most πa, so the rest is under
/// π(a − ρ) ≈ 134 km) could not bring the chord below 2ρ − 134 km ≈ 12 536
/// km, which is more than any chord accepted.
///
/// At 100 km (40° N) it exceeds the geodesic by 1.5 cm, so the chord to a
/// vertex bounds the distance to a line through it almost exactly.
///
/// ```
/// use demarcate::geodesy::{arc_upper_bound_m, distance_m, ecef};
/// use geo_types::coord;
/// let (p, q) = (coord! { x: 44.5, y: 40.2 }, coord! { x: 46.5, y: 39.0 });
/// let [x, y, z] = ecef(p);
/// let [u, v, w] = ecef(q);
/// let chord = ((x - u).powi(2) + (y - v).powi(2) + (z - w).powi(2)).sqrt();
/// let s = distance_m(p, q);
/// assert!(arc_upper_bound_m(chord) >= s && arc_upper_bound_m(chord) - s < 0.2);
/// ```
pub fn arc_upper_bound_m(chord_m: f64) -> f64 {
    if chord_m.is_nan() || chord_m > ARC_UPPER_MAX_CHORD_M {
        return f64::INFINITY;
    }
    let x = chord_m.max(0.0) / (2.0 * ARC_UPPER_RADIUS_M);
    2.0 * ARC_UPPER_RADIUS_M * x.asin() * (1.0 + 1e-12) + 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::wgs84;
    use geo_types::coord;
    use geographiclib_rs::{DirectGeodesic, GeodesicLine, geodesic_capability as caps};

    fn dist3(u: [f64; 3], v: [f64; 3]) -> f64 {
        dot(sub(u, v), sub(u, v)).sqrt()
    }

    /// Distance from p to the segment a–b, by ternary search on the
    /// (convex) distance along it: independent of `chord_lower_bound_m`.
    fn dist_to_segment(p: [f64; 3], a: [f64; 3], b: [f64; 3]) -> f64 {
        let at = |t: f64| {
            dist3(
                p,
                [
                    a[0] + t * (b[0] - a[0]),
                    a[1] + t * (b[1] - a[1]),
                    a[2] + t * (b[2] - a[2]),
                ],
            )
        };
        let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
        for _ in 0..200 {
            let m1 = lo + (hi - lo) / 3.0;
            let m2 = hi - (hi - lo) / 3.0;
            if at(m1) <= at(m2) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        at(0.5 * (lo + hi))
    }

    #[test]
    fn chord_lower_bound_segment_geometry() {
        let a = [0.0, 0.0, 0.0];
        let b = [10.0, 0.0, 0.0];
        // beside the segment, beyond either end, on it, with a sagitta
        assert_eq!(chord_lower_bound_m([5.0, 3.0, 4.0], a, b, 0.0), 5.0);
        assert_eq!(chord_lower_bound_m([13.0, 4.0, 0.0], a, b, 0.0), 5.0);
        assert_eq!(chord_lower_bound_m([-3.0, 0.0, 4.0], a, b, 0.0), 5.0);
        assert_eq!(chord_lower_bound_m([5.0, 0.0, 0.0], a, b, 1.0), 0.0);
        assert_eq!(chord_lower_bound_m([5.0, 3.0, 4.0], a, b, 2.0), 3.0);
        assert_eq!(
            chord_lower_bound_m([5.0, 3.0, 4.0], a, a, 0.0),
            50.0_f64.sqrt()
        );
        assert_eq!(chord_lower_bound_m([f64::NAN; 3], a, b, 0.0), 0.0);
    }

    #[test]
    fn ecef_known_points() {
        let [x, y, z] = ecef(coord! { x: 90.0, y: 0.0 });
        assert!(x.abs() < 1e-9 && (y - WGS84_A).abs() < 1e-9 && z == 0.0);
        let [x, y, z] = ecef(coord! { x: 123.0, y: 90.0 });
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9 && (z - WGS84_B).abs() < 1e-6);
        let [_, _, z] = ecef(coord! { x: 0.0, y: -90.0 });
        assert!((z + WGS84_B).abs() < 1e-6);
        // 45° N: Z = N (1 − e²) sin φ, a textbook value.
        let [x, _, z] = ecef(coord! { x: 0.0, y: 45.0 });
        assert!((x - 4_517_590.878_8).abs() < 1e-3, "{x}");
        assert!((z - 4_487_348.408_9).abs() < 1e-3, "{z}");
    }

    #[test]
    fn sagitta_bound_holds_on_sampled_geodesics() {
        let g = wgs84();
        let mut worst_ratio: f64 = 0.0;
        // meridians through the equator are the tightest case (curvature a/b²)
        let starts = [
            (0.0, -5.0, 0.0),
            (10.0, -20.0, 0.0),
            (0.0, 0.0, 90.0),
            (30.0, 60.0, 45.0),
            (-70.0, 80.0, 120.0),
            (100.0, -30.0, 10.0),
            (179.0, 1.0, 200.0),
        ];
        let lengths = [1e3, 1e4, 1e5, 5e5, 1e6, 2e6, 5e6, 9.9e6, 1.2e7, 1.99e7];
        for &(lon, lat, azi) in &starts {
            for &l in &lengths {
                let line = GeodesicLine::new(g, lat, lon, azi, None, None, None);
                let a = ecef(coord! { x: lon, y: lat });
                let (_, lat2, lon2, _, _, _, _, _, _) =
                    line._gen_position(false, l, caps::LATITUDE | caps::LONGITUDE);
                let b = ecef(coord! { x: lon2, y: lat2 });
                let bound = edge_sagitta_bound_m(l);
                let mut max_dev: f64 = 0.0;
                let n = 400;
                for i in 0..=n {
                    let s = l * i as f64 / n as f64;
                    let (_, la, lo, _, _, _, _, _, _) =
                        line._gen_position(false, s, caps::LATITUDE | caps::LONGITUDE);
                    max_dev = max_dev.max(dist_to_segment(ecef(coord! { x: lo, y: la }), a, b));
                }
                assert!(
                    max_dev <= bound,
                    "start {lon},{lat} azi {azi} L {l}: deviation {max_dev} > bound {bound}"
                );
                if l < 9e6 {
                    worst_ratio = worst_ratio.max(max_dev / bound);
                }
            }
        }
        // The bound is tight along equator-crossing meridians, not loose everywhere.
        assert!(
            worst_ratio > 0.99,
            "bound is unexpectedly loose: {worst_ratio}"
        );
    }

    #[test]
    fn sagitta_bound_edge_values() {
        assert!(edge_sagitta_bound_m(f64::NAN).is_infinite());
        assert_eq!(edge_sagitta_bound_m(0.0), SAGITTA_PAD_M);
        assert_eq!(edge_sagitta_bound_m(-5.0), SAGITTA_PAD_M);
        // monotone through the switch to L/2
        let mut prev = 0.0;
        for i in 0..200 {
            let l = i as f64 * 1e5;
            let s = edge_sagitta_bound_m(l);
            assert!(s >= prev);
            prev = s;
        }
    }

    #[test]
    fn chord_lower_bound_is_below_geodesic_distance() {
        let g = wgs84();
        let a = coord! { x: 44.0, y: 40.0 };
        for (azi, l) in [(30.0, 1_000.0), (100.0, 50_000.0), (200.0, 1_500_000.0)] {
            let (lat2, lon2) = g.direct(a.y, a.x, azi, l);
            let b = coord! { x: lon2, y: lat2 };
            let sag = edge_sagitta_bound_m(l);
            for (dazi, d) in [
                (0.0, 0.0),
                (90.0, 10.0),
                (-90.0, 5_000.0),
                (45.0, 800_000.0),
            ] {
                let (plat, plon) = g.direct(a.y, a.x, azi + dazi, d);
                let p = coord! { x: plon, y: plat };
                let n = crate::geodesy::nearest_on_edge(p, a, b);
                let lb = chord_lower_bound_m(ecef(p), ecef(a), ecef(b), sag);
                assert!(lb <= n.distance_m, "lb {lb} > distance {}", n.distance_m);
                assert!(lb >= 0.0);
                // straight 3D distance to the exact nearest point is never more
                let x = ecef(n.point);
                assert!(lb <= dist3(ecef(p), x) + 1e-9);
            }
        }
    }

    /// 200,000 seeded pairs (lat1, lon1, azi, geodesic length, chord): random,
    /// near-equatorial, polar and area-uniform starts; random, meridional and
    /// eastward azimuths (meridians through the equator bend most); lengths
    /// from 1 m to 20,000 km, from GeographicLib's direct and inverse.
    fn geodesic_chord_pairs(seed: u64) -> impl Iterator<Item = (f64, f64, f64, f64, f64)> {
        use geographiclib_rs::{DirectGeodesic, InverseGeodesic};
        let g = crate::geodesy::wgs84();
        let mut state = seed;
        let mut unit = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..200_000).map(move |i| {
            let lat1 = match i % 4 {
                0 => unit() * 180.0 - 90.0,
                1 => unit() * 2.0 - 1.0,
                2 => 85.0 + unit() * 5.0,
                _ => (unit() * 2.0 - 1.0).asin().to_degrees(),
            };
            let lon1 = unit() * 360.0 - 180.0;
            let azi = match i % 3 {
                0 => unit() * 360.0,
                1 => 0.0,
                _ => 90.0,
            };
            let dist = 10f64.powf(unit() * 7.3);
            let (lat2, lon2): (f64, f64) = g.direct(lat1, lon1, azi, dist);
            let s: f64 = g.inverse(lat1, lon1, lat2, lon2);
            let p = ecef(Coord { x: lon1, y: lat1 });
            let q = ecef(Coord { x: lon2, y: lat2 });
            (lat1, lon1, azi, s, dot(sub(p, q), sub(p, q)).sqrt())
        })
    }

    #[test]
    fn arc_lower_bound_never_exceeds_the_geodesic() {
        use geographiclib_rs::DirectGeodesic;
        let g = crate::geodesy::wgs84();
        let mut worst = f64::INFINITY;
        for (lat1, lon1, azi, s, chord) in geodesic_chord_pairs(0x1234_5678_9abc_def0) {
            let lb = arc_lower_bound_m(chord);
            // Rounding of the chord is ~1e-9 m.
            assert!(lb <= s + 1e-8, "{lat1} {lon1} {azi} {s}: {lb}");
            worst = worst.min(s - lb);
        }
        assert!(worst > -1e-8);
        // Tight where it matters: 200 km apart at 40° N, within 10 cm.
        let (lat2, lon2): (f64, f64) = g.direct(40.0, 45.0, 60.0, 200_000.0);
        let p = ecef(Coord { x: 45.0, y: 40.0 });
        let q = ecef(Coord { x: lon2, y: lat2 });
        let lb = arc_lower_bound_m(dot(sub(p, q), sub(p, q)).sqrt());
        assert!(200_000.0 - lb < 0.1 && lb <= 200_000.0, "{lb}");
    }

    #[test]
    fn arc_upper_bound_is_never_below_the_geodesic() {
        let mut finite = 0;
        for (lat1, lon1, azi, s, chord) in geodesic_chord_pairs(0x0fed_cba9_8765_4321) {
            let ub = arc_upper_bound_m(chord);
            assert!(ub >= s, "{lat1} {lon1} {azi} {s}: {ub}");
            finite += usize::from(ub.is_finite());
        }
        assert!(finite > 150_000, "{finite}");
        use geographiclib_rs::DirectGeodesic;
        let g = crate::geodesy::wgs84();
        // Tight where it matters: 200 km across the equator along a
        // meridian (where the curvature is a/b²) within 1 mm, and 200 km at
        // 40° N within 15 cm.
        for (lat, azi, slack) in [(-0.9, 0.0, 1e-3), (40.0, 60.0, 0.15)] {
            let (lat2, lon2): (f64, f64) = g.direct(lat, 45.0, azi, 200_000.0);
            let p = ecef(Coord { x: 45.0, y: lat });
            let q = ecef(Coord { x: lon2, y: lat2 });
            let ub = arc_upper_bound_m(dot(sub(p, q), sub(p, q)).sqrt());
            assert!(ub >= 200_000.0 && ub - 200_000.0 < slack, "{ub}");
        }
        assert_eq!(arc_upper_bound_m(0.0), 1e-6);
        assert_eq!(arc_upper_bound_m(1.3e7), f64::INFINITY);
        assert_eq!(arc_upper_bound_m(f64::NAN), f64::INFINITY);
    }

    #[test]
    fn chord_for_arc_inverts_the_arc_bound() {
        for arc in [0.0, 1.0, 1e3, 1e5, 1e6, 5e6, 1.5e7] {
            let c = chord_for_arc_m(arc);
            assert!(
                (arc_lower_bound_m(c) - arc).abs() <= 1e-9 * arc.max(1.0),
                "{arc}"
            );
            // Just below the chord, the bound is below the arc.
            assert!(arc_lower_bound_m(c * (1.0 - 1e-9)) < arc || arc == 0.0);
        }
        assert_eq!(chord_for_arc_m(2.1e7), f64::INFINITY);
    }
}
