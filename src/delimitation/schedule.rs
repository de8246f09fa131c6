//! The turning-point schedule of border segments: per vertex, its
//! coordinates in decimal degrees and DMS, the geodesic distance and azimuth
//! to the next vertex, the back azimuth there and the chainage; and reading a
//! schedule (CSV as [`Schedule::to_csv`] writes it) or a treaty's DMS
//! coordinate list back into a `border_segment`.
//!
//! # Units and assumptions
//!
//! WGS84 longitude/latitude in degrees; distances and chainage in metres
//! along the ellipsoid; azimuths in degrees clockwise from north, in
//! [0, 360). Edges are geodesics. Parts and points are numbered from 1.
//!
//! The back azimuth is the direction from the next vertex back to this one:
//! the geodesic's forward azimuth at its far end plus 180°, which differs
//! from the azimuth ± 180° by the meridian convergence (about
//! Δλ·sin φ).
//!
//! # Examples
//!
//! ```
//! use demarcate::{BorderMap, ScheduleOptions};
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let schedule = map.schedule(&ScheduleOptions::new())?;
//! let first = &schedule.rows[0];
//! // the equator eastwards from 10° E: 1° = a·π/180
//! assert_eq!((first.lat_dms.as_str(), first.lon_dms.as_str()), ("0°00'00.0000\"N", "10°00'00.0000\"E"));
//! assert!((first.distance_to_next_m.unwrap() - 111_319.490_793).abs() < 1e-3);
//! assert!((first.azimuth_deg.unwrap() - 90.0).abs() < 1e-9);
//! # Ok::<(), demarcate::Error>(())
//! ```

use std::fmt::Write as _;

use geo_types::{Coord, LineString, MultiLineString};
use geographiclib_rs::InverseGeodesic;

use crate::error::{Error, Result};
use crate::geodesy::dms::{decode_lat_lon, encode_lat, encode_lon};
use crate::geodesy::wgs84;
use crate::model::{BorderMap, Feature, FeatureId, Party, SegmentStatus};

/// The columns of a schedule, as CSV writes them.
pub const SCHEDULE_COLUMNS: [&str; 11] = [
    "segment",
    "part",
    "point",
    "lon",
    "lat",
    "lat_dms",
    "lon_dms",
    "distance_to_next_m",
    "azimuth_deg",
    "back_azimuth_deg",
    "chainage_m",
];

/// Which segments a schedule lists.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ScheduleOptions {
    /// The segments, in this order; `None` for every segment in file order.
    pub segments: Option<Vec<FeatureId>>,
}

impl ScheduleOptions {
    /// Every segment, in file order.
    pub fn new() -> ScheduleOptions {
        ScheduleOptions::default()
    }

    /// Only these segments, in this order.
    #[must_use]
    pub fn segments(mut self, ids: impl IntoIterator<Item = FeatureId>) -> ScheduleOptions {
        self.segments = Some(ids.into_iter().collect());
        self
    }
}

/// One vertex of a schedule.
///
/// # Units
///
/// Degrees for coordinates and azimuths (clockwise from north, [0, 360)),
/// metres for distances and chainage.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScheduleRow {
    /// The segment's id.
    pub segment: FeatureId,
    /// The line part, from 1.
    pub part: usize,
    /// The vertex within the part, from 1.
    pub point: usize,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Latitude as `40°12'34.5678"N` (to 0.0001″).
    pub lat_dms: String,
    /// Longitude as `45°01'02.0000"E` (to 0.0001″).
    pub lon_dms: String,
    /// Geodesic distance to the next vertex of the part, metres; `None` at
    /// the part's last vertex.
    pub distance_to_next_m: Option<f64>,
    /// Azimuth of the geodesic to the next vertex, here.
    pub azimuth_deg: Option<f64>,
    /// Azimuth from the next vertex back to this one (the geodesic's forward
    /// azimuth there + 180°, not `azimuth_deg` ± 180°).
    pub back_azimuth_deg: Option<f64>,
    /// Distance along the segment from its first vertex, over its parts in
    /// order (the gaps between parts are not counted), metres.
    pub chainage_m: f64,
}

/// A turning-point schedule: one row per vertex, segments and parts in order.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Schedule {
    /// The rows.
    pub rows: Vec<ScheduleRow>,
}

fn normalise_deg(a: f64) -> f64 {
    let r = a.rem_euclid(360.0);
    // rem_euclid of a tiny negative can round to 360 itself
    if r >= 360.0 { 0.0 } else { r }
}

/// The schedule rows of one segment's parts.
fn rows_of(id: &FeatureId, lines: &[LineString<f64>], out: &mut Vec<ScheduleRow>) {
    let mut chainage = 0.0;
    for (p, line) in lines.iter().enumerate() {
        let n = line.0.len();
        for (k, c) in line.0.iter().enumerate() {
            let next = (k + 1 < n).then(|| {
                let d = line.0[k + 1];
                let (s12, azi1, azi2, _a12): (f64, f64, f64, f64) =
                    wgs84().inverse(c.y, c.x, d.y, d.x);
                (s12, normalise_deg(azi1), normalise_deg(azi2 + 180.0))
            });
            out.push(ScheduleRow {
                segment: id.clone(),
                part: p + 1,
                point: k + 1,
                lon: c.x,
                lat: c.y,
                lat_dms: encode_lat(c.y),
                lon_dms: encode_lon(c.x),
                distance_to_next_m: next.map(|t| t.0),
                azimuth_deg: next.map(|t| t.1),
                back_azimuth_deg: next.map(|t| t.2),
                chainage_m: chainage,
            });
            chainage += next.map_or(0.0, |t| t.0);
        }
    }
}

impl BorderMap {
    /// The turning-point schedule of the border segments (all, or those
    /// `options` names, in that order).
    ///
    /// # Units
    ///
    /// See [`ScheduleRow`]: degrees and metres on WGS84.
    ///
    /// # Assumptions
    ///
    /// WGS84; vertices lon/lat degrees; edges are geodesics, measured with
    /// GeographicLib's inverse solution.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownFeature`] for an id that is not a border segment.
    pub fn schedule(&self, options: &ScheduleOptions) -> Result<Schedule> {
        let mut rows = Vec::new();
        match &options.segments {
            None => {
                for s in self.segments() {
                    rows_of(s.id(), s.lines(), &mut rows);
                }
            }
            Some(ids) => {
                for id in ids {
                    let s = self.segment(id).ok_or_else(|| Error::UnknownFeature {
                        id: id.clone(),
                        kind: Some(crate::model::Kind::BorderSegment),
                    })?;
                    rows_of(s.id(), s.lines(), &mut rows);
                }
            }
        }
        Ok(Schedule { rows })
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(String::new, |v| format!("{v:.decimals$}"))
}

/// A CSV field, quoted when it holds a separator, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl ScheduleRow {
    /// The row's fields as text: degrees to 1e-9°, metres to 0.1 mm, azimuths
    /// to 1e-9°.
    fn fields(&self) -> [String; 11] {
        [
            self.segment.to_string(),
            self.part.to_string(),
            self.point.to_string(),
            format!("{:.9}", self.lon),
            format!("{:.9}", self.lat),
            self.lat_dms.clone(),
            self.lon_dms.clone(),
            opt(self.distance_to_next_m, 4),
            opt(self.azimuth_deg, 9),
            opt(self.back_azimuth_deg, 9),
            format!("{:.4}", self.chainage_m),
        ]
    }
}

impl Schedule {
    /// CSV with a header row of [`SCHEDULE_COLUMNS`]: degrees to 1e-9°
    /// (0.1 mm), metres to 0.1 mm, azimuths to 1e-9°; the last vertex of a
    /// part has empty distance and azimuths.
    pub fn to_csv(&self) -> String {
        let mut s = SCHEDULE_COLUMNS.join(",");
        s.push('\n');
        for row in &self.rows {
            let fields: Vec<String> = row.fields().iter().map(|f| csv_field(f)).collect();
            s.push_str(&fields.join(","));
            s.push('\n');
        }
        s
    }

    /// A Markdown table, one per segment, with a heading per segment
    /// (`###`), distances in metres to the millimetre and chainage in km.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let mut current: Option<&FeatureId> = None;
        for row in &self.rows {
            if current != Some(&row.segment) {
                current = Some(&row.segment);
                let _ = write!(
                    s,
                    "{}### Segment {}\n\n\
                     | part | point | latitude | longitude | lat (°) | lon (°) | to next (m) | azimuth (°) | back azimuth (°) | chainage (km) |\n\
                     |---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n",
                    if s.is_empty() { "" } else { "\n" },
                    row.segment
                );
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {:.9} | {:.9} | {} | {} | {} | {:.6} |",
                row.part,
                row.point,
                row.lat_dms,
                row.lon_dms,
                row.lat,
                row.lon,
                opt(row.distance_to_next_m, 3),
                opt(row.azimuth_deg, 6),
                opt(row.back_azimuth_deg, 6),
                row.chainage_m / 1e3,
            );
        }
        s
    }

    /// The rows as a JSON array of objects keyed by [`SCHEDULE_COLUMNS`]
    /// (`null` where the CSV is empty).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "segment": serde_json::Value::from(r.segment.clone()),
                        "part": r.part,
                        "point": r.point,
                        "lon": r.lon,
                        "lat": r.lat,
                        "lat_dms": r.lat_dms,
                        "lon_dms": r.lon_dms,
                        "distance_to_next_m": r.distance_to_next_m,
                        "azimuth_deg": r.azimuth_deg,
                        "back_azimuth_deg": r.back_azimuth_deg,
                        "chainage_m": r.chainage_m,
                    })
                })
                .collect(),
        )
    }
}

/// A segment's geometry read back from a schedule.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScheduledSegment {
    /// The segment's id (a number when the CSV field is an integer).
    pub id: FeatureId,
    /// Its parts, lon/lat degrees.
    pub lines: MultiLineString<f64>,
}

fn bad(origin: &str, line: usize, column: usize, message: impl Into<String>) -> Error {
    Error::Schedule {
        origin: origin.to_owned(),
        line,
        column,
        message: message.into(),
    }
}

/// Splits one CSV record into fields with the 1-based column where each
/// starts (RFC 4180 quoting, within one line).
fn csv_record(line: &str) -> std::result::Result<Vec<(usize, String)>, (usize, &'static str)> {
    let chars: Vec<char> = line.chars().collect();
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let mut field = String::new();
        if chars.get(i) == Some(&'"') {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err((start + 1, "unterminated quoted field")),
                    Some('"') if chars.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        field.push(c);
                        i += 1;
                    }
                }
            }
            if i < chars.len() && chars[i] != ',' {
                return Err((i + 1, "text after a quoted field"));
            }
        } else {
            while i < chars.len() && chars[i] != ',' {
                field.push(chars[i]);
                i += 1;
            }
        }
        fields.push((start + 1, field));
        if i >= chars.len() {
            return Ok(fields);
        }
        i += 1; // the comma
    }
}

/// Numbered line parts of one segment, as read.
type Parts = Vec<(usize, LineString<f64>)>;

fn segment_id(text: &str) -> FeatureId {
    match text.parse::<i64>() {
        Ok(n) => FeatureId::Number(n.into()),
        Err(_) => FeatureId::String(text.to_owned()),
    }
}

/// Reads a schedule written by [`Schedule::to_csv`] (or any CSV with at
/// least the columns `segment`, `part`, and `lon`/`lat` or
/// `lat_dms`/`lon_dms`, in any order) back into segment geometries, in the
/// order the segments first appear. Decimal degrees are used when present,
/// else the DMS columns; rows of a part must be in point order.
///
/// `origin` names the input in errors (a file name, or `<string>`).
///
/// # Errors
///
/// [`Error::Schedule`] naming the line and column of the first bad entry.
///
/// # Examples
///
/// ```
/// use demarcate::{BorderMap, ScheduleOptions};
/// use demarcate::delimitation::parse_schedule_csv;
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let csv = map.schedule(&ScheduleOptions::new())?.to_csv();
/// let back = parse_schedule_csv(&csv, "<string>")?;
/// assert_eq!(back[0].lines.0, map.segments().next().unwrap().lines());
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn parse_schedule_csv(text: &str, origin: &str) -> Result<Vec<ScheduledSegment>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((h, header)) = lines.next() else {
        return Err(bad(origin, 1, 1, "no header row"));
    };
    let header = csv_record(header).map_err(|(c, m)| bad(origin, h + 1, c, m))?;
    let col = |name: &str| {
        header
            .iter()
            .position(|(_, f)| f.trim().eq_ignore_ascii_case(name))
    };
    let (Some(seg_col), Some(part_col)) = (col("segment"), col("part")) else {
        return Err(bad(
            origin,
            h + 1,
            1,
            "the header needs the columns segment and part",
        ));
    };
    let decimal = col("lon").zip(col("lat"));
    let dms = col("lat_dms").zip(col("lon_dms"));
    if decimal.is_none() && dms.is_none() {
        return Err(bad(
            origin,
            h + 1,
            1,
            "the header needs lon and lat, or lat_dms and lon_dms",
        ));
    }
    let mut out: Vec<(FeatureId, Parts)> = Vec::new();
    for (n, raw) in lines {
        let line_no = n + 1;
        let fields = csv_record(raw).map_err(|(c, m)| bad(origin, line_no, c, m))?;
        let field = |k: usize| {
            fields.get(k).map(|(c, f)| (*c, f.trim())).ok_or_else(|| {
                bad(
                    origin,
                    line_no,
                    raw.chars().count() + 1,
                    format!("{} fields, the header has {}", fields.len(), header.len()),
                )
            })
        };
        let (_, id_text) = field(seg_col)?;
        if id_text.is_empty() {
            return Err(bad(origin, line_no, fields[seg_col].0, "empty segment id"));
        }
        let (pc, part_text) = field(part_col)?;
        let part: usize = part_text.parse().map_err(|_| {
            bad(
                origin,
                line_no,
                pc,
                format!("part {part_text:?} is not a whole number"),
            )
        })?;
        let coord = match decimal {
            Some((lon_col, lat_col)) if !field(lon_col)?.1.is_empty() => {
                let number = |k: usize, what: &str, limit: f64| {
                    let (c, t) = field(k)?;
                    t.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && v.abs() <= limit)
                        .ok_or_else(|| {
                            bad(
                                origin,
                                line_no,
                                c,
                                format!("{what} {t:?} is not a number in [-{limit}, {limit}]"),
                            )
                        })
                };
                Coord {
                    x: number(lon_col, "longitude", 180.0)?,
                    y: number(lat_col, "latitude", 90.0)?,
                }
            }
            _ => {
                let Some((lat_col, lon_col)) = dms else {
                    let c = fields[decimal.map_or(0, |d| d.0)].0;
                    return Err(bad(origin, line_no, c, "no longitude"));
                };
                let (lat_c, lat_t) = field(lat_col)?;
                let (lon_c, lon_t) = field(lon_col)?;
                let (lat, lon) = decode_lat_lon(lat_t, lon_t).map_err(|(which, e)| {
                    let start = if which == 0 { lat_c } else { lon_c };
                    // the field was trimmed: count the leading blanks
                    let raw_field = &fields[if which == 0 { lat_col } else { lon_col }].1;
                    let lead = raw_field.chars().take_while(|c| c.is_whitespace()).count();
                    bad(origin, line_no, start + lead + e.column - 1, e.message)
                })?;
                Coord { x: lon, y: lat }
            }
        };
        let id = segment_id(id_text);
        let seg = match out.iter().position(|(i, _)| *i == id) {
            Some(k) => &mut out[k].1,
            None => {
                out.push((id, Vec::new()));
                &mut out.last_mut().expect("just pushed").1
            }
        };
        let last = seg.last().map(|(p, _)| *p);
        match last {
            Some(p) if p == part => seg.last_mut().expect("a last part").1.0.push(coord),
            Some(p) if p > part || seg.iter().any(|(q, _)| *q == part) => {
                return Err(bad(
                    origin,
                    line_no,
                    pc,
                    format!("part {part} after part {p}"),
                ));
            }
            _ => seg.push((part, LineString(vec![coord]))),
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, parts)| ScheduledSegment {
            id,
            lines: MultiLineString(parts.into_iter().map(|(_, l)| l).collect()),
        })
        .collect())
}

/// Reads a treaty's coordinate list: one point per line, latitude and
/// longitude in DMS (GeographicLib's grammar, see [`crate::geodesy::dms`])
/// or decimal degrees, as the last two fields of the line; anything before
/// them (a point number or name) is ignored. Fields are separated by tabs,
/// commas or semicolons when the line has any, else by blanks. A blank line
/// starts a new part; lines starting with `#` are comments.
///
/// # Errors
///
/// [`Error::Schedule`] naming the line and column of the first bad entry, or
/// of a part with fewer than two points.
///
/// # Examples
///
/// ```
/// use demarcate::delimitation::parse_coordinate_list;
/// let list = "# Sev Lich, treaty annex (illustrative)\n\
///             1  39°19'48.0\"N  45°59'24.0\"E\n\
///             2  39°20'06.5\"N  46°00'01.2\"E\n";
/// let lines = parse_coordinate_list(list, "annex.txt")?;
/// assert_eq!(lines.0[0].0.len(), 2);
/// assert!((lines.0[0].0[1].x - (46.0 + 1.2 / 3600.0)).abs() < 1e-12);
/// let err = parse_coordinate_list("1 39°19'48.0\"N 45°61'E\n2 1 2", "annex.txt").unwrap_err();
/// assert_eq!(err.to_string(), "annex.txt: line 1, column 19: minutes and seconds must be less than 60");
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn parse_coordinate_list(text: &str, origin: &str) -> Result<MultiLineString<f64>> {
    let mut parts: Vec<(usize, LineString<f64>)> = Vec::new();
    let mut fresh = true;
    let check = |parts: &[(usize, LineString<f64>)]| match parts.last() {
        Some((start, l)) if l.0.len() < 2 => Err(bad(
            origin,
            *start,
            1,
            "a part with a single point (a line needs two)",
        )),
        _ => Ok(()),
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            fresh = true;
            continue;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        // (1-based column, field)
        let chars: Vec<char> = raw.chars().collect();
        let separated = raw.contains(['\t', ',', ';']);
        let is_sep = |c: char| {
            if separated {
                matches!(c, '\t' | ',' | ';')
            } else {
                c.is_whitespace()
            }
        };
        let mut fields: Vec<(usize, String)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if is_sep(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && !is_sep(chars[i]) {
                i += 1;
            }
            let f: String = chars[start..i].iter().collect();
            let lead = f.chars().take_while(|c| c.is_whitespace()).count();
            if !f.trim().is_empty() {
                fields.push((start + lead + 1, f.trim().to_owned()));
            }
        }
        if fields.len() < 2 {
            return Err(bad(
                origin,
                line_no,
                1,
                "expected a latitude and a longitude",
            ));
        }
        let (a, b) = (&fields[fields.len() - 2], &fields[fields.len() - 1]);
        let (lat, lon) = decode_lat_lon(&a.1, &b.1).map_err(|(which, e)| {
            let start = if which == 0 { a.0 } else { b.0 };
            bad(origin, line_no, start + e.column - 1, e.message)
        })?;
        if fresh {
            check(&parts)?;
            parts.push((line_no, LineString(Vec::new())));
            fresh = false;
        }
        parts
            .last_mut()
            .expect("a part was started")
            .1
            .0
            .push(Coord { x: lon, y: lat });
    }
    check(&parts)?;
    if parts.is_empty() {
        return Err(bad(origin, 1, 1, "no coordinates"));
    }
    Ok(MultiLineString(parts.into_iter().map(|(_, l)| l).collect()))
}

/// A `border_segment` feature with these lines (a LineString for one part),
/// sides and status: what a schedule or a coordinate list reads back into.
pub fn border_segment_feature(
    id: FeatureId,
    lines: MultiLineString<f64>,
    left: &Party,
    right: &Party,
    status: SegmentStatus,
) -> Feature {
    let mut props = serde_json::Map::new();
    props.insert("kind".into(), "border_segment".into());
    props.insert("left".into(), left.as_str().into());
    props.insert("right".into(), right.as_str().into());
    props.insert("status".into(), status.as_str().into());
    let geometry = if lines.0.len() == 1 {
        geo_types::Geometry::LineString(lines.0.into_iter().next().expect("one part"))
    } else {
        geo_types::Geometry::MultiLineString(lines)
    };
    Feature {
        id: Some(id),
        geometry: Some(geometry),
        properties: Some(props),
        ..Feature::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_round_trip() {
        assert_eq!(
            csv_record("a,\"b,\"\"c\"\"\",d").unwrap(),
            vec![(1, "a".into()), (3, "b,\"c\"".into()), (13, "d".into())]
        );
        assert_eq!(csv_field("b,\"c\""), "\"b,\"\"c\"\"\"");
        assert!(csv_record("\"open").is_err());
    }

    #[test]
    fn schedule_errors_name_line_and_column() {
        let text = "segment,part,point,lat_dms,lon_dms\nA,1,1,40°N,45°E\nA,1,2,40°30'N,45°61'E\n";
        let e = parse_schedule_csv(text, "s.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv: line 3, column 18: minutes and seconds must be less than 60"
        );
        let e = parse_schedule_csv("segment,part,lon,lat\nA,x,1,2\n", "s.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.csv: line 2, column 3: part \"x\" is not a whole number"
        );
        let e = parse_schedule_csv("segment,part,lon,lat\nA,1,1,95\n", "s.csv").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.csv: line 2, column 7: latitude"),
            "{e}"
        );
        let e =
            parse_schedule_csv("segment,part,lon,lat\nA,2,1,5\nA,1,1,5\n", "s.csv").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.csv: line 3, column 3: part 1 after part 2"),
            "{e}"
        );
        let e = parse_schedule_csv("segment,lon,lat\n", "s.csv").unwrap_err();
        assert!(e.to_string().starts_with("s.csv: line 1"), "{e}");
    }

    #[test]
    fn coordinate_list_parts_and_orders() {
        let text = "# two parts\n\
                    P1\t40°00'00\"N\t45°00'00\"E\n\
                    P2\t45°30'E\t40°30'N\n\
                    \n\
                    -40:00:00, 45.25\n\
                    -40.5; 45.5\n";
        let m = parse_coordinate_list(text, "t").unwrap();
        assert_eq!(m.0.len(), 2);
        assert_eq!(
            m.0[0].0,
            vec![Coord { x: 45.0, y: 40.0 }, Coord { x: 45.5, y: 40.5 }]
        );
        assert_eq!(
            m.0[1].0,
            vec![Coord { x: 45.25, y: -40.0 }, Coord { x: 45.5, y: -40.5 }]
        );
        let e = parse_coordinate_list("1 40N 45E\n\n2 41N 46E\n", "t").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t: line 1, column 1: a part with a single point (a line needs two)"
        );
        let e = parse_coordinate_list("40N 45N\n", "t").unwrap_err();
        assert!(e.to_string().starts_with("t: line 1, column 5:"), "{e}");
    }

    #[test]
    fn back_azimuth_is_not_azimuth_plus_180() {
        // 10°..20° E along 60° N: the convergence is large
        let id = FeatureId::from("s");
        let mut rows = Vec::new();
        rows_of(
            &id,
            &[LineString(vec![
                Coord { x: 10.0, y: 60.0 },
                Coord { x: 20.0, y: 60.0 },
            ])],
            &mut rows,
        );
        let (az, back) = (
            rows[0].azimuth_deg.unwrap(),
            rows[0].back_azimuth_deg.unwrap(),
        );
        // symmetric about 15° E: the geodesic leaves at 90 − c and arrives at
        // 90 + c, so back = 270 − c and az + back = 360 exactly
        assert!((az + back - 360.0).abs() < 1e-9, "{az} {back}");
        assert!(az < 90.0 - 4.0, "{az}");
        assert_eq!(rows[1].chainage_m, rows[0].distance_to_next_m.unwrap());
        assert_eq!(rows[1].distance_to_next_m, None);
    }
}
