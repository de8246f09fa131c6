//! Spatial indexes over a [`BorderMap`]: border edges,
//! territories and outposts.
//!
//! rstar's metric is Euclidean, so the border index lives in 3D geocentric
//! (ECEF) space: each geodesic edge is boxed around its chord, grown by a
//! bound on how far the geodesic bows away from it
//! ([`edge_sagitta_bound_m`](crate::geodesy::edge_sagitta_bound_m)). The 3D
//! distance to that box never exceeds the geodesic distance to the edge, so the
//! tree prunes conservatively — the exact nearest edge is never missed — and
//! needs no special case at the antimeridian or the poles. Candidates are then
//! refined on the ellipsoid.

use geo_types::{Coord, Point};
use rstar::{AABB, PointDistance, RTree, RTreeObject};

use crate::geodesy::{EdgeNearest, GeodesicEdge, ecef};
use crate::model::BorderMap;

/// One geodesic edge of the border, with where it came from.
#[derive(Debug, Clone, Copy)]
pub struct BorderEdge {
    /// The prepared geodesic edge.
    pub edge: GeodesicEdge,
    /// Index of the segment in [`BorderMap::segments`] order.
    pub segment: u32,
    /// Line part of the segment (0 for a LineString).
    pub part: u32,
    /// Index of the edge's first vertex in its part.
    pub vertex: u32,
}

/// The rstar entry of an edge: its conservative 3D box and what the lower
/// bound needs.
#[derive(Debug, Clone, Copy)]
struct EdgeEntry {
    envelope: AABB<[f64; 3]>,
    a: [f64; 3],
    b: [f64; 3],
    sagitta_m: f64,
    edge: u32,
}

impl RTreeObject for EdgeEntry {
    type Envelope = AABB<[f64; 3]>;

    fn envelope(&self) -> Self::Envelope {
        self.envelope
    }
}

impl PointDistance for EdgeEntry {
    /// The square of a lower bound on the geodesic distance (metres²), so that
    /// rstar's nearest-neighbour order is an order of lower bounds.
    fn distance_2(&self, point: &[f64; 3]) -> f64 {
        let lb = crate::geodesy::chord_lower_bound_m(*point, self.a, self.b, self.sagitta_m);
        lb * lb
    }
}

/// The nearest point of the border to a query point.
#[derive(Debug, Clone, Copy)]
pub struct EdgeHit {
    /// Index into [`BorderIndex::edges`].
    pub edge: usize,
    /// The exact answer on that edge.
    pub nearest: EdgeNearest,
}

/// An index over every geodesic edge of every border segment.
#[derive(Debug, Clone)]
pub struct BorderIndex {
    edges: Vec<BorderEdge>,
    tree: RTree<EdgeEntry>,
}

impl BorderIndex {
    /// Indexes the border segments of `map` (one inverse geodesic per edge).
    pub fn new(map: &BorderMap) -> BorderIndex {
        let mut edges = Vec::new();
        for (s, seg) in map.segments().enumerate() {
            for (p, line) in seg.lines().iter().enumerate() {
                for (v, w) in line.0.windows(2).enumerate() {
                    edges.push(BorderEdge {
                        edge: GeodesicEdge::new(w[0], w[1]),
                        segment: s as u32,
                        part: p as u32,
                        vertex: v as u32,
                    });
                }
            }
        }
        let entries = edges
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (a, b) = (e.edge.a_ecef(), e.edge.b_ecef());
                let pad = e.edge.sagitta_bound_m();
                let lo = [
                    a[0].min(b[0]) - pad,
                    a[1].min(b[1]) - pad,
                    a[2].min(b[2]) - pad,
                ];
                let hi = [
                    a[0].max(b[0]) + pad,
                    a[1].max(b[1]) + pad,
                    a[2].max(b[2]) + pad,
                ];
                EdgeEntry {
                    envelope: AABB::from_corners(lo, hi),
                    a,
                    b,
                    sagitta_m: pad,
                    edge: i as u32,
                }
            })
            .collect();
        BorderIndex {
            edges,
            tree: RTree::bulk_load(entries),
        }
    }

    /// Every indexed edge.
    pub fn edges(&self) -> &[BorderEdge] {
        &self.edges
    }

    /// The exact nearest point of the border to `p` (lon/lat degrees), or
    /// `None` for an empty border.
    ///
    /// Candidates come out of the tree in order of a lower bound on their
    /// distance; the search stops when that bound reaches the best exact
    /// distance found, so the answer is the exact minimum over all edges.
    pub fn nearest(&self, p: Coord<f64>) -> Option<EdgeHit> {
        let q = ecef(p);
        let mut best: Option<EdgeHit> = None;
        for (entry, lb2) in self.tree.nearest_neighbor_iter_with_distance_2(&q) {
            if let Some(b) = &best
                && lb2 >= b.nearest.distance_m * b.nearest.distance_m
            {
                break;
            }
            let i = entry.edge as usize;
            let n = self.edges[i].edge.nearest(p);
            if best
                .as_ref()
                .is_none_or(|b| n.distance_m < b.nearest.distance_m)
            {
                best = Some(EdgeHit {
                    edge: i,
                    nearest: n,
                });
            }
        }
        best
    }

    /// Every edge within `max_m` metres of `p`, with its exact nearest point,
    /// in no particular order.
    pub fn within(&self, p: Coord<f64>, max_m: f64) -> Vec<EdgeHit> {
        let q = ecef(p);
        let mut out = Vec::new();
        for (entry, lb2) in self.tree.nearest_neighbor_iter_with_distance_2(&q) {
            if lb2 > max_m * max_m {
                break;
            }
            let i = entry.edge as usize;
            let n = self.edges[i].edge.nearest(p);
            if n.distance_m <= max_m {
                out.push(EdgeHit {
                    edge: i,
                    nearest: n,
                });
            }
        }
        out
    }
}

/// A territory polygon's lon/lat box, with (territory, polygon) indexes.
type TerritoryEntry =
    rstar::primitives::GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, (u32, u32)>;

/// Which territory polygon contains a point (lon/lat bounding boxes, then an
/// exact point-in-polygon test in lon/lat).
#[derive(Debug, Clone)]
pub(crate) struct TerritoryIndex {
    tree: RTree<TerritoryEntry>,
}

impl TerritoryIndex {
    pub(crate) fn new(map: &BorderMap) -> TerritoryIndex {
        use geo::BoundingRect;
        let mut entries = Vec::new();
        for (t, terr) in map.territories().enumerate() {
            for (p, poly) in terr.polygons().iter().enumerate() {
                if let Some(r) = poly.bounding_rect() {
                    entries.push(rstar::primitives::GeomWithData::new(
                        rstar::primitives::Rectangle::from_corners(
                            [r.min().x, r.min().y],
                            [r.max().x, r.max().y],
                        ),
                        (t as u32, p as u32),
                    ));
                }
            }
        }
        TerritoryIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The index (in [`BorderMap::territories`] order) of the first territory
    /// whose polygon contains `p` or has it on its boundary.
    pub(crate) fn locate(&self, map: &BorderMap, p: Coord<f64>) -> Option<usize> {
        use geo::{CoordinatePosition, coordinate_position::CoordPos};
        let mut found: Option<usize> = None;
        for hit in self.tree.locate_all_at_point(&[p.x, p.y]) {
            let (t, poly) = hit.data;
            let terr = map.territory_at(t as usize)?;
            let polygon = &terr.polygons()[poly as usize];
            if polygon.coordinate_position(&p) != CoordPos::Outside {
                found = Some(found.map_or(t as usize, |f| f.min(t as usize)));
            }
        }
        found
    }
}

/// A 3D index of outposts (chord distance is a lower bound on geodesic).
#[derive(Debug, Clone)]
pub(crate) struct OutpostIndex {
    tree: RTree<rstar::primitives::GeomWithData<[f64; 3], u32>>,
    points: Vec<Point<f64>>,
}

impl OutpostIndex {
    pub(crate) fn new(map: &BorderMap) -> OutpostIndex {
        let points: Vec<Point<f64>> = map.outposts().map(|o| o.point()).collect();
        let entries = points
            .iter()
            .enumerate()
            .map(|(i, p)| rstar::primitives::GeomWithData::new(ecef(p.0), i as u32))
            .collect();
        OutpostIndex {
            tree: RTree::bulk_load(entries),
            points,
        }
    }

    /// The `k` outposts nearest to `p` by geodesic distance: (index in
    /// [`BorderMap::outposts`] order, metres), nearest first.
    pub(crate) fn nearest(&self, p: Coord<f64>, k: usize) -> Vec<(usize, f64)> {
        let mut best: Vec<(usize, f64)> = Vec::with_capacity(k + 1);
        if k == 0 {
            return best;
        }
        for (entry, chord2) in self.tree.nearest_neighbor_iter_with_distance_2(&ecef(p)) {
            if best.len() == k && chord2 >= best[k - 1].1 * best[k - 1].1 {
                break;
            }
            let i = entry.data as usize;
            let d = crate::geodesy::distance_m(p, self.points[i].0);
            let at = best.partition_point(|&(_, bd)| bd <= d);
            best.insert(at, (i, d));
            best.truncate(k);
        }
        best
    }
}
