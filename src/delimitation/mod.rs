//! Delimitation: the lines and strips a boundary commission draws, on the
//! ellipsoid.
//!
//! - [`median`]: the median (equidistance) line between two parties'
//!   `shore` and `basepoint` features, with its turning points;
//! - [`buffer`]: the strip within a distance of the border, optionally on
//!   one party's side;
//! - [`schedule`]: the turning-point schedule of border segments (DMS,
//!   geodesic distances and azimuths, chainage), and reading one back.
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude, latitude in degrees; distances are
//! metres and areas square metres along the ellipsoid; edges between
//! vertices are geodesics.

pub mod buffer;
pub mod median;
pub mod schedule;

pub use buffer::{BufferOptions, BufferStrip, SideBy};
pub use median::{
    Control, MedianCheck, MedianEnd, MedianLine, MedianOptions, ShoreElement, TurningPoint,
};
pub use schedule::{
    SCHEDULE_COLUMNS, Schedule, ScheduleOptions, ScheduleRow, ScheduledSegment,
    border_segment_feature, parse_coordinate_list, parse_schedule_csv,
};
