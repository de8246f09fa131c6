//! Which claimed zones (from different sources or dates) overlap each other,
//! and by how much area?
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees; areas are square
//! metres on the WGS84 ellipsoid; edges are geodesics.
//!
//! # Method
//!
//! Candidate pairs come from an index join: an rstar R-tree over 3D (ECEF)
//! boxes that hold each zone's whole surface (outline, the bulge of its
//! geodesic edges, and any pole it covers), each zone querying it with its
//! own box — not all pairs, and nothing special at the antimeridian.
//!
//! Each candidate pair is clipped in a [`LocalPlane`] centred between the two
//! zones: a central projection in which geodesic edges are straight to within
//! [`STRAIGHT_TOLERANCE_M`] (edges too long for that, in zones tens of km
//! across, are split along their geodesics first). geo's [`BooleanOps`]
//! intersects the projected polygons; every vertex of the result is then put
//! back exactly: a zone vertex as the user wrote it, a crossing of two edges
//! at its floating-point position in the plane, taken back to lon/lat. The
//! area is the geodesic (GeographicLib) area of that polygon, whose edges are
//! pieces of the zones' geodesic edges. Pairs whose intersection has no area
//! (touching zones; anything below [`TOUCHING_AREA_M2`]) are left out.
//!
//! # Accuracy
//!
//! Only crossings are computed, and they sit within [`STRAIGHT_TOLERANCE_M`]
//! of both geodesics; an area moves by at most that times the edges'
//! length. On the hand-checkable dataset zone-1 ∩ zone-2 = 123 090 785.801 m²
//! (exact) is reproduced to 1e-3 m²; against an independent GeographicLib +
//! PROJ + shapely computation on 20 m (200 m) densified geodesics
//! (`tests/reference/overlap_reference.py`: 81 pairs, 0.5 km to 300 km
//! across, latitudes −70° to 80°, across the antimeridian, nested, holed,
//! touching) the largest difference is 1.6e-3 m²; the crate's contract is
//! 1e-6 relative or 1 m².
//!
//! # Limitations
//!
//! Two zones that together reach more than [`MAX_RADIUS_M`] (4 000 km) from
//! their common centre are an [`Error::TooLarge`]. A zone is the region its
//! outline encloses in that plane (the smaller of the two sides).
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let overlaps = map.overlaps()?;
//! assert_eq!(overlaps.len(), 1);
//! let o = &overlaps[0];
//! assert_eq!((o.a.id().to_string(), o.b.id().to_string()), ("zone-1".into(), "zone-2".into()));
//! // the quadrilateral (10.3,0) (10.4,0) (10.4,0.1) (10.3,0.1000002) (GeographicLib)
//! assert!((o.area_m2 - 123_090_785.801).abs() < 1.0);
//! # Ok::<(), demarcate::Error>(())
//! ```

use std::iter::once;

use geo::BooleanOps;
use geo::algorithm::bool_ops::FillRule;
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Line, Rectangle};
use rstar::{AABB, Envelope, RTree};

use crate::analysis::incursion::{crossing, snap_tolerance};
use crate::error::{Error, Result};
use crate::geodesy::{
    LocalPlane, MAX_RADIUS_M, WGS84_A, WGS84_B, arc_upper_bound_m, densify_line, dot, ecef,
    edge_sagitta_bound_m, geodesic_multi_area_m2, max_straight_edge_m, sub,
};
use crate::model::{BorderMap, IncursionZone};

/// Intersections with less area than this (m²) count as touching, not
/// overlapping (far below the 1 m² accuracy of areas).
pub const TOUCHING_AREA_M2: f64 = 1e-3;

/// How far (metres) a projected geodesic edge may stray from its straight
/// chord before it is split: crossings are this close to exact, and areas
/// within this times the edges' length (5e-3 m² for 5 km edges).
pub const STRAIGHT_TOLERANCE_M: f64 = 1e-6;

/// Two incursion zones that overlap.
///
/// # Units
///
/// `area_m2` in square metres on WGS84; `geometry` in lon/lat degrees.
#[derive(Debug, Clone)]
pub struct Overlap<'a> {
    /// The zone that comes first in the file.
    pub a: IncursionZone<'a>,
    /// The zone that comes later in the file.
    pub b: IncursionZone<'a>,
    /// Geodesic area of `a ∩ b`, m².
    pub area_m2: f64,
    /// `a ∩ b`: polygons with geodesic edges, as the zones are. Vertices are
    /// the zones' own vertices and the crossings of their edges (plus points
    /// on the edges where a very long edge was split).
    pub geometry: MultiPolygon<f64>,
}

/// One zone overlapping a query polygon.
///
/// # Units
///
/// `area_m2` in square metres on WGS84; `geometry` in lon/lat degrees.
#[derive(Debug, Clone)]
pub struct ZoneOverlap<'a> {
    /// The zone.
    pub zone: IncursionZone<'a>,
    /// Geodesic area of zone ∩ query polygon, m².
    pub area_m2: f64,
    /// zone ∩ query polygon, with geodesic edges (as [`Overlap::geometry`]).
    pub geometry: MultiPolygon<f64>,
}

/// A ring's vertices (closed: the last repeats the first), in lon/lat and
/// ECEF.
struct Ring {
    lonlat: Vec<Coord<f64>>,
    ecef: Vec<[f64; 3]>,
}

/// A zone (or query polygon) ready for clipping: rings per polygon
/// (exterior first) and a 3D box around the surface it covers.
struct Shape {
    polygons: Vec<Vec<Ring>>,
    bbox: AABB<[f64; 3]>,
}

impl Shape {
    fn new(polygons: &[Polygon<f64>]) -> Option<Shape> {
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

    fn rings(&self) -> impl Iterator<Item = &Ring> {
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
struct TooFar(f64);

/// `a ∩ b` in lon/lat: the operands' own vertices and the crossings of their
/// geodesic edges; `None` when the interiors do not meet.
fn intersect(a: &Shape, b: &Shape) -> std::result::Result<Option<MultiPolygon<f64>>, TooFar> {
    boolean(a, b, ClipOp::Intersection)
}

/// A boolean operation of two polygon sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClipOp {
    /// a ∩ b
    Intersection,
}

/// `a op b` for polygons with geodesic edges (lon/lat degrees), clipped in a
/// local plane with every vertex put back (the operands' own, or crossings
/// of their edges). The one entry point other modules use, until the clipper
/// moves to a shared polygon engine.
pub(crate) fn clip_polygons(
    a: &[Polygon<f64>],
    b: &[Polygon<f64>],
    op: ClipOp,
) -> Result<MultiPolygon<f64>> {
    let Some(sa) = Shape::new(a) else {
        return Ok(MultiPolygon(Vec::new()));
    };
    let Some(sb) = Shape::new(b) else {
        return Ok(match op {
            ClipOp::Intersection => MultiPolygon(Vec::new()),
        });
    };
    boolean(&sa, &sb, op)
        .map(|m| m.unwrap_or_else(|| MultiPolygon(Vec::new())))
        .map_err(|e| too_large("the clipped polygons".to_owned(), e))
}

/// `a op b` in lon/lat; `None` when the result is empty.
fn boolean(
    a: &Shape,
    b: &Shape,
    op: ClipOp,
) -> std::result::Result<Option<MultiPolygon<f64>>, TooFar> {
    let mut bbox = a.bbox;
    bbox.merge(&b.bbox);
    let plane = LocalPlane::facing(bbox.center());
    let c = plane.center_ecef();
    let chord = a
        .rings()
        .chain(b.rings())
        .flat_map(|r| &r.ecef)
        .map(|&e| dist(e, c))
        .fold(0.0_f64, f64::max);
    // Edges lie within their ends' reach plus their sagitta; 1% covers it.
    let radius = 1.01 * arc_upper_bound_m(chord) + 1.0;
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
    let raw = match op {
        ClipOp::Intersection => pa
            .polygons
            .intersection_with_fill_rule(&pb.polygons, FillRule::NonZero),
    };
    if raw.0.is_empty() {
        return Ok(None);
    }
    let back = Restore::new(&plane, &pa, &pb);
    Ok(Some(MultiPolygon(
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
    )))
}

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
        let mut vertices: VertexCells = std::collections::HashMap::new();
        for &(p, ll) in a.vertices.iter().chain(&b.vertices) {
            vertices
                .entry(cell(p, tolerance))
                .or_default()
                .push((p, ll));
        }
        Restore {
            plane,
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
        let mut best: Option<(f64, Coord<f64>)> = None;
        for e in self.a_edges.locate_in_envelope_intersecting(&window) {
            for f in self.b_edges.locate_in_envelope_intersecting(&window) {
                if let Some(x) = crossing(e, f)
                    && near(x)
                    && best.is_none_or(|(d, _)| d2(x) < d)
                {
                    best = Some((d2(x), x));
                }
            }
        }
        self.plane.inverse(best.map_or(c, |(_, x)| x))
    }

    fn ring(&self, ring: LineString<f64>) -> LineString<f64> {
        let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
        for c in ring.0 {
            let c = self.coord(c);
            if out.last() != Some(&c) {
                out.push(c);
            }
        }
        LineString(out)
    }
}

type ZoneBox = GeomWithData<Rectangle<[f64; 3]>, usize>;

/// The zones of a map ready for clipping, with an R-tree over their 3D boxes.
struct ZoneIndex<'a> {
    zones: Vec<IncursionZone<'a>>,
    shapes: Vec<Option<Shape>>,
    tree: RTree<ZoneBox>,
}

impl<'a> ZoneIndex<'a> {
    fn new(map: &'a BorderMap) -> ZoneIndex<'a> {
        let zones: Vec<IncursionZone<'a>> = map.incursion_zones().collect();
        let shapes: Vec<Option<Shape>> =
            zones.par_iter().map(|z| Shape::new(z.polygons())).collect();
        let entries = shapes
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.as_ref()
                    .map(|s| GeomWithData::new(Rectangle::from_aabb(s.bbox), i))
            })
            .collect();
        ZoneIndex {
            zones,
            shapes,
            tree: RTree::bulk_load(entries),
        }
    }
}

fn too_large(features: String, TooFar(radius): TooFar) -> Error {
    Error::TooLarge {
        features,
        reason: format!(
            "their vertices lie up to {:.0} km from a common centre; overlaps are \
             computed in a local plane that reaches {:.0} km",
            radius / 1e3,
            MAX_RADIUS_M / 1e3
        ),
    }
}

impl BorderMap {
    /// Every pair of incursion zones whose interiors overlap, with the
    /// geodesic area (m²) and geometry of the overlap; pairs (a, b) with a
    /// before b in file order, sorted by a then b.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when two candidate zones together reach more than
    /// [`MAX_RADIUS_M`] from their common centre (zones thousands of km
    /// across).
    ///
    /// # Examples
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// for o in map.overlaps()? {
    ///     println!("{} ∩ {}: {:.3} km²", o.a.id(), o.b.id(), o.area_m2 / 1e6);
    /// }
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn overlaps(&self) -> Result<Vec<Overlap<'_>>> {
        let index = ZoneIndex::new(self);
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, shape) in index.shapes.iter().enumerate() {
            let Some(shape) = shape else { continue };
            pairs.extend(
                index
                    .tree
                    .locate_in_envelope_intersecting(&shape.bbox)
                    .map(|e| e.data)
                    .filter(|&j| j > i)
                    .map(|j| (i, j)),
            );
        }
        pairs.sort_unstable();
        let found: Vec<Option<Overlap<'_>>> = pairs
            .par_iter()
            .map(|&(i, j)| {
                let (Some(a), Some(b)) = (&index.shapes[i], &index.shapes[j]) else {
                    return Ok(None);
                };
                let (za, zb) = (index.zones[i], index.zones[j]);
                let geometry = intersect(a, b)
                    .map_err(|e| too_large(format!("zones {} and {}", za.id(), zb.id()), e))?;
                Ok(geometry.and_then(|geometry| {
                    let area_m2 = geodesic_multi_area_m2(&geometry);
                    (area_m2 >= TOUCHING_AREA_M2).then_some(Overlap {
                        a: za,
                        b: zb,
                        area_m2,
                        geometry,
                    })
                }))
            })
            .collect::<Result<_>>()?;
        Ok(found.into_iter().flatten().collect())
    }

    /// The incursion zones overlapping `polygon` (lon/lat degrees, geodesic
    /// edges), in file order, each with the geodesic area (m²) and geometry
    /// of its intersection with the polygon. Zones that only touch it are left
    /// out.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPoint`] when a vertex of `polygon` is not a WGS84
    /// longitude/latitude; [`Error::TooLarge`] when the polygon and a zone
    /// together reach more than [`MAX_RADIUS_M`] from their common centre.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// use geo_types::polygon;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// // a box north of the equator: half of zone-1 and all of zone-2 touch it
    /// let north = polygon![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0), (x: 11.0, y: 1.0), (x: 10.0, y: 1.0)];
    /// let hits = map.zones_overlapping(&north)?;
    /// assert_eq!(hits.len(), 2);
    /// assert!((hits[0].area_m2 - 246_181_571.602).abs() < 1.0);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn zones_overlapping(&self, polygon: &Polygon<f64>) -> Result<Vec<ZoneOverlap<'_>>> {
        for c in std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|r| r.0.iter())
        {
            if !(c.x.is_finite()
                && c.y.is_finite()
                && (-180.0..=180.0).contains(&c.x)
                && (-90.0..=90.0).contains(&c.y))
            {
                return Err(Error::InvalidPoint {
                    index: None,
                    lon: c.x,
                    lat: c.y,
                });
            }
        }
        let Some(query) = Shape::new(std::slice::from_ref(polygon)) else {
            return Ok(Vec::new());
        };
        let index = ZoneIndex::new(self);
        let mut hits: Vec<usize> = index
            .tree
            .locate_in_envelope_intersecting(&query.bbox)
            .map(|e| e.data)
            .collect();
        hits.sort_unstable();
        let found: Vec<Option<ZoneOverlap<'_>>> = hits
            .par_iter()
            .map(|&i| {
                let Some(shape) = &index.shapes[i] else {
                    return Ok(None);
                };
                let zone = index.zones[i];
                let geometry = intersect(shape, &query).map_err(|e| {
                    too_large(format!("zone {} and the query polygon", zone.id()), e)
                })?;
                Ok(geometry.and_then(|geometry| {
                    let area_m2 = geodesic_multi_area_m2(&geometry);
                    (area_m2 >= TOUCHING_AREA_M2).then_some(ZoneOverlap {
                        zone,
                        area_m2,
                        geometry,
                    })
                }))
            })
            .collect::<Result<_>>()?;
        Ok(found.into_iter().flatten().collect())
    }
}
