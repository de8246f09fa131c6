//! The one loading path: text, a reader, a file or a map already in memory,
//! optionally in a CRS other than WGS84.

use std::path::Path;

use super::{Loaded, read, validate};
use crate::crs::{self, Crs};
use crate::error::{Error, Result};
use crate::model::BorderMap;

/// Loads and validates Demarcation GeoJSON, optionally given in another CRS.
///
/// Every way of loading goes through it: [`crate::io::load_str`] and
/// friends and [`BorderMap::from_path`] and friends are
/// `Loader::new()` with nothing set.
///
/// - Nothing set: the data is WGS84 longitude/latitude (RFC 7946); a legacy
///   `crs` member is kept as a member and not read.
/// - [`Loader::crs`]: the data is in that CRS. It wins over the file's `crs`
///   member; when they differ, or the member cannot be read, a warning
///   [`Diagnostic`](crate::Diagnostic) on the collection (property `crs`)
///   says so.
/// - [`Loader::crs_member`]: without a given CRS, the file's `crs` member
///   decides (an unreadable one is an [`Error::UnknownCrs`]).
///
/// When the CRS is not WGS84, every geometry is transformed to WGS84 between
/// reading and validation, so the range checks and everything else apply to
/// the transformed coordinates exactly as to a WGS84 file; the map then has
/// no `crs` member, `bbox`es are recomputed, and every other member and
/// property is untouched.
///
/// The result carries every finding, errors included (so a validator can
/// report them all); [`Loaded::into_valid`] refuses data with errors.
///
/// # Errors
///
/// [`Error::Io`] naming the file, [`Error::Json`] / [`Error::NotFeatureCollection`]
/// for input that is not a FeatureCollection; with a CRS, also
/// [`Error::UnknownCrs`], [`Error::ProjUnavailable`] (a CRS other than WGS84
/// in a build without the `proj` feature), [`Error::CrsSetup`] and
/// [`Error::Reproject`] (naming the feature).
///
/// # Examples
///
/// ```
/// use demarcate::crs::Crs;
/// use demarcate::io::Loader;
///
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "id": "s1",
///    "properties": {"kind": "border_segment", "left": "NOR", "right": "SOU",
///                   "status": "delimited"},
///    "geometry": {"type": "LineString", "coordinates": [[10, 0], [11, 0]]}}]}"#;
/// let plain = Loader::new().str(text)?;
/// let wgs84 = Crs::parse("EPSG:4326")?;
/// let given = Loader::new().crs(&wgs84).str(text)?;
/// assert!(!plain.has_errors() && !given.has_errors());
/// assert_eq!(given.map.segments().len(), 1);
/// # Ok::<(), demarcate::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Loader<'c> {
    crs: Option<&'c Crs>,
    crs_member: bool,
}

impl<'c> Loader<'c> {
    /// A loader for WGS84 data that does not read a `crs` member.
    #[must_use]
    pub fn new() -> Self {
        Loader::default()
    }

    /// The CRS the data is in (`None`: not given). Takes `&Crs` or
    /// `Option<&Crs>`.
    #[must_use]
    pub fn crs(mut self, crs: impl Into<Option<&'c Crs>>) -> Self {
        self.crs = crs.into();
        self
    }

    /// Whether the file's legacy `crs` member decides the CRS when none is
    /// given (default `false`: the member is kept but not read).
    #[must_use]
    pub fn crs_member(mut self, read: bool) -> Self {
        self.crs_member = read;
        self
    }

    /// Loads from a string (origin `<input>` in errors).
    ///
    /// # Errors
    ///
    /// See [`Loader`].
    pub fn str(&self, s: &str) -> Result<Loaded> {
        self.run(serde_json::Deserializer::from_str(s), None)
    }

    /// Loads from a reader (buffer it if it is not already buffered).
    ///
    /// # Errors
    ///
    /// See [`Loader`].
    pub fn reader<R: std::io::Read>(&self, reader: R) -> Result<Loaded> {
        self.run(serde_json::Deserializer::from_reader(reader), None)
    }

    /// Loads from a file; errors name the file.
    ///
    /// # Errors
    ///
    /// See [`Loader`].
    pub fn path(&self, path: impl AsRef<Path>) -> Result<Loaded> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        self.run(
            serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, file)),
            Some(path),
        )
    }

    /// A map already in memory whose coordinates are in the loader's CRS
    /// (or its `crs` member's), transformed to WGS84 and validated again.
    /// The diagnostics are those of the transformed features: findings of
    /// reading (duplicate members, coordinates that were not numbers) were
    /// the original load's. Origin `<map>` in errors.
    ///
    /// # Errors
    ///
    /// See [`Loader`]; never [`Error::Io`] or [`Error::Json`].
    pub fn map(&self, map: &BorderMap) -> Result<Loaded> {
        let mut features = map.features.clone();
        let mut members = map.collection_members.clone();
        let mut bbox = map.collection_bbox.clone();
        let mut diagnostics = self.prepare("<map>", &mut members, &mut bbox, &mut features)?;
        let (records, more) = validate::check_features(&features);
        diagnostics.extend(more);
        diagnostics.sort_by_key(|d| d.feature);
        Ok(Loaded {
            map: BorderMap::from_parts(features, bbox, members, records),
            diagnostics,
        })
    }

    fn run<'de, R: serde_json::de::Read<'de>>(
        &self,
        de: serde_json::Deserializer<R>,
        path: Option<&Path>,
    ) -> Result<Loaded> {
        read::load(de, path, &mut |origin, members, bbox, features| {
            self.prepare(origin, members, bbox, features)
        })
    }

    fn prepare(
        &self,
        origin: &str,
        members: &mut crate::model::JsonObject,
        bbox: &mut Option<Vec<f64>>,
        features: &mut [crate::model::Feature],
    ) -> Result<Vec<crate::error::Diagnostic>> {
        if self.crs.is_none() && !self.crs_member {
            return Ok(Vec::new());
        }
        crs::prepare(self.crs, origin, members, bbox, features)
    }
}
