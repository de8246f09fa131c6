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
//! Candidate pairs come from an index join: an rstar R-tree over the zones'
//! lon/lat bounding boxes (of their densified outlines, since geodesic edges
//! bow out of their vertices' box), each zone querying it with its own box —
//! not all pairs. Each candidate pair's outlines, densified along their
//! geodesics every [`DENSIFY_STEP_M`] metres, are intersected with geo's
//! planar [`BooleanOps`] in lon/lat, and the intersection's area is the
//! geodesic (GeographicLib) area of the result. Pairs whose intersection has
//! no area (touching zones; anything below [`TOUCHING_AREA_M2`]) are left out.
//!
//! # Accuracy
//!
//! As for [`crate::analysis::incursion`]: only the crossing points of two
//! outlines sit on a lon/lat chord rather than on the geodesic (≲ 0.2 mm off
//! for 100 m chords), and vertices are put back where geo's integer-grid
//! rounding moved them. On the hand-checkable dataset zone-1 ∩ zone-2 =
//! 123 090 785.801 m² (exact) is reproduced to 5e-5 m²; on the bundled
//! Armenia–Azerbaijan zones the overlap area agrees with an independent
//! shapely + GeographicLib computation to 1e-3 m²; the crate's contract is
//! 1e-6 relative or 1 m².
//!
//! # Limitations
//!
//! Zones crossing the antimeridian (an edge spanning more than 180° of
//! longitude) are left out of [`BorderMap::overlaps`] and
//! [`BorderMap::zones_overlapping`]; zones containing a pole are not
//! supported.
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let overlaps = map.overlaps();
//! assert_eq!(overlaps.len(), 1);
//! let o = &overlaps[0];
//! assert_eq!((o.a.id().to_string(), o.b.id().to_string()), ("zone-1".into(), "zone-2".into()));
//! // the quadrilateral (10.3,0) (10.4,0) (10.4,0.1) (10.3,0.1000002) (GeographicLib)
//! assert!((o.area_m2 - 123_090_785.801).abs() < 1.0);
//! # Ok::<(), demarcate::Error>(())
//! ```

use geo::algorithm::bool_ops::FillRule;
use geo::orient::Direction;
use geo::{BooleanOps, BoundingRect, Orient};
use geo_types::{MultiPolygon, Polygon};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::analysis::incursion::{SnapBack, antimeridian_span, rings};
use crate::error::{Error, Result};
use crate::geodesy::{DENSIFY_STEP_M, densify_multi_polygon, geodesic_multi_area_m2};
use crate::model::{BorderMap, IncursionZone};

/// Intersections with less area than this (m²) count as touching, not
/// overlapping (far below the 1 m² accuracy of areas).
pub const TOUCHING_AREA_M2: f64 = 1e-3;

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
    /// `a ∩ b` (densified lon/lat polygons), for GeoJSON output.
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
    /// zone ∩ query polygon (densified lon/lat polygons).
    pub geometry: MultiPolygon<f64>,
}

type ZoneBox = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// The zones of a map densified and oriented, with an R-tree over their
/// lon/lat boxes.
struct ZoneIndex<'a> {
    zones: Vec<IncursionZone<'a>>,
    shapes: Vec<MultiPolygon<f64>>,
    boxes: Vec<Option<AABB<[f64; 2]>>>,
    tree: RTree<ZoneBox>,
}

impl<'a> ZoneIndex<'a> {
    fn new(map: &'a BorderMap, step_m: f64) -> ZoneIndex<'a> {
        let zones: Vec<IncursionZone<'a>> = map.incursion_zones().collect();
        let shapes: Vec<MultiPolygon<f64>> = zones
            .par_iter()
            .map(|z| prepare(z.polygons(), step_m))
            .collect();
        // Zones across the antimeridian cannot be clipped in lon/lat: no box.
        let boxes: Vec<Option<AABB<[f64; 2]>>> = shapes
            .iter()
            .zip(&zones)
            .map(|(s, z)| {
                antimeridian_span(z.polygons())
                    .is_none()
                    .then(|| envelope(s))
                    .flatten()
            })
            .collect();
        let entries = boxes
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| GeomWithData::new(Rectangle::from_aabb(b), i)))
            .collect();
        ZoneIndex {
            zones,
            shapes,
            boxes,
            tree: RTree::bulk_load(entries),
        }
    }
}

fn prepare(polygons: &[Polygon<f64>], step_m: f64) -> MultiPolygon<f64> {
    densify_multi_polygon(&MultiPolygon(polygons.to_vec()), step_m).orient(Direction::Default)
}

fn envelope(mp: &MultiPolygon<f64>) -> Option<AABB<[f64; 2]>> {
    mp.bounding_rect()
        .map(|r| AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]))
}

fn check_step(step_m: f64) -> Result<()> {
    if step_m.is_finite() && step_m > 0.0 {
        Ok(())
    } else {
        Err(Error::BadParameter {
            name: "densify_step_m",
            value: step_m,
            expected: "a finite number of metres > 0",
        })
    }
}

impl BorderMap {
    /// Every pair of incursion zones whose interiors overlap, with the
    /// geodesic area (m²) and geometry of the overlap; pairs (a, b) with a
    /// before b in file order, sorted by a then b.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// for o in map.overlaps() {
    ///     println!("{} ∩ {}: {:.3} km²", o.a.id(), o.b.id(), o.area_m2 / 1e6);
    /// }
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn overlaps(&self) -> Vec<Overlap<'_>> {
        self.overlaps_impl(DENSIFY_STEP_M)
    }

    /// [`Self::overlaps`] with another densification step (metres).
    ///
    /// # Errors
    ///
    /// [`Error::BadParameter`] when `densify_step_m` is not finite and > 0.
    pub fn overlaps_with_step(&self, densify_step_m: f64) -> Result<Vec<Overlap<'_>>> {
        check_step(densify_step_m)?;
        Ok(self.overlaps_impl(densify_step_m))
    }

    fn overlaps_impl(&self, step_m: f64) -> Vec<Overlap<'_>> {
        let index = ZoneIndex::new(self, step_m);
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, b) in index.boxes.iter().enumerate() {
            let Some(b) = b else { continue };
            pairs.extend(
                index
                    .tree
                    .locate_in_envelope_intersecting(b)
                    .map(|e| e.data)
                    .filter(|&j| j > i)
                    .map(|j| (i, j)),
            );
        }
        pairs.sort_unstable();
        pairs
            .par_iter()
            .filter_map(|&(i, j)| {
                let (a, b) = (&index.shapes[i], &index.shapes[j]);
                let raw = a.intersection_with_fill_rule(b, FillRule::NonZero);
                if raw.0.is_empty() {
                    // Boxes overlap, zones do not: the common case in a join.
                    return None;
                }
                let snap = SnapBack::new(rings(a), rings(b));
                let geometry = snap.multi_polygon(raw);
                let area_m2 = geodesic_multi_area_m2(&geometry);
                (area_m2 >= TOUCHING_AREA_M2).then(|| Overlap {
                    a: index.zones[i],
                    b: index.zones[j],
                    area_m2,
                    geometry,
                })
            })
            .collect()
    }

    /// The incursion zones overlapping `polygon` (lon/lat degrees, geodesic
    /// edges), in file order, each with the geodesic area (m²) and geometry
    /// of its intersection with the polygon. Zones that only touch it are left
    /// out.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPoint`] when a vertex of `polygon` is not a WGS84
    /// longitude/latitude.
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
        let query = prepare(std::slice::from_ref(polygon), DENSIFY_STEP_M);
        let Some(qbox) = envelope(&query) else {
            return Ok(Vec::new());
        };
        let index = ZoneIndex::new(self, DENSIFY_STEP_M);
        let mut hits: Vec<usize> = index
            .tree
            .locate_in_envelope_intersecting(&qbox)
            .map(|e| e.data)
            .collect();
        hits.sort_unstable();
        Ok(hits
            .par_iter()
            .filter_map(|&i| {
                let zone = &index.shapes[i];
                let snap = SnapBack::new(rings(zone), rings(&query));
                let geometry =
                    snap.multi_polygon(zone.intersection_with_fill_rule(&query, FillRule::NonZero));
                let area_m2 = geodesic_multi_area_m2(&geometry);
                (area_m2 >= TOUCHING_AREA_M2).then(|| ZoneOverlap {
                    zone: index.zones[i],
                    area_m2,
                    geometry,
                })
            })
            .collect())
    }
}
