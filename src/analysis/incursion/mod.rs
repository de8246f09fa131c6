//! How large is each claimed incursion zone, how much of it lies on the
//! claimant's side, how deep does it reach into that side, and how much of the
//! border does it touch?
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees (`x` = lon, `y` = lat);
//! areas are square metres on the WGS84 ellipsoid, lengths and depths metres
//! along it. Edges of zones, territories and border lines are geodesics.
//!
//! # Method
//!
//! - **Zone area**: GeographicLib's exact geodesic polygon area of the zone as
//!   given ([`geodesic_area_m2`]).
//! - **Claimant's side**: clipped in the zone's own local plane
//!   ([`crate::geodesy::LocalPlane`], where geodesic edges are straight to a
//!   micrometre; see [`crate::polygon`]). With territories in the dataset
//!   (any party's), the claimant's side is the zone ∩ the claimant's
//!   territories, clipped against only the territory edges near the zone (a
//!   100k-vertex territory costs what a small one does); a claimant without a
//!   territory then has an empty side (the same rule
//!   [`BorderMap::distance_to_border`] uses for `side`). Without territories
//!   the zone is split along the border segments that have the claimant on
//!   their left or right (a 1 cm strip is cut away on the *other* party's
//!   side of the line, so the claimant's pieces keep the border line exactly
//!   as their edge), and each piece is kept when an interior point of it lies
//!   on the claimant's side by [`BorderMap::distance_to_border`]. Its area is
//!   the geodesic area of the pieces.
//! - **Maximum depth**: the largest geodesic distance to the border of any
//!   point of the claimant's side, by branch-and-bound over lon/lat cells on
//!   the side's outline densified every [`IncursionOptions::densify_step_m`]
//!   metres (see [`IncursionReport::max_depth_m`]).
//! - **Border length**: the border edges near the zone, cut where they cross
//!   the zone's edges in the plane (stretches along the zone's outline
//!   count), measured geodesically between exact points.
//!
//! # Accuracy
//!
//! Every vertex of a result is an input vertex as given or a crossing of two
//! geodesic edges computed in the plane, within a micrometre of both (edges
//! are split where needed to stay that straight; for zones reaching beyond
//! 100 km from their centre the allowance grows with the square of the
//! radius, 1.3 mm at 3,600 km). The hand-checkable answers
//! (`data/hand-checkable.geojson`: zone-1 ∩ NOR = 246 181 571.602 m², the
//! border inside the zones 22 263.898 m) and the independent shapely +
//! GeographicLib references for the bundled zones
//! (`tests/reference/README.md`) are met at the tolerances of
//! `tests/incursion.rs`, far inside the crate's contract (1e-6 relative or
//! 1 m²).
//!
//! geo's boolean operations round vertices to an integer grid; the crate
//! puts every vertex of a result back at its exact position before
//! measuring.
//!
//! Depths are within [`IncursionOptions::depth_tolerance_m`] (0.5 m by
//! default) of the true maximum; on the seed data and the hand-checkable
//! zones they match the references to 1e-4 m.
//!
//! # Limitations
//!
//! A zone reaching more than 4,000 km from its centre is an
//! [`Error::TooLarge`]. Without territories, a border line that ends
//! inside a zone does not split it: the piece around the line's end takes the
//! side of its interior point. The depth search evaluates at most
//! [`IncursionOptions::max_depth_cells`] cells (a 5000 km zone needs ~2 s).
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let reports = map.incursions()?;
//! let r = &reports[0];
//! // data/README.md: zone-1 straddles the equator, half of it in NOR
//! assert_eq!(r.zone.id().to_string(), "zone-1");
//! assert_eq!(r.zone.claimant().as_str(), "NOR");
//! assert!((r.area_m2 - 492_363_143.204).abs() < 1.0);
//! assert!((r.incursion_area_m2 - 246_181_571.602).abs() < 1.0);
//! assert!((r.max_depth_m - 11_057.445).abs() < 0.5); // depth tolerance 0.5 m
//! assert!((r.border_length_m - 22_263.898).abs() < 1e-3);
//! # Ok::<(), demarcate::Error>(())
//! ```

mod depth;
mod side;

use std::collections::BTreeMap;

use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::geodesy::{
    DENSIFY_STEP_M, GeodesicEdge, MAX_RADIUS_M, densify_line, densify_multi_polygon, distance_m,
    geodesic_area_m2, geodesic_multi_area_m2,
};
use crate::model::{BorderMap, FeatureId, IncursionZone, Kind};
use crate::polygon::clip::{Shape, TooFar, ZonePlane};
use depth::{deepest, unwrap_longitudes};

/// Pieces of the claimant's side with less area than this (m²) are dropped.
const SLIVER_M2: f64 = 1e-6;

/// Settings of the incursion analysis; [`Default`] is what
/// [`BorderMap::incursion`] and [`BorderMap::incursions`] use.
///
/// # Examples
///
/// ```
/// use demarcate::BorderMap;
/// use demarcate::analysis::IncursionOptions;
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let opts = IncursionOptions::new().densify_step_m(25.0).depth_tolerance_m(0.1);
/// let r = map.incursions_with(&opts)?;
/// assert_eq!(r.len(), 2);
/// # Ok::<(), demarcate::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncursionOptions {
    step_m: f64,
    tolerance_m: f64,
    max_cells: usize,
}

impl Default for IncursionOptions {
    fn default() -> Self {
        IncursionOptions {
            step_m: DENSIFY_STEP_M,
            tolerance_m: 0.5,
            max_cells: 2_000_000,
        }
    }
}

impl IncursionOptions {
    /// The defaults: outlines for the depth search densified every
    /// [`DENSIFY_STEP_M`] metres, depth to 0.5 m,
    /// at most 2 000 000 branch-and-bound cells per zone.
    pub fn new() -> Self {
        Self::default()
    }

    /// Densification step (metres) of the claimant side's outline for the
    /// depth search; finite, > 0.
    #[must_use]
    pub fn densify_step_m(mut self, step_m: f64) -> Self {
        self.step_m = step_m;
        self
    }

    /// Maximum depth search tolerance (metres): the search stops when no
    /// cell can beat the best depth found by more than this; finite, > 0.
    #[must_use]
    pub fn depth_tolerance_m(mut self, tolerance_m: f64) -> Self {
        self.tolerance_m = tolerance_m;
        self
    }

    /// Cap on the number of cells the depth search evaluates per zone; when it
    /// is reached, [`IncursionReport::max_depth_bound_m`] says how far the
    /// answer may be from the true maximum.
    #[must_use]
    pub fn max_depth_cells(mut self, cells: usize) -> Self {
        self.max_cells = cells;
        self
    }

    fn check(&self) -> Result<()> {
        if !(self.step_m.is_finite() && self.step_m > 0.0) {
            return Err(Error::BadParameter {
                name: "densify_step_m",
                value: self.step_m,
                expected: "a finite number of metres > 0",
            });
        }
        if !(self.tolerance_m.is_finite() && self.tolerance_m > 0.0) {
            return Err(Error::BadParameter {
                name: "depth_tolerance_m",
                value: self.tolerance_m,
                expected: "a finite number of metres > 0",
            });
        }
        Ok(())
    }
}

/// How the claimant's side of a zone was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SideMethod {
    /// Zone ∩ the claimant's territory polygons (the dataset has territories).
    Territories,
    /// The zone split along the border; pieces kept by the side of an
    /// interior point (the dataset has no territories).
    BorderSplit,
}

/// The answers for one incursion zone.
///
/// # Units
///
/// Areas in square metres, lengths and depths in metres, all on the WGS84
/// ellipsoid; geometry in lon/lat degrees.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IncursionReport<'a> {
    /// The zone.
    pub zone: IncursionZone<'a>,
    /// Geodesic area of the whole zone, m² (exact, GeographicLib).
    pub area_m2: f64,
    /// The part of the zone on the claimant's side (polygons with geodesic
    /// edges, lon/lat; empty when none of it is).
    pub claimant_side: MultiPolygon<f64>,
    /// Geodesic area of [`Self::claimant_side`], m².
    pub incursion_area_m2: f64,
    /// The largest geodesic distance (m) from the border of any point of
    /// [`Self::claimant_side`] (0 when it is empty). The farthest point may
    /// be inside the zone, not on its outline (a zone in a U-shaped bend of
    /// the border); it is found by branch-and-bound: the distance to the
    /// border is 1-Lipschitz, and over a lon/lat cell it is bounded by the
    /// distance from the cell's points to the border point nearest the
    /// cell's centre, whose maximum over the cell ∩ part is reached at a
    /// vertex of that intersection; cells that could beat the best point
    /// found by more than the tolerance are split in four.
    pub max_depth_m: f64,
    /// An upper bound (m) on the true maximum depth: at most
    /// `max_depth_m` + the tolerance, unless the cell cap was reached.
    pub max_depth_bound_m: f64,
    /// Where [`Self::max_depth_m`] is reached (lon/lat), `None` when the
    /// claimant's side is empty.
    pub deepest_point: Option<Coord<f64>>,
    /// Geodesic length (m) of the border inside the zone or along its
    /// boundary.
    pub border_length_m: f64,
    /// How [`Self::claimant_side`] was found.
    pub side_method: SideMethod,
}

impl BorderMap {
    /// The incursion analysis of one zone of this map, with the default
    /// [`IncursionOptions`].
    ///
    /// # Units
    ///
    /// Areas square metres, depths and lengths metres, on the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); edges are geodesics.
    /// The claimant's side comes from territories when the dataset has any,
    /// else from the border's left and right; see the module docs.
    ///
    /// # Errors
    ///
    /// [`Error::NoBorder`] when the map has no border segment.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let zone = map.incursion_zones().next().expect("zone-1");
    /// let r = map.incursion(&zone)?;
    /// // zone-1 straddles the equator: half of it is in NOR (GeographicLib).
    /// assert!((r.incursion_area_m2 - 246_181_571.602).abs() < 1.0);
    /// assert!((r.max_depth_m - 11_057.445).abs() < 1.0);
    /// assert!((r.border_length_m - 22_263.898).abs() < 1e-2);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn incursion<'a>(&'a self, zone: &IncursionZone<'a>) -> Result<IncursionReport<'a>> {
        self.incursion_with(zone, &IncursionOptions::default())
    }

    /// [`Self::incursion`] with explicit options.
    ///
    /// # Units
    ///
    /// As [`Self::incursion`].
    ///
    /// # Assumptions
    ///
    /// As [`Self::incursion`].
    ///
    /// # Errors
    ///
    /// [`Error::NoBorder`] without border segments, [`Error::BadParameter`]
    /// for a step or tolerance that is not a positive finite number, or a
    /// zone with an edge across the antimeridian.
    pub fn incursion_with<'a>(
        &'a self,
        zone: &IncursionZone<'a>,
        options: &IncursionOptions,
    ) -> Result<IncursionReport<'a>> {
        options.check()?;
        // Segments whose geometry is empty (MultiLineString []) are no border
        // either: without this, each zone was densified and searched first.
        if self.segments().len() == 0 || self.border_index().edges().is_empty() {
            return Err(Error::NoBorder);
        }
        self.analyse_zone(*zone, options)
    }

    /// The incursion analysis of the zone with this id.
    ///
    /// # Units
    ///
    /// As [`Self::incursion`].
    ///
    /// # Assumptions
    ///
    /// As [`Self::incursion`].
    ///
    /// # Errors
    ///
    /// [`Error::UnknownFeature`] when no incursion zone has this id, else as
    /// [`Self::incursion`].
    ///
    /// ```
    /// use demarcate::{BorderMap, FeatureId};
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let r = map.incursion_by_id(&FeatureId::String("zone-2".into()))?;
    /// assert!((r.area_m2 - r.incursion_area_m2).abs() < 1.0); // all in NOR
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn incursion_by_id(&self, id: &FeatureId) -> Result<IncursionReport<'_>> {
        let zone = self
            .incursion_zones()
            .find(|z| z.id() == id)
            .ok_or_else(|| Error::UnknownFeature {
                id: id.clone(),
                kind: Some(Kind::IncursionZone),
            })?;
        self.incursion(&zone)
    }

    /// [`Self::incursion`] for every zone, in file order (zones in parallel).
    ///
    /// # Units
    ///
    /// As [`Self::incursion`].
    ///
    /// # Assumptions
    ///
    /// As [`Self::incursion`].
    ///
    /// # Errors
    ///
    /// [`Error::NoBorder`] when the map has zones but no border segment.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// let reports = map.incursions()?;
    /// assert_eq!(reports.len(), 4);
    /// assert!(reports.iter().all(|r| r.incursion_area_m2 <= r.area_m2 + 1.0));
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn incursions(&self) -> Result<Vec<IncursionReport<'_>>> {
        self.incursions_with(&IncursionOptions::default())
    }

    /// [`Self::incursions`] with explicit options.
    ///
    /// # Units
    ///
    /// As [`Self::incursion`].
    ///
    /// # Assumptions
    ///
    /// As [`Self::incursion`].
    ///
    /// # Errors
    ///
    /// As [`Self::incursion_with`].
    pub fn incursions_with(&self, options: &IncursionOptions) -> Result<Vec<IncursionReport<'_>>> {
        options.check()?;
        let zones: Vec<IncursionZone<'_>> = self.incursion_zones().collect();
        if zones.is_empty() {
            return Ok(Vec::new());
        }
        // Segments whose geometry is empty (MultiLineString []) are no border
        // either: without this, each zone was densified and searched first.
        if self.segments().len() == 0 || self.border_index().edges().is_empty() {
            return Err(Error::NoBorder);
        }
        let _ = self.border_index();
        zones
            .into_par_iter()
            .map(|z| self.analyse_zone(z, options))
            .collect()
    }

    fn analyse_zone<'a>(
        &'a self,
        zone: IncursionZone<'a>,
        options: &IncursionOptions,
    ) -> Result<IncursionReport<'a>> {
        let step = options.step_m;
        // `+ 0.0`: an empty float sum is -0.0 (a zone without polygons).
        let area_m2 = zone.polygons().iter().map(geodesic_area_m2).sum::<f64>() + 0.0;
        let too_large = |TooFar(reach): TooFar| Error::TooLarge {
            features: format!("zone {}", zone.id()),
            reason: if reach.is_finite() {
                format!(
                    "it is clipped in a local plane that reaches {:.0} km, and the zone needs {:.0} km",
                    MAX_RADIUS_M / 1e3,
                    reach / 1e3
                )
            } else {
                "its window onto the territory kept meeting the territory's vertices".to_string()
            },
        };
        let shape = Shape::new(zone.polygons());
        let plane = shape
            .as_ref()
            .map(ZonePlane::new)
            .transpose()
            .map_err(too_large)?;
        let runs = match &plane {
            Some(plane) => self.border_runs_near(zone.polygons(), plane.max_edge_m()),
            None => Vec::new(),
        };
        let border_length_m = match &plane {
            Some(plane) => {
                let lines: Vec<&LineString<f64>> = runs.iter().map(|r| &r.line).collect();
                plane.length_inside_m(&lines)
            }
            None => 0.0,
        } + 0.0; // an empty float sum is -0.0 (no border near the zone)
        let claimant = zone.claimant();
        let (claimant_side, side_method) = if self.territories().len() > 0 {
            let side = match &shape {
                Some(shape) => self.territory_side(shape, claimant).map_err(too_large)?,
                None => MultiPolygon(Vec::new()),
            };
            (side, SideMethod::Territories)
        } else {
            let side = match &plane {
                Some(plane) => self.split_side(plane, &runs, claimant)?,
                None => MultiPolygon(Vec::new()),
            };
            (side, SideMethod::BorderSplit)
        };
        // Zero-area pieces (degenerate rings, slivers of the clipping) are
        // not part of the claimant's side.
        let claimant_side = MultiPolygon(
            claimant_side
                .0
                .into_iter()
                .filter(|p| geodesic_area_m2(p) > SLIVER_M2)
                .collect(),
        );
        let incursion_area_m2 = geodesic_multi_area_m2(&claimant_side);
        // The depth search reads outlines as lon/lat chords: give it the
        // claimant's side with its geodesic edges densified.
        let depth = deepest(
            self.border_index(),
            &unwrap_longitudes(densify_multi_polygon(&claimant_side, step)),
            options.tolerance_m,
            options.max_cells,
        );
        Ok(IncursionReport {
            zone,
            area_m2,
            claimant_side,
            incursion_area_m2,
            max_depth_m: depth.depth_m,
            max_depth_bound_m: depth.bound_m,
            deepest_point: depth.point.map(|mut p| {
                // back from an unwrapped longitude
                p.x = (p.x + 180.0).rem_euclid(360.0) - 180.0;
                p
            }),
            border_length_m,
            side_method,
        })
    }

    /// Runs of consecutive border edges near the zone, densified, with the
    /// segment they belong to (in [`BorderMap::segments`] order).
    fn border_runs_near(&self, zone: &[Polygon<f64>], step: f64) -> Vec<Run> {
        // A geodesic disk around the zone, centred on a vertex (a lon/lat box
        // centre is no centre across the antimeridian): every point of a
        // geodesic edge is within half its length of an end.
        let vertices = || {
            zone.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .flat_map(|r| r.0.iter().copied())
        };
        let Some(centre) = vertices().next() else {
            return Vec::new();
        };
        let longest = zone
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.windows(2).map(|w| distance_m(w[0], w[1])))
            .fold(0.0_f64, f64::max);
        let radius = vertices()
            .map(|v| distance_m(centre, v))
            .fold(0.0_f64, f64::max)
            + 0.5 * longest
            + 1.0;
        let index = self.border_index();
        // Per edge near the zone, the stretch (metres along it) that can come
        // within `radius` of the centre: a point `s` metres along the edge
        // from its point nearest the centre (at distance h) is at least
        // |s| − h from the centre, so only |s| ≤ radius + h matters. Long
        // edges are densified only there.
        let mut wanted: Stretches = BTreeMap::new();
        for hit in index.edges_within(centre, radius) {
            let e = &index.edges()[hit.edge];
            let part = index.item_of(hit.edge);
            let length = e.edge.length_m();
            let reach = radius + hit.nearest.distance_m;
            let from = (hit.nearest.along_m - reach).max(0.0);
            let to = (hit.nearest.along_m + reach).min(length);
            wanted
                .entry((part.segment, part.part))
                .or_default()
                .push((e.vertex, from, to));
        }
        let mut runs = Vec::new();
        for ((s, p), mut stretches) in wanted {
            let Some(segment) = self.segment_at(s as usize) else {
                continue;
            };
            let Some(line) = segment.lines().get(p as usize) else {
                continue;
            };
            stretches.sort_by_key(|&(v, _, _)| v);
            stretches.dedup_by_key(|&mut (v, _, _)| v);
            let mut coords: Vec<Coord<f64>> = Vec::new();
            let mut previous: Option<(u32, bool)> = None; // (vertex, reaches its end)
            for (v, from, to) in stretches {
                let (Some(&a), Some(&b)) = (line.0.get(v as usize), line.0.get(v as usize + 1))
                else {
                    continue;
                };
                let edge = GeodesicEdge::new(a, b);
                // exactly a at 0, b at or past the edge's length
                let start = edge.point_at(from).0;
                let end = edge.point_at(to).0;
                let continues = matches!(previous, Some((pv, true)) if pv + 1 == v) && from == 0.0;
                if !continues && coords.len() >= 2 {
                    let run = LineString(std::mem::take(&mut coords));
                    runs.push(Run {
                        segment: s as usize,
                        line: densify_line(&run, step),
                    });
                }
                if !continues {
                    coords.clear();
                    coords.push(start);
                }
                coords.push(end);
                previous = Some((v, to >= edge.length_m()));
            }
            if coords.len() >= 2 {
                runs.push(Run {
                    segment: s as usize,
                    line: densify_line(&LineString(coords), step),
                });
            }
        }
        runs
    }
}

/// Per (segment, line part): (edge's first vertex, from_m, to_m along it).
type Stretches = BTreeMap<(u32, u32), Vec<(u32, f64, f64)>>;

/// A densified run of consecutive edges of one border segment.
struct Run {
    segment: usize,
    line: LineString<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked() {
        assert!(IncursionOptions::new().densify_step_m(0.0).check().is_err());
        assert!(
            IncursionOptions::new()
                .depth_tolerance_m(f64::INFINITY)
                .check()
                .is_err()
        );
        assert!(IncursionOptions::new().max_depth_cells(10).check().is_ok());
    }
}
