//! Prepared polygons: point-in-polygon where every edge is a geodesic, built
//! once in O(n log n) and queried in O(log n) (plus the few edges a meridian
//! through the point crosses).
//!
//! # Method
//!
//! The region a ring of geodesic edges encloses differs from the region its
//! longitude/latitude chords enclose only inside the *lenses* between each
//! edge's geodesic and its chord. A geodesic's longitude is monotonic along
//! it, so over the edge's longitude span both the chord and the geodesic are
//! graphs of a function of longitude, and the lens is the set of points
//! whose latitude lies between the two at their longitude. Hence
//!
//! inside(geodesic ring) = inside(chord ring) XOR (an odd number of lenses
//! hold the point).
//!
//! The chord test is a crossing count along the meridian north of the point
//! (half-open rules, so shared vertices count once); an edge's lens is tested
//! only when the point lies within [`PreparedPolygon`]'s band of that edge
//! (a bound on how far the geodesic strays from the chord in latitude), and
//! then decided by the exact side of the geodesic (azimuths from
//! GeographicLib's inverse solution, from the nearer end).
//!
//! Edges are found through an interval tree over their longitude spans; a
//! grid over the polygon's box answers points in cells that no edge (nor its
//! band) touches from the status of the cell's centre.
//!
//! # Assumptions
//!
//! Longitude/latitude degrees (GeoJSON order), rings as RFC 7946 wants them:
//! a ring does not cross the antimeridian (an edge spanning more than 180° of
//! longitude is taken as its lon/lat chord, with no lens). Rings are combined
//! by parity (even-odd), which is containment for valid polygons with holes.

use geo_types::{Coord, LineString, Polygon, Rect};
use geographiclib_rs::InverseGeodesic;

use crate::geodesy::{MEAN_RADIUS_M, WGS84_A, WGS84_B, ecef, wgs84};

/// Where a point lies with respect to a polygon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// In the interior.
    Inside,
    /// On an edge (within [`ON_EDGE_M`]) or a vertex.
    Boundary,
    /// In the exterior.
    Outside,
}

/// A point closer than this (metres) to a geodesic edge is on the boundary.
pub const ON_EDGE_M: f64 = 1e-9;

/// One edge, ordered west to east (`a.x <= b.x`).
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: Coord<f64>,
    b: Coord<f64>,
    /// Bound (degrees of latitude) on |geodesic − chord| at any longitude of
    /// the edge; negative for an edge taken as its chord (antimeridian).
    band: f64,
    /// The ring (in input order) and the edge's position in it.
    ring: u32,
    pos: u32,
    /// Whether `a`/`b` are swapped against the ring's direction.
    swapped: bool,
}

impl Edge {
    fn new(p: Coord<f64>, q: Coord<f64>, ring: u32, pos: u32) -> Edge {
        let swapped = p.x > q.x;
        let (a, b) = if swapped { (q, p) } else { (p, q) };
        let band = if b.x - a.x > 180.0 {
            -1.0
        } else {
            lens_band_deg(a, b)
        };
        Edge {
            a,
            b,
            band,
            ring,
            pos,
            swapped,
        }
    }

    fn min_y(&self) -> f64 {
        self.a.y.min(self.b.y) - self.band.max(0.0)
    }

    fn max_y(&self) -> f64 {
        self.a.y.max(self.b.y) + self.band.max(0.0)
    }
}

/// Sign of the turn a → b → p: positive when p is left of a→b (above the
/// chord for a west-to-east edge).
///
/// The plain cross product rather than geo's robust `orient2d`: the chord is
/// only a proxy here (near a long edge the exact lens test decides), so the
/// robust predicate's cost in this per-edge loop would buy nothing.
fn orient(a: Coord<f64>, b: Coord<f64>, p: Coord<f64>) -> f64 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// A bound on how far (degrees of latitude, at equal longitude) the geodesic
/// a→b strays from its lon/lat chord.
///
/// The geodesic is sampled at nine points of the great ellipse through a and
/// b (the plane through the earth's centre: cheap, and within f·L³/R² of the
/// geodesic); the largest deviation seen is scaled by 1.5 (the deviation is a
/// smooth bump, close to a parabola, so nine samples see most of its peak),
/// plus slack for the great ellipse and for rounding.
fn lens_band_deg(a: Coord<f64>, b: Coord<f64>) -> f64 {
    const E2: f64 = 1.0 - (WGS84_B / WGS84_A) * (WGS84_B / WGS84_A);
    let (ea, eb) = (ecef(a), ecef(b));
    let dx = b.x - a.x;
    let chord_m =
        ((ea[0] - eb[0]).powi(2) + (ea[1] - eb[1]).powi(2) + (ea[2] - eb[2]).powi(2)).sqrt();
    if chord_m == 0.0 {
        return 1e-12;
    }
    let mut worst: f64 = 0.0;
    const N: usize = 10;
    for k in 1..N {
        let t = k as f64 / N as f64;
        let q: [f64; 3] = std::array::from_fn(|i| ea[i] + t * (eb[i] - ea[i]));
        let lat = q[2].atan2((1.0 - E2) * q[0].hypot(q[1])).to_degrees();
        let mut lon = q[1].atan2(q[0]).to_degrees();
        // keep the sample on the edge's side of the antimeridian
        if lon - a.x > 180.0 {
            lon -= 360.0;
        } else if lon - a.x < -180.0 {
            lon += 360.0;
        }
        let chord_lat = if dx > 0.0 {
            a.y + (lon - a.x) / dx * (b.y - a.y)
        } else {
            lat
        };
        worst = worst.max((lat - chord_lat).abs());
    }
    // great ellipse vs geodesic (generous), in degrees of latitude
    let slack_m = 1e-2 * chord_m.powi(3) / (MEAN_RADIUS_M * MEAN_RADIUS_M) + 1e-6;
    1.5 * worst + (slack_m / 111_000.0) + 1e-12
}

/// The exact side of `p` with respect to the geodesic of `e`, for a point
/// strictly inside the edge's longitude span: `Some(true)` north,
/// `Some(false)` south, `None` on it (within [`ON_EDGE_M`]).
fn north_of_geodesic(e: &Edge, p: Coord<f64>) -> Option<bool> {
    let g = wgs84();
    // From the nearer end, so the azimuths are well conditioned.
    let from_a = p.x - e.a.x <= e.b.x - p.x;
    let (o, q) = if from_a { (e.a, e.b) } else { (e.b, e.a) };
    let (s_op, azi_op, _, _): (f64, f64, f64, f64) = g.inverse(o.y, o.x, p.y, p.x);
    let (_, azi_oq, _, _): (f64, f64, f64, f64) = g.inverse(o.y, o.x, q.y, q.x);
    // Positive: p is counter-clockwise (left) of the direction o → q.
    let turn = (azi_oq - azi_op).to_radians().sin();
    let cross_m = s_op * turn;
    if cross_m.abs() <= ON_EDGE_M {
        return None;
    }
    // Left of west→east is north; left of east→west is south.
    Some((cross_m > 0.0) == from_a)
}

/// An edge of a ring, in the ring's direction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RingEdge {
    pub(crate) ring: u32,
    pub(crate) pos: u32,
    pub(crate) from: Coord<f64>,
    pub(crate) to: Coord<f64>,
}

/// A polygon (exterior and holes, or several polygons combined by parity)
/// prepared for fast, exact point-in-polygon tests on geodesic edges.
///
/// `Send + Sync`; building costs O(n log n) for n edges.
///
/// # Examples
///
/// ```
/// use demarcate::polygon::{Location, PreparedPolygon};
/// use geo_types::{coord, polygon};
/// // A 30 km wide box at 40° N: its northern edge is a geodesic, which
/// // bows north of the parallel 40.2° N by about 15 m in the middle.
/// let square = polygon![(x: 45.0, y: 40.0), (x: 45.35, y: 40.0), (x: 45.35, y: 40.2), (x: 45.0, y: 40.2)];
/// let prepared = PreparedPolygon::new(std::slice::from_ref(&square));
/// // 3 m north of the chord, in the middle: inside on the ellipsoid.
/// let p = coord! { x: 45.175, y: 40.2 + 3.0 / 111_000.0 };
/// assert_eq!(prepared.locate(p), Location::Inside);
/// assert_eq!(prepared.locate(coord! { x: 45.175, y: 40.3 }), Location::Outside);
/// ```
#[derive(Debug, Clone)]
pub struct PreparedPolygon {
    /// Edges sorted by their west end.
    edges: Vec<Edge>,
    /// Edges per ring (input order).
    ring_len: Vec<u32>,
    /// Per ring, whether it must be walked backwards to have the inside on
    /// its left.
    ring_flip: Vec<bool>,
    /// Per node of the implicit search tree over `edges` (node = middle of
    /// its range), the largest east end in its subtree.
    max_x: Vec<f64>,
    bbox: Option<Rect<f64>>,
    grid: Grid,
}

/// Cells over the box: each is inside, outside, or crossed by an edge band.
#[derive(Debug, Clone)]
struct Grid {
    x0: f64,
    y0: f64,
    dx: f64,
    dy: f64,
    nx: usize,
    ny: usize,
    cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Inside,
    Outside,
    Mixed,
}

impl PreparedPolygon {
    /// Prepares polygons (exteriors and holes, lon/lat degrees, geodesic
    /// edges); a point is inside when an odd number of rings enclose it.
    pub fn new(polygons: &[Polygon<f64>]) -> PreparedPolygon {
        let rings = polygons.iter().flat_map(|p| {
            std::iter::once((p.exterior(), false)).chain(p.interiors().iter().map(|r| (r, true)))
        });
        PreparedPolygon::from_rings(rings)
    }

    /// Prepares closed rings (lon/lat degrees), each marked as a hole or
    /// not, combined by parity.
    fn from_rings<'r>(
        rings: impl IntoIterator<Item = (&'r LineString<f64>, bool)>,
    ) -> PreparedPolygon {
        let finite = |c: &Coord<f64>| c.x.is_finite() && c.y.is_finite();
        let mut pairs: Vec<(Coord<f64>, Coord<f64>, u32, u32)> = Vec::new();
        let mut ring_len: Vec<u32> = Vec::new();
        let mut ring_flip: Vec<bool> = Vec::new();
        for (r, (ring, hole)) in rings.into_iter().enumerate() {
            let pts = &ring.0;
            // Exteriors counter-clockwise, holes clockwise: the inside on
            // the left (in lon/lat, as in any east-north plane). The sign of
            // the shoelace area, not geo's `Winding` (which reads the turn at
            // one extreme vertex): for a ring that touches itself the two can
            // differ, and the parity rule needs the area's.
            let twice_area: f64 = pts
                .windows(2)
                .map(|w| {
                    (w[0].x - pts[0].x) * (w[1].y - pts[0].y)
                        - (w[1].x - pts[0].x) * (w[0].y - pts[0].y)
                })
                .filter(|v| v.is_finite())
                .sum();
            ring_flip.push((twice_area > 0.0) == hole);
            let mut pos = 0u32;
            let mut push = |p: Coord<f64>, q: Coord<f64>| {
                if p != q && finite(&p) && finite(&q) {
                    pairs.push((p, q, r as u32, pos));
                    pos += 1;
                }
            };
            if pts.len() >= 2 {
                for w in pts.windows(2) {
                    push(w[0], w[1]);
                }
                // An unclosed ring is closed by its first vertex.
                push(pts[pts.len() - 1], pts[0]);
            }
            ring_len.push(pos);
        }
        // The bands are the costly part of building: compute them in parallel.
        let mut edges: Vec<Edge> = {
            use rayon::prelude::*;
            pairs
                .par_iter()
                .map(|&(p, q, r, k)| Edge::new(p, q, r, k))
                .collect()
        };
        edges.sort_by(|p, q| p.a.x.total_cmp(&q.a.x));
        let mut max_x = vec![f64::NEG_INFINITY; edges.len()];
        fill_max(&edges, &mut max_x, 0, edges.len());
        let bbox = edges.iter().fold(None::<Rect<f64>>, |acc, e| {
            let r = Rect::new(
                Coord {
                    x: e.a.x,
                    y: e.min_y(),
                },
                Coord {
                    x: e.b.x,
                    y: e.max_y(),
                },
            );
            Some(match acc {
                None => r,
                Some(b) => Rect::new(
                    Coord {
                        x: b.min().x.min(r.min().x),
                        y: b.min().y.min(r.min().y),
                    },
                    Coord {
                        x: b.max().x.max(r.max().x),
                        y: b.max().y.max(r.max().y),
                    },
                ),
            })
        });
        let mut prepared = PreparedPolygon {
            edges,
            ring_len,
            ring_flip,
            max_x,
            bbox,
            grid: Grid {
                x0: 0.0,
                y0: 0.0,
                dx: 1.0,
                dy: 1.0,
                nx: 0,
                ny: 0,
                cells: Vec::new(),
            },
        };
        prepared.grid = prepared.build_grid();
        prepared
    }

    /// The box (lon/lat) holding every edge and its band: no point outside
    /// it is inside the polygon.
    pub fn bounding_rect(&self) -> Option<Rect<f64>> {
        self.bbox
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Where `p` (lon/lat degrees) lies: inside, outside, or on the boundary
    /// (the geodesic edges).
    ///
    /// # Units
    ///
    /// `p` lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// WGS84; the polygon's edges are geodesics (exact near long edges, see
    /// the module docs).
    pub fn locate(&self, p: Coord<f64>) -> Location {
        let Some(bbox) = self.bbox else {
            return Location::Outside;
        };
        if !(p.x >= bbox.min().x
            && p.x <= bbox.max().x
            && p.y >= bbox.min().y
            && p.y <= bbox.max().y)
        {
            return Location::Outside;
        }
        match self.grid.cell(p) {
            Some(Cell::Inside) => Location::Inside,
            Some(Cell::Outside) => Location::Outside,
            _ => self.locate_exact(p),
        }
    }

    /// Whether `p` is inside or on the boundary.
    ///
    /// # Units
    ///
    /// `p` lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// As [`Self::locate`].
    pub fn intersects(&self, p: Coord<f64>) -> bool {
        self.locate(p) != Location::Outside
    }

    fn locate_exact(&self, p: Coord<f64>) -> Location {
        let mut odd = false;
        let mut boundary = false;
        self.for_edges_spanning(p.x, &mut |e| {
            if boundary {
                return;
            }
            if e.a.x == e.b.x {
                // A meridian edge: geodesic and chord coincide.
                if p.x == e.a.x && p.y >= e.a.y.min(e.b.y) && p.y <= e.a.y.max(e.b.y) {
                    boundary = true;
                }
                return;
            }
            if p == e.a || p == e.b {
                boundary = true;
                return;
            }
            let o = orient(e.a, e.b, p);
            // On the chord counts as above it, here and in the lens test.
            let below_chord = o < 0.0;
            if below_chord && (e.a.x <= p.x) != (e.b.x <= p.x) {
                odd = !odd;
            }
            if e.band >= 0.0 && p.x > e.a.x && p.x < e.b.x {
                let chord_lat = e.a.y + (p.x - e.a.x) / (e.b.x - e.a.x) * (e.b.y - e.a.y);
                if (p.y - chord_lat).abs() <= e.band {
                    match north_of_geodesic(e, p) {
                        None => boundary = true,
                        Some(north) => {
                            if north == below_chord {
                                // between chord and geodesic: in the lens
                                odd = !odd;
                            }
                        }
                    }
                }
            } else if e.band < 0.0 && o == 0.0 && p.x >= e.a.x && p.x <= e.b.x {
                boundary = true;
            }
        });
        if boundary {
            Location::Boundary
        } else if odd {
            Location::Inside
        } else {
            Location::Outside
        }
    }

    /// Calls `f` on every edge whose longitude span (closed) holds `x`.
    fn for_edges_spanning(&self, x: f64, f: &mut impl FnMut(&Edge)) {
        self.for_edges_overlapping(x, x, f);
    }

    /// Calls `f` on every edge whose longitude span (closed) meets
    /// `[x0, x1]`.
    fn for_edges_overlapping(&self, x0: f64, x1: f64, f: &mut impl FnMut(&Edge)) {
        let mut stack: [(usize, usize); 64] = [(0, 0); 64];
        let mut top = 0;
        stack[top] = (0, self.edges.len());
        top += 1;
        while top > 0 {
            top -= 1;
            let (lo, hi) = stack[top];
            if lo >= hi {
                continue;
            }
            let mid = lo + (hi - lo) / 2;
            if self.max_x[mid] < x0 {
                continue;
            }
            let e = &self.edges[mid];
            if e.a.x <= x1 {
                if e.b.x >= x0 {
                    f(e);
                }
                stack[top] = (mid + 1, hi);
                top += 1;
            }
            stack[top] = (lo, mid);
            top += 1;
        }
    }

    /// The edges whose box (grown by the geodesic's bulge) meets `rect`
    /// (lon/lat), as (ring, position in the ring, from, to) in the ring's
    /// direction, sorted by ring and position.
    pub(crate) fn edges_near(&self, rect: Rect<f64>) -> Vec<RingEdge> {
        let mut out = Vec::new();
        self.for_edges_overlapping(rect.min().x, rect.max().x, &mut |e| {
            if e.max_y() >= rect.min().y && e.min_y() <= rect.max().y {
                let (from, to) = if e.swapped { (e.b, e.a) } else { (e.a, e.b) };
                out.push(RingEdge {
                    ring: e.ring,
                    pos: e.pos,
                    from,
                    to,
                });
            }
        });
        out.sort_unstable_by_key(|e| (e.ring, e.pos));
        out
    }

    /// Number of edges of ring `ring`.
    pub(crate) fn ring_len(&self, ring: u32) -> u32 {
        self.ring_len.get(ring as usize).copied().unwrap_or(0)
    }

    /// Whether ring `ring` must be walked backwards to have the inside on
    /// its left.
    pub(crate) fn ring_flipped(&self, ring: u32) -> bool {
        self.ring_flip.get(ring as usize).copied().unwrap_or(false)
    }

    fn build_grid(&self) -> Grid {
        let empty = Grid {
            x0: 0.0,
            y0: 0.0,
            dx: 1.0,
            dy: 1.0,
            nx: 0,
            ny: 0,
            cells: Vec::new(),
        };
        let Some(bbox) = self.bbox else { return empty };
        let n = self.edges.len();
        if n < 64 || bbox.width() <= 0.0 || bbox.height() <= 0.0 {
            return empty;
        }
        // About one cell per four edges, in the box's aspect ratio.
        let cells = (n / 4).clamp(64, 1 << 22) as f64;
        let aspect = bbox.width() / bbox.height();
        let nx = ((cells * aspect).sqrt().ceil() as usize).clamp(1, 4096);
        let ny = ((cells / nx as f64).ceil() as usize).clamp(1, 4096);
        let mut grid = Grid {
            x0: bbox.min().x,
            y0: bbox.min().y,
            dx: bbox.width() / nx as f64,
            dy: bbox.height() / ny as f64,
            nx,
            ny,
            cells: vec![Cell::Outside; nx * ny],
        };
        let mut mixed = vec![false; nx * ny];
        for e in &self.edges {
            let (i0, i1) = (grid.col(e.a.x), grid.col(e.b.x));
            let (j0, j1) = (grid.row(e.min_y()), grid.row(e.max_y()));
            for j in j0..=j1 {
                for i in i0..=i1 {
                    mixed[j * nx + i] = true;
                }
            }
        }
        use rayon::prelude::*;
        let (x0, y0, dx, dy) = (grid.x0, grid.y0, grid.dx, grid.dy);
        grid.cells = mixed
            .par_iter()
            .enumerate()
            .map(|(k, &m)| {
                if m {
                    return Cell::Mixed;
                }
                let c = Coord {
                    x: x0 + ((k % nx) as f64 + 0.5) * dx,
                    y: y0 + ((k / nx) as f64 + 0.5) * dy,
                };
                match self.locate_exact(c) {
                    Location::Inside => Cell::Inside,
                    Location::Outside => Cell::Outside,
                    Location::Boundary => Cell::Mixed,
                }
            })
            .collect();
        grid
    }
}

impl Grid {
    fn col(&self, x: f64) -> usize {
        (((x - self.x0) / self.dx).floor().max(0.0) as usize).min(self.nx - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.y0) / self.dy).floor().max(0.0) as usize).min(self.ny - 1)
    }

    fn cell(&self, p: Coord<f64>) -> Option<Cell> {
        if self.nx == 0 {
            return None;
        }
        Some(self.cells[self.row(p.y) * self.nx + self.col(p.x)])
    }
}

/// Fills `max_x` for the implicit tree over `edges[lo..hi]`; returns the
/// subtree's largest east end.
fn fill_max(edges: &[Edge], max_x: &mut [f64], lo: usize, hi: usize) -> f64 {
    if lo >= hi {
        return f64::NEG_INFINITY;
    }
    let mid = lo + (hi - lo) / 2;
    let m = edges[mid]
        .b
        .x
        .max(fill_max(edges, max_x, lo, mid))
        .max(fill_max(edges, max_x, mid + 1, hi));
    max_x[mid] = m;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::polygon;

    #[test]
    fn equator_square_is_exact_on_its_edges() {
        // Edges along the equator and meridians are their own chords.
        let sq =
            polygon![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0), (x: 11.0, y: 1.0), (x: 10.0, y: 1.0)];
        let p = PreparedPolygon::new(std::slice::from_ref(&sq));
        assert_eq!(p.locate(Coord { x: 10.5, y: 0.0 }), Location::Boundary);
        assert_eq!(p.locate(Coord { x: 10.0, y: 0.5 }), Location::Boundary);
        assert_eq!(p.locate(Coord { x: 10.0, y: 0.0 }), Location::Boundary);
        assert_eq!(p.locate(Coord { x: 10.5, y: -1e-9 }), Location::Outside);
        assert_eq!(p.locate(Coord { x: 10.5, y: 1e-9 }), Location::Inside);
        assert_eq!(p.locate(Coord { x: 11.5, y: 0.5 }), Location::Outside);
    }

    #[test]
    fn holes_and_vertices_on_the_ray_count_once() {
        let poly = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 2.0, y: 5.0), (x: 0.0, y: 4.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 2.0, y: 2.0), (x: 2.0, y: 1.0)]],
        );
        let p = PreparedPolygon::new(std::slice::from_ref(&poly));
        // the meridian x = 2 passes through the apex vertex (2, 5)
        assert_eq!(p.locate(Coord { x: 2.0, y: 3.0 }), Location::Inside);
        assert_eq!(p.locate(Coord { x: 1.5, y: 1.5 }), Location::Outside);
        assert_eq!(p.locate(Coord { x: 3.0, y: 1.5 }), Location::Inside);
        assert_eq!(p.locate(Coord { x: 2.0, y: 6.0 }), Location::Outside);
    }
}
