//! Streaming writer: features are serialized one by one, in file order.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::model::{BorderMap, Feature, FeatureId};

pub(super) fn write<W: std::io::Write>(map: &BorderMap, writer: W) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::new(writer);
    Collection(map)
        .serialize(&mut ser)
        .map_err(std::io::Error::other)
}

struct Collection<'a>(&'a BorderMap);

impl Serialize for Collection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", "FeatureCollection")?;
        for (k, v) in &map.collection_members {
            m.serialize_entry(k, v)?;
        }
        if let Some(b) = &map.collection_bbox {
            m.serialize_entry("bbox", b)?;
        }
        m.serialize_entry("features", &Features(&map.features))?;
        m.end()
    }
}

struct Features<'a>(&'a [Feature]);

impl Serialize for Features<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&FeatureOut(f))?;
        }
        seq.end()
    }
}

struct FeatureOut<'a>(&'a Feature);

impl Serialize for FeatureOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        // A member the reader could not interpret stays among the foreign members
        // under its own name; it is written from there, not twice.
        let kept = |k: &str| {
            f.foreign_members
                .as_ref()
                .is_some_and(|m| m.contains_key(k))
        };
        let mut m = s.serialize_map(None)?;
        if !kept("type") {
            m.serialize_entry("type", "Feature")?;
        }
        if let Some(id) = &f.id {
            match id {
                FeatureId::String(x) => m.serialize_entry("id", x)?,
                FeatureId::Number(n) => m.serialize_entry("id", n)?,
            }
        }
        if let Some(b) = &f.bbox {
            m.serialize_entry("bbox", b)?;
        }
        if !kept("properties") {
            m.serialize_entry("properties", &f.properties)?;
        }
        if !kept("geometry") {
            match (&f.geometry_extras.original, &f.geometry) {
                _ if let Some(text) = &f.geometry_extras.unreadable => {
                    // Read from valid JSON text, so it is valid JSON text.
                    let raw = serde_json::value::RawValue::from_string(text.clone())
                        .map_err(serde::ser::Error::custom)?;
                    m.serialize_entry("geometry", &raw)?;
                }
                (Some(original), _) => m.serialize_entry("geometry", original)?,
                (None, Some(g)) => {
                    let geometry = geojson::Geometry {
                        bbox: f.geometry_extras.bbox.clone(),
                        value: geojson::GeometryValue::from(g),
                        foreign_members: f.geometry_extras.foreign_members.clone(),
                    };
                    m.serialize_entry("geometry", &geometry)?;
                }
                (None, None) => m.serialize_entry("geometry", &())?,
            }
        }
        if let Some(fm) = &f.foreign_members {
            for (k, v) in fm {
                m.serialize_entry(k, v)?;
            }
        }
        m.end()
    }
}
