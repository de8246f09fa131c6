use std::fmt;

use geo_types::Geometry;

use super::Kind;

/// A JSON object, as in `properties` or foreign members.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;

/// The identity of a feature: the GeoJSON Feature `id`, a string or a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FeatureId {
    /// `"id": "seg-1"`
    String(String),
    /// `"id": 17`
    Number(serde_json::Number),
}

impl fmt::Display for FeatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureId::String(s) => f.write_str(s),
            FeatureId::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<String> for FeatureId {
    fn from(s: String) -> Self {
        FeatureId::String(s)
    }
}

impl From<u64> for FeatureId {
    fn from(n: u64) -> Self {
        FeatureId::Number(n.into())
    }
}

impl From<&FeatureId> for FeatureId {
    fn from(id: &FeatureId) -> Self {
        id.clone()
    }
}

impl From<&str> for FeatureId {
    fn from(s: &str) -> Self {
        FeatureId::String(s.to_owned())
    }
}

impl From<geojson::feature::Id> for FeatureId {
    fn from(id: geojson::feature::Id) -> Self {
        match id {
            geojson::feature::Id::String(s) => FeatureId::String(s),
            geojson::feature::Id::Number(n) => FeatureId::Number(n),
        }
    }
}

impl From<FeatureId> for geojson::feature::Id {
    fn from(id: FeatureId) -> Self {
        match id {
            FeatureId::String(s) => geojson::feature::Id::String(s),
            FeatureId::Number(n) => geojson::feature::Id::Number(n),
        }
    }
}

impl From<FeatureId> for serde_json::Value {
    fn from(id: FeatureId) -> Self {
        match id {
            FeatureId::String(s) => serde_json::Value::String(s),
            FeatureId::Number(n) => serde_json::Value::Number(n),
        }
    }
}

/// Members of a feature's geometry object that a `geo_types` geometry cannot hold,
/// kept so that writing the feature back loses nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeometryExtras {
    /// The geometry's own `bbox`.
    pub bbox: Option<Vec<f64>>,
    /// Foreign members of the geometry object.
    pub foreign_members: Option<JsonObject>,
    /// The geometry as read, kept only when it has positions with more than two
    /// numbers (altitude): written back in place of `Feature::geometry`.
    pub original: Option<geojson::Geometry>,
    /// The geometry's JSON text, kept only when it holds something no JSON
    /// value can (a number beyond f64, such as `1e999`): written back verbatim.
    pub unreadable: Option<String>,
}

/// One GeoJSON feature, with everything it carried.
///
/// Coordinates are WGS84 longitude (`x`) and latitude (`y`) in degrees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feature {
    /// The Feature `id`.
    pub id: Option<FeatureId>,
    /// The geometry, `None` for `"geometry": null`.
    pub geometry: Option<Geometry<f64>>,
    /// Geometry members beyond the coordinates.
    pub geometry_extras: GeometryExtras,
    /// `properties`, in the order read; `None` for `"properties": null`.
    pub properties: Option<JsonObject>,
    /// The feature's `bbox`.
    pub bbox: Option<Vec<f64>>,
    /// Members of the feature object other than the GeoJSON ones.
    pub foreign_members: Option<JsonObject>,
}

impl Feature {
    /// The value of property `key`, if present.
    pub fn property(&self, key: &str) -> Option<&serde_json::Value> {
        self.properties.as_ref().and_then(|p| p.get(key))
    }

    /// The property `key` if it is a string.
    pub fn str_property(&self, key: &str) -> Option<&str> {
        self.property(key).and_then(serde_json::Value::as_str)
    }

    /// `properties.kind` as written, if it is a string.
    pub fn kind_str(&self) -> Option<&str> {
        self.str_property("kind")
    }

    /// `properties.kind` if it is one of the known kinds.
    pub fn kind(&self) -> Option<Kind> {
        self.kind_str().and_then(Kind::parse)
    }

    /// `properties.name`, if it is a string.
    pub fn name(&self) -> Option<&str> {
        self.str_property("name")
    }
}
