//! Transformations between a CRS and WGS84 longitude/latitude.

use std::marker::PhantomData;

use geo::{BoundingRect, MapCoordsInPlace};
use geo_types::{Coord, Geometry};
use geojson::GeometryValue;

use super::{CoordSource, Crs, Direction};
use crate::error::{Error, Result};
use crate::model::Feature;

/// Below this many coordinates a transformation runs on the calling thread
/// (~0.35 µs a coordinate for UTM); above it, in one contiguous part per rayon
/// thread, each with its own PROJ object (~15 ms to make).
#[cfg(feature = "proj")]
const PARALLEL_FROM: usize = 200_000;

/// Transforms coordinates between a CRS and WGS84 longitude/latitude
/// (degrees), both ways, in the GIS axis order (easting, northing /
/// longitude, latitude; see the [module docs](super)).
///
/// For WGS84 itself it is the identity and needs no PROJ. For any other CRS
/// it needs the `proj` feature: without it, [`Transformer::new`] fails with
/// [`Error::ProjUnavailable`].
///
/// Like `proj::Proj`, a `Transformer` is neither `Send` nor `Sync`: make one
/// per thread. [`Transformer::transform`] spreads large point lists and
/// feature slices over rayon's threads, each with its own PROJ object.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "proj")] {
/// use demarcate::crs::{Crs, Direction, Transformer};
/// use geo_types::coord;
///
/// let utm = Transformer::new(&Crs::parse("EPSG:32638")?)?;
/// let p = utm.transform(Direction::FromWgs84, coord! { x: 45.5, y: 40.2 })?; // lon, lat
/// assert!((p.x - 542_555.163).abs() < 1e-3 && (p.y - 4_450_075.498).abs() < 1e-3);
/// let back = utm.transform(Direction::ToWgs84, p)?;
/// assert!((back.x - 45.5).abs() < 1e-9 && (back.y - 40.2).abs() < 1e-9);
/// # }
/// # Ok::<(), demarcate::Error>(())
/// ```
#[derive(Debug)]
pub struct Transformer {
    crs: Crs,
    #[cfg(feature = "proj")]
    projs: Option<imp::Pair>,
    _one_per_thread: PhantomData<*const ()>,
}

/// One direction of a transformation, borrowed from a [`Transformer`] or from
/// a worker's own PROJ objects.
struct Op<'a> {
    crs: &'a str,
    direction: Direction,
    #[cfg(feature = "proj")]
    proj: Option<&'a proj::Proj>,
}

impl Op<'_> {
    fn apply(&self, c: Coord<f64>) -> Result<Coord<f64>, String> {
        #[cfg(feature = "proj")]
        if let Some(p) = self.proj {
            return imp::convert(p, c);
        }
        Ok(c)
    }

    fn error(&self, at: CoordSource, c: Coord<f64>, message: String) -> Error {
        Error::Reproject {
            crs: self.crs.to_owned(),
            direction: self.direction,
            at,
            x: c.x,
            y: c.y,
            message,
        }
    }

    fn point(&self, index: usize, c: Coord<f64>) -> Result<Coord<f64>> {
        self.apply(c)
            .map_err(|m| self.error(CoordSource::Point { index }, c, m))
    }

    fn geometry(&self, g: &mut Geometry<f64>) -> Result<(), (Coord<f64>, String)> {
        let f = |c: Coord<f64>| self.apply(c).map_err(|m| (c, m));
        // By variant: geo's own recursion into collections does not
        // monomorphize (it nests `&&...F` without end).
        match g {
            Geometry::Point(x) => x.try_map_coords_in_place(f),
            Geometry::Line(x) => x.try_map_coords_in_place(f),
            Geometry::LineString(x) => x.try_map_coords_in_place(f),
            Geometry::Polygon(x) => x.try_map_coords_in_place(f),
            Geometry::MultiPoint(x) => x.try_map_coords_in_place(f),
            Geometry::MultiLineString(x) => x.try_map_coords_in_place(f),
            Geometry::MultiPolygon(x) => x.try_map_coords_in_place(f),
            Geometry::Rect(x) => x.try_map_coords_in_place(f),
            Geometry::Triangle(x) => x.try_map_coords_in_place(f),
            Geometry::GeometryCollection(gc) => gc.0.iter_mut().try_for_each(|g| self.geometry(g)),
        }
    }

    /// Every coordinate of one feature: its geometry, the geometry as read
    /// when it has altitudes (only x and y change), and its `bbox`es.
    fn feature(&self, index: usize, f: &mut Feature) -> Result<()> {
        let fail = |(c, message): (Coord<f64>, String)| {
            let at = CoordSource::Feature {
                index,
                id: f.id.clone(),
            };
            self.error(at, c, message)
        };
        if let Some(g) = &mut f.geometry {
            self.geometry(g).map_err(fail)?;
        }
        if let Some(original) = &mut f.geometry_extras.original {
            self.geojson(&mut original.value).map_err(fail)?;
        }
        if let Some(g) = &f.geometry {
            if let Some(b) = &mut f.geometry_extras.bbox {
                rebox(b, g);
            }
            if let Some(b) = &mut f.bbox {
                rebox(b, g);
            }
        }
        Ok(())
    }

    fn geojson(&self, v: &mut GeometryValue) -> Result<(), (Coord<f64>, String)> {
        let pos = |p: &mut geojson::Position| -> Result<(), (Coord<f64>, String)> {
            let s = p.as_slice_mut();
            if s.len() >= 2 {
                let c = Coord { x: s[0], y: s[1] };
                let t = self.apply(c).map_err(|m| (c, m))?;
                s[0] = t.x;
                s[1] = t.y;
            }
            Ok(())
        };
        match v {
            GeometryValue::Point { coordinates } => pos(coordinates),
            GeometryValue::MultiPoint { coordinates }
            | GeometryValue::LineString { coordinates } => coordinates.iter_mut().try_for_each(pos),
            GeometryValue::MultiLineString { coordinates }
            | GeometryValue::Polygon { coordinates } => {
                coordinates.iter_mut().flatten().try_for_each(pos)
            }
            GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter_mut().flatten().flatten().try_for_each(pos)
            }
            GeometryValue::GeometryCollection { geometries } => geometries
                .iter_mut()
                .try_for_each(|g| self.geojson(&mut g.value)),
        }
    }
}

/// Recomputes a `bbox` (`[x0, y0, x1, y1]`, or `[x0, y0, z0, x1, y1, z1]`
/// whose altitudes stay) from transformed geometry.
fn rebox(b: &mut [f64], g: &Geometry<f64>) {
    let Some(r) = g.bounding_rect() else { return };
    let (min, max) = (r.min(), r.max());
    match b.len() {
        4 => b.copy_from_slice(&[min.x, min.y, max.x, max.y]),
        6 => {
            b[0] = min.x;
            b[1] = min.y;
            b[3] = max.x;
            b[4] = max.y;
        }
        _ => {}
    }
}

#[cfg(feature = "proj")]
fn coords_in(features: &[Feature]) -> usize {
    use geo::CoordsIter;
    features
        .iter()
        .filter_map(|f| f.geometry.as_ref())
        .map(|g| g.coords_count())
        .sum()
}

impl Transformer {
    /// A transformer between `crs` and WGS84 longitude/latitude.
    ///
    /// # Errors
    ///
    /// [`Error::ProjUnavailable`] for a CRS other than WGS84 in a build without
    /// the `proj` feature; [`Error::CrsSetup`] when PROJ does not know the CRS
    /// or cannot transform between it and WGS84 (the message is PROJ's).
    pub fn new(crs: &Crs) -> Result<Transformer> {
        #[cfg(feature = "proj")]
        let projs = if crs.is_wgs84_lonlat() {
            None
        } else {
            Some(imp::Pair::new(crs)?)
        };
        #[cfg(not(feature = "proj"))]
        if !crs.is_wgs84_lonlat() {
            return Err(Error::ProjUnavailable {
                crs: crs.to_string(),
            });
        }
        Ok(Transformer {
            crs: crs.clone(),
            #[cfg(feature = "proj")]
            projs,
            _one_per_thread: PhantomData,
        })
    }

    /// The CRS on the other side of WGS84.
    pub fn crs(&self) -> &Crs {
        &self.crs
    }

    /// Transforms `value` one way between the CRS and WGS84
    /// longitude/latitude (degrees): a [`Coord`], a point list (`&[Coord]`,
    /// `&Vec<Coord>`, result in order), a `&Geometry` (a new geometry) or
    /// features (`&mut [Feature]`, in place; see [`Transformable`]).
    ///
    /// Points are not range-checked: the distance functions check their query
    /// points ([`Error::InvalidPoint`]). Features keep their altitudes (only
    /// x and y change), properties and members; their `bbox`es are
    /// recomputed. Large point lists and feature slices are spread over
    /// rayon's threads, each with its own PROJ object.
    ///
    /// # Errors
    ///
    /// [`Error::Reproject`] with PROJ's message for the first coordinate
    /// outside what the CRS can transform, naming the point (index in the
    /// list) or the feature (index in the slice, id); features are then
    /// partly transformed.
    pub fn transform<T: Transformable>(&self, direction: Direction, value: T) -> Result<T::Output> {
        value.transform_by(self, direction)
    }

    fn op(&self, direction: Direction) -> Op<'_> {
        Op {
            crs: self.crs.as_str(),
            direction,
            #[cfg(feature = "proj")]
            proj: self.projs.as_ref().map(|p| match direction {
                Direction::ToWgs84 => &p.to,
                Direction::FromWgs84 => &p.from,
            }),
        }
    }

    fn coord(&self, c: Coord<f64>, direction: Direction) -> Result<Coord<f64>> {
        let op = self.op(direction);
        op.apply(c).map_err(|m| op.error(CoordSource::Single, c, m))
    }

    fn points(&self, points: &[Coord<f64>], direction: Direction) -> Result<Vec<Coord<f64>>> {
        #[cfg(feature = "proj")]
        if self.projs.is_some() && points.len() >= PARALLEL_FROM {
            return imp::par_points(&self.crs, points, direction);
        }
        let op = self.op(direction);
        points
            .iter()
            .enumerate()
            .map(|(i, &c)| op.point(i, c))
            .collect()
    }

    fn geometry(&self, g: &Geometry<f64>, direction: Direction) -> Result<Geometry<f64>> {
        let op = self.op(direction);
        let mut g = g.clone();
        op.geometry(&mut g)
            .map_err(|(c, m)| op.error(CoordSource::Single, c, m))?;
        Ok(g)
    }

    fn features(&self, features: &mut [Feature], direction: Direction) -> Result<()> {
        #[cfg(feature = "proj")]
        if self.projs.is_some() && coords_in(features) >= PARALLEL_FROM {
            return imp::par_features(&self.crs, features, direction);
        }
        let op = self.op(direction);
        features
            .iter_mut()
            .enumerate()
            .try_for_each(|(i, f)| op.feature(i, f))
    }
}

mod sealed {
    pub trait Sealed {}
}

/// What [`Transformer::transform`] takes, and what it gives back for each.
///
/// | value | output |
/// |---|---|
/// | `Coord<f64>` | `Coord<f64>` |
/// | `&[Coord<f64>]`, `&Vec<Coord<f64>>` | `Vec<Coord<f64>>`, in order |
/// | `&Geometry<f64>` | `Geometry<f64>` |
/// | `&mut [Feature]`, `&mut Vec<Feature>` | `()`: transformed in place |
///
/// A whole map is [`crate::io::ProjectedMap::new`] (from WGS84, for writing)
/// or [`crate::io::Loader::map`] (to WGS84, validated again). Sealed: only
/// this crate implements it.
pub trait Transformable: sealed::Sealed {
    /// What the transformation gives back.
    type Output;

    /// Transforms `self` with `transformer` (see [`Transformer::transform`]).
    ///
    /// # Errors
    ///
    /// As [`Transformer::transform`].
    fn transform_by(self, transformer: &Transformer, direction: Direction) -> Result<Self::Output>;
}

impl sealed::Sealed for Coord<f64> {}
impl Transformable for Coord<f64> {
    type Output = Coord<f64>;
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<Coord<f64>> {
        t.coord(self, direction)
    }
}

impl sealed::Sealed for &[Coord<f64>] {}
impl Transformable for &[Coord<f64>] {
    type Output = Vec<Coord<f64>>;
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<Vec<Coord<f64>>> {
        t.points(self, direction)
    }
}

impl sealed::Sealed for &Vec<Coord<f64>> {}
impl Transformable for &Vec<Coord<f64>> {
    type Output = Vec<Coord<f64>>;
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<Vec<Coord<f64>>> {
        t.points(self, direction)
    }
}

impl<const N: usize> sealed::Sealed for &[Coord<f64>; N] {}
impl<const N: usize> Transformable for &[Coord<f64>; N] {
    type Output = Vec<Coord<f64>>;
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<Vec<Coord<f64>>> {
        t.points(self, direction)
    }
}

impl sealed::Sealed for &Geometry<f64> {}
impl Transformable for &Geometry<f64> {
    type Output = Geometry<f64>;
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<Geometry<f64>> {
        t.geometry(self, direction)
    }
}

impl sealed::Sealed for &mut [Feature] {}
impl Transformable for &mut [Feature] {
    type Output = ();
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<()> {
        t.features(self, direction)
    }
}

impl sealed::Sealed for &mut Vec<Feature> {}
impl Transformable for &mut Vec<Feature> {
    type Output = ();
    fn transform_by(self, t: &Transformer, direction: Direction) -> Result<()> {
        t.features(self, direction)
    }
}

/// A collection `bbox` recomputed from transformed features (`None` when the
/// collection had none).
pub(crate) fn collection_bbox(old: Option<&Vec<f64>>, features: &[Feature]) -> Option<Vec<f64>> {
    let mut b = old?.clone();
    let rect = features
        .iter()
        .filter_map(|f| f.geometry.as_ref()?.bounding_rect())
        .reduce(|a, r| {
            geo_types::Rect::new(
                Coord {
                    x: a.min().x.min(r.min().x),
                    y: a.min().y.min(r.min().y),
                },
                Coord {
                    x: a.max().x.max(r.max().x),
                    y: a.max().y.max(r.max().y),
                },
            )
        });
    if let Some(r) = rect {
        rebox(&mut b, &geo_types::Geometry::Rect(r));
    }
    Some(b)
}

#[cfg(feature = "proj")]
mod imp {
    use geo_types::Coord;
    use proj::Proj;
    use rayon::prelude::*;

    use super::Op;
    use crate::crs::{Crs, Direction};
    use crate::error::{Error, Result};
    use crate::model::Feature;

    /// WGS84 lon/lat as PROJ is given it.
    const WGS84: &str = "OGC:CRS84";

    /// Both directions (see [`one`]).
    pub(super) struct Pair {
        pub(super) to: Proj,
        pub(super) from: Proj,
    }

    impl std::fmt::Debug for Pair {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Pair { .. }")
        }
    }

    impl Pair {
        pub(super) fn new(crs: &Crs) -> Result<Pair> {
            Ok(Pair {
                to: one(crs, Direction::ToWgs84)?,
                from: one(crs, Direction::FromWgs84)?,
            })
        }
    }

    pub(super) fn convert(p: &Proj, c: Coord<f64>) -> Result<Coord<f64>, String> {
        let (x, y) = p.convert((c.x, c.y)).map_err(|e| match e {
            proj::ProjError::Conversion(m) | proj::ProjError::Projection(m) => m,
            other => other.to_string(),
        })?;
        if x.is_finite() && y.is_finite() {
            Ok(Coord { x, y })
        } else {
            Err("PROJ returned no finite coordinate (outside the CRS's domain)".to_owned())
        }
    }

    /// The transformation one way, created with `proj_create_crs_to_crs` and
    /// normalized for visualization (GIS axis order) by `Proj::new_known_crs`.
    pub(super) fn one(crs: &Crs, direction: Direction) -> Result<Proj> {
        let def = crs.proj_definition();
        let made = match direction {
            Direction::ToWgs84 => Proj::new_known_crs(&def, WGS84, None),
            Direction::FromWgs84 => Proj::new_known_crs(WGS84, &def, None),
        };
        made.map_err(|e| Error::CrsSetup {
            crs: crs.to_string(),
            direction,
            message: match e {
                proj::ProjCreateError::ProjError(m) => m,
                other => other.to_string(),
            },
        })
    }

    /// Contiguous parts, one per rayon thread: each part makes its own PROJ
    /// object (they are not `Send`, and making one costs ~15 ms).
    fn part_len(n: usize) -> usize {
        n.div_ceil(rayon::current_num_threads().max(1)).max(1)
    }

    pub(super) fn par_points(
        crs: &Crs,
        points: &[Coord<f64>],
        direction: Direction,
    ) -> Result<Vec<Coord<f64>>> {
        let len = part_len(points.len());
        let parts: Vec<Vec<Coord<f64>>> = points
            .par_chunks(len)
            .enumerate()
            .map(|(k, part)| {
                let proj = one(crs, direction)?;
                let op = Op {
                    crs: crs.as_str(),
                    direction,
                    proj: Some(&proj),
                };
                part.iter()
                    .enumerate()
                    .map(|(i, &c)| op.point(k * len + i, c))
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<_>>()?;
        Ok(parts.into_iter().flatten().collect())
    }

    pub(super) fn par_features(
        crs: &Crs,
        features: &mut [Feature],
        direction: Direction,
    ) -> Result<()> {
        let len = part_len(features.len());
        features
            .par_chunks_mut(len)
            .enumerate()
            .try_for_each(|(k, part)| {
                let proj = one(crs, direction)?;
                let op = Op {
                    crs: crs.as_str(),
                    direction,
                    proj: Some(&proj),
                };
                part.iter_mut()
                    .enumerate()
                    .try_for_each(|(i, f)| op.feature(k * len + i, f))
            })
    }
}
