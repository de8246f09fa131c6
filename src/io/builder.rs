//! [`BorderMapBuilder`]: a dataset from geo-types, validated like a file.

use geo_types::{Geometry, MultiLineString, MultiPolygon, Point};
use serde_json::Value;

use super::{Loaded, validate};
use crate::error::Result;
use crate::model::{
    BorderMap, Feature, FeatureId, JsonObject, OutpostStatus, Party, SegmentStatus,
};

/// Builds a [`BorderMap`] from geo-types geometries, without GeoJSON text.
///
/// Each method adds one feature, in call order (feature indexes in
/// diagnostics count from 0 in that order). [`Self::build`] validates the
/// features exactly as a file's are, with the same diagnostics, so a bad
/// coordinate, a polygon that crosses itself or a duplicate id is refused
/// the same way; the map writes back to GeoJSON with
/// [`BorderMap::to_geojson_string`].
///
/// A geometry of one part is stored as the single type (`LineString`,
/// `Polygon`), of several as the multi type.
///
/// ```
/// use demarcate::{BorderMap, OutpostStatus, SegmentStatus};
/// use geo_types::{line_string, polygon, Point};
///
/// let map = BorderMap::builder()
///     .segment("seg-1", line_string![(x: 10.0, y: 0.0), (x: 11.0, y: 0.0)], "NOR", "SOU",
///              SegmentStatus::Disputed)
///     .outpost("op-1", Point::new(10.5, 0.05), "NOR", OutpostStatus::Active, Some(8_000.0))
///     .incursion_zone("zone-1",
///         polygon![(x: 10.4, y: -0.02), (x: 10.5, y: -0.02), (x: 10.5, y: 0.01), (x: 10.4, y: 0.01)],
///         "SOU", "NOR")
///     .build()?;
/// assert_eq!(map.segments().len(), 1);
/// assert!(map.to_geojson_string().contains("\"kind\":\"incursion_zone\""));
///
/// // refused like a file: the id is used twice
/// let err = BorderMap::builder()
///     .segment("a", line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)], "N", "S", SegmentStatus::Delimited)
///     .segment("a", line_string![(x: 1.0, y: 0.0), (x: 2.0, y: 0.0)], "N", "S", SegmentStatus::Delimited)
///     .build()
///     .unwrap_err();
/// assert!(err.to_string().contains("feature 1 (id a)"), "{err}");
/// # Ok::<(), demarcate::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct BorderMapBuilder {
    features: Vec<Feature>,
}

impl BorderMap {
    /// A builder for a dataset made from geo-types geometries.
    pub fn builder() -> BorderMapBuilder {
        BorderMapBuilder::default()
    }
}

fn lines(g: MultiLineString<f64>) -> Geometry<f64> {
    match <[_; 1]>::try_from(g.0) {
        Ok([l]) => Geometry::LineString(l),
        Err(parts) => Geometry::MultiLineString(MultiLineString(parts)),
    }
}

fn areas(g: MultiPolygon<f64>) -> Geometry<f64> {
    match <[_; 1]>::try_from(g.0) {
        Ok([p]) => Geometry::Polygon(p),
        Err(polygons) => Geometry::MultiPolygon(MultiPolygon(polygons)),
    }
}

impl BorderMapBuilder {
    fn push(
        mut self,
        id: Option<FeatureId>,
        kind: &str,
        geometry: Geometry<f64>,
        properties: impl IntoIterator<Item = (&'static str, Value)>,
    ) -> Self {
        let mut props = JsonObject::new();
        props.insert("kind".to_owned(), Value::from(kind));
        for (k, v) in properties {
            props.insert(k.to_owned(), v);
        }
        self.features.push(Feature {
            id,
            geometry: Some(geometry),
            properties: Some(props),
            ..Feature::default()
        });
        self
    }

    /// A `border_segment`: the line (lon/lat degrees), the parties on its
    /// left and right in the direction of its coordinates, and its status.
    pub fn segment(
        self,
        id: impl Into<FeatureId>,
        line: impl Into<MultiLineString<f64>>,
        left: impl Into<Party>,
        right: impl Into<Party>,
        status: SegmentStatus,
    ) -> Self {
        let (left, right) = (left.into(), right.into());
        self.push(
            Some(id.into()),
            "border_segment",
            lines(line.into()),
            [
                ("left", Value::from(left.as_str())),
                ("right", Value::from(right.as_str())),
                ("status", Value::from(status.as_str())),
            ],
        )
    }

    /// A `territory`: the land of `party`.
    pub fn territory(self, party: impl Into<Party>, area: impl Into<MultiPolygon<f64>>) -> Self {
        let party = party.into();
        self.push(
            None,
            "territory",
            areas(area.into()),
            [("party", Value::from(party.as_str()))],
        )
    }

    /// An `outpost` operated by `operator`, with its observation range in
    /// metres if it has one.
    pub fn outpost(
        self,
        id: impl Into<FeatureId>,
        point: impl Into<Point<f64>>,
        operator: impl Into<Party>,
        status: OutpostStatus,
        range_m: Option<f64>,
    ) -> Self {
        let operator = operator.into();
        let mut props = vec![
            ("operator", Value::from(operator.as_str())),
            ("status", Value::from(status.as_str())),
        ];
        if let Some(r) = range_m {
            // a non-finite range has no JSON number: null is refused by validation
            props.push((
                "range_m",
                serde_json::Number::from_f64(r).map_or(Value::Null, Value::Number),
            ));
        }
        self.push(
            Some(id.into()),
            "outpost",
            Geometry::Point(point.into()),
            props,
        )
    }

    /// An `incursion_zone`: ground `claimant` says `accused` holds.
    pub fn incursion_zone(
        self,
        id: impl Into<FeatureId>,
        area: impl Into<MultiPolygon<f64>>,
        claimant: impl Into<Party>,
        accused: impl Into<Party>,
    ) -> Self {
        let (claimant, accused) = (claimant.into(), accused.into());
        self.push(
            Some(id.into()),
            "incursion_zone",
            areas(area.into()),
            [
                ("claimant", Value::from(claimant.as_str())),
                ("accused", Value::from(accused.as_str())),
            ],
        )
    }

    /// A `claim_line`: where `claimant` says the border runs, optionally
    /// naming the segment it contests.
    pub fn claim_line(
        self,
        claimant: impl Into<Party>,
        line: impl Into<MultiLineString<f64>>,
        segment: Option<FeatureId>,
    ) -> Self {
        let claimant = claimant.into();
        let mut props = vec![("claimant", Value::from(claimant.as_str()))];
        if let Some(s) = segment {
            props.push(("segment", Value::from(s)));
        }
        self.push(None, "claim_line", lines(line.into()), props)
    }

    /// A `shore`: `party`'s shoreline or baseline on shared water.
    pub fn shore(self, party: impl Into<Party>, line: impl Into<MultiLineString<f64>>) -> Self {
        let party = party.into();
        self.push(
            None,
            "shore",
            lines(line.into()),
            [("party", Value::from(party.as_str()))],
        )
    }

    /// A `basepoint` of `party` (a point its median lines measure from).
    pub fn basepoint(self, party: impl Into<Party>, point: impl Into<Point<f64>>) -> Self {
        let party = party.into();
        self.push(
            None,
            "basepoint",
            Geometry::Point(point.into()),
            [("party", Value::from(party.as_str()))],
        )
    }

    /// Any feature as it is: more properties, a name, foreign members, or a
    /// kind this builder has no method for.
    pub fn feature(mut self, feature: Feature) -> Self {
        self.features.push(feature);
        self
    }

    /// Validates the features as a file's and, with no error among the
    /// findings, the map. Errors are [`crate::Error::Invalid`] with origin
    /// `<builder>`.
    pub fn build(self) -> Result<BorderMap> {
        self.build_with_findings().into_valid("<builder>")
    }

    /// The map and every finding, errors included (like [`super::load_str`]).
    pub fn build_with_findings(self) -> Loaded {
        let (records, mut diagnostics) = validate::check_features(&self.features);
        diagnostics.sort_by_key(|d| d.feature);
        Loaded {
            map: BorderMap::from_parts(self.features, None, JsonObject::new(), records),
            diagnostics,
        }
    }
}
