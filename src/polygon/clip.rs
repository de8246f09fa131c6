//! Clipping polygons whose edges are geodesics, exactly, in a local plane
//! where geodesics are straight ([`LocalPlane`]).
//!
//! Each operation projects its operands about a centre between them (edges
//! too long to stay within [`STRAIGHT_TOLERANCE_M`] of straight are split
//! along their geodesics), clips them with geo's boolean operations, and puts
//! every vertex of the result back: an input vertex exactly as the user gave
//! it, a crossing of two edges at its floating-point position in the plane,
//! taken back to lon/lat. A small polygon is clipped against a large prepared
//! one ([`PreparedPolygon`]) through only the large one's edges near it.

use std::iter::once;

use geo::BooleanOps;
use geo::algorithm::bool_ops::{FillRule, OpType};
use geo_types::{Coord, LineString, MultiPolygon, Polygon, Rect};
use rstar::primitives::{GeomWithData, Line};
use rstar::{AABB, Envelope, RTree};

use crate::geodesy::{
    LocalPlane, MAX_RADIUS_M, WGS84_A, WGS84_B, arc_upper_bound_m, densify_line, dot, ecef,
    edge_sagitta_bound_m, max_straight_edge_m, sub,
};
use crate::polygon::{Location, PreparedPolygon};

/// How far (metres) a projected geodesic edge may stray from its straight
/// chord before it is split: crossings are this close to exact, and areas
/// within this times the edges' length (5e-3 m² for 5 km edges).
pub const STRAIGHT_TOLERANCE_M: f64 = 1e-6;

/// A ring's vertices (closed: the last repeats the first), in lon/lat and
/// ECEF.
pub(crate) struct Ring {
    lonlat: Vec<Coord<f64>>,
    ecef: Vec<[f64; 3]>,
}

/// A zone (or query polygon) ready for clipping: rings per polygon
/// (exterior first) and a 3D box around the surface it covers.
pub(crate) struct Shape {
    polygons: Vec<Vec<Ring>>,
    pub(crate) bbox: AABB<[f64; 3]>,
}

impl Shape {
    pub(crate) fn new(polygons: &[Polygon<f64>]) -> Option<Shape> {
        let (mut lo, mut hi) = ([f64::INFINITY; 3], [f64::NEG_INFINITY; 3]);
        let mut longest: f64 = 0.0;
        let mut out = Vec::with_capacity(polygons.len());
        for p in polygons {
            // A ring needs three corners; a polygon without a usable
            // exterior has no area at all.
            let usable = |r: &LineString<f64>| r.0.len() >= 4;
            if !usable(p.exterior()) {
                continue;
            }
            let mut rings = Vec::with_capacity(1 + p.interiors().len());
            for r in once(p.exterior())
                .chain(p.interiors())
                .filter(|r| usable(r))
            {
                let ecef: Vec<[f64; 3]> = r.0.iter().map(|&c| ecef(c)).collect();
                for e in &ecef {
                    for k in 0..3 {
                        lo[k] = lo[k].min(e[k]);
                        hi[k] = hi[k].max(e[k]);
                    }
                }
                for w in ecef.windows(2) {
                    longest = longest.max(dist(w[0], w[1]));
                }
                rings.push(Ring {
                    lonlat: r.0.clone(),
                    ecef,
                });
            }
            out.push(rings);
        }
        if out.is_empty() {
            return None;
        }
        // Geodesic edges bow out of their ends' box by at most the sagitta.
        let pad = edge_sagitta_bound_m(arc_upper_bound_m(longest));
        let mut shape = Shape {
            polygons: out,
            bbox: AABB::from_corners(lo.map(|v| v - pad), hi.map(|v| v + pad)),
        };
        shape.cover_axis_points();
        Some(shape)
    }

    pub(crate) fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flatten()
    }

    /// Grows the box to hold the whole surface, not only the outline: a
    /// coordinate peaks inside the zone only where the zone holds one of the
    /// six points where the ellipsoid meets an axis (a pole, say).
    fn cover_axis_points(&mut self) {
        const AXIS: [[f64; 3]; 6] = [
            [WGS84_A, 0.0, 0.0],
            [-WGS84_A, 0.0, 0.0],
            [0.0, WGS84_A, 0.0],
            [0.0, -WGS84_A, 0.0],
            [0.0, 0.0, WGS84_B],
            [0.0, 0.0, -WGS84_B],
        ];
        let mut plane = None;
        for p in AXIS {
            if self.bbox.contains_point(&p) {
                continue;
            }
            let plane = *plane.get_or_insert_with(|| LocalPlane::facing(self.bbox.center()));
            if self.may_contain(&plane, p) {
                self.bbox.merge(&AABB::from_point(p));
            }
        }
    }

    /// Whether the zone holds the surface point `p` (ECEF); `true` when the
    /// zone is too large to tell in one plane (a larger box is only slower).
    fn may_contain(&self, plane: &LocalPlane, p: [f64; 3]) -> bool {
        let Some(q) = plane.forward_ecef(p) else {
            return false;
        };
        let mut inside_any = false;
        for rings in &self.polygons {
            let mut inside = false;
            for (k, ring) in rings.iter().enumerate() {
                let Some(pts) = ring
                    .ecef
                    .iter()
                    .map(|&e| plane.forward_ecef(e))
                    .collect::<Option<Vec<_>>>()
                else {
                    return true;
                };
                let hit = ring_contains(&pts, q);
                if k == 0 {
                    inside = hit;
                } else if hit {
                    inside = false;
                }
            }
            inside_any |= inside;
        }
        inside_any
    }
}

fn dist(u: [f64; 3], v: [f64; 3]) -> f64 {
    let d = sub(u, v);
    dot(d, d).sqrt()
}

/// Distance from `p` to the segment a–b, in the plane.
fn segment_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (d, w) = (b - a, p - a);
    let len2 = d.x * d.x + d.y * d.y;
    let t = if len2 > 0.0 {
        ((w.x * d.x + w.y * d.y) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = a + d * t;
    (p.x - q.x).hypot(p.y - q.y)
}

/// Crossing-number test of a plane point against a closed ring.
fn ring_contains(ring: &[Coord<f64>], q: Coord<f64>) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > q.y) != (b.y > q.y) {
            let x = a.x + (q.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if q.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

/// Twice the signed area of a closed plane ring (positive counter-clockwise).
fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum()
}

/// A shape's rings in a plane, with the lon/lat of every plane vertex.
struct Projected {
    polygons: MultiPolygon<f64>,
    /// (plane, lon/lat) of every vertex.
    vertices: Vec<(Coord<f64>, Coord<f64>)>,
    /// Every edge, in the plane.
    edges: Vec<Line<[f64; 2]>>,
}

impl Projected {
    /// `None` when a vertex lies behind the plane.
    fn new(shape: &Shape, plane: &LocalPlane, max_edge_m: f64) -> Option<Projected> {
        let mut vertices = Vec::new();
        let mut edges = Vec::new();
        let mut polygons = Vec::with_capacity(shape.polygons.len());
        for rings in &shape.polygons {
            let mut projected = Vec::with_capacity(rings.len());
            for (k, ring) in rings.iter().enumerate() {
                let mut pts: Vec<(Coord<f64>, Coord<f64>)> = Vec::with_capacity(ring.ecef.len());
                for i in 0..ring.ecef.len() {
                    pts.push((plane.forward_ecef(ring.ecef[i])?, ring.lonlat[i]));
                    if i + 1 < ring.ecef.len()
                        && arc_upper_bound_m(dist(ring.ecef[i], ring.ecef[i + 1])) > max_edge_m
                    {
                        split_edge(
                            ring.lonlat[i],
                            ring.lonlat[i + 1],
                            max_edge_m,
                            plane,
                            &mut pts,
                        )?;
                    }
                }
                // NonZero filling is the union of the polygons when
                // exteriors turn counter-clockwise and holes clockwise.
                let plane_ring: Vec<Coord<f64>> = pts.iter().map(|p| p.0).collect();
                let ccw = signed_area2(&plane_ring) > 0.0;
                if ccw != (k == 0) {
                    pts.reverse();
                }
                for w in pts.windows(2) {
                    edges.push(Line::new([w[0].0.x, w[0].0.y], [w[1].0.x, w[1].0.y]));
                }
                projected.push(LineString(pts.iter().map(|p| p.0).collect()));
                vertices.extend(pts);
            }
            let mut it = projected.into_iter();
            if let Some(exterior) = it.next() {
                polygons.push(Polygon::new(exterior, it.collect()));
            }
        }
        Some(Projected {
            polygons: MultiPolygon(polygons),
            vertices,
            edges,
        })
    }
}

/// Points along the geodesic a→b (not a or b) so that no piece is longer
/// than `max_edge_m`, with their plane points.
fn split_edge(
    a: Coord<f64>,
    b: Coord<f64>,
    max_edge_m: f64,
    plane: &LocalPlane,
    out: &mut Vec<(Coord<f64>, Coord<f64>)>,
) -> Option<()> {
    let line = densify_line(&LineString(vec![a, b]), max_edge_m);
    for &c in &line.0[1..line.0.len() - 1] {
        out.push((plane.forward(c)?, c));
    }
    Some(())
}

/// Why a pair could not be clipped: the distance (metres) its vertices reach
/// from a common centre.
pub(crate) struct TooFar(pub(crate) f64);

/// The plane facing the middle of `bbox`, and how far (metres along the
/// surface) the rings reach from its centre: edges lie within their ends'
/// reach plus their sagitta, which 1% covers.
fn plane_about<'r>(
    bbox: &AABB<[f64; 3]>,
    rings: impl Iterator<Item = &'r Ring>,
) -> (LocalPlane, f64) {
    let plane = LocalPlane::facing(bbox.center());
    let c = plane.center_ecef();
    let chord = rings
        .flat_map(|r| &r.ecef)
        .map(|&e| dist(e, c))
        .fold(0.0_f64, f64::max);
    (plane, 1.01 * arc_upper_bound_m(chord) + 1.0)
}

/// `a ∩ b` in lon/lat: the operands' own vertices and the crossings of their
/// geodesic edges; `None` when the interiors do not meet.
pub(crate) fn intersect(
    a: &Shape,
    b: &Shape,
) -> std::result::Result<Option<MultiPolygon<f64>>, TooFar> {
    let mut bbox = a.bbox;
    bbox.merge(&b.bbox);
    let (plane, radius) = plane_about(&bbox, a.rings().chain(b.rings()));
    if radius > MAX_RADIUS_M {
        return Err(TooFar(radius));
    }
    let max_edge = max_straight_edge_m(STRAIGHT_TOLERANCE_M, radius);
    let (Some(pa), Some(pb)) = (
        Projected::new(a, &plane, max_edge),
        Projected::new(b, &plane, max_edge),
    ) else {
        return Err(TooFar(radius));
    };
    Ok(finish(&plane, &pa, &pb))
}

/// A boolean operation of two polygon sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClipOp {
    /// a ∩ b
    Intersection,
}

/// `a op b` for polygons with geodesic edges (lon/lat degrees), clipped in a
/// local plane with every vertex put back (the operands' own, or crossings
/// of their edges).
///
/// # Errors
///
/// [`crate::Error::TooLarge`] when the operands together reach beyond
/// [`MAX_RADIUS_M`] from their common centre.
pub(crate) fn clip_polygons(
    a: &[Polygon<f64>],
    b: &[Polygon<f64>],
    op: ClipOp,
) -> crate::Result<MultiPolygon<f64>> {
    let (Some(sa), Some(sb)) = (Shape::new(a), Shape::new(b)) else {
        return Ok(match op {
            ClipOp::Intersection => MultiPolygon(Vec::new()),
        });
    };
    let result = match op {
        ClipOp::Intersection => intersect(&sa, &sb),
    };
    result
        .map(|m| m.unwrap_or_else(|| MultiPolygon(Vec::new())))
        .map_err(|TooFar(reach)| crate::Error::TooLarge {
            features: "the clipped polygons".to_owned(),
            reason: format!(
                "their vertices lie up to {:.0} km from a common centre; polygons are \
                 clipped in a local plane that reaches {:.0} km",
                reach / 1e3,
                MAX_RADIUS_M / 1e3
            ),
        })
}

/// `a ∩ b` of two projected operands, with every vertex put back.
fn finish(plane: &LocalPlane, a: &Projected, b: &Projected) -> Option<MultiPolygon<f64>> {
    let raw = a
        .polygons
        .intersection_with_fill_rule(&b.polygons, FillRule::NonZero);
    if raw.0.is_empty() {
        return None;
    }
    let back = Restore::new(plane, a, b);
    Some(MultiPolygon(
        raw.0
            .into_iter()
            .map(|p| {
                let (exterior, interiors) = p.into_inner();
                Polygon::new(
                    back.ring(exterior),
                    interiors.into_iter().map(|r| back.ring(r)).collect(),
                )
            })
            .collect(),
    ))
}

/// How straight (metres) projected edges must be for a zone reaching
/// `radius_m` from its centre: [`STRAIGHT_TOLERANCE_M`] up to 100 km, then
/// growing with the square of the radius (1.3 mm at 3,600 km), so that a
/// continent-sized zone is not split into millions of edges; the area moves
/// by at most this times the outline's length, far inside the contract's
/// 1e-6 relative.
fn straight_tolerance_m(radius_m: f64) -> f64 {
    STRAIGHT_TOLERANCE_M * (radius_m / 1e5).max(1.0).powi(2)
}

/// The region a closed ring (lon/lat, last vertex repeating the first,
/// geodesic edges) winds around, by the non-zero winding rule, in lon/lat:
/// the ring's own vertices as given and the crossings of its edges with each
/// other; empty when it encloses nothing.
///
/// The ring is projected about the centre of its box, its self-crossings
/// resolved in the plane, and every vertex put back as [`intersect`] does.
pub(crate) fn wound_region(ring: &[Coord<f64>]) -> std::result::Result<MultiPolygon<f64>, TooFar> {
    let polygon = Polygon::new(LineString(ring.to_vec()), Vec::new());
    let Some(shape) = Shape::new(std::slice::from_ref(&polygon)) else {
        return Ok(MultiPolygon(Vec::new()));
    };
    let (plane, radius) = plane_about(&shape.bbox, shape.rings());
    if radius.is_nan() || radius > MAX_RADIUS_M {
        return Err(TooFar(radius));
    }
    let max_edge = max_straight_edge_m(STRAIGHT_TOLERANCE_M, radius);
    let Some(p) = Projected::new(&shape, &plane, max_edge) else {
        return Err(TooFar(radius));
    };
    let raw = p.polygons.boolean_op_with_fill_rule(
        &MultiPolygon::<f64>::new(Vec::new()),
        OpType::Union,
        FillRule::NonZero,
    );
    let back = RestoreSelf::new(&plane, &p);
    Ok(MultiPolygon(
        raw.0
            .into_iter()
            .map(|q| {
                let (exterior, interiors) = q.into_inner();
                Polygon::new(
                    back.ring(exterior),
                    interiors.into_iter().map(|r| back.ring(r)).collect(),
                )
            })
            .collect(),
    ))
}

/// Conservative radius of curvature (m) for turning metres into degrees.
const SMALL_RADIUS_M: f64 = 6_300_000.0;

/// Lon/lat boxes (one, or two across the antimeridian) holding every point
/// within `reach_m` of `c`.
fn disc_boxes(c: Coord<f64>, reach_m: f64) -> Vec<Rect<f64>> {
    let dlat = (reach_m / SMALL_RADIUS_M).to_degrees() * 1.01 + 1e-9;
    let (lat0, lat1) = (c.y - dlat, c.y + dlat);
    let full = |lat0: f64, lat1: f64| {
        vec![Rect::new(
            Coord {
                x: -180.0,
                y: lat0.max(-90.0),
            },
            Coord {
                x: 180.0,
                y: lat1.min(90.0),
            },
        )]
    };
    if lat0 <= -90.0 || lat1 >= 90.0 {
        return full(lat0, lat1);
    }
    let cos = lat0.abs().max(lat1.abs()).to_radians().cos();
    let sin = (reach_m / SMALL_RADIUS_M)
        .min(std::f64::consts::FRAC_PI_2)
        .sin()
        / cos;
    if sin >= 1.0 {
        return full(lat0, lat1);
    }
    let dlon = sin.asin().to_degrees() * 1.01 + 1e-9;
    let (x0, x1) = (c.x - dlon, c.x + dlon);
    let rect = |x0: f64, x1: f64| Rect::new(Coord { x: x0, y: lat0 }, Coord { x: x1, y: lat1 });
    if x0 < -180.0 {
        vec![rect(-180.0, x1), rect(x0 + 360.0, 180.0)]
    } else if x1 > 180.0 {
        vec![rect(x0, 180.0), rect(-180.0, x1 - 360.0)]
    } else {
        vec![rect(x0, x1)]
    }
}

/// `zone ∩ big`, where `big` may have millions of vertices: only its edges
/// near the zone take part. They are cut to a window around the zone (a
/// rectangle in the zone's plane) and closed along the window's sides
/// where the window lies inside `big`; the zone is clipped against that.
pub(crate) fn intersect_prepared(
    zone: &Shape,
    big: &PreparedPolygon,
) -> std::result::Result<Option<MultiPolygon<f64>>, TooFar> {
    let (plane, zone_radius) = plane_about(&zone.bbox, zone.rings());
    // The window reaches at most twice as far as the zone, plus a margin.
    let reach_limit = 2.0 * zone_radius + 200.0;
    if reach_limit > MAX_RADIUS_M {
        return Err(TooFar(reach_limit));
    }
    let max_edge = max_straight_edge_m(straight_tolerance_m(zone_radius), reach_limit);
    let Some(pz) = Projected::new(zone, &plane, max_edge) else {
        return Err(TooFar(zone_radius));
    };
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for (p, _) in &pz.vertices {
        lo = [lo[0].min(p.x), lo[1].min(p.y)];
        hi = [hi[0].max(p.x), hi[1].max(p.y)];
    }
    if !(lo[0] <= hi[0] && lo[1] <= hi[1]) {
        return Ok(None);
    }
    let size = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    // Odd factors keep the window's sides off the data's round numbers; a
    // side that still meets a vertex is moved and the cut tried again.
    for (k, odd) in [0.2137, 0.3119, 0.1753, 0.2671].into_iter().enumerate() {
        let grow = odd * size + 37.31 + k as f64 * 11.7;
        let window = Window {
            x0: lo[0] - grow,
            y0: lo[1] - grow * 1.013,
            x1: hi[0] + grow * 0.987,
            y1: hi[1] + grow * 1.007,
        };
        let reach = 1.01
            * window
                .x0
                .abs()
                .max(window.x1.abs())
                .hypot(window.y0.abs().max(window.y1.abs()))
            + 1.0;
        if reach > reach_limit {
            return Err(TooFar(reach));
        }
        match cut_to_window(big, &plane, &window, reach, max_edge) {
            Cut::Degenerate => continue,
            Cut::Empty => return Ok(None),
            Cut::Projected(pt) => return Ok(finish(&plane, &pz, &pt)),
        }
    }
    Err(TooFar(f64::NAN))
}

/// A rectangle of the plane.
#[derive(Debug, Clone, Copy)]
struct Window {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Window {
    fn contains(&self, p: Coord<f64>) -> bool {
        p.x > self.x0 && p.x < self.x1 && p.y > self.y0 && p.y < self.y1
    }

    fn on_side(&self, p: Coord<f64>) -> bool {
        (p.x == self.x0 || p.x == self.x1) && p.y >= self.y0 && p.y <= self.y1
            || (p.y == self.y0 || p.y == self.y1) && p.x >= self.x0 && p.x <= self.x1
    }

    /// Position along the sides, counter-clockwise from the lower-left corner.
    fn perimeter_at(&self, p: Coord<f64>) -> f64 {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        if p.y == self.y0 {
            p.x - self.x0
        } else if p.x == self.x1 {
            w + (p.y - self.y0)
        } else if p.y == self.y1 {
            w + h + (self.x1 - p.x)
        } else {
            2.0 * w + h + (self.y1 - p.y)
        }
    }

    /// The corners with their perimeter positions.
    fn corners(&self) -> [(f64, Coord<f64>); 4] {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        [
            (
                0.0,
                Coord {
                    x: self.x0,
                    y: self.y0,
                },
            ),
            (
                w,
                Coord {
                    x: self.x1,
                    y: self.y0,
                },
            ),
            (
                w + h,
                Coord {
                    x: self.x1,
                    y: self.y1,
                },
            ),
            (
                2.0 * w + h,
                Coord {
                    x: self.x0,
                    y: self.y1,
                },
            ),
        ]
    }

    /// The part [t0, t1] of p→q inside (Liang–Barsky), with the crossing
    /// points snapped onto the sides they cross.
    fn clip(&self, p: Coord<f64>, q: Coord<f64>) -> Option<(f64, f64, Coord<f64>, Coord<f64>)> {
        let (dx, dy) = (q.x - p.x, q.y - p.y);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let (mut side0, mut side1) = (None, None);
        for (k, (den, num)) in [
            (-dx, p.x - self.x0),
            (dx, self.x1 - p.x),
            (-dy, p.y - self.y0),
            (dy, self.y1 - p.y),
        ]
        .into_iter()
        .enumerate()
        {
            if den == 0.0 {
                if num < 0.0 {
                    return None;
                }
                continue;
            }
            let t = num / den;
            if den < 0.0 {
                if t > t0 {
                    t0 = t;
                    side0 = Some(k);
                }
            } else if t < t1 {
                t1 = t;
                side1 = Some(k);
            }
        }
        if t0 > t1 {
            return None;
        }
        let at = |t: f64, side: Option<usize>| {
            let mut c = Coord {
                x: p.x + t * dx,
                y: p.y + t * dy,
            };
            match side {
                Some(0) => c.x = self.x0,
                Some(1) => c.x = self.x1,
                Some(2) => c.y = self.y0,
                Some(3) => c.y = self.y1,
                _ => {}
            }
            c.x = c.x.clamp(self.x0, self.x1);
            c.y = c.y.clamp(self.y0, self.y1);
            c
        };
        let a = if side0.is_some() { at(t0, side0) } else { p };
        let b = if side1.is_some() { at(t1, side1) } else { q };
        Some((
            if side0.is_some() { t0 } else { 0.0 },
            if side1.is_some() { t1 } else { 1.0 },
            a,
            b,
        ))
    }
}

/// The part of a large polygon inside a window.
enum Cut {
    /// The window misses the polygon.
    Empty,
    /// A vertex or a corner fell on the window's side: try another window.
    Degenerate,
    /// The polygon ∩ window, projected (rings with the inside on the left).
    Projected(Projected),
}

/// A chain of projected points (plane, lon/lat) of a ring of `big`.
type Chain = Vec<(Coord<f64>, Coord<f64>)>;

fn cut_to_window(
    big: &PreparedPolygon,
    plane: &LocalPlane,
    window: &Window,
    reach_m: f64,
    max_edge_m: f64,
) -> Cut {
    let centre = plane.inverse(Coord { x: 0.0, y: 0.0 });
    let mut near = Vec::new();
    for rect in disc_boxes(centre, reach_m) {
        near.extend(big.edges_near(rect));
    }
    near.sort_unstable_by_key(|e| (e.ring, e.pos));
    near.dedup_by_key(|e| (e.ring, e.pos));
    // Runs of consecutive edges of one ring.
    let mut runs: Vec<(u32, Vec<Coord<f64>>, bool)> = Vec::new(); // (ring, vertices, closed)
    let mut i = 0;
    while i < near.len() {
        let ring = near[i].ring;
        let mut j = i;
        while j < near.len() && near[j].ring == ring {
            j += 1;
        }
        let len = big.ring_len(ring);
        let edges = &near[i..j];
        if edges.len() as u32 == len {
            let mut v: Vec<Coord<f64>> = edges.iter().map(|e| e.from).collect();
            v.push(edges[0].from);
            runs.push((ring, v, true));
        } else {
            let mut pieces: Vec<Vec<Coord<f64>>> = Vec::new();
            let mut first_starts_at_zero = false;
            for (k, e) in edges.iter().enumerate() {
                if k > 0 && edges[k - 1].pos + 1 == e.pos {
                    pieces.last_mut().expect("a piece").push(e.to);
                } else {
                    if k == 0 && e.pos == 0 {
                        first_starts_at_zero = true;
                    }
                    pieces.push(vec![e.from, e.to]);
                }
            }
            // A run through the ring's closing edge continues at edge 0.
            if first_starts_at_zero && pieces.len() > 1 && edges[edges.len() - 1].pos + 1 == len {
                let head = pieces.remove(0);
                pieces
                    .last_mut()
                    .expect("a piece")
                    .extend_from_slice(&head[1..]);
            }
            runs.extend(pieces.into_iter().map(|v| (ring, v, false)));
        }
        i = j;
    }
    // Project, split long edges, orient (inside on the left).
    let mut chains: Vec<(Chain, bool)> = Vec::new();
    for (ring, mut v, closed) in runs {
        if big.ring_flipped(ring) {
            v.reverse();
        }
        let mut chain: Chain = Vec::with_capacity(v.len());
        let mut broken = false;
        for k in 0..v.len() {
            let mut pts: Vec<Coord<f64>> = vec![v[k]];
            if k + 1 < v.len() && crate::geodesy::distance_m(v[k], v[k + 1]) > max_edge_m {
                let d = densify_line(&LineString(vec![v[k], v[k + 1]]), max_edge_m);
                pts.extend_from_slice(&d.0[1..d.0.len() - 1]);
            }
            for c in pts {
                match plane.forward(c) {
                    Some(p) => chain.push((p, c)),
                    None => {
                        // Points behind the plane are far outside the window.
                        broken = true;
                        if chain.len() >= 2 {
                            chains.push((std::mem::take(&mut chain), false));
                        }
                        chain.clear();
                    }
                }
            }
        }
        if chain.len() >= 2 {
            chains.push((chain, closed && !broken));
        }
    }
    // Cut the chains at the window's sides.
    struct Piece {
        pts: Chain,
        entry: f64,
        exit: f64,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut rings: Vec<Chain> = Vec::new();
    for (mut chain, closed) in chains {
        if chain.iter().any(|(p, _)| window.on_side(*p)) {
            return Cut::Degenerate;
        }
        if closed {
            match chain.iter().position(|(p, _)| !window.contains(*p)) {
                None => {
                    rings.push(chain);
                    continue;
                }
                Some(k) => {
                    // Start outside, so every piece has an entry and an exit.
                    chain.pop();
                    chain.rotate_left(k);
                    chain.push(chain[0]);
                }
            }
        } else if window.contains(chain[0].0) || window.contains(chain[chain.len() - 1].0) {
            // An open run starts and ends at edges far from the window.
            return Cut::Degenerate;
        }
        let mut current: Option<Piece> = None;
        for w in chain.windows(2) {
            let ((p, _), (q, ql)) = (w[0], w[1]);
            let Some((t0, t1, a, b)) = window.clip(p, q) else {
                continue;
            };
            if t0 > 0.0 {
                current = Some(Piece {
                    pts: vec![(a, plane.inverse(a))],
                    entry: window.perimeter_at(a),
                    exit: f64::NAN,
                });
            }
            let Some(piece) = current.as_mut() else {
                return Cut::Degenerate;
            };
            if t1 < 1.0 {
                piece.pts.push((b, plane.inverse(b)));
                piece.exit = window.perimeter_at(b);
                pieces.push(current.take().expect("a piece"));
            } else {
                piece.pts.push((q, ql));
            }
        }
        if current.is_some() {
            return Cut::Degenerate;
        }
    }
    if pieces.is_empty() {
        // The window is wholly inside or wholly outside, but for rings
        // within it.
        let corner = plane.inverse(Coord {
            x: window.x0,
            y: window.y0,
        });
        match big.locate(corner) {
            Location::Boundary => return Cut::Degenerate,
            Location::Inside => rings.push(
                window
                    .corners()
                    .iter()
                    .chain(once(&window.corners()[0]))
                    .map(|&(_, c)| (c, plane.inverse(c)))
                    .collect(),
            ),
            Location::Outside => {}
        }
    } else {
        // From each exit, counter-clockwise along the sides to the next
        // entry.
        let mut events: Vec<(f64, bool, usize)> = Vec::with_capacity(2 * pieces.len());
        for (k, piece) in pieces.iter().enumerate() {
            events.push((piece.entry, true, k));
            events.push((piece.exit, false, k));
        }
        events.sort_by(|a, b| a.0.total_cmp(&b.0));
        if events.windows(2).any(|w| w[0].0 == w[1].0) {
            return Cut::Degenerate;
        }
        let mut next = vec![usize::MAX; pieces.len()];
        for (k, &(_, is_entry, piece)) in events.iter().enumerate() {
            if !is_entry {
                let (_, then_entry, then) = events[(k + 1) % events.len()];
                if !then_entry {
                    return Cut::Degenerate;
                }
                next[piece] = then;
            }
        }
        let corners = window.corners();
        let perimeter = 2.0 * (window.x1 - window.x0 + window.y1 - window.y0);
        let mut used = vec![false; pieces.len()];
        for start in 0..pieces.len() {
            if used[start] {
                continue;
            }
            let mut ring: Chain = Vec::new();
            let mut k = start;
            loop {
                if used[k] {
                    return Cut::Degenerate;
                }
                used[k] = true;
                ring.extend_from_slice(&pieces[k].pts);
                let (from, to) = (pieces[k].exit, pieces[next[k]].entry);
                let between = |s: f64| {
                    if to > from {
                        s > from && s < to
                    } else {
                        s > from || s < to
                    }
                };
                let mut passed: Vec<(f64, Coord<f64>)> = corners
                    .iter()
                    .copied()
                    .filter(|&(s, _)| between(s))
                    .collect();
                // in walking order: after `from`, wrapping past the origin
                passed.sort_by(|a, b| {
                    let key = |s: f64| {
                        if s > from {
                            s - from
                        } else {
                            s - from + perimeter
                        }
                    };
                    key(a.0).total_cmp(&key(b.0))
                });
                ring.extend(passed.into_iter().map(|(_, c)| (c, plane.inverse(c))));
                k = next[k];
                if k == start {
                    break;
                }
            }
            ring.push(ring[0]);
            rings.push(ring);
        }
    }
    if rings.is_empty() {
        return Cut::Empty;
    }
    let mut vertices = Vec::new();
    let mut edges = Vec::new();
    let mut polygons = Vec::with_capacity(rings.len());
    for ring in rings {
        for w in ring.windows(2) {
            edges.push(Line::new([w[0].0.x, w[0].0.y], [w[1].0.x, w[1].0.y]));
        }
        polygons.push(Polygon::new(
            LineString(ring.iter().map(|p| p.0).collect()),
            Vec::new(),
        ));
        vertices.extend(ring);
    }
    Cut::Projected(Projected {
        polygons: MultiPolygon(polygons),
        vertices,
        edges,
    })
}

/// A zone projected once into its own plane, to clip lines with it and to
/// cut it along lines, every result vertex put back exactly.
pub(crate) struct ZonePlane {
    plane: LocalPlane,
    zone: Projected,
    max_edge_m: f64,
}

impl ZonePlane {
    /// The zone's plane; [`TooFar`] when the zone reaches beyond
    /// [`MAX_RADIUS_M`] from its centre.
    pub(crate) fn new(zone: &Shape) -> std::result::Result<ZonePlane, TooFar> {
        let (plane, radius) = plane_about(&zone.bbox, zone.rings());
        if radius > MAX_RADIUS_M {
            return Err(TooFar(radius));
        }
        // Lines near the zone reach a little beyond it.
        let max_edge_m = max_straight_edge_m(straight_tolerance_m(radius), 2.0 * radius + 1.0);
        let zone = Projected::new(zone, &plane, max_edge_m).ok_or(TooFar(radius))?;
        Ok(ZonePlane {
            plane,
            zone,
            max_edge_m,
        })
    }

    /// The longest geodesic piece (metres) of a line near the zone that
    /// projects straight to [`STRAIGHT_TOLERANCE_M`]: split lines to it
    /// before clipping.
    pub(crate) fn max_edge_m(&self) -> f64 {
        self.max_edge_m
    }

    /// Lines (lon/lat, already split to [`Self::max_edge_m`]) in the plane,
    /// as an operand; `None` when a point lies behind the plane.
    fn project_lines(
        &self,
        lines: &[&LineString<f64>],
    ) -> Option<(Vec<Vec<Coord<f64>>>, Projected)> {
        let mut vertices = Vec::new();
        let mut edges = Vec::new();
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            let mut pts = Vec::with_capacity(line.0.len());
            for &c in &line.0 {
                let p = self.plane.forward(c)?;
                vertices.push((p, c));
                pts.push(p);
            }
            for w in pts.windows(2) {
                edges.push(Line::new([w[0].x, w[0].y], [w[1].x, w[1].y]));
            }
            out.push(pts);
        }
        Some((
            out,
            Projected {
                polygons: MultiPolygon(Vec::new()),
                vertices,
                edges,
            },
        ))
    }

    /// The geodesic length (metres) of the parts of `lines` inside the zone
    /// or along its outline (within [`STRAIGHT_TOLERANCE_M`] of it, where
    /// the line and the outline run together).
    ///
    /// Each segment is cut where it crosses the zone's edges; a piece counts
    /// when its middle is inside or on the outline, and measures the
    /// geodesic between its ends (the line's own vertices, or crossings
    /// taken back from the plane).
    pub(crate) fn length_inside_m(&self, lines: &[&LineString<f64>]) -> f64 {
        let Some((pts, operand)) = self.project_lines(lines) else {
            return 0.0;
        };
        let zone_edges: Vec<(Coord<f64>, Coord<f64>)> = self
            .zone
            .edges
            .iter()
            .map(|l| {
                (
                    Coord {
                        x: l.from[0],
                        y: l.from[1],
                    },
                    Coord {
                        x: l.to[0],
                        y: l.to[1],
                    },
                )
            })
            .collect();
        let rings: Vec<Vec<Coord<f64>>> = self
            .zone
            .polygons
            .0
            .iter()
            .flat_map(|p| once(p.exterior()).chain(p.interiors()))
            .map(|r| r.0.clone())
            .collect();
        let near_outline = |m: Coord<f64>| {
            zone_edges
                .iter()
                .any(|&(a, b)| segment_distance(m, a, b) <= STRAIGHT_TOLERANCE_M)
        };
        let inside = |m: Coord<f64>| {
            rings.iter().filter(|r| ring_contains(r, m)).count() % 2 == 1 || near_outline(m)
        };
        let mut total = 0.0;
        let mut k = 0; // index into operand.vertices, which follows `pts`
        for line in &pts {
            for (i, w) in line.windows(2).enumerate() {
                let (p0, p1) = (w[0], w[1]);
                let (c0, c1) = (operand.vertices[k + i].1, operand.vertices[k + i + 1].1);
                let d = p1 - p0;
                let mut ts = vec![0.0, 1.0];
                for &(a, b) in &zone_edges {
                    let e = b - a;
                    let den = d.x * e.y - d.y * e.x;
                    if den == 0.0 {
                        continue;
                    }
                    let w0 = a - p0;
                    let t = (w0.x * e.y - w0.y * e.x) / den;
                    let u = (w0.x * d.y - w0.y * d.x) / den;
                    if (0.0..=1.0).contains(&u) && t > 0.0 && t < 1.0 {
                        ts.push(t);
                    }
                }
                ts.sort_by(f64::total_cmp);
                ts.dedup();
                let at = |t: f64| {
                    if t == 0.0 {
                        c0
                    } else if t == 1.0 {
                        c1
                    } else {
                        self.plane.inverse(p0 + d * t)
                    }
                };
                for tw in ts.windows(2) {
                    let m = p0 + d * (0.5 * (tw[0] + tw[1]));
                    if inside(m) {
                        total += crate::geodesy::distance_m(at(tw[0]), at(tw[1]));
                    }
                }
            }
            k += line.len();
        }
        total
    }

    /// The zone less a strip `width_m` wide along each line, on the line's
    /// left (`sign` +1) or right (−1): the pieces keep the lines exactly as
    /// their edges.
    pub(crate) fn cut_along(
        &self,
        lines: &[(&LineString<f64>, f64)],
        width_m: f64,
    ) -> MultiPolygon<f64> {
        let plain: Vec<&LineString<f64>> = lines.iter().map(|(l, _)| *l).collect();
        let Some((pts, mut operand)) = self.project_lines(&plain) else {
            return MultiPolygon(Vec::new());
        };
        let mut strips = Vec::new();
        for (line, &(_, sign)) in pts.iter().zip(lines) {
            one_sided_strip(line, sign, width_m, &mut strips);
        }
        if strips.is_empty() {
            return self.back_to_lonlat(self.zone.polygons.clone(), &operand);
        }
        for strip in &strips {
            for w in strip.exterior().0.windows(2) {
                operand
                    .edges
                    .push(Line::new([w[0].x, w[0].y], [w[1].x, w[1].y]));
            }
        }
        let raw = self
            .zone
            .polygons
            .difference_with_fill_rule(&MultiPolygon(strips), FillRule::NonZero);
        self.back_to_lonlat(raw, &operand)
    }

    fn back_to_lonlat(&self, raw: MultiPolygon<f64>, operand: &Projected) -> MultiPolygon<f64> {
        let back = Restore::new(&self.plane, &self.zone, operand);
        MultiPolygon(
            raw.0
                .into_iter()
                .map(|p| {
                    let (exterior, interiors) = p.into_inner();
                    Polygon::new(
                        back.ring(exterior),
                        interiors.into_iter().map(|r| back.ring(r)).collect(),
                    )
                })
                .collect(),
        )
    }
}

/// Counter-clockwise polygons covering a strip of width `width` on one side
/// of the plane polyline `line` (`sign` +1: left, −1: right), whose inner edge
/// is exactly the line.
fn one_sided_strip(line: &[Coord<f64>], sign: f64, width: f64, out: &mut Vec<Polygon<f64>>) {
    let pts: Vec<Coord<f64>> = {
        let mut v: Vec<Coord<f64>> = Vec::with_capacity(line.len());
        for c in line {
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
        x: -t.y * sign * width,
        y: t.x * sign * width,
    };
    let last = pts.len() - 2;
    for (i, w) in pts.windows(2).enumerate() {
        let t = unit(w[0], w[1]);
        let n = normal(t);
        let ext = Coord {
            x: t.x * width,
            y: t.y * width,
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

/// Operands with at most this many vertices together are restored by a
/// scan instead of through indexes.
const SMALL_OPERANDS: usize = 128;

/// (plane, lon/lat) vertices by grid cell.
type VertexCells = std::collections::HashMap<(i64, i64), Vec<(Coord<f64>, Coord<f64>)>>;

/// The grid cell of side `size` holding `p`.
fn cell(p: Coord<f64>, size: f64) -> (i64, i64) {
    if size > 0.0 {
        ((p.x / size).floor() as i64, (p.y / size).floor() as i64)
    } else {
        (0, 0)
    }
}

/// Puts the vertices of a clipped polygon back where they belong.
///
/// geo's boolean operations round coordinates to an integer grid (2⁻²⁹ of
/// the operands' extent). A result vertex within a few grid steps of an
/// input vertex is that vertex, exactly as the user gave it; one within a few
/// steps of a crossing of an edge of each operand is that crossing, computed
/// in floating point and taken back to lon/lat.
struct Restore<'p> {
    plane: &'p LocalPlane,
    /// Small operands (zones of tens of vertices): scanned, which costs less
    /// than building the indexes below for each pair.
    small: Option<(&'p Projected, &'p Projected)>,
    /// Input vertices (plane, lon/lat) by grid cell of the tolerance.
    vertices: VertexCells,
    a_edges: RTree<Line<[f64; 2]>>,
    b_edges: RTree<Line<[f64; 2]>>,
    tolerance: f64,
}

impl<'p> Restore<'p> {
    fn new(plane: &'p LocalPlane, a: &'p Projected, b: &'p Projected) -> Restore<'p> {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for (p, _) in a.vertices.iter().chain(&b.vertices) {
            lo = [lo[0].min(p.x), lo[1].min(p.y)];
            hi = [hi[0].max(p.x), hi[1].max(p.y)];
        }
        let tolerance = snap_tolerance(lo, hi);
        if a.vertices.len() + b.vertices.len() <= SMALL_OPERANDS {
            return Restore {
                plane,
                small: Some((a, b)),
                vertices: VertexCells::new(),
                a_edges: RTree::new(),
                b_edges: RTree::new(),
                tolerance,
            };
        }
        let mut vertices: VertexCells = std::collections::HashMap::new();
        for &(p, ll) in a.vertices.iter().chain(&b.vertices) {
            vertices
                .entry(cell(p, tolerance))
                .or_default()
                .push((p, ll));
        }
        Restore {
            plane,
            small: None,
            vertices,
            a_edges: RTree::bulk_load(a.edges.clone()),
            b_edges: RTree::bulk_load(b.edges.clone()),
            tolerance,
        }
    }

    fn coord(&self, c: Coord<f64>) -> Coord<f64> {
        let tol = self.tolerance;
        let near = |p: Coord<f64>| (p.x - c.x).abs() <= tol && (p.y - c.y).abs() <= tol;
        let d2 = |p: Coord<f64>| (p.x - c.x).powi(2) + (p.y - c.y).powi(2);
        if let Some((a, b)) = self.small {
            let mut best: Option<(f64, Coord<f64>)> = None;
            for (p, ll) in a.vertices.iter().chain(&b.vertices) {
                if near(*p) && best.is_none_or(|(d, _)| d2(*p) < d) {
                    best = Some((d2(*p), *ll));
                }
            }
            if let Some((_, ll)) = best {
                return ll;
            }
            let close = |e: &&Line<[f64; 2]>| {
                e.from[0].min(e.to[0]) - tol <= c.x
                    && c.x <= e.from[0].max(e.to[0]) + tol
                    && e.from[1].min(e.to[1]) - tol <= c.y
                    && c.y <= e.from[1].max(e.to[1]) + tol
            };
            let b_close: Vec<&Line<[f64; 2]>> = b.edges.iter().filter(close).collect();
            let pairs = a
                .edges
                .iter()
                .filter(close)
                .flat_map(|e| b_close.iter().map(move |f| (e, *f)));
            return self
                .plane
                .inverse(closest_crossing(c, tol, pairs).unwrap_or(c));
        }
        let mut best: Option<(f64, Coord<f64>)> = None;
        let (kx, ky) = cell(c, tol);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for (p, ll) in self.vertices.get(&(kx + dx, ky + dy)).into_iter().flatten() {
                    if near(*p) && best.is_none_or(|(d, _)| d2(*p) < d) {
                        best = Some((d2(*p), *ll));
                    }
                }
            }
        }
        if let Some((_, ll)) = best {
            return ll;
        }
        let window = AABB::from_corners([c.x - tol, c.y - tol], [c.x + tol, c.y + tol]);
        let b_close: Vec<&Line<[f64; 2]>> = self
            .b_edges
            .locate_in_envelope_intersecting(&window)
            .collect();
        let pairs = self
            .a_edges
            .locate_in_envelope_intersecting(&window)
            .flat_map(|e| b_close.iter().map(move |f| (e, *f)));
        self.plane
            .inverse(closest_crossing(c, tol, pairs).unwrap_or(c))
    }

    fn ring(&self, ring: LineString<f64>) -> LineString<f64> {
        put_back_ring(ring, |c| self.coord(c))
    }
}

/// [`Restore`] for one operand resolved against itself (a crossing is one of
/// two of its own edges), through R-trees of its vertices and edges: the
/// same answers in O(log n) a vertex instead of O(n), for rings of many
/// thousands of vertices.
struct RestoreSelf<'p> {
    plane: &'p LocalPlane,
    vertices: RTree<GeomWithData<[f64; 2], Coord<f64>>>,
    edges: RTree<Line<[f64; 2]>>,
    tolerance: f64,
}

impl<'p> RestoreSelf<'p> {
    fn new(plane: &'p LocalPlane, a: &Projected) -> RestoreSelf<'p> {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for (p, _) in &a.vertices {
            lo = [lo[0].min(p.x), lo[1].min(p.y)];
            hi = [hi[0].max(p.x), hi[1].max(p.y)];
        }
        RestoreSelf {
            plane,
            vertices: RTree::bulk_load(
                a.vertices
                    .iter()
                    .map(|(p, ll)| GeomWithData::new([p.x, p.y], *ll))
                    .collect(),
            ),
            edges: RTree::bulk_load(a.edges.clone()),
            tolerance: snap_tolerance(lo, hi),
        }
    }

    fn coord(&self, c: Coord<f64>) -> Coord<f64> {
        let tol = self.tolerance;
        let window = AABB::from_corners([c.x - tol, c.y - tol], [c.x + tol, c.y + tol]);
        let d2 = |p: Coord<f64>| (p.x - c.x).powi(2) + (p.y - c.y).powi(2);
        let mut best: Option<(f64, Coord<f64>)> = None;
        for v in self.vertices.locate_in_envelope(&window) {
            let p = Coord {
                x: v.geom()[0],
                y: v.geom()[1],
            };
            if best.is_none_or(|(d, _)| d2(p) < d) {
                best = Some((d2(p), v.data));
            }
        }
        if let Some((_, ll)) = best {
            return ll;
        }
        let close: Vec<&Line<[f64; 2]>> = self
            .edges
            .locate_in_envelope_intersecting(&window)
            .collect();
        let pairs = close
            .iter()
            .enumerate()
            .flat_map(|(i, e)| close[i + 1..].iter().map(move |f| (*e, *f)));
        self.plane
            .inverse(closest_crossing(c, tol, pairs).unwrap_or(c))
    }

    fn ring(&self, ring: LineString<f64>) -> LineString<f64> {
        put_back_ring(ring, |c| self.coord(c))
    }
}

/// A clipped ring with every vertex put back by `coord`, repeats dropped.
fn put_back_ring(
    ring: LineString<f64>,
    coord: impl Fn(Coord<f64>) -> Coord<f64>,
) -> LineString<f64> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
    for c in ring.0 {
        let c = coord(c);
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    LineString(out)
}

/// The crossing of two edges (one of each pair) nearest `c`, if one lies
/// within `tol` of it on both axes.
fn closest_crossing<'e>(
    c: Coord<f64>,
    tol: f64,
    pairs: impl Iterator<Item = (&'e Line<[f64; 2]>, &'e Line<[f64; 2]>)>,
) -> Option<Coord<f64>> {
    let d2 = |p: Coord<f64>| (p.x - c.x).powi(2) + (p.y - c.y).powi(2);
    pairs
        .filter_map(|(e, f)| crossing(e, f))
        .filter(|x| (x.x - c.x).abs() <= tol && (x.y - c.y).abs() <= tol)
        .min_by(|x, y| d2(*x).total_cmp(&d2(*y)))
}

/// How far (in the operands' units) geo's boolean operations may move a
/// vertex: a few steps of the integer grid they round to, 2⁻²⁹ of the
/// operands' half extent (`lo`..`hi` is their box).
pub(crate) fn snap_tolerance(lo: [f64; 2], hi: [f64; 2]) -> f64 {
    let half = 0.5 * (hi[0] - lo[0]).max(hi[1] - lo[1]);
    if half.is_finite() && half > 0.0 {
        4.0 * (half.log2().ceil() - 29.0).exp2()
    } else {
        0.0
    }
}

/// The crossing point of two lon/lat segments, if they cross at one point.
pub(crate) fn crossing(e: &Line<[f64; 2]>, f: &Line<[f64; 2]>) -> Option<Coord<f64>> {
    let (p, r) = (e.from, [e.to[0] - e.from[0], e.to[1] - e.from[1]]);
    let (q, s) = (f.from, [f.to[0] - f.from[0], f.to[1] - f.from[1]]);
    let denom = r[0] * s[1] - r[1] * s[0];
    if denom == 0.0 || !denom.is_finite() {
        return None;
    }
    let qp = [q[0] - p[0], q[1] - p[1]];
    let t = (qp[0] * s[1] - qp[1] * s[0]) / denom;
    let u = (qp[0] * r[1] - qp[1] * r[0]) / denom;
    const SLOP: f64 = 1e-9;
    ((-SLOP..=1.0 + SLOP).contains(&t) && (-SLOP..=1.0 + SLOP).contains(&u)).then(|| Coord {
        x: p[0] + t * r[0],
        y: p[1] + t * r[1],
    })
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
        one_sided_strip(&line.0, -1.0, 1e-7, &mut quads);
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
    fn antimeridian_edges_are_detected() {
        let across = polygon![(x: 179.9, y: 0.0), (x: -179.9, y: 0.0), (x: -179.9, y: 1.0)];
        assert!(crate::polygon::antimeridian_span(&[across]).is_some());
        let near = polygon![(x: 179.0, y: 0.0), (x: 179.9, y: 0.0), (x: 179.9, y: 1.0)];
        assert!(crate::polygon::antimeridian_span(&[near]).is_none());
    }

    #[test]
    fn indexed_self_restore_matches_the_plain_one() {
        // Two weaving lines of 400 vertices closed into one ring: every
        // vertex of the resolved region, input vertex or crossing, is put
        // back the same through the indexes as by scanning every pair.
        let line = |phase: f64, period: f64| -> Vec<Coord<f64>> {
            (0..400)
                .map(|k| Coord {
                    x: 44.0 + 0.0012 * k as f64,
                    y: 40.0 + 0.003 * (k as f64 / period + phase).sin(),
                })
                .collect()
        };
        let mut ring = line(0.0, 7.3);
        ring.extend(line(1.1, 9.1).into_iter().rev());
        ring.push(ring[0]);
        let shape = Shape::new(&[Polygon::new(LineString(ring), vec![])]).unwrap();
        let plane = LocalPlane::facing(shape.bbox.center());
        let p = Projected::new(&shape, &plane, 500.0).unwrap();
        let raw = p.polygons.boolean_op_with_fill_rule(
            &MultiPolygon::<f64>::new(Vec::new()),
            OpType::Union,
            FillRule::NonZero,
        );
        assert!(raw.0.len() > 10, "{} faces", raw.0.len());
        let (plain, indexed) = (Restore::new(&plane, &p, &p), RestoreSelf::new(&plane, &p));
        for q in raw.0 {
            let r = q.exterior().clone();
            assert_eq!(plain.ring(r.clone()), indexed.ring(r));
        }
    }
}
