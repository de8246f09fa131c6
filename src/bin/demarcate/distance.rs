//! `demarcate distance`: distance, nearest segment and point, and side of
//! every query point, streamed.
//!
//! Three stages in input order: a reader thread parses chunks of points, this
//! thread answers each chunk in parallel (rayon), a writer thread formats it.
//! Bounded channels between them keep at most a few chunks in memory, however
//! many points there are. A writer that fails (a closed pipe) stops the
//! others.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::sync_channel;

use csv::ByteRecord;
use demarcate::crs::{Direction, Transformer};
use demarcate::{BorderMap, FeatureId, Party};
use geo_types::Coord;
use serde_json::{Map, Value};

use crate::args::{DistanceArgs, DistanceFormat};
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;
use crate::points::{self, Chunk, Columns, Header, Row, Source};

/// Points per chunk: large enough to keep both cores busy, small enough that
/// a few chunks in flight stay a few megabytes.
const CHUNK: usize = 32_768;

/// The answer for one point, coordinates in the output CRS.
struct Answer<'a> {
    distance_m: f64,
    segment: &'a FeatureId,
    nearest: Coord<f64>,
    query: Coord<f64>,
    side: Option<&'a Party>,
}

pub fn run(ctx: &Context, args: DistanceArgs) -> Result<Status, Failure> {
    if args.dataset == Path::new("-") && args.points == Path::new("-") {
        return Err(Failure::Usage(
            "the dataset and the points cannot both come from standard input".into(),
        ));
    }
    if let Some(m) = args.max_distance
        && !(m.is_finite() && m >= 0.0)
    {
        return Err(Failure::Usage(format!(
            "--max-distance {m}: expected a number of metres, 0 or more"
        )));
    }
    let mut map = ctx.load_valid(&args.dataset)?;
    if let Some(ids) = &args.segments {
        map = only_segments(&map, ids)?;
    }
    if map.segments().len() == 0 {
        return Err(demarcate::Error::NoBorder.into());
    }
    let columns = Columns {
        lon: args.lon.clone(),
        lat: args.lat.clone(),
        id: args.id.clone(),
    };
    let projected_in = ctx.projected_input();
    let mut source = Source::open(&args.points, &columns, projected_in.is_some())?;
    let to_wgs84 = projected_in.map(Transformer::new).transpose()?;
    let out_crs = ctx.output_crs();
    let from_wgs84 = out_crs.map(Transformer::new).transpose()?;
    let mut out = Output::open(args.output.as_deref())?;
    let layout = Layout::new(source.header(), out_crs.is_some(), projected_in.is_some());
    let progress = Progress::new();

    let mut answered = 0u64;
    let (read_result, write_result, compute_result) = std::thread::scope(|s| {
        let (to_compute, chunks) = sync_channel::<Chunk>(2);
        let (to_write, answers) = sync_channel::<(Chunk, Vec<Answer<'_>>)>(2);
        let reader = s.spawn(move || -> Result<Source, Failure> {
            // A failed send means the writer stopped: stop reading.
            source.stream(CHUNK, &mut |chunk| to_compute.send(chunk).is_ok())?;
            Ok(source)
        });
        let layout = &layout;
        let out = &mut out;
        let writer = s.spawn(move || -> Result<(), Failure> {
            let mut sink = Sink::new(args.format, layout, out_crs, out)?;
            for (chunk, answers) in answers {
                sink.write_chunk(&chunk, &answers)?;
            }
            sink.end()
        });
        let compute = || -> Result<(), Failure> {
            let _ = map.border_index();
            for mut chunk in chunks {
                let n = chunk.rows.len() as u64;
                let wgs84 = match &to_wgs84 {
                    Some(t) => t.transform(Direction::ToWgs84, &chunk.coords)?,
                    None => std::mem::take(&mut chunk.coords),
                };
                let found = map.distances_to_border(&wgs84)?;
                let (query, nearest) = match &from_wgs84 {
                    Some(t) => {
                        let nearest: Vec<_> = found.iter().map(|a| a.nearest).collect();
                        (
                            t.transform(Direction::FromWgs84, &wgs84)?,
                            t.transform(Direction::FromWgs84, &nearest)?,
                        )
                    }
                    None => (wgs84, found.iter().map(|a| a.nearest).collect()),
                };
                let mut keep_rows = Vec::with_capacity(chunk.rows.len());
                let mut kept = Vec::with_capacity(found.len());
                for (((row, a), q), n) in chunk.rows.drain(..).zip(&found).zip(query).zip(nearest) {
                    if args.max_distance.is_some_and(|m| a.distance_m > m) {
                        continue;
                    }
                    keep_rows.push(row);
                    kept.push(Answer {
                        distance_m: a.distance_m,
                        segment: a.segment.id(),
                        nearest: n,
                        query: q,
                        side: a.side,
                    });
                }
                answered += kept.len() as u64;
                progress.add(n);
                let chunk = Chunk {
                    rows: keep_rows,
                    coords: Vec::new(),
                };
                if to_write.send((chunk, kept)).is_err() {
                    break; // the writer failed; its error says why
                }
            }
            Ok(())
        };
        let computed = compute();
        drop(to_write);
        let written = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let read = reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (read, written, computed)
    });
    progress.finish();
    // A closed pipe first: then nothing else matters.
    write_result?;
    compute_result?;
    let source = read_result?;
    if let DistanceFormat::Geojson = args.format {
        out.write_all(b"\n").map_err(|e| out.failed(e))?;
    }
    out.finish()?;
    if source.skipped == 0 {
        Ok(Status::Success)
    } else {
        eprintln!(
            "demarcate: {} point(s) skipped, {answered} written",
            source.skipped
        );
        Ok(Status::Findings)
    }
}

/// The dataset with only the border segments named in `ids` (every other
/// feature kept, so sides from territories do not change).
fn only_segments(map: &BorderMap, ids: &[String]) -> Result<BorderMap, Failure> {
    let known: Vec<String> = map.segments().map(|s| s.id().to_string()).collect();
    let wanted: Vec<&str> = ids
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(missing) = wanted.iter().find(|id| !known.iter().any(|k| k == *id)) {
        return Err(Failure::Usage(format!(
            "--segments: no border segment has the id {missing:?} (the dataset has: {})",
            known.join(", ")
        )));
    }
    let mut fc: Value = serde_json::from_str(&map.to_geojson_string())
        .map_err(|e| Failure::Usage(format!("internal error: {e}")))?;
    let segment_ids: Vec<usize> = map.segments().map(|s| s.index()).collect();
    if let Some(features) = fc.get_mut("features").and_then(Value::as_array_mut) {
        let mut i = 0;
        features.retain(|_| {
            let keep = !segment_ids.contains(&i)
                || wanted.contains(
                    &map.features()[i]
                        .id
                        .as_ref()
                        .map(|id| id.to_string())
                        .unwrap_or_default()
                        .as_str(),
                );
            i += 1;
            keep
        });
    }
    Ok(BorderMap::from_geojson_str(&fc.to_string())?)
}

/// The output columns: the input's, then the results, names made unique.
struct Layout {
    /// CSV input: its header; GeoJSON input: `None`.
    csv_header: Option<ByteRecord>,
    /// The CSV id column, which also gives GeoJSON output features their id.
    id_column: Option<usize>,
    /// Rows are numbered (no id column): the leading `row` column's name.
    row_column: Option<String>,
    /// GeoJSON input written as CSV: the names of id, x, y.
    feature_columns: [String; 3],
    /// The result columns, in order, for CSV input (unique against it).
    results: [String; 5],
    /// The result columns before any suffix.
    base: [&'static str; 5],
    /// Decimal places of written coordinates.
    digits: usize,
    /// Input and output coordinates differ: GeoJSON features get their
    /// point in the output's.
    rewrite_geometry: bool,
}

/// `name`, or the first of `name_1`, `name_2`, ... that `taken` lacks.
fn unique(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_owned();
    }
    (1..)
        .map(|k| format!("{name}_{k}"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

impl Layout {
    fn new(header: Header, projected_out: bool, projected_in: bool) -> Self {
        let base = if projected_out {
            ["distance_m", "segment", "nearest_x", "nearest_y", "side"]
        } else {
            [
                "distance_m",
                "segment",
                "nearest_lon",
                "nearest_lat",
                "side",
            ]
        };
        let (csv_header, id_column, numbered) = match header {
            Header::Csv(h, id) => (Some(h), id, id.is_none()),
            Header::Features => (None, None, false),
        };
        let feature_columns = if projected_in {
            ["id", "x", "y"]
        } else {
            ["id", "lon", "lat"]
        }
        .map(String::from);
        let mut taken: Vec<String> = match &csv_header {
            Some(h) => h
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
            None => feature_columns.to_vec(),
        };
        let mut claim = |name: &str| {
            let n = unique(name, &|c| taken.iter().any(|t| t == c));
            taken.push(n.clone());
            n
        };
        let row_column = numbered.then(|| claim("row"));
        let results = base.map(&mut claim);
        Layout {
            csv_header,
            id_column,
            row_column,
            feature_columns,
            results,
            base,
            digits: if projected_out { 4 } else { 9 },
            rewrite_geometry: projected_in || projected_out,
        }
    }

    /// The header of CSV output.
    fn csv_header(&self) -> ByteRecord {
        let mut h = ByteRecord::new();
        if let Some(r) = &self.row_column {
            h.push_field(r.as_bytes());
        }
        match &self.csv_header {
            Some(input) => input.iter().for_each(|f| h.push_field(f)),
            None => self
                .feature_columns
                .iter()
                .for_each(|f| h.push_field(f.as_bytes())),
        }
        self.results.iter().for_each(|f| h.push_field(f.as_bytes()));
        h
    }

    /// The input columns of a CSV row as JSON strings, `row` first when
    /// rows are numbered.
    fn csv_properties(&self, record: &ByteRecord, row: u64) -> Map<String, Value> {
        let mut props = Map::new();
        if let Some(r) = &self.row_column {
            props.insert(r.clone(), row.into());
        }
        if let Some(h) = &self.csv_header {
            for (name, value) in h.iter().zip(record.iter()) {
                props.insert(
                    String::from_utf8_lossy(name).into_owned(),
                    String::from_utf8_lossy(value).into_owned().into(),
                );
            }
        }
        props
    }

    /// Adds the results to `props` (names unique against what is there).
    fn add_results(&self, props: &mut Map<String, Value>, a: &Answer<'_>, csv_input: bool) {
        let values: [Value; 5] = [
            a.distance_m.into(),
            Value::from(a.segment.clone()),
            a.nearest.x.into(),
            a.nearest.y.into(),
            a.side.map(|p| p.as_str().to_owned()).into(),
        ];
        for (k, v) in values.into_iter().enumerate() {
            let name = if csv_input {
                self.results[k].clone()
            } else {
                unique(self.base[k], &|c| props.contains_key(c))
            };
            props.insert(name, v);
        }
    }
}

/// The output stage, one variant per format.
enum Sink<'o> {
    Csv(Box<csv::Writer<&'o mut Output>>),
    Json { out: &'o mut Output, first: bool },
    Geojson(geojson::FeatureWriter<&'o mut Output>),
}

struct Writer<'l, 'o> {
    layout: &'l Layout,
    sink: Sink<'o>,
    field: String,
    /// The file written, for messages (`None`: standard output).
    target: Option<std::path::PathBuf>,
}

impl Sink<'_> {
    #[allow(clippy::new_ret_no_self)] // the sink comes with its layout
    fn new<'l, 'o>(
        format: DistanceFormat,
        layout: &'l Layout,
        out_crs: Option<&demarcate::crs::Crs>,
        out: &'o mut Output,
    ) -> Result<Writer<'l, 'o>, Failure> {
        let target = out.target();
        let fail = |e: Failure| retarget(e, &target);
        let sink = match format {
            DistanceFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                w.write_byte_record(&layout.csv_header())
                    .map_err(|e| fail(csv_failure(e)))?;
                Sink::Csv(Box::new(w))
            }
            DistanceFormat::Json => {
                out.write_all(b"[").map_err(|e| out.failed(e))?;
                Sink::Json { out, first: true }
            }
            DistanceFormat::Geojson => {
                let mut w = geojson::FeatureWriter::from_writer(out);
                if let Some(c) = out_crs {
                    w.write_foreign_member("crs", &c.to_geojson_member())
                        .map_err(|e| fail(geojson_failure(e)))?;
                }
                Sink::Geojson(w)
            }
        };
        Ok(Writer {
            layout,
            sink,
            field: String::new(),
            target,
        })
    }
}

/// Names the output file in a write failure.
fn retarget(e: Failure, target: &Option<std::path::PathBuf>) -> Failure {
    match e {
        Failure::Write { source, .. } => Failure::Write {
            target: target.clone(),
            source,
        },
        other => other,
    }
}

fn csv_failure(e: csv::Error) -> Failure {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Failure::stdout(e),
        other => Failure::stdout(std::io::Error::other(format!("{other:?}"))),
    }
}

fn geojson_failure(e: geojson::Error) -> Failure {
    match e {
        geojson::Error::Io(e) => Failure::stdout(e),
        other => Failure::stdout(std::io::Error::other(other)),
    }
}

fn json_failure(e: serde_json::Error) -> Failure {
    Failure::stdout(e.into())
}

impl Writer<'_, '_> {
    fn write_chunk(&mut self, chunk: &Chunk, answers: &[Answer<'_>]) -> Result<(), Failure> {
        for (row, a) in chunk.rows.iter().zip(answers) {
            self.write_row(row, a)
                .map_err(|e| retarget(e, &self.target))?;
        }
        Ok(())
    }

    fn write_row(&mut self, row: &Row, a: &Answer<'_>) -> Result<(), Failure> {
        let layout = self.layout;
        match (&mut self.sink, row) {
            (Sink::Csv(w), _) => {
                use std::fmt::Write as _;
                let f = &mut self.field;
                let put = |w: &mut csv::Writer<&mut Output>, s: &[u8]| {
                    w.write_field(s).map_err(csv_failure)
                };
                match row {
                    Row::Csv { record, row } => {
                        if layout.row_column.is_some() {
                            put(w, row.to_string().as_bytes())?;
                        }
                        for field in record.iter() {
                            put(w, field)?;
                        }
                    }
                    Row::Feature { feature, index } => {
                        put(w, points::feature_id(feature, *index).as_bytes())?;
                        let (x, y) = feature_xy(feature);
                        put(w, x.to_string().as_bytes())?;
                        put(w, y.to_string().as_bytes())?;
                    }
                }
                f.clear();
                let _ = write!(f, "{:.4}", a.distance_m);
                put(w, f.as_bytes())?;
                put(w, a.segment.to_string().as_bytes())?;
                f.clear();
                let _ = write!(f, "{:.*}", layout.digits, a.nearest.x);
                put(w, f.as_bytes())?;
                f.clear();
                let _ = write!(f, "{:.*}", layout.digits, a.nearest.y);
                put(w, f.as_bytes())?;
                put(w, a.side.map(|p| p.as_str()).unwrap_or("").as_bytes())?;
                w.write_record(None::<&[u8]>).map_err(csv_failure)
            }
            (Sink::Json { out, first }, _) => {
                let props = match row {
                    Row::Csv { record, row } => {
                        let mut p = layout.csv_properties(record, *row);
                        layout.add_results(&mut p, a, true);
                        p
                    }
                    Row::Feature { feature, index } => {
                        let mut p = Map::new();
                        p.insert("id".into(), points::feature_id(feature, *index).into());
                        p.extend(feature.properties.clone().unwrap_or_default());
                        layout.add_results(&mut p, a, false);
                        p
                    }
                };
                out.write_all(if *first { b"\n" } else { b",\n" })
                    .map_err(Failure::stdout)?;
                *first = false;
                serde_json::to_writer(&mut **out, &props).map_err(json_failure)
            }
            (Sink::Geojson(w), Row::Csv { record, row }) => {
                let mut props = layout.csv_properties(record, *row);
                layout.add_results(&mut props, a, true);
                let id = layout
                    .id_column
                    .and_then(|c| record.get(c))
                    .map(|v| geojson::feature::Id::String(String::from_utf8_lossy(v).into_owned()));
                let feature = geojson::Feature {
                    id,
                    properties: Some(props),
                    geometry: Some(geojson::Geometry::new_point([a.query.x, a.query.y])),
                    ..Default::default()
                };
                w.write_feature(&feature).map_err(geojson_failure)
            }
            (Sink::Geojson(w), Row::Feature { feature, .. }) => {
                let mut f = (**feature).clone();
                let props = f.properties.get_or_insert_with(Map::new);
                layout.add_results(props, a, false);
                if layout.rewrite_geometry {
                    f.geometry = Some(geojson::Geometry::new_point([a.query.x, a.query.y]));
                }
                w.write_feature(&f).map_err(geojson_failure)
            }
        }
    }

    fn end(self) -> Result<(), Failure> {
        let target = self.target;
        let r = match self.sink {
            Sink::Csv(mut w) => w.flush().map_err(Failure::stdout),
            Sink::Json { out, first } => out
                .write_all(if first { b"]\n" } else { b"\n]\n" })
                .map_err(Failure::stdout),
            Sink::Geojson(mut w) => w.finish().and_then(|()| w.flush()).map_err(geojson_failure),
        };
        r.map_err(|e| retarget(e, &target))
    }
}

/// The input coordinates of a Point feature, as given.
fn feature_xy(f: &geojson::Feature) -> (f64, f64) {
    match f.geometry.as_ref().map(|g| &g.value) {
        Some(geojson::GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
            (coordinates[0], coordinates[1])
        }
        _ => (f64::NAN, f64::NAN),
    }
}

/// A spinner with the count and rate on stderr, when it is a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} distances: {pos} points, {per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress(Some(bar))
    }

    fn add(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
