//! The native half of the `demarcate` Python package: a thin PyO3 layer over
//! the `demarcate` crate. Every answer comes from the crate; this file only
//! moves numbers and JSON across the boundary and maps errors to the Python
//! exception classes of `demarcate.errors`.
//!
//! Arrays cross as little-endian byte strings (`numpy.ndarray.tobytes()` /
//! `numpy.frombuffer`), which works with the stable ABI on every Python ≥ 3.9.

use std::collections::HashMap;

use demarcate::analysis::{PlanOptions, ReportOptions};
use demarcate::io::{Diagnostic, Loaded};
use demarcate::{
    BorderMap, BufferOptions, Error, FeatureId, MedianOptions, Party, ScheduleOptions,
};
use geo_types::{Coord, Geometry, Polygon};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};

/// The Python exception for a crate error: an instance of a class from
/// `demarcate.errors`, built with keyword arguments naming what is at fault.
fn to_py_err(py: Python<'_>, e: Error) -> PyErr {
    match build_py_err(py, &e) {
        Ok(err) => err,
        // The errors module could not be imported: still raise, with the message.
        Err(import_failure) => import_failure,
    }
}

fn build_py_err(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let errors = py.import("demarcate.errors")?;
    let kw = PyDict::new(py);
    let class = match e {
        Error::Io { path, source } => {
            kw.set_item("path", path.display().to_string())?;
            kw.set_item("errno", source.raw_os_error())?;
            "DatasetReadError"
        }
        Error::Json {
            origin,
            line,
            column,
            ..
        } => {
            kw.set_item("origin", origin)?;
            kw.set_item("line", *line)?;
            kw.set_item("column", *column)?;
            "NotGeoJSONError"
        }
        Error::NotFeatureCollection { origin, .. } => {
            kw.set_item("origin", origin)?;
            "NotGeoJSONError"
        }
        Error::Invalid {
            origin,
            diagnostics,
        } => {
            kw.set_item("origin", origin)?;
            kw.set_item("findings", findings_json(diagnostics))?;
            "InvalidDataError"
        }
        Error::InvalidPoint { index, lon, lat } => {
            kw.set_item("index", *index)?;
            kw.set_item("lon", *lon)?;
            kw.set_item("lat", *lat)?;
            "InvalidPointError"
        }
        Error::BadParameter { name, value, .. } => {
            kw.set_item("name", *name)?;
            kw.set_item("value", *value)?;
            "UsageError"
        }
        Error::NoRange { id, index } => {
            kw.set_item("feature", *index)?;
            kw.set_item("id", serde_json::Value::from(id.clone()).to_string())?;
            "NoRangeError"
        }
        Error::NoBorder => "NoBorderError",
        _ => "AnalysisError",
    };
    let class = errors.getattr(class)?;
    let value = class.call((e.to_string(),), Some(&kw))?;
    Ok(PyErr::from_value(value))
}

/// Findings as a JSON array of records (`severity`, `feature`, `id`,
/// `property`, `message`); `id` keeps its JSON type (string or number).
fn findings_json(diagnostics: &[Diagnostic]) -> String {
    let rows: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": d.severity.to_string(),
                "feature": d.feature,
                "id": d.id.clone().map(serde_json::Value::from),
                "property": d.property,
                "message": d.message,
            })
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// The little-endian f64 values of a byte string.
fn f64s(bytes: &[u8], what: &str) -> PyResult<Vec<f64>> {
    if !bytes.len().is_multiple_of(8) {
        return Err(PyValueError::new_err(format!(
            "{what}: {} bytes is not a whole number of float64",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect())
}

fn le_bytes<T: Copy, const N: usize>(values: &[T], to: fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * N);
    for v in values {
        out.extend_from_slice(&to(*v));
    }
    out
}

/// Loads `source` (a path, or GeoJSON text) keeping every finding.
fn load(py: Python<'_>, source: &str, is_path: bool) -> PyResult<Loaded> {
    let source = source.to_owned();
    py.detach(move || {
        if is_path {
            demarcate::io::load_path(&source)
        } else {
            demarcate::io::load_str(&source)
        }
    })
    .map_err(|e| to_py_err(py, e))
}

/// Every finding of validating a dataset, as a JSON array of records; raises
/// only when the input cannot be read or is not a FeatureCollection.
#[pyfunction]
fn validate(py: Python<'_>, source: &str, is_path: bool) -> PyResult<String> {
    let loaded = load(py, source, is_path)?;
    Ok(findings_json(&loaded.diagnostics))
}

/// A loaded, valid dataset.
#[pyclass(frozen, module = "demarcate._native")]
struct NativeMap {
    map: BorderMap,
    /// The warnings found on loading (a valid map has no errors).
    findings: String,
}

#[pymethods]
impl NativeMap {
    /// Loads a dataset (a path, or GeoJSON text); raises InvalidDataError
    /// with every finding when it has errors.
    #[new]
    fn new(py: Python<'_>, source: &str, is_path: bool) -> PyResult<Self> {
        let loaded = load(py, source, is_path)?;
        let findings = findings_json(&loaded.diagnostics);
        let origin = if is_path { source } else { "<string>" };
        let map = loaded.into_valid(origin).map_err(|e| to_py_err(py, e))?;
        Ok(NativeMap { map, findings })
    }

    fn findings(&self) -> String {
        self.findings.clone()
    }

    fn to_geojson(&self, py: Python<'_>) -> String {
        py.detach(|| self.map.to_geojson_string())
    }

    /// Segment ids (JSON array, in dataset order) and party codes of the map.
    fn segment_ids(&self) -> String {
        let ids: Vec<serde_json::Value> = self
            .map
            .segments()
            .map(|s| serde_json::Value::from(s.id().clone()))
            .collect();
        serde_json::Value::Array(ids).to_string()
    }

    /// The distance answers for points given as little-endian float64 byte
    /// strings: (distance_m, segment position u32, nearest_lon, nearest_lat,
    /// side code i32 (-1 = no side), side parties) with the GIL released.
    fn distances<'py>(
        &self,
        py: Python<'py>,
        lon: &[u8],
        lat: &[u8],
    ) -> PyResult<Bound<'py, PyTuple>> {
        let lon = f64s(lon, "lon")?;
        let lat = f64s(lat, "lat")?;
        if lon.len() != lat.len() {
            return Err(PyValueError::new_err(format!(
                "lon has {} values, lat has {}",
                lon.len(),
                lat.len()
            )));
        }
        let map = &self.map;
        let answer = py.detach(move || -> Result<_, Error> {
            let points: Vec<Coord<f64>> = lon
                .iter()
                .zip(&lat)
                .map(|(&x, &y)| Coord { x, y })
                .collect();
            let answers = if points.is_empty() {
                Vec::new()
            } else {
                map.distances_to_border(&points)?
            };
            // Feature index → position among the segments.
            let mut position = vec![u32::MAX; map.features().len()];
            for (i, s) in map.segments().enumerate() {
                position[s.index()] = i as u32;
            }
            let mut parties: Vec<String> = Vec::new();
            let mut party_code: HashMap<&str, i32> = HashMap::new();
            let n = answers.len();
            let (mut dist, mut seg, mut nlon, mut nlat, mut side) = (
                Vec::with_capacity(n),
                Vec::with_capacity(n),
                Vec::with_capacity(n),
                Vec::with_capacity(n),
                Vec::with_capacity(n),
            );
            for a in &answers {
                dist.push(a.distance_m);
                seg.push(position[a.segment.index()]);
                nlon.push(a.nearest.x);
                nlat.push(a.nearest.y);
                side.push(match a.side {
                    None => -1,
                    Some(p) => *party_code.entry(p.as_str()).or_insert_with(|| {
                        parties.push(p.as_str().to_owned());
                        parties.len() as i32 - 1
                    }),
                });
            }
            Ok((
                le_bytes(&dist, f64::to_le_bytes),
                le_bytes(&seg, u32::to_le_bytes),
                le_bytes(&nlon, f64::to_le_bytes),
                le_bytes(&nlat, f64::to_le_bytes),
                le_bytes(&side, i32::to_le_bytes),
                parties,
            ))
        });
        let (dist, seg, nlon, nlat, side, parties) = answer.map_err(|e| to_py_err(py, e))?;
        (
            PyBytes::new(py, &dist),
            PyBytes::new(py, &seg),
            PyBytes::new(py, &nlon),
            PyBytes::new(py, &nlat),
            PyBytes::new(py, &side),
            parties,
        )
            .into_pyobject(py)
    }

    /// The whole analysis as JSON (`Report::to_json`).
    #[pyo3(signature = (range_m=None))]
    fn report(&self, py: Python<'_>, range_m: Option<f64>) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || {
            map.report(&ReportOptions::new().default_range_m(range_m))
                .map(|r| r.to_json().to_string())
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// Overlapping zone pairs as a JSON array of GeoJSON Features.
    fn overlaps(&self, py: Python<'_>) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || {
            map.overlaps().map(|pairs| {
                let features: Vec<serde_json::Value> =
                    pairs.iter().map(|o| o.to_geojson_feature()).collect();
                serde_json::Value::Array(features).to_string()
            })
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// Outpost coverage as JSON (`Coverage::to_json`).
    #[pyo3(signature = (range_m=None))]
    fn coverage(&self, py: Python<'_>, range_m: Option<f64>) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || map.coverage(range_m).map(|c| c.to_json().to_string()))
            .map_err(|e| to_py_err(py, e))
    }

    /// A plan as a GeoJSON FeatureCollection of proposed outposts, and its
    /// figures (`lower_bound`, `existing`, `covered_fraction`) as JSON.
    #[pyo3(signature = (range_m, keep_existing, setback_m, party, operator))]
    fn plan(
        &self,
        py: Python<'_>,
        range_m: f64,
        keep_existing: bool,
        setback_m: Option<f64>,
        party: Option<String>,
        operator: String,
    ) -> PyResult<(String, String)> {
        let map = &self.map;
        py.detach(move || {
            let mut options = PlanOptions::new(range_m).keep_existing(keep_existing);
            if let (Some(m), Some(p)) = (setback_m, party) {
                options = options.setback(m, p.as_str());
            }
            map.plan(&options).map(|plan| {
                let figures = serde_json::json!({
                    "range_m": plan.range_m,
                    "setback_m": plan.setback_m,
                    "existing": plan.existing,
                    "lower_bound": plan.lower_bound,
                    "covered_fraction": plan.coverage.covered_fraction,
                });
                (
                    plan.to_feature_collection(&operator.as_str().into())
                        .to_string(),
                    figures.to_string(),
                )
            })
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// The median line between two parties' shores and its turning points,
    /// as the GeoJSON FeatureCollection `demarcate median` writes.
    fn median_line(&self, py: Python<'_>, a: &str, b: &str, tolerance_m: f64) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || {
            map.median_line(
                &Party::new(a),
                &Party::new(b),
                &MedianOptions::new().tolerance_m(tolerance_m),
            )
            .map(|m| m.to_feature_collection().to_string())
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// The strip within `distance_m` of the border (or of `segments`, ids as
    /// text), on `side`'s side only when given, as the GeoJSON
    /// FeatureCollection `demarcate buffer` writes (same feature id).
    #[pyo3(signature = (distance_m, side, segments))]
    fn buffer(
        &self,
        py: Python<'_>,
        distance_m: f64,
        side: Option<String>,
        segments: Option<Vec<String>>,
    ) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || {
            let mut options = BufferOptions::new(distance_m);
            if let Some(p) = &side {
                options = options.side(Party::new(p.as_str()));
            }
            if let Some(ids) = &segments {
                options = options.segments(ids.iter().map(|s| segment_id(map, s)));
            }
            let strip = map.buffer(&options)?;
            let id = match &side {
                Some(p) => format!("buffer-{distance_m}m-{p}"),
                None => format!("buffer-{distance_m}m"),
            };
            let feature = strip.to_feature(FeatureId::String(id.clone()));
            let geometry = feature
                .geometry
                .as_ref()
                .map_or(serde_json::Value::Null, geometry_json);
            Ok(serde_json::json!({
                "type": "FeatureCollection",
                "features": [{
                    "type": "Feature",
                    "id": id,
                    "geometry": geometry,
                    "properties": feature.properties,
                }],
            })
            .to_string())
        })
        .map_err(|e| to_py_err(py, e))
    }

    /// The turning-point schedule of the border (or of `segments`, ids as
    /// text), as the JSON `demarcate schedule --format json` writes.
    #[pyo3(signature = (segments))]
    fn schedule(&self, py: Python<'_>, segments: Option<Vec<String>>) -> PyResult<String> {
        let map = &self.map;
        py.detach(move || {
            let mut options = ScheduleOptions::new();
            if let Some(ids) = &segments {
                options = options.segments(ids.iter().map(|s| segment_id(map, s)));
            }
            map.schedule(&options).map(|s| s.to_json().to_string())
        })
        .map_err(|e| to_py_err(py, e))
    }
}

/// A segment id as the dataset spells it (a number id when a numeric one
/// exists, else the string), as the CLI's `--segments` reads it.
fn segment_id(map: &BorderMap, text: &str) -> FeatureId {
    map.segments()
        .map(|s| s.id())
        .find(|id| id.to_string() == text)
        .cloned()
        .unwrap_or_else(|| FeatureId::String(text.to_owned()))
}

/// A strip's Polygon or MultiPolygon as a GeoJSON geometry object.
fn geometry_json(g: &Geometry<f64>) -> serde_json::Value {
    fn rings(p: &Polygon<f64>) -> serde_json::Value {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(|r| r.0.iter().map(|c| vec![c.x, c.y]).collect::<Vec<_>>())
            .collect::<Vec<_>>()
            .into()
    }
    match g {
        Geometry::Polygon(p) => serde_json::json!({"type": "Polygon", "coordinates": rings(p)}),
        Geometry::MultiPolygon(mp) => serde_json::json!({
            "type": "MultiPolygon",
            "coordinates": mp.0.iter().map(rings).collect::<Vec<_>>(),
        }),
        _ => serde_json::Value::Null,
    }
}

/// The native module: `NativeMap` and `validate`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeMap>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    Ok(())
}
