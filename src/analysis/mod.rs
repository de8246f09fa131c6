//! The questions the product answers, one module each.

pub mod claims;
pub mod coverage;
pub mod distance;
pub mod incursion;
pub mod lengths;
pub mod overlap;
pub mod planning;
pub mod report;

pub use crate::polygon::clip::STRAIGHT_TOLERANCE_M;
pub use claims::{ClaimDivergence, Hausdorff, hausdorff, region_between};
pub use coverage::{Coverage, Gap, SegmentCoverage, Span};
pub use distance::{BorderDistance, ON_BORDER_M};
pub use incursion::{IncursionOptions, IncursionReport, SideMethod};
pub use lengths::{SegmentLength, StatusLengths, segment_length_m};
pub use overlap::{Overlap, TOUCHING_AREA_M2, ZoneOverlap};
pub use planning::{Plan, PlanOptions, PlannedPost};
pub use report::{OutpostPosition, Report, ReportOptions, ZoneError};
