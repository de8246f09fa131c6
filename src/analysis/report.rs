//! The whole analysis of a dataset in one value: what `demarcate report`
//! prints, as JSON or Markdown.
//!
//! # Units
//!
//! JSON fields are SI with the unit in the name (`length_m`, `area_m2`);
//! the Markdown report uses km and km². Coordinates are lon/lat degrees.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::analysis::{
    ClaimDivergence, Coverage, IncursionReport, Overlap, SegmentLength, StatusLengths,
};
use crate::error::{Error, Result};
use crate::model::{BorderMap, SegmentStatus};

/// Options of [`BorderMap::report`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    default_range_m: Option<f64>,
}

impl ReportOptions {
    /// Default options: outposts' own `range_m` only.
    pub fn new() -> Self {
        Self::default()
    }

    /// The observation range (metres) of outposts without `range_m`.
    #[must_use]
    pub fn default_range_m(mut self, range_m: Option<f64>) -> Self {
        self.default_range_m = range_m;
        self
    }
}

/// An outpost with where it stands relative to the border.
#[derive(Debug, Clone, Copy)]
pub struct OutpostPosition<'a> {
    /// The outpost.
    pub outpost: crate::model::Outpost<'a>,
    /// Its geodesic distance to the border, metres.
    pub distance_to_border_m: f64,
    /// The party on whose side it stands (`None` on the border or outside
    /// every territory).
    pub side: Option<&'a crate::model::Party>,
}

/// Every answer of the analysis for one dataset.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// Border segments with their lengths.
    pub segments: Vec<SegmentLength<'a>>,
    /// Border length by status.
    pub status_lengths: StatusLengths,
    /// Per incursion zone: areas, depth, border length.
    pub incursions: Vec<IncursionReport<'a>>,
    /// Overlapping pairs of incursion zones.
    pub overlaps: Vec<Overlap<'a>>,
    /// Outposts and their distance to the border.
    pub outposts: Vec<OutpostPosition<'a>>,
    /// Coverage of the border by the outposts; `None` when an outpost has no
    /// range and no default was given (see [`Self::notes`]).
    pub coverage: Option<Coverage<'a>>,
    /// The default range used for coverage, if any.
    pub default_range_m: Option<f64>,
    /// Claim divergences on contested segments.
    pub claims: Vec<ClaimDivergence<'a>>,
    /// What could not be computed, and why.
    pub notes: Vec<String>,
}

impl BorderMap {
    /// Runs every analysis on the map.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// use demarcate::analysis::ReportOptions;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let report = map.report(&ReportOptions::new())?;
    /// let json = report.to_json();
    /// assert_eq!(json["segments"][0]["id"], "seg-a");
    /// assert!(report.to_markdown().contains("| seg-a |"));
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn report(&self, options: &ReportOptions) -> Result<Report<'_>> {
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        let mut notes = Vec::new();
        let coverage = match self.coverage(options.default_range_m) {
            Ok(c) => Some(c),
            Err(e @ Error::NoRange { .. }) => {
                notes.push(format!("coverage not computed: {e}"));
                None
            }
            Err(e) => return Err(e),
        };
        let points: Vec<geo_types::Coord<f64>> = self.outposts().map(|o| o.point().0).collect();
        let answers = self.distances_to_border(&points)?;
        let outposts = self
            .outposts()
            .zip(answers)
            .map(|(outpost, d)| OutpostPosition {
                outpost,
                distance_to_border_m: d.distance_m,
                side: d.side,
            })
            .collect();
        Ok(Report {
            segments: self.segment_lengths(),
            status_lengths: self.status_lengths(),
            incursions: self.incursions()?,
            overlaps: self.overlaps()?,
            outposts,
            coverage,
            default_range_m: options.default_range_m,
            claims: self.claim_divergences()?,
            notes,
        })
    }
}

fn id_value(id: &crate::model::FeatureId) -> Value {
    Value::from(id.clone())
}

impl Report<'_> {
    /// The report as JSON, with the keys of the CLI contract: `segments`,
    /// `status_lengths_m`, `incursions`, `overlaps`, `outposts`, `coverage`,
    /// `claims` (and `notes`).
    pub fn to_json(&self) -> Value {
        let incursions: Vec<Value> = self
            .incursions
            .iter()
            .map(|r| {
                json!({
                    "id": id_value(r.zone.id()),
                    "name": r.zone.name(),
                    "claimant": r.zone.claimant().as_str(),
                    "accused": r.zone.accused().as_str(),
                    "reported": r.zone.reported(),
                    "area_m2": r.area_m2,
                    "incursion_area_m2": r.incursion_area_m2,
                    "max_depth_m": r.max_depth_m,
                    "deepest_point": r.deepest_point.map(|c| [c.x, c.y]),
                    "border_length_m": r.border_length_m,
                })
            })
            .collect();
        let overlaps: Vec<Value> = self
            .overlaps
            .iter()
            .map(
                |o| json!({"a": id_value(o.a.id()), "b": id_value(o.b.id()), "area_m2": o.area_m2}),
            )
            .collect();
        let outposts: Vec<Value> = self
            .outposts
            .iter()
            .map(|o| {
                json!({
                    "id": id_value(o.outpost.id()),
                    "operator": o.outpost.operator().as_str(),
                    "status": o.outpost.status().as_str(),
                    "range_m": o.outpost.range_m(),
                    "distance_to_border_m": o.distance_to_border_m,
                    "side": o.side.map(|p| p.as_str()),
                })
            })
            .collect();
        let coverage = self.coverage.as_ref().map(|c| {
            json!({
                "default_range_m": self.default_range_m,
                "covered_fraction": c.covered_fraction,
                "covered_m": c.covered_m,
                "total_m": c.total_m,
                "gaps": c.gaps.iter().map(|g| json!({
                    "segment": id_value(g.segment.id()),
                    "from_m": g.from_m,
                    "to_m": g.to_m,
                    "length_m": g.length_m,
                })).collect::<Vec<_>>(),
            })
        });
        json!({
            "segments": self.segments,
            "status_lengths_m": self.status_lengths,
            "incursions": incursions,
            "overlaps": overlaps,
            "outposts": outposts,
            "coverage": coverage,
            "claims": self.claims,
            "notes": self.notes,
        })
    }

    /// The report as Markdown, in km and km², for people.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let km = |m: f64| m / 1e3;
        let km2 = |m2: f64| m2 / 1e6;
        let _ = writeln!(s, "# Border report\n");
        let _ = writeln!(s, "## Segments\n");
        let _ = writeln!(
            s,
            "| segment | name | status | left | right | length (km) |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|");
        for seg in &self.segments {
            let g = &seg.segment;
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {:.3} |",
                g.id(),
                g.name().unwrap_or(""),
                g.status(),
                g.left(),
                g.right(),
                km(seg.length_m)
            );
        }
        let _ = writeln!(s, "\n| status | length (km) |\n|---|---:|");
        for st in SegmentStatus::ALL {
            let _ = writeln!(s, "| {st} | {:.3} |", km(self.status_lengths.get(st)));
        }
        let _ = writeln!(
            s,
            "| **total** | **{:.3}** |",
            km(self.status_lengths.total_m())
        );

        let _ = writeln!(s, "\n## Incursion zones\n");
        if self.incursions.is_empty() {
            let _ = writeln!(s, "None in the dataset.");
        } else {
            let _ = writeln!(
                s,
                "| zone | reported | claimant | accused | area (km²) | on claimant's side (km²) | max depth (km) | border inside (km) |"
            );
            let _ = writeln!(s, "|---|---|---|---|---:|---:|---:|---:|");
            for r in &self.incursions {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                    r.zone.id(),
                    r.zone.reported().unwrap_or("-"),
                    r.zone.claimant(),
                    r.zone.accused(),
                    km2(r.area_m2),
                    km2(r.incursion_area_m2),
                    km(r.max_depth_m),
                    km(r.border_length_m)
                );
            }
        }
        let _ = writeln!(s, "\n## Overlapping zones\n");
        if self.overlaps.is_empty() {
            let _ = writeln!(s, "No two zones overlap.");
        } else {
            let _ = writeln!(s, "| zone | zone | overlap (km²) |\n|---|---|---:|");
            for o in &self.overlaps {
                let _ = writeln!(s, "| {} | {} | {:.3} |", o.a.id(), o.b.id(), km2(o.area_m2));
            }
        }
        let _ = writeln!(s, "\n## Outposts\n");
        if self.outposts.is_empty() {
            let _ = writeln!(s, "None in the dataset.");
        } else {
            let _ = writeln!(
                s,
                "| outpost | operator | status | range (km) | to border (km) | side |\n|---|---|---|---:|---:|---|"
            );
            for o in &self.outposts {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {:.3} | {} |",
                    o.outpost.id(),
                    o.outpost.operator(),
                    o.outpost.status(),
                    o.outpost
                        .range_m()
                        .map_or_else(|| "-".to_owned(), |r| format!("{:.3}", km(r))),
                    km(o.distance_to_border_m),
                    o.side.map_or("on the border / none", |p| p.as_str())
                );
            }
        }
        let _ = writeln!(s, "\n## Coverage\n");
        match &self.coverage {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "{:.1}% of {:.3} km of border is within range of an outpost; {} gap(s).\n",
                    c.covered_fraction * 100.0,
                    km(c.total_m),
                    c.gaps.len()
                );
                if !c.gaps.is_empty() {
                    let _ = writeln!(
                        s,
                        "| segment | from (km) | to (km) | gap (km) |\n|---|---:|---:|---:|"
                    );
                    for g in &c.gaps {
                        let _ = writeln!(
                            s,
                            "| {} | {:.3} | {:.3} | {:.3} |",
                            g.segment.id(),
                            km(g.from_m),
                            km(g.to_m),
                            km(g.length_m)
                        );
                    }
                }
            }
            None => {
                let _ = writeln!(s, "Not computed (see notes).");
            }
        }
        let _ = writeln!(s, "\n## Claims\n");
        if self.claims.is_empty() {
            let _ = writeln!(s, "No segment has claim lines by two parties.");
        } else {
            let _ = writeln!(
                s,
                "| segment | claims | area between (km²) | largest divergence (km) | at (lon, lat) |\n|---|---|---:|---:|---|"
            );
            for c in &self.claims {
                let _ = writeln!(
                    s,
                    "| {} | {} vs {} | {:.3} | {:.3} | {:.5}, {:.5} |",
                    c.segment.id(),
                    c.a.claimant(),
                    c.b.claimant(),
                    km2(c.area_m2),
                    km(c.hausdorff_m()),
                    c.hausdorff.from.x,
                    c.hausdorff.from.y
                );
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(s, "\n## Notes\n");
            for n in &self.notes {
                let _ = writeln!(s, "- {n}");
            }
        }
        s
    }
}
