//! How far is a place from the border, which segment is nearest, and on whose
//! side is it?
//!
//! # Units and assumptions
//!
//! Points are WGS84 longitude/latitude in degrees (`x` = lon, `y` = lat).
//! Distances are metres along the WGS84 ellipsoid to the nearest point of the
//! border, whose edges are geodesics; the answer is exact to well under a
//! millimetre (see [`crate::geodesy`]).
//!
//! # Side
//!
//! With territories in the dataset, the side is the party whose territory
//! contains the point (tested in longitude/latitude, so a point within
//! centimetres of a long territory edge may be placed by the straight
//! lon/lat chord rather than the geodesic); a point in no territory has no
//! side. Without territories, it is the party on the left or right of the
//! nearest segment, decided at the nearest point on the ellipsoid (at a vertex,
//! by the angle between the two edges meeting there; zero-length edges of
//! repeated vertices are skipped, and a line whose vertices all coincide has
//! no direction, so no side). A point on the border (within 1 mm) has no
//! side.

use geo::{BoundingRect, CoordsIter, Intersects};
use geo_types::{Coord, Geometry, LineString, Rect};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::geodesy::GeodesicEdge;
use crate::index::IndexedEdge;
use crate::model::{BorderMap, BorderSegment, Feature, Kind, Outpost, Party};

/// Points closer to the border than this (metres) are on it: no side.
pub const ON_BORDER_M: f64 = 1e-3;

/// The answer for one point: distance, nearest point, nearest segment, side.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct BorderDistance<'a> {
    /// Geodesic distance to the border, metres.
    pub distance_m: f64,
    /// The nearest point of the border (lon/lat degrees).
    pub nearest: Coord<f64>,
    /// The segment the nearest point lies on.
    pub segment: BorderSegment<'a>,
    /// The party on whose side the point lies, `None` on the border or (with
    /// territories) outside every territory.
    pub side: Option<&'a Party>,
}

fn check_point(p: Coord<f64>, index: Option<usize>) -> Result<()> {
    if p.x.is_finite()
        && p.y.is_finite()
        && (-180.0..=180.0).contains(&p.x)
        && (-90.0..=90.0).contains(&p.y)
    {
        Ok(())
    } else {
        Err(Error::InvalidPoint {
            index,
            lon: p.x,
            lat: p.y,
        })
    }
}

impl BorderMap {
    /// The distance from `p` to the border, its nearest point and segment, and
    /// the side `p` is on.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid; the nearest point lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    /// `side` is the party whose territory (geodesic edges) holds `p` when the
    /// dataset has territories, else the side of the nearest segment; none within
    /// [`ON_BORDER_M`] of the border.
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// use geo_types::coord;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// // 0.5° north of the equator border, over seg-a.
    /// let d = map.distance_to_border(coord! { x: 10.5, y: 0.5 })?;
    /// // The WGS84 meridian arc from 0° to 0.5° N (GeographicLib: 55287.15200345048 m).
    /// assert!((d.distance_m - 55_287.152_003_45).abs() < 1e-6);
    /// assert_eq!(d.segment.id().to_string(), "seg-a");
    /// assert_eq!(d.side.map(|p| p.as_str()), Some("NOR"));
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn distance_to_border(&self, p: impl Into<Coord<f64>>) -> Result<BorderDistance<'_>> {
        let p = p.into();
        check_point(p, None)?;
        self.distance_unchecked(p)
    }

    /// [`Self::distance_to_border`] for many points, in parallel (rayon), in
    /// input order. Fails on the first point that is not a valid lon/lat,
    /// naming its index.
    ///
    /// # Units
    ///
    /// As [`Self::distance_to_border`]: metres, lon/lat degrees.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    pub fn distances_to_border(&self, points: &[Coord<f64>]) -> Result<Vec<BorderDistance<'_>>> {
        for (i, p) in points.iter().enumerate() {
            check_point(*p, Some(i))?;
        }
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        // Build the indexes once, before the threads race for them.
        let _ = self.border_index();
        let _ = self.territory_index();
        points
            .par_iter()
            .with_min_len(256)
            .map(|p| self.distance_unchecked(*p))
            .collect()
    }

    fn distance_unchecked(&self, p: Coord<f64>) -> Result<BorderDistance<'_>> {
        let index = self.border_index();
        let (hit, to_p) = index.nearest_with_azimuth(p).ok_or(Error::NoBorder)?;
        let segment = self
            .segment_at(index.item_of(hit.edge).segment as usize)
            .ok_or(Error::NoBorder)?;
        let side = if hit.nearest.distance_m < ON_BORDER_M {
            None
        } else if self.territories().len() > 0 {
            self.territory_index()
                .locate(p)
                .and_then(|t| self.territory_at(t))
                .map(|t| t.party())
        } else {
            left_of(index.edges(), hit.edge, hit.nearest, p, to_p).map(|left| {
                if left {
                    segment.left()
                } else {
                    segment.right()
                }
            })
        };
        Ok(BorderDistance {
            distance_m: hit.nearest.distance_m,
            nearest: hit.nearest.point,
            segment,
            side,
        })
    }

    /// The border segments within `max_m` metres of `p`, each with its own
    /// exact distance, nearest first.
    ///
    /// # Units
    ///
    /// `max_m` and the distances: metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    pub fn segments_within(
        &self,
        p: Coord<f64>,
        max_m: f64,
    ) -> Result<Vec<(BorderSegment<'_>, f64)>> {
        check_point(p, None)?;
        let index = self.border_index();
        let mut best: Vec<(u32, f64)> = Vec::new();
        for hit in index.edges_within(p, max_m) {
            let s = index.item_of(hit.edge).segment;
            match best.iter_mut().find(|(id, _)| *id == s) {
                Some(entry) => entry.1 = entry.1.min(hit.nearest.distance_m),
                None => best.push((s, hit.nearest.distance_m)),
            }
        }
        best.sort_by(|a, b| a.1.total_cmp(&b.1));
        Ok(best
            .into_iter()
            .filter_map(|(s, d)| Some((self.segment_at(s as usize)?, d)))
            .collect())
    }

    /// The `k` outposts nearest to `p` by geodesic distance (metres), nearest
    /// first.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; `p` is longitude, latitude in degrees (GeoJSON order).
    pub fn nearest_outposts(&self, p: Coord<f64>, k: usize) -> Result<Vec<(Outpost<'_>, f64)>> {
        check_point(p, None)?;
        Ok(self
            .outpost_index()
            .nearest(p, k)
            .into_iter()
            .filter_map(|(i, d)| Some((self.outpost_at(i)?, d)))
            .collect())
    }

    /// The outposts within `max_m` metres of the border, with their distance.
    ///
    /// # Units
    ///
    /// `max_m` and the distances: metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    pub fn outposts_within(&self, max_m: f64) -> Result<Vec<(Outpost<'_>, f64)>> {
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        let index = self.border_index();
        Ok(self
            .outposts()
            .filter_map(|o| {
                let d = index.nearest_edge(o.point().0)?.nearest.distance_m;
                (d <= max_m).then_some((o, d))
            })
            .collect())
    }

    /// Every valid feature of `kind` within `max_m` metres of the border, with
    /// its distance (0 when it touches or crosses the border), in file order.
    ///
    /// For lines and polygons the distance is the least over the feature's
    /// vertices of their exact distance to the border and over the border's
    /// vertices of their exact distance to the feature's geodesic edges (two
    /// lines that do not cross come nearest at a vertex of one of them);
    /// crossing and containment are tested in longitude/latitude.
    ///
    /// # Units
    ///
    /// `max_m` and the distances: metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    /// Crossing and containment are tested in longitude/latitude (see above).
    pub fn features_within(&self, kind: Kind, max_m: f64) -> Result<Vec<(&Feature, f64)>> {
        if self.segments().len() == 0 {
            return Err(Error::NoBorder);
        }
        let indexes: Vec<usize> = match kind {
            Kind::BorderSegment => self.segments().map(|s| s.index()).collect(),
            Kind::ClaimLine => self.claim_lines().map(|c| c.index()).collect(),
            Kind::Territory => self.territories().map(|t| t.index()).collect(),
            Kind::Outpost => self.outposts().map(|o| o.index()).collect(),
            Kind::IncursionZone => self.incursion_zones().map(|z| z.index()).collect(),
            Kind::Shore => self.shores().map(|s| s.index()).collect(),
            Kind::Basepoint => self.basepoints().map(|b| b.index()).collect(),
            Kind::MedianLine | Kind::TurningPoint | Kind::BufferZone => self
                .records
                .outputs
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|&(_, i)| i)
                .collect(),
        };
        // Each border line with its lon/lat box, computed once for all features.
        let border_lines: Vec<(&LineString<f64>, Rect<f64>)> = self
            .segments()
            .flat_map(|s| s.lines().iter())
            .filter_map(|l| Some((l, l.bounding_rect()?)))
            .collect();
        let mut out = Vec::new();
        for i in indexes {
            let f = &self.features[i];
            if let Some(g) = &f.geometry
                && let Some(d) = self.geometry_distance(g, &border_lines, max_m)
                && d <= max_m
            {
                out.push((f, d));
            }
        }
        Ok(out)
    }

    /// The distance from a geometry to the border, or `None` when it is
    /// certainly farther than `max_m` (or has no coordinates).
    fn geometry_distance(
        &self,
        g: &Geometry<f64>,
        border_lines: &[(&LineString<f64>, Rect<f64>)],
        max_m: f64,
    ) -> Option<f64> {
        let index = self.border_index();
        let bbox = g.bounding_rect()?;
        if border_lines
            .iter()
            .any(|(l, r)| r.intersects(&bbox) && g.intersects(*l))
        {
            return Some(0.0);
        }
        let coords: Vec<Coord<f64>> = g.coords_iter().collect();
        let mut best = coords
            .iter()
            .filter_map(|c| index.nearest_edge(*c))
            .map(|h| h.nearest.distance_m)
            .fold(f64::INFINITY, f64::min);
        // Border vertices near the feature's edges: within max_m plus half the
        // longest edge of one of the edge's ends.
        let edges: Vec<GeodesicEdge> = geometry_lines(g)
            .flat_map(|l| l.0.windows(2).map(|w| GeodesicEdge::new(w[0], w[1])))
            .collect();
        let longest = edges.iter().map(GeodesicEdge::length_m).fold(0.0, f64::max);
        let reach = max_m.min(best) + longest / 2.0;
        let mut seen = std::collections::HashSet::new();
        for c in &coords {
            for hit in index.edges_within(*c, reach) {
                let e = &index.edges()[hit.edge].edge;
                for v in [e.a(), e.b()] {
                    if seen.insert((v.x.to_bits(), v.y.to_bits())) {
                        for fe in &edges {
                            best = best.min(fe.nearest(v).distance_m);
                        }
                    }
                }
            }
        }
        best.is_finite().then_some(best)
    }
}

/// The rings or lines of a geometry, as line strings.
fn geometry_lines(g: &Geometry<f64>) -> Box<dyn Iterator<Item = &LineString<f64>> + '_> {
    match g {
        Geometry::LineString(l) => Box::new(std::iter::once(l)),
        Geometry::MultiLineString(m) => Box::new(m.0.iter()),
        Geometry::Polygon(p) => Box::new(std::iter::once(p.exterior()).chain(p.interiors())),
        Geometry::MultiPolygon(m) => Box::new(
            m.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())),
        ),
        Geometry::GeometryCollection(c) => Box::new(c.0.iter().flat_map(geometry_lines)),
        _ => Box::new(std::iter::empty()),
    }
}

/// Is `p` on the left of the border line at its nearest point? `None` when
/// the line part has no length (all its vertices coincide): no direction, no
/// side.
///
/// Repeated vertices make zero-length edges, which have no direction: they
/// are skipped, and the side is decided by the nearest edges with length
/// before and after the nearest point.
///
/// `to_p` is the azimuth (sin, cos) from the nearest point to `p` when that
/// point is a vertex (the exact solution found it), saving an inverse.
fn left_of(
    edges: &[IndexedEdge],
    i: usize,
    nearest: crate::geodesy::EdgeNearest,
    p: Coord<f64>,
    to_p: Option<(f64, f64)>,
) -> Option<bool> {
    let e = &edges[i];
    let same_part = |j: usize| edges[j].line == e.line;
    let has_length = |j: usize| edges[j].edge.length_m() > 0.0;
    let prev = (0..i)
        .rev()
        .take_while(|&j| same_part(j))
        .find(|&j| has_length(j));
    let next = (i + 1..edges.len())
        .take_while(|&j| same_part(j))
        .find(|&j| has_length(j));
    // At a vertex shared by two edges, the side is decided by the angular
    // sector between them, not by one edge's extension.
    const AT_VERTEX_M: f64 = 1e-6;
    let (before, after) = if !has_length(i) {
        (prev, next)
    } else if nearest.along_m <= AT_VERTEX_M && prev.is_some() {
        (prev, Some(i))
    } else if nearest.along_m >= nearest.edge_length_m - AT_VERTEX_M && next.is_some() {
        (Some(i), next)
    } else {
        return Some(nearest.cross > 0.0);
    };
    let (before, after) = match (before, after) {
        (Some(b), Some(a)) => (&edges[b], &edges[a]),
        // A zero-length edge at an end of the line: the edge beyond it.
        (Some(j), None) | (None, Some(j)) => return Some(edges[j].edge.nearest(p).cross > 0.0),
        (None, None) => return None,
    };
    let (vertex, forward, back) = (
        after.edge.a(),
        after.edge.azimuth_a_deg(),
        before.edge.azimuth_b_deg() + 180.0,
    );
    let to_p = match to_p {
        Some((s, c)) if nearest.point == vertex => s.atan2(c).to_degrees(),
        _ => crate::geodesy::azimuth_deg(vertex, p),
    };
    // Angles measured counter-clockwise from the forward direction.
    let ccw = |az: f64| (forward - az).rem_euclid(360.0);
    Some(ccw(to_p) < ccw(back))
}
