//! # demarcate
//!
//! Border-demarcation analysis on the WGS84 ellipsoid. A dataset is one GeoJSON
//! FeatureCollection ("Demarcation GeoJSON") of border segments with a legal
//! status, the parties' claim lines, territories, outposts and claimed incursion
//! zones. `demarcate` reads and validates it, keeps everything it was given, and
//! answers the questions a boundary commission or a monitoring mission asks.
//!
//! Coordinates are WGS84 longitude, latitude in degrees (GeoJSON order). Lengths
//! and distances are metres on the ellipsoid, areas square metres; edges between
//! vertices are geodesics.
//!
//! ```
//! use demarcate::{BorderMap, SegmentStatus};
//!
//! let map = BorderMap::from_geojson_str(r#"{
//!   "type": "FeatureCollection",
//!   "features": [
//!     {"type": "Feature", "id": "north",
//!      "properties": {"kind": "border_segment", "left": "NOR", "right": "SOU",
//!                     "status": "disputed", "surveyed_by": "team 4"},
//!      "geometry": {"type": "LineString", "coordinates": [[10.0, 0.0], [11.0, 0.0]]}},
//!     {"type": "Feature", "id": "zone-1",
//!      "properties": {"kind": "incursion_zone", "claimant": "SOU", "accused": "NOR",
//!                     "reported": "2021-05-12"},
//!      "geometry": {"type": "Polygon", "coordinates":
//!        [[[10.4, -0.02], [10.5, -0.02], [10.5, 0.01], [10.4, 0.01], [10.4, -0.02]]]}}
//!   ]
//! }"#)?;
//!
//! let segment = map.segments().next().expect("one segment");
//! assert_eq!(segment.status(), SegmentStatus::Disputed);
//! assert_eq!(segment.left().as_str(), "NOR");
//! // Unknown properties are kept and written back.
//! assert!(map.to_geojson_string().contains("surveyed_by"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod analysis;
pub mod crs;
pub mod delimitation;
pub mod error;
pub mod geodesy;
pub mod index;
pub mod io;
pub mod model;
pub mod polygon;
#[cfg(feature = "render")]
pub mod render;

pub use analysis::{
    BorderDistance, ClaimDivergence, Coverage, Gap, Hausdorff, IncursionOptions, IncursionReport,
    OutpostPosition, Overlap, Plan, PlanOptions, PlannedPost, Report, ReportOptions,
    SegmentCoverage, SegmentLength, SideMethod, Span, StatusLengths, ZoneOverlap,
};
pub use delimitation::{
    BufferOptions, BufferStrip, Control, MedianCheck, MedianEnd, MedianLine, MedianOptions,
    Schedule, ScheduleOptions, ScheduleRow, ScheduledSegment, ShoreElement, SideBy, TurningPoint,
};
pub use error::{Diagnostic, Error, Result, Severity};
pub use index::{GeodesicHit, GeodesicIndex, Wgs84};
pub use io::{BorderMapBuilder, Loaded, Loader};
pub use model::{
    Basepoint, BorderMap, BorderPart, BorderSegment, ClaimLine, Feature, FeatureId, IncursionZone,
    Kind, Outpost, OutpostStatus, Party, SegmentStatus, Shore, Territory,
};
pub use polygon::{Location, PreparedPolygon};

/// What a GIS tool usually needs, in one import: `use demarcate::prelude::*;`.
///
/// The dataset and its builder, the statuses, the index over any lines,
/// the [`Wgs84`] metric together with geo's `Distance` trait it implements,
/// and the crate's error type.
pub mod prelude {
    pub use crate::{
        BorderMap, BorderMapBuilder, Error, FeatureId, GeodesicHit, GeodesicIndex, Kind,
        OutpostStatus, Party, Result, SegmentStatus, Wgs84,
    };
    pub use geo::Distance;
}

/// The README's code samples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
