//! Query points, read in chunks: CSV with lon/lat columns found by name,
//! GeoJSON FeatureCollections of Points, or GeoJSON text sequences (RFC 8142,
//! one feature per line).
//!
//! Bad rows do not stop the run: each is reported with its row (CSV, the
//! header being row 1, as a spreadsheet numbers them) or feature index
//! (GeoJSON, 0-based) and skipped; the command then exits 1 after writing the
//! answers for the good rows.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use csv::ByteRecord;
use geo_types::Coord;

use crate::failure::Failure;

/// Longitude column names, in order of preference (any case).
pub const LON_NAMES: [&str; 5] = ["lon", "lng", "long", "longitude", "x"];
/// Latitude column names, in order of preference (any case).
pub const LAT_NAMES: [&str; 3] = ["lat", "latitude", "y"];

/// The columns the user named (`--lon`, `--lat`, `--id`).
#[derive(Default)]
pub struct Columns {
    pub lon: Option<String>,
    pub lat: Option<String>,
    pub id: Option<String>,
}

/// One input row, kept whole so it can be written back unchanged.
pub enum Row {
    /// A CSV record and its row number (the header is row 1).
    Csv { record: ByteRecord, row: u64 },
    /// A GeoJSON feature and its 0-based index in the input.
    Feature {
        feature: Box<geojson::Feature>,
        index: u64,
    },
}

/// Rows that were read, with their coordinates as given (lon/lat, or
/// eastings/northings of a projected `--crs`).
#[derive(Default)]
pub struct Chunk {
    pub rows: Vec<Row>,
    pub coords: Vec<Coord<f64>>,
}

enum Format {
    Csv {
        reader: csv::Reader<Box<dyn Read + Send>>,
        lon: usize,
        lat: usize,
        id: Option<usize>,
        width: usize,
    },
    Features {
        reader: Option<BufReader<Box<dyn Read + Send>>>,
    },
    Sequence {
        lines: std::io::Lines<BufReader<Box<dyn Read + Send>>>,
        line: u64,
    },
}

/// An open points file.
pub struct Source {
    name: String,
    format: Format,
    projected: bool,
    /// Rows (or features) seen so far, good and bad.
    seen: u64,
    /// Rows reported and skipped.
    pub skipped: u64,
}

/// What the header says: the CSV header and whether rows get numbered.
pub enum Header {
    /// CSV: the header record and the id column (`None`: rows are numbered).
    Csv(ByteRecord, Option<usize>),
    /// GeoJSON: no header; properties travel with each feature.
    Features,
}

fn input_failure(name: &str, message: String) -> Failure {
    Failure::Input {
        file: name.to_owned(),
        message,
    }
}

/// Finds the column named `want` (any case, spaces around ignored), or the
/// first of `names` present.
fn find(header: &ByteRecord, want: Option<&str>, names: &[&str]) -> Result<Option<usize>, String> {
    let pos = |n: &str| {
        header
            .iter()
            .position(|h| String::from_utf8_lossy(h).trim().eq_ignore_ascii_case(n))
    };
    match want {
        Some(w) => pos(w)
            .map(Some)
            .ok_or_else(|| format!("no column named {w:?}")),
        None => Ok(names.iter().find_map(|n| pos(n))),
    }
}

impl Source {
    /// Opens `path` (`-` for stdin): GeoJSON when it starts with `{` or the
    /// record separator, else CSV. With `projected`, coordinates are eastings
    /// and northings, checked only for being finite.
    pub fn open(path: &Path, columns: &Columns, projected: bool) -> Result<Self, Failure> {
        let name = path.display().to_string();
        let raw: Box<dyn Read + Send> = if path == Path::new("-") {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| input_failure(&name, e.to_string()))?)
        };
        let mut reader = BufReader::with_capacity(1 << 16, raw);
        let first = loop {
            let buf = reader
                .fill_buf()
                .map_err(|e| input_failure(&name, format!("cannot read: {e}")))?;
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => {
                    let b = buf[i];
                    reader.consume(i);
                    break Some(b);
                }
                None if buf.is_empty() => break None,
                None => {
                    let n = buf.len();
                    reader.consume(n);
                }
            }
        };
        let format = match first {
            Some(0x1e) => Format::Sequence {
                lines: lines_of(Box::new(reader)),
                line: 0,
            },
            Some(b'{') => {
                // One feature on the first line: a text sequence; otherwise
                // a FeatureCollection, read feature by feature.
                // At most 1 MiB: a minified collection is one long line.
                let mut first_line = Vec::new();
                (&mut reader)
                    .take(1 << 20)
                    .read_until(b'\n', &mut first_line)
                    .map_err(|e| input_failure(&name, format!("cannot read: {e}")))?;
                let is_feature = serde_json::from_slice::<serde_json::Value>(&first_line)
                    .ok()
                    .is_some_and(|v| v.get("type").and_then(|t| t.as_str()) == Some("Feature"));
                let rest: Box<dyn Read + Send> =
                    Box::new(std::io::Cursor::new(first_line).chain(reader));
                if is_feature {
                    Format::Sequence {
                        lines: lines_of(rest),
                        line: 0,
                    }
                } else {
                    Format::Features {
                        reader: Some(BufReader::with_capacity(1 << 16, rest)),
                    }
                }
            }
            _ => Self::open_csv(&name, Box::new(reader), columns)?,
        };
        Ok(Source {
            name,
            format,
            projected,
            seen: 0,
            skipped: 0,
        })
    }

    fn open_csv(
        name: &str,
        input: Box<dyn Read + Send>,
        columns: &Columns,
    ) -> Result<Format, Failure> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|e| input_failure(name, format!("cannot read the CSV header: {e}")))?
            .clone();
        let shown = || {
            header
                .iter()
                .map(|h| String::from_utf8_lossy(h).into_owned())
                .collect::<Vec<_>>()
                .join(",")
        };
        let pick = |want: &Option<String>, names: &[&str], what: &str, flag: &str| match find(
            &header,
            want.as_deref(),
            names,
        ) {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Err(format!(
                "no {what} column: name one {} (any case) or choose it with {flag} COL; the header is: {}",
                names.join(", "),
                shown()
            )),
            Err(e) => Err(format!("{flag}: {e}; the header is: {}", shown())),
        };
        let lon = pick(&columns.lon, &LON_NAMES, "longitude", "--lon")
            .map_err(|m| input_failure(name, m))?;
        let lat = pick(&columns.lat, &LAT_NAMES, "latitude", "--lat")
            .map_err(|m| input_failure(name, m))?;
        let id = match find(&header, columns.id.as_deref(), &["id"]) {
            Ok(id) => id,
            Err(e) => {
                return Err(input_failure(
                    name,
                    format!("--id: {e}; the header is: {}", shown()),
                ));
            }
        };
        Ok(Format::Csv {
            width: header.len(),
            reader,
            lon,
            lat,
            id,
        })
    }

    /// The CSV header (`None` for GeoJSON) and whether rows are numbered.
    pub fn header(&mut self) -> Header {
        match &mut self.format {
            Format::Csv { reader, id, .. } => {
                Header::Csv(reader.byte_headers().cloned().unwrap_or_default(), *id)
            }
            _ => Header::Features,
        }
    }

    fn check(&self, x: f64, y: f64) -> Result<Coord<f64>, String> {
        if self.projected {
            if !x.is_finite() {
                Err(format!("x: {x} is not a finite number"))
            } else if !y.is_finite() {
                Err(format!("y: {y} is not a finite number"))
            } else {
                Ok(Coord { x, y })
            }
        } else if !x.is_finite() || !(-180.0..=180.0).contains(&x) {
            Err(format!("lon: {x} is not a longitude in [-180, 180]"))
        } else if !y.is_finite() || !(-90.0..=90.0).contains(&y) {
            Err(format!("lat: {y} is not a latitude in [-90, 90]"))
        } else {
            Ok(Coord { x, y })
        }
    }

    fn skip(&mut self, message: String) {
        self.skipped += 1;
        eprintln!("demarcate: skipped {}: {message}", self.name);
    }

    /// Reads the whole input, handing chunks of up to `n` good rows to
    /// `send` in input order; stops early when `send` returns `false`. Bad
    /// rows are reported on stderr and skipped; a read error is fatal.
    pub fn stream(&mut self, n: usize, send: &mut dyn FnMut(Chunk) -> bool) -> Result<(), Failure> {
        let fresh = || Chunk {
            rows: Vec::with_capacity(n),
            coords: Vec::with_capacity(n),
        };
        let mut chunk = fresh();
        if let Format::Features { reader } = &mut self.format {
            let reader = reader.take();
            let mut stopped = false;
            let mut on_feature = |source: &mut Source, item: Result<geojson::Feature, String>| {
                let index = source.seen;
                source.seen += 1;
                source.accept_feature(item, index, &mut chunk);
                if chunk.rows.len() >= n && !send(std::mem::replace(&mut chunk, fresh())) {
                    stopped = true;
                    return false;
                }
                true
            };
            let read = match reader {
                Some(r) => collection(r, &mut |item| on_feature(self, item)),
                None => Ok(()),
            };
            match read {
                _ if stopped => return Ok(()),
                Ok(()) => {}
                Err(m) => return Err(input_failure(&self.name, m)),
            }
        } else {
            loop {
                let more = match self.format {
                    Format::Csv { .. } => self.next_csv(&mut chunk)?,
                    _ => self.next_line_feature(&mut chunk)?,
                };
                if chunk.rows.len() >= n || !more {
                    let full = std::mem::replace(&mut chunk, fresh());
                    if !full.rows.is_empty() && !send(full) {
                        return Ok(());
                    }
                }
                if !more {
                    return Ok(());
                }
            }
        }
        if !chunk.rows.is_empty() {
            send(chunk);
        }
        Ok(())
    }

    fn next_csv(&mut self, chunk: &mut Chunk) -> Result<bool, Failure> {
        let Format::Csv {
            reader,
            lon,
            lat,
            id,
            width,
        } = &mut self.format
        else {
            return Ok(false);
        };
        let (lon, lat, id, width) = (*lon, *lat, *id, *width);
        let mut record = ByteRecord::new();
        let got = reader.read_byte_record(&mut record);
        self.seen += 1;
        let row = self.seen + 1;
        match got {
            Ok(false) => return Ok(false),
            Ok(true) => {}
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(input_failure(&self.name, format!("cannot read: {e}")));
            }
            Err(e) => {
                self.skip(format!("row {row}: {e}"));
                return Ok(true);
            }
        }
        let id_text = match id {
            Some(c) => String::from_utf8_lossy(record.get(c).unwrap_or(b"")).into_owned(),
            None => row.to_string(),
        };
        if record.len() != width {
            self.skip(format!(
                "row {row} (id {id_text}): {} field(s), the header has {width}",
                record.len()
            ));
            return Ok(true);
        }
        let field = |c: usize, what: &str| -> Result<f64, String> {
            let s = String::from_utf8_lossy(record.get(c).unwrap_or(b""));
            s.trim()
                .parse::<f64>()
                .map_err(|_| format!("{what}: {:?} is not a number", s.trim()))
        };
        match field(lon, "lon")
            .and_then(|x| field(lat, "lat").map(|y| (x, y)))
            .and_then(|(x, y)| self.check(x, y))
        {
            Ok(c) => {
                chunk.coords.push(c);
                chunk.rows.push(Row::Csv { record, row });
            }
            Err(m) => self.skip(format!("row {row} (id {id_text}): {m}")),
        }
        Ok(true)
    }

    /// One feature of a text sequence; `false` at the end.
    fn next_line_feature(&mut self, chunk: &mut Chunk) -> Result<bool, Failure> {
        let Format::Sequence { lines, line } = &mut self.format else {
            return Ok(false);
        };
        let item = loop {
            let Some(text) = lines.next() else {
                return Ok(false);
            };
            *line += 1;
            let text = text.map_err(|e| input_failure(&self.name, format!("cannot read: {e}")))?;
            let text = text.trim_matches(|c: char| c == '\u{1e}' || c.is_whitespace());
            if text.is_empty() {
                continue;
            }
            let at = *line;
            break text
                .parse::<geojson::Feature>()
                .map_err(|e| format!("line {at}: not a GeoJSON Feature: {e}"));
        };
        let index = self.seen;
        self.seen += 1;
        self.accept_feature(item, index, chunk);
        Ok(true)
    }

    /// Keeps a Point feature, or reports why not.
    fn accept_feature(
        &mut self,
        item: Result<geojson::Feature, String>,
        index: u64,
        chunk: &mut Chunk,
    ) {
        let feature = match item {
            Ok(f) => f,
            Err(m) => return self.skip(format!("feature {index}: {m}")),
        };
        let coord = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
                self.check(coordinates[0], coordinates[1])
            }
            Some(other) => Err(format!("geometry: a {} is not a Point", other.type_name())),
            None => Err("geometry: missing (a Point is needed)".to_owned()),
        };
        match coord {
            Ok(c) => {
                chunk.coords.push(c);
                chunk.rows.push(Row::Feature {
                    feature: Box::new(feature),
                    index,
                });
            }
            Err(m) => {
                let id = feature_id(&feature, index);
                self.skip(format!("feature {index} (id {id}): {m}"));
            }
        }
    }
}

/// What `collection` says when its callback asked it to stop.
const STOP: &str = "demarcate: stopped";

/// Reads a FeatureCollection one feature at a time, handing each (or why it
/// is not a feature) to `each`, which returns `false` to stop.
fn collection(
    reader: impl Read,
    each: &mut dyn FnMut(Result<geojson::Feature, String>) -> bool,
) -> Result<(), String> {
    use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    struct Top<'a>(&'a mut dyn FnMut(Result<geojson::Feature, String>) -> bool);
    struct Features<'a>(&'a mut dyn FnMut(Result<geojson::Feature, String>) -> bool);
    impl<'de> DeserializeSeed<'de> for Top<'_> {
        type Value = bool;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a GeoJSON FeatureCollection")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut saw = false;
            while let Some(key) = map.next_key::<String>()? {
                if key == "features" {
                    map.next_value_seed(Features(&mut *self.0))?;
                    saw = true;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(saw)
        }
    }
    impl<'de> DeserializeSeed<'de> for Features<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    impl<'de> Visitor<'de> for Features<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of features")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(v) = seq.next_element::<serde_json::Value>()? {
                let item = serde_json::from_value::<geojson::Feature>(v).map_err(|e| e.to_string());
                if !(self.0)(item) {
                    return Err(A::Error::custom(STOP));
                }
            }
            Ok(())
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    match Top(each).deserialize(&mut de) {
        Ok(true) => de
            .end()
            .map_err(|e| format!("not a GeoJSON FeatureCollection of points: {e}")),
        Ok(false) => Err("not a GeoJSON FeatureCollection of points: no `features` member".into()),
        Err(e) if e.to_string().starts_with(STOP) => Ok(()),
        Err(e) => Err(format!("not a GeoJSON FeatureCollection of points: {e}")),
    }
}

/// A feature's id as text, or its index when it has none.
pub fn feature_id(f: &geojson::Feature, index: u64) -> String {
    match &f.id {
        Some(geojson::feature::Id::String(s)) => s.clone(),
        Some(geojson::feature::Id::Number(n)) => n.to_string(),
        None => index.to_string(),
    }
}

fn lines_of(r: Box<dyn Read + Send>) -> std::io::Lines<BufReader<Box<dyn Read + Send>>> {
    BufReader::with_capacity(1 << 16, r).lines()
}
