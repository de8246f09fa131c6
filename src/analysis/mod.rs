//! The questions the product answers, one module each.

pub mod distance;

pub use distance::{BorderDistance, ON_BORDER_M};
