//! The data model of Demarcation GeoJSON: parties, statuses, features and the
//! [`BorderMap`] that owns them.
//!
//! Every feature of a file is kept as a [`Feature`] (identity, properties,
//! foreign members and geometry, exactly as read). Features of the known input
//! kinds that validate also get a typed view ([`BorderSegment`], [`ClaimLine`],
//! [`Territory`], [`Outpost`], [`IncursionZone`], [`Shore`], [`Basepoint`])
//! that borrows from the feature,
//! so geometry is stored once and a round trip loses nothing.

mod feature;
pub(crate) mod map;

pub use feature::{Feature, FeatureId, GeometryExtras, JsonObject};
pub use map::{
    Basepoint, BorderIndex, BorderMap, BorderPart, BorderSegment, ClaimLine, IncursionZone,
    Outpost, Shore, Territory, lines_of, polygons_of,
};

use std::fmt;
use std::str::FromStr;

/// A party to the border: a free string, by convention an ISO 3166-1 alpha-3
/// code such as `ARM` or `AZE`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Party(String);

impl Party {
    /// Makes a party from its code.
    pub fn new(code: impl Into<String>) -> Self {
        Party(code.into())
    }

    /// The party's code, e.g. `"ARM"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Party {
    fn from(s: String) -> Self {
        Party(s)
    }
}

impl From<&Party> for Party {
    fn from(p: &Party) -> Self {
        p.clone()
    }
}

impl From<&str> for Party {
    fn from(s: &str) -> Self {
        Party(s.to_owned())
    }
}

/// The legal status of a border segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SegmentStatus {
    /// Marked on the ground.
    Demarcated,
    /// Agreed on paper or on a map, not (yet) marked on the ground.
    Delimited,
    /// Contested by the parties.
    Disputed,
    /// Neither agreed nor formally contested.
    Undefined,
}

impl SegmentStatus {
    /// All statuses, in the order reports list them.
    pub const ALL: [SegmentStatus; 4] = [
        SegmentStatus::Demarcated,
        SegmentStatus::Delimited,
        SegmentStatus::Disputed,
        SegmentStatus::Undefined,
    ];

    /// The status as written in GeoJSON (`"demarcated"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentStatus::Demarcated => "demarcated",
            SegmentStatus::Delimited => "delimited",
            SegmentStatus::Disputed => "disputed",
            SegmentStatus::Undefined => "undefined",
        }
    }
}

impl fmt::Display for SegmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the allowed values of a status property.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {found:?} (expected one of: {expected})")]
pub struct UnknownStatus {
    /// The value found.
    pub found: String,
    /// The allowed values, comma separated.
    pub expected: &'static str,
}

impl FromStr for SegmentStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SegmentStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| UnknownStatus {
                found: s.to_owned(),
                expected: "demarcated, delimited, disputed, undefined",
            })
    }
}

/// The status of an outpost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutpostStatus {
    /// Suggested, not decided.
    Proposed,
    /// Decided, not yet manned.
    Planned,
    /// Manned and observing.
    Active,
}

impl OutpostStatus {
    /// All statuses.
    pub const ALL: [OutpostStatus; 3] = [
        OutpostStatus::Proposed,
        OutpostStatus::Planned,
        OutpostStatus::Active,
    ];

    /// The status as written in GeoJSON (`"proposed"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            OutpostStatus::Proposed => "proposed",
            OutpostStatus::Planned => "planned",
            OutpostStatus::Active => "active",
        }
    }
}

impl fmt::Display for OutpostStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutpostStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutpostStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| UnknownStatus {
                found: s.to_owned(),
                expected: "proposed, planned, active",
            })
    }
}

/// The kinds of feature this crate understands (`properties.kind`): five
/// kinds of border data, two kinds of delimitation input (`shore`,
/// `basepoint`) and three kinds of delimitation output (`median_line`,
/// `turning_point`, `buffer_zone`), which are kept and drawn but have no
/// required properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// `border_segment`: a stretch of the border with its status and sides.
    BorderSegment,
    /// `claim_line`: where one party says the border runs.
    ClaimLine,
    /// `territory`: the land of one party.
    Territory,
    /// `outpost`: an observation post.
    Outpost,
    /// `incursion_zone`: an area one party says the other's forces hold.
    IncursionZone,
    /// `shore`: a party's shoreline or baseline on a shared lake, river or sea.
    Shore,
    /// `basepoint`: a single point of a party's baseline.
    Basepoint,
    /// `median_line`: an equidistance line between two parties' shores (output).
    MedianLine,
    /// `turning_point`: a vertex of a median line fixed by three or more shore
    /// features (output).
    TurningPoint,
    /// `buffer_zone`: the points within a distance of the border (output).
    BufferZone,
}

impl Kind {
    /// All known kinds.
    pub const ALL: [Kind; 10] = [
        Kind::BorderSegment,
        Kind::ClaimLine,
        Kind::Territory,
        Kind::Outpost,
        Kind::IncursionZone,
        Kind::Shore,
        Kind::Basepoint,
        Kind::MedianLine,
        Kind::TurningPoint,
        Kind::BufferZone,
    ];

    /// The kind as written in `properties.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::BorderSegment => "border_segment",
            Kind::ClaimLine => "claim_line",
            Kind::Territory => "territory",
            Kind::Outpost => "outpost",
            Kind::IncursionZone => "incursion_zone",
            Kind::Shore => "shore",
            Kind::Basepoint => "basepoint",
            Kind::MedianLine => "median_line",
            Kind::TurningPoint => "turning_point",
            Kind::BufferZone => "buffer_zone",
        }
    }

    /// Whether this is an analysis output kind (`median_line`, `turning_point`,
    /// `buffer_zone`): kept and drawn, checked for its geometry type only.
    pub fn is_output(self) -> bool {
        matches!(
            self,
            Kind::MedianLine | Kind::TurningPoint | Kind::BufferZone
        )
    }

    /// The kind named by `s`, if it is a known one.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_their_own_names_only() {
        for st in SegmentStatus::ALL {
            assert_eq!(st.as_str().parse::<SegmentStatus>(), Ok(st));
        }
        assert!("Disputed".parse::<SegmentStatus>().is_err());
        assert_eq!("active".parse::<OutpostStatus>(), Ok(OutpostStatus::Active));
        let err = "closed".parse::<OutpostStatus>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status \"closed\" (expected one of: proposed, planned, active)"
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("border"), None);
    }
}
