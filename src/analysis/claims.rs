//! Where do the parties' claim lines diverge, and what area lies between
//! them?
//!
//! For every border segment with claim lines (`claim_line` features whose
//! `segment` property names it), each pair of claim lines by different
//! claimants gives a [`ClaimDivergence`]: the polygons enclosed between the
//! two lines with their geodesic area, and the largest divergence, the
//! geodesic Hausdorff distance between the lines, with where it occurs.
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees (`x` = lon); edges
//! between consecutive vertices are geodesics. Distances are metres along the
//! WGS84 ellipsoid, areas square metres (GeographicLib polygon areas).
//!
//! # The area between two claims
//!
//! See [`region_between`]: each claim line is made one path (the parts of a
//! MultiLineString joined in order by geodesics), the second is reversed if
//! that brings its ends nearer to the first's, and the ring *line a, then
//! line b backwards* is closed by geodesics from the end of a to the end of b
//! and from the start of b to the start of a (no connector where the ends
//! coincide, the usual case of claims that leave the border at the same two
//! points). The ring is projected into a local plane about its centre
//! ([`crate::geodesy::LocalPlane`]), where its geodesic edges are straight to
//! a micrometre, and its self-intersections are resolved there with the
//! non-zero winding rule: the region
//! between the claims is every point the ring winds around, which is every
//! bounded face of the two lines (and connectors) when neither line crosses
//! itself, however often the lines cross each other. Stretches where the two
//! lines coincide enclose nothing. Faces below [`MIN_FACE_M2`] (numerical
//! slivers) are dropped.
//!
//! Accuracy: the lines' vertices come back exactly as given, the points
//! where long edges were split lie on their geodesics (to GeographicLib's
//! ~15 nm), and the crossings of two edges are those of the projected
//! geodesics, which are straight to
//! [`STRAIGHT_TOLERANCE_M`](crate::analysis::STRAIGHT_TOLERANCE_M) (1 µm); the area
//! is GeographicLib's polygon area of the result. A ring reaching farther
//! than [`MAX_RADIUS_M`] from its centre is an [`Error::TooLarge`]; across
//! the antimeridian or around a pole nothing is special. Against an
//! independent computation (shapely polygonize of 10 m densified lines,
//! GeographicLib areas) the bundled claims agree to 2.6e-4 m² (9e-12
//! relative); see
//! `tests/reference/README.md`.
//!
//! # The largest divergence
//!
//! See [`hausdorff`]: the geodesic Hausdorff distance, the larger of the two
//! directed distances `max over p on one line of min over q on the other of
//! dist(p, q)`, where the maximum may lie inside an edge. It is found by
//! branch and bound along each edge of the "from" line. On a stretch of
//! length `L` with end values `f0`, `f1`, the distance to the other line
//! cannot exceed `(f0 + f1 + L) / 2` (it is 1-Lipschitz in arc length), nor
//! the larger end value of the distance `g` to the other line's edge nearest
//! to either end, plus a curvature allowance (`g` is convex along a line in
//! the plane; on the ellipsoid it bends by at most about `K·g·L²/8`, K the
//! Gaussian curvature, and four times that is allowed). Stretches whose bound
//! cannot beat the best value found by more than [`HAUSDORFF_TOL_M`] are
//! dropped, the others halved, best bound first. Each distance to the other
//! line is exact (nearest point on a geodesic edge,
//! [`GeodesicEdge::nearest`], over an R-tree of edges). The convexity bound
//! is what makes near-parallel stretches cheap (the Lipschitz bound alone
//! would halve them down to millimetres) and drops shared edges at once.
//!
//! Accuracy: the value is attained (a lower bound, exact to the nearest-point
//! solver's ~1e-9 m) and within [`HAUSDORFF_TOL_M`] (1 mm) of the certified
//! upper bound, [`Hausdorff::upper_bound_m`]. The place where it is attained
//! is as well defined as the maximum is sharp: where two lines run parallel
//! to a millimetre over kilometres, any point of that stretch is an answer.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use geo_types::{Coord, LineString, MultiPolygon};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::error::{Error, Result};
use crate::geodesy::{GeodesicEdge, MAX_RADIUS_M, distance_m, geodesic_area_m2};
use crate::index::GeodesicIndex;
use crate::model::{BorderMap, BorderSegment, ClaimLine};
use crate::polygon::clip::{TooFar, wound_region};

/// The Hausdorff distance is certified to within this many metres (unless
/// the evaluation budget [`HAUSDORFF_MAX_EVALS`] runs out first; see
/// [`Hausdorff::upper_bound_m`]).
pub const HAUSDORFF_TOL_M: f64 = 1e-3;

/// At most this many distance evaluations per direction in [`hausdorff`].
/// Only lines that run at a near-constant distance from each other for tens
/// of kilometres need that many; the bound then says how close the answer is.
pub const HAUSDORFF_MAX_EVALS: usize = 1 << 21;

/// Faces of the region between two claims smaller than this (square metres)
/// are numerical slivers and dropped.
pub const MIN_FACE_M2: f64 = 1e-3;

/// Two points closer than this (metres) are the same point (a stretch whose
/// ends lie this close to one edge of the other line is on that edge).
const SAME_POINT_M: f64 = 1e-6;

/// The largest divergence between two lines: the geodesic Hausdorff distance
/// and where it is attained.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Hausdorff {
    /// The Hausdorff distance, metres (a lower bound, attained at
    /// [`Self::from`]).
    pub distance_m: f64,
    /// Certified upper bound, metres: the exact Hausdorff distance lies in
    /// [`Self::distance_m`, `upper_bound_m`]. Within [`HAUSDORFF_TOL_M`] of
    /// `distance_m` unless the evaluation budget ran out.
    pub upper_bound_m: f64,
    /// The point (lon/lat degrees) of one line farthest from the other line.
    pub from: Coord<f64>,
    /// Its nearest point on the other line (lon/lat degrees).
    pub to: Coord<f64>,
    /// `true` when [`Self::from`] lies on the first line given (`a`), `false`
    /// when on the second.
    pub from_a: bool,
}

/// What lies between two claim lines on one border segment.
///
/// Serializes (serde) without the polygons, as `{"segment", "a",
/// "a_claimant", "b", "b_claimant", "area_m2", "hausdorff_m",
/// "hausdorff_upper_m", "hausdorff_from": [lon, lat], "hausdorff_to": [lon,
/// lat], "hausdorff_on"}` where `a`/`b` are the claim lines' feature ids (or
/// null) and `hausdorff_on` is `"a"` or `"b"`, the line `hausdorff_from`
/// lies on: the shape of the `claims` entries of `demarcate report`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClaimDivergence<'a> {
    /// The contested segment.
    pub segment: BorderSegment<'a>,
    /// The first claim line (earlier in the file).
    pub a: ClaimLine<'a>,
    /// The second claim line (by another claimant).
    pub b: ClaimLine<'a>,
    /// The region enclosed between the two lines, lon/lat degrees (see
    /// [`region_between`]); empty when they coincide.
    pub between: MultiPolygon<f64>,
    /// Geodesic area of [`Self::between`], square metres.
    pub area_m2: f64,
    /// The largest divergence (see [`hausdorff`]).
    pub hausdorff: Hausdorff,
}

impl ClaimDivergence<'_> {
    /// The geodesic Hausdorff distance between the two lines, metres.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// Claim lines with geodesic edges on WGS84, lon/lat degrees.
    pub fn hausdorff_m(&self) -> f64 {
        self.hausdorff.distance_m
    }
}

impl Serialize for ClaimDivergence<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let id = |c: &ClaimLine<'_>| c.id().cloned().map(serde_json::Value::from);
        let h = &self.hausdorff;
        let mut st = s.serialize_struct("ClaimDivergence", 11)?;
        st.serialize_field(
            "segment",
            &serde_json::Value::from(self.segment.id().clone()),
        )?;
        st.serialize_field("a", &id(&self.a))?;
        st.serialize_field("a_claimant", self.a.claimant().as_str())?;
        st.serialize_field("b", &id(&self.b))?;
        st.serialize_field("b_claimant", self.b.claimant().as_str())?;
        st.serialize_field("area_m2", &self.area_m2)?;
        st.serialize_field("hausdorff_m", &h.distance_m)?;
        st.serialize_field("hausdorff_upper_m", &h.upper_bound_m)?;
        st.serialize_field("hausdorff_from", &[h.from.x, h.from.y])?;
        st.serialize_field("hausdorff_to", &[h.to.x, h.to.y])?;
        st.serialize_field("hausdorff_on", if h.from_a { "a" } else { "b" })?;
        st.end()
    }
}

impl BorderMap {
    /// For every border segment with claim lines, and every pair of its claim
    /// lines by different claimants: the region between them, its area and
    /// the largest divergence.
    ///
    /// Segments in file order, pairs in file order of their lines. Claim
    /// lines without a `segment`, naming no existing segment, or without
    /// coordinates are left out, as are pairs by the same claimant; a segment
    /// with a single claim line gives nothing.
    ///
    /// # Units
    /// Areas square metres on WGS84, distances metres on WGS84, points
    /// lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); edges are geodesics.
    /// The region between two lines is resolved in one local plane (non-zero
    /// rule) and measured geodesically.
    ///
    /// # Errors
    /// [`Error::TooLarge`] naming the two claim lines when the ring between
    /// them reaches farther than [`MAX_RADIUS_M`] from its centre (see
    /// [`region_between`]).
    ///
    /// # Examples
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let d = &map.claim_divergences()?[0];
    /// assert_eq!(d.segment.id().to_string(), "seg-a");
    /// assert_eq!(d.b.claimant().as_str(), "SOU");
    /// // The polygon (10,0) (11,0) (10.75,0.1) (10.25,0.1) (GeographicLib).
    /// assert!((d.area_m2 - 923_184_606.2249).abs() < 1.0);
    /// // SOU's claim is farthest from the equator at the middle of its top
    /// // geodesic edge (GeographicLib: 11 057.533 663 834 618 m), at lon 10.5.
    /// assert!((d.hausdorff_m() - 11_057.533_663_834_618).abs() < 2e-3);
    /// assert!((d.hausdorff.from.x - 10.5).abs() < 1e-6);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn claim_divergences(&self) -> Result<Vec<ClaimDivergence<'_>>> {
        let mut out = Vec::new();
        for segment in self.segments() {
            let claims: Vec<ClaimLine<'_>> = self
                .claim_lines()
                .filter(|c| c.segment() == Some(segment.id()))
                .filter(|c| c.lines().iter().any(|l| !l.0.is_empty()))
                .collect();
            for (i, a) in claims.iter().enumerate() {
                for b in &claims[i + 1..] {
                    if a.claimant() == b.claimant() {
                        continue;
                    }
                    let Some(h) = hausdorff(a.lines(), b.lines()) else {
                        continue;
                    };
                    let between = resolve(a.lines(), b.lines()).map_err(|TooFar(radius)| {
                        too_large(format!("claim lines {} and {}", name(a), name(b)), radius)
                    })?;
                    // `+ 0.0`: an empty float sum is -0.0 (lines that coincide).
                    let area_m2 = between.0.iter().map(geodesic_area_m2).sum::<f64>() + 0.0;
                    out.push(ClaimDivergence {
                        segment,
                        a: *a,
                        b: *b,
                        between,
                        area_m2,
                        hausdorff: h,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// A claim line as an error names it: its id, or its feature index.
fn name(c: &ClaimLine<'_>) -> String {
    c.id()
        .map_or_else(|| format!("(feature {})", c.index()), |id| id.to_string())
}

/// The parts of a (Multi)LineString joined in order into one path, without
/// repeated consecutive vertices.
fn path_of(lines: &[LineString<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::new();
    for c in lines.iter().flat_map(|l| l.0.iter()) {
        if out.last() != Some(c) {
            out.push(*c);
        }
    }
    out
}

/// The region enclosed between two lines (claim lines), lon/lat degrees.
///
/// # Method
/// Each line's parts are joined in order into one path (a gap between parts
/// is bridged by a geodesic). If the sum of the geodesic distances between
/// the paths' starts and between their ends is larger than with `b` reversed,
/// `b` is reversed. The ring runs along `a`, by a geodesic to the end of `b`,
/// back along `b`, and by a geodesic to the start of `a` (connectors of zero
/// length are left out). The ring is projected into a local plane about its
/// centre, where its geodesic edges are straight to a micrometre (edges too
/// long for that are split along their geodesics), and its self-crossings
/// are resolved there with the non-zero winding fill rule. Every vertex of
/// the result is put back: the lines' own vertices exactly as given, the
/// crossings of two edges computed in the plane and taken back to lon/lat.
/// Nothing is special at the antimeridian: result longitudes lie in
/// [-180, 180], so a region across it has edges from about 180 to about
/// -180 (geodesics, the short way round). Faces smaller than
/// [`MIN_FACE_M2`] are dropped.
///
/// Identical lines, lines with fewer than two distinct points between them,
/// an empty line or non-finite coordinates give an empty result.
///
/// # Errors
/// [`Error::TooLarge`] (naming "the claim lines") when the ring reaches
/// farther than [`MAX_RADIUS_M`] from its centre: one plane cannot hold it.
///
/// # Units
/// Lon/lat degrees in and out; the area of the result is
/// [`geodesic_area_m2`] summed over its polygons (square metres).
///
/// # Assumptions
///
/// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
/// order); edges are geodesics.
/// The ring must fit within [`MAX_RADIUS_M`] of its centre.
///
/// # Examples
/// ```
/// use demarcate::analysis::region_between;
/// use demarcate::geodesy::geodesic_area_m2;
/// use geo_types::line_string;
/// // Two claims crossing once: two triangles, one on each side.
/// let a = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0)];
/// let b = line_string![(x: 0.0, y: -0.01), (x: 2.0, y: 0.01)];
/// let r = region_between(&[a], &[b])?;
/// assert_eq!(r.0.len(), 2);
/// let area: f64 = r.0.iter().map(geodesic_area_m2).sum();
/// // Two geodesic triangles (0,0) (1,0) (0,-0.01) and (1,0) (2,0) (2,0.01), the
/// // lines crossing at (1, 0) by symmetry: 2 · 61 546 933.451 m² (GeographicLib).
/// assert!((area - 123_093_866.902).abs() < 1.0);
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn region_between(a: &[LineString<f64>], b: &[LineString<f64>]) -> Result<MultiPolygon<f64>> {
    resolve(a, b).map_err(|TooFar(radius)| too_large("the claim lines".to_owned(), radius))
}

fn too_large(features: String, radius: f64) -> Error {
    Error::TooLarge {
        features,
        reason: format!(
            "the ring between them reaches {:.0} km from its centre; the region \
             between claims is computed in a local plane that reaches {:.0} km",
            radius / 1e3,
            MAX_RADIUS_M / 1e3
        ),
    }
}

/// [`region_between`], with the reach of a ring too large for one plane.
fn resolve(
    a: &[LineString<f64>],
    b: &[LineString<f64>],
) -> std::result::Result<MultiPolygon<f64>, TooFar> {
    let empty = || Ok(MultiPolygon::new(vec![]));
    let pa = path_of(a);
    let mut pb = path_of(b);
    let (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) =
        (pa.first(), pa.last(), pb.first(), pb.last())
    else {
        return empty();
    };
    if pa
        .iter()
        .chain(&pb)
        .any(|c| !(c.x.is_finite() && c.y.is_finite()))
    {
        return empty();
    }
    let same = distance_m(a0, b0) + distance_m(a1, b1);
    let swapped = distance_m(a0, b1) + distance_m(a1, b0);
    if swapped < same {
        pb.reverse();
    }
    // a, then b backwards; the connectors are the edges between them.
    let mut ring: Vec<Coord<f64>> = pa;
    for c in pb.iter().rev() {
        if ring.last() != Some(c) {
            ring.push(*c);
        }
    }
    if ring.last() != Some(&a0) {
        ring.push(a0);
    }
    // A ring needs three distinct points to enclose anything.
    if ring.len() < 4 {
        return empty();
    }
    let resolved = wound_region(&ring)?;
    Ok(MultiPolygon::new(
        resolved
            .0
            .into_iter()
            .filter(|p| geodesic_area_m2(p) >= MIN_FACE_M2)
            .collect(),
    ))
}

/// The geodesic Hausdorff distance between two lines (each given as its
/// parts), with the point where it is attained; `None` when either line has
/// no vertex.
///
/// # Method
/// For each direction (a → b and b → a), branch and bound along every
/// geodesic edge of the "from" line: the exact distance to the other line
/// (nearest point on its geodesic edges, found through an R-tree of
/// conservative 3D boxes) is evaluated at every vertex, then on stretches
/// whose bound (the 1-Lipschitz bound `(f0 + f1 + L) / 2`, or the convexity
/// bound, see the [module docs](self)) exceeds the best value so far by more
/// than [`HAUSDORFF_TOL_M`], at their middle, best bound first. The
/// result's `distance_m` is the largest value found, `upper_bound_m` a
/// certified bound on the exact value. A one-point part counts as a point.
///
/// # Units
/// Metres along the WGS84 ellipsoid; points lon/lat degrees.
///
/// # Assumptions
///
/// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
/// order); edges are geodesics.
///
/// # Examples
/// ```
/// use demarcate::analysis::hausdorff;
/// use geo_types::line_string;
/// // A claim 0.1° north of the equator claim, joined at the ends.
/// let a = line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0)];
/// let b = line_string![(x: 10.0, y: 0.0), (x: 10.25, y: 0.1), (x: 10.75, y: 0.1), (x: 11.0, y: 0.0)];
/// let h = hausdorff(&[a.clone()], &[b.clone()]).unwrap();
/// assert!(h.distance_m > 11_057.0 && h.distance_m < 11_058.0);
/// assert!(h.upper_bound_m - h.distance_m <= 1e-3);
/// // symmetric
/// let g = hausdorff(&[b], &[a]).unwrap();
/// assert!((g.distance_m - h.distance_m).abs() <= 1e-3);
/// ```
pub fn hausdorff(a: &[LineString<f64>], b: &[LineString<f64>]) -> Option<Hausdorff> {
    let ia = LineIndex::new(a)?;
    let ib = LineIndex::new(b)?;
    let ab = directed(&ia, &ib);
    let ba = directed(&ib, &ia);
    let upper_bound_m = ab.upper.max(ba.upper);
    let (d, from_a) = if ab.best >= ba.best {
        (ab, true)
    } else {
        (ba, false)
    };
    Some(Hausdorff {
        distance_m: d.best,
        upper_bound_m,
        from: d.from,
        to: d.to,
        from_a,
    })
}

/// The geodesic edges of one line (one zero-length edge per one-point part),
/// indexed for exact nearest-point queries.
struct LineIndex {
    index: GeodesicIndex<()>,
    /// The first vertex.
    first: Coord<f64>,
}

impl LineIndex {
    fn new(lines: &[LineString<f64>]) -> Option<LineIndex> {
        let first = *lines.iter().find_map(|l| l.0.first())?;
        let index = GeodesicIndex::from_lines(lines.iter().map(|l| (l.clone(), ())));
        Some(LineIndex { index, first })
    }

    fn edges(&self) -> impl Iterator<Item = &GeodesicEdge> {
        self.index.edges().iter().map(|e| &e.edge)
    }

    fn edge(&self, i: usize) -> &GeodesicEdge {
        &self.index.edges()[i].edge
    }

    /// Exact distance from `p` to the line, the nearest point, and the index
    /// of the edge it lies on.
    fn nearest(&self, p: Coord<f64>) -> Near {
        match self.index.nearest_edge(p) {
            Some(h) => Near {
                d: h.nearest.distance_m,
                q: h.nearest.point,
                edge: h.edge,
            },
            None => Near {
                d: f64::INFINITY,
                q: p,
                edge: 0,
            },
        }
    }
}

/// The distance from a point to the other line, where it is attained, and
/// on which of that line's edges.
#[derive(Debug, Clone, Copy)]
struct Near {
    d: f64,
    q: Coord<f64>,
    edge: usize,
}

/// One end of a stretch: the point, its arc length along the "from" edge and
/// its nearest point on the other line.
#[derive(Debug, Clone, Copy)]
struct End {
    s: f64,
    p: Coord<f64>,
    near: Near,
}

/// A stretch of edge `edge` of the "from" line between two ends, with an
/// upper bound on the distance to the other line along it.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    bound: f64,
    edge: usize,
    lo: End,
    hi: End,
}

impl PartialEq for Stretch {
    fn eq(&self, other: &Self) -> bool {
        self.bound.total_cmp(&other.bound) == Ordering::Equal
    }
}
impl Eq for Stretch {}
impl PartialOrd for Stretch {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Stretch {
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound.total_cmp(&other.bound)
    }
}

struct Directed {
    best: f64,
    upper: f64,
    from: Coord<f64>,
    to: Coord<f64>,
}

/// An upper bound on the Gaussian curvature of WGS84, 1/m² (its maximum,
/// at the poles, is a²/b⁴ ≈ 1/6 335 439²; rounded up).
const MAX_CURVATURE: f64 = 1.0 / (6_335_000.0 * 6_335_000.0);

/// The convexity bound is used only where the distances involved stay below
/// this (metres): there tan(d/R) ≈ d/R to 1 %, so the allowance's factor of
/// four covers the spherical worst case with room to spare; farther out only
/// the Lipschitz bound is used.
const CONVEX_WITHIN_M: f64 = 1.0e6;

/// The directed Hausdorff distance from line `from` to line `to`.
fn directed(from: &LineIndex, to: &LineIndex) -> Directed {
    let mut r = Directed {
        best: f64::NEG_INFINITY,
        upper: f64::NEG_INFINITY,
        from: from.first,
        to: from.first,
    };
    let consider = |r: &mut Directed, e: &End| {
        if e.near.d > r.best {
            r.best = e.near.d;
            r.from = e.p;
            r.to = e.near.q;
        }
    };
    let mut heap = BinaryHeap::new();
    let mut evals = 0usize;
    // every vertex, and a first stretch per edge
    for (i, e) in from.edges().enumerate() {
        let lo = End {
            s: 0.0,
            p: e.a(),
            near: to.nearest(e.a()),
        };
        let len = e.length_m();
        let hi = End {
            s: len,
            p: e.b(),
            near: to.nearest(e.b()),
        };
        evals += 2;
        consider(&mut r, &lo);
        consider(&mut r, &hi);
        if len.is_finite() && len > 0.0 {
            heap.push(stretch(to, i, lo, hi));
        }
    }
    if !r.best.is_finite() {
        // NaN coordinates: nothing can be measured
        r.best = f64::NAN;
        r.upper = f64::NAN;
        return r;
    }
    r.upper = r.best;
    while let Some(st) = heap.pop() {
        if st.bound <= r.best + HAUSDORFF_TOL_M || evals >= HAUSDORFF_MAX_EVALS {
            // every remaining stretch is bounded by this one's bound
            r.upper = r.upper.max(st.bound);
            break;
        }
        let e = from.edge(st.edge);
        let s = 0.5 * (st.lo.s + st.hi.s);
        let p = e.point_at(s).0;
        let mid = End {
            s,
            p,
            near: to.nearest(p),
        };
        evals += 1;
        consider(&mut r, &mid);
        for child in [
            stretch(to, st.edge, st.lo, mid),
            stretch(to, st.edge, mid, st.hi),
        ] {
            if child.bound > r.best + HAUSDORFF_TOL_M {
                heap.push(child);
            } else {
                r.upper = r.upper.max(child.bound);
            }
        }
    }
    r
}

/// A stretch with the least of three upper bounds on the distance to the
/// other line along it (length `L`, end values `f0`, `f1`):
///
/// - Lipschitz: `(f0 + f1 + L) / 2`.
/// - Convexity: the distance is at most the distance `g` to the edge of the
///   other line nearest to either end; in the plane `g` is convex along a
///   line (distance to a convex set), so it is at most its larger end value.
///   On the ellipsoid `g` may bend down by at most about `K·g·L²/8` (K the
///   Gaussian curvature, from the Jacobi equation); four times that, with
///   `g ≤ max(end values) + L`, is added.
/// - Shared edge: both ends on one edge of the other line (within
///   [`SAME_POINT_M`]) means the whole stretch lies on it.
///
/// The last two use any one edge of the other line; the nearest edge of
/// each end, and next to a vertex its neighbours, are tried.
fn stretch(to: &LineIndex, edge: usize, lo: End, hi: End) -> Stretch {
    let len = hi.s - lo.s;
    let (f0, f1) = (lo.near.d, hi.near.d);
    let mut bound = (0.5 * (f0 + f1 + len)).max(f0.max(f1));
    let edges = to.index.edges().len();
    for (a, b) in [(&lo, &hi), (&hi, &lo)] {
        // g: the distance to one edge of the other line, at both ends. a's
        // nearest edge serves; when a lies on the other line it may sit on a
        // vertex shared by two edges, and which one the index names is a
        // tie, so the neighbours are tried too.
        let first = if a.near.d <= SAME_POINT_M {
            a.near.edge.saturating_sub(1)
        } else {
            a.near.edge
        };
        let last = if a.near.d <= SAME_POINT_M {
            (a.near.edge + 1).min(edges - 1)
        } else {
            a.near.edge
        };
        for e in first..=last {
            let at = |end: &End| {
                if end.near.edge == e {
                    end.near.d
                } else {
                    to.edge(e).nearest(end.p).distance_m
                }
            };
            let g = at(a).max(at(b));
            let allowance = 0.5 * MAX_CURVATURE * (g + len) * len * len;
            if g <= SAME_POINT_M {
                bound = bound.min(g + SAME_POINT_M);
            }
            if g + len <= CONVEX_WITHIN_M {
                bound = bound.min(g + allowance);
            }
        }
    }
    Stretch {
        bound,
        edge,
        lo,
        hi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::line_string;

    #[test]
    fn empty_lines_give_nothing() {
        let a = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)];
        assert!(hausdorff(std::slice::from_ref(&a), &[]).is_none());
        assert!(hausdorff(&[], &[LineString::new(vec![])]).is_none());
        assert!(hausdorff(&[LineString::new(vec![])], std::slice::from_ref(&a)).is_none());
        assert!(region_between(&[a], &[]).unwrap().0.is_empty());
    }

    #[test]
    fn point_lines_are_points() {
        // one-point lines: the Hausdorff distance is the point distance
        let a = line_string![(x: 10.0, y: 0.0)];
        let b = line_string![(x: 11.0, y: 0.0)];
        let h = hausdorff(std::slice::from_ref(&a), std::slice::from_ref(&b)).unwrap();
        assert!((h.distance_m - 111_319.490_793_273_57).abs() < 1e-6);
        assert!(region_between(&[a], &[b]).unwrap().0.is_empty());
    }

    #[test]
    fn nan_coordinates_do_not_panic() {
        let a = line_string![(x: f64::NAN, y: 0.0), (x: 1.0, y: 0.0)];
        let b = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.1)];
        let _ = hausdorff(std::slice::from_ref(&a), std::slice::from_ref(&b));
        assert!(region_between(&[a], &[b]).unwrap().0.is_empty());
    }

    #[test]
    fn lines_with_different_ends_are_closed_by_connectors() {
        // Two parallel meridian-ish claims 0.1° apart, opposite directions:
        // b is reversed, the connectors close a quadrilateral.
        let a = line_string![(x: 20.0, y: 0.0), (x: 20.0, y: 1.0)];
        let b = line_string![(x: 20.1, y: 1.0), (x: 20.1, y: 0.0)];
        let r = region_between(&[a], &[b]).unwrap();
        assert_eq!(r.0.len(), 1);
        let got: f64 = r.0.iter().map(geodesic_area_m2).sum();
        // the quadrilateral (20,0) (20,1) (20.1,1) (20.1,0), GeographicLib
        // 2.1 (Python) PolygonArea
        let want = 1_230_846_703.855_503_6;
        assert!((got - want).abs() < 1e-2, "{got} vs {want}");
    }
}
