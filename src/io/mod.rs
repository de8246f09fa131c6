//! Demarcation GeoJSON in and out, with validation diagnostics.
//!
//! Reading streams the `features` array: each feature is parsed, checked and
//! converted to `geo_types` before the next one is read. Its `geometry` is
//! kept as raw text until it is parsed straight into positions, never as a
//! JSON value tree. Peak heap, measured: 0.7× the file for files of ordinary
//! features (1 GiB of 1,000-vertex segments: 0.72×), and about 3× the size of
//! the largest single feature on top of that (one 100 MB LineString of 4 M
//! vertices: 2.9×).
//! Writing produces JSON that parses to the same value as the input: every
//! feature, unknown kinds and properties, foreign members and ids survive.
//! Numbers in coordinates are written as the shortest decimal that reads back
//! to the same `f64`, so `45` may come back as `45.0` (equal as numbers).

mod builder;
mod load;
mod projected;
mod read;
mod rings;
mod validate;
mod write;

pub use crate::error::{Diagnostic, Severity};
pub use builder::BorderMapBuilder;
pub use load::Loader;
pub use projected::ProjectedMap;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::BorderMap;

/// A dataset as loaded, with every finding of validation, errors included.
///
/// [`load_str`] and friends return this even when the data has errors, so a
/// validator can report all of them; features with errors have no typed view in
/// the map. [`BorderMap::from_geojson_str`] and friends refuse data with errors.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset (features with errors are kept as plain features).
    pub map: BorderMap,
    /// Findings in feature order: errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// `true` if any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The map if the data has no errors, else [`Error::Invalid`] naming `origin`.
    pub fn into_valid(self, origin: &str) -> Result<BorderMap> {
        if self.has_errors() {
            Err(Error::Invalid {
                origin: origin.to_owned(),
                diagnostics: self.diagnostics,
            })
        } else {
            Ok(self.map)
        }
    }
}

/// Loads and validates Demarcation GeoJSON from a string:
/// `Loader::new().str(s)` (see [`Loader`]).
///
/// Fails only when the input is not JSON or not a FeatureCollection; every other
/// problem is a [`Diagnostic`] in the result.
pub fn load_str(s: &str) -> Result<Loaded> {
    Loader::new().str(s)
}

/// Loads and validates Demarcation GeoJSON from a reader (buffer it if it is
/// not already buffered): `Loader::new().reader(reader)`.
pub fn load_reader<R: std::io::Read>(reader: R) -> Result<Loaded> {
    Loader::new().reader(reader)
}

/// Loads and validates Demarcation GeoJSON from a file; errors name the file:
/// `Loader::new().path(path)`.
pub fn load_path(path: impl AsRef<Path>) -> Result<Loaded> {
    Loader::new().path(path)
}

impl BorderMap {
    /// Parses Demarcation GeoJSON; any error-level finding is an [`Error::Invalid`].
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_geojson_str(r#"{"type":"FeatureCollection","features":[
    ///   {"type":"Feature","id":"s1","properties":{"kind":"border_segment",
    ///    "left":"NOR","right":"SOU","status":"delimited"},
    ///    "geometry":{"type":"LineString","coordinates":[[10,0],[11,0]]}}]}"#)?;
    /// assert_eq!(map.segments().len(), 1);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn from_geojson_str(s: &str) -> Result<BorderMap> {
        Loader::new().str(s)?.into_valid("<string>")
    }

    /// Reads Demarcation GeoJSON from a reader; any error is an [`Error::Invalid`].
    pub fn from_reader<R: std::io::Read>(reader: R) -> Result<BorderMap> {
        Loader::new().reader(reader)?.into_valid("<reader>")
    }

    /// Reads Demarcation GeoJSON from a file; errors name the file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<BorderMap> {
        let path = path.as_ref();
        Loader::new()
            .path(path)?
            .into_valid(&path.display().to_string())
    }

    /// Writes the map as a GeoJSON FeatureCollection.
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        write::write(self, writer)
    }

    /// The map as a GeoJSON string.
    pub fn to_geojson_string(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = write::write(self, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the map to a file.
    pub fn write_path(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let io_err = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::File::create(path).map_err(io_err)?;
        let mut w = std::io::BufWriter::new(file);
        write::write(self, &mut w).map_err(io_err)?;
        std::io::Write::flush(&mut w).map_err(io_err)
    }
}
