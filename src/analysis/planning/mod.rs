//! Where should new outposts go so that the whole border is within range, with
//! as few posts as possible?
//!
//! [`BorderMap::plan`] places `proposed` posts of range R so that every border
//! point is within R of one of them (or, with
//! [`PlanOptions::keep_existing`], of an existing outpost), verifies the result
//! with the [coverage analysis](crate::analysis::coverage) and reports a lower
//! bound on the number of posts any cover needs.
//!
//! # Units and assumptions
//!
//! Positions are WGS84 longitude/latitude in degrees; ranges, set-backs and
//! distances are metres along the ellipsoid; border edges are geodesics.
//! Ranges are below a quarter meridian
//! ([`MAX_RANGE_M`](crate::analysis::coverage::MAX_RANGE_M)), so that the
//! distance from a point to a geodesic edge is largest at one of its ends.
//!
//! # Method
//!
//! The border's line parts are joined into connected lines where their ends
//! coincide exactly (through vertices shared by exactly two parts; closed
//! rings stay rings, walked from their first vertex; a line shorter than
//! 1 µm is a point, which gets a post unless one is in range of it).
//! Lines are planned longest first, each only for what the posts placed so
//! far leave uncovered. Along each line, greedily, from the first point u
//! not yet covered, each post takes the longest stretch [u, t] it can cover:
//!
//! - **Free posts** (the default without set-back): the post stands at the
//!   geodesic 1-centre of the stretch (the point minimising its largest
//!   distance to it), which may be off the line; t is the farthest offset
//!   whose stretch has a 1-centre radius ≤ r. That radius only grows with t,
//!   so the scan (vertex by vertex, then bisection to 1 µm) finds it. On a
//!   geodesic edge the distance to a point peaks at the edge's ends (ranges
//!   below a quarter meridian), so the radius is taken over u, t, the
//!   vertices in between and the ends of stretches still needing cover; the
//!   1-centre itself is a planar smallest enclosing circle (Welzl) in the
//!   azimuthal equidistant projection around the estimate, iterated three
//!   times, and its radius is then measured exactly on the ellipsoid. This
//!   is the classic greedy for covering a line by consecutive stretches:
//!   among plans where each post covers one consecutive stretch of one line,
//!   none needs fewer posts for that line (up to the 1-centre's accuracy);
//!   posts that cover several separate stretches can do better, which the
//!   lower bound brackets.
//! - **Posts on the line** ([`PlanOptions::on_border`], and the base of a
//!   set-back): the post's border point P(t) moves forward as long as
//!   *every* point of the line between u and t that still needs covering
//!   lies within r of P(t) — checked at u, at every vertex and at every end
//!   of an uncovered stretch in between, not just at u, because borders wind
//!   — up to the first failure, found by bisection.
//!
//! The post then also covers the line beyond t up to the first point farther
//! than r from it; the next post starts there. Without set-back the planning
//! range is r = R − 1 mm, so that no post stands exactly one range from a
//! point it must cover.
//!
//! With a set-back s, the post stands s metres from P(t) perpendicular to the
//! border, on the side of the chosen party, and the planning range is
//! r = R − s − 1 mm: by the triangle inequality the set-back post covers
//! everything P(t) covers with range r. A set-back position must be in the
//! party's territory (with territories in the dataset; else on its side of
//! the nearest segment) and exactly s from the border (no other part of the
//! border nearer); where the perpendicular at t fails that (inside a bend),
//! P is moved back along the line in steps of min(r/50, 250 m) until it
//! holds. Where no position between u and t does (the party's land is
//! narrower than 2s there, as in a small exclave), the post stands as far in
//! along the perpendicular as it can while staying on the party's side and
//! that far from the border ([`PlannedPost::setback_m`] says how far).
//!
//! Every plan is then checked by [`BorderMap::coverage_by`] with the full
//! range R (and the existing outposts with `keep_existing`); should any gap
//! remain (which the construction rules out up to rounding), the greedy runs
//! again on what is left, and an unverified plan is never returned.
//!
//! **Lower bound.** Border points (that the existing outposts leave
//! uncovered) pairwise more than 2R apart each need their own post, wherever
//! posts stand (a post covering two of them would be within R of both). The
//! plan picks such points greedily along the lines, sampling every
//! min(R/20, 250 m): their number is a lower bound on the optimum, so
//! `posts.len() − lower_bound` bounds how far the plan is from optimal.
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! use demarcate::analysis::PlanOptions;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! // 221.9 km of border, 20 km range
//! let plan = map.plan(&PlanOptions::new(20_000.0))?;
//! assert!(plan.coverage.is_complete());
//! assert!(plan.lower_bound <= plan.posts.len());
//! assert_eq!(plan.posts[0].id, "plan-001");
//! # Ok::<(), demarcate::Error>(())
//! ```

mod chains;
mod circle;
mod greedy;

use geo_types::{Coord, Geometry, Point};
use serde_json::{Value, json};

use super::coverage::{Coverage, check_range};
use crate::error::{Error, Result};
use crate::model::{BorderMap, BorderSegment, Feature, FeatureId, Party};
use chains::{Walker, chains, uncovered};
use greedy::{Placed, greedy, packing_bound};

/// Safety margin taken off the planning range, metres, so that posts never
/// stand exactly one range from the points they must cover.
const MARGIN_M: f64 = 1e-3;

/// A set-back position may be this much nearer the border than the set-back,
/// metres (rounding of the direct geodesic solution is ~1e-8 m).
const SETBACK_TOL_M: f64 = 1e-3;

/// Bisection tolerance on positions along a line, metres.
const BISECT_TOL_M: f64 = 1e-6;

/// How many times the greedy may run again on gaps left after verification.
const MAX_ROUNDS: usize = 3;

/// How to plan: the range, an optional set-back into one party's territory,
/// and whether to keep the dataset's outposts.
///
/// # Units
/// Metres.
///
/// # Examples
/// ```
/// use demarcate::analysis::PlanOptions;
/// let opts = PlanOptions::new(8_000.0).setback(1_000.0, "ARM").keep_existing(true);
/// assert_eq!(opts.range_m(), 8_000.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    range_m: f64,
    setback: Option<(f64, Party)>,
    keep_existing: bool,
    on_border: bool,
}

impl PlanOptions {
    /// Posts with observation range `range_m` metres (must be > 0, finite and
    /// below 10 000 km; checked by [`BorderMap::plan`]).
    pub fn new(range_m: f64) -> Self {
        PlanOptions {
            range_m,
            setback: None,
            keep_existing: false,
            on_border: false,
        }
    }

    /// Stand each post `setback_m` metres from the border, perpendicular to
    /// it, inside `party`'s territory. Must be ≥ 0 and less than the range
    /// minus 1 m. The party must be on the left or right of every segment
    /// that needs a post.
    #[must_use]
    pub fn setback(mut self, setback_m: f64, party: impl Into<Party>) -> Self {
        self.setback = Some((setback_m, party.into()));
        self
    }

    /// Keep the dataset's outposts (each with its `range_m`, else this
    /// plan's range) and only fill the gaps they leave.
    #[must_use]
    pub fn keep_existing(mut self, keep: bool) -> Self {
        self.keep_existing = keep;
        self
    }

    /// Stand every post on the border line itself (without set-back). By
    /// default a post without set-back may stand off the line, at the
    /// centre of the stretch it covers, which needs fewer posts where the
    /// border winds.
    #[must_use]
    pub fn on_border(mut self, on_border: bool) -> Self {
        self.on_border = on_border;
        self
    }

    /// The posts' range, metres.
    pub fn range_m(&self) -> f64 {
        self.range_m
    }

    /// The set-back (metres) and its party, if any.
    pub fn setback_of(&self) -> Option<(f64, &Party)> {
        self.setback.as_ref().map(|(s, p)| (*s, p))
    }

    /// Whether the dataset's outposts are kept.
    pub fn keeps_existing(&self) -> bool {
        self.keep_existing
    }
}

/// One planned post.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlannedPost<'a> {
    /// `plan-001`, `plan-002`, … in placement order (skipping ids the
    /// dataset already uses).
    pub id: String,
    /// Where the post stands, lon/lat degrees.
    pub point: Coord<f64>,
    /// The nearest point of the border to the post, lon/lat degrees (the
    /// foot of its set-back).
    pub border_point: Coord<f64>,
    /// The segment of the stretch the post was planned for.
    pub segment: BorderSegment<'a>,
    /// The post's distance from the border (to `border_point`), metres:
    /// the plan's set-back, except where the party's land is too narrow for
    /// it (a small exclave) and the post stands as far in as it can; 0 for
    /// posts on the line; for free posts (no set-back, not
    /// [`PlanOptions::on_border`]) wherever the centre of their stretch is.
    pub setback_m: f64,
}

/// A verified plan.
///
/// # Units
/// Metres, lon/lat degrees.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Plan<'a> {
    /// The new posts, in placement order.
    pub posts: Vec<PlannedPost<'a>>,
    /// Their range, metres.
    pub range_m: f64,
    /// Their set-back from the border, metres (0 without).
    pub setback_m: f64,
    /// How many existing outposts the plan relies on (0 unless
    /// `keep_existing`).
    pub existing: usize,
    /// No plan can cover the border (what the existing outposts leave) with
    /// fewer new posts of this range: see the [module docs](self).
    pub lower_bound: usize,
    /// The verification: coverage of the border by the new posts (and the
    /// existing ones with `keep_existing`); always complete.
    pub coverage: Coverage<'a>,
}

impl Plan<'_> {
    /// The new posts as Demarcation GeoJSON `outpost` features: `id` as
    /// planned, `properties` `kind` `outpost`, `operator`, `status`
    /// `proposed`, `range_m`, and `name`.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// use demarcate::analysis::PlanOptions;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let plan = map.plan(&PlanOptions::new(30_000.0))?;
    /// let features = plan.to_features(&"NOR".into());
    /// assert_eq!(features.len(), plan.posts.len());
    /// assert_eq!(features[0].str_property("status"), Some("proposed"));
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn to_features(&self, operator: &Party) -> Vec<Feature> {
        self.posts
            .iter()
            .map(|p| {
                let mut props = serde_json::Map::new();
                props.insert("kind".into(), json!("outpost"));
                props.insert("operator".into(), json!(operator.as_str()));
                props.insert("status".into(), json!("proposed"));
                props.insert("range_m".into(), json!(self.range_m));
                props.insert(
                    "name".into(),
                    json!(format!(
                        "Planned post {} (segment {})",
                        p.id,
                        p.segment.id()
                    )),
                );
                Feature {
                    id: Some(FeatureId::String(p.id.clone())),
                    geometry: Some(Geometry::Point(Point(p.point))),
                    properties: Some(props),
                    ..Feature::default()
                }
            })
            .collect()
    }

    /// The new posts as a GeoJSON FeatureCollection (see
    /// [`Self::to_features`]), as a JSON value.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// use demarcate::analysis::PlanOptions;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let plan = map.plan(&PlanOptions::new(30_000.0))?;
    /// let fc = plan.to_feature_collection(&"NOR".into());
    /// // it reads back as a valid dataset of outposts
    /// let back = BorderMap::from_geojson_str(&fc.to_string())?;
    /// assert_eq!(back.outposts().len(), plan.posts.len());
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn to_feature_collection(&self, operator: &Party) -> Value {
        let features: Vec<Value> = self
            .to_features(operator)
            .into_iter()
            .zip(&self.posts)
            .map(|(f, p)| {
                json!({
                    "type": "Feature",
                    "id": p.id,
                    "properties": f.properties,
                    "geometry": {"type": "Point", "coordinates": [p.point.x, p.point.y]},
                })
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features})
    }
}

/// Where to stand a post for a border point, with set-back.
struct Setback<'p> {
    metres: f64,
    party: &'p Party,
}

impl BorderMap {
    /// Plans `proposed` outposts so that the whole border is within range,
    /// greedily along each connected line, verified by the coverage analysis.
    ///
    /// # Units
    /// Metres on the WGS84 ellipsoid, lon/lat degrees; see the
    /// [module docs](crate::analysis::planning) for the method and the lower
    /// bound.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    /// Ranges below a quarter meridian; see the module docs.
    ///
    /// # Errors
    /// [`Error::NoBorder`] without border segments; [`Error::BadParameter`]
    /// for a range that is ≤ 0, non-finite or ≥ 10 000 km (`range_m`), a
    /// set-back that is negative, non-finite or not below the range minus
    /// 1 m (`setback_m`), or a set-back party on neither side of a segment
    /// that needs a post (`setback_party`); with `keep_existing`, the errors
    /// of [`BorderMap::coverage`].
    ///
    /// # Examples
    /// ```
    /// use demarcate::BorderMap;
    /// use demarcate::analysis::PlanOptions;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// // fill the gaps the 47 outposts (8 km) leave: the two exclave rings
    /// let plan = map.plan(&PlanOptions::new(8_000.0).keep_existing(true))?;
    /// assert!(plan.coverage.is_complete());
    /// assert!(plan.posts.len() >= plan.lower_bound && plan.posts.len() <= 4);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn plan(&self, options: &PlanOptions) -> Result<Plan<'_>> {
        let r_full = options.range_m;
        if r_full.is_nan() || r_full <= 0.0 {
            return Err(Error::BadParameter {
                name: "range_m",
                value: r_full,
                expected: "a finite range greater than 0 m and below 10 000 km",
            });
        }
        check_range(r_full)?;
        let setback = match &options.setback {
            Some((s, party)) => {
                if !(s.is_finite() && *s >= 0.0 && *s < r_full - 1.0) {
                    return Err(Error::BadParameter {
                        name: "setback_m",
                        value: *s,
                        expected: "a finite set-back of at least 0 m and less than range_m − 1 m",
                    });
                }
                Some(Setback { metres: *s, party })
            }
            None => None,
        };
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        let s_m = setback.as_ref().map_or(0.0, |s| s.metres);
        let r_plan = r_full - s_m - MARGIN_M;

        let existing: Vec<(Coord<f64>, f64)> = if options.keep_existing {
            self.outpost_ranges(Some(r_full))?
        } else {
            Vec::new()
        };
        let index = self.border_index();
        let walker = Walker { map: self };
        let chains = chains(self);

        let covered = self.edge_coverage(&existing)?;
        let need: Vec<Vec<(f64, f64)>> = chains.iter().map(|c| uncovered(c, &covered)).collect();
        let lower_bound = packing_bound(&walker, &chains, &need, r_full);

        let mut posts: Vec<PlannedPost<'_>> = Vec::new();
        let mut next_id = 1usize;
        let mut all: Vec<(Coord<f64>, f64)> = existing.clone();
        // Longest lines first; each line then only needs what the posts
        // placed so far leave (short rings next to a long line often need
        // no post of their own).
        let mut order: Vec<usize> = (0..chains.len()).collect();
        order.sort_by(|&a, &b| chains[b].length.total_cmp(&chains[a].length));
        let mut need = need;
        for _round in 0..=MAX_ROUNDS {
            let mut placed_since = false;
            for &ci in &order {
                let chain = &chains[ci];
                if placed_since {
                    need[ci] = uncovered(chain, &self.edge_coverage(&all)?);
                    placed_since = false;
                }
                for Placed { point, t } in greedy(
                    &walker,
                    chain,
                    &need[ci],
                    r_plan,
                    setback.as_ref(),
                    options.on_border,
                )? {
                    let id = loop {
                        let id = format!("plan-{next_id:03}");
                        next_id += 1;
                        if self.get(&FeatureId::String(id.clone())).is_none() {
                            break id;
                        }
                    };
                    all.push((point, r_full));
                    placed_since = true;
                    let (border_point, setback_m) = match index.nearest_edge(point) {
                        Some(hit) => (hit.nearest.point, hit.nearest.distance_m),
                        None => (point, 0.0),
                    };
                    posts.push(PlannedPost {
                        id,
                        point,
                        border_point,
                        setback_m,
                        segment: walker.segment_of(chain, t).0,
                    });
                }
            }
            let check = self.edge_coverage(&all)?;
            need = chains.iter().map(|c| uncovered(c, &check)).collect();
            if need.iter().all(Vec::is_empty) {
                let coverage = self.coverage_by(&all)?;
                if coverage.is_complete() {
                    return Ok(Plan {
                        posts,
                        range_m: r_full,
                        setback_m: s_m,
                        existing: existing.len(),
                        lower_bound,
                        coverage,
                    });
                }
            }
        }
        // The construction covers every point up to rounding, and each round
        // re-plans what is left; failing three times means the range is too
        // small for the geometry's precision.
        Err(Error::BadParameter {
            name: "range_m",
            value: r_full,
            expected: "a range the planner can verify (the plan kept leaving gaps)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_parameters_are_rejected() {
        let map = BorderMap::from_path("data/hand-checkable.geojson").unwrap();
        for r in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                map.plan(&PlanOptions::new(r)),
                Err(Error::BadParameter {
                    name: "range_m",
                    ..
                })
            ));
        }
        for s in [1_000.0, 2_000.0, -1.0, f64::NAN] {
            assert!(matches!(
                map.plan(&PlanOptions::new(1_000.0).setback(s, "NOR")),
                Err(Error::BadParameter {
                    name: "setback_m",
                    ..
                })
            ));
        }
        assert!(matches!(
            map.plan(&PlanOptions::new(10_000.0).setback(100.0, "XXX")),
            Err(Error::BadParameter {
                name: "setback_party",
                ..
            })
        ));
    }
}
