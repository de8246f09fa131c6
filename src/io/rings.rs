//! Polygon validity in O(n log n): the checks of geo's `Validation` for
//! polygons and multipolygons, with the same findings in the same order,
//! through one R-tree of edges instead of comparing every edge with every
//! other edge.
//!
//! Coordinates are taken as planar (lon/lat as given), like geo does. Edge
//! pairs are found through their bounding boxes and decided with geo's exact
//! segment test, so a ring self-intersects here exactly when it does for geo.
//! Relations between rings (a hole inside its shell, two holes, two polygons of
//! a multipolygon) take an exact shortcut when the rings are simple and their
//! boundaries never meet: one indexed winding-number test settles them. Rings
//! that meet (touching holes, shared edges) or are themselves invalid go to
//! geo's `Relate`, pair by pair, so the subtle cases keep geo's answer.
//!
//! Cost: O(n log n + k) for n edges, k the number of edge pairs whose bounding
//! boxes overlap (about 2n on real rings), plus one `Relate` per pair of rings
//! that touch.

use std::collections::HashSet;

use geo::algorithm::validation::{
    CoordIndex, GeometryIndex, InvalidMultiPolygon, InvalidPolygon, RingRole,
};
use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::kernels::{Kernel, RobustKernel};
use geo::{Intersects, Orientation, PreparedGeometry, Relate};
use geo_types::{Coord, Line, MultiPolygon, Polygon};
use rstar::{AABB, RTree, RTreeObject};

/// The findings of geo's `Polygon::validation_errors`, in its order.
pub(crate) fn polygon_errors(polygon: &Polygon<f64>) -> Vec<InvalidPolygon> {
    let engine = Engine::new(std::slice::from_ref(polygon));
    engine.polygon_errors(0)
}

/// The findings of geo's `MultiPolygon::validation_errors`, in its order.
pub(crate) fn multi_polygon_errors(mp: &MultiPolygon<f64>) -> Vec<InvalidMultiPolygon> {
    let engine = Engine::new(&mp.0);
    let pairs = engine.element_pairs();
    let errors: Vec<Vec<InvalidPolygon>> =
        (0..mp.0.len()).map(|i| engine.polygon_errors(i)).collect();
    let plain: Vec<bool> = errors
        .iter()
        .enumerate()
        .map(|(i, e)| e.is_empty() && engine.polygon_plain(i))
        .collect();
    let mut out = Vec::new();
    for (i, (partners, errors)) in pairs.iter().zip(errors).enumerate() {
        for e in errors {
            out.push(InvalidMultiPolygon::InvalidPolygon(GeometryIndex(i), e));
        }
        for &j in partners {
            let (overlap, line) = engine.elements_relate(i, j, plain[i] && plain[j]);
            if overlap {
                out.push(InvalidMultiPolygon::ElementsOverlaps(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
            if line {
                out.push(InvalidMultiPolygon::ElementsTouchOnALine(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
        }
    }
    out
}

/// One edge of one ring, in the tree.
#[derive(Clone, Copy)]
struct Edge {
    a: Coord<f64>,
    b: Coord<f64>,
    /// Global ring number (index into `Engine::rings`).
    ring: u32,
    /// Global edge number: each pair is looked at once, from its lower end.
    seq: u32,
}

impl RTreeObject for Edge {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners([self.a.x, self.a.y], [self.b.x, self.b.y])
    }
}

/// What the engine knows about one ring.
struct Ring<'a> {
    polygon: usize,
    /// 0 for the exterior, `k + 1` for interior `k`.
    role: usize,
    coords: &'a [Coord<f64>],
    finite: bool,
    too_few: bool,
    self_intersects: bool,
    /// Every vertex on one line (no area).
    flat: bool,
    /// `[min x, min y, max x, max y]` when finite and non-empty.
    bbox: Option<[f64; 4]>,
}

impl Ring<'_> {
    /// Simple, closed with area, finite: the shortcut applies.
    fn plain(&self) -> bool {
        self.finite && !self.too_few && !self.self_intersects && !self.flat
    }
}

struct Engine<'a> {
    polygons: &'a [Polygon<f64>],
    rings: Vec<Ring<'a>>,
    /// First global ring number of each polygon.
    first_ring: Vec<usize>,
    tree: RTree<Edge>,
    /// Pairs of rings (lower number first) whose boundaries meet.
    rings_meet: HashSet<(u32, u32)>,
    /// Pairs of polygons (lower index first) whose boundaries meet.
    polygons_meet: HashSet<(u32, u32)>,
}

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

fn is_finite(c: &Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite()
}

/// Geo's test for two edges of one ring: they meet, and not merely where one
/// ends and the other starts.
fn ring_edges_cross(s: (Coord<f64>, Coord<f64>), t: (Coord<f64>, Coord<f64>)) -> bool {
    s.0 != t.1 && s.1 != t.0 && Line::new(s.0, s.1).intersects(&Line::new(t.0, t.1))
}

fn bboxes_overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

fn ring_bbox(coords: &[Coord<f64>]) -> Option<[f64; 4]> {
    let first = coords.first()?;
    let mut b = [first.x, first.y, first.x, first.y];
    for c in coords {
        b[0] = b[0].min(c.x);
        b[1] = b[1].min(c.y);
        b[2] = b[2].max(c.x);
        b[3] = b[3].max(c.y);
    }
    Some(b)
}

fn is_flat(coords: &[Coord<f64>]) -> bool {
    let Some(&a) = coords.first() else {
        return true;
    };
    let Some(&b) = coords.iter().find(|&&c| c != a) else {
        return true;
    };
    coords
        .iter()
        .all(|&c| orient(a, b, c) == Orientation::Collinear)
}

fn too_few_points(coords: &[Coord<f64>]) -> bool {
    // Distinct after dropping consecutive repeats, closing point included.
    let mut n = 0usize;
    let mut last: Option<Coord<f64>> = None;
    for &c in coords {
        if last != Some(c) {
            n += 1;
            last = Some(c);
        }
    }
    n < 4
}

impl<'a> Engine<'a> {
    fn new(polygons: &'a [Polygon<f64>]) -> Self {
        let mut rings = Vec::new();
        let mut first_ring = Vec::with_capacity(polygons.len());
        for (p, polygon) in polygons.iter().enumerate() {
            first_ring.push(rings.len());
            let all = std::iter::once(polygon.exterior()).chain(polygon.interiors());
            for (role, ring) in all.enumerate() {
                let coords = &ring.0[..];
                let finite = coords.iter().all(is_finite);
                rings.push(Ring {
                    polygon: p,
                    role,
                    coords,
                    finite,
                    too_few: too_few_points(coords),
                    self_intersects: false,
                    flat: is_flat(coords),
                    bbox: if finite { ring_bbox(coords) } else { None },
                });
            }
        }

        let mut edges = Vec::new();
        // Edges with a non-finite end stay out of the tree (their boxes are
        // meaningless); each is compared with its whole ring below.
        let mut odd = Vec::new();
        let mut seq = 0u32;
        for (r, ring) in rings.iter().enumerate() {
            for (k, w) in ring.coords.windows(2).enumerate() {
                let e = Edge {
                    a: w[0],
                    b: w[1],
                    ring: r as u32,
                    seq,
                };
                seq = seq.wrapping_add(1);
                if is_finite(&w[0]) && is_finite(&w[1]) {
                    edges.push(e);
                } else {
                    odd.push((r, k));
                }
            }
        }
        let tree = RTree::bulk_load(edges);

        let mut engine = Engine {
            polygons,
            rings,
            first_ring,
            tree,
            rings_meet: HashSet::new(),
            polygons_meet: HashSet::new(),
        };
        engine.find_meetings();
        for (r, k) in odd {
            engine.odd_edge(r, k);
        }
        engine
    }

    /// Every pair of finite edges with overlapping boxes, decided once.
    fn find_meetings(&mut self) {
        let mut flags = vec![false; self.rings.len()];
        let mut ring_hits = HashSet::new();
        let mut polygon_hits = HashSet::new();
        // A join of the tree with itself: both trees are walked together,
        // cheaper than one query per edge.
        for (e, o) in self
            .tree
            .intersection_candidates_with_other_tree(&self.tree)
        {
            if o.seq <= e.seq {
                continue;
            }
            let (re, ro) = (e.ring, o.ring);
            if re == ro {
                if !flags[re as usize] && ring_edges_cross((e.a, e.b), (o.a, o.b)) {
                    flags[re as usize] = true;
                }
                continue;
            }
            let (pe, po) = (
                self.rings[re as usize].polygon as u32,
                self.rings[ro as usize].polygon as u32,
            );
            let meets = || Line::new(e.a, e.b).intersects(&Line::new(o.a, o.b));
            if pe == po {
                let key = (re.min(ro), re.max(ro));
                if !ring_hits.contains(&key) && meets() {
                    ring_hits.insert(key);
                }
            } else {
                let key = (pe.min(po), pe.max(po));
                if !polygon_hits.contains(&key) && meets() {
                    polygon_hits.insert(key);
                }
            }
        }
        for (ring, flag) in self.rings.iter_mut().zip(flags) {
            ring.self_intersects = flag;
        }
        self.rings_meet = ring_hits;
        self.polygons_meet = polygon_hits;
    }

    /// An edge with a non-finite end against every other edge of its ring.
    fn odd_edge(&mut self, r: usize, k: usize) {
        let ring = &self.rings[r];
        if ring.self_intersects {
            return;
        }
        let c = ring.coords;
        let s = (c[k], c[k + 1]);
        let hit = (0..c.len() - 1)
            .filter(|&j| j != k)
            .any(|j| ring_edges_cross(s, (c[j], c[j + 1])));
        if hit {
            self.rings[r].self_intersects = true;
        }
    }

    fn ring(&self, polygon: usize, role: usize) -> &Ring<'a> {
        &self.rings[self.first_ring[polygon] + role]
    }

    fn rings_meet(&self, polygon: usize, r1: usize, r2: usize) -> bool {
        let a = (self.first_ring[polygon] + r1) as u32;
        let b = (self.first_ring[polygon] + r2) as u32;
        self.rings_meet.contains(&(a.min(b), a.max(b)))
    }

    /// The winding number of each ring of `polygon` around `p` (geo's rules:
    /// an upward edge counts its start, a downward edge its end, horizontal
    /// edges never), or `None` for a ring `p` lies on. Indexed by role.
    fn windings(&self, polygon: usize, p: Coord<f64>) -> Vec<Option<i64>> {
        let first = self.first_ring[polygon];
        let count = self.polygons[polygon].interiors().len() + 1;
        let mut w: Vec<Option<i64>> = vec![Some(0); count];
        let Some(x_max) = (0..count)
            .filter_map(|r| self.rings[first + r].bbox)
            .map(|b| b[2])
            .reduce(f64::max)
        else {
            return w;
        };
        if p.x > x_max {
            return w;
        }
        // Only edges reaching the ray from p to the right can count.
        let ray = AABB::from_corners([p.x, p.y], [x_max, p.y]);
        let between = |v: f64, a: f64, b: f64| v >= a.min(b) && v <= a.max(b);
        for e in self.tree.locate_in_envelope_intersecting(&ray) {
            let r = e.ring as usize;
            if r < first || r >= first + count {
                continue;
            }
            let slot = &mut w[r - first];
            let Some(n) = slot else { continue };
            let (s, t) = (e.a, e.b);
            if s.y <= p.y {
                if t.y >= p.y {
                    let o = orient(s, t, p);
                    if o == Orientation::CounterClockwise && t.y != p.y {
                        *n += 1;
                    } else if o == Orientation::Collinear && between(p.x, s.x, t.x) {
                        *slot = None;
                    }
                }
            } else if t.y <= p.y {
                let o = orient(s, t, p);
                if o == Orientation::Clockwise {
                    *n -= 1;
                } else if o == Orientation::Collinear && between(p.x, s.x, t.x) {
                    *slot = None;
                }
            }
        }
        w
    }

    /// Where `p` lies relative to one ring of `polygon`.
    fn position_in_ring(&self, polygon: usize, role: usize, p: Coord<f64>) -> CoordPos {
        match self.windings(polygon, p)[role] {
            None => CoordPos::OnBoundary,
            Some(0) => CoordPos::Outside,
            Some(_) => CoordPos::Inside,
        }
    }

    /// Is `p` in the interior of `polygon` (inside its exterior, in no hole,
    /// on no ring)? Holes are taken in order, as geo does.
    fn inside_polygon(&self, polygon: usize, p: Coord<f64>) -> bool {
        let w = self.windings(polygon, p);
        if w[0] != Some(0) && w[0].is_some() {
            let holes = &self.polygons[polygon].interiors();
            for (k, hole) in holes.iter().enumerate() {
                if hole.0.is_empty() {
                    continue;
                }
                match w[k + 1] {
                    Some(0) => {}
                    _ => return false,
                }
            }
            return true;
        }
        false
    }

    fn polygon_errors(&self, polygon: usize) -> Vec<InvalidPolygon> {
        let mut out = Vec::new();
        let poly = &self.polygons[polygon];
        if poly.exterior().0.is_empty() {
            return out;
        }
        let count = poly.interiors().len() + 1;
        for r in 0..count {
            let ring = self.ring(polygon, r);
            if ring.coords.is_empty() {
                continue;
            }
            let role = ring_role(ring.role);
            if ring.too_few {
                out.push(InvalidPolygon::TooFewPointsInRing(role));
            }
            if ring.self_intersects {
                out.push(InvalidPolygon::SelfIntersection(role));
            }
            for (i, c) in ring.coords.iter().enumerate() {
                if !is_finite(c) {
                    out.push(InvalidPolygon::NonFiniteCoord(role, CoordIndex(i)));
                }
            }
        }
        if !poly.interiors().iter().any(|h| !h.0.is_empty()) {
            return out;
        }

        let holes = poly.interiors();
        let partners = self.hole_pairs(polygon);
        let mut prepared_exterior = None;
        for (i, hole) in holes.iter().enumerate() {
            if hole.0.is_empty() {
                continue;
            }
            let (contained, line) = self.exterior_holds(polygon, i, &mut prepared_exterior);
            if !contained {
                out.push(InvalidPolygon::InteriorRingNotContainedInExteriorRing(
                    RingRole::Interior(i),
                ));
            }
            if line {
                out.push(InvalidPolygon::IntersectingRingsOnALine(
                    RingRole::Exterior,
                    RingRole::Interior(i),
                ));
            }
            for &j in &partners[i] {
                let (area, line) = self.holes_relate(polygon, i, j);
                if area {
                    out.push(InvalidPolygon::IntersectingRingsOnAnArea(
                        RingRole::Interior(i),
                        RingRole::Interior(j),
                    ));
                }
                if line {
                    out.push(InvalidPolygon::IntersectingRingsOnALine(
                        RingRole::Interior(i),
                        RingRole::Interior(j),
                    ));
                }
            }
        }
        out
    }

    /// (is hole `i` contained in the exterior, do they share a line).
    fn exterior_holds(
        &self,
        polygon: usize,
        i: usize,
        prepared: &mut Option<PreparedGeometry<'static, Polygon<f64>>>,
    ) -> (bool, bool) {
        let shell = self.ring(polygon, 0);
        let hole = self.ring(polygon, i + 1);
        if shell.plain() && hole.plain() && !self.rings_meet(polygon, 0, i + 1) {
            // Disjoint boundaries: the hole is wholly inside or wholly outside.
            let inside = self.position_in_ring(polygon, 0, hole.coords[0]) == CoordPos::Inside;
            return (inside, false);
        }
        let exterior = prepared.get_or_insert_with(|| {
            PreparedGeometry::from(Polygon::new(
                self.polygons[polygon].exterior().clone(),
                vec![],
            ))
        });
        let hole_polygon = Polygon::new(self.polygons[polygon].interiors()[i].clone(), vec![]);
        let im = exterior.relate(&PreparedGeometry::from(&hole_polygon));
        (
            im.is_contains(),
            im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional,
        )
    }

    /// (do holes `i` and `j` overlap on an area, do they share a line).
    fn holes_relate(&self, polygon: usize, i: usize, j: usize) -> (bool, bool) {
        let (a, b) = (self.ring(polygon, i + 1), self.ring(polygon, j + 1));
        if let (Some(ba), Some(bb)) = (a.bbox, b.bbox)
            && !bboxes_overlap(ba, bb)
        {
            return (false, false);
        }
        if a.plain() && b.plain() && !self.rings_meet(polygon, i + 1, j + 1) {
            let nested = self.position_in_ring(polygon, j + 1, a.coords[0]) == CoordPos::Inside
                || self.position_in_ring(polygon, i + 1, b.coords[0]) == CoordPos::Inside;
            return (nested, false);
        }
        let holes = self.polygons[polygon].interiors();
        let first = Polygon::new(holes[i].clone(), vec![]);
        let second = Polygon::new(holes[j].clone(), vec![]);
        let im = PreparedGeometry::from(&first).relate(&second);
        (
            im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional,
            im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional,
        )
    }

    /// For each hole, the later non-empty holes that may touch it (boxes
    /// overlap, or a box is unknown), in order.
    fn hole_pairs(&self, polygon: usize) -> Vec<Vec<usize>> {
        let holes: Vec<&Ring<'_>> = (1..self.polygons[polygon].interiors().len() + 1)
            .map(|r| self.ring(polygon, r))
            .collect();
        let boxes: Vec<Option<[f64; 4]>> = holes
            .iter()
            .map(|h| if h.coords.is_empty() { None } else { h.bbox })
            .collect();
        let wild: Vec<bool> = holes
            .iter()
            .map(|h| !h.coords.is_empty() && !h.finite)
            .collect();
        candidate_pairs(&boxes, &wild)
    }

    /// For each polygon, the later polygons it may touch.
    fn element_pairs(&self) -> Vec<Vec<usize>> {
        let mut boxes = Vec::with_capacity(self.polygons.len());
        let mut wild = Vec::with_capacity(self.polygons.len());
        for (p, poly) in self.polygons.iter().enumerate() {
            let rings: Vec<&Ring<'_>> = (0..poly.interiors().len() + 1)
                .map(|r| self.ring(p, r))
                .filter(|r| !r.coords.is_empty())
                .collect();
            if rings.iter().any(|r| !r.finite)
                || (poly.exterior().0.is_empty() && !rings.is_empty())
            {
                // Unknown extent or an odd shape: geo decides every pair.
                boxes.push(None);
                wild.push(true);
                continue;
            }
            boxes.push(rings.iter().filter_map(|r| r.bbox).reduce(|a, b| {
                [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ]
            }));
            wild.push(false);
        }
        candidate_pairs(&boxes, &wild)
    }

    /// Every ring plain (empty holes aside): with no finding, the shortcut
    /// applies to the polygon.
    fn polygon_plain(&self, polygon: usize) -> bool {
        let count = self.polygons[polygon].interiors().len() + 1;
        (0..count).all(|r| {
            let ring = self.ring(polygon, r);
            (r > 0 && ring.coords.is_empty()) || ring.plain()
        })
    }

    /// (do polygons `i` and `j` overlap on an area, do they touch on a line);
    /// `plain`: both are valid with plain rings.
    fn elements_relate(&self, i: usize, j: usize, plain: bool) -> (bool, bool) {
        let key = (i.min(j) as u32, i.max(j) as u32);
        if plain && !self.polygons_meet.contains(&key) {
            let a = self.polygons[i].exterior().0[0];
            let b = self.polygons[j].exterior().0[0];
            return (
                self.inside_polygon(j, a) || self.inside_polygon(i, b),
                false,
            );
        }
        let im = self.polygons[i].relate(&self.polygons[j]);
        (
            im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional,
            im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional,
        )
    }
}

fn ring_role(role: usize) -> RingRole {
    if role == 0 {
        RingRole::Exterior
    } else {
        RingRole::Interior(role - 1)
    }
}

/// For each item, the later items whose boxes overlap its box, sorted; a
/// `wild` item pairs with every other non-empty item; an item without a box
/// and not wild pairs with none.
fn candidate_pairs(boxes: &[Option<[f64; 4]>], wild: &[bool]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy)]
    struct Item {
        b: [f64; 4],
        i: usize,
    }
    impl RTreeObject for Item {
        type Envelope = AABB<[f64; 2]>;
        fn envelope(&self) -> Self::Envelope {
            AABB::from_corners([self.b[0], self.b[1]], [self.b[2], self.b[3]])
        }
    }
    let n = boxes.len();
    let mut out = vec![Vec::new(); n];
    let items: Vec<Item> = boxes
        .iter()
        .enumerate()
        .filter(|(i, _)| !wild[*i])
        .filter_map(|(i, b)| b.map(|b| Item { b, i }))
        .collect();
    let tree = RTree::bulk_load(items.clone());
    for it in &items {
        for o in tree.locate_in_envelope_intersecting(&it.envelope()) {
            if o.i > it.i {
                out[it.i].push(o.i);
            }
        }
    }
    let present: Vec<usize> = (0..n).filter(|&i| wild[i] || boxes[i].is_some()).collect();
    for (i, &w) in wild.iter().enumerate() {
        if w {
            for &j in &present {
                if j > i {
                    out[i].push(j);
                } else if j < i && !wild[j] {
                    out[j].push(i);
                }
            }
        }
    }
    for v in &mut out {
        v.sort_unstable();
        v.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Validation;
    use proptest::prelude::*;

    fn poly(exterior: Vec<(f64, f64)>, holes: Vec<Vec<(f64, f64)>>) -> Polygon<f64> {
        Polygon::new(exterior.into(), holes.into_iter().map(Into::into).collect())
    }

    fn same_as_geo(p: &Polygon<f64>) {
        assert_eq!(polygon_errors(p), p.validation_errors(), "{p:?}");
    }

    #[test]
    fn hand_cases_match_geo() {
        // Valid square; spike; bow tie; hole touching the shell at a point
        // and along a line; hole outside; nested holes; too few points.
        let square = vec![(0., 0.), (4., 0.), (4., 4.), (0., 4.)];
        let cases = [
            poly(square.clone(), vec![]),
            poly(
                vec![
                    (0., 0.),
                    (4., 0.),
                    (4., 4.),
                    (2., 4.),
                    (2., 6.),
                    (2., 4.),
                    (0., 4.),
                ],
                vec![],
            ),
            poly(vec![(0., 0.), (4., 0.), (0., 2.), (4., 2.)], vec![]),
            poly(
                square.clone(),
                vec![vec![(0., 2.), (2., 1.), (3., 2.), (2., 3.)]],
            ),
            poly(
                square.clone(),
                vec![vec![(0., 2.), (0., 1.), (2., 1.), (3., 2.), (2., 3.)]],
            ),
            poly(square.clone(), vec![vec![(5., 5.), (6., 5.), (6., 6.)]]),
            poly(
                vec![(0., 0.), (10., 0.), (10., 10.), (0., 10.)],
                vec![
                    vec![(1., 1.), (1., 9.), (9., 9.), (9., 1.)],
                    vec![(2., 2.), (2., 8.), (8., 8.), (8., 2.)],
                ],
            ),
            poly(vec![(0., 0.), (1., 1.)], vec![]),
            poly(vec![(0., 0.), (1., 1.), (2., 2.)], vec![]),
        ];
        for p in &cases {
            same_as_geo(p);
        }
        assert_eq!(
            polygon_errors(&cases[1]),
            vec![InvalidPolygon::SelfIntersection(RingRole::Exterior)]
        );
        assert!(polygon_errors(&cases[0]).is_empty());
    }

    #[test]
    fn non_finite_coordinates_match_geo() {
        let p = poly(
            vec![(0., 0.), (4., 0.), (f64::INFINITY, 4.), (0., 4.)],
            vec![],
        );
        assert_eq!(polygon_errors(&p), p.validation_errors());
        assert!(polygon_errors(&p).contains(&InvalidPolygon::NonFiniteCoord(
            RingRole::Exterior,
            CoordIndex(2)
        )));
    }

    /// Points on a small grid, so that rings touch, share edges and repeat
    /// vertices often.
    fn grid() -> impl Strategy<Value = (f64, f64)> {
        (0..=6i32, 0..=6i32).prop_map(|(x, y)| (f64::from(x), f64::from(y)))
    }

    /// A ring: random points, a rectangle (maybe with a vertex on an edge),
    /// or a triangle; then maybe a spike or a repeated vertex.
    fn ring() -> impl Strategy<Value = Vec<(f64, f64)>> {
        let random = prop::collection::vec(grid(), 1..8);
        let rect = (
            0..=4i32,
            0..=4i32,
            1..=3i32,
            1..=3i32,
            any::<bool>(),
            0..4usize,
        )
            .prop_map(|(x, y, w, h, reverse, start)| {
                let (x, y, w, h) = (f64::from(x), f64::from(y), f64::from(w), f64::from(h));
                let mut r = vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                if reverse {
                    r.reverse();
                }
                r.rotate_left(start);
                r
            });
        let triangle = prop::collection::vec(grid(), 3..=3);
        let base = prop_oneof![2 => random, 3 => rect, 2 => triangle];
        (base, 0..4u8, 0..8usize, grid()).prop_map(|(mut r, edit, at, p)| {
            let k = at % r.len();
            match edit {
                // A spike out to p and back.
                1 => {
                    let v = r[k];
                    r.splice(k + 1..k + 1, [p, v]);
                }
                2 => {
                    let v = r[k];
                    r.insert(k, v);
                }
                // A vertex on the next edge's line (collinear overlap if out of it).
                3 if r.len() > 1 => {
                    let (a, b) = (r[k], r[(k + 1) % r.len()]);
                    r.insert(k + 1, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
                }
                _ => {}
            }
            r
        })
    }

    fn polygon() -> impl Strategy<Value = Polygon<f64>> {
        let random = (ring(), prop::collection::vec(ring(), 0..4))
            .prop_map(|(shell, holes)| poly(shell, holes));
        prop_oneof![random, mostly_valid()]
    }

    /// A larger rectangular shell with small holes inside its box, moved by a
    /// random offset: valid more often than not, so that polygons of a
    /// multipolygon are disjoint, nested, touching or overlapping.
    fn mostly_valid() -> impl Strategy<Value = Polygon<f64>> {
        let hole = prop_oneof![
            (0..=5i32, 0..=5i32, 1..=2i32, 1..=2i32).prop_map(|(x, y, w, h)| {
                let (x, y, w, h) = (f64::from(x), f64::from(y), f64::from(w), f64::from(h));
                vec![(x, y), (x, y + h), (x + w, y + h), (x + w, y)]
            }),
            prop::collection::vec(grid(), 3..=4),
        ];
        (
            prop::collection::vec(hole, 0..3),
            any::<bool>(),
            0..=10i32,
            0..=10i32,
        )
            .prop_map(|(holes, reverse, dx, dy)| {
                let mut shell = vec![(0., 0.), (7., 0.), (7., 7.), (3., 7.), (0., 7.)];
                if reverse {
                    shell.reverse();
                }
                let (dx, dy) = (f64::from(dx), f64::from(dy));
                let shift = |r: Vec<(f64, f64)>| -> Vec<(f64, f64)> {
                    r.into_iter().map(|(x, y)| (x + dx, y + dy)).collect()
                };
                poly(shift(shell), holes.into_iter().map(shift).collect())
            })
    }

    /// Valid pieces on a half-unit grid: rectangles (maybe with a hole) and
    /// right triangles, so that pairs are often disjoint with overlapping
    /// boxes, nested in a hole, or one inside the other.
    fn piece() -> impl Strategy<Value = Polygon<f64>> {
        (0..=16i32, 0..=16i32, 1..=8i32, 1..=8i32, 0..3u8).prop_map(|(x, y, w, h, shape)| {
            let (x, y, w, h) = (
                f64::from(x) / 2.0,
                f64::from(y) / 2.0,
                f64::from(w),
                f64::from(h),
            );
            let rect = |x: f64, y: f64, w: f64, h: f64| {
                vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            };
            match shape {
                0 => poly(vec![(x, y), (x + w, y), (x, y + h)], vec![]),
                1 if w >= 3.0 && h >= 3.0 => poly(
                    rect(x, y, w, h),
                    vec![rect(x + 1.0, y + 1.0, w - 2.0, h - 2.0)],
                ),
                _ => poly(rect(x, y, w, h), vec![]),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn polygons_match_geo(p in polygon()) {
            prop_assert_eq!(polygon_errors(&p), p.validation_errors(), "{:?}", p);
        }

        #[test]
        fn multi_polygons_match_geo(
            ps in prop::collection::vec(prop_oneof![polygon(), piece()], 1..5)
        ) {
            let mp = MultiPolygon(ps);
            prop_assert_eq!(multi_polygon_errors(&mp), mp.validation_errors(), "{:?}", mp);
        }
    }
}
