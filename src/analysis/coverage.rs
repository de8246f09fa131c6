//! Do the outposts cover the whole border within their observation range, and
//! where are the gaps?
//!
//! A border point is **covered** when its geodesic distance on the WGS84
//! ellipsoid to some outpost is at most that outpost's range. For every border
//! segment the analysis returns the covered stretches and the gaps, measured in
//! metres along the segment from its start.
//!
//! # Units and assumptions
//!
//! - Positions are WGS84 longitude/latitude in degrees (`x` = lon, `y` = lat);
//!   ranges, lengths and offsets are metres along the ellipsoid; the border's
//!   edges are geodesics.
//! - Offsets along a segment are the cumulative geodesic length of its edges in
//!   order. For a MultiLineString, its line parts are measured **concatenated
//!   in order** (part 2 starts where part 1's length ends), so a gap never
//!   spans two parts but the offsets continue across them. A closed ring is
//!   measured from its first vertex: a gap through that vertex is reported as
//!   two gaps, one at the end and one at the start.
//! - Ranges are below a quarter meridian ([`MAX_RANGE_M`], 10 000 km). Then,
//!   along one geodesic edge (shorter than half a meridian), the distance to a
//!   post falls to its minimum at the foot of the perpendicular and rises on
//!   both sides of it, so the part of the edge within range of one post is a
//!   single interval around that foot.
//! - Stretches shorter than [`COVERAGE_TOLERANCE_M`] (1 µm) between covered
//!   parts, and points within that tolerance beyond a range, count as covered:
//!   they are rounding, not gaps (a post exactly one range away from a vertex
//!   must not leave a gap of 1e-9 m).
//!
//! # Method
//!
//! For each post, the border index ([`GeodesicIndex::edges_within`](crate::index::GeodesicIndex::edges_within))
//! yields the edges within range with the exact foot of the perpendicular
//! ([`crate::geodesy::GeodesicEdge::nearest`]). On each such edge, the two
//! ends of the interval are where the distance to the post equals the range:
//! each is found by a safeguarded Newton iteration on the arc length, seeded
//! from the spherical right triangle (cos R = cos d₀ · cos t), with the
//! derivative −cos ω (ω: angle between the edge and the direction to the
//! post, from the inverse solution) and bisection inside the bracket as a
//! fallback, to 1e-9 m. Intervals on an edge are merged over all posts, then
//! laid end to end along the segment. Interval ends are accurate to well
//! under a millimetre (where the range circle is tangent to an edge the
//! crossing is ill-conditioned: a distance error ε moves it by up to
//! √(2Rε), still about a millimetre for ε = 1e-10 m and R = 8 km).
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let cov = map.coverage(None)?;
//! // data/README.md: 116 721.49 m of 221 893.88 m are covered
//! assert!((cov.covered_fraction - 0.526_023_938_235_602_5).abs() < 1e-9);
//! assert_eq!(cov.gaps.len(), 4);
//! let g = &cov.gaps[0];
//! assert_eq!(g.segment.id().to_string(), "seg-a");
//! assert!((g.from_m - 55_659.745_396_636_785).abs() < 1e-6);
//! # Ok::<(), demarcate::Error>(())
//! ```

use geo_types::Coord;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::geodesy::root::Bracket;
use crate::geodesy::{EdgeNearest, GeodesicEdge, MEAN_RADIUS_M};
use crate::model::{BorderMap, BorderSegment};

/// Gaps shorter than this (metres), and points this little beyond a range,
/// count as covered: they are floating-point rounding, not gaps.
pub const COVERAGE_TOLERANCE_M: f64 = 1e-6;

/// The largest usable range, metres: just under a quarter meridian
/// (10 001 966 m), so that each post covers one interval per edge.
pub const MAX_RANGE_M: f64 = 10_000_000.0;

/// Root-finding tolerance on the arc length, metres.
const ROOT_TOL_M: f64 = 1e-9;
/// Iteration cap for the root finding (Newton needs 2–4 steps, bisection ~60).
const MAX_ITER: usize = 200;
/// Radius used only to seed the root finding, metres.
const SEED_RADIUS_M: f64 = MEAN_RADIUS_M;

/// A stretch along a segment, metres from the segment's start.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Span {
    /// Start, metres along the segment from its first vertex.
    pub from_m: f64,
    /// End, metres along the segment from its first vertex (≥ `from_m`).
    pub to_m: f64,
}

impl Span {
    /// Its length, metres.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// Offsets along a segment, parts concatenated in order.
    pub fn length_m(&self) -> f64 {
        self.to_m - self.from_m
    }
}

/// How much of one border segment is covered.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SegmentCoverage<'a> {
    /// The segment.
    pub segment: BorderSegment<'a>,
    /// Its geodesic length (line parts concatenated in order), metres.
    pub length_m: f64,
    /// The covered length, metres (`length_m` minus the gaps).
    pub covered_m: f64,
    /// The covered stretches, in order, metres along the segment.
    pub covered: Vec<Span>,
    /// The uncovered stretches, in order, metres along the segment.
    pub gaps: Vec<Span>,
}

/// An uncovered stretch of a border segment.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Gap<'a> {
    /// The segment it lies on.
    pub segment: BorderSegment<'a>,
    /// Start, metres along the segment from its first vertex.
    pub from_m: f64,
    /// End, metres along the segment from its first vertex.
    pub to_m: f64,
    /// `to_m − from_m`, metres.
    pub length_m: f64,
}

/// The coverage of the whole border by a set of posts.
///
/// # Units
/// Metres along the WGS84 ellipsoid; offsets from each segment's first vertex
/// (see the [module docs](self) for MultiLineStrings and rings).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Coverage<'a> {
    /// Per segment, in [`BorderMap::segments`] order.
    pub segments: Vec<SegmentCoverage<'a>>,
    /// Covered border length, metres.
    pub covered_m: f64,
    /// Total border length, metres.
    pub total_m: f64,
    /// `covered_m / total_m` (1 for a border of zero length).
    pub covered_fraction: f64,
    /// Every gap, by segment then along it.
    pub gaps: Vec<Gap<'a>>,
}

impl Coverage<'_> {
    /// `true` when no gap is left.
    pub fn is_complete(&self) -> bool {
        self.gaps.is_empty()
    }

    /// The coverage as JSON, as `demarcate coverage` writes it:
    /// `covered_fraction`, `covered_m`, `total_m` and `gaps` (each with
    /// `segment`, `from_m`, `to_m`, `length_m`).
    ///
    /// # Units
    /// Metres along the WGS84 ellipsoid, from each segment's first vertex.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let json = map.coverage(None)?.to_json();
    /// assert_eq!(json["gaps"][0]["segment"], "seg-a");
    /// assert!(json["covered_fraction"].as_f64().unwrap() < 1.0);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "covered_fraction": self.covered_fraction,
            "covered_m": self.covered_m,
            "total_m": self.total_m,
            "gaps": self.gaps.iter().map(|g| serde_json::json!({
                "segment": serde_json::Value::from(g.segment.id().clone()),
                "from_m": g.from_m,
                "to_m": g.to_m,
                "length_m": g.length_m,
            })).collect::<Vec<_>>(),
        })
    }
}

impl BorderMap {
    /// The coverage of the border by the dataset's outposts, each with its
    /// `range_m`, or `default_range_m` when it has none.
    ///
    /// # Units
    /// Ranges and results in metres on the WGS84 ellipsoid; see the
    /// [module docs](crate::analysis::coverage) for the method and accuracy.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    /// Ranges below [`MAX_RANGE_M`]; see the module docs.
    ///
    /// # Errors
    /// [`Error::NoBorder`] without border segments; [`Error::NoRange`] for an
    /// outpost without `range_m` when no default is given;
    /// [`Error::BadParameter`] for a negative, non-finite or too large
    /// (≥ [`MAX_RANGE_M`]) range.
    ///
    /// # Examples
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// let cov = map.coverage(None)?; // every outpost has range_m 8000
    /// // the main and Nakhchivan lines are covered, two exclave rings are not
    /// assert!(cov.covered_fraction > 0.9 && cov.covered_fraction < 0.96);
    /// assert!(cov.gaps.iter().any(|g| g.segment.id().to_string() == "seg-15"));
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn coverage(&self, default_range_m: Option<f64>) -> Result<Coverage<'_>> {
        if let Some(r) = default_range_m {
            check_range(r)?;
        }
        let posts = self.outpost_ranges(default_range_m)?;
        self.coverage_by(&posts)
    }

    /// The coverage of the border by explicit posts: `(position, range_m)`,
    /// position lon/lat degrees, range metres. The dataset's own outposts are
    /// ignored (add them with [`Self::outpost_ranges`]).
    ///
    /// # Units
    ///
    /// Ranges and offsets metres along the WGS84 ellipsoid; posts lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    /// Ranges below [`MAX_RANGE_M`].
    ///
    /// # Errors
    /// [`Error::NoBorder`] without border segments; [`Error::InvalidPoint`]
    /// for a position that is not a lon/lat; [`Error::BadParameter`] for a
    /// negative, non-finite or too large range.
    ///
    /// # Examples
    /// ```
    /// use demarcate::BorderMap;
    /// use geo_types::coord;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// // one post at the shared vertex (11, 0), 0.25° of equator in range
    /// let r = 27_829.872_698_318_395;
    /// let cov = map.coverage_by(&[(coord! { x: 11.0, y: 0.0 }, r)])?;
    /// let seg_a = &cov.segments[0];
    /// assert_eq!(seg_a.covered.len(), 1);
    /// assert!((seg_a.covered_m - r).abs() < 1e-6);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn coverage_by(&self, posts: &[(Coord<f64>, f64)]) -> Result<Coverage<'_>> {
        let per_edge = self.edge_coverage(posts)?;
        Ok(self.assemble(&per_edge))
    }

    /// The dataset's outposts as `(position, range_m)` posts: each outpost's
    /// own `range_m`, else `default_range_m`.
    ///
    /// # Units
    ///
    /// Metres; positions lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// An outpost without `range_m` takes `default_range_m`.
    ///
    /// # Errors
    /// [`Error::NoRange`] for an outpost with neither.
    pub fn outpost_ranges(&self, default_range_m: Option<f64>) -> Result<Vec<(Coord<f64>, f64)>> {
        self.outposts()
            .map(|o| match o.range_m().or(default_range_m) {
                Some(r) => Ok((o.point().0, r)),
                None => Err(Error::NoRange {
                    id: o.id().clone(),
                    index: o.index(),
                }),
            })
            .collect()
    }

    /// Covered intervals per border edge (in
    /// [`GeodesicIndex::edges`](crate::index::GeodesicIndex::edges) order), in
    /// metres from the edge's start, sorted and merged.
    pub(crate) fn edge_coverage(
        &self,
        posts: &[(Coord<f64>, f64)],
    ) -> Result<Vec<Vec<(f64, f64)>>> {
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        for (i, (p, r)) in posts.iter().enumerate() {
            if !(p.x.is_finite()
                && p.y.is_finite()
                && (-180.0..=180.0).contains(&p.x)
                && (-90.0..=90.0).contains(&p.y))
            {
                return Err(Error::InvalidPoint {
                    index: Some(i),
                    lon: p.x,
                    lat: p.y,
                });
            }
            check_range(*r)?;
        }
        let index = self.border_index();
        let hits: Vec<(usize, f64, f64)> = posts
            .par_iter()
            .flat_map_iter(|&(p, r)| {
                index.edges_within(p, r).into_iter().map(move |hit| {
                    let edge = &index.edges()[hit.edge].edge;
                    let (lo, hi) = interval_on_edge(edge, p, r, &hit.nearest);
                    (hit.edge, lo, hi)
                })
            })
            .collect();
        let mut per_edge: Vec<Vec<(f64, f64)>> = vec![Vec::new(); index.edges().len()];
        for (e, lo, hi) in hits {
            per_edge[e].push((lo, hi));
        }
        for v in &mut per_edge {
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            *v = merge(std::mem::take(v));
        }
        Ok(per_edge)
    }

    /// Lays the per-edge intervals end to end along each segment.
    fn assemble(&self, per_edge: &[Vec<(f64, f64)>]) -> Coverage<'_> {
        let index = self.border_index();
        let edges = index.edges();
        let mut segments: Vec<SegmentCoverage<'_>> = self
            .segments()
            .map(|segment| SegmentCoverage {
                segment,
                length_m: 0.0,
                covered_m: 0.0,
                covered: Vec::new(),
                gaps: Vec::new(),
            })
            .collect();
        // Edges are stored segment by segment, parts and vertices in order.
        let mut raw: Vec<Vec<(f64, f64)>> = vec![Vec::new(); segments.len()];
        for (e, be) in edges.iter().enumerate() {
            let s = index.items()[be.line as usize].segment as usize;
            let offset = segments[s].length_m;
            let len = be.edge.length_m();
            for &(lo, hi) in &per_edge[e] {
                raw[s].push((offset + lo, offset + hi.min(len)));
            }
            segments[s].length_m = offset + len;
        }
        let mut gaps = Vec::new();
        let (mut covered_m, mut total_m) = (0.0, 0.0);
        for (sc, intervals) in segments.iter_mut().zip(raw) {
            let len = sc.length_m;
            let covered = merge(intervals);
            let mut cursor = 0.0;
            for &(lo, hi) in &covered {
                if lo - cursor > COVERAGE_TOLERANCE_M {
                    sc.gaps.push(Span {
                        from_m: cursor,
                        to_m: lo,
                    });
                }
                cursor = cursor.max(hi);
            }
            if len - cursor > COVERAGE_TOLERANCE_M {
                sc.gaps.push(Span {
                    from_m: cursor,
                    to_m: len,
                });
            }
            // Stretches within the tolerance of an end count as covered.
            sc.covered = covered
                .into_iter()
                .map(|(lo, hi)| Span {
                    from_m: if lo <= COVERAGE_TOLERANCE_M { 0.0 } else { lo },
                    to_m: if len - hi <= COVERAGE_TOLERANCE_M {
                        len
                    } else {
                        hi
                    },
                })
                .collect();
            let gap_m: f64 = sc.gaps.iter().map(Span::length_m).sum();
            sc.covered_m = (len - gap_m).max(0.0);
            covered_m += sc.covered_m;
            total_m += len;
            gaps.extend(sc.gaps.iter().map(|g| Gap {
                segment: sc.segment,
                from_m: g.from_m,
                to_m: g.to_m,
                length_m: g.length_m(),
            }));
        }
        Coverage {
            segments,
            covered_m,
            total_m,
            covered_fraction: if total_m > 0.0 {
                covered_m / total_m
            } else {
                1.0
            },
            gaps,
        }
    }
}

/// Rejects a range that is negative, non-finite or too large.
pub(crate) fn check_range(r: f64) -> Result<()> {
    if r.is_finite() && (0.0..MAX_RANGE_M).contains(&r) {
        Ok(())
    } else {
        Err(Error::BadParameter {
            name: "range_m",
            value: r,
            expected: "a finite range of at least 0 m and below 10 000 km",
        })
    }
}

/// Merges sorted intervals that overlap or lie within the tolerance.
fn merge(sorted: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(sorted.len());
    for (lo, hi) in sorted {
        match out.last_mut() {
            Some(last) if lo - last.1 <= COVERAGE_TOLERANCE_M => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// The interval of edge `edge` within `r` metres of `p`, given the exact
/// nearest point (whose distance is ≤ `r`).
fn interval_on_edge(edge: &GeodesicEdge, p: Coord<f64>, r: f64, foot: &EdgeNearest) -> (f64, f64) {
    let len = edge.length_m();
    if len.is_nan() || len <= 0.0 {
        return (0.0, 0.0);
    }
    let s0 = foot.along_m.clamp(0.0, len);
    let d0 = foot.distance_m;
    // spherical half-width of the interval around the foot, as a seed
    let t = {
        let c = (r / SEED_RADIUS_M).cos() / (d0 / SEED_RADIUS_M).cos();
        SEED_RADIUS_M * c.clamp(-1.0, 1.0).acos()
    };
    let lo = if crate::geodesy::distance_m(edge.a(), p) <= r + COVERAGE_TOLERANCE_M {
        0.0
    } else {
        crossing(edge, p, r, s0, 0.0, s0 - t)
    };
    let hi = if crate::geodesy::distance_m(edge.b(), p) <= r + COVERAGE_TOLERANCE_M {
        len
    } else {
        crossing(edge, p, r, s0, len, s0 + t)
    };
    (lo.min(hi), hi.max(lo))
}

/// The arc length between `inside` (distance ≤ r) and `outside` (> r) where
/// the distance to `p` equals `r`: safeguarded Newton from `seed`, bisection
/// in the bracket when a step leaves it. Returns a point on the inside of the
/// crossing to within [`ROOT_TOL_M`].
fn crossing(
    edge: &GeodesicEdge,
    p: Coord<f64>,
    r: f64,
    inside: f64,
    outside: f64,
    seed: f64,
) -> f64 {
    // distance − r: ≤ 0 at `inside`, > 0 at `outside`
    let mut bracket = Bracket::known(inside, outside);
    let mut s = bracket.next(seed);
    for _ in 0..MAX_ITER {
        if bracket.width() <= ROOT_TOL_M {
            break;
        }
        let (d, slope) = edge.distance_and_slope(s, p);
        if d.is_nan() {
            break;
        }
        let g = d - r;
        if g == 0.0 {
            return s;
        }
        bracket.record(s, g);
        let next = s - g / slope;
        if bracket.contains(next) && (next - s).abs() <= ROOT_TOL_M {
            // Newton has converged (quadratically): `next` is the root
            return next;
        }
        s = bracket.next(next);
    }
    bracket.neg()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::coord;

    #[test]
    fn crossing_on_the_equator_is_the_range() {
        // Post on the equator at lon 10.5: the crossing is exactly R away.
        let edge = GeodesicEdge::new(coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 });
        let p = coord! { x: 10.5, y: 0.0 };
        let n = edge.nearest(p);
        let r = 10_000.0;
        let (lo, hi) = interval_on_edge(&edge, p, r, &n);
        let half = edge.length_m() / 2.0;
        assert!((lo - (half - r)).abs() < 1e-8, "{lo}");
        assert!((hi - (half + r)).abs() < 1e-8, "{hi}");
    }

    #[test]
    fn tangent_and_off_line_posts() {
        // A post 0.1° north of the equator, range just above the meridian arc
        // (11 057.427 694 902 271 m, GeographicLib): a short interval.
        let edge = GeodesicEdge::new(coord! { x: 10.0, y: 0.0 }, coord! { x: 11.0, y: 0.0 });
        let p = coord! { x: 10.5, y: 0.1 };
        let n = edge.nearest(p);
        let r = 11_057.427_694_902_271 + 1.0;
        let (lo, hi) = interval_on_edge(&edge, p, r, &n);
        for s in [lo, hi] {
            let (x, _) = edge.point_at(s);
            let d = crate::geodesy::distance_m(x, p);
            assert!((d - r).abs() < 1e-7, "{d}");
        }
        // symmetric about lon 10.5, ~2·√(2·R·1 m) long
        assert!(((lo + hi) / 2.0 - edge.length_m() / 2.0).abs() < 1e-6);
        assert!(
            (hi - lo - 2.0 * (2.0 * r).sqrt()).abs() < 2.0,
            "{}",
            hi - lo
        );
    }

    #[test]
    fn ranges_are_checked() {
        for r in [-1.0, f64::NAN, f64::INFINITY, MAX_RANGE_M] {
            assert!(matches!(check_range(r), Err(Error::BadParameter { .. })));
        }
        assert!(check_range(0.0).is_ok());
        assert_eq!(
            merge(vec![(0.0, 1.0), (1.0 + 1e-7, 2.0), (3.0, 4.0)]),
            vec![(0.0, 2.0), (3.0, 4.0)]
        );
    }
}
