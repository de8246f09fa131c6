//! How long is each border segment, and how much of the border is demarcated,
//! delimited, disputed or undefined?
//!
//! # Units and assumptions
//!
//! Coordinates are WGS84 longitude/latitude in degrees (`x` = lon). Lengths
//! are metres along the WGS84 ellipsoid: the sum of the geodesic
//! (GeographicLib inverse) distances between consecutive vertices of every
//! line part of a segment ([`geodesic_length_m`]), exact to the nanometre
//! per edge. Parts of a MultiLineString are added; the gaps between parts
//! are not border and are not counted.
//!
//! # Examples
//!
//! ```
//! use demarcate::{BorderMap, SegmentStatus};
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let totals = map.status_lengths();
//! // seg-a is 1° of the equator (a·π/180), disputed.
//! assert!((totals.get(SegmentStatus::Disputed) - 111_319.490_793_273_57).abs() < 1e-6);
//! assert_eq!(totals.get(SegmentStatus::Demarcated), 0.0);
//! # Ok::<(), demarcate::Error>(())
//! ```

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::geodesy::geodesic_length_m;
use crate::model::{BorderMap, BorderSegment, SegmentStatus};

/// A border segment with its geodesic length.
///
/// Serializes (serde) as `{"id", "status", "left", "right", "length_m"}`, the
/// shape of the `segments` entries of `demarcate report`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SegmentLength<'a> {
    /// The segment.
    pub segment: BorderSegment<'a>,
    /// Its length along the WGS84 ellipsoid, metres (all line parts).
    pub length_m: f64,
}

impl Serialize for SegmentLength<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SegmentLength", 5)?;
        st.serialize_field("id", &serde_json::Value::from(self.segment.id().clone()))?;
        st.serialize_field("status", self.segment.status().as_str())?;
        st.serialize_field("left", self.segment.left().as_str())?;
        st.serialize_field("right", self.segment.right().as_str())?;
        st.serialize_field("length_m", &self.length_m)?;
        st.end()
    }
}

/// Border length by segment status, metres along the WGS84 ellipsoid.
///
/// Every status is present (0 where no segment has it). Serializes (serde) as
/// `{"demarcated": m, "delimited": m, "disputed": m, "undefined": m,
/// "total": m}`, the shape of `status_lengths_m` in `demarcate report`.
///
/// ```
/// use demarcate::SegmentStatus;
/// use demarcate::analysis::StatusLengths;
/// let mut t = StatusLengths::default();
/// t.add(SegmentStatus::Disputed, 1_500.0);
/// t.add(SegmentStatus::Undefined, 500.0);
/// assert_eq!(t.total_m(), 2_000.0);
/// assert_eq!(t.get(SegmentStatus::Delimited), 0.0);
/// let json = serde_json::to_string(&t).unwrap();
/// assert_eq!(json, r#"{"demarcated":0.0,"delimited":0.0,"disputed":1500.0,"undefined":500.0,"total":2000.0}"#);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct StatusLengths {
    /// Metres, indexed in [`SegmentStatus::ALL`] order.
    by_status: [f64; 4],
}

fn slot(status: SegmentStatus) -> usize {
    match status {
        SegmentStatus::Demarcated => 0,
        SegmentStatus::Delimited => 1,
        SegmentStatus::Disputed => 2,
        SegmentStatus::Undefined => 3,
    }
}

impl StatusLengths {
    /// The length of border with this status, metres.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// Lengths of segments with geodesic edges.
    pub fn get(&self, status: SegmentStatus) -> f64 {
        self.by_status[slot(status)]
    }

    /// Adds `length_m` metres to `status`.
    pub fn add(&mut self, status: SegmentStatus, length_m: f64) {
        self.by_status[slot(status)] += length_m;
    }

    /// The whole border, metres: the sum over the four statuses.
    ///
    /// # Units
    ///
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// Lengths of segments with geodesic edges.
    pub fn total_m(&self) -> f64 {
        self.by_status.iter().sum()
    }

    /// `(status, metres)` for all four statuses, in [`SegmentStatus::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (SegmentStatus, f64)> + '_ {
        SegmentStatus::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

impl Serialize for StatusLengths {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        for (status, len) in self.iter() {
            m.serialize_entry(status.as_str(), &len)?;
        }
        m.serialize_entry("total", &self.total_m())?;
        m.end()
    }
}

/// The geodesic length of a border segment, metres: the sum of
/// [`geodesic_length_m`] over its line parts.
///
/// # Units
/// Metres along the WGS84 ellipsoid; vertices are lon/lat degrees.
///
/// # Assumptions
///
/// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
/// order); edges are geodesics.
///
/// # Examples
/// ```
/// use demarcate::BorderMap;
/// use demarcate::analysis::segment_length_m;
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let seg_b = map.segment(&"seg-b".into()).unwrap();
/// // The WGS84 meridian arc from 0° to 1° N.
/// assert!((segment_length_m(&seg_b) - 110_574.388_557_798_78).abs() < 1e-6);
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn segment_length_m(segment: &BorderSegment<'_>) -> f64 {
    // An empty float sum is -0.0 (a segment without lines): report 0.
    segment.lines().iter().map(geodesic_length_m).sum::<f64>() + 0.0
}

impl BorderMap {
    /// Every border segment with its geodesic length, in file order.
    ///
    /// # Units
    /// Metres along the WGS84 ellipsoid (see [`segment_length_m`]).
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    ///
    /// # Examples
    /// ```
    /// use demarcate::BorderMap;
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let lengths = map.segment_lengths();
    /// assert_eq!(lengths[0].segment.id().to_string(), "seg-a");
    /// // 1° of the equator: a·π/180
    /// assert!((lengths[0].length_m - 111_319.490_793_273_57).abs() < 1e-6);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn segment_lengths(&self) -> Vec<SegmentLength<'_>> {
        self.segments()
            .map(|segment| SegmentLength {
                segment,
                length_m: segment_length_m(&segment),
            })
            .collect()
    }

    /// The border's length by segment status, with the total.
    ///
    /// # Units
    /// Metres along the WGS84 ellipsoid.
    ///
    /// # Assumptions
    ///
    /// WGS84 ellipsoid; coordinates are longitude, latitude in degrees (GeoJSON
    /// order); border edges are geodesics.
    ///
    /// # Examples
    /// ```
    /// use demarcate::{BorderMap, SegmentStatus};
    /// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
    /// let t = map.status_lengths();
    /// // seg-b (undefined) is the meridian arc 0° → 1° N.
    /// assert!((t.get(SegmentStatus::Undefined) - 110_574.388_557_798_78).abs() < 1e-6);
    /// assert!((t.total_m() - 221_893.879_351_072_36).abs() < 1e-6);
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn status_lengths(&self) -> StatusLengths {
        let mut t = StatusLengths::default();
        for s in self.segment_lengths() {
            t.add(s.segment.status(), s.length_m);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_map_has_all_statuses_at_zero() {
        let map =
            BorderMap::from_geojson_str(r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
        let t = map.status_lengths();
        assert_eq!(t.iter().count(), 4);
        assert!(t.iter().all(|(_, m)| m == 0.0));
        assert_eq!(t.total_m(), 0.0);
        assert!(map.segment_lengths().is_empty());
    }

    #[test]
    fn multi_line_parts_add_without_the_gap() {
        let map = BorderMap::from_geojson_str(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"s","properties":{"kind":"border_segment","left":"A","right":"B","status":"delimited"},
             "geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[5,0],[5.5,0]]]}}]}"#,
        )
        .unwrap();
        // 1.5° of the equator, a·π/180 · 1.5 (the 4° gap is not border)
        let want = 1.5 * 111_319.490_793_273_57;
        let l = map.segment_lengths();
        assert!((l[0].length_m - want).abs() < 1e-6, "{}", l[0].length_m);
        let t = map.status_lengths();
        assert!((t.get(SegmentStatus::Delimited) - want).abs() < 1e-6);
        let v = serde_json::to_value(l[0]).unwrap();
        assert_eq!(v["id"], "s");
        assert_eq!(v["status"], "delimited");
        assert_eq!(v["left"], "A");
        assert_eq!(v["right"], "B");
    }
}
