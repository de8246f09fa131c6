//! Query points from GeoJSON (Point features) or CSV (`id,lon,lat`).
//!
//! Bad rows do not stop the run: each is reported with its row (CSV, 1-based,
//! the header being row 1) or feature index (GeoJSON, 0-based) and skipped;
//! the command then exits 1 after writing the answers for the good rows.

use std::path::Path;

use geo_types::Coord;

use crate::failure::Failure;

/// One query point.
pub struct QueryPoint {
    /// The id as given (the feature's id or its index for GeoJSON).
    pub id: String,
    /// lon/lat degrees.
    pub coord: Coord<f64>,
    /// The input feature's properties (GeoJSON only), carried to the output.
    pub properties: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The points that could be read, and one message per row that could not.
pub struct Points {
    pub points: Vec<QueryPoint>,
    pub bad_rows: Vec<String>,
}

/// Reads `path` (`-` for stdin) as GeoJSON if it starts with `{`, else as CSV.
/// With `projected`, coordinates are eastings and northings of a projected
/// CRS (CSV columns `x,y`, or `lon,lat`), checked only for being finite.
pub fn read(path: &Path, projected: bool) -> Result<Points, Failure> {
    read_inner(path, projected).map_err(|message| Failure::Input {
        file: path.display().to_string(),
        message,
    })
}

fn read_inner(path: &Path, projected: bool) -> Result<Points, String> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin().lock()).map_err(|e| format!("cannot read: {e}"))?
    } else {
        std::fs::read_to_string(path).map_err(|e| e.to_string())?
    };
    let name = path.display().to_string();
    let check = if projected {
        check_finite
    } else {
        check_lonlat
    };
    if text.trim_start().starts_with('{') {
        from_geojson(&text, &name, check)
    } else {
        from_csv(&text, &name, check, projected)
    }
}

type Check = fn(f64, f64) -> Result<Coord<f64>, String>;

fn check_finite(x: f64, y: f64) -> Result<Coord<f64>, String> {
    if !x.is_finite() {
        Err(format!("x: {x} is not a finite number"))
    } else if !y.is_finite() {
        Err(format!("y: {y} is not a finite number"))
    } else {
        Ok(Coord { x, y })
    }
}

fn check_lonlat(lon: f64, lat: f64) -> Result<Coord<f64>, String> {
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        Err(format!("lon: {lon} is not a longitude in [-180, 180]"))
    } else if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        Err(format!("lat: {lat} is not a latitude in [-90, 90]"))
    } else {
        Ok(Coord { x: lon, y: lat })
    }
}

fn from_csv(text: &str, name: &str, check: Check, projected: bool) -> Result<Points, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let col = |want: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(want));
    let (lon_col, lat_col) = match (col("lon"), col("lat")) {
        (Some(a), Some(b)) => (Some(a), Some(b)),
        _ if projected => (col("x"), col("y")),
        _ => (None, None),
    };
    let (Some(id_col), Some(lon_col), Some(lat_col)) = (col("id"), lon_col, lat_col) else {
        return Err(format!(
            "the CSV header must name the columns id,lon,lat{} (found: {})",
            if projected { " (or id,x,y)" } else { "" },
            headers.iter().collect::<Vec<_>>().join(",")
        ));
    };
    let mut out = Points {
        points: Vec::new(),
        bad_rows: Vec::new(),
    };
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.bad_rows.push(format!("{name}: row {row}: {e}"));
                continue;
            }
        };
        let id = record.get(id_col).unwrap_or("").to_owned();
        let field = |c: usize, what: &str| -> Result<f64, String> {
            let s = record.get(c).unwrap_or("");
            s.parse::<f64>()
                .map_err(|_| format!("{what}: {s:?} is not a number"))
        };
        match field(lon_col, "lon")
            .and_then(|lon| field(lat_col, "lat").map(|lat| (lon, lat)))
            .and_then(|(lon, lat)| check(lon, lat))
        {
            Ok(coord) => out.points.push(QueryPoint {
                id,
                coord,
                properties: None,
            }),
            Err(msg) => out
                .bad_rows
                .push(format!("{name}: row {row} (id {id}): {msg}")),
        }
    }
    Ok(out)
}

fn from_geojson(text: &str, name: &str, check: Check) -> Result<Points, String> {
    let fc: geojson::FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .map_err(|e| format!("not a GeoJSON FeatureCollection of points: {e}"))
        .and_then(|g| {
            geojson::FeatureCollection::try_from(g)
                .map_err(|e| format!("not a GeoJSON FeatureCollection: {e}"))
        })?;
    let mut out = Points {
        points: Vec::with_capacity(fc.features.len()),
        bad_rows: Vec::new(),
    };
    for (i, f) in fc.features.into_iter().enumerate() {
        let id = match &f.id {
            Some(geojson::feature::Id::String(s)) => s.clone(),
            Some(geojson::feature::Id::Number(n)) => n.to_string(),
            None => i.to_string(),
        };
        let coord = match f.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
                check(coordinates[0], coordinates[1])
            }
            Some(other) => Err(format!("geometry: a {} is not a Point", other.type_name())),
            None => Err("geometry: missing (a Point is needed)".to_owned()),
        };
        match coord {
            Ok(coord) => out.points.push(QueryPoint {
                id,
                coord,
                properties: f.properties,
            }),
            Err(msg) => out
                .bad_rows
                .push(format!("{name}: feature {i} (id {id}): {msg}")),
        }
    }
    Ok(out)
}
