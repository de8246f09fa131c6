//! Delimitation: the work of boundary commissions on the ellipsoid — buffer
//! strips along the border and turning-point schedules.
//!
//! # Units and assumptions
//!
//! WGS84 longitude/latitude in degrees, metres and square metres along the
//! ellipsoid; edges are geodesics.

pub mod buffer;
pub mod schedule;

pub use buffer::{BufferOptions, BufferStrip};
pub use schedule::{
    SCHEDULE_COLUMNS, Schedule, ScheduleOptions, ScheduleRow, ScheduledSegment,
    border_segment_feature, parse_coordinate_list, parse_schedule_csv,
};
