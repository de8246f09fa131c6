//! Streaming reader: one feature at a time from JSON to `geo_types`.

use std::fmt;
use std::path::Path;

use geojson::{GeometryValue, Position};
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::Loaded;
use super::validate;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::model::{Feature, FeatureId, GeometryExtras, JsonObject};

/// What the top-level object held.
#[derive(Default)]
struct Document {
    type_name: Option<Value>,
    saw_features: bool,
    bbox: Option<Vec<f64>>,
    members: JsonObject,
    features: Vec<Feature>,
    diagnostics: Vec<Diagnostic>,
}

/// Work done on the features after reading and before validation, given the
/// origin (file path or `<input>`), the collection's members and `bbox`, and
/// the features (reprojection, `super::Loader`). Returns collection-level findings.
pub(super) type Prepare<'p> = &'p mut dyn FnMut(
    &str,
    &mut JsonObject,
    &mut Option<Vec<f64>>,
    &mut [Feature],
) -> Result<Vec<Diagnostic>>;

pub(super) fn load<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    path: Option<&Path>,
    prepare: Prepare<'_>,
) -> Result<Loaded> {
    let origin = path.map_or_else(|| "<input>".to_owned(), |p| p.display().to_string());
    let json_err = |e: serde_json::Error| -> Error {
        match (e.classify(), path) {
            (serde_json::error::Category::Io, Some(p)) => Error::Io {
                path: p.to_owned(),
                source: std::io::Error::other(e.to_string()),
            },
            (serde_json::error::Category::Data, _) => Error::NotFeatureCollection {
                origin: origin.clone(),
                message: strip_position(&e),
            },
            _ => Error::Json {
                origin: origin.clone(),
                line: e.line(),
                column: e.column(),
                message: strip_position(&e),
            },
        }
    };
    let mut doc = (&mut de)
        .deserialize_map(DocumentVisitor)
        .map_err(json_err)?;
    de.end().map_err(json_err)?;

    match doc.type_name.as_ref().and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            return Err(Error::NotFeatureCollection {
                origin,
                message: format!("\"type\" is {other:?}"),
            });
        }
        None => {
            return Err(Error::NotFeatureCollection {
                origin,
                message: "no string \"type\" member".to_owned(),
            });
        }
    }
    if !doc.saw_features {
        return Err(Error::NotFeatureCollection {
            origin,
            message: "no \"features\" member".to_owned(),
        });
    }
    let mut diagnostics = doc.diagnostics;
    diagnostics.extend(prepare(
        &origin,
        &mut doc.members,
        &mut doc.bbox,
        &mut doc.features,
    )?);
    let (records, more) = validate::check_features(&doc.features);
    diagnostics.extend(more);
    diagnostics.sort_by_key(|d| d.feature);
    let map = crate::model::BorderMap::from_parts(doc.features, doc.bbox, doc.members, records);
    Ok(Loaded { map, diagnostics })
}

/// serde_json appends " at line L column C"; the error variants carry those apart.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut doc = Document::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => doc.type_name = Some(map.next_value()?),
                "features" => {
                    doc.saw_features = true;
                    map.next_value_seed(FeaturesSeed { doc: &mut doc })?;
                }
                "bbox" => {
                    let v: Value = map.next_value()?;
                    match bbox_of(&v) {
                        Some(b) => doc.bbox = Some(b),
                        None => {
                            doc.members.insert(key, v);
                        }
                    }
                }
                _ => {
                    let v: Value = map.next_value()?;
                    doc.members.insert(key, v);
                }
            }
        }
        Ok(doc)
    }
}

struct FeaturesSeed<'a> {
    doc: &'a mut Document,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of GeoJSON Features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(n) = seq.size_hint() {
            self.doc.features.reserve(n);
        }
        while let Some(element) = seq.next_element::<Element>()? {
            let index = self.doc.features.len();
            let feature = convert_feature(index, element, &mut self.doc.diagnostics);
            self.doc.features.push(feature);
        }
        Ok(())
    }
}

/// One element of the `features` array as read: a JSON object whose
/// `geometry` member is kept as raw text, parsed straight into positions
/// later (a `Value` tree of a large geometry would take ~16× its text), or
/// anything else.
enum Element {
    Object {
        members: JsonObject,
        /// `None` when the object has no `geometry` member.
        geometry: Option<Box<serde_json::value::RawValue>>,
    },
    Other(Value),
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        de.deserialize_any(ElementVisitor)
    }
}

struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let mut members = JsonObject::new();
        let mut geometry = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "geometry" {
                geometry = Some(map.next_value::<Box<serde_json::value::RawValue>>()?);
            } else {
                let v: Value = map.next_value()?;
                members.insert(key, v);
            }
        }
        Ok(Element::Object { members, geometry })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Element, A::Error> {
        Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Element::Other)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Element, E> {
        Ok(Element::Other(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Element, E> {
        Ok(Element::Other(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Element, E> {
        Ok(Element::Other(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Element, E> {
        Ok(Element::Other(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Element, E> {
        Ok(Element::Other(Value::String(v.to_owned())))
    }

    fn visit_unit<E>(self) -> Result<Element, E> {
        Ok(Element::Other(Value::Null))
    }
}

fn bbox_of(v: &Value) -> Option<Vec<f64>> {
    let arr = v.as_array()?;
    arr.iter().map(Value::as_f64).collect()
}

/// Turns one feature's JSON into a [`Feature`]; problems become diagnostics and
/// the feature keeps what could be read (its raw members go to foreign members
/// when they cannot be read as GeoJSON, so nothing is lost).
fn convert_feature(index: usize, element: Element, out: &mut Vec<Diagnostic>) -> Feature {
    let (mut obj, raw_geometry) = match element {
        Element::Object { members, geometry } => (members, geometry),
        Element::Other(value) => return not_an_object(index, &value, out),
    };

    let mut diag = |property: &str, message: String, id: &Option<FeatureId>| {
        out.push(Diagnostic {
            severity: Severity::Error,
            feature: Some(index),
            id: id.clone(),
            property: property.to_owned(),
            message,
        });
    };

    // `shift_remove`, not `remove`: with `preserve_order`, `remove` swaps the
    // last member into the gap, and the foreign members would change order
    // on every round trip.
    let id = match obj.shift_remove("id") {
        None => None,
        Some(Value::String(s)) => Some(FeatureId::String(s)),
        Some(Value::Number(n)) => Some(FeatureId::Number(n)),
        Some(other) => {
            diag(
                "id",
                format!("must be a string or a number, found {}", json_kind(&other)),
                &None,
            );
            obj.insert("id".to_owned(), other);
            None
        }
    };
    let mut feature = Feature {
        id,
        ..Feature::default()
    };

    match obj.shift_remove("type") {
        Some(Value::String(t)) if t == "Feature" => {}
        Some(other) => {
            diag(
                "type",
                format!("must be \"Feature\", found {other}"),
                &feature.id,
            );
            obj.insert("type".to_owned(), other);
        }
        None => diag(
            "type",
            "missing (must be \"Feature\")".to_owned(),
            &feature.id,
        ),
    }

    match obj.shift_remove("properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(p)) => feature.properties = Some(p),
        Some(other) => {
            diag(
                "properties",
                format!("must be an object or null, found {}", json_kind(&other)),
                &feature.id,
            );
            obj.insert("properties".to_owned(), other);
        }
    }

    if let Some(v) = obj.shift_remove("bbox") {
        match bbox_of(&v) {
            Some(b) => feature.bbox = Some(b),
            None => {
                diag(
                    "bbox",
                    "must be an array of numbers".to_owned(),
                    &feature.id,
                );
                obj.insert("bbox".to_owned(), v);
            }
        }
    }

    // A geometry that cannot be read stays with the feature as JSON.
    // Text no JSON value can hold (a number beyond f64) is kept as text.
    let keep =
        |obj: &mut JsonObject, extras: &mut GeometryExtras, raw: &serde_json::value::RawValue| {
            match serde_json::from_str::<Value>(raw.get()) {
                Ok(v) => {
                    obj.insert("geometry".to_owned(), v);
                }
                Err(_) => extras.unreadable = Some(raw.get().to_owned()),
            }
        };
    match raw_geometry {
        None => diag(
            "geometry",
            "missing (use null for a feature without geometry)".to_owned(),
            &feature.id,
        ),
        Some(g) if g.get().trim() == "null" => {}
        Some(g) => match parse_geometry(&g) {
            Ok(geometry) => {
                let mut problems = Vec::new();
                let extra_dims = check_structure(&geometry.value, &mut problems);
                let converted = if problems.is_empty() {
                    geo_types::Geometry::<f64>::try_from(&geometry.value)
                        .map_err(|e| problems.push(e.to_string()))
                        .ok()
                } else {
                    None
                };
                match converted {
                    Some(geo) => {
                        feature.geometry = Some(geo);
                        feature.geometry_extras = GeometryExtras {
                            bbox: geometry.bbox.clone(),
                            foreign_members: geometry.foreign_members.clone(),
                            original: extra_dims.then_some(geometry),
                            unreadable: None,
                        };
                    }
                    None => {
                        for p in problems {
                            diag("geometry", p, &feature.id);
                        }
                        keep(&mut obj, &mut feature.geometry_extras, &g);
                    }
                }
            }
            Err(e) => {
                diag("geometry", strip_position(&e), &feature.id);
                keep(&mut obj, &mut feature.geometry_extras, &g);
            }
        },
    }

    if !obj.is_empty() {
        feature.foreign_members = Some(obj);
    }
    feature
}

/// Parses a geometry from its raw text straight into positions. Text that
/// JSON readers accept but a strict reading refuses (a repeated member such
/// as two `type`s, where the last one wins) goes through a JSON value, as
/// the rest of the document does, so both readings agree.
fn parse_geometry(
    raw: &serde_json::value::RawValue,
) -> Result<geojson::Geometry, serde_json::Error> {
    serde_json::from_str::<geojson::Geometry>(raw.get()).or_else(|strict| {
        serde_json::from_str::<Value>(raw.get())
            .ok()
            .and_then(|v| geojson::Geometry::deserialize(&v).ok())
            .ok_or(strict)
    })
}

/// A member of `features` that is not a JSON object.
fn not_an_object(index: usize, value: &Value, out: &mut Vec<Diagnostic>) -> Feature {
    out.push(Diagnostic::error(
        index,
        None,
        "type",
        format!(
            "a feature must be a JSON object, found {}",
            json_kind(value)
        ),
    ));
    Feature::default()
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks what `geo_types` cannot show after conversion: position sizes, line
/// lengths and ring closure. Returns whether any position has more than two
/// numbers (altitude), which `geo_types` would drop.
fn check_structure(value: &GeometryValue, problems: &mut Vec<String>) -> bool {
    let mut extra = false;
    let mut positions = |ps: &[Position], what: &str, problems: &mut Vec<String>| {
        for (i, p) in ps.iter().enumerate() {
            if p.len() < 2 {
                problems.push(format!(
                    "{what}position {i} has {} number(s), needs 2",
                    p.len()
                ));
            }
            extra |= p.len() > 2;
        }
    };
    let ring = |r: &[Position], what: &str, problems: &mut Vec<String>| {
        if r.len() < 4 {
            problems.push(format!(
                "{what}has {} positions; a linear ring needs at least 4",
                r.len()
            ));
        } else if r.first().map(Position::as_slice) != r.last().map(Position::as_slice) {
            problems.push(format!(
                "{what}is not closed (first and last positions differ)"
            ));
        }
    };
    match value {
        GeometryValue::Point { coordinates } => {
            positions(std::slice::from_ref(coordinates), "", problems);
        }
        GeometryValue::MultiPoint { coordinates } => positions(coordinates, "", problems),
        GeometryValue::LineString { coordinates } => {
            positions(coordinates, "", problems);
            if coordinates.len() < 2 {
                problems.push(format!(
                    "LineString has {} position(s), needs at least 2",
                    coordinates.len()
                ));
            }
        }
        GeometryValue::MultiLineString { coordinates } => {
            for (l, line) in coordinates.iter().enumerate() {
                let what = format!("line {l}: ");
                positions(line, &what, problems);
                if line.len() < 2 {
                    problems.push(format!(
                        "{what}has {} position(s), needs at least 2",
                        line.len()
                    ));
                }
            }
        }
        GeometryValue::Polygon { coordinates } => {
            if coordinates.is_empty() {
                problems.push("Polygon has no rings".to_owned());
            }
            for (r, rg) in coordinates.iter().enumerate() {
                let what = format!("ring {r}: ");
                positions(rg, &what, problems);
                ring(rg, &what, problems);
            }
        }
        GeometryValue::MultiPolygon { coordinates } => {
            for (p, poly) in coordinates.iter().enumerate() {
                if poly.is_empty() {
                    problems.push(format!("polygon {p} has no rings"));
                }
                for (r, rg) in poly.iter().enumerate() {
                    let what = format!("polygon {p} ring {r}: ");
                    positions(rg, &what, problems);
                    ring(rg, &what, problems);
                }
            }
        }
        GeometryValue::GeometryCollection { geometries } => {
            for g in geometries {
                extra |= check_structure(&g.value, problems);
            }
        }
    }
    extra
}
