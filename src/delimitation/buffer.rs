//! Buffer strips: the points within D metres (geodesic) of the border or of
//! chosen segments, optionally on one party's side only — a demilitarised
//! strip, a "5 km corridor", a withdrawal line.
//!
//! # Units and assumptions
//!
//! WGS84 longitude/latitude in degrees; D, tolerances and distances in
//! metres along the ellipsoid, areas in m². Edges of the border and of the
//! strip are geodesics.
//!
//! # Method
//!
//! The strip is the union of pieces, each bounded by points at exactly D
//! from the border: for every edge, the quadrilateral of its offsets
//! (`direct` at ±90° from points along the edge, spaced so that the
//! geodesic between two offsets stays within the tolerance of the offset
//! curve); at every vertex, the sector on the outer side of the turn (an
//! arc of `direct` points around the vertex, spaced by the same rule); at
//! the ends of an open line, half discs.
//!
//! On a dense border most vertex arcs lie inside the strip. Each arc's
//! depth below D is bounded from distances to the nearest border vertex
//! (an upper bound on the distance to the border) at a few points,
//! bisected where needed, since the distance is 1-Lipschitz; an arc deeper than its chords' sagitta
//! by a factor two is drawn with a few long chords (every point of the strip
//! stays in the piece of its own nearest feature, so the union is the
//! same). The pieces are then united in one [`LocalPlane`] (geodesics
//! straight to micrometres there) with geo's boolean operations, as a
//! balanced tree in order along the border, neighbours first, so every
//! union stays local and its operands are outlines.
//!
//! Every vertex of the result that is a piece vertex is put back exactly;
//! every other one is a crossing of two offsets, moved by Newton's method
//! onto the point at exactly D from the two nearest features (edge or
//! vertex), found afresh at every step. Every outline vertex is then
//! checked against the exact distance: a piece vertex left just outside
//! another piece's chords (so up to a few centimetres nearer than D to that
//! piece's feature) is settled like a crossing, and what still misses
//! D ± 1 mm is listed in [`BufferStrip::unsettled`].
//!
//! One party's side: with that party's territory in the dataset, the strip
//! clipped with the territory (the crate's local-plane clipper), one strip
//! polygon at a time with the territory polygons near it; without, the
//! union of the pieces on that side of each segment (left or right, as the
//! segment's `left`/`right` name the party) minus those on the other side.
//!
//! # Accuracy
//!
//! Vertices of the strip's outline are at D ± 1 mm from the border (offsets
//! exact to GeographicLib's nanometres, crossings to 1e-6 m), checked one by
//! one, with any miss reported; between vertices the outline stays within
//! the tolerance (default 0.01 m) inside D. Vertices where a one-sided strip
//! meets the rest of the territory's outline lie on a chord of the outline,
//! within the tolerance. Area is the geodesic (GeographicLib) area of the
//! outline.
//!
//! # Limitations
//!
//! The whole strip must fit in one local plane: within
//! [`crate::geodesy::MAX_RADIUS_M`] (4 000 km) of its centre, else
//! [`Error::TooLarge`]. Without territories, a point within D of both sides
//! of the border (between two strands of a border folding back within 2D)
//! belongs to neither side's strip.
//!
//! # Examples
//!
//! ```
//! use demarcate::{BorderMap, BufferOptions};
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let strip = map.buffer(&BufferOptions::new(5_000.0))?;
//! assert!(strip.area_m2 > 0.0);
//! # Ok::<(), demarcate::Error>(())
//! ```

use std::collections::HashMap;

use geo::algorithm::bool_ops::FillRule;
use geo::{BooleanOps, BoundingRect, Intersects};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use geographiclib_rs::{DirectGeodesic, InverseGeodesic};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::geodesy::{
    LocalPlane, MAX_RADIUS_M, arc_upper_bound_m, ecef, geodesic_multi_area_m2, max_straight_edge_m,
    wgs84,
};
use rstar::RTree;

use crate::index::GeodesicIndex;
use crate::model::{BorderMap, Feature, FeatureId, Party};
use crate::polygon::clip::{ClipOp, clip_polygons};

/// The default tolerance, metres: how far the outline may stray between
/// vertices.
pub const DEFAULT_TOLERANCE_M: f64 = 0.01;

/// The largest strip width accepted, metres.
pub const MAX_DISTANCE_M: f64 = 1_000_000.0;

/// What strip to build: a builder with `#[must_use]` setters.
///
/// ```
/// use demarcate::{BufferOptions, FeatureId, Party};
/// let options = BufferOptions::new(5_000.0)
///     .side(Party::new("ARM"))
///     .segments([FeatureId::from("seg-01")])
///     .tolerance_m(0.05);
/// assert_eq!(options.distance_m, 5_000.0);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BufferOptions {
    /// Width of the strip, metres (geodesic) from the border.
    pub distance_m: f64,
    /// Only this party's side; `None` for both.
    pub side: Option<Party>,
    /// Only these border segments; `None` for all.
    pub segments: Option<Vec<FeatureId>>,
    /// How far the outline may stray between its vertices, metres.
    pub tolerance_m: f64,
}

impl BufferOptions {
    /// A strip `distance_m` metres wide on both sides of the whole border,
    /// with the default tolerance.
    pub fn new(distance_m: f64) -> BufferOptions {
        BufferOptions {
            distance_m,
            side: None,
            segments: None,
            tolerance_m: DEFAULT_TOLERANCE_M,
        }
    }

    /// Only `party`'s side.
    #[must_use]
    pub fn side(mut self, party: Party) -> BufferOptions {
        self.side = Some(party);
        self
    }

    /// Only these segments.
    #[must_use]
    pub fn segments(mut self, ids: impl IntoIterator<Item = FeatureId>) -> BufferOptions {
        self.segments = Some(ids.into_iter().collect());
        self
    }

    /// The tolerance between vertices, metres.
    #[must_use]
    pub fn tolerance_m(mut self, tolerance_m: f64) -> BufferOptions {
        self.tolerance_m = tolerance_m;
        self
    }
}

/// How a one-sided strip was cut to its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SideBy {
    /// Clipped with the party's territory.
    Territory,
    /// The pieces on the party's side of each segment (`left`/`right`).
    SegmentSides,
}

/// A buffer strip along the border.
///
/// # Units
///
/// Metres and m² on WGS84; geometry lon/lat degrees with geodesic edges.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BufferStrip {
    /// Width, metres.
    pub distance_m: f64,
    /// The side kept, `None` for both.
    pub side: Option<Party>,
    /// How the side was cut (`None` for both sides).
    pub side_by: Option<SideBy>,
    /// The segments buffered, in order.
    pub segments: Vec<FeatureId>,
    /// The tolerance used, metres.
    pub tolerance_m: f64,
    /// The strip.
    pub geometry: MultiPolygon<f64>,
    /// Its geodesic area, m².
    pub area_m2: f64,
    /// Outline vertices (lon/lat) that could not be settled at D ± 1 mm
    /// from the border, before any clipping with a territory: empty when
    /// every vertex is at D. On one side without territories
    /// ([`SideBy::SegmentSides`]), vertices on the border itself and where
    /// the other side's pieces cut in (nearer than D by more than four
    /// tolerances) are not counted.
    pub unsettled: Vec<Coord<f64>>,
}

impl BufferStrip {
    /// The strip as a Demarcation GeoJSON `buffer_zone` feature (properties
    /// `kind`, `distance_m`, `side` (null for both), `segments`, `area_m2`,
    /// `tolerance_m`).
    pub fn to_feature(&self, id: FeatureId) -> Feature {
        let mut props = serde_json::Map::new();
        props.insert("kind".into(), "buffer_zone".into());
        props.insert("distance_m".into(), self.distance_m.into());
        props.insert(
            "side".into(),
            self.side
                .as_ref()
                .map_or(serde_json::Value::Null, |p| p.as_str().into()),
        );
        props.insert(
            "segments".into(),
            self.segments
                .iter()
                .cloned()
                .map(serde_json::Value::from)
                .collect(),
        );
        props.insert("area_m2".into(), self.area_m2.into());
        props.insert("tolerance_m".into(), self.tolerance_m.into());
        let geometry = if self.geometry.0.len() == 1 {
            geo_types::Geometry::Polygon(self.geometry.0[0].clone())
        } else {
            geo_types::Geometry::MultiPolygon(self.geometry.clone())
        };
        Feature {
            id: Some(id),
            geometry: Some(geometry),
            properties: Some(props),
            ..Feature::default()
        }
    }
}

/// Smallest radius of curvature of WGS84 (the meridian's at the equator),
/// metres: offset curves bend least on it, so steps sized here are safe
/// everywhere.
const MIN_RADIUS_M: f64 = 6_335_439.327;

/// How far (degrees of azimuth) a sector reaches past the normals into the
/// quadrilaterals beside it.
const OVERLAP_DEG: f64 = 0.01;

/// A line part to buffer: its vertices (no repeats) and whether it is a
/// closed ring, with the segment sides.
struct Part {
    v: Vec<Coord<f64>>,
    closed: bool,
    /// +1 when the wanted party is on the left, −1 on the right, 0 for both.
    side: i8,
}

fn direct(p: Coord<f64>, azi: f64, s: f64) -> Coord<f64> {
    let (lat, lon): (f64, f64) = wgs84().direct(p.y, p.x, azi, s);
    Coord { x: lon, y: lat }
}

/// Bounds how deep inside the strip a vertex's arc lies, so that a hidden
/// arc can be drawn with a few long chords instead of many short ones.
///
/// Why that is safe: a point y whose nearest border point is the vertex v
/// lies on the ray from v through the arc point x at the same azimuth, and
/// the distance to the border is 1-Lipschitz. If every point of the arc is
/// at most D − h from the border and y is within s of x (s the chords'
/// sagitta), then D − h ≥ dist(y) − s; when s < h / 2 this leaves
/// dist(y) ≤ D − h / 2 < D − s, so y is inside the coarse piece. Every point
/// of the strip is thus still in the piece of its own nearest feature, and
/// the union is unchanged; only arcs that are not on the outline are
/// coarsened. (Leaving hidden pieces out altogether is not safe: near the
/// border the pieces are bands across their own edges, and points near a
/// vertex are covered by its sector only.)
struct Hider {
    /// The buffered border's vertices (ECEF metres): the distance to the
    /// nearest one bounds the distance to the border from above, within
    /// centimetres on a dense border, for a fraction of an exact query.
    vertices: RTree<[f64; 3]>,
    d: f64,
    /// Depth below D that counts as hidden: twice the tolerance (the other
    /// pieces' chords cut inside their curves by up to it) and 1 mm.
    margin: f64,
}

impl Hider {
    fn depth_ok(&self, p: Coord<f64>) -> Option<f64> {
        let q = ecef(p);
        let u = self
            .vertices
            .nearest_neighbor(&q)
            .map_or(f64::INFINITY, |v| {
                arc_upper_bound_m(
                    ((v[0] - q[0]).powi(2) + (v[1] - q[1]).powi(2) + (v[2] - q[2]).powi(2)).sqrt(),
                )
            });
        (u <= self.d - self.margin).then_some(u)
    }

    /// A lower bound on how far inside the strip (below D) the arc of
    /// radius D around `c` from azimuth `from` over `sweep` degrees lies,
    /// when it is deeper than the margin everywhere; bisects where the
    /// Lipschitz bound between two points (ua + ub + length) / 2 is not
    /// enough.
    fn arc_depth(&self, c: Coord<f64>, from: f64, sweep: f64) -> Option<f64> {
        let limit = self.d - self.margin;
        let at = |t: f64| self.depth_ok(direct(c, t, self.d));
        let (ua, ub) = (at(from)?, at(from + sweep)?);
        let mut stack = vec![(from, ua, from + sweep, ub)];
        let mut deepest_bound = 0.0_f64;
        while let Some((ta, ua, tb, ub)) = stack.pop() {
            // the geodesic circle is no longer than the plane's (K > 0)
            let len = 1.001 * self.d * (tb - ta).abs().to_radians();
            let bound = (ua + ub + len) / 2.0;
            if bound <= limit {
                deepest_bound = deepest_bound.max(bound);
                continue;
            }
            if len < 8.0 * self.margin {
                return None;
            }
            let tm = (ta + tb) / 2.0;
            let um = at(tm)?;
            stack.push((ta, ua, tm, um));
            stack.push((tm, um, tb, ub));
        }
        Some(self.d - deepest_bound)
    }
}

/// The pieces of one part as lon/lat rings, in order along the part: for
/// each edge its offset quadrilateral (or the half of it on `side`), for
/// each vertex the sector on the outer side of the turn, half discs
/// (quarters) at open ends. With a `hider`, arcs it shows to be inside the
/// strip are drawn coarse.
fn pieces(
    part: &Part,
    d: f64,
    edge_step: f64,
    arc_step_deg: f64,
    hider: Option<&Hider>,
) -> Vec<Vec<Coord<f64>>> {
    let v = &part.v;
    let n = v.len();
    let mut out = Vec::new();
    // A sector reaches a little into the quadrilaterals beside it (`lead`,
    // `trail`), so that no two pieces share an edge: shared edges snapped
    // apart by the boolean operations leave cracks.
    let arc = |c: Coord<f64>,
               from: f64,
               sweep: f64,
               (lead, trail): (bool, bool),
               out: &mut Vec<Vec<Coord<f64>>>| {
        if sweep.abs() < 1e-9 {
            return;
        }
        let eps = OVERLAP_DEG * sweep.signum();
        let (t0, t1) = (
            from - if lead { eps } else { 0.0 },
            from + sweep + if trail { eps } else { 0.0 },
        );
        // chords of a hidden arc may bow in by up to half its depth, less
        // the margin (1% for the ellipsoid)
        let step = hider
            .and_then(|h| {
                let depth = h.arc_depth(c, t0, t1 - t0)?;
                let sagitta = (depth / 2.0 - h.margin) / 1.01;
                (sagitta > 0.0)
                    .then(|| 2.0 * (1.0 - sagitta / d).clamp(-1.0, 1.0).acos().to_degrees())
            })
            .map_or(arc_step_deg, |s| s.clamp(arc_step_deg, 90.0));
        let m = (sweep.abs() / step).ceil().max(1.0) as usize;
        let mut ring = Vec::with_capacity(m + 5);
        ring.push(c);
        if lead {
            ring.push(direct(c, t0, d));
        }
        for k in 0..=m {
            ring.push(direct(c, from + sweep * k as f64 / m as f64, d));
        }
        if trail {
            ring.push(direct(c, t1, d));
        }
        ring.push(c);
        out.push(ring);
    };
    if n == 1 {
        // a lone point has no sides
        let halves: &[f64] = if part.side == 0 { &[0.0, 180.0] } else { &[] };
        for &from in halves {
            arc(v[0], from, 180.0, (false, false), &mut out);
        }
        return out;
    }
    let edges = if part.closed { n } else { n - 1 };
    // (length, azimuth at start, azimuth at end) of each edge
    let geo: Vec<(f64, f64, f64)> = (0..edges)
        .map(|i| {
            let (a, b) = (v[i], v[(i + 1) % n]);
            let (len, az1, az2, _a12): (f64, f64, f64, f64) = wgs84().inverse(a.y, a.x, b.y, b.x);
            (len, az1, az2)
        })
        .collect();
    let quad = |i: usize, out: &mut Vec<Vec<Coord<f64>>>| {
        let (a, b) = (v[i], v[(i + 1) % n]);
        let (len, az1, az2) = geo[i];
        let m = (len / edge_step).ceil().max(1.0) as usize;
        let mut left = Vec::with_capacity(m + 1);
        let mut right = Vec::with_capacity(m + 1);
        let mut on = Vec::with_capacity(m + 1);
        for k in 0..=m {
            let (p, az) = if k == 0 {
                (a, az1)
            } else if k == m {
                (b, az2)
            } else {
                let (lat, lon, az): (f64, f64, f64) =
                    wgs84().direct(a.y, a.x, az1, len * k as f64 / m as f64);
                (Coord { x: lon, y: lat }, az)
            };
            on.push(p);
            if part.side >= 0 {
                left.push(direct(p, az - 90.0, d));
            }
            if part.side <= 0 {
                right.push(direct(p, az + 90.0, d));
            }
        }
        let ring: Vec<Coord<f64>> = match part.side {
            // the ends' own vertices too, so no piece has a T-junction
            0 => right
                .iter()
                .copied()
                .chain(std::iter::once(b))
                .chain(left.iter().rev().copied())
                .chain([a, right[0]])
                .collect(),
            1 => on
                .iter()
                .copied()
                .chain(left.iter().rev().copied())
                .chain(std::iter::once(on[0]))
                .collect(),
            _ => on
                .iter()
                .copied()
                .chain(right.iter().rev().copied())
                .chain(std::iter::once(on[0]))
                .collect(),
        };
        out.push(ring);
    };
    // the sector at the turn into edge i
    let sector = |i: usize, out: &mut Vec<Vec<Coord<f64>>>| {
        let (into, outof) = (geo[(i + edges - 1) % edges].2, geo[i % edges].1);
        let turn = (outof - into + 540.0).rem_euclid(360.0) - 180.0;
        // right turn (turn > 0): the outer side is the left
        if turn > 0.0 && part.side >= 0 {
            arc(v[i], into - 90.0, turn, (true, true), out);
        } else if turn < 0.0 && part.side <= 0 {
            arc(v[i], into + 90.0, turn, (true, true), out);
        }
    };
    let (start, end) = (geo[0].1, geo[edges - 1].2);
    if !part.closed {
        // behind the start, from the right normal round to the left one
        match part.side {
            0 => arc(v[0], start + 90.0, 180.0, (true, true), &mut out),
            1 => arc(v[0], start + 180.0, 90.0, (false, true), &mut out),
            _ => arc(v[0], start + 90.0, 90.0, (true, false), &mut out),
        }
    }
    for i in 0..edges {
        if i > 0 || part.closed {
            sector(i, &mut out);
        }
        quad(i, &mut out);
    }
    if !part.closed {
        match part.side {
            0 => arc(v[n - 1], end - 90.0, 180.0, (true, true), &mut out),
            1 => arc(v[n - 1], end - 90.0, 90.0, (true, false), &mut out),
            _ => arc(v[n - 1], end, 90.0, (false, true), &mut out),
        }
    }
    out
}

/// A plane point and its exact lon/lat.
type PlanePoint = (Coord<f64>, Coord<f64>);

/// Exact lon/lat of plane points, found within a snapping tolerance.
struct VertexTable {
    cell: f64,
    map: HashMap<(i64, i64), Vec<PlanePoint>>,
}

impl VertexTable {
    fn key(&self, p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / self.cell).floor() as i64,
            (p.y / self.cell).floor() as i64,
        )
    }

    fn insert(&mut self, plane: Coord<f64>, lonlat: Coord<f64>) {
        let k = self.key(plane);
        self.map.entry(k).or_default().push((plane, lonlat));
    }

    fn find(&self, p: Coord<f64>) -> Option<Coord<f64>> {
        let (kx, ky) = self.key(p);
        let mut best: Option<(f64, Coord<f64>)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for (q, ll) in self.map.get(&(kx + dx, ky + dy)).into_iter().flatten() {
                    let d = (q.x - p.x).hypot(q.y - p.y);
                    if d <= self.cell && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, *ll));
                    }
                }
            }
        }
        best.map(|b| b.1)
    }
}

/// Ring orientation in the plane: twice the signed area.
fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum()
}

/// How far from D (metres) an outline vertex may be: the contract's 1 mm.
const AT_D_M: f64 = 1e-3;

/// Everything built in the strip's plane.
struct Strip<'e> {
    plane: LocalPlane,
    index: &'e GeodesicIndex<()>,
    d: f64,
}

impl Strip<'_> {
    /// Plane polygons of lon/lat rings (counter-clockwise), with their
    /// vertices recorded.
    fn project(
        &self,
        rings: Vec<Vec<Coord<f64>>>,
        table: &mut VertexTable,
    ) -> Result<Vec<Polygon<f64>>> {
        let mut out = Vec::with_capacity(rings.len());
        for ring in rings {
            let mut pts = Vec::with_capacity(ring.len());
            for c in ring {
                let p = self
                    .plane
                    .forward(c)
                    .ok_or_else(|| too_large(f64::INFINITY))?;
                table.insert(p, c);
                pts.push(p);
            }
            if signed_area2(&pts) < 0.0 {
                pts.reverse();
            }
            out.push(Polygon::new(LineString(pts), Vec::new()));
        }
        Ok(out)
    }

    /// Exact distance from `p` to the buffered border, with the foot.
    fn nearest(&self, p: Coord<f64>) -> Option<(f64, Coord<f64>)> {
        self.index
            .nearest_edge(p)
            .map(|h| (h.nearest.distance_m, h.nearest.point))
    }

    /// The point at exactly D from the two features (edges or vertices)
    /// that control it, starting from `start`: Newton's method on the two
    /// nearest distinct features, found afresh at every step (the pair at
    /// the start is not always the pair at the end), or a radial step onto
    /// D when only one is near. `None` when it does not settle at D ± 1 mm.
    fn settle(&self, start: Coord<f64>) -> Option<Coord<f64>> {
        let d = self.d;
        let mut p = start;
        // a crossing of two offsets starts within metres of D; anything
        // farther is not one
        if (self.nearest(p)?.0 - d).abs() > 0.05 * d + 1.0 {
            return None;
        }
        for _ in 0..60 {
            let (d1, foot1) = self.nearest(p)?;
            // a second feature counts when it could be at D after a step
            // like the one the first needs, or nearly at d1 already
            let reach = d1 + 2.0 * (d - d1).abs() + 1e-3;
            let second = self
                .index
                .edges_within(p, reach)
                .into_iter()
                .map(|h| (h.nearest.distance_m, h.nearest.point))
                .filter(|(_, f)| crate::geodesy::distance_m(*f, foot1) > 1e-3)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let g1 = gradient(foot1, p);
            let r1 = d - d1;
            let step = match second {
                Some((d2, foot2)) => {
                    let g2 = gradient(foot2, p);
                    let r2 = d - d2;
                    let det = g1.0 * g2.1 - g1.1 * g2.0;
                    // offsets meeting head on or tangent: one at a time
                    if det.abs() < 1e-9 {
                        (g1.0 * r1, g1.1 * r1)
                    } else {
                        ((r1 * g2.1 - r2 * g1.1) / det, (g1.0 * r2 - g2.0 * r1) / det)
                    }
                }
                None => (g1.0 * r1, g1.1 * r1),
            };
            let mut len = step.0.hypot(step.1);
            if !len.is_finite() {
                return None;
            }
            if len < 1e-7 {
                break;
            }
            // damped: never more than a tenth of D at a time
            len = len.min(0.1 * d);
            p = direct(p, step.0.atan2(step.1).to_degrees(), len);
        }
        let (d1, _) = self.nearest(p)?;
        ((d1 - d).abs() <= AT_D_M).then_some(p)
    }
}

/// Unit vector (east, north) of the direction in which the distance from
/// `foot` grows, at `p`.
fn gradient(foot: Coord<f64>, p: Coord<f64>) -> (f64, f64) {
    let (_s, _a1, azi2, _a12): (f64, f64, f64, f64) = wgs84().inverse(foot.y, foot.x, p.y, p.x);
    let r = azi2.to_radians();
    (r.sin(), r.cos())
}

/// The strip's polygons clipped with the territory one at a time, each with
/// the territory polygons near it only: a country's far-off parts (Hawaii,
/// the Aleutians) would put the clipper's one plane beyond its reach.
fn clip_with_territory(
    strip: &[Polygon<f64>],
    territory: &[Polygon<f64>],
) -> Result<MultiPolygon<f64>> {
    // lon/lat boxes grown by a degree: geodesic edges bow out of them
    let grown = |p: &Polygon<f64>| {
        p.bounding_rect().map(|r| {
            let one = Coord { x: 1.0, y: 1.0 };
            geo_types::Rect::new(r.min() - one, r.max() + one)
        })
    };
    let boxes: Vec<_> = territory.iter().map(grown).collect();
    let mut out = Vec::new();
    for poly in strip {
        let Some(b) = grown(poly) else { continue };
        let near: Vec<Polygon<f64>> = territory
            .iter()
            .zip(&boxes)
            .filter(|(_, t)| t.is_some_and(|t| t.intersects(&b)))
            .map(|(p, _)| p.clone())
            .collect();
        if !near.is_empty() {
            out.extend(clip_polygons(std::slice::from_ref(poly), &near, ClipOp::Intersection)?.0);
        }
    }
    Ok(MultiPolygon(out))
}

fn too_large(radius: f64) -> Error {
    Error::TooLarge {
        features: "the buffered segments".to_owned(),
        reason: format!(
            "the strip reaches {:.0} km from its centre; strips are built in a local plane that reaches {:.0} km",
            radius / 1e3,
            MAX_RADIUS_M / 1e3
        ),
    }
}

/// Union of plane polygons in order along the border, as a balanced tree:
/// neighbours first, so every union stays local and its operands are
/// outlines, not heaps of overlapping pieces.
fn union_all(polys: &[Polygon<f64>]) -> MultiPolygon<f64> {
    const LEAF: usize = 8;
    if polys.len() <= LEAF {
        let empty = MultiPolygon::<f64>(Vec::new());
        return MultiPolygon(polys.to_vec()).union_with_fill_rule(&empty, FillRule::NonZero);
    }
    let (a, b) = polys.split_at(polys.len() / 2);
    let (a, b) = rayon::join(|| union_all(a), || union_all(b));
    a.union_with_fill_rule(&b, FillRule::NonZero)
}

impl BorderMap {
    /// The strip of points within `options.distance_m` metres (geodesic) of
    /// the border (or of the chosen segments), optionally on one party's side
    /// only; see [the module docs](crate::delimitation::buffer) for the
    /// method and its accuracy.
    ///
    /// # Units
    ///
    /// Metres and m² on WGS84; the geometry is lon/lat degrees with geodesic
    /// edges.
    ///
    /// # Errors
    ///
    /// [`Error::BadParameter`] for a distance outside (0, 1 000 km] or a
    /// tolerance outside (0, distance]; [`Error::UnknownFeature`] for an id
    /// that is not a border segment; [`Error::NoBorder`] when there is no
    /// segment to buffer; [`Error::TooLarge`] when the strip does not fit in
    /// one local plane.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarcate::{BorderMap, BufferOptions, Party};
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// let strip = map.buffer(&BufferOptions::new(5_000.0).side(Party::new("ARM")))?;
    /// println!("{:.1} km² of Armenia lie within 5 km of the border", strip.area_m2 / 1e6);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn buffer(&self, options: &BufferOptions) -> Result<BufferStrip> {
        let d = options.distance_m;
        if !(d.is_finite() && d > 0.0 && d <= MAX_DISTANCE_M) {
            return Err(Error::BadParameter {
                name: "distance_m",
                value: d,
                expected: "a distance in metres in (0, 1000000]",
            });
        }
        let tol = options.tolerance_m;
        if !(tol.is_finite() && tol > 0.0 && tol <= d) {
            return Err(Error::BadParameter {
                name: "tolerance_m",
                value: tol,
                expected: "a positive tolerance in metres, at most the distance",
            });
        }
        let segments: Vec<_> = match &options.segments {
            None => self.segments().collect(),
            Some(ids) => ids
                .iter()
                .map(|id| {
                    self.segment(id).ok_or_else(|| Error::UnknownFeature {
                        id: id.clone(),
                        kind: Some(crate::model::Kind::BorderSegment),
                    })
                })
                .collect::<Result<_>>()?,
        };
        if segments.is_empty() {
            return Err(Error::NoBorder);
        }
        let territory: Vec<Polygon<f64>> = options.side.as_ref().map_or_else(Vec::new, |party| {
            self.territories()
                .filter(|t| t.party() == party)
                .flat_map(|t| t.polygons().iter().cloned())
                .collect()
        });
        let by_sides = options.side.is_some() && territory.is_empty();
        let mut parts = Vec::new();
        for s in &segments {
            let side = match &options.side {
                Some(p) if by_sides => {
                    if s.left() == p {
                        1
                    } else if s.right() == p {
                        -1
                    } else {
                        // the party is on neither side of this segment
                        continue;
                    }
                }
                _ => 0,
            };
            for line in s.lines() {
                let mut v: Vec<Coord<f64>> = Vec::with_capacity(line.0.len());
                for &c in &line.0 {
                    if v.last() != Some(&c) {
                        v.push(c);
                    }
                }
                let closed = v.len() >= 4 && v.first() == v.last();
                if closed {
                    v.pop();
                }
                if !v.is_empty() {
                    parts.push(Part { v, closed, side });
                }
            }
        }
        let ids: Vec<FeatureId> = segments.iter().map(|s| s.id().clone()).collect();
        let side_by = options.side.as_ref().map(|_| {
            if by_sides {
                SideBy::SegmentSides
            } else {
                SideBy::Territory
            }
        });
        let empty = |area| BufferStrip {
            distance_m: d,
            side: options.side.clone(),
            side_by,
            segments: ids.clone(),
            tolerance_m: tol,
            geometry: MultiPolygon(Vec::new()),
            area_m2: area,
            unsettled: Vec::new(),
        };
        if parts.is_empty() {
            return Ok(empty(0.0));
        }

        // the plane: facing the vertices' mean, reaching all of them plus D
        let mut sum = [0.0; 3];
        let mut count = 0.0;
        for p in &parts {
            for &c in &p.v {
                let e = ecef(c);
                sum = [sum[0] + e[0], sum[1] + e[1], sum[2] + e[2]];
                count += 1.0;
            }
        }
        let plane = LocalPlane::facing([sum[0] / count, sum[1] / count, sum[2] / count]);
        let centre = plane.center_ecef();
        let chord = parts
            .iter()
            .flat_map(|p| &p.v)
            .map(|&c| {
                let e = ecef(c);
                ((e[0] - centre[0]).powi(2)
                    + (e[1] - centre[1]).powi(2)
                    + (e[2] - centre[2]).powi(2))
                .sqrt()
            })
            .fold(0.0_f64, f64::max);
        let radius = 1.01 * arc_upper_bound_m(chord) + d + 1.0;
        if radius > MAX_RADIUS_M {
            return Err(too_large(radius));
        }

        // Steps: the geodesic chord of an offset curve (geodesic curvature
        // about tan(D/R)/R) stays within the tolerance, and so does its
        // image in the plane; an arc of radius D is cut into chords with a
        // sagitta within the tolerance (90% for the ellipsoid's unevenness).
        let kappa = (d / MIN_RADIUS_M).tan() / MIN_RADIUS_M;
        let edge_step = (8.0 * tol / kappa)
            .sqrt()
            .min(max_straight_edge_m(tol, radius));
        let arc_step_deg = (0.9 * 2.0 * (1.0 - tol / d).clamp(-1.0, 1.0).acos())
            .to_degrees()
            .clamp(1e-4, 45.0);

        // the buffered edges, indexed for exact distances (zero-length
        // edges stand for lone points)
        let index = GeodesicIndex::from_lines(parts.iter().map(|p| {
            let mut v = p.v.clone();
            if p.closed && v.len() > 1 {
                v.push(v[0]);
            }
            (LineString(v), ())
        }));
        let hider = Hider {
            vertices: RTree::bulk_load(
                parts
                    .iter()
                    .flat_map(|p| p.v.iter().map(|&c| ecef(c)))
                    .collect(),
            ),
            d,
            margin: 2.0 * tol + 1e-3,
        };
        let rings: Vec<Vec<Vec<Coord<f64>>>> = parts
            .par_iter()
            .map(|p| pieces(p, d, edge_step, arc_step_deg, Some(&hider)))
            .collect();
        let strip = Strip {
            plane,
            index: &index,
            d,
        };
        // snapping grid of the boolean operations over the whole extent, a
        // few steps for the rounds of unions
        let extent = 2.0 * radius.min(MAX_RADIUS_M) * 1.2;
        let cell = 16.0 * (extent.log2().ceil() - 29.0).exp2();
        let mut table = VertexTable {
            cell,
            map: HashMap::new(),
        };

        let mut plane_polys = Vec::new();
        let mut other_polys = Vec::new();
        for (part, rs) in parts.iter().zip(rings) {
            let polys = strip.project(rs, &mut table)?;
            plane_polys.extend(polys);
            if part.side != 0 {
                let flipped = Part {
                    v: part.v.clone(),
                    closed: part.closed,
                    side: -part.side,
                };
                // all of them: one hidden in the two-sided strip may still
                // be what takes a point out of this side
                let rs = pieces(&flipped, d, edge_step, arc_step_deg, None);
                other_polys.extend(strip.project(rs, &mut table)?);
            }
        }
        let mut united = union_all(&plane_polys);
        if !other_polys.is_empty() {
            let other = union_all(&other_polys);
            united = united.difference_with_fill_rule(&other, FillRule::NonZero);
        }

        // Rings thinner than the tolerance are slivers of the snapping where
        // pieces meet (a strip's own holes are D-wide at least).
        let sliver = |r: &LineString<f64>| {
            let perimeter: f64 =
                r.0.windows(2)
                    .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
                    .sum();
            0.5 * signed_area2(&r.0).abs() <= tol * perimeter
        };
        let united = MultiPolygon(
            united
                .0
                .into_iter()
                .filter(|p| !sliver(p.exterior()))
                .map(|p| {
                    let (exterior, interiors) = p.into_inner();
                    Polygon::new(
                        exterior,
                        interiors.into_iter().filter(|r| !sliver(r)).collect(),
                    )
                })
                .collect(),
        );
        // Back to lon/lat: piece vertices exactly, crossings settled. Every
        // vertex is then checked against the exact distance: a piece vertex
        // just inside another piece's chord, or a crossing snapped onto a
        // piece vertex, is settled too; what still misses D ± 1 mm is
        // reported. On one side without territories, vertices on the border
        // itself (its crossings with the other side's pieces) stay.
        // How far inside D the chords of the pieces can leave an outline
        // vertex (measured: 2.6 cm at a 1 cm tolerance).
        let slack = 4.0 * tol + AT_D_M;
        let restore = |c: Coord<f64>| -> (Coord<f64>, bool) {
            let piece_vertex = table.find(c);
            // a piece vertex is at D from its own feature: only a nearer
            // one can spoil it
            if let Some(ll) = piece_vertex
                && strip.index.edges_within(ll, d - AT_D_M).is_empty()
            {
                return (ll, true);
            }
            let ll = piece_vertex.unwrap_or_else(|| strip.plane.inverse(c));
            match strip.nearest(ll) {
                Some((dist, _)) if (dist - d).abs() <= AT_D_M => (ll, true),
                // One side without territories: vertices on the border, and
                // where the other side's pieces cut in (the border folds
                // back within 2D), are what that method makes them.
                Some((dist, _)) if by_sides && dist < d - slack => (ll, true),
                _ => strip.settle(ll).map_or((ll, false), |p| (p, true)),
            }
        };
        let unsettled = std::sync::Mutex::new(Vec::new());
        let restore_ring = |ring: &LineString<f64>| -> LineString<f64> {
            let restored: Vec<(Coord<f64>, bool)> =
                ring.0.par_iter().map(|&c| restore(c)).collect();
            let mut out: Vec<(Coord<f64>, bool)> = Vec::with_capacity(ring.0.len());
            for (ll, ok) in restored {
                if out.len() >= 2 && out[out.len() - 2].0 == ll {
                    // a zero-width spike out and back
                    out.pop();
                } else if out.last().is_none_or(|l| l.0 != ll) {
                    out.push((ll, ok));
                }
            }
            if let Ok(mut u) = unsettled.lock() {
                u.extend(out.iter().filter(|v| !v.1).map(|v| v.0));
            }
            let mut out: Vec<Coord<f64>> = out.into_iter().map(|v| v.0).collect();
            if out.len() > 1 && out.first() != out.last() {
                out.push(out[0]);
            }
            LineString(out)
        };
        let polygons: Vec<Polygon<f64>> = united
            .0
            .iter()
            .map(|p| {
                Polygon::new(
                    restore_ring(p.exterior()),
                    p.interiors().iter().map(restore_ring).collect(),
                )
            })
            .filter(|p| p.exterior().0.len() >= 4)
            .collect();
        let mut unsettled = unsettled.into_inner().unwrap_or_default();
        // a ring's closing vertex is its first one again
        unsettled.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
        unsettled.dedup();
        let mut geometry = MultiPolygon(polygons);
        if !territory.is_empty() && !geometry.0.is_empty() {
            geometry = clip_with_territory(&geometry.0, &territory)?;
        }
        let area_m2 = geodesic_multi_area_m2(&geometry);
        Ok(BufferStrip {
            geometry,
            area_m2,
            unsettled,
            ..empty(0.0)
        })
    }
}
