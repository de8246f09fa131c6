//! How deep a zone reaches: branch-and-bound over lon/lat cells for the point
//! of the claimant's side farthest from the border.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use geo::coordinate_position::CoordPos;
use geo::{BoundingRect, CoordinatePosition};
use geo_types::{Coord, LineString, MultiPolygon, Rect};
use rstar::primitives::Line;
use rstar::{AABB, RTree};

use crate::geodesy::{MEAN_RADIUS_M, distance_m};
use crate::model::BorderIndex;

/// The polygons with every longitude within 180° of the previous vertex's
/// (from the first polygon's first vertex on), so a part across the
/// antimeridian is one contiguous lon/lat shape for the depth search
/// (distances accept longitudes beyond ±180°).
pub(super) fn unwrap_longitudes(mut mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let Some(mut last) =
        mp.0.first()
            .and_then(|p| p.exterior().0.first())
            .map(|c| c.x)
    else {
        return mp;
    };
    for poly in &mut mp.0 {
        poly.exterior_mut(|r| unwrap_ring(r, &mut last));
        poly.interiors_mut(|rs| {
            for r in rs {
                unwrap_ring(r, &mut last);
            }
        });
    }
    mp
}

pub(super) fn unwrap_ring(ring: &mut LineString<f64>, last: &mut f64) {
    for c in &mut ring.0 {
        c.x += 360.0 * ((*last - c.x) / 360.0).round();
        *last = c.x;
    }
}

/// The result of the depth search.
pub(super) struct Depth {
    pub(super) depth_m: f64,
    pub(super) bound_m: f64,
    pub(super) point: Option<Coord<f64>>,
}

/// A branch-and-bound cell (lon/lat box) with an upper bound on the depth
/// within it.
pub(super) struct Cell {
    pub(super) rect: Rect<f64>,
    pub(super) ub: f64,
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

pub(super) struct DepthSearch<'i> {
    pub(super) index: &'i BorderIndex,
    pub(super) part: &'i MultiPolygon<f64>,
    pub(super) edges: RTree<Line<[f64; 2]>>,
    pub(super) best: f64,
    pub(super) best_point: Option<Coord<f64>>,
    pub(super) tolerance: f64,
}

impl DepthSearch<'_> {
    /// Distance to the border and the border point nearest to `p`.
    pub(super) fn nearest(&self, p: Coord<f64>) -> (f64, Coord<f64>) {
        match self.index.nearest_edge(p) {
            Some(hit) => (hit.nearest.distance_m, hit.nearest.point),
            None => (0.0, p),
        }
    }

    pub(super) fn offer(&mut self, d: f64, p: Coord<f64>) {
        if d > self.best || self.best_point.is_none() {
            self.best = d;
            self.best_point = Some(p);
        }
    }

    pub(super) fn inside(&self, p: Coord<f64>) -> bool {
        self.part.coordinate_position(&p) != CoordPos::Outside
    }

    /// Evaluates a cell: offers its centre (and the vertex of cell ∩ part
    /// that bounds it) as candidates, and returns it with its upper bound if
    /// it could still beat the best by more than the tolerance.
    pub(super) fn evaluate(&mut self, rect: Rect<f64>) -> Option<Cell> {
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
pub(super) fn deepest(
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
