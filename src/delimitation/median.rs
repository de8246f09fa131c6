//! The median (equidistance) line between two parties' shores.
//!
//! # Method
//!
//! The line is the locus d_A = d_B, where d_X is the exact geodesic distance
//! to the nearest shore element (vertex or geodesic edge) or basepoint of
//! party X, found through a [`GeodesicIndex`] over that party's shores. The
//! gradient of d_X at a point is the unit vector of the azimuth there of the
//! geodesic from its foot point, so the line is traced by predictor and
//! corrector:
//!
//! 1. Seed: a shore vertex of A and its nearest point on B (the pair whose
//!    ends are farthest from the other party), and bisection along the
//!    geodesic between them for d_A = d_B.
//! 2. Predict along the tangent (perpendicular to g_A − g_B, A on the left),
//!    then correct by Newton on d_A − d_B along g_A − g_B (to 1e-7 m).
//! 3. Accept the chord when the line at its quarter points lies within the
//!    tolerance of it (|d_A − d_B| / |g_A − g_B|), else halve the step; steps
//!    are at most the distance to the shores.
//! 4. When a party's controlling element changes for one that is neither the
//!    same point nor a smooth continuation (an edge and its own end vertex,
//!    or two edges meeting at a vertex that is convex as seen from the
//!    point), the turning point equidistant from the three elements is solved
//!    by 2-D Newton on (d_1 − d_3, d_2 − d_3), and checked against the full
//!    distances (a nearer element replaces the new one and it is solved again).
//! 5. Stop where the controlling elements of both parties end at one point
//!    (the shores meet) or where the line leaves the lon/lat box of the shores.
//!
//! A coarse construction then checks that nothing was missed: from every
//! shore vertex, the locus point on the geodesic to the other party's
//! nearest point (bisection) must lie within the tolerance of the traced line.
//!
//! # Units and assumptions
//!
//! Lon/lat degrees on WGS84, metres along the ellipsoid. The shores must not
//! cross the antimeridian (the extent is a lon/lat box).

use geo_types::{Coord, LineString};
use geographiclib_rs::InverseGeodesic;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::geodesy::root::bisect;
use crate::geodesy::{GeodesicEdge, destination, geodesic_length_m, wgs84};
use crate::index::GeodesicIndex;
use crate::model::{BorderMap, FeatureId, Party};

/// Newton on d_A − d_B stops below this residual, metres.
const EQUAL_M: f64 = 1e-7;
/// A third element within this of the common distance also controls a
/// turning point, metres.
const TIE_M: f64 = 1e-6;
/// Points closer than this are the same point (shores meeting), metres.
const MEET_M: f64 = 1e-3;
/// Turning points that move more than this many metres per metre of error
/// in a distance are flagged ill-conditioned.
const ILL_CONDITIONED: f64 = 1e3;
/// Smallest step before the tracer gives up, metres.
const MIN_STEP_M: f64 = 1e-6;

/// Options of [`BorderMap::median_line`].
///
/// ```
/// use demarcate::MedianOptions;
/// let o = MedianOptions::new().tolerance_m(0.05);
/// assert_eq!(o.tolerance(), 0.05);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MedianOptions {
    tolerance_m: f64,
    max_vertices: usize,
    check: bool,
}

impl Default for MedianOptions {
    fn default() -> Self {
        MedianOptions {
            tolerance_m: 0.01,
            max_vertices: 1_000_000,
            check: true,
        }
    }
}

impl MedianOptions {
    /// The defaults: tolerance 0.01 m, at most 1,000,000 vertices, with the
    /// coarse check.
    pub fn new() -> Self {
        Self::default()
    }

    /// How far (metres) the true line may stray from the geodesic chords
    /// between the output's vertices; default 0.01.
    #[must_use]
    pub fn tolerance_m(mut self, tolerance_m: f64) -> Self {
        self.tolerance_m = tolerance_m;
        self
    }

    /// The most vertices a line may have before the trace is abandoned.
    #[must_use]
    pub fn max_vertices(mut self, max_vertices: usize) -> Self {
        self.max_vertices = max_vertices;
        self
    }

    /// Whether to run the coarse construction that checks no piece of the
    /// line was missed ([`MedianLine::check`]); default on.
    #[must_use]
    pub fn check(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    /// The tolerance, metres.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// The line between vertices stays within it of the exact median.
    pub fn tolerance(&self) -> f64 {
        self.tolerance_m
    }
}

/// Which element of a shore feature controls a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShoreElement {
    /// Vertex `i` of the line part (0-based).
    Vertex(usize),
    /// The geodesic edge from vertex `i` to vertex `i + 1`, at an interior foot.
    Edge(usize),
    /// A `basepoint` feature.
    Basepoint,
}

/// A shore element that fixes a turning point.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Control {
    /// The party whose shore it is.
    pub party: Party,
    /// Index of the `shore` or `basepoint` feature in the collection.
    pub feature: usize,
    /// The feature's id, if it has one.
    pub id: Option<FeatureId>,
    /// Line part of the feature (0 for a LineString or a basepoint).
    pub part: usize,
    /// The vertex or edge.
    pub element: ShoreElement,
    /// The nearest point of the element to the turning point, lon/lat degrees.
    pub foot: Coord<f64>,
}

/// A vertex of a median line fixed by three (or more) shore elements.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TurningPoint {
    /// Where, lon/lat degrees.
    pub point: Coord<f64>,
    /// Its index among the line's vertices.
    pub vertex: usize,
    /// The elements equidistant from it (both parties).
    pub controls: Vec<Control>,
    /// The common distance to the controls, metres.
    pub distance_m: f64,
    /// The largest difference between the distances to the controls, metres.
    pub residual_m: f64,
    /// Metres the point moves per metre of error in a distance (1 / the least
    /// singular value of the Jacobian of (d_1 − d_3, d_2 − d_3)); never below
    /// 0.5, √(2/3) ≈ 0.82 when the three elements lie 120° apart around it,
    /// large when they are nearly aligned.
    pub condition_number: f64,
    /// `condition_number` over 1000: a millimetre of error in the data moves
    /// the point by more than a metre.
    pub ill_conditioned: bool,
}

/// How one end of a median line was reached.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum MedianEnd {
    /// Where the two parties' shores meet (lon/lat degrees).
    Meeting(Coord<f64>),
    /// At the edge of the shores' lon/lat box.
    Extent(Coord<f64>),
}

/// The result of the coarse construction run after the trace.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct MedianCheck {
    /// How many locus points it found (one per shore vertex not on the other
    /// party's shore).
    pub points: usize,
    /// The largest distance from one of them to the traced line, metres.
    pub max_offset_m: f64,
    /// Locus points farther than twice the tolerance (plus 1 mm) from the
    /// traced line: a piece the trace missed, or a separate branch of the
    /// locus (an island's, or one across land). Empty when all is well.
    pub missed: Vec<Coord<f64>>,
}

/// A median (equidistance) line between two parties.
///
/// # Units
///
/// Lon/lat degrees, metres.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MedianLine {
    /// The two parties, in the order asked: the first is on the line's left.
    pub parties: (Party, Party),
    /// The line's vertices, every one equidistant from both parties to 1 mm.
    pub line: LineString<f64>,
    /// The tolerance it was traced with, metres.
    pub tolerance_m: f64,
    /// Its geodesic length, metres.
    pub length_m: f64,
    /// The vertices fixed by three or more elements, in line order.
    pub turning_points: Vec<TurningPoint>,
    /// The largest |d_A − d_B| over the vertices, metres.
    pub max_residual_m: f64,
    /// How the start and the end were reached.
    pub ends: [MedianEnd; 2],
    /// The coarse construction's verdict (default when it was not run).
    pub check: MedianCheck,
}

impl MedianLine {
    /// The line and its turning points as Demarcation GeoJSON features
    /// (`median_line`, then `turning_point`s), as a FeatureCollection.
    pub fn to_feature_collection(&self) -> Value {
        let (a, b) = (self.parties.0.as_str(), self.parties.1.as_str());
        let base = format!("median-{a}-{b}");
        let coords: Vec<[f64; 2]> = self.line.0.iter().map(|c| [c.x, c.y]).collect();
        let mut features = vec![json!({
            "type": "Feature",
            "id": base,
            "properties": {
                "kind": "median_line",
                "parties": [a, b],
                "left": a,
                "right": b,
                "tolerance_m": self.tolerance_m,
                "length_m": self.length_m,
                "max_residual_m": self.max_residual_m,
                "turning_points": self.turning_points.len(),
            },
            "geometry": {"type": "LineString", "coordinates": coords},
        })];
        for (k, t) in self.turning_points.iter().enumerate() {
            let controls: Vec<Value> = t.controls.iter().map(control_json).collect();
            features.push(json!({
                "type": "Feature",
                "id": format!("{base}-tp-{}", k + 1),
                "properties": {
                    "kind": "turning_point",
                    "parties": [a, b],
                    "vertex": t.vertex,
                    "controls": controls,
                    "distance_m": t.distance_m,
                    "residual_m": t.residual_m,
                    "condition_number": t.condition_number,
                    "ill_conditioned": t.ill_conditioned,
                },
                "geometry": {"type": "Point", "coordinates": [t.point.x, t.point.y]},
            }));
        }
        json!({"type": "FeatureCollection", "features": features})
    }
}

fn control_json(c: &Control) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("party".into(), c.party.as_str().into());
    if let Some(id) = &c.id {
        o.insert("id".into(), id.clone().into());
    }
    o.insert("feature".into(), c.feature.into());
    o.insert("part".into(), c.part.into());
    match c.element {
        ShoreElement::Vertex(i) => {
            o.insert("vertex".into(), i.into());
        }
        ShoreElement::Edge(i) => {
            o.insert("edge".into(), i.into());
        }
        ShoreElement::Basepoint => {
            o.insert("basepoint".into(), true.into());
        }
    }
    o.insert("foot".into(), json!([c.foot.x, c.foot.y]));
    Value::Object(o)
}

impl BorderMap {
    /// The median (equidistance) line between party `a`'s and party `b`'s
    /// `shore` and `basepoint` features, with its turning points.
    ///
    /// # Units
    ///
    /// Lon/lat degrees on WGS84; distances and the tolerance in metres.
    ///
    /// # Assumptions
    ///
    /// Shores do not cross the antimeridian. The line runs from where the
    /// shores meet (a lake split by a land border) or from the edge of the
    /// shores' lon/lat box, to the other such place; `a` is on its left.
    ///
    /// # Errors
    ///
    /// [`Error::BadParameter`] for a tolerance that is not a positive number;
    /// [`Error::SameParties`] when `a` equals `b`; [`Error::NoShore`] when a party has no shore or
    /// basepoint; [`Error::MedianTrace`] when the trace cannot continue (a
    /// degenerate configuration, or more vertices than allowed).
    ///
    /// # Examples
    ///
    /// Two shores mirrored about the equator: the median line is the equator.
    ///
    /// ```
    /// use demarcate::{BorderMap, MedianOptions, Party};
    /// let map = BorderMap::from_geojson_str(r#"{"type":"FeatureCollection","features":[
    ///  {"type":"Feature","id":"n","properties":{"kind":"shore","party":"NOR"},
    ///   "geometry":{"type":"LineString","coordinates":[[10,0.1],[10.5,0.12],[11,0.1]]}},
    ///  {"type":"Feature","id":"s","properties":{"kind":"shore","party":"SOU"},
    ///   "geometry":{"type":"LineString","coordinates":[[10,-0.1],[10.5,-0.12],[11,-0.1]]}}]}"#)?;
    /// let m = map.median_line(&Party::new("NOR"), &Party::new("SOU"), &MedianOptions::new())?;
    /// assert!(m.line.0.iter().all(|c| c.y.abs() < 1e-9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn median_line(&self, a: &Party, b: &Party, options: &MedianOptions) -> Result<MedianLine> {
        let tol = options.tolerance_m;
        if !(tol.is_finite() && tol > 0.0) {
            return Err(Error::BadParameter {
                name: "tolerance_m",
                value: tol,
                expected: "a positive number of metres",
            });
        }
        if a == b {
            return Err(Error::SameParties { party: a.clone() });
        }
        let sa = Side::new(self, a)?;
        let sb = Side::new(self, b)?;
        let tracer = Tracer {
            a: &sa,
            b: &sb,
            tol,
            max_vertices: options.max_vertices.max(2),
            bbox: bbox(&sa, &sb),
            parties: format!("{a},{b}"),
        };
        let mut result = tracer.run()?;
        if options.check {
            result.check = tracer.check(&result.line);
        }
        Ok(result)
    }
}

/// One line part (or basepoint) of a party's shores.
struct Source {
    feature: usize,
    id: Option<FeatureId>,
    part: usize,
    basepoint: bool,
    coords: Vec<Coord<f64>>,
    /// Index of its first edge in the side's index.
    first_edge: usize,
}

/// A party's shores, indexed.
struct Side {
    party: Party,
    sources: Vec<Source>,
    /// One line per source, in order (a basepoint is a one-vertex line).
    index: GeodesicIndex<()>,
}

/// A vertex or an edge of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Vertex { src: usize, v: usize },
    Edge { src: usize, e: usize },
}

/// A party's distance at a point through one element (or the nearest).
#[derive(Debug, Clone, Copy)]
struct Near {
    d: f64,
    /// Unit gradient of the distance (east, north).
    g: [f64; 2],
    foot: Coord<f64>,
    elem: Elem,
}

impl Side {
    fn new(map: &BorderMap, party: &Party) -> Result<Side> {
        let mut sources = Vec::new();
        // a source's edges follow those of the sources before it: one per
        // pair of vertices, or one zero-length edge for a single vertex
        let mut edges = 0;
        let mut push = |sources: &mut Vec<Source>,
                        feature: usize,
                        id: Option<FeatureId>,
                        part: usize,
                        basepoint: bool,
                        coords: Vec<Coord<f64>>| {
            let first_edge = edges;
            edges += coords.len().saturating_sub(1).max(1);
            sources.push(Source {
                feature,
                id,
                part,
                basepoint,
                coords,
                first_edge,
            });
        };
        for s in map.shores().filter(|s| s.party() == party) {
            for (p, line) in s.lines().iter().enumerate() {
                if !line.0.is_empty() {
                    push(
                        &mut sources,
                        s.index(),
                        s.id().cloned(),
                        p,
                        false,
                        line.0.clone(),
                    );
                }
            }
        }
        for bp in map.basepoints().filter(|b| b.party() == party) {
            push(
                &mut sources,
                bp.index(),
                bp.id().cloned(),
                0,
                true,
                vec![bp.point().0],
            );
        }
        if sources.is_empty() {
            return Err(Error::NoShore {
                party: party.clone(),
            });
        }
        Ok(Side {
            party: party.clone(),
            index: GeodesicIndex::from_lines(
                sources
                    .iter()
                    .map(|s| (LineString::new(s.coords.clone()), ())),
            ),
            sources,
        })
    }

    fn edge(&self, src: usize, e: usize) -> &GeodesicEdge {
        &self.index.edges()[self.sources[src].first_edge + e].edge
    }

    fn vertex(&self, src: usize, v: usize) -> Coord<f64> {
        self.sources[src].coords[v]
    }

    /// The end points of an element.
    fn ends(&self, e: Elem) -> [Coord<f64>; 2] {
        match e {
            Elem::Vertex { src, v } => [self.vertex(src, v); 2],
            Elem::Edge { src, e } => [self.vertex(src, e), self.vertex(src, e + 1)],
        }
    }

    /// The nearest element to `p` and the distance to it.
    fn nearest(&self, p: Coord<f64>) -> Near {
        let hit = self
            .index
            .nearest_edge(p)
            .expect("a side has at least one source");
        let be = &self.index.edges()[hit.edge];
        let src = be.line as usize;
        let k = be.vertex as usize;
        let n = hit.nearest;
        let elem = if n.edge_length_m <= 0.0 || n.along_m <= 0.0 {
            Elem::Vertex { src, v: k }
        } else if n.along_m >= n.edge_length_m {
            Elem::Vertex { src, v: k + 1 }
        } else {
            Elem::Edge { src, e: k }
        };
        let elem = if self.sources[src].basepoint {
            Elem::Vertex { src, v: 0 }
        } else {
            elem
        };
        near_from(p, n.point, n.distance_m, elem)
    }

    /// The distance from `p` to one element (an edge's nearest point may be
    /// an end).
    fn eval(&self, e: Elem, p: Coord<f64>) -> Near {
        match e {
            Elem::Vertex { src, v } => {
                let c = self.vertex(src, v);
                let (s12, _azi1, azi2, _a12): (f64, f64, f64, f64) =
                    wgs84().inverse(c.y, c.x, p.y, p.x);
                let r = azi2.to_radians();
                Near {
                    d: s12,
                    g: if s12 > 0.0 {
                        [r.sin(), r.cos()]
                    } else {
                        [0.0; 2]
                    },
                    foot: c,
                    elem: e,
                }
            }
            Elem::Edge { src, e: k } => {
                let n = self.edge(src, k).nearest(p);
                near_from(p, n.point, n.distance_m, e)
            }
        }
    }

    /// Whether going from controlling element `e0` to `e1` (seen from `p`)
    /// keeps the line smooth: the same point, an edge and its own end, or two
    /// edges meeting at a vertex that is convex as seen from `p`.
    fn smooth(&self, e0: Elem, e1: Elem, p: Coord<f64>) -> bool {
        if e0 == e1 {
            return true;
        }
        let same = |u: Coord<f64>, v: Coord<f64>| u == v;
        match (e0, e1) {
            (Elem::Vertex { .. }, Elem::Vertex { .. }) => same(self.ends(e0)[0], self.ends(e1)[0]),
            (Elem::Vertex { .. }, Elem::Edge { .. }) | (Elem::Edge { .. }, Elem::Vertex { .. }) => {
                let (v, ed) = if matches!(e0, Elem::Vertex { .. }) {
                    (self.ends(e0)[0], self.ends(e1))
                } else {
                    (self.ends(e1)[0], self.ends(e0))
                };
                same(v, ed[0]) || same(v, ed[1])
            }
            (Elem::Edge { src: s0, e: k0 }, Elem::Edge { src: s1, e: k1 }) => {
                let [a0, b0] = self.ends(e0);
                let [a1, b1] = self.ends(e1);
                let g0 = self.edge(s0, k0);
                let g1 = self.edge(s1, k1);
                // arriving at the shared vertex along e0, leaving along e1
                let (arrive, flip) = if same(b0, a1) || same(b0, b1) {
                    (g0.azimuth_b_deg(), 1.0)
                } else if same(a0, a1) || same(a0, b1) {
                    (g0.azimuth_a_deg() + 180.0, -1.0)
                } else {
                    return false;
                };
                let shared = if same(b0, a1) || same(a0, a1) { a1 } else { b1 };
                let leave = if same(shared, a1) {
                    g1.azimuth_a_deg()
                } else {
                    g1.azimuth_b_deg() + 180.0
                };
                let turn = (leave - arrive + 540.0).rem_euclid(360.0) - 180.0;
                if turn.abs() < 1e-9 {
                    return true;
                }
                // > 0: p to the left of e0's direction of travel
                let side = g0.nearest(p).cross * flip;
                // convex seen from p: p on the outside of the bend
                side * turn > 0.0
            }
        }
    }

    fn control(&self, n: &Near) -> Control {
        let (src, element) = match n.elem {
            Elem::Vertex { src, v } => (
                src,
                if self.sources[src].basepoint {
                    ShoreElement::Basepoint
                } else {
                    ShoreElement::Vertex(v)
                },
            ),
            Elem::Edge { src, e } => (src, ShoreElement::Edge(e)),
        };
        let s = &self.sources[src];
        Control {
            party: self.party.clone(),
            feature: s.feature,
            id: s.id.clone(),
            part: s.part,
            element,
            foot: n.foot,
        }
    }
}

fn near_from(p: Coord<f64>, foot: Coord<f64>, d: f64, elem: Elem) -> Near {
    let g = if d > 0.0 {
        let (_s12, _azi1, azi2, _a12): (f64, f64, f64, f64) =
            wgs84().inverse(foot.y, foot.x, p.y, p.x);
        let r = azi2.to_radians();
        [r.sin(), r.cos()]
    } else {
        [0.0; 2]
    };
    Near { d, g, foot, elem }
}

/// `p` moved by the vector `v` (metres east, north) along a geodesic.
fn shift(p: Coord<f64>, v: [f64; 2]) -> Coord<f64> {
    let len = v[0].hypot(v[1]);
    if len == 0.0 {
        return p;
    }
    destination(p, v[0].atan2(v[1]).to_degrees(), len)
}

fn dist(p: Coord<f64>, q: Coord<f64>) -> f64 {
    crate::geodesy::distance_m(p, q)
}

/// The point a fraction `t` along the geodesic p→q.
fn along(p: Coord<f64>, q: Coord<f64>, t: f64) -> Coord<f64> {
    let edge = GeodesicEdge::new(p, q);
    edge.point_at(edge.length_m() * t).0
}

/// The unit tangent (east, north) with `a` on the left, from the gradients.
fn tangent(ga: [f64; 2], gb: [f64; 2]) -> Option<[f64; 2]> {
    let n = [gb[0] - ga[0], gb[1] - ga[1]];
    let len = n[0].hypot(n[1]);
    (len > 1e-9).then(|| [n[1] / len, -n[0] / len])
}

fn bbox(a: &Side, b: &Side) -> [f64; 4] {
    let mut bb = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for s in a.sources.iter().chain(&b.sources) {
        for c in &s.coords {
            bb = [
                bb[0].min(c.x),
                bb[1].min(c.y),
                bb[2].max(c.x),
                bb[3].max(c.y),
            ];
        }
    }
    bb
}

/// One traced vertex.
#[derive(Debug, Clone)]
struct Vertex {
    p: Coord<f64>,
    residual: f64,
    turning: Option<TurningPoint>,
}

/// How a half trace ended.
enum Stop {
    Meeting(Coord<f64>),
    Extent(Coord<f64>),
}

struct Tracer<'a> {
    a: &'a Side,
    b: &'a Side,
    tol: f64,
    max_vertices: usize,
    bbox: [f64; 4],
    parties: String,
}

impl Tracer<'_> {
    fn fail(&self, at: Coord<f64>, reason: impl Into<String>) -> Error {
        Error::MedianTrace {
            parties: self.parties.clone(),
            lon: at.x,
            lat: at.y,
            reason: reason.into(),
        }
    }

    fn inside(&self, p: Coord<f64>) -> bool {
        let [x0, y0, x1, y1] = self.bbox;
        p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1
    }

    /// Newton on d_A − d_B along g_A − g_B from `p`, on the full distances.
    fn correct(&self, mut p: Coord<f64>) -> Option<(Coord<f64>, Near, Near)> {
        for _ in 0..40 {
            let na = self.a.nearest(p);
            let nb = self.b.nearest(p);
            let f = na.d - nb.d;
            // beyond a meeting point both distances run to it: f = 0 is no answer
            if dist(na.foot, nb.foot) <= MEET_M {
                return None;
            }
            if f.abs() <= EQUAL_M {
                return Some((p, na, nb));
            }
            let u = [na.g[0] - nb.g[0], na.g[1] - nb.g[1]];
            let nu2 = u[0] * u[0] + u[1] * u[1];
            if nu2 < 1e-12 {
                return None;
            }
            let s = -f / nu2;
            p = shift(p, [u[0] * s, u[1] * s]);
            if !(p.x.is_finite() && p.y.is_finite()) {
                return None;
            }
        }
        None
    }

    /// First-order distance (metres) from `q` to the locus.
    fn offset(&self, q: Coord<f64>) -> f64 {
        let na = self.a.nearest(q);
        let nb = self.b.nearest(q);
        let nu = (na.g[0] - nb.g[0]).hypot(na.g[1] - nb.g[1]);
        let f = (na.d - nb.d).abs();
        if nu > 1e-9 { f / nu } else { f }
    }

    /// Whether the chord p→q stays within the tolerance of the locus.
    fn chord_ok(&self, p: Coord<f64>, q: Coord<f64>) -> bool {
        [0.25, 0.5, 0.75]
            .into_iter()
            .all(|t| self.offset(along(p, q, t)) <= self.tol)
    }

    /// The seed: a locus point on a geodesic from an A point to a B point:
    /// first a shore vertex of A and its nearest point on B (the pair whose
    /// ends are farthest from the other party; good for open coasts), then
    /// pairs of the vertices of each party farthest from the other (in a
    /// lake every vertex's nearest point on the other shore may be where the
    /// shores meet).
    fn seed(&self) -> Result<(Coord<f64>, Near, Near)> {
        let far = |from: &Side, other: &Side| {
            let mut v: Vec<(f64, Coord<f64>)> = from
                .sources
                .iter()
                .flat_map(|s| s.coords.iter())
                .map(|&c| (other.nearest(c).d, c))
                .collect();
            v.sort_by(|x, y| y.0.total_cmp(&x.0));
            v.truncate(6);
            v
        };
        let mut pairs = Vec::new();
        let mut best: Option<(f64, Coord<f64>, Coord<f64>)> = None;
        for s in &self.a.sources {
            for &c in &s.coords {
                let nb = self.b.nearest(c);
                let score = nb.d.min(self.a.nearest(nb.foot).d);
                if best.is_none_or(|(d, _, _)| score > d) {
                    best = Some((score, c, nb.foot));
                }
            }
        }
        if let Some((score, pa, pb)) = best
            && score > MEET_M
        {
            pairs.push((pa, pb));
        }
        let (fa, fb) = (far(self.a, self.b), far(self.b, self.a));
        for &(da, pa) in &fa {
            for &(db, pb) in &fb {
                if da > MEET_M && db > MEET_M {
                    pairs.push((pa, pb));
                }
            }
        }
        for (pa, pb) in pairs {
            if let Some(found) = self.correct(self.bisect(pa, pb)) {
                return Ok(found);
            }
        }
        let at = fa.first().map_or(Coord { x: 0.0, y: 0.0 }, |v| v.1);
        Err(self.fail(at, "no point equidistant from the two shores was found"))
    }

    /// A point of p→q where d_A − d_B changes sign (negative at p).
    fn bisect(&self, p: Coord<f64>, q: Coord<f64>) -> Coord<f64> {
        let edge = GeodesicEdge::new(p, q);
        let s = bisect(0.0, edge.length_m(), 1e-9, |mid| {
            let x = edge.point_at(mid).0;
            self.a.nearest(x).d - self.b.nearest(x).d < 0.0
        });
        edge.point_at(s).0
    }

    /// The shared end of an A element and a B element, if they meet.
    fn meeting(&self, ea: Elem, eb: Elem) -> Option<Coord<f64>> {
        for u in self.a.ends(ea) {
            for v in self.b.ends(eb) {
                if u == v || dist(u, v) <= MEET_M {
                    return Some(u);
                }
            }
        }
        None
    }

    fn run(&self) -> Result<MedianLine> {
        let (p0, na, nb) = self.seed()?;
        let seed = Vertex {
            p: p0,
            residual: (na.d - nb.d).abs(),
            turning: None,
        };
        let (fwd, end_f) = self.trace(p0, na, nb, 1.0)?;
        let (bwd, end_b) = self.trace(p0, na, nb, -1.0)?;
        let mut vertices: Vec<Vertex> = bwd.into_iter().rev().collect();
        vertices.push(seed);
        vertices.extend(fwd);
        let line: LineString<f64> = vertices.iter().map(|v| v.p).collect();
        let mut turning_points = Vec::new();
        for (i, v) in vertices.iter().enumerate() {
            if let Some(t) = &v.turning {
                let mut t = t.clone();
                t.vertex = i;
                turning_points.push(t);
            }
        }
        let end = |s: Stop| match s {
            Stop::Meeting(c) => MedianEnd::Meeting(c),
            Stop::Extent(c) => MedianEnd::Extent(c),
        };
        Ok(MedianLine {
            parties: (self.a.party.clone(), self.b.party.clone()),
            length_m: geodesic_length_m(&line),
            line,
            tolerance_m: self.tol,
            turning_points,
            max_residual_m: vertices.iter().map(|v| v.residual).fold(0.0, f64::max),
            ends: [end(end_b), end(end_f)],
            check: MedianCheck::default(),
        })
    }

    /// Traces from `p` (on the locus, controlled by `na`, `nb`) in direction
    /// `sign` (+1: A on the left) to the end; the vertices after `p`.
    fn trace(
        &self,
        mut p: Coord<f64>,
        mut na: Near,
        mut nb: Near,
        sign: f64,
    ) -> Result<(Vec<Vertex>, Stop)> {
        let mut out: Vec<Vertex> = Vec::new();
        let mut h = (0.1 * na.d).max(10.0 * self.tol);
        loop {
            if out.len() >= self.max_vertices {
                return Err(self.fail(p, format!("more than {} vertices", self.max_vertices)));
            }
            // The shores meet at the end of both controlling elements: go
            // straight there if the chord allows.
            if let Some(m) = self.meeting(na.elem, nb.elem)
                && dist(p, m) <= 2.0 * na.d.max(h)
                && self.chord_ok(p, m)
            {
                out.push(Vertex {
                    p: m,
                    residual: 0.0,
                    turning: None,
                });
                return Ok((out, Stop::Meeting(m)));
            }
            let ga = self.a.eval(na.elem, p).g;
            let gb = self.b.eval(nb.elem, p).g;
            let Some(t) = tangent(ga, gb) else {
                return Err(self.fail(p, "the distances to both parties have the same gradient"));
            };
            let t = [t[0] * sign, t[1] * sign];
            h = h.min(na.d.max(10.0 * self.tol));
            if h < MIN_STEP_M {
                return Err(self.fail(p, "the step shrank below a micrometre"));
            }
            let pred = shift(p, [t[0] * h, t[1] * h]);
            let Some((mut p1, mut a1, mut b1)) = self.correct(pred) else {
                h *= 0.5;
                continue;
            };
            let mut last = false;
            if !self.inside(p1) {
                // the largest step that stays in the box
                let mut found = None;
                let lo = bisect(0.0, h, 1e-9, |mid| {
                    match self.correct(shift(p, [t[0] * mid, t[1] * mid])) {
                        Some(c) if self.inside(c.0) => {
                            found = Some(c);
                            true
                        }
                        _ => false,
                    }
                });
                let Some(c) = found else {
                    // p is on the box's edge already
                    return Ok((out, Stop::Extent(p)));
                };
                (p1, a1, b1) = c;
                h = lo;
                last = true;
            }
            let changed_a = !self.a.smooth(na.elem, a1.elem, p1);
            let changed_b = !self.b.smooth(nb.elem, b1.elem, p1);
            if changed_a || changed_b {
                match self.turning(
                    p,
                    p1,
                    &na,
                    &nb,
                    changed_a.then_some(a1),
                    changed_b.then_some(b1),
                ) {
                    Some((tp, oa, ob)) if self.inside(tp.point) || last => {
                        if !self.chord_ok(p, tp.point) {
                            h = 0.5 * dist(p, tp.point);
                            continue;
                        }
                        let step = dist(p, tp.point);
                        p = tp.point;
                        na = oa;
                        nb = ob;
                        match out.last_mut() {
                            // a second change at the same point: one turning
                            // point with every control
                            Some(Vertex {
                                p: prev,
                                turning: Some(t),
                                residual,
                            }) if dist(*prev, p) <= MEET_M => {
                                for c in tp.controls {
                                    if !t.controls.iter().any(|k| {
                                        k.feature == c.feature
                                            && k.part == c.part
                                            && k.element == c.element
                                    }) {
                                        t.controls.push(c);
                                    }
                                }
                                t.residual_m = t.residual_m.max(tp.residual_m);
                                t.condition_number = t.condition_number.max(tp.condition_number);
                                t.ill_conditioned |= tp.ill_conditioned;
                                *residual = t.residual_m;
                            }
                            _ => out.push(Vertex {
                                p,
                                residual: tp.residual_m,
                                turning: Some(tp),
                            }),
                        }
                        h = (1.5 * step).max(10.0 * self.tol);
                        continue;
                    }
                    _ => {
                        if h > 1e-3 {
                            h *= 0.5;
                            continue;
                        }
                        // unresolvable change over a millimetre: accept
                    }
                }
            }
            if !self.chord_ok(p, p1) {
                h *= 0.5;
                continue;
            }
            p = p1;
            na = a1;
            nb = b1;
            out.push(Vertex {
                p,
                residual: (na.d - nb.d).abs(),
                turning: None,
            });
            if last {
                return Ok((out, Stop::Extent(p)));
            }
            h *= 1.5;
        }
    }

    /// The turning point between `p` and `p1` where A's controlling element
    /// changes to `a1` (if given) or B's to `b1`, with the elements that
    /// control after it.
    fn turning(
        &self,
        p: Coord<f64>,
        p1: Coord<f64>,
        na: &Near,
        nb: &Near,
        a1: Option<Near>,
        b1: Option<Near>,
    ) -> Option<(TurningPoint, Near, Near)> {
        let (mut ea, mut eb) = (na.elem, nb.elem);
        let mut new_a = a1.map(|n| n.elem);
        let mut new_b = b1.map(|n| n.elem);
        let mut start = along(p, p1, 0.5);
        let span = dist(p, p1);
        for _ in 0..12 {
            // A's change first; B's when A has none
            let (x, cond) = if let Some(x) = new_a {
                self.tri([(self.a, ea), (self.a, x), (self.b, eb)], start)?
            } else {
                let y = new_b?;
                self.tri([(self.b, eb), (self.b, y), (self.a, ea)], start)?
            };
            if dist(p, x) > 2.0 * span + 1.0 {
                return None;
            }
            let ta = self.a.nearest(x);
            let tb = self.b.nearest(x);
            let d = match new_a {
                Some(e) => self.a.eval(e, x).d,
                None => self.a.eval(ea, x).d,
            };
            let mut again = false;
            if ta.d < d - TIE_M {
                if self.a.smooth(ea, ta.elem, x) {
                    ea = ta.elem;
                } else {
                    new_a = Some(ta.elem);
                }
                again = true;
            }
            if tb.d < d - TIE_M {
                if self.b.smooth(eb, tb.elem, x) {
                    eb = tb.elem;
                } else if new_a.is_some() {
                    // B changes before A's turning point: solve B's first
                    new_a = None;
                    new_b = Some(tb.elem);
                } else {
                    new_b = Some(tb.elem);
                }
                again = true;
            }
            if again {
                start = x;
                continue;
            }
            // every element at the common distance controls the point
            let mut nears: Vec<(bool, Near)> =
                vec![(true, self.a.eval(ea, x)), (false, self.b.eval(eb, x))];
            if let Some(e) = new_a {
                nears.push((true, self.a.eval(e, x)));
            }
            if let Some(e) = new_b {
                let n = self.b.eval(e, x);
                if (n.d - d).abs() <= TIE_M {
                    nears.push((false, n));
                } else if new_a.is_some() {
                    new_b = None;
                }
            }
            let (lo, hi) = nears.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, n)| {
                (lo.min(n.d), hi.max(n.d))
            });
            let controls = nears
                .iter()
                .map(|(is_a, n)| {
                    if *is_a {
                        self.a.control(n)
                    } else {
                        self.b.control(n)
                    }
                })
                .collect();
            let oa = self.a.eval(new_a.unwrap_or(ea), x);
            let ob = self.b.eval(new_b.unwrap_or(eb), x);
            let tp = TurningPoint {
                point: x,
                vertex: 0,
                controls,
                distance_m: 0.5 * (lo + hi),
                residual_m: hi - lo,
                condition_number: cond,
                ill_conditioned: cond > ILL_CONDITIONED,
            };
            return Some((tp, oa, ob));
        }
        None
    }

    /// The point equidistant from three elements (2-D Newton from `p`), with
    /// its condition number.
    fn tri(&self, els: [(&Side, Elem); 3], mut p: Coord<f64>) -> Option<(Coord<f64>, f64)> {
        for _ in 0..50 {
            let n: Vec<Near> = els.iter().map(|(s, e)| s.eval(*e, p)).collect();
            let f = [n[0].d - n[2].d, n[1].d - n[2].d];
            let j = [
                [n[0].g[0] - n[2].g[0], n[0].g[1] - n[2].g[1]],
                [n[1].g[0] - n[2].g[0], n[1].g[1] - n[2].g[1]],
            ];
            let det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
            if f[0].abs().max(f[1].abs()) <= EQUAL_M {
                let met =
                    dist(n[0].foot, n[2].foot) <= MEET_M || dist(n[1].foot, n[2].foot) <= MEET_M;
                return (!met).then(|| (p, condition(j)));
            }
            if det.abs() < 1e-14 {
                return None;
            }
            // δ = −J⁻¹ F
            let dx = -(j[1][1] * f[0] - j[0][1] * f[1]) / det;
            let dy = -(-j[1][0] * f[0] + j[0][0] * f[1]) / det;
            let len = dx.hypot(dy);
            let cap = (0.5 * n[2].d).max(1.0);
            let k = if len > cap { cap / len } else { 1.0 };
            p = shift(p, [dx * k, dy * k]);
            if !(p.x.is_finite() && p.y.is_finite()) {
                return None;
            }
        }
        None
    }

    /// The coarse construction: from every shore vertex, the locus point on
    /// the geodesic to the other party's nearest point, and its distance to
    /// the traced line.
    fn check(&self, line: &LineString<f64>) -> MedianCheck {
        let index = GeodesicIndex::from_lines([(line.clone(), ())]);
        let mut out = MedianCheck::default();
        let limit = 2.0 * self.tol + MEET_M;
        for (from, other, a_first) in [(self.a, self.b, true), (self.b, self.a, false)] {
            for s in &from.sources {
                for &c in &s.coords {
                    let n = other.nearest(c);
                    if n.d <= MEET_M {
                        continue;
                    }
                    let x = if a_first {
                        self.bisect(c, n.foot)
                    } else {
                        self.bisect(n.foot, c)
                    };
                    let off = index.nearest(x).map_or(f64::INFINITY, |h| h.distance_m);
                    out.points += 1;
                    out.max_offset_m = out.max_offset_m.max(off);
                    if off > limit {
                        out.missed.push(x);
                    }
                }
            }
        }
        out
    }
}

/// 1 / the least singular value of a 2×2 matrix.
fn condition(j: [[f64; 2]; 2]) -> f64 {
    let (a, b, c, d) = (j[0][0], j[0][1], j[1][0], j[1][1]);
    // singular values of [[a, b], [c, d]]
    let s = a * a + b * b + c * c + d * d;
    let det = (a * d - b * c).abs();
    let disc = (s * s - 4.0 * det * det).max(0.0).sqrt();
    // σ_max σ_min = |det|, without the cancellation of s − disc
    let smax = (0.5 * (s + disc)).sqrt();
    if det > 0.0 { smax / det } else { f64::INFINITY }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gradients 120° apart: rows (3/2, √3/2) and (0, √3), singular values
    /// √(9/2) and √(3/2), so 1/σ_min = √(2/3).
    #[test]
    fn condition_of_an_even_tri_point() {
        let g = |deg: f64| [deg.to_radians().sin(), deg.to_radians().cos()];
        let (g1, g2, g3) = (g(90.0), g(-30.0), g(210.0));
        let j = [
            [g1[0] - g3[0], g1[1] - g3[1]],
            [g2[0] - g3[0], g2[1] - g3[1]],
        ];
        assert!((condition(j) - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        // aligned gradients: singular
        assert!(condition([[1.0, 0.0], [2.0, 0.0]]).is_infinite());
        // nearly aligned: large
        assert!(condition([[1.0, 0.0], [1.0, 1e-4]]) > 1e3);
    }

    #[test]
    fn tangent_keeps_the_first_party_on_the_left() {
        // A to the west (distance grows eastward), B to the east: go north
        let t = tangent([1.0, 0.0], [-1.0, 0.0]).unwrap();
        assert!(t[0].abs() < 1e-15 && (t[1] - 1.0).abs() < 1e-15);
        assert!(tangent([1.0, 0.0], [1.0, 0.0]).is_none());
    }
}
