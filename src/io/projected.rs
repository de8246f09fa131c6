//! A map transformed from WGS84 to another CRS, for writing.

use crate::crs::{Crs, Direction, Transformer, collection_bbox};
use crate::error::Result;
use crate::model::{BorderMap, Feature};

/// A dataset whose coordinates are in a CRS other than WGS84, for writing:
/// made by [`ProjectedMap::new`]. It offers no analysis (those need
/// WGS84); read it back with [`Loader`](super::Loader) given its CRS (or
/// reading its `crs` member).
#[derive(Debug, Clone)]
pub struct ProjectedMap {
    map: BorderMap,
    crs: Crs,
}

impl ProjectedMap {
    /// The map with every geometry transformed from WGS84 to the
    /// transformer's CRS, for writing. Properties and members are untouched
    /// except the legacy `crs` member, which names the CRS (for a CRS other
    /// than WGS84; for WGS84 it is removed, as RFC 7946 wants), and `bbox`es,
    /// which are recomputed.
    ///
    /// # Errors
    ///
    /// [`Reproject`](crate::Error::Reproject) naming the feature of a coordinate PROJ cannot
    /// transform.
    pub fn new(transformer: &Transformer, map: &BorderMap) -> Result<ProjectedMap> {
        let mut features = map.features.clone();
        transformer.transform(Direction::FromWgs84, &mut features)?;
        let crs = transformer.crs();
        let mut members = map.collection_members.clone();
        if crs.is_wgs84_lonlat() {
            members.shift_remove("crs");
        } else {
            members.insert("crs".to_owned(), crs.to_geojson_member());
        }
        let bbox = collection_bbox(map.collection_bbox.as_ref(), &features);
        Ok(ProjectedMap {
            map: BorderMap::from_parts(features, bbox, members, Default::default()),
            crs: crs.clone(),
        })
    }

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
        self.map.write_to(writer)
    }

    /// It as a GeoJSON string.
    pub fn to_geojson_string(&self) -> String {
        self.map.to_geojson_string()
    }

    /// Writes it to a file.
    ///
    /// # Errors
    ///
    /// [`Io`](crate::Error::Io) naming the file.
    pub fn write_path(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        self.map.write_path(path)
    }
}
