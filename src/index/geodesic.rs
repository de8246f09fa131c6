//! [`GeodesicIndex`]: a packed Hilbert R-tree over the geodesic edges of any
//! lines, in 3D, with exact nearest-point queries on the ellipsoid.
//!
//! The lines never change after indexing, so the tree is built once, bottom
//! up: edges sorted along a Hilbert curve of their midpoints, then grouped
//! [`FANOUT`] at a time into capsules (a 3D segment with a radius), and
//! capsules into capsules, up to one root. Capsules are in geocentric (ECEF)
//! metres and contain every point of their geodesic edges (each edge's chord
//! grown by its sagitta bound), so the 3D distance to a capsule is a lower
//! bound on the geodesic distance to anything inside, and
//! [`arc_lower_bound_m`] tightens it. Along a border, consecutive edges are
//! long thin stretches; capsules hug them where axis-aligned boxes would not.
//!
//! A query walks the tree depth first, nearest capsule first, without solving
//! any edge: the ends of every capsule's axis are border vertices, so the
//! chord to the nearest one seen gives an upper bound on the distance to the
//! border ([`arc_upper_bound_m`], within centimetres at 100 km), and capsules
//! whose lower bound exceeds it are skipped. The edges left (usually two or
//! three) are then solved exactly in order of their lower bounds until the
//! next bound reaches the best exact distance: about one solve per query,
//! where solving edges as the walk met them took about seven, and a priority
//! queue over the whole walk cost more than it saved.

use geo_types::{Coord, LineString, Point};

use crate::geodesy::{
    EdgeNearest, GeodesicEdge, arc_lower_bound_m, arc_upper_bound_m, chord_for_arc_m,
    chord_lower_bound_m, ecef,
};

/// Children per node.
const FANOUT: usize = 8;

/// One indexed geodesic edge, with the line it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct IndexedEdge {
    /// The prepared geodesic edge.
    pub edge: GeodesicEdge,
    /// Position of its line in the order the lines were given.
    pub line: u32,
    /// Index of the edge's first vertex in its line.
    pub vertex: u32,
}

/// The nearest point of one indexed edge to a query point.
#[derive(Debug, Clone, Copy)]
pub struct EdgeHit {
    /// Index into [`GeodesicIndex::edges`].
    pub edge: usize,
    /// The exact answer on that edge.
    pub nearest: EdgeNearest,
}

/// The nearest point of an indexed line to a query point, with the line's
/// payload.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct GeodesicHit<'a, T> {
    /// Geodesic distance from the query point, metres.
    pub distance_m: f64,
    /// The nearest point on the line (lon, lat degrees).
    pub point: Point<f64>,
    /// The payload given with the line.
    pub item: &'a T,
    /// Position of the line in the order the lines were given.
    pub line: usize,
    /// Index of the first vertex of the edge holding [`Self::point`].
    pub vertex: usize,
    /// Metres along that edge from its first vertex to [`Self::point`].
    pub along_m: f64,
}

/// A capsule: every point it stands for is within `r` metres of the 3D
/// segment `a`–`b` (ECEF metres). A stretch of border is long and thin, so a
/// capsule around it is much tighter than an axis-aligned box. `a` and `b`
/// are always border vertices (the queries' upper bounds rely on it).
#[derive(Debug, Clone, Copy)]
struct Capsule {
    a: [f64; 3],
    b: [f64; 3],
    r: f64,
}

impl Capsule {
    /// The capsule around `children`: its axis joins the two farthest apart
    /// of their axis ends; its radius covers each child's axis (the distance
    /// to a segment is convex, so a child's axis is as near as its farther
    /// end) plus the child's own radius.
    fn around(children: &[Capsule]) -> Capsule {
        let ends: Vec<[f64; 3]> = children.iter().flat_map(|c| [c.a, c.b]).collect();
        let (mut a, mut b, mut far) = (ends[0], ends[0], -1.0);
        for (i, u) in ends.iter().enumerate() {
            for v in &ends[i + 1..] {
                let d = dist2(*u, *v);
                if d > far {
                    (a, b, far) = (*u, *v, d);
                }
            }
        }
        let r = children
            .iter()
            .map(|c| {
                chord_lower_bound_m(c.a, a, b, 0.0).max(chord_lower_bound_m(c.b, a, b, 0.0)) + c.r
            })
            .fold(0.0, f64::max);
        // Rounding in the distances above is far below a micrometre.
        Capsule { a, b, r: r + 1e-6 }
    }
}

fn dist2(u: [f64; 3], v: [f64; 3]) -> f64 {
    (u[0] - v[0]).powi(2) + (u[1] - v[1]).powi(2) + (u[2] - v[2]).powi(2)
}

/// A capsule (or an edge's chord with its sagitta bound as radius) as the
/// queries read it: the axis from `a` along `ab`, with 1/|ab|² (0 for a
/// point) stored so that a bound needs no division. One cache line.
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
struct Packed {
    a: [f64; 3],
    ab: [f64; 3],
    inv_len2: f64,
    r: f64,
}

impl Packed {
    fn new(c: &Capsule) -> Packed {
        let ab = [c.b[0] - c.a[0], c.b[1] - c.a[1], c.b[2] - c.a[2]];
        let len2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
        Packed {
            a: c.a,
            ab,
            inv_len2: if len2 > 0.0 { 1.0 / len2 } else { 0.0 },
            r: c.r,
        }
    }

    /// The square of [`chord_lower_bound_m`] from `q` (a lower bound on the
    /// chord to anything inside), and the least squared chord from `q` to
    /// the axis ends (border vertices). Storing b − a and 1/|b − a|² moves
    /// these by nanometres, far inside the micrometre pads of the radii and
    /// of [`arc_upper_bound_m`].
    #[inline(always)]
    fn bound(&self, q: [f64; 3]) -> (f64, f64) {
        let ap = [q[0] - self.a[0], q[1] - self.a[1], q[2] - self.a[2]];
        let ab = self.ab;
        let t = ((ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) * self.inv_len2).clamp(0.0, 1.0);
        let off = [ap[0] - t * ab[0], ap[1] - t * ab[1], ap[2] - t * ab[2]];
        let c = ((off[0] * off[0] + off[1] * off[1] + off[2] * off[2]).sqrt() - self.r).max(0.0);
        let bp = [ap[0] - ab[0], ap[1] - ab[1], ap[2] - ab[2]];
        let ends = (ap[0] * ap[0] + ap[1] * ap[1] + ap[2] * ap[2])
            .min(bp[0] * bp[0] + bp[1] * bp[1] + bp[2] * bp[2]);
        (c * c, ends)
    }
}

/// An index over the geodesic edges of lines, each line with a payload `T`,
/// for exact nearest-point and within-distance queries on WGS84.
///
/// Edges are geodesics between consecutive vertices (lon/lat degrees). A
/// line of one vertex stands for that point; empty lines are skipped.
/// Building solves one inverse geodesic per edge and sorts the edges along
/// a Hilbert curve: O(n log n). Queries are exact: pruning uses only
/// conservative 3D bounds, and every edge that could be nearest is solved on
/// the ellipsoid (see the module docs). `Send + Sync` when `T` is.
///
/// ```
/// use demarcate::GeodesicIndex;
/// use geo_types::{line_string, Point};
///
/// let index = GeodesicIndex::from_lines([
///     (line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)], "equator"),
///     (line_string![(x: 0.0, y: 1.0), (x: 0.0, y: 2.0)], "meridian"),
/// ]);
/// let hit = index.nearest(Point::new(0.5, 0.1)).unwrap();
/// assert_eq!(*hit.item, "equator");
/// // 0.1° of latitude at the equator is 11 057.43 m on WGS84
/// assert!((hit.distance_m - 11_057.43).abs() < 0.01, "{}", hit.distance_m);
/// // both lines are within 70 km of (0.02, 0.5), the equator first
/// let near = index.within(Point::new(0.02, 0.5), 70_000.0);
/// assert_eq!(near.iter().map(|h| *h.item).collect::<Vec<_>>(), ["equator", "meridian"]);
/// ```
#[derive(Debug, Clone)]
pub struct GeodesicIndex<T> {
    edges: Vec<IndexedEdge>,
    items: Vec<T>,
    /// Edges' chords in Hilbert order, with their sagitta bounds.
    leaves: Vec<Packed>,
    /// The index in `edges` of each of `leaves`.
    leaf_edges: Vec<u32>,
    /// `levels[0]` wraps the leaves FANOUT at a time, `levels[1]` wraps
    /// `levels[0]`, ...; the last level has one capsule (none when empty).
    levels: Vec<Vec<Packed>>,
}

impl<T> GeodesicIndex<T> {
    /// Indexes lines (lon/lat degrees) with their payloads, one inverse
    /// geodesic per edge.
    pub fn from_lines<L: Into<LineString<f64>>>(
        lines: impl IntoIterator<Item = (L, T)>,
    ) -> GeodesicIndex<T> {
        let mut edges = Vec::new();
        let mut items = Vec::new();
        for (line, item) in lines {
            let line: LineString<f64> = line.into();
            let l = items.len() as u32;
            items.push(item);
            match line.0.len() {
                0 => {}
                1 => edges.push(IndexedEdge {
                    edge: GeodesicEdge::new(line.0[0], line.0[0]),
                    line: l,
                    vertex: 0,
                }),
                _ => edges.extend(line.0.windows(2).enumerate().map(|(v, w)| IndexedEdge {
                    edge: GeodesicEdge::new(w[0], w[1]),
                    line: l,
                    vertex: v as u32,
                })),
            }
        }
        GeodesicIndex::from_edges(edges, items)
    }

    fn from_edges(edges: Vec<IndexedEdge>, items: Vec<T>) -> GeodesicIndex<T> {
        let mut order: Vec<(u64, u32)> = {
            let mids: Vec<(f64, f64)> = edges
                .iter()
                .map(|e| {
                    let (a, b) = (e.edge.a(), e.edge.b());
                    ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
                })
                .collect();
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &mids {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let scale = |v: f64, lo: f64, hi: f64| {
                if hi > lo {
                    (((v - lo) / (hi - lo)) * 65535.0).clamp(0.0, 65535.0) as u32
                } else {
                    0
                }
            };
            mids.iter()
                .enumerate()
                .map(|(i, &(x, y))| (hilbert(scale(x, x0, x1), scale(y, y0, y1)), i as u32))
                .collect()
        };
        order.sort_unstable();

        let chords: Vec<Capsule> = order
            .iter()
            .map(|&(_, i)| {
                let e = &edges[i as usize].edge;
                Capsule {
                    a: e.a_ecef(),
                    b: e.b_ecef(),
                    r: e.sagitta_bound_m(),
                }
            })
            .collect();

        let mut levels: Vec<Vec<Packed>> = Vec::new();
        let mut current: Vec<Capsule> = chords.chunks(FANOUT).map(Capsule::around).collect();
        while !current.is_empty() {
            let done = current.len() == 1;
            let next: Vec<Capsule> = current.chunks(FANOUT).map(Capsule::around).collect();
            levels.push(current.iter().map(Packed::new).collect());
            if done {
                break;
            }
            current = next;
        }
        GeodesicIndex {
            edges,
            items,
            leaves: chords.iter().map(Packed::new).collect(),
            leaf_edges: order.iter().map(|&(_, i)| i).collect(),
            levels,
        }
    }

    /// Every indexed edge, in line and vertex order.
    pub fn edges(&self) -> &[IndexedEdge] {
        &self.edges
    }

    /// The payloads, one per line, in the order the lines were given.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// The payload of the line holding edge `edge` (an index into
    /// [`Self::edges`]).
    ///
    /// # Panics
    ///
    /// If `edge` is out of range.
    pub fn item_of(&self, edge: usize) -> &T {
        &self.items[self.edges[edge].line as usize]
    }

    /// The exact nearest point of the indexed lines to `p` (lon, lat
    /// degrees), or `None` when nothing is indexed.
    ///
    /// # Units
    ///
    /// `distance_m` in metres on WGS84; `point` in degrees.
    ///
    /// # Assumptions
    ///
    /// Edges are geodesics. Boxes and edges are skipped only when a lower
    /// bound on their geodesic distance reaches the best exact distance
    /// found, so the answer is the exact minimum over all edges (ties go to
    /// the edge solved first).
    pub fn nearest(&self, p: impl Into<Coord<f64>>) -> Option<GeodesicHit<'_, T>> {
        self.nearest_edge(p.into()).map(|h| self.hit(h))
    }

    /// Every line within `max_m` metres of `p`, each with its nearest point,
    /// nearest first.
    ///
    /// # Units
    ///
    /// `max_m` and `distance_m` in metres on WGS84.
    ///
    /// # Assumptions
    ///
    /// Edges are geodesics; a line is reported once, at its nearest edge.
    pub fn within(&self, p: impl Into<Coord<f64>>, max_m: f64) -> Vec<GeodesicHit<'_, T>> {
        let mut hits = self.edges_within(p.into(), max_m);
        let nearer = |a: &EdgeHit, b: &EdgeHit| {
            a.nearest
                .distance_m
                .total_cmp(&b.nearest.distance_m)
                .then(a.edge.cmp(&b.edge))
        };
        // each line's nearest edge (work in the number of hits, not of lines)
        hits.sort_by(|a, b| {
            self.edges[a.edge]
                .line
                .cmp(&self.edges[b.edge].line)
                .then(nearer(a, b))
        });
        hits.dedup_by_key(|h| self.edges[h.edge].line);
        hits.sort_by(nearer);
        hits.into_iter().map(|h| self.hit(h)).collect()
    }

    fn hit(&self, h: EdgeHit) -> GeodesicHit<'_, T> {
        let e = &self.edges[h.edge];
        GeodesicHit {
            distance_m: h.nearest.distance_m,
            point: Point(h.nearest.point),
            item: &self.items[e.line as usize],
            line: e.line as usize,
            vertex: e.vertex as usize,
            along_m: h.nearest.along_m,
        }
    }

    /// The exact nearest edge to `p` and the answer on it (see
    /// [`Self::nearest`]).
    pub fn nearest_edge(&self, p: Coord<f64>) -> Option<EdgeHit> {
        self.nearest_with_azimuth(p).map(|(hit, _)| hit)
    }

    /// [`Self::nearest`], with the (sin, cos) of the azimuth from the nearest
    /// point to `p` when that point is an endpoint of the hit edge.
    pub(crate) fn nearest_with_azimuth(
        &self,
        p: Coord<f64>,
    ) -> Option<(EdgeHit, Option<(f64, f64)>)> {
        let top = self.levels.len().checked_sub(1)?;
        let mut search = Search {
            index: self,
            p,
            q: ecef(p),
            best: None,
            to_p: None,
            vertex_2: f64::INFINITY,
            limit_2: f64::INFINITY,
            candidates: Vec::new(),
            settled: usize::MAX,
        };
        search.walk(top, 0);
        search.solve_candidates();
        Some((search.best?, search.to_p))
    }

    /// Every edge within `max_m` metres of `p`, with its exact nearest point,
    /// in no particular order.
    pub fn edges_within(&self, p: Coord<f64>, max_m: f64) -> Vec<EdgeHit> {
        let q = ecef(p);
        let c = chord_for_arc_m(max_m);
        let threshold_2 = c * c;
        let mut out = Vec::new();
        let Some(top) = self.levels.len().checked_sub(1) else {
            return out;
        };
        let mut stack = vec![(top, 0usize)];
        while let Some((level, i)) = stack.pop() {
            if self.levels[level][i].bound(q).0 > threshold_2 {
                continue;
            }
            if level == 0 {
                for (j, leaf) in self.leaf_chunk(i).iter().enumerate() {
                    if arc_lower_bound_m(leaf.bound(q).0.sqrt()) <= max_m {
                        let k = self.leaf_edges[i * FANOUT + j] as usize;
                        let n = self.edges[k].edge.nearest(p);
                        if n.distance_m <= max_m {
                            out.push(EdgeHit {
                                edge: k,
                                nearest: n,
                            });
                        }
                    }
                }
            } else {
                let below = self.levels[level - 1].len();
                for j in i * FANOUT..((i + 1) * FANOUT).min(below) {
                    stack.push((level - 1, j));
                }
            }
        }
        out
    }

    fn leaf_chunk(&self, node: usize) -> &[Packed] {
        let start = node * FANOUT;
        &self.leaves[start..(start + FANOUT).min(self.leaves.len())]
    }
}

/// The state of one nearest-edge query.
struct Search<'a, T> {
    index: &'a GeodesicIndex<T>,
    p: Coord<f64>,
    q: [f64; 3],
    best: Option<EdgeHit>,
    /// Azimuth (sin, cos) from `best`'s point to `p`, if an endpoint.
    to_p: Option<(f64, f64)>,
    /// Least squared chord from `q` to a border vertex seen so far.
    vertex_2: f64,
    /// Squared chord at which the arc bound reaches an upper bound on the
    /// distance to the border: anything with a bound above it is farther.
    limit_2: f64,
    /// Edges (positions in `leaves`) within the limit, with their squared
    /// chord bounds.
    candidates: Vec<(f64, u32)>,
    /// An edge known not to come nearer than the best (`usize::MAX`: none).
    settled: usize,
}

impl<T> Search<'_, T> {
    /// Tightens the limit with the chord to a border vertex.
    fn saw_vertex(&mut self, chord_2: f64) {
        if chord_2 < self.vertex_2 {
            self.vertex_2 = chord_2;
            let c = chord_for_arc_m(arc_upper_bound_m(chord_2.sqrt()));
            self.limit_2 = self.limit_2.min(c * c);
        }
    }

    /// Depth first, nearest child first, into every node within the limit;
    /// no edge is solved yet, but capsule ends (border vertices) and edge
    /// ends tighten the limit as they come.
    fn walk(&mut self, level: usize, node: usize) {
        let index = self.index;
        let mut bound = [f64::INFINITY; FANOUT];
        let mut near_2 = f64::INFINITY;
        if level == 0 {
            let leaves = index.leaf_chunk(node);
            for (b, leaf) in bound.iter_mut().zip(leaves) {
                let (c2, ends) = leaf.bound(self.q);
                *b = c2;
                near_2 = near_2.min(ends);
            }
            self.saw_vertex(near_2);
            for (k, &b) in bound.iter().enumerate().take(leaves.len()) {
                if b <= self.limit_2 {
                    self.candidates.push((b, (node * FANOUT + k) as u32));
                }
            }
            return;
        }
        let below = &index.levels[level - 1];
        let first = node * FANOUT;
        for (b, cap) in bound
            .iter_mut()
            .zip(&below[first..below.len().min(first + FANOUT)])
        {
            let (c2, ends) = cap.bound(self.q);
            *b = c2;
            near_2 = near_2.min(ends);
        }
        self.saw_vertex(near_2);
        while let Some(k) = take_nearest(&mut bound, self.limit_2) {
            self.walk(level - 1, first + k);
        }
    }

    /// The candidates least bound first, each solved exactly while its bound
    /// is below the best distance so far.
    fn solve_candidates(&mut self) {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let mut threshold_2 = f64::INFINITY;
        for &(b, k) in &candidates {
            if b >= threshold_2 {
                break;
            }
            let e = self.index.leaf_edges[k as usize] as usize;
            if e != self.settled
                && let Some(d) = self.solve(e)
            {
                let c = chord_for_arc_m(d);
                threshold_2 = c * c;
            }
        }
    }

    /// Solves edge `e` exactly and keeps it if it is the nearest so far,
    /// returning its distance then.
    fn solve(&mut self, e: usize) -> Option<f64> {
        let edges = &self.index.edges;
        let (n, to_p) = edges[e].edge.nearest_with_azimuth(self.p);
        if self
            .best
            .as_ref()
            .is_some_and(|b| n.distance_m >= b.nearest.distance_m)
        {
            return None;
        }
        self.best = Some(EdgeHit {
            edge: e,
            nearest: n,
        });
        self.to_p = to_p;
        // Nearest at a vertex: the edge on its other side, if the distance
        // only grows into it, cannot come nearer (its nearest point is this
        // vertex), so it need not be solved. Most far points are nearest to
        // a vertex.
        if let Some(to_p) = to_p {
            let at_b = n.along_m > 0.0;
            let other = if at_b {
                e.checked_add(1)
            } else {
                e.checked_sub(1)
            };
            if let Some(o) = other.filter(|&o| {
                o < edges.len()
                    && edges[o].line == edges[e].line
                    && edges[o].edge.end_is_nearest(!at_b, to_p, n.distance_m)
            }) {
                self.settled = o;
            }
        }
        Some(n.distance_m)
    }
}

/// The index of the least bound not above `limit_2`, marked as taken, or
/// `None` when every remaining bound is above it.
fn take_nearest(bound: &mut [f64; FANOUT], limit_2: f64) -> Option<usize> {
    let mut best = None;
    let mut least = f64::INFINITY;
    for (k, &b) in bound.iter().enumerate() {
        if b < least {
            least = b;
            best = Some(k);
        }
    }
    let k = best.filter(|_| least <= limit_2)?;
    bound[k] = f64::INFINITY;
    Some(k)
}

/// Index of (x, y) on the Hilbert curve of order 16.
fn hilbert(mut x: u32, mut y: u32) -> u64 {
    let n: u32 = 1 << 16;
    let mut d: u64 = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        // Rotate the quadrant so the curve stays continuous.
        if ry == 0 {
            if rx == 1 {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::{GeodesicIndex, hilbert};
    use geo_types::{Coord, LineString};

    /// The queries' upper bounds take every capsule's axis ends for border
    /// vertices: check that they are (the far end up to the rounding of
    /// b − a).
    #[test]
    fn capsule_ends_are_border_vertices() {
        // a zigzag border of 3 lines, 600 vertices, some edges long
        let lines: Vec<(LineString<f64>, ())> = (0..3)
            .map(|l| {
                let line: LineString<f64> = (0..200)
                    .map(|i| Coord {
                        x: 40.0 + 0.05 * i as f64 + 0.3 * f64::from(i % 7 == 0),
                        y: 39.0 + 0.5 * l as f64 + 0.02 * f64::from(i % 2),
                    })
                    .collect();
                (line, ())
            })
            .collect();
        let index = GeodesicIndex::from_lines(lines);
        let vertices: Vec<[f64; 3]> = index
            .edges()
            .iter()
            .flat_map(|e| [e.edge.a_ecef(), e.edge.b_ecef()])
            .collect();
        let nearest = |x: [f64; 3]| {
            vertices
                .iter()
                .map(|v| super::dist2(*v, x))
                .fold(f64::INFINITY, f64::min)
        };
        assert!(index.levels.len() > 1);
        for cap in index.levels.iter().flatten().chain(&index.leaves) {
            assert_eq!(nearest(cap.a), 0.0);
            let b = [
                cap.a[0] + cap.ab[0],
                cap.a[1] + cap.ab[1],
                cap.a[2] + cap.ab[2],
            ];
            assert!(nearest(b) < 1e-12, "{}", nearest(b));
        }
    }

    #[test]
    fn hilbert_visits_neighbours_in_turn() {
        // On the order-1 curve the four cells come in the order
        // (0,0) (0,1) (1,1) (1,0); at order 16 their corners keep that order.
        let m = (1u32 << 16) - 1;
        let d: Vec<u64> = [(0, 0), (0, m), (m, m), (m, 0)]
            .iter()
            .map(|&(x, y)| hilbert(x, y))
            .collect();
        assert!(d.windows(2).all(|w| w[0] < w[1]), "{d:?}");
        // Consecutive indexes are adjacent cells.
        let mut cells: Vec<(u64, u32, u32)> = (0..64u32)
            .flat_map(|x| (0..64u32).map(move |y| (x << 10, y << 10)))
            .map(|(x, y)| (hilbert(x, y), x >> 10, y >> 10))
            .collect();
        cells.sort_unstable();
        for w in cells.windows(2) {
            let step = w[0].1.abs_diff(w[1].1) + w[0].2.abs_diff(w[1].2);
            assert_eq!(step, 1, "{w:?}");
        }
    }
}
