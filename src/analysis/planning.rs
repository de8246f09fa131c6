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

use std::collections::HashMap;

use geo_types::{Coord, Geometry, Point};
use serde_json::{Value, json};

use super::coverage::{COVERAGE_TOLERANCE_M, Coverage, EdgeLine, check_range};
use crate::error::{Error, Result};
use crate::geodesy::{destination, distance_m, ecef};
use crate::model::{BorderMap, BorderSegment, Feature, FeatureId, Party};

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

/// One edge of a connected line, in the line's direction.
#[derive(Debug, Clone, Copy)]
struct ChainEdge {
    /// Index in [`crate::index::BorderIndex::edges`].
    edge: usize,
    /// Traversed from b to a.
    rev: bool,
    /// Offset of its start along the line, metres.
    start: f64,
    len: f64,
}

/// A connected line of border edges.
#[derive(Debug, Clone)]
struct Chain {
    edges: Vec<ChainEdge>,
    length: f64,
}

impl Chain {
    fn locate(&self, t: f64) -> (usize, f64) {
        let k = self
            .edges
            .partition_point(|e| e.start <= t)
            .saturating_sub(1)
            .min(self.edges.len() - 1);
        (k, (t - self.edges[k].start).clamp(0.0, self.edges[k].len))
    }

    /// Vertex offsets: the start of each edge and the end of the line.
    fn vertices(&self) -> impl Iterator<Item = f64> + '_ {
        self.edges
            .iter()
            .map(|e| e.start)
            .chain(std::iter::once(self.length))
    }
}

/// Positions along chains.
struct Walker<'m> {
    map: &'m BorderMap,
    lines: Vec<EdgeLine>,
}

impl<'m> Walker<'m> {
    /// Point at `t` along the chain, and the chain's azimuth there (degrees).
    fn at(&self, chain: &Chain, t: f64) -> (Coord<f64>, f64) {
        let (k, s) = chain.locate(t);
        let ce = chain.edges[k];
        let line = &self.lines[ce.edge];
        if ce.rev {
            let (p, azi) = line.at(ce.len - s);
            (p, azi + 180.0)
        } else {
            line.at(s)
        }
    }

    fn point(&self, chain: &Chain, t: f64) -> Coord<f64> {
        self.at(chain, t).0
    }

    fn segment_of(&self, chain: &Chain, t: f64) -> (BorderSegment<'m>, bool) {
        let (k, _) = chain.locate(t);
        let ce = chain.edges[k];
        let s = self.map.border_index().item_of(ce.edge).segment as usize;
        (
            self.map.segment_at(s).expect("indexed segment exists"),
            ce.rev,
        )
    }
}

/// The border's line parts joined into connected lines.
fn chains(map: &BorderMap) -> Vec<Chain> {
    let edges = map.border_index().edges();
    // line parts as runs of edges
    let mut parts: Vec<(usize, usize)> = Vec::new(); // [first, last] edge
    for (i, e) in edges.iter().enumerate() {
        match parts.last_mut() {
            Some(p) if edges[p.1].line == e.line => p.1 = i,
            _ => parts.push((i, i)),
        }
    }
    type Key = (u64, u64);
    let key = |c: Coord<f64>| -> Key { ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits()) };
    let ends: Vec<(Key, Key)> = parts
        .iter()
        .map(|&(f, l)| (key(edges[f].edge.a()), key(edges[l].edge.b())))
        .collect();
    let mut incident: HashMap<Key, Vec<(usize, bool)>> = HashMap::new();
    for (p, &(s, e)) in ends.iter().enumerate() {
        incident.entry(s).or_default().push((p, true));
        incident.entry(e).or_default().push((p, false));
    }
    let mut used = vec![false; parts.len()];
    let mut out = Vec::new();
    let walk = |mut p: usize, mut from_start: bool, used: &mut Vec<bool>| {
        let mut ce: Vec<ChainEdge> = Vec::new();
        let mut t = 0.0;
        loop {
            used[p] = true;
            let (f, l) = parts[p];
            let ids: Vec<usize> = if from_start {
                (f..=l).collect()
            } else {
                (f..=l).rev().collect()
            };
            for i in ids {
                let len = edges[i].edge.length_m();
                let len = if len.is_finite() { len } else { 0.0 };
                ce.push(ChainEdge {
                    edge: i,
                    rev: !from_start,
                    start: t,
                    len,
                });
                t += len;
            }
            let node = if from_start { ends[p].1 } else { ends[p].0 };
            let inc = &incident[&node];
            if inc.len() != 2 {
                break;
            }
            match inc.iter().find(|(q, _)| !used[*q]) {
                Some(&(q, is_start)) => {
                    p = q;
                    from_start = is_start;
                }
                None => break,
            }
        }
        Chain {
            edges: ce,
            length: t,
        }
    };
    for p in 0..parts.len() {
        for (node, from_start) in [(ends[p].0, true), (ends[p].1, false)] {
            if !used[p] && incident[&node].len() != 2 {
                out.push(walk(p, from_start, &mut used));
            }
        }
    }
    for p in 0..parts.len() {
        if !used[p] {
            out.push(walk(p, true, &mut used));
        }
    }
    out
}

/// The stretches of a chain not covered (per-edge covered intervals given),
/// merged, in chain offsets.
fn uncovered(chain: &Chain, covered: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    // A line of zero length (all its vertices coincide, or lie within the
    // tolerance) is still a border point to cover: it needs a post unless one
    // is within range of it (its edges then carry an interval).
    if chain.length <= COVERAGE_TOLERANCE_M {
        let reached = chain.edges.iter().any(|ce| !covered[ce.edge].is_empty());
        return if reached {
            Vec::new()
        } else {
            vec![(0.0, 0.0)]
        };
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    for ce in &chain.edges {
        let mut ivs: Vec<(f64, f64)> = covered[ce.edge]
            .iter()
            .map(|&(lo, hi)| {
                if ce.rev {
                    (ce.len - hi.min(ce.len), ce.len - lo)
                } else {
                    (lo, hi.min(ce.len))
                }
            })
            .collect();
        ivs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cursor = 0.0;
        let mut push = |from: f64, to: f64| {
            let (from, to) = (ce.start + from, ce.start + to);
            match out.last_mut() {
                Some(last) if from - last.1 <= COVERAGE_TOLERANCE_M => last.1 = to,
                _ => out.push((from, to)),
            }
        };
        for (lo, hi) in ivs {
            if lo - cursor > COVERAGE_TOLERANCE_M {
                push(cursor, lo);
            }
            cursor = f64::max(cursor, hi);
        }
        if ce.len - cursor > COVERAGE_TOLERANCE_M {
            push(cursor, ce.len);
        }
    }
    out
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
        let walker = Walker {
            map: self,
            lines: index
                .edges()
                .iter()
                .map(|e| EdgeLine::new(&e.edge))
                .collect(),
        };
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

/// One post placed by [`greedy`].
struct Placed {
    /// Where it stands.
    point: Coord<f64>,
    /// Offset along the chain of the border point it was planned from, metres.
    t: f64,
}

/// Greedy cover of the stretches `need` of one chain.
fn greedy(
    w: &Walker<'_>,
    chain: &Chain,
    need: &[(f64, f64)],
    r: f64,
    setback: Option<&Setback<'_>>,
    on_border: bool,
) -> Result<Vec<Placed>> {
    let mut out = Vec::new();
    if need.is_empty() || chain.edges.is_empty() {
        return Ok(out);
    }
    // Points where the distance to a post can peak over what needs covering:
    // vertices inside the need, and the ends of its stretches.
    let mut marks: Vec<f64> = chain
        .vertices()
        .filter(|&v| need.iter().any(|&(a, b)| a <= v && v <= b))
        .chain(need.iter().flat_map(|&(a, b)| [a, b]))
        .collect();
    marks.sort_by(f64::total_cmp);
    marks.dedup();
    // Candidate ends for the scan: every vertex and every mark.
    let mut stops: Vec<f64> = chain.vertices().chain(marks.iter().copied()).collect();
    stops.sort_by(f64::total_cmp);
    stops.dedup();

    let mut u = need[0].0;
    loop {
        let u_pt = w.point(chain, u);
        // the farthest point of what needs covering in [u, t] from P(t)
        let reach = |t: f64| -> f64 {
            let p = w.point(chain, t);
            let lo = marks.partition_point(|&m| m <= u);
            let hi = marks.partition_point(|&m| m <= t);
            marks[lo..hi]
                .iter()
                .map(|&m| distance_m(p, w.point(chain, m)))
                .fold(distance_m(p, u_pt), f64::max)
        };
        // With free positions (no set-back, not on the line), the post is the
        // geodesic 1-centre of the stretch [u, t]: its radius only grows with
        // t, so the scan finds the farthest t a single post can reach.
        let centre = |t: f64| -> (Coord<f64>, f64) {
            let lo = marks.partition_point(|&m| m <= u);
            let hi = marks.partition_point(|&m| m <= t);
            let mut pts: Vec<Coord<f64>> = Vec::with_capacity(hi - lo + 2);
            pts.push(u_pt);
            pts.extend(marks[lo..hi].iter().map(|&m| w.point(chain, m)));
            pts.push(w.point(chain, t));
            one_centre(&pts)
        };
        let free = setback.is_none() && !on_border;
        let ok = |t: f64| -> bool {
            if free {
                centre(t).1 <= r
            } else {
                reach(t) <= r
            }
        };
        // scan forward: the condition holds on [u, t_ok]
        // The condition holds on an interval [u, t*] (quasi-convexity, or a
        // monotone 1-centre radius), so the last stop that passes is found by
        // galloping then bisecting over the stops: O(log k) checks, not k.
        let first = stops.partition_point(|&b| b <= u);
        let ahead = &stops[first..];
        let mut good: Option<usize> = None;
        let mut bad: Option<usize> = None;
        let mut i = 0usize;
        while i < ahead.len() {
            if ok(ahead[i]) {
                good = Some(i);
                if i + 1 == ahead.len() {
                    break;
                }
                i = (2 * i + 1).min(ahead.len() - 1);
            } else {
                bad = Some(i);
                break;
            }
        }
        if let Some(mut hi) = bad {
            let mut lo = good.map_or(0, |g| g + 1);
            // invariant: every stop before `lo` passes, `hi` fails
            while lo < hi {
                let mid = (lo + hi) / 2;
                if ok(ahead[mid]) {
                    good = Some(mid);
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            bad = Some(hi);
        }
        let t_ok = good.map_or(u, |g| ahead[g]);
        let mut t_best = chain.length;
        if let Some(b) = bad {
            // the boundary inside (t_ok, b)
            let (mut lo, mut hi) = (t_ok, ahead[b]);
            while hi - lo > BISECT_TOL_M {
                let mid = 0.5 * (lo + hi);
                if ok(mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            t_best = lo;
        }
        if t_ok >= chain.length {
            t_best = chain.length;
        }
        // the post position (with set-back), possibly moved back
        let (t, border_point, post) = match setback {
            None if free => (t_best, w.point(chain, t_best), centre(t_best).0),
            None => (t_best, w.point(chain, t_best), w.point(chain, t_best)),
            Some(sb) => place_setback(w, chain, u, t_best, r, sb, &reach)?,
        };
        out.push(Placed { point: post, t });
        // how far the post covers beyond t (from its border point, range r;
        // from the post itself when it stands freely)
        let from = if free { post } else { border_point };
        let v = forward_reach(w, chain, need, &marks, from, t, r);
        match v {
            None => break,
            Some(v) => {
                // next: the first point still needed at or after v
                match need.iter().find(|&&(_, b)| b > v) {
                    Some(&(a, _)) => u = a.max(v),
                    None => break,
                }
            }
        }
    }
    Ok(out)
}

/// The first needed point after `t` farther than `r` from `p` (to within the
/// bisection tolerance, on its near side), or `None` if the rest is covered.
fn forward_reach(
    w: &Walker<'_>,
    chain: &Chain,
    need: &[(f64, f64)],
    marks: &[f64],
    p: Coord<f64>,
    t: f64,
    r: f64,
) -> Option<f64> {
    // sub-pieces of the need beyond t, split at the marks (vertices, ends)
    let start = marks.partition_point(|&m| m <= t);
    let mut prev = t;
    let mut d_prev = distance_m(p, w.point(chain, t));
    for &m in &marks[start..] {
        let inside = need.iter().any(|&(a, b)| a <= prev && m <= b && prev < m);
        let d_m = distance_m(p, w.point(chain, m));
        if inside {
            if d_prev > r {
                return Some(prev);
            }
            if d_m > r {
                let (mut lo, mut hi) = (prev, m);
                while hi - lo > BISECT_TOL_M {
                    let mid = 0.5 * (lo + hi);
                    if distance_m(p, w.point(chain, mid)) <= r {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return Some(lo);
            }
        } else if d_m > r && need.iter().any(|&(a, _)| a == m) {
            // a new needed stretch starts out of reach
            return Some(m);
        }
        prev = m;
        d_prev = d_m;
    }
    None
}

/// A set-back position for a post planned at `t_best`: perpendicular to the
/// line, into the party's side, exactly `s` from the border; moved back along
/// the line towards `u` while that fails. Returns (offset along the line,
/// border point, post position).
fn place_setback(
    w: &Walker<'_>,
    chain: &Chain,
    u: f64,
    t_best: f64,
    r: f64,
    sb: &Setback<'_>,
    reach: &dyn Fn(f64) -> f64,
) -> Result<(f64, Coord<f64>, Coord<f64>)> {
    if sb.metres == 0.0 {
        let p = w.point(chain, t_best);
        return Ok((t_best, p, p));
    }
    let step = (r / 50.0).clamp(1.0, 250.0);
    // (border point, azimuth of the set-back) at each usable offset
    let mut tried: Vec<(f64, Coord<f64>, f64)> = Vec::new();
    let probe = |p: Coord<f64>, azi: f64, s: f64| -> Option<(Coord<f64>, f64)> {
        let q = destination(p, azi, s);
        let d = w.map.distance_to_border(q).ok()?;
        (d.side == Some(sb.party)).then_some((q, d.distance_m))
    };
    let mut t = t_best;
    loop {
        if t == t_best || reach(t) <= r {
            let (seg, rev) = w.segment_of(chain, t);
            let left = if seg.left() == sb.party {
                !rev
            } else if seg.right() == sb.party {
                rev
            } else {
                return Err(Error::BadParameter {
                    name: "setback_party",
                    value: f64::NAN,
                    expected: "a party on the left or right of every segment that needs a post",
                });
            };
            let (p, azi) = perpendicular(w, chain, t);
            let azi = if left { azi - 90.0 } else { azi + 90.0 };
            if let Some((q, d)) = probe(p, azi, sb.metres)
                && d >= sb.metres - SETBACK_TOL_M
            {
                return Ok((t, p, q));
            }
            tried.push((t, p, azi));
        }
        if t <= u {
            break;
        }
        t = (t - step).max(u);
    }
    // No offset between u and t_best takes the full set-back (the party's
    // land there is narrower, e.g. a small exclave): stand as far in as the
    // perpendicular allows, at the offset where that is farthest. Any
    // set-back up to `s` keeps the coverage (triangle inequality).
    let mut best = (t_best, w.point(chain, t_best), w.point(chain, t_best), 0.0);
    for &(t, p, azi) in &tried {
        let (mut lo, mut hi) = (0.0, sb.metres);
        let mut found: Option<(Coord<f64>, f64)> = None;
        for _ in 0..30 {
            let mid = 0.5 * (lo + hi);
            match probe(p, azi, mid) {
                Some((q, d)) if d >= mid - SETBACK_TOL_M => {
                    lo = mid;
                    found = Some((q, d));
                }
                _ => hi = mid,
            }
        }
        if let Some((q, d)) = found
            && d > best.3
        {
            best = (t, p, q, d);
        }
    }
    Ok((best.0, best.1, best.2))
}

/// The geodesic 1-centre of a few points (lon/lat): the point minimising the
/// largest distance to them, and that distance (metres, exact for the point
/// returned). Solved as a planar smallest enclosing circle (Welzl's
/// incremental algorithm, in a fixed shuffled order) in the azimuthal
/// equidistant projection around the current estimate, three times, so that
/// the projection's distortion at the answer vanishes.
fn one_centre(pts: &[Coord<f64>]) -> (Coord<f64>, f64) {
    use geographiclib_rs::InverseGeodesic;
    let g = crate::geodesy::wgs84();
    let mut c = pts[0];
    // a fixed pseudo-random order (expected linear time, deterministic)
    let mut order: Vec<usize> = (0..pts.len()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..order.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }
    for _ in 0..3 {
        let xy: Vec<[f64; 2]> = order
            .iter()
            .map(|&i| {
                let p = pts[i];
                let (s12, azi1, _, _): (f64, f64, f64, f64) = g.inverse(c.y, c.x, p.y, p.x);
                let (sa, ca) = azi1.to_radians().sin_cos();
                [s12 * sa, s12 * ca]
            })
            .collect();
        let ([x, y], _) = smallest_circle(&xy);
        let d = x.hypot(y);
        if !(d.is_finite()) {
            break;
        }
        if d > 0.0 {
            c = destination(c, x.atan2(y).to_degrees(), d);
        }
        if d < 1e-9 {
            break;
        }
    }
    let radius = pts.iter().map(|p| distance_m(c, *p)).fold(0.0, f64::max);
    (c, radius)
}

/// Smallest circle enclosing planar points (Welzl, incremental form):
/// centre and radius.
fn smallest_circle(p: &[[f64; 2]]) -> ([f64; 2], f64) {
    const EPS: f64 = 1e-7;
    let dist = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let mut c = p[0];
    let mut r = 0.0;
    for i in 1..p.len() {
        if dist(p[i], c) <= r + EPS {
            continue;
        }
        c = p[i];
        r = 0.0;
        for j in 0..i {
            if dist(p[j], c) <= r + EPS {
                continue;
            }
            c = [(p[i][0] + p[j][0]) / 2.0, (p[i][1] + p[j][1]) / 2.0];
            r = dist(p[i], p[j]) / 2.0;
            for k in 0..j {
                if dist(p[k], c) <= r + EPS {
                    continue;
                }
                (c, r) = circumcircle(p[i], p[j], p[k]);
            }
        }
    }
    (c, r)
}

/// The circle through three points; for (nearly) collinear points, the
/// circle on the farthest pair as diameter.
fn circumcircle(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> ([f64; 2], f64) {
    let (bx, by) = (b[0] - a[0], b[1] - a[1]);
    let (cx, cy) = (c[0] - a[0], c[1] - a[1]);
    let d = 2.0 * (bx * cy - by * cx);
    let dist = |u: [f64; 2], v: [f64; 2]| (u[0] - v[0]).hypot(u[1] - v[1]);
    let scale = (bx * bx + by * by).max(cx * cx + cy * cy);
    if d.abs() <= 1e-12 * scale {
        let pairs = [(a, b), (a, c), (b, c)];
        let (u, v) = pairs
            .into_iter()
            .max_by(|x, y| dist(x.0, x.1).total_cmp(&dist(y.0, y.1)))
            .expect("three pairs");
        return ([(u[0] + v[0]) / 2.0, (u[1] + v[1]) / 2.0], dist(u, v) / 2.0);
    }
    let b2 = bx * bx + by * by;
    let c2 = cx * cx + cy * cy;
    let ux = (cy * b2 - by * c2) / d;
    let uy = (bx * c2 - cx * b2) / d;
    let centre = [a[0] + ux, a[1] + uy];
    (centre, ux.hypot(uy))
}

/// The border point at `t` and the direction of the line there (degrees);
/// at a vertex, the mean of the directions of the two edges meeting there.
fn perpendicular(w: &Walker<'_>, chain: &Chain, t: f64) -> (Coord<f64>, f64) {
    let (p, azi) = w.at(chain, t);
    let (k, s) = chain.locate(t);
    let at_start = s <= 1e-9 && k > 0;
    let at_end = s >= chain.edges[k].len - 1e-9 && k + 1 < chain.edges.len();
    if !(at_start || at_end) {
        return (p, azi);
    }
    let (before, after) = if at_start { (k - 1, k) } else { (k, k + 1) };
    let in_azi = chain_edge_azimuth(w, &chain.edges[before], true);
    let out_azi = chain_edge_azimuth(w, &chain.edges[after], false);
    let diff = (out_azi - in_azi + 540.0).rem_euclid(360.0) - 180.0;
    (p, in_azi + diff / 2.0)
}

/// The azimuth of a chain edge, in the chain's direction, at its end
/// (`at_end`) or its start, degrees.
fn chain_edge_azimuth(w: &Walker<'_>, ce: &ChainEdge, at_end: bool) -> f64 {
    let line = &w.lines[ce.edge];
    let s = if at_end != ce.rev { ce.len } else { 0.0 };
    let azi = line.at(s).1;
    if ce.rev { azi + 180.0 } else { azi }
}

/// Greedy packing of needed border points pairwise more than 2R apart.
fn packing_bound(w: &Walker<'_>, chains: &[Chain], need: &[Vec<(f64, f64)>], r: f64) -> usize {
    let step = (r / 20.0).min(250.0);
    let sep = 2.0 * r * (1.0 + 1e-9) + 1e-6;
    let mut chosen: Vec<(Coord<f64>, [f64; 3])> = Vec::new();
    for (chain, stretches) in chains.iter().zip(need) {
        for &(a, b) in stretches {
            let n = ((b - a) / step).ceil().max(1.0) as usize;
            for i in 0..=n {
                let t = a + (b - a) * i as f64 / n as f64;
                let p = w.point(chain, t);
                let e = ecef(p);
                let far = chosen.iter().all(|(c, ce)| {
                    let chord =
                        ((e[0] - ce[0]).powi(2) + (e[1] - ce[1]).powi(2) + (e[2] - ce[2]).powi(2))
                            .sqrt();
                    // the chord never exceeds the geodesic distance
                    chord > sep || distance_m(p, *c) > sep
                });
                if far {
                    chosen.push((p, e));
                }
            }
        }
    }
    chosen.len()
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

    #[test]
    fn one_centre_of_equator_points() {
        use geo_types::coord;
        // a·π/180: one degree of the equator
        let deg = 6_378_137.0 * std::f64::consts::PI / 180.0;
        let (c, r) = one_centre(&[coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 }]);
        assert!((c.x - 10.5).abs() < 1e-9 && c.y.abs() < 1e-9, "{c:?}");
        assert!((r - deg / 2.0).abs() < 1e-6);
        // a point inside the circle on the two ends changes nothing
        let (c2, r2) = one_centre(&[
            coord! { x: 10.0, y: 0.0 },
            coord! { x: 10.5, y: 0.1 },
            coord! { x: 11.0, y: 0.0 },
        ]);
        assert!((c2.x - c.x).abs() < 1e-9 && (r2 - r).abs() < 1e-6);
        // planar circles: the right triangle's hypotenuse is the diameter
        let (pc, pr) = smallest_circle(&[[0.0, 0.0], [4.0, 0.0], [0.0, 3.0], [1.0, 1.0]]);
        assert!(
            (pc[0] - 2.0).abs() < 1e-12 && (pc[1] - 1.5).abs() < 1e-12 && (pr - 2.5).abs() < 1e-12
        );
        // collinear points
        let (_, pr) = circumcircle([0.0, 0.0], [1.0, 0.0], [3.0, 0.0]);
        assert!((pr - 1.5).abs() < 1e-12);
    }

    #[test]
    fn chains_join_the_hand_segments() {
        let map = BorderMap::from_path("data/hand-checkable.geojson").unwrap();
        let c = chains(&map);
        assert_eq!(c.len(), 1, "seg-a and seg-b share (11, 0)");
        assert!((c[0].length - 221_893.879_351_072_36).abs() < 1e-6);
        let seed = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson").unwrap();
        // main line, Nakhchivan line, three exclave rings
        assert_eq!(chains(&seed).len(), 5);
    }
}
