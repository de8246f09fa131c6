//! Transformations between a CRS and WGS84 longitude/latitude.

use std::marker::PhantomData;

use geo::{BoundingRect, MapCoordsInPlace};
use geo_types::{Coord, Geometry};
use geojson::GeometryValue;

use super::{CoordSource, Crs, Direction};
use crate::error::{Error, Result};
use crate::io::Loaded;
use crate::model::{BorderMap, Feature};

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
/// per thread. Its batch methods ([`Transformer::points_to_wgs84`],
/// [`Transformer::features_to_wgs84`], [`Transformer::map_from_wgs84`], ...)
/// spread large inputs over rayon's threads, each with its own PROJ object.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "proj")] {
/// use demarcate::crs::{Crs, Transformer};
/// use geo_types::coord;
///
/// let utm = Transformer::new(&Crs::parse("EPSG:32638")?)?;
/// let p = utm.from_wgs84(coord! { x: 45.5, y: 40.2 })?; // lon, lat
/// assert!((p.x - 542_555.163).abs() < 1e-3 && (p.y - 4_450_075.498).abs() < 1e-3);
/// let back = utm.to_wgs84(p)?;
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

    fn op(&self, to_wgs84: bool) -> Op<'_> {
        Op {
            crs: self.crs.as_str(),
            direction: if to_wgs84 {
                Direction::ToWgs84
            } else {
                Direction::FromWgs84
            },
            #[cfg(feature = "proj")]
            proj: self
                .projs
                .as_ref()
                .map(|p| if to_wgs84 { &p.to } else { &p.from }),
        }
    }

    /// One coordinate of the CRS (easting, northing or its own lon, lat) to
    /// WGS84 (longitude, latitude in degrees).
    ///
    /// # Errors
    ///
    /// [`Error::Reproject`] with PROJ's message when the coordinate is outside
    /// what the CRS can transform.
    pub fn to_wgs84(&self, c: Coord<f64>) -> Result<Coord<f64>> {
        let op = self.op(true);
        op.apply(c).map_err(|m| op.error(CoordSource::Single, c, m))
    }

    /// One WGS84 coordinate (longitude, latitude in degrees) to the CRS.
    ///
    /// # Errors
    ///
    /// As [`Transformer::to_wgs84`].
    pub fn from_wgs84(&self, c: Coord<f64>) -> Result<Coord<f64>> {
        let op = self.op(false);
        op.apply(c).map_err(|m| op.error(CoordSource::Single, c, m))
    }

    /// Points of the CRS to WGS84 longitude/latitude, in order.
    ///
    /// The result is not range-checked: the distance functions check their
    /// query points (`Error::InvalidPoint`).
    ///
    /// # Errors
    ///
    /// [`Error::Reproject`] naming the first point (by index) PROJ cannot
    /// transform.
    pub fn points_to_wgs84(&self, points: &[Coord<f64>]) -> Result<Vec<Coord<f64>>> {
        self.points(points, true)
    }

    /// WGS84 longitude/latitude points to the CRS, in order.
    ///
    /// # Errors
    ///
    /// As [`Transformer::points_to_wgs84`].
    pub fn points_from_wgs84(&self, points: &[Coord<f64>]) -> Result<Vec<Coord<f64>>> {
        self.points(points, false)
    }

    fn points(&self, points: &[Coord<f64>], to_wgs84: bool) -> Result<Vec<Coord<f64>>> {
        #[cfg(feature = "proj")]
        if self.projs.is_some() && points.len() >= PARALLEL_FROM {
            return imp::par_points(&self.crs, points, to_wgs84);
        }
        let op = self.op(to_wgs84);
        points
            .iter()
            .enumerate()
            .map(|(i, &c)| op.point(i, c))
            .collect()
    }

    /// A geometry of the CRS to WGS84 longitude/latitude.
    ///
    /// # Errors
    ///
    /// [`Error::Reproject`] for the first coordinate PROJ cannot transform.
    pub fn geometry_to_wgs84(&self, g: &Geometry<f64>) -> Result<Geometry<f64>> {
        self.geometry(g, true)
    }

    /// A WGS84 longitude/latitude geometry to the CRS (for output).
    ///
    /// # Errors
    ///
    /// As [`Transformer::geometry_to_wgs84`].
    pub fn geometry_from_wgs84(&self, g: &Geometry<f64>) -> Result<Geometry<f64>> {
        self.geometry(g, false)
    }

    fn geometry(&self, g: &Geometry<f64>, to_wgs84: bool) -> Result<Geometry<f64>> {
        let op = self.op(to_wgs84);
        let mut g = g.clone();
        op.geometry(&mut g)
            .map_err(|(c, m)| op.error(CoordSource::Single, c, m))?;
        Ok(g)
    }

    /// Transforms features of the CRS to WGS84 in place: every geometry (a
    /// geometry read with altitudes keeps them; only x and y change), and
    /// their `bbox`es are recomputed. Properties and members are untouched.
    ///
    /// # Errors
    ///
    /// [`Error::Reproject`] naming the feature (index in `features`, id) of a
    /// coordinate PROJ cannot transform; the features are then partly
    /// transformed.
    pub fn features_to_wgs84(&self, features: &mut [Feature]) -> Result<()> {
        self.features(features, true)
    }

    /// Transforms WGS84 features to the CRS in place (see
    /// [`Transformer::features_to_wgs84`]).
    ///
    /// # Errors
    ///
    /// As [`Transformer::features_to_wgs84`].
    pub fn features_from_wgs84(&self, features: &mut [Feature]) -> Result<()> {
        self.features(features, false)
    }

    fn features(&self, features: &mut [Feature], to_wgs84: bool) -> Result<()> {
        #[cfg(feature = "proj")]
        if self.projs.is_some() && coords_in(features) >= PARALLEL_FROM {
            return imp::par_features(&self.crs, features, to_wgs84);
        }
        let op = self.op(to_wgs84);
        features
            .iter_mut()
            .enumerate()
            .try_for_each(|(i, f)| op.feature(i, f))
    }

    /// A map whose coordinates are in the CRS, transformed to WGS84 and
    /// validated again: the result's diagnostics are those of the transformed
    /// features (a map read with [`crate::io::load_str`] loses its
    /// reading-level findings; prefer [`super::load_str`] and friends, which
    /// transform before validating). The `crs` member is dropped, `bbox`es
    /// are recomputed, everything else is kept.
    ///
    /// # Errors
    ///
    /// As [`Transformer::features_to_wgs84`].
    pub fn map_to_wgs84(&self, map: &BorderMap) -> Result<Loaded> {
        let mut features = map.features.clone();
        self.features_to_wgs84(&mut features)?;
        let mut members = map.collection_members.clone();
        if !self.crs.is_wgs84_lonlat() {
            members.shift_remove("crs");
        }
        let bbox = collection_bbox(map.collection_bbox.as_ref(), &features);
        let (records, diagnostics) = crate::io::revalidate(&features);
        Ok(Loaded {
            map: BorderMap::from_parts(features, bbox, members, records),
            diagnostics,
        })
    }

    /// The map with every geometry transformed from WGS84 to the CRS, for
    /// writing. Properties and members are untouched except the legacy `crs`
    /// member, which names the CRS (for a CRS other than WGS84; for WGS84 it
    /// is removed, as RFC 7946 wants), and `bbox`es, which are recomputed.
    ///
    /// # Errors
    ///
    /// As [`Transformer::features_from_wgs84`].
    pub fn map_from_wgs84(&self, map: &BorderMap) -> Result<ProjectedMap> {
        let mut features = map.features.clone();
        self.features_from_wgs84(&mut features)?;
        let mut members = map.collection_members.clone();
        if self.crs.is_wgs84_lonlat() {
            members.shift_remove("crs");
        } else {
            members.insert("crs".to_owned(), self.crs.to_geojson_member());
        }
        let bbox = collection_bbox(map.collection_bbox.as_ref(), &features);
        Ok(ProjectedMap {
            map: BorderMap::from_parts(features, bbox, members, Default::default()),
            crs: self.crs.clone(),
        })
    }
}

pub(super) fn collection_bbox(old: Option<&Vec<f64>>, features: &[Feature]) -> Option<Vec<f64>> {
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

/// A dataset whose coordinates are in a CRS other than WGS84, for writing:
/// made by [`Transformer::map_from_wgs84`]. It offers no analysis (those need
/// WGS84); read it back with [`super::load_str`] and friends.
#[derive(Debug, Clone)]
pub struct ProjectedMap {
    map: BorderMap,
    crs: Crs,
}

impl ProjectedMap {
    /// The CRS of the coordinates.
    pub fn crs(&self) -> &Crs {
        &self.crs
    }

    /// Every feature, in the original order, coordinates in [`Self::crs`].
    pub fn features(&self) -> &[Feature] {
        self.map.features()
    }

    /// Writes it as a GeoJSON FeatureCollection with the legacy `crs` member.
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        crate::io::write_map(&self.map, writer)
    }

    /// It as a GeoJSON string.
    pub fn to_geojson_string(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes it to a file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the file.
    pub fn write_path(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        let io_err = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io_err)?;
        let mut w = std::io::BufWriter::new(file);
        self.write_to(&mut w).map_err(io_err)?;
        std::io::Write::flush(&mut w).map_err(io_err)
    }
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

    fn direction(to_wgs84: bool) -> Direction {
        if to_wgs84 {
            Direction::ToWgs84
        } else {
            Direction::FromWgs84
        }
    }

    /// Contiguous parts, one per rayon thread: each part makes its own PROJ
    /// object (they are not `Send`, and making one costs ~15 ms).
    fn part_len(n: usize) -> usize {
        n.div_ceil(rayon::current_num_threads().max(1)).max(1)
    }

    pub(super) fn par_points(
        crs: &Crs,
        points: &[Coord<f64>],
        to_wgs84: bool,
    ) -> Result<Vec<Coord<f64>>> {
        let len = part_len(points.len());
        let parts: Vec<Vec<Coord<f64>>> = points
            .par_chunks(len)
            .enumerate()
            .map(|(k, part)| {
                let proj = one(crs, direction(to_wgs84))?;
                let op = Op {
                    crs: crs.as_str(),
                    direction: direction(to_wgs84),
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

    pub(super) fn par_features(crs: &Crs, features: &mut [Feature], to_wgs84: bool) -> Result<()> {
        let len = part_len(features.len());
        features
            .par_chunks_mut(len)
            .enumerate()
            .try_for_each(|(k, part)| {
                let proj = one(crs, direction(to_wgs84))?;
                let op = Op {
                    crs: crs.as_str(),
                    direction: direction(to_wgs84),
                    proj: Some(&proj),
                };
                part.iter_mut()
                    .enumerate()
                    .try_for_each(|(i, f)| op.feature(k * len + i, f))
            })
    }
}
