//! The map projection: the azimuthal equidistant projection of the WGS84
//! ellipsoid, and the affine step from projected metres to pixels.

use geo_types::Coord;
use geographiclib_rs::InverseGeodesic;

use crate::geodesy::{destination, wgs84};

/// The ellipsoidal azimuthal equidistant projection centred on a point
/// (GeographicLib's `AzimuthalEquidistant`, built on the exact geodesic).
///
/// A point at geodesic distance `s` (metres) and forward azimuth `α` (degrees
/// clockwise from north, at the centre) from the centre maps to
/// `x = s · sin α`, `y = s · cos α` (metres, `x` east, `y` north).
///
/// # Distortion
///
/// Distances and azimuths measured **from the centre** are exact everywhere,
/// so the radial scale is 1. The scale across (perpendicular to the radius) is
/// `k = s / m₁₂`, with `m₁₂` the reduced length of the geodesic from the
/// centre: 1 at the centre, about `1 + (s/R)²/6` at distance `s` (R ≈ 6 371 km):
/// 1.000 017 at 65 km, 1.000 16 at 200 km, 1.0041 at 1 000 km. Over the seed
/// dataset's map (the Armenia–Azerbaijan border, about 330 km by 290 km) the
/// largest scale error, at the frame's corners, is below 0.03 %. The scale bar
/// is exact at the centre.
///
/// # Units and assumptions
///
/// Input is WGS84 longitude, latitude in degrees; output is metres on the
/// projection plane. Defined for points closer than the antipode of the
/// centre; a map of a border region is far inside that.
///
/// # Examples
///
/// ```
/// use demarcate::render::AzimuthalEquidistant;
/// use geo_types::coord;
///
/// let p = AzimuthalEquidistant::new(coord! { x: 10.5, y: 0.0 });
/// // 0.5° east along the equator: a · π / 360 metres, due east.
/// let q = p.forward(coord! { x: 11.0, y: 0.0 });
/// assert!((q.x - 55_659.745_396_636_785).abs() < 1e-6 && q.y.abs() < 1e-6);
/// let back = p.inverse(q);
/// assert!((back.x - 11.0).abs() < 1e-12 && back.y.abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AzimuthalEquidistant {
    centre: Coord<f64>,
}

impl AzimuthalEquidistant {
    /// The projection centred on `centre` (lon/lat degrees).
    pub fn new(centre: Coord<f64>) -> Self {
        AzimuthalEquidistant { centre }
    }

    /// The centre, lon/lat degrees.
    pub fn centre(&self) -> Coord<f64> {
        self.centre
    }

    /// Projects a lon/lat point to metres east (`x`) and north (`y`) of the
    /// centre on the projection plane.
    ///
    /// # Units
    ///
    /// Metres east and north of the centre; `c` lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// Azimuthal equidistant on WGS84: distances and azimuths from the centre
    /// are exact geodesic ones.
    pub fn forward(&self, c: Coord<f64>) -> Coord<f64> {
        let (s, azi1, _azi2, _a12): (f64, f64, f64, f64) =
            wgs84().inverse(self.centre.y, self.centre.x, c.y, c.x);
        if s == 0.0 {
            return Coord { x: 0.0, y: 0.0 };
        }
        let a = azi1.to_radians();
        Coord {
            x: s * a.sin(),
            y: s * a.cos(),
        }
    }

    /// The lon/lat point (degrees) that projects to `p` (metres).
    ///
    /// # Units
    ///
    /// Lon/lat degrees; `p` metres.
    ///
    /// # Assumptions
    ///
    /// As [`Self::forward`].
    pub fn inverse(&self, p: Coord<f64>) -> Coord<f64> {
        let s = p.x.hypot(p.y);
        if s == 0.0 {
            return self.centre;
        }
        destination(self.centre, p.x.atan2(p.y).to_degrees(), s)
    }

    /// The scale factor across the radius (`s / m₁₂`) at a lon/lat point: how
    /// much longer a short east–west-of-the-radius distance is on the map than
    /// on the ellipsoid. The radial scale is exactly 1.
    ///
    /// # Units
    ///
    /// A ratio (1 at the centre).
    ///
    /// # Assumptions
    ///
    /// As [`Self::forward`].
    pub fn transverse_scale(&self, c: Coord<f64>) -> f64 {
        let (s, azi1, _azi2, _a12): (f64, f64, f64, f64) =
            wgs84().inverse(self.centre.y, self.centre.x, c.y, c.x);
        if s < 1.0 {
            return 1.0;
        }
        // Two points δ apart in azimuth at the same distance: on the map they
        // are 2 s sin(δ/2) apart, on the ellipsoid (to first order) m₁₂ δ.
        let delta = 1e-3_f64;
        let p = destination(self.centre, azi1 - delta / 2.0, s);
        let q = destination(self.centre, azi1 + delta / 2.0, s);
        let ground: f64 = wgs84().inverse(p.y, p.x, q.y, q.x);
        let plane = 2.0 * s * (delta.to_radians() / 2.0).sin();
        if ground > 0.0 { plane / ground } else { 1.0 }
    }
}

/// Where the map lies in the image: the projection and the affine step from
/// projected metres to pixels (`x` right, `y` down).
///
/// The projection's centre is drawn at the centre of the map frame; the scale
/// (pixels per metre) is the largest at which the whole extent fits the frame
/// symmetrically about that centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapFrame {
    /// The projection.
    pub projection: AzimuthalEquidistant,
    /// Left edge of the map frame, pixels.
    pub x0: f64,
    /// Top edge of the map frame, pixels.
    pub y0: f64,
    /// Width of the map frame, pixels.
    pub width: f64,
    /// Height of the map frame, pixels.
    pub height: f64,
    /// Pixels per metre on the projection plane (exact at the centre).
    pub px_per_m: f64,
}

impl MapFrame {
    /// The pixel (x right, y down, from the image's top-left corner) of a
    /// lon/lat point.
    pub fn to_pixel(&self, c: Coord<f64>) -> (f64, f64) {
        self.plane_to_pixel(self.projection.forward(c))
    }

    /// The pixel of a point on the projection plane (metres).
    pub fn plane_to_pixel(&self, p: Coord<f64>) -> (f64, f64) {
        (
            self.x0 + self.width / 2.0 + p.x * self.px_per_m,
            self.y0 + self.height / 2.0 - p.y * self.px_per_m,
        )
    }

    /// The lon/lat point under a pixel.
    pub fn from_pixel(&self, x: f64, y: f64) -> Coord<f64> {
        self.projection.inverse(Coord {
            x: (x - self.x0 - self.width / 2.0) / self.px_per_m,
            y: (self.y0 + self.height / 2.0 - y) / self.px_per_m,
        })
    }

    /// Metres on the ground per pixel at the centre of the map.
    ///
    /// # Units
    ///
    /// Metres per pixel.
    ///
    /// # Assumptions
    ///
    /// At the map's centre; the scale error elsewhere is [`Self::max_scale_error`].
    pub fn metres_per_pixel(&self) -> f64 {
        1.0 / self.px_per_m
    }

    /// The largest scale error over the map frame, as a fraction (`k − 1` at
    /// the frame corner farthest from the centre; 0.0002 is 0.02 %).
    ///
    /// # Units
    ///
    /// A fraction (`k − 1`).
    ///
    /// # Assumptions
    ///
    /// The azimuthal equidistant projection of the map.
    pub fn max_scale_error(&self) -> f64 {
        let corners = [
            (self.x0, self.y0),
            (self.x0 + self.width, self.y0),
            (self.x0, self.y0 + self.height),
            (self.x0 + self.width, self.y0 + self.height),
        ];
        corners
            .iter()
            .map(|&(x, y)| self.projection.transverse_scale(self.from_pixel(x, y)) - 1.0)
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::coord;

    #[test]
    fn radial_distances_are_exact_and_transverse_scale_grows_as_expected() {
        let p = AzimuthalEquidistant::new(coord! { x: 45.5, y: 40.0 });
        let q = coord! { x: 46.7, y: 41.2 };
        let s: f64 = wgs84().inverse(40.0, 45.5, 41.2, 46.7);
        let f = p.forward(q);
        assert!((f.x.hypot(f.y) - s).abs() < 1e-6);
        let back = p.inverse(f);
        assert!((back.x - q.x).abs() < 1e-10 && (back.y - q.y).abs() < 1e-10);
        // k ≈ 1 + (s/R)²/6 to within a few per cent of the excess.
        let k = p.transverse_scale(q);
        let expected = (s / crate::geodesy::MEAN_RADIUS_M).powi(2) / 6.0;
        assert!(
            ((k - 1.0) - expected).abs() < 0.05 * expected,
            "{k} {expected}"
        );
        assert_eq!(p.transverse_scale(p.centre()), 1.0);
    }
}
