//! Findings about a dataset: which feature, which property, what is wrong.

use std::fmt;

use crate::model::FeatureId;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The feature cannot be used; loading for analysis fails.
    Error,
    /// Suspicious but usable.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about a dataset: which feature, which property, what is wrong.
///
/// Displays as `error feature 3 (id seg-1): left: missing required property`;
/// a feature without an id shows `(no id)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// 0-based index of the feature in the collection, `None` for the collection.
    pub feature: Option<usize>,
    /// The feature's id, if it has one.
    pub id: Option<FeatureId>,
    /// The property or member at fault (`kind`, `left`, `geometry`, `id`, ...).
    pub property: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn error(
        feature: usize,
        id: Option<FeatureId>,
        property: &str,
        message: String,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            feature: Some(feature),
            id,
            property: property.to_owned(),
            message,
        }
    }

    /// `true` for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.severity)?;
        if let Some(i) = self.feature {
            write!(f, " feature {i}")?;
            match &self.id {
                Some(id) => write!(f, " (id {id})")?,
                None => write!(f, " (no id)")?,
            }
        }
        write!(f, ": {}: {}", self.property, self.message)
    }
}
