//! Colours, dash patterns and fonts of the map.

use crate::model::{OutpostStatus, Party, SegmentStatus};

/// Background of the map frame (outside every territory).
pub const BACKGROUND: &str = "#e9eef2";
/// Background of the legend panel.
pub const PANEL: &str = "#ffffff";
/// Text colour.
pub const INK: &str = "#1f2933";
/// Secondary text colour.
pub const MUTED: &str = "#5f6b76";
/// The font stack of every text element.
pub const FONT: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";

/// Range circles and outposts.
pub const RANGE: &str = "#2b6cb0";
/// Outpost markers.
pub const OUTPOST: &str = "#1a365d";
/// Uncovered stretches of border.
pub const GAP: &str = "#e8318a";
/// Incursion zones.
pub const ZONE: &str = "#c2410c";
/// Overlaps between zones.
pub const OVERLAP: &str = "#6b21a8";
/// Median (equidistance) lines and their turning points.
pub const MEDIAN: &str = "#0f766e";
/// Buffer zones (strips along the border).
pub const BUFFER: &str = "#7c3aed";
/// The area between two claim lines.
pub const BETWEEN: &str = "#f2c94c";

/// Territory fill and a strong companion colour (claim lines, legend), per
/// palette slot.
const PALETTE: [(&str, &str); 8] = [
    ("#f4e3c1", "#a16207"),
    ("#d3e8cf", "#2f7d4f"),
    ("#dcd6f0", "#5b4bc4"),
    ("#f6d6d6", "#b83232"),
    ("#cfe3f2", "#1f6aa5"),
    ("#efe9a8", "#7c6f0a"),
    ("#e6d5c3", "#7a4b24"),
    ("#d2eeec", "#18736b"),
];

/// The stable palette: parties sorted by code take the slots in turn.
#[derive(Debug, Clone)]
pub struct Palette {
    parties: Vec<Party>,
}

impl Palette {
    pub fn new(mut parties: Vec<Party>) -> Self {
        parties.sort();
        parties.dedup();
        Palette { parties }
    }

    fn slot(&self, party: &Party) -> (&'static str, &'static str) {
        let i = self.parties.iter().position(|p| p == party).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    }

    /// Territory fill.
    pub fn fill(&self, party: &Party) -> &'static str {
        self.slot(party).0
    }

    /// Strong colour (claim lines, outlines).
    pub fn strong(&self, party: &Party) -> &'static str {
        self.slot(party).1
    }
}

/// Stroke colour, width (px) and dash array of a segment status.
pub fn segment_style(status: SegmentStatus) -> (&'static str, f64, Option<&'static str>) {
    match status {
        SegmentStatus::Demarcated => ("#111827", 3.0, None),
        SegmentStatus::Delimited => ("#111827", 3.0, Some("14 6")),
        SegmentStatus::Disputed => ("#c81e1e", 3.4, Some("7 5")),
        SegmentStatus::Undefined => ("#111827", 3.0, Some("0.1 6")),
    }
}

/// Fill of an outpost marker by status (hollow for proposed).
pub fn outpost_fill(status: OutpostStatus) -> &'static str {
    match status {
        OutpostStatus::Proposed => "#ffffff",
        OutpostStatus::Planned => "#90cdf4",
        OutpostStatus::Active => OUTPOST,
    }
}
