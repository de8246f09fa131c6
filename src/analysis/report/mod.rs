//! The whole analysis of a dataset in one value: what `demarcate report`
//! prints, as JSON or Markdown.
//!
//! # Units
//!
//! JSON fields are SI with the unit in the name (`length_m`, `area_m2`);
//! the Markdown report uses km and km². Coordinates are lon/lat degrees.
//!
//! This module computes; `report/markdown.rs` writes the Markdown.

mod markdown;

use serde_json::{Value, json};

use crate::analysis::{
    ClaimDivergence, Coverage, IncursionReport, Overlap, SegmentLength, StatusLengths,
};
use crate::error::{Error, Result};
use crate::model::BorderMap;

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
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Report<'a> {
    /// Border segments with their lengths.
    pub segments: Vec<SegmentLength<'a>>,
    /// Border length by status.
    pub status_lengths: StatusLengths,
    /// Per incursion zone: areas, depth, border length.
    pub incursions: Vec<IncursionReport<'a>>,
    /// Zones the incursion analysis could not handle, and pairs of zones
    /// the overlap analysis could not clip (too large for one local plane,
    /// say), each with its error; the rest of the report stands.
    pub zone_errors: Vec<ZoneError<'a>>,
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

/// An incursion zone (or a pair of zones, for their overlap) the analysis
/// could not handle, and why.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ZoneError<'a> {
    /// The zone (the first of the pair for an overlap).
    pub zone: crate::model::IncursionZone<'a>,
    /// The other zone of the pair when the error is about their overlap;
    /// `None` for the incursion analysis of `zone`.
    pub other: Option<crate::model::IncursionZone<'a>>,
    /// What went wrong for it (shared: [`Error`] is not `Clone`).
    pub error: std::sync::Arc<Error>,
}

impl BorderMap {
    /// Runs every analysis on the map.
    ///
    /// # Units
    ///
    /// JSON: metres and square metres, the unit in each name; Markdown: km and
    /// km².
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
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
        let (incursions, mut zone_errors) = self.incursions_or_errors()?;
        let (overlaps, failed) = self.overlaps_or_errors();
        zone_errors.extend(failed.into_iter().map(|(a, b, e)| ZoneError {
            zone: a,
            other: Some(b),
            error: std::sync::Arc::new(e),
        }));
        for z in &zone_errors {
            notes.push(match &z.other {
                None => format!("incursion zone {} not analysed: {}", z.zone.id(), z.error),
                Some(b) => format!(
                    "overlap of zones {} and {} not computed: {}",
                    z.zone.id(),
                    b.id(),
                    z.error
                ),
            });
        }
        Ok(Report {
            segments: self.segment_lengths(),
            status_lengths: self.status_lengths(),
            incursions,
            zone_errors,
            overlaps,
            outposts,
            coverage,
            default_range_m: options.default_range_m,
            claims: self.claim_divergences()?,
            notes,
        })
    }
}

impl BorderMap {
    /// Every zone's incursion report, or its error: an error that concerns
    /// one zone does not stop the others (errors about the whole map do).
    fn incursions_or_errors(&self) -> Result<(Vec<IncursionReport<'_>>, Vec<ZoneError<'_>>)> {
        use rayon::prelude::*;
        if self.incursion_zones().len() == 0 {
            return Ok((Vec::new(), Vec::new()));
        }
        let results: Vec<_> = self
            .incursion_zones()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|zone| (zone, self.incursion(&zone)))
            .collect();
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for (zone, r) in results {
            match r {
                Ok(r) => ok.push(r),
                Err(e @ (Error::NoBorder | Error::BadParameter { .. })) => return Err(e),
                Err(error) => failed.push(ZoneError {
                    zone,
                    other: None,
                    error: std::sync::Arc::new(error),
                }),
            }
        }
        Ok((ok, failed))
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
            .chain(
                self.zone_errors
                    .iter()
                    .filter(|z| z.other.is_none())
                    .map(|z| {
                        json!({
                            "id": id_value(z.zone.id()),
                            "name": z.zone.name(),
                            "claimant": z.zone.claimant().as_str(),
                            "accused": z.zone.accused().as_str(),
                            "reported": z.zone.reported(),
                            "area_m2": null,
                            "incursion_area_m2": null,
                            "max_depth_m": null,
                            "deepest_point": null,
                            "border_length_m": null,
                            "error": z.error.to_string(),
                        })
                    }),
            )
            .collect();
        let overlaps: Vec<Value> = self
            .overlaps
            .iter()
            .map(
                |o| json!({"a": id_value(o.a.id()), "b": id_value(o.b.id()), "area_m2": o.area_m2}),
            )
            .chain(self.zone_errors.iter().filter_map(|z| {
                let b = z.other.as_ref()?;
                Some(json!({
                    "a": id_value(z.zone.id()),
                    "b": id_value(b.id()),
                    "area_m2": null,
                    "error": z.error.to_string(),
                }))
            }))
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
}
