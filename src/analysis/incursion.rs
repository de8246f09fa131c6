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
//! - **Claimant's side**: the zone, the claimant's territory polygons and the
//!   border lines are densified along their geodesics (points every
//!   [`IncursionOptions::densify_step_m`] metres, [`DENSIFY_STEP_M`] by
//!   default), then clipped with geo's planar [`BooleanOps`] in
//!   longitude/latitude. With territories in the dataset (any party's), the
//!   claimant's side is the zone ∩ the claimant's territories; a claimant
//!   without a territory then has an empty side (the same rule
//!   [`BorderMap::distance_to_border`] uses for `side`). Without territories
//!   the zone is split along the border segments that have the claimant on
//!   their left or right (a 1e-7° ≈ 1 cm strip is cut away on the *other*
//!   party's side of the line, so the claimant's pieces keep the border line
//!   exactly as their edge), and each piece is kept when an interior point of
//!   it lies on the claimant's side by [`BorderMap::distance_to_border`].
//!   Its area is the geodesic area of the clipped, densified pieces.
//! - **Maximum depth**: the largest geodesic distance to the border of any
//!   point of the claimant's side, by branch-and-bound over lon/lat cells
//!   (see [`IncursionReport::max_depth_m`]).
//! - **Border length**: the densified border lines clipped with the zone
//!   (lines along the zone's boundary count), measured geodesically.
//!
//! # Accuracy
//!
//! Densified vertices lie exactly on the geodesics; only the vertices the
//! clipping creates (where a chord of one outline crosses a chord of another)
//! sit on a straight lon/lat chord instead of the geodesic, at most ~0.2 mm
//! away for 100 m chords at mid-latitudes, so the clipped areas carry an error
//! of the order of (outline length × 0.2 mm) at most. Measured on the
//! hand-checkable dataset (`data/hand-checkable.geojson`) against the exact
//! answers: zone-1 ∩ NOR = 246 181 571.602 m² is reproduced to 3e-8 m²,
//! zone-1 ∩ zone-2 = 123 090 785.801 m² to 5e-5 m², the border lengths in
//! the zones to 1e-9 m, whatever the step from 10 m to 1 km (the edges
//! there are meridians and the equator, which are straight in lon/lat). On
//! the bundled Armenia–Azerbaijan zones, against an independent shapely +
//! GeographicLib computation densified every 50 m (see
//! `tests/reference/README.md`): claimant-side areas within 0.014 m² (within
//! 1e-3 m² at the same 50 m step), border lengths within 2.2e-4 m (1e-8 m at
//! 50 m), zone areas within 2e-5 m². All far inside the crate's contract
//! (1e-6 relative or 1 m²).
//!
//! geo's boolean operations round vertices to an integer grid (~0.1 mm on a
//! 1° box); the crate puts every vertex of a result that is an input
//! vertex, or a crossing of two input edges, back at its exact position
//! before measuring, which removes errors of up to ~1 m² on 20 km zones.
//!
//! Depths are within [`IncursionOptions::depth_tolerance_m`] (0.5 m by
//! default) of the true maximum; on the seed data and the hand-checkable
//! zones they match the references to 1e-4 m.
//!
//! # Limitations
//!
//! Clipping is done in lon/lat: a zone with an edge across the antimeridian
//! is refused ([`Error::BadParameter`]), and zones or territories containing
//! a pole are not supported. Without territories, a border line that ends
//! inside a zone does not split it: the piece around the line's end takes the
//! side of its interior point. The depth search evaluates at most
//! [`IncursionOptions::max_depth_cells`] cells (a 5000 km zone needs ~2 s).
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! for r in map.incursions()? {
//!     println!(
//!         "{}: {:.3} km², {:.3} km² on {}'s side, {:.0} m deep, {:.0} m of border",
//!         r.zone.id(),
//!         r.area_m2 / 1e6,
//!         r.incursion_area_m2 / 1e6,
//!         r.zone.claimant(),
//!         r.max_depth_m,
//!         r.border_length_m,
//!     );
//! }
//! # Ok::<(), demarcate::Error>(())
//! ```

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use geo::algorithm::bool_ops::FillRule;
use geo::coordinate_position::CoordPos;
use geo::orient::Direction;
use geo::{BooleanOps, BoundingRect, CoordinatePosition, InteriorPoint, Orient};
use geo_types::{Coord, LineString, MultiLineString, MultiPolygon, Polygon, Rect};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Line};
use rstar::{AABB, RTree};

use crate::analysis::distance::ON_BORDER_M;
use crate::error::{Error, Result};
use crate::geodesy::MAX_RADIUS_M;
use crate::geodesy::{
    DENSIFY_STEP_M, GeodesicEdge, densify_line, densify_multi_polygon, destination, distance_m,
    geodesic_area_m2, geodesic_length_m, geodesic_multi_area_m2,
};
use crate::index::BorderIndex;
use crate::model::{BorderMap, FeatureId, IncursionZone, Kind, Party};
use crate::polygon::clip::{Shape, TooFar, crossing, intersect_prepared, snap_tolerance};

/// Width (degrees) of the strip cut away on the other party's side of the
/// border when a zone is split without territories: ≈ 1.1 cm.
const STRIP_DEG: f64 = 1e-7;
/// Pieces of the claimant's side with less area than this (m²) are dropped.
const SLIVER_M2: f64 = 1e-6;
/// Mean Earth radius (metres), for the lon/lat-chord versus geodesic slack.
const MEAN_RADIUS_M: f64 = 6_371_008.8;

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
    /// The defaults: densify every [`DENSIFY_STEP_M`] metres, depth to 0.5 m,
    /// at most 2 000 000 branch-and-bound cells per zone.
    pub fn new() -> Self {
        Self::default()
    }

    /// Densification step (metres) for clipping in lon/lat; finite, > 0.
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
pub struct IncursionReport<'a> {
    /// The zone.
    pub zone: IncursionZone<'a>,
    /// Geodesic area of the whole zone, m² (exact, GeographicLib).
    pub area_m2: f64,
    /// The part of the zone on the claimant's side (densified lon/lat
    /// polygons; empty when none of it is).
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
        if let Some(span) = antimeridian_span(zone.polygons()) {
            return Err(Error::BadParameter {
                name: "incursion_zone longitude step",
                value: span,
                expected: "edges spanning at most 180° of longitude: zones that cross the antimeridian are not supported (clipping is done in longitude/latitude)",
            });
        }
        // `+ 0.0`: an empty float sum is -0.0 (a zone without polygons).
        let area_m2 = zone.polygons().iter().map(geodesic_area_m2).sum::<f64>() + 0.0;
        let zone_mp = prepare(zone.polygons(), step);
        let runs = self.border_runs_near(&zone_mp, step);
        let border_length_m = runs
            .iter()
            .map(|run| {
                let snap = SnapBack::new(rings(&zone_mp), [&run.line]);
                zone_mp
                    .clip_with_fill_rule(
                        &MultiLineString(vec![run.line.clone()]),
                        false,
                        FillRule::NonZero,
                    )
                    .0
                    .into_iter()
                    .map(|piece| geodesic_length_m(&snap.line(piece)))
                    .sum::<f64>()
            })
            .sum::<f64>()
            + 0.0; // an empty float sum is -0.0 (no border near the zone)
        let claimant = zone.claimant();
        let (claimant_side, side_method) = if self.territories().len() > 0 {
            (
                self.territory_side(&zone, claimant)?,
                SideMethod::Territories,
            )
        } else {
            (
                self.split_side(&zone_mp, &runs, claimant)?,
                SideMethod::BorderSplit,
            )
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
        let depth = deepest(
            self.border_index(),
            &claimant_side,
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
            deepest_point: depth.point,
            border_length_m,
            side_method,
        })
    }

    /// Runs of consecutive border edges near the zone, densified, with the
    /// segment they belong to (in [`BorderMap::segments`] order).
    fn border_runs_near(&self, zone: &MultiPolygon<f64>, step: f64) -> Vec<Run> {
        let Some(rect) = zone.bounding_rect() else {
            return Vec::new();
        };
        // A geodesic disk around the zone: the zone lies inside the disk
        // through its farthest outline vertex (plus a metre for the chords).
        let centre = rect.center();
        let radius = zone
            .0
            .iter()
            .flat_map(|p| p.exterior().0.iter())
            .map(|v| distance_m(centre, *v))
            .fold(0.0_f64, f64::max)
            + 1.0;
        let index = self.border_index();
        // Per edge near the zone, the stretch (metres along it) that can come
        // within `radius` of the centre: a point `s` metres along the edge
        // from its point nearest the centre (at distance h) is at least
        // |s| − h from the centre, so only |s| ≤ radius + h matters. Long
        // edges are densified only there.
        let mut wanted: Stretches = BTreeMap::new();
        for hit in index.within(centre, radius) {
            let e = &index.edges()[hit.edge];
            let length = e.edge.length_m();
            let reach = radius + hit.nearest.distance_m;
            let from = (hit.nearest.along_m - reach).max(0.0);
            let to = (hit.nearest.along_m + reach).min(length);
            wanted
                .entry((e.segment, e.part))
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
                let at = |s: f64| destination(a, edge.azimuth_a_deg(), s);
                let start = if from == 0.0 { a } else { at(from) };
                let end = if to >= edge.length_m() { b } else { at(to) };
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

    /// Zone ∩ the claimant's territories, clipped in the zone's local plane
    /// against only the territory edges near it.
    fn territory_side(
        &self,
        zone: &IncursionZone<'_>,
        claimant: &Party,
    ) -> Result<MultiPolygon<f64>> {
        let Some(shape) = Shape::new(zone.polygons()) else {
            return Ok(MultiPolygon(Vec::new()));
        };
        let index = self.territory_index();
        let mut out = Vec::new();
        for (t, territory) in self.territories().enumerate() {
            if territory.party() != claimant {
                continue;
            }
            for prepared in index.prepared(t) {
                let part = intersect_prepared(&shape, prepared).map_err(|TooFar(reach)| {
                    Error::TooLarge {
                        features: format!("zone {}", zone.id()),
                        reason: if reach.is_finite() {
                            format!(
                                "it is clipped with the territories in a local plane that reaches {:.0} km, \
                                 and the zone needs {:.0} km",
                                MAX_RADIUS_M / 1e3,
                                reach / 1e3
                            )
                        } else {
                            "its window onto the territory kept meeting the territory's vertices"
                                .to_string()
                        },
                    }
                })?;
                if let Some(part) = part {
                    out.extend(part.0);
                }
            }
        }
        Ok(MultiPolygon(out))
    }

    /// The zone split along the border; the pieces on the claimant's side.
    fn split_side(
        &self,
        zone: &MultiPolygon<f64>,
        runs: &[Run],
        claimant: &Party,
    ) -> Result<MultiPolygon<f64>> {
        let mut strips: Vec<Polygon<f64>> = Vec::new();
        for run in runs {
            let Some(segment) = self.segment_at(run.segment) else {
                continue;
            };
            // Cut on the side that is not the claimant's.
            let sign = if segment.left() == claimant {
                -1.0
            } else if segment.right() == claimant {
                1.0
            } else {
                continue;
            };
            one_sided_strip(&run.line, sign, &mut strips);
        }
        let pieces = if strips.is_empty() {
            zone.clone()
        } else {
            let strips = MultiPolygon(strips);
            let snap = SnapBack::new(rings(zone), rings(&strips));
            snap.multi_polygon(zone.difference_with_fill_rule(&strips, FillRule::NonZero))
        };
        let mut kept = Vec::new();
        for piece in pieces.0 {
            if self.piece_side(&piece)? == Some(claimant) {
                kept.push(piece);
            }
        }
        Ok(MultiPolygon(kept))
    }

    /// The side of the interior point of `piece` farthest from the border.
    fn piece_side(&self, piece: &Polygon<f64>) -> Result<Option<&Party>> {
        let mut best: Option<(f64, Option<&Party>)> = None;
        for p in interior_candidates(piece) {
            let d = self.distance_to_border(p)?;
            if best.is_none_or(|(bd, _)| d.distance_m > bd) {
                best = Some((d.distance_m, d.side));
            }
        }
        Ok(best.filter(|(d, _)| *d >= ON_BORDER_M).and_then(|(_, s)| s))
    }
}

/// The largest longitude step (degrees) of an edge of the polygons, if one
/// exceeds 180° (the edge crosses the antimeridian).
pub(crate) fn antimeridian_span(polygons: &[Polygon<f64>]) -> Option<f64> {
    let span = polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.0.windows(2).map(|w| (w[1].x - w[0].x).abs()))
        .fold(0.0_f64, f64::max);
    (span > 180.0).then_some(span)
}

/// Per (segment, line part): (edge's first vertex, from_m, to_m along it).
type Stretches = BTreeMap<(u32, u32), Vec<(u32, f64, f64)>>;

/// A densified run of consecutive edges of one border segment.
struct Run {
    segment: usize,
    line: LineString<f64>,
}

/// Densified, oriented (exteriors counter-clockwise, holes clockwise), so that
/// NonZero filling is the union of the polygons.
fn prepare(polygons: &[Polygon<f64>], step: f64) -> MultiPolygon<f64> {
    densify_multi_polygon(&MultiPolygon(polygons.to_vec()), step).orient(Direction::Default)
}

/// Counter-clockwise polygons covering a strip of width [`STRIP_DEG`] on one
/// side of `line` (`sign` +1: left, −1: right), whose inner edge is exactly the
/// line.
fn one_sided_strip(line: &LineString<f64>, sign: f64, out: &mut Vec<Polygon<f64>>) {
    let pts: Vec<Coord<f64>> = {
        let mut v: Vec<Coord<f64>> = Vec::with_capacity(line.0.len());
        for c in &line.0 {
            if v.last() != Some(c) {
                v.push(*c);
            }
        }
        v
    };
    if pts.len() < 2 {
        return;
    }
    let unit = |a: Coord<f64>, b: Coord<f64>| {
        let d = b - a;
        let n = d.x.hypot(d.y);
        Coord {
            x: d.x / n,
            y: d.y / n,
        }
    };
    let normal = |t: Coord<f64>| Coord {
        x: -t.y * sign * STRIP_DEG,
        y: t.x * sign * STRIP_DEG,
    };
    let last = pts.len() - 2;
    for (i, w) in pts.windows(2).enumerate() {
        let t = unit(w[0], w[1]);
        let n = normal(t);
        let ext = Coord {
            x: t.x * STRIP_DEG,
            y: t.y * STRIP_DEG,
        };
        // Extend beyond the run's ends so the strip leaves no bridge there.
        let a = if i == 0 { w[0] - ext } else { w[0] };
        let b = if i == last { w[1] + ext } else { w[1] };
        push_ccw(vec![a, b, b + n, a + n], out);
        if i < last {
            let t2 = unit(w[1], pts[i + 2]);
            let turn = t.x * t2.y - t.y * t2.x;
            // A turn away from the strip's side opens a wedge between the two
            // quads: fill it.
            if turn * sign < 0.0 {
                push_ccw(vec![w[1], w[1] + n, w[1] + normal(t2)], out);
            }
        }
    }
}

fn push_ccw(mut ring: Vec<Coord<f64>>, out: &mut Vec<Polygon<f64>>) {
    let twice_area: f64 = (0..ring.len())
        .map(|i| {
            let (p, q) = (ring[i], ring[(i + 1) % ring.len()]);
            p.x * q.y - q.x * p.y
        })
        .sum();
    if twice_area == 0.0 || !twice_area.is_finite() {
        return;
    }
    if twice_area < 0.0 {
        ring.reverse();
    }
    ring.push(ring[0]);
    out.push(Polygon::new(LineString(ring), Vec::new()));
}

/// Above this many vertices geo's interior point (a sweep over every edge)
/// is skipped: on the long collinear runs of a densified zone thousands of km
/// tall it took seconds (a fuzz finding); the scan lines suffice.
const SWEEP_MAX_VERTICES: usize = 20_000;

/// Points inside `poly`: geo's interior point (for rings of up to
/// [`SWEEP_MAX_VERTICES`]), then the middle of the widest inside interval on
/// several horizontal lines.
fn interior_candidates(poly: &Polygon<f64>) -> Vec<Coord<f64>> {
    let vertices: usize = std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .map(|r| r.0.len())
        .sum();
    let mut out: Vec<Coord<f64>> = if vertices <= SWEEP_MAX_VERTICES {
        poly.interior_point().map(|p| p.0).into_iter().collect()
    } else {
        Vec::new()
    };
    let Some(r) = poly.bounding_rect() else {
        return out;
    };
    for k in 1..8 {
        let y = r.min().y + r.height() * (k as f64) / 8.0;
        let mut xs: Vec<f64> = Vec::new();
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for w in ring.0.windows(2) {
                let (a, b) = (w[0], w[1]);
                if (a.y <= y) != (b.y <= y) {
                    xs.push(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        let widest = xs
            .chunks_exact(2)
            .max_by(|p, q| (p[1] - p[0]).total_cmp(&(q[1] - q[0])));
        if let Some(p) = widest {
            let c = Coord {
                x: 0.5 * (p[0] + p[1]),
                y,
            };
            if poly.coordinate_position(&c) == CoordPos::Inside {
                out.push(c);
            }
        }
    }
    out
}

/// geo's boolean operations (i_overlay) round every vertex to an integer grid
/// spanning the inputs' box (2^-29 of its larger half-extent: ~0.1 mm for a
/// 1° box), which moves vertices off their geodesics and shifts areas by up
/// to ~1 m² on a 20 km zone. `SnapBack` undoes the rounding: a result vertex
/// within a few grid steps of an input vertex is put back exactly on it, and
/// one within a few grid steps of a crossing of an edge of one operand with
/// an edge of the other is put exactly on that crossing (in lon/lat).
pub(crate) struct SnapBack {
    points: RTree<[f64; 2]>,
    edges: RTree<GeomWithData<Line<[f64; 2]>, bool>>,
    tolerance_deg: f64,
}

impl SnapBack {
    /// From the rings (or lines) of the two operands of one operation.
    pub(crate) fn new<'c>(
        a: impl IntoIterator<Item = &'c LineString<f64>>,
        b: impl IntoIterator<Item = &'c LineString<f64>>,
    ) -> SnapBack {
        let mut points: Vec<[f64; 2]> = Vec::new();
        let mut edges = Vec::new();
        for (operand, lines) in [
            (false, a.into_iter().collect::<Vec<_>>()),
            (true, b.into_iter().collect()),
        ] {
            for line in lines {
                points.extend(line.0.iter().map(|c| [c.x, c.y]));
                for w in line.0.windows(2) {
                    edges.push(GeomWithData::new(
                        Line::new([w[0].x, w[0].y], [w[1].x, w[1].y]),
                        operand,
                    ));
                }
            }
        }
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in &points {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        SnapBack {
            points: RTree::bulk_load(points),
            edges: RTree::bulk_load(edges),
            tolerance_deg: snap_tolerance(lo, hi),
        }
    }

    fn coord(&self, c: Coord<f64>) -> Coord<f64> {
        let tol = self.tolerance_deg;
        let near = |p: Coord<f64>| (p.x - c.x).abs() <= tol && (p.y - c.y).abs() <= tol;
        if let Some(p) = self.points.nearest_neighbor(&[c.x, c.y]) {
            let p = Coord { x: p[0], y: p[1] };
            if near(p) {
                return p;
            }
        }
        let window = AABB::from_corners([c.x - tol, c.y - tol], [c.x + tol, c.y + tol]);
        let close: Vec<_> = self
            .edges
            .locate_in_envelope_intersecting(&window)
            .collect();
        let mut best: Option<(f64, Coord<f64>)> = None;
        for e in close.iter().filter(|e| !e.data) {
            for f in close.iter().filter(|f| f.data) {
                if let Some(x) = crossing(e.geom(), f.geom())
                    && near(x)
                {
                    let d = (x.x - c.x).hypot(x.y - c.y);
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, x));
                    }
                }
            }
        }
        best.map_or(c, |(_, x)| x)
    }

    /// The line with its vertices put back.
    pub(crate) fn line(&self, line: LineString<f64>) -> LineString<f64> {
        LineString(line.0.into_iter().map(|c| self.coord(c)).collect())
    }

    /// The polygons with their vertices put back.
    pub(crate) fn multi_polygon(&self, mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
        MultiPolygon(
            mp.0.into_iter()
                .map(|p| {
                    let (ext, holes) = p.into_inner();
                    Polygon::new(
                        self.line(ext),
                        holes.into_iter().map(|h| self.line(h)).collect(),
                    )
                })
                .collect(),
        )
    }
}

/// Every ring of a multipolygon.
pub(crate) fn rings(mp: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    mp.0.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

/// The result of the depth search.
struct Depth {
    depth_m: f64,
    bound_m: f64,
    point: Option<Coord<f64>>,
}

/// A branch-and-bound cell (lon/lat box) with an upper bound on the depth
/// within it.
struct Cell {
    rect: Rect<f64>,
    ub: f64,
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.ub.total_cmp(&other.ub) == Ordering::Equal
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ub.total_cmp(&other.ub)
    }
}

struct DepthSearch<'i> {
    index: &'i BorderIndex,
    part: &'i MultiPolygon<f64>,
    edges: RTree<Line<[f64; 2]>>,
    best: f64,
    best_point: Option<Coord<f64>>,
    tolerance: f64,
}

impl DepthSearch<'_> {
    /// Distance to the border and the border point nearest to `p`.
    fn nearest(&self, p: Coord<f64>) -> (f64, Coord<f64>) {
        match self.index.nearest(p) {
            Some(hit) => (hit.nearest.distance_m, hit.nearest.point),
            None => (0.0, p),
        }
    }

    fn offer(&mut self, d: f64, p: Coord<f64>) {
        if d > self.best || self.best_point.is_none() {
            self.best = d;
            self.best_point = Some(p);
        }
    }

    fn inside(&self, p: Coord<f64>) -> bool {
        self.part.coordinate_position(&p) != CoordPos::Outside
    }

    /// Evaluates a cell: offers its centre (and the vertex of cell ∩ part
    /// that bounds it) as candidates, and returns it with its upper bound if
    /// it could still beat the best by more than the tolerance.
    fn evaluate(&mut self, rect: Rect<f64>) -> Option<Cell> {
        let c = rect.center();
        let (dc, qc) = self.nearest(c);
        let (lo, hi) = (rect.min(), rect.max());
        let corners = [
            lo,
            Coord { x: hi.x, y: lo.y },
            hi,
            Coord { x: lo.x, y: hi.y },
        ];
        let diag = distance_m(corners[0], corners[2]).max(distance_m(corners[1], corners[3]));
        let tan = lo.y.abs().max(hi.y.abs()).min(89.9).to_radians().tan();
        // How far points of the cell (or of a straight lon/lat chord across
        // it) may stray from the geodesics the bounds below reason about.
        let slack = diag * diag * (1.0 + tan) / (4.0 * MEAN_RADIUS_M) + 1e-6;
        let radius = corners
            .iter()
            .map(|k| distance_m(c, *k))
            .fold(0.0_f64, f64::max)
            + slack;
        let c_inside = self.inside(c);
        if c_inside {
            self.offer(dc, c);
        }
        if dc + radius <= self.best + self.tolerance {
            return None;
        }
        // The vertices of cell ∩ part: corners inside the part, outline
        // vertices inside the cell, and crossings of the outline with the
        // cell's sides.
        let envelope = AABB::from_corners([lo.x, lo.y], [hi.x, hi.y]);
        let mut vertices: Vec<Coord<f64>> = Vec::new();
        let mut crossing = false;
        for e in self.edges.locate_in_envelope_intersecting(&envelope) {
            crossing = true;
            let a = Coord {
                x: e.from[0],
                y: e.from[1],
            };
            let b = Coord {
                x: e.to[0],
                y: e.to[1],
            };
            for v in [a, b] {
                if v.x >= lo.x && v.x <= hi.x && v.y >= lo.y && v.y <= hi.y {
                    vertices.push(v);
                }
            }
            for x in [lo.x, hi.x] {
                if (a.x - x) * (b.x - x) < 0.0 {
                    let y = a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y);
                    if y >= lo.y && y <= hi.y {
                        vertices.push(Coord { x, y });
                    }
                }
            }
            for y in [lo.y, hi.y] {
                if (a.y - y) * (b.y - y) < 0.0 {
                    let x = a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x);
                    if x >= lo.x && x <= hi.x {
                        vertices.push(Coord { x, y });
                    }
                }
            }
        }
        if crossing {
            vertices.extend(corners.iter().copied().filter(|k| self.inside(*k)));
        } else if c_inside {
            vertices.extend(corners);
        }
        if vertices.is_empty() {
            return None; // the cell misses the part
        }
        // Distance to the border ≤ distance to qc, a convex function whose
        // maximum over the (polygonal) cell ∩ part is at one of its vertices.
        let (vmax, vstar) = vertices.iter().map(|v| (distance_m(*v, qc), *v)).fold(
            (f64::NEG_INFINITY, c),
            |acc, x| if x.0 > acc.0 { x } else { acc },
        );
        let ub = (dc + radius).min(vmax + slack);
        if ub > self.best + self.tolerance {
            let (dv, _) = self.nearest(vstar);
            self.offer(dv, vstar);
        }
        (ub > self.best + self.tolerance).then_some(Cell { rect, ub })
    }
}

/// The deepest point of `part` (farthest from the border), to `tolerance`.
fn deepest(
    index: &BorderIndex,
    part: &MultiPolygon<f64>,
    tolerance: f64,
    max_cells: usize,
) -> Depth {
    let Some(bbox) = part.bounding_rect() else {
        return Depth {
            depth_m: 0.0,
            bound_m: 0.0,
            point: None,
        };
    };
    let mut lines = Vec::new();
    for poly in &part.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for w in ring.0.windows(2) {
                lines.push(Line::new([w[0].x, w[0].y], [w[1].x, w[1].y]));
            }
        }
    }
    let mut search = DepthSearch {
        index,
        part,
        edges: RTree::bulk_load(lines),
        best: 0.0,
        best_point: None,
        tolerance,
    };
    // The outline's (densified) vertices are the first candidates.
    for poly in &part.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for v in &ring.0 {
                let (d, _) = search.nearest(*v);
                search.offer(d, *v);
            }
        }
    }
    // A grid of roughly square cells over the bounding box.
    let (lo, hi) = (bbox.min(), bbox.max());
    let mid_lat = (0.5 * (lo.y + hi.y)).to_radians();
    let width_m = (hi.x - lo.x) * 111_320.0 * mid_lat.cos().max(1e-6);
    let height_m = (hi.y - lo.y) * 110_574.0;
    let side = width_m
        .min(height_m)
        .max(width_m.max(height_m) / 64.0)
        .max(1e-3);
    let nx = ((width_m / side).ceil() as usize).clamp(1, 64);
    let ny = ((height_m / side).ceil() as usize).clamp(1, 64);
    let (dx, dy) = ((hi.x - lo.x) / nx as f64, (hi.y - lo.y) / ny as f64);
    let mut heap = BinaryHeap::new();
    let mut evaluated = 0usize;
    for i in 0..nx {
        for j in 0..ny {
            let rect = Rect::new(
                Coord {
                    x: lo.x + dx * i as f64,
                    y: lo.y + dy * j as f64,
                },
                Coord {
                    x: if i + 1 == nx {
                        hi.x
                    } else {
                        lo.x + dx * (i + 1) as f64
                    },
                    y: if j + 1 == ny {
                        hi.y
                    } else {
                        lo.y + dy * (j + 1) as f64
                    },
                },
            );
            evaluated += 1;
            if let Some(cell) = search.evaluate(rect) {
                heap.push(cell);
            }
        }
    }
    // Every cell dropped so far could not beat the best by more than the
    // tolerance; a cap stop leaves the popped cell's bound open.
    let mut open = f64::NEG_INFINITY;
    while let Some(cell) = heap.pop() {
        if cell.ub <= search.best + tolerance {
            break;
        }
        if evaluated >= max_cells {
            open = cell.ub;
            break;
        }
        let (lo, hi, c) = (cell.rect.min(), cell.rect.max(), cell.rect.center());
        let quads = [
            Rect::new(lo, c),
            Rect::new(Coord { x: c.x, y: lo.y }, Coord { x: hi.x, y: c.y }),
            Rect::new(c, hi),
            Rect::new(Coord { x: lo.x, y: c.y }, Coord { x: c.x, y: hi.y }),
        ];
        for q in quads {
            evaluated += 1;
            if let Some(child) = search.evaluate(q) {
                heap.push(child);
            }
        }
    }
    Depth {
        depth_m: search.best,
        bound_m: (search.best + tolerance).max(open),
        point: search.best_point,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;
    use geo_types::{line_string, polygon};

    #[test]
    fn strip_lies_on_one_side_and_keeps_the_line() {
        // An eastward line with a left turn: strip on the right (south/east).
        let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)];
        let mut quads = Vec::new();
        one_sided_strip(&line, -1.0, &mut quads);
        // two quads and the wedge at the turn (a turn away from the strip)
        assert_eq!(quads.len(), 3);
        for q in &quads {
            assert!(q.signed_area() > 0.0, "counter-clockwise");
            for c in &q.exterior().0 {
                // nothing north of the first leg west of the corner, nothing
                // west of the second leg north of it
                assert!(c.y <= 1e-12 || c.x >= 1.0 - 1e-12, "{c:?}");
            }
        }
        let cut =
            polygon![(x: 0.2, y: -0.5), (x: 0.8, y: -0.5), (x: 0.8, y: 0.5), (x: 0.2, y: 0.5)]
                .difference_with_fill_rule(&MultiPolygon(quads), FillRule::NonZero);
        // the square falls apart into its northern and southern pieces
        assert_eq!(cut.0.len(), 2);
    }

    #[test]
    fn crossing_points() {
        let e = Line::new([0.0, 0.0], [2.0, 2.0]);
        let f = Line::new([0.0, 2.0], [2.0, 0.0]);
        assert_eq!(crossing(&e, &f), Some(Coord { x: 1.0, y: 1.0 }));
        let g = Line::new([3.0, 0.0], [3.0, 2.0]);
        assert_eq!(crossing(&e, &g), None);
        assert_eq!(crossing(&e, &e), None); // parallel
    }

    #[test]
    fn snap_back_restores_inputs_and_crossings() {
        let a = line_string![(x: 0.1, y: 0.1), (x: 0.3, y: 0.3)];
        let b = line_string![(x: 0.1, y: 0.3), (x: 0.3, y: 0.1)];
        let snap = SnapBack::new([&a], [&b]);
        let nudged = LineString(vec![
            Coord {
                x: 0.1 + 1e-10,
                y: 0.1 - 1e-10,
            },
            Coord {
                x: 0.2 - 1e-10,
                y: 0.2 + 1e-10,
            },
            Coord { x: 0.25, y: 0.0 },
        ]);
        let back = snap.line(nudged);
        assert_eq!(back.0[0], Coord { x: 0.1, y: 0.1 });
        assert!((back.0[1].x - 0.2).abs() < 1e-15 && (back.0[1].y - 0.2).abs() < 1e-15);
        assert_eq!(back.0[2], Coord { x: 0.25, y: 0.0 }); // far from everything
    }

    #[test]
    fn antimeridian_edges_are_detected() {
        let across = polygon![(x: 179.9, y: 0.0), (x: -179.9, y: 0.0), (x: -179.9, y: 1.0)];
        assert!(antimeridian_span(&[across]).is_some());
        let near = polygon![(x: 179.0, y: 0.0), (x: 179.9, y: 0.0), (x: 179.9, y: 1.0)];
        assert!(antimeridian_span(&[near]).is_none());
    }

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
