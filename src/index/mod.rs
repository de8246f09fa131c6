//! Spatial indexes: [`GeodesicIndex`] over any lines (the border's edges
//! among them), territories and outposts; and [`Wgs84`], the exact distance
//! metric that plugs into geo's `Distance` trait.
//!
//! Distances on the ellipsoid are not what an R-tree's Euclidean boxes
//! measure, so the border index lives in 3D geocentric (ECEF) space: each
//! geodesic edge is boxed around its chord, grown by a bound on how far the
//! geodesic bows away from it
//! ([`edge_sagitta_bound_m`](crate::geodesy::edge_sagitta_bound_m)). The 3D
//! distance to a box never exceeds the geodesic distance to what it holds, so
//! pruning is conservative — the exact nearest edge is never missed — and
//! needs no special case at the antimeridian or the poles. Candidates are then
//! refined on the ellipsoid. Territories (lon/lat boxes) and outposts (3D
//! points) use rstar.

mod geodesic;
mod metric;

use geo_types::{Coord, Point, Polygon};

pub use geodesic::{EdgeHit, GeodesicHit, GeodesicIndex, IndexedEdge};
pub use metric::Wgs84;

use rstar::RTree;

use crate::geodesy::ecef;
use crate::polygon::PreparedPolygon;

/// A territory polygon's lon/lat box (grown by its edges' bulge), with
/// (territory, polygon) indexes.
type TerritoryEntry =
    rstar::primitives::GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, (u32, u32)>;

/// Which territory polygon contains a point: lon/lat boxes, then an exact
/// test on geodesic edges ([`PreparedPolygon`]).
#[derive(Debug, Clone)]
pub(crate) struct TerritoryIndex {
    tree: RTree<TerritoryEntry>,
    /// Per territory, per polygon.
    prepared: Vec<Vec<PreparedPolygon>>,
}

impl TerritoryIndex {
    /// Indexes territories, each given as its polygons.
    pub(crate) fn new(territories: &[&[Polygon<f64>]]) -> TerritoryIndex {
        use rayon::prelude::*;
        let prepared: Vec<Vec<PreparedPolygon>> = territories
            .par_iter()
            .map(|polygons| {
                polygons
                    .par_iter()
                    .map(|p| PreparedPolygon::new(std::slice::from_ref(p)))
                    .collect()
            })
            .collect();
        let mut entries = Vec::new();
        for (t, polys) in prepared.iter().enumerate() {
            for (p, poly) in polys.iter().enumerate() {
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
            prepared,
        }
    }

    /// The index (in the order given) of the first territory
    /// whose polygon contains `p` or has it on its boundary.
    pub(crate) fn locate(&self, p: Coord<f64>) -> Option<usize> {
        let mut found: Option<usize> = None;
        for hit in self.tree.locate_all_at_point(&[p.x, p.y]) {
            let (t, poly) = hit.data;
            if found.is_some_and(|f| f <= t as usize) {
                continue;
            }
            if self.prepared[t as usize][poly as usize].intersects(p) {
                found = Some(t as usize);
            }
        }
        found
    }

    /// The prepared polygons of the territory at `index`.
    pub(crate) fn prepared(&self, index: usize) -> &[PreparedPolygon] {
        self.prepared.get(index).map_or(&[], Vec::as_slice)
    }
}

/// A 3D index of outposts (chord distance is a lower bound on geodesic).
#[derive(Debug, Clone)]
pub(crate) struct OutpostIndex {
    tree: RTree<rstar::primitives::GeomWithData<[f64; 3], u32>>,
    points: Vec<Point<f64>>,
}

impl OutpostIndex {
    pub(crate) fn new(points: Vec<Point<f64>>) -> OutpostIndex {
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

    /// The `k` outposts nearest to `p` by geodesic distance: (index in the
    /// order given, metres), nearest first.
    pub(crate) fn nearest(&self, p: Coord<f64>, k: usize) -> Vec<(usize, f64)> {
        let mut best: Vec<(usize, f64)> = Vec::with_capacity(k + 1);
        if k == 0 {
            return best;
        }
        for (entry, chord2) in self.tree.nearest_neighbor_iter_with_distance_2(&ecef(p)) {
            if best.len() == k && crate::geodesy::arc_lower_bound_m(chord2.sqrt()) >= best[k - 1].1
            {
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
