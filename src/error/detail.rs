//! Details that CRS errors carry: the direction of a transformation and
//! where a coordinate came from.

use std::fmt;

use crate::model::FeatureId;

/// Which way a transformation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// From the CRS to WGS84 longitude/latitude (reading data).
    ToWgs84,
    /// From WGS84 longitude/latitude to the CRS (writing results).
    FromWgs84,
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::ToWgs84 => "to WGS84 lon/lat",
            Direction::FromWgs84 => "from WGS84 lon/lat",
        })
    }
}

/// Where a coordinate that could not be transformed came from
/// ([`Error::Reproject`](super::Error::Reproject)). Displays as a prefix:
/// `feature 3 (id seg-1): geometry: `, `point 7: ` or nothing.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CoordSource {
    /// A single coordinate.
    Single,
    /// A point of a batch.
    Point {
        /// Its position in the batch (0-based).
        index: usize,
    },
    /// A vertex of a feature's geometry.
    Feature {
        /// The feature's index in the collection (0-based, file order).
        index: usize,
        /// The feature's id, if it has one.
        id: Option<FeatureId>,
    },
}

impl fmt::Display for CoordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoordSource::Single => Ok(()),
            CoordSource::Point { index } => write!(f, "point {index}: "),
            CoordSource::Feature {
                index,
                id: Some(id),
            } => write!(f, "feature {index} (id {id}): geometry: "),
            CoordSource::Feature { index, id: None } => {
                write!(f, "feature {index} (no id): geometry: ")
            }
        }
    }
}
