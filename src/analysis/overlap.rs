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
//! Each candidate pair is clipped in a [`LocalPlane`](crate::geodesy::LocalPlane) centred between the two
//! zones: a central projection in which geodesic edges are straight to within
//! [`STRAIGHT_TOLERANCE_M`](crate::analysis::STRAIGHT_TOLERANCE_M) (edges too long for that, in zones tens of km
//! across, are split along their geodesics first). geo's [`BooleanOps`](geo::BooleanOps)
//! intersects the projected polygons; every vertex of the result is then put
//! back exactly: a zone vertex as the user wrote it, a crossing of two edges
//! at its floating-point position in the plane, taken back to lon/lat. The
//! area is the geodesic (GeographicLib) area of that polygon, whose edges are
//! pieces of the zones' geodesic edges. Pairs whose intersection has no area
//! (touching zones; anything below [`TOUCHING_AREA_M2`]) are left out.
//!
//! # Accuracy
//!
//! Only crossings are computed, and they sit within [`STRAIGHT_TOLERANCE_M`](crate::analysis::STRAIGHT_TOLERANCE_M)
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

use geo_types::{MultiPolygon, Polygon};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use crate::error::{Error, Result};
use crate::geodesy::{MAX_RADIUS_M, geodesic_multi_area_m2};
use crate::model::{BorderMap, IncursionZone};
use crate::polygon::clip::{Shape, TooFar, intersect};

/// Intersections with less area than this (m²) count as touching, not
/// overlapping (far below the 1 m² accuracy of areas).
pub const TOUCHING_AREA_M2: f64 = 1e-3;

/// Two incursion zones that overlap.
///
/// # Units
///
/// `area_m2` in square metres on WGS84; `geometry` in lon/lat degrees.
#[derive(Debug, Clone)]
#[non_exhaustive]
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

impl Overlap<'_> {
    /// The pair as JSON, as `demarcate overlaps --format json` writes it:
    /// `a`, `b` (the zones' ids) and `area_m2`.
    ///
    /// # Units
    /// `area_m2` in square metres on WGS84.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "a": serde_json::Value::from(self.a.id().clone()),
            "b": serde_json::Value::from(self.b.id().clone()),
            "area_m2": self.area_m2,
        })
    }

    /// The overlap as a GeoJSON Feature: the properties of [`Self::to_json`]
    /// and the MultiPolygon `a ∩ b` (lon/lat degrees, geodesic edges).
    ///
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson")?;
    /// let overlaps = map.overlaps()?;
    /// let f = overlaps[0].to_geojson_feature();
    /// assert_eq!(f["type"], "Feature");
    /// assert_eq!(f["geometry"]["type"], "MultiPolygon");
    /// assert_eq!(f["properties"]["area_m2"], overlaps[0].area_m2);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn to_geojson_feature(&self) -> serde_json::Value {
        let geometry = geo_types::Geometry::MultiPolygon(self.geometry.clone());
        serde_json::json!({
            "type": "Feature",
            "properties": self.to_json(),
            "geometry": geojson::Geometry::from(&geometry),
        })
    }
}

/// One zone overlapping a query polygon.
///
/// # Units
///
/// `area_m2` in square metres on WGS84; `geometry` in lon/lat degrees.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ZoneOverlap<'a> {
    /// The zone.
    pub zone: IncursionZone<'a>,
    /// Geodesic area of zone ∩ query polygon, m².
    pub area_m2: f64,
    /// zone ∩ query polygon, with geodesic edges (as [`Overlap::geometry`]).
    pub geometry: MultiPolygon<f64>,
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
    /// # Units
    ///
    /// Areas square metres on the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); edges are geodesics.
    /// Each pair is clipped in one local plane; see the module docs.
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
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let overlaps = map.overlaps()?;
    /// assert_eq!(overlaps.len(), 1);
    /// let o = &overlaps[0];
    /// assert_eq!((o.a.id().to_string(), o.b.id().to_string()), ("zone-1".into(), "zone-2".into()));
    /// // data/README.md: the quadrilateral (10.3, 0) (10.4, 0) (10.4, 0.1) (10.3, 0.1)
    /// assert!((o.area_m2 - 123_090_785.801).abs() < 1.0);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn overlaps(&self) -> Result<Vec<Overlap<'_>>> {
        let (found, failed) = self.overlaps_or_errors();
        match failed.into_iter().next() {
            Some((_, _, e)) => Err(e),
            None => Ok(found),
        }
    }

    /// Every overlap, and every pair of zones that could not be clipped with
    /// its error, in pair order.
    #[allow(clippy::type_complexity)]
    pub(crate) fn overlaps_or_errors(
        &self,
    ) -> (
        Vec<Overlap<'_>>,
        Vec<(IncursionZone<'_>, IncursionZone<'_>, Error)>,
    ) {
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
        let results: Vec<Result<Option<Overlap<'_>>, (usize, usize, Error)>> = pairs
            .par_iter()
            .map(|&(i, j)| {
                let (Some(a), Some(b)) = (&index.shapes[i], &index.shapes[j]) else {
                    return Ok(None);
                };
                let (za, zb) = (index.zones[i], index.zones[j]);
                let geometry = intersect(a, b).map_err(|e| {
                    (
                        i,
                        j,
                        too_large(format!("zones {} and {}", za.id(), zb.id()), e),
                    )
                })?;
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
            .collect();
        let (mut found, mut failed) = (Vec::new(), Vec::new());
        for r in results {
            match r {
                Ok(o) => found.extend(o),
                Err((i, j, e)) => failed.push((index.zones[i], index.zones[j], e)),
            }
        }
        (found, failed)
    }

    /// The incursion zones overlapping `polygon` (lon/lat degrees, geodesic
    /// edges), in file order, each with the geodesic area (m²) and geometry
    /// of its intersection with the polygon. Zones that only touch it are left
    /// out.
    ///
    /// # Units
    ///
    /// Areas square metres on the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); edges are geodesics.
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
