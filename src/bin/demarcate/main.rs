//! The `demarcate` command line: argument parsing and output formatting over
//! the library. Exit codes: 0 success, 1 invalid data or unusable input,
//! 2 usage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod points;

use clap::{Parser, Subcommand, ValueEnum};
use demarcate::analysis::{PlanOptions, ReportOptions};
use demarcate::crs::{self, Crs, Transformer};
use demarcate::io::Loaded;
use demarcate::render::{Layer, MapPoint, RenderOptions, render_html, render_png, render_svg};
use demarcate::{Diagnostic, Error};

#[derive(Parser)]
#[command(
    name = "demarcate",
    version,
    about = "Border-demarcation analysis on the WGS84 ellipsoid"
)]
struct Cli {
    /// Coordinate reference system of the dataset and the points files: an
    /// EPSG code (`EPSG:32638`), a URN or a PROJ string. Wins over a file's
    /// legacy `crs` member. Other than WGS84 lon/lat needs `--features proj`.
    #[arg(long, global = true, value_name = "CRS")]
    crs: Option<String>,
    /// Write geometric results (GeoJSON and CSV coordinates of `distance`,
    /// `overlaps`, `plan`) in this CRS instead of WGS84 lon/lat.
    #[arg(long, global = true, value_name = "CRS")]
    out_crs: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The CRS options, set once from the command line.
struct Crses {
    input: Option<Crs>,
    output: Option<Crs>,
}

static CRSES: std::sync::OnceLock<Crses> = std::sync::OnceLock::new();

fn input_crs() -> Option<&'static Crs> {
    CRSES.get().and_then(|c| c.input.as_ref())
}

/// The output CRS, when it is not WGS84 lon/lat.
fn output_crs() -> Option<&'static Crs> {
    CRSES
        .get()
        .and_then(|c| c.output.as_ref())
        .filter(|c| !c.is_wgs84_lonlat())
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset: one line per finding, exit 1 if any is an error.
    #[command(after_help = "Example:\n  demarcate validate data/armenia-azerbaijan-2021.geojson")]
    Validate {
        /// Demarcation GeoJSON file(s); `-` reads standard input.
        #[arg(required = true)]
        datasets: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
        /// Write the findings to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Distance of every point to the border: nearest segment, nearest point, side.
    ///
    /// Points come as GeoJSON Point features or as CSV with the header
    /// `id,lon,lat`. A bad row (not a number, out of range, not a Point) is
    /// reported on stderr with its row or feature number and skipped; the
    /// answers for the other points are written, then the command exits 1.
    #[command(
        after_help = "Examples:\n  demarcate distance data/armenia-azerbaijan-2021.geojson --points villages.csv\n  demarcate distance data/armenia-azerbaijan-2021.geojson --points clashes.geojson --format geojson -o out.geojson"
    )]
    Distance {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// Query points: GeoJSON Points or CSV `id,lon,lat`; `-` reads standard input.
        #[arg(long, value_name = "FILE")]
        points: PathBuf,
        /// Output format: CSV columns `id,distance_m,segment,nearest_lon,nearest_lat,side`.
        #[arg(long, value_enum, default_value_t = DistanceFormat::Csv)]
        format: DistanceFormat,
        /// Write the answers to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The whole analysis: segment lengths, incursions, overlaps, outposts,
    /// coverage and claims.
    #[command(
        after_help = "Examples:\n  demarcate report data/armenia-azerbaijan-2021.geojson --format markdown\n  demarcate report data/armenia-azerbaijan-2021.geojson --range 8000 -o report.json"
    )]
    Report {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// Output format (JSON fields in metres and m², Markdown in km and km²).
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Observation range, metres, of outposts without `range_m`.
        #[arg(long, value_name = "M")]
        range: Option<f64>,
        /// Write the report to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Pairs of incursion zones that overlap, with the overlap's area.
    #[command(
        after_help = "Example:\n  demarcate overlaps data/armenia-azerbaijan-2021.geojson --format geojson -o overlaps.geojson"
    )]
    Overlaps {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// Output format: JSON pairs `a, b, area_m2`, or GeoJSON with the overlap polygons.
        #[arg(long, value_enum, default_value_t = OverlapFormat::Json)]
        format: OverlapFormat,
        /// Write the pairs to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// How much of the border lies within range of an outpost, and the gaps.
    #[command(
        after_help = "Example:\n  demarcate coverage data/armenia-azerbaijan-2021.geojson --range 8000"
    )]
    Coverage {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// Observation range, metres, of outposts without `range_m`.
        #[arg(long, value_name = "M")]
        range: Option<f64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Json)]
        format: CoverageFormat,
        /// Write the result to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// New outposts (status `proposed`) so that the whole border is within range.
    ///
    /// Writes a GeoJSON FeatureCollection of `outpost` features; the plan is
    /// verified 100% covered by the coverage analysis before it is written.
    #[command(
        after_help = "Examples:\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 -o plan.geojson\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 --keep-existing\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 --setback 1000 --party ARM --operator RUS"
    )]
    Plan {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// Observation range of the new posts, metres.
        #[arg(long, value_name = "M")]
        range: f64,
        /// Only fill the gaps the dataset's outposts leave (their own
        /// `range_m`, else --range).
        #[arg(long)]
        keep_existing: bool,
        /// Set the posts back this far (metres) into --party's territory.
        #[arg(long, value_name = "M", requires = "party")]
        setback: Option<f64>,
        /// The party whose side the posts are set back into.
        #[arg(long, value_name = "PARTY", requires = "setback")]
        party: Option<String>,
        /// `operator` of the new posts.
        #[arg(long, value_name = "PARTY", default_value = "UNASSIGNED")]
        operator: String,
        /// Write the plan to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A map of the dataset and its analysis, as SVG, PNG or an interactive
    /// HTML page (by -o's extension).
    #[command(
        after_help = "Examples:\n  demarcate render data/armenia-azerbaijan-2021.geojson -o map.png\n  demarcate render data/armenia-azerbaijan-2021.geojson -o sev-lich.svg --around zone-02 --margin 5000\n  demarcate render data/armenia-azerbaijan-2021.geojson -o border.png --layers territories,segments,legend,scale-bar\n  demarcate render data/armenia-azerbaijan-2021.geojson -o map.html --points villages.csv"
    )]
    Render {
        /// Demarcation GeoJSON file; `-` reads standard input.
        dataset: PathBuf,
        /// The map to write: `.svg`, `.png` or `.html` (one self-contained
        /// interactive page); `-` writes SVG to standard output.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Image size in pixels, WIDTHxHEIGHT.
        #[arg(long, value_name = "WxH", default_value = "1600x1200")]
        size: String,
        /// Show this lon/lat box: WEST,SOUTH,EAST,NORTH (degrees).
        #[arg(
            long,
            value_name = "W,S,E,N",
            conflicts_with = "around",
            allow_hyphen_values = true
        )]
        extent: Option<String>,
        /// Show the area around the feature with this id.
        #[arg(long, value_name = "ID")]
        around: Option<String>,
        /// Margin around --around's feature, metres.
        #[arg(long, value_name = "M", default_value_t = 2000.0)]
        margin: f64,
        /// Add a detail map of the feature with this id in the legend panel.
        #[arg(long, value_name = "ID")]
        inset: Option<String>,
        /// Layers to draw, comma separated (default: all): territories, claims,
        /// segments, coverage-gaps, ranges, outposts, zones, overlaps, labels,
        /// legend, scale-bar, north-arrow, attribution.
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        layers: Option<Vec<String>>,
        /// Map title (default: the collection's `name`).
        #[arg(long)]
        title: Option<String>,
        /// Observation range, metres, of outposts without `range_m`.
        #[arg(long, value_name = "M")]
        range: Option<f64>,
        /// Points to show on an HTML map with their distance to the border,
        /// nearest segment and side (GeoJSON Points or CSV with lon/lat columns).
        #[arg(long, value_name = "FILE")]
        points: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum OverlapFormat {
    Json,
    Geojson,
}

#[derive(Clone, Copy, ValueEnum)]
enum CoverageFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum DistanceFormat {
    Csv,
    Json,
    Geojson,
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
}

/// What stops a command: the message for stderr and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        // What the user typed on the command line is a usage error; what the
        // data says is not.
        let code = match &e {
            Error::ProjUnavailable { .. } => 2,
            Error::UnknownCrs { origin: None, .. } => 2,
            Error::CrsSetup { .. } if input_crs().is_some() || output_crs().is_some() => 2,
            _ => 1,
        };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("demarcate: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let parse = |t: &Option<String>| t.as_deref().map(str::parse::<Crs>).transpose();
    let crses = Crses {
        input: parse(&cli.crs)?,
        output: parse(&cli.out_crs)?,
    };
    let _ = CRSES.set(crses);
    // Fail early, before any work, when this build cannot reproject.
    for c in input_crs()
        .into_iter()
        .chain(CRSES.get().and_then(|c| c.output.as_ref()))
    {
        Transformer::new(c)?;
    }
    match cli.command {
        Command::Validate {
            datasets,
            format,
            output,
        } => validate(&datasets, format, output.as_deref()),
        Command::Distance {
            dataset,
            points,
            format,
            output,
        } => distance(&dataset, &points, format, output.as_deref()),
        Command::Report {
            dataset,
            format,
            range,
            output,
        } => report(&dataset, format, range, output.as_deref()),
        Command::Overlaps {
            dataset,
            format,
            output,
        } => overlaps(&dataset, format, output.as_deref()),
        Command::Coverage {
            dataset,
            range,
            format,
            output,
        } => coverage(&dataset, range, format, output.as_deref()),
        Command::Plan {
            dataset,
            range,
            keep_existing,
            setback,
            party,
            operator,
            output,
        } => plan(
            &dataset,
            range,
            keep_existing,
            setback.zip(party),
            &operator,
            output.as_deref(),
        ),
        Command::Render {
            dataset,
            output,
            size,
            extent,
            around,
            margin,
            inset,
            layers,
            title,
            range,
            points,
        } => render(
            &dataset,
            &output,
            RenderArgs {
                size,
                extent,
                around,
                margin,
                inset,
                layers,
                title,
                range,
                points,
            },
        ),
    }
}

fn output_writer(output: Option<&Path>) -> Result<Box<dyn Write>, Failure> {
    match output {
        None => Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock()))),
        Some(p) if p == Path::new("-") => {
            Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock())))
        }
        Some(p) => std::fs::File::create(p)
            .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write>)
            .map_err(|e| Failure {
                message: format!("cannot write {}: {e}", p.display()),
                code: 1,
            }),
    }
}

fn write_failed(e: std::io::Error) -> Failure {
    Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    }
}

/// Loads a dataset, reprojecting it to WGS84 from `--crs` or its `crs` member.
fn load(path: &Path) -> Result<Loaded, Error> {
    if path == Path::new("-") {
        crs::load_reader(
            std::io::BufReader::new(std::io::stdin().lock()),
            input_crs(),
        )
    } else {
        crs::load_path(path, input_crs())
    }
}

fn validate(
    datasets: &[PathBuf],
    format: ValidateFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let mut out = output_writer(output)?;
    let several = datasets.len() > 1;
    let mut any_error = false;
    let mut json_rows = Vec::new();
    for path in datasets {
        let name = path.display().to_string();
        let findings: Vec<Diagnostic> = match load(path) {
            Ok(loaded) => loaded.diagnostics,
            Err(e) => {
                // Fatal: not readable, not JSON or not a FeatureCollection.
                any_error = true;
                match format {
                    ValidateFormat::Text => writeln!(out, "error: {e}").map_err(write_failed)?,
                    ValidateFormat::Json => json_rows.push(serde_json::json!({
                        "file": name, "severity": "error", "feature": null, "id": null,
                        "property": null, "message": e.to_string(),
                    })),
                }
                continue;
            }
        };
        let errors = findings.iter().filter(|d| d.is_error()).count();
        any_error |= errors > 0;
        for d in &findings {
            match format {
                ValidateFormat::Text if several => {
                    writeln!(out, "{name}: {d}").map_err(write_failed)?
                }
                ValidateFormat::Text => writeln!(out, "{d}").map_err(write_failed)?,
                ValidateFormat::Json => json_rows.push(serde_json::json!({
                    "file": name,
                    "severity": d.severity.to_string(),
                    "feature": d.feature,
                    "id": d.id.clone().map(serde_json::Value::from),
                    "property": d.property,
                    "message": d.message,
                })),
            }
        }
        eprintln!(
            "{name}: {errors} error(s), {} warning(s)",
            findings.len() - errors
        );
    }
    if let ValidateFormat::Json = format {
        serde_json::to_writer_pretty(&mut out, &json_rows)
            .map_err(|e| write_failed(std::io::Error::other(e)))?;
        writeln!(out).map_err(write_failed)?;
    }
    out.flush().map_err(write_failed)?;
    Ok(if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads a dataset for analysis: any error-level finding stops with exit 1,
/// listing the findings.
fn load_valid(path: &Path) -> Result<demarcate::BorderMap, Failure> {
    let loaded = load(path)?;
    if loaded.has_errors() {
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        let shown = errors
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ");
        let more = errors.len().saturating_sub(20);
        return Err(Failure {
            message: format!(
                "{}: {} error(s) in the dataset; run `demarcate validate {}` for all findings:\n  {shown}{}",
                path.display(),
                errors.len(),
                path.display(),
                if more > 0 {
                    format!("\n  ... and {more} more")
                } else {
                    String::new()
                }
            ),
            code: 1,
        });
    }
    Ok(loaded.map)
}

fn distance(
    dataset: &Path,
    points_path: &Path,
    format: DistanceFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    if dataset == Path::new("-") && points_path == Path::new("-") {
        return Err(Failure {
            message: "the dataset and the points cannot both come from standard input".into(),
            code: 2,
        });
    }
    let map = load_valid(dataset)?;
    let projected_in = input_crs().filter(|c| !c.is_wgs84_lonlat());
    let pts = points::read(points_path, projected_in.is_some())
        .map_err(|message| Failure { message, code: 1 })?;
    for bad in &pts.bad_rows {
        eprintln!("demarcate: skipped {bad}");
    }
    let mut coords: Vec<geo_types::Coord<f64>> = pts.points.iter().map(|p| p.coord).collect();
    if let Some(c) = projected_in {
        coords = Transformer::new(c)?.points_to_wgs84(&coords)?;
    }
    let answers = distances_with_progress(&map, &coords)?;
    // Coordinates to write: the query points and the nearest points, in the
    // output CRS.
    let out_crs = output_crs();
    let (query_out, nearest_out) = match out_crs {
        Some(c) => {
            let t = Transformer::new(c)?;
            let nearest: Vec<_> = answers.iter().map(|a| a.nearest).collect();
            (
                t.points_from_wgs84(&coords)?,
                t.points_from_wgs84(&nearest)?,
            )
        }
        None => (coords.clone(), answers.iter().map(|a| a.nearest).collect()),
    };
    let (nx, ny, digits) = if out_crs.is_some() {
        ("nearest_x", "nearest_y", 4)
    } else {
        ("nearest_lon", "nearest_lat", 9)
    };
    let mut out = output_writer(output)?;
    let w = &mut out;
    let side = |a: &demarcate::BorderDistance<'_>| a.side.map(|p| p.as_str().to_owned());
    match format {
        DistanceFormat::Csv => {
            let mut csv = csv::Writer::from_writer(w);
            let err = |e: csv::Error| write_failed(std::io::Error::other(e));
            csv.write_record(["id", "distance_m", "segment", nx, ny, "side"])
                .map_err(err)?;
            for ((p, a), n) in pts.points.iter().zip(&answers).zip(&nearest_out) {
                csv.write_record([
                    p.id.clone(),
                    format!("{:.4}", a.distance_m),
                    a.segment.id().to_string(),
                    format!("{:.digits$}", n.x),
                    format!("{:.digits$}", n.y),
                    side(a).unwrap_or_default(),
                ])
                .map_err(err)?;
            }
            csv.flush().map_err(write_failed)?;
        }
        DistanceFormat::Json => {
            let rows: Vec<serde_json::Value> = pts
                .points
                .iter()
                .zip(&answers)
                .zip(&nearest_out)
                .map(|((p, a), n)| {
                    let mut row = serde_json::Map::new();
                    row.insert("id".into(), p.id.clone().into());
                    row.insert("distance_m".into(), a.distance_m.into());
                    row.insert("segment".into(), a.segment.id().clone().into());
                    row.insert(nx.into(), n.x.into());
                    row.insert(ny.into(), n.y.into());
                    row.insert("side".into(), side(a).into());
                    serde_json::Value::Object(row)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *w, &rows)
                .map_err(|e| write_failed(std::io::Error::other(e)))?;
            writeln!(w).map_err(write_failed)?;
        }
        DistanceFormat::Geojson => {
            let features: Vec<serde_json::Value> = pts
                .points
                .iter()
                .zip(&answers)
                .zip(nearest_out.iter().zip(&query_out))
                .map(|((p, a), (n, q))| {
                    let mut props = p.properties.clone().unwrap_or_default();
                    props.insert("distance_m".into(), a.distance_m.into());
                    props.insert("segment".into(), a.segment.id().clone().into());
                    props.insert(nx.into(), n.x.into());
                    props.insert(ny.into(), n.y.into());
                    props.insert("side".into(), side(a).into());
                    serde_json::json!({
                        "type": "Feature",
                        "id": p.id,
                        "properties": props,
                        "geometry": {"type": "Point", "coordinates": [q.x, q.y]},
                    })
                })
                .collect();
            let mut fc = serde_json::json!({"type": "FeatureCollection", "features": features});
            if let Some(c) = out_crs {
                fc["crs"] = c.to_geojson_member();
            }
            serde_json::to_writer(&mut *w, &fc)
                .map_err(|e| write_failed(std::io::Error::other(e)))?;
            writeln!(w).map_err(write_failed)?;
        }
    }
    out.flush().map_err(write_failed)?;
    if pts.bad_rows.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "demarcate: {} point(s) skipped, {} answered",
            pts.bad_rows.len(),
            answers.len()
        );
        Ok(ExitCode::from(1))
    }
}

fn write_json(out: &mut dyn Write, value: &serde_json::Value, pretty: bool) -> Result<(), Failure> {
    let r = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    r.map_err(|e| write_failed(std::io::Error::other(e)))?;
    writeln!(out).map_err(write_failed)?;
    out.flush().map_err(write_failed)
}

fn check_range(range: Option<f64>) -> Result<(), Failure> {
    match range {
        Some(r) if !(r.is_finite() && r > 0.0) => Err(Failure {
            message: format!("--range {r}: the range must be a positive number of metres"),
            code: 2,
        }),
        _ => Ok(()),
    }
}

fn report(
    dataset: &Path,
    format: ReportFormat,
    range: Option<f64>,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    check_range(range)?;
    let map = load_valid(dataset)?;
    let report = map.report(&ReportOptions::new().default_range_m(range))?;
    for note in &report.notes {
        eprintln!("demarcate: note: {note}");
    }
    let mut out = output_writer(output)?;
    match format {
        ReportFormat::Json => write_json(&mut *out, &report.to_json(), true)?,
        ReportFormat::Markdown => {
            out.write_all(report.to_markdown().as_bytes())
                .map_err(write_failed)?;
            out.flush().map_err(write_failed)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn overlaps(
    dataset: &Path,
    format: OverlapFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let map = load_valid(dataset)?;
    let pairs = map.overlaps()?;
    let id = |z: &demarcate::IncursionZone<'_>| serde_json::Value::from(z.id().clone());
    let value = match format {
        OverlapFormat::Json => serde_json::Value::Array(
            pairs
                .iter()
                .map(|o| serde_json::json!({"a": id(&o.a), "b": id(&o.b), "area_m2": o.area_m2}))
                .collect(),
        ),
        OverlapFormat::Geojson => {
            let transformer = output_crs().map(Transformer::new).transpose()?;
            let mut features = Vec::with_capacity(pairs.len());
            for o in &pairs {
                let mut g = geo_types::Geometry::MultiPolygon(o.geometry.clone());
                if let Some(t) = &transformer {
                    g = t.geometry_from_wgs84(&g)?;
                }
                features.push(serde_json::json!({
                    "type": "Feature",
                    "properties": {"a": id(&o.a), "b": id(&o.b), "area_m2": o.area_m2},
                    "geometry": geojson::Geometry::from(&g),
                }));
            }
            let mut fc = serde_json::json!({"type": "FeatureCollection", "features": features});
            if let Some(c) = output_crs() {
                fc["crs"] = c.to_geojson_member();
            }
            fc
        }
    };
    let mut out = output_writer(output)?;
    write_json(&mut *out, &value, matches!(format, OverlapFormat::Json))?;
    Ok(ExitCode::SUCCESS)
}

fn coverage(
    dataset: &Path,
    range: Option<f64>,
    format: CoverageFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    check_range(range)?;
    let map = load_valid(dataset)?;
    let c = map.coverage(range)?;
    let mut out = output_writer(output)?;
    match format {
        CoverageFormat::Json => {
            let value = serde_json::json!({
                "covered_fraction": c.covered_fraction,
                "covered_m": c.covered_m,
                "total_m": c.total_m,
                "gaps": c.gaps.iter().map(|g| serde_json::json!({
                    "segment": serde_json::Value::from(g.segment.id().clone()),
                    "from_m": g.from_m,
                    "to_m": g.to_m,
                    "length_m": g.length_m,
                })).collect::<Vec<_>>(),
            });
            write_json(&mut *out, &value, true)?;
        }
        CoverageFormat::Text => {
            writeln!(
                out,
                "covered_fraction {:.6} ({:.3} of {:.3} km), {} gap(s)",
                c.covered_fraction,
                c.covered_m / 1e3,
                c.total_m / 1e3,
                c.gaps.len()
            )
            .map_err(write_failed)?;
            for g in &c.gaps {
                writeln!(
                    out,
                    "gap segment {} from_m {:.3} to_m {:.3} length_m {:.3}",
                    g.segment.id(),
                    g.from_m,
                    g.to_m,
                    g.length_m
                )
                .map_err(write_failed)?;
            }
            out.flush().map_err(write_failed)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn plan(
    dataset: &Path,
    range: f64,
    keep_existing: bool,
    setback: Option<(f64, String)>,
    operator: &str,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    check_range(Some(range))?;
    let map = load_valid(dataset)?;
    let mut options = PlanOptions::new(range).keep_existing(keep_existing);
    if let Some((m, party)) = setback {
        if !map.territories().any(|t| t.party().as_str() == party)
            && !map
                .segments()
                .any(|s| s.left().as_str() == party || s.right().as_str() == party)
        {
            return Err(Failure {
                message: format!(
                    "--party {party}: no territory or border segment names this party"
                ),
                code: 2,
            });
        }
        options = options.setback(m, party.as_str());
    }
    let plan = map.plan(&options)?;
    eprintln!(
        "demarcate: {} new post(s) of range {} m (no plan can use fewer than {}); verified: {:.1}% of the border covered",
        plan.posts.len(),
        range,
        plan.lower_bound,
        plan.coverage.covered_fraction * 100.0
    );
    let mut out = output_writer(output)?;
    write_json(
        &mut *out,
        &plan.to_feature_collection(&operator.into()),
        false,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The map options as the user gave them.
struct RenderArgs {
    size: String,
    extent: Option<String>,
    around: Option<String>,
    margin: f64,
    inset: Option<String>,
    layers: Option<Vec<String>>,
    title: Option<String>,
    range: Option<f64>,
    points: Option<PathBuf>,
}

fn usage(message: String) -> Failure {
    Failure { message, code: 2 }
}

fn layer_named(name: &str) -> Option<Layer> {
    Some(
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "territories" => Layer::Territories,
            "claims" => Layer::Claims,
            "segments" => Layer::Segments,
            "coverage-gaps" | "gaps" => Layer::CoverageGaps,
            "ranges" => Layer::Ranges,
            "outposts" => Layer::Outposts,
            "zones" => Layer::Zones,
            "overlaps" => Layer::Overlaps,
            "labels" => Layer::Labels,
            "legend" => Layer::Legend,
            "scale-bar" | "scalebar" => Layer::ScaleBar,
            "north-arrow" => Layer::NorthArrow,
            "attribution" => Layer::Attribution,
            _ => return None,
        },
    )
}

fn render(dataset: &Path, output: &Path, args: RenderArgs) -> Result<ExitCode, Failure> {
    check_range(args.range)?;
    let (w, h) = args
        .size
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)))
        .ok_or_else(|| {
            usage(format!(
                "--size {}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1200",
                args.size
            ))
        })?;
    let mut options = RenderOptions::new().size(w, h).default_range_m(args.range);
    if let Some(e) = &args.extent {
        let v: Vec<f64> = e.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        let [west, south, east, north] = v[..] else {
            return Err(usage(format!(
                "--extent {e}: expected WEST,SOUTH,EAST,NORTH in degrees"
            )));
        };
        options = options.extent_bbox(west, south, east, north);
    }
    if let Some(id) = &args.around {
        options = options.extent_feature(id.as_str(), args.margin);
    }
    if let Some(id) = &args.inset {
        options = options.inset(id.as_str(), args.margin);
    }
    if let Some(names) = &args.layers {
        let mut layers = Vec::new();
        for n in names {
            layers.push(layer_named(n).ok_or_else(|| {
                usage(format!(
                    "--layers: unknown layer {n:?} (known: territories, claims, segments, coverage-gaps, ranges, outposts, zones, overlaps, labels, legend, scale-bar, north-arrow, attribution)"
                ))
            })?);
        }
        options = options.layers(&layers);
    }
    if let Some(t) = &args.title {
        options = options.title(t.as_str());
    }
    #[derive(PartialEq)]
    enum Format {
        Svg,
        Png,
        Html,
    }
    let format = match output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "png" => Format::Png,
        Some(e) if e == "svg" => Format::Svg,
        Some(e) if e == "html" || e == "htm" => Format::Html,
        _ if output == Path::new("-") => Format::Svg,
        _ => {
            return Err(usage(format!(
                "-o {}: the map's file name must end in .svg, .png or .html",
                output.display()
            )));
        }
    };
    if args.points.is_some() && format != Format::Html {
        return Err(usage("--points: only an .html map shows points".to_owned()));
    }
    let map = load_valid(dataset)?;
    let mut bad_rows = 0;
    let bytes = match format {
        Format::Png => render_png(&map, &options)?,
        Format::Svg => render_svg(&map, &options)?.into_bytes(),
        Format::Html => {
            let mut shown = Vec::new();
            if let Some(path) = &args.points {
                if dataset == Path::new("-") && path == Path::new("-") {
                    return Err(usage(
                        "the dataset and the points cannot both come from standard input".into(),
                    ));
                }
                let projected_in = input_crs().filter(|c| !c.is_wgs84_lonlat());
                let pts = points::read(path, projected_in.is_some())
                    .map_err(|message| Failure { message, code: 1 })?;
                for bad in &pts.bad_rows {
                    eprintln!("demarcate: skipped {bad}");
                }
                bad_rows = pts.bad_rows.len();
                let mut coords: Vec<geo_types::Coord<f64>> =
                    pts.points.iter().map(|p| p.coord).collect();
                if let Some(c) = projected_in {
                    coords = Transformer::new(c)?.points_to_wgs84(&coords)?;
                }
                shown = pts
                    .points
                    .iter()
                    .zip(coords)
                    .map(|(p, c)| MapPoint::new(p.id.clone(), c))
                    .collect();
            }
            render_html(&map, &options, &shown)?.into_bytes()
        }
    };
    let mut out = output_writer(Some(output))?;
    out.write_all(&bytes).map_err(write_failed)?;
    out.flush().map_err(write_failed)?;
    if bad_rows > 0 {
        eprintln!("demarcate: {bad_rows} point(s) skipped");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Batches of this many points between progress-bar updates.
const PROGRESS_CHUNK: usize = 65_536;

/// The distances of all points, in parallel, with a progress bar on stderr
/// when stderr is a terminal and the batch is large.
fn distances_with_progress<'a>(
    map: &'a demarcate::BorderMap,
    coords: &[geo_types::Coord<f64>],
) -> Result<Vec<demarcate::BorderDistance<'a>>, Failure> {
    use std::io::IsTerminal;
    if coords.len() <= PROGRESS_CHUNK || !std::io::stderr().is_terminal() {
        return Ok(map.distances_to_border(coords)?);
    }
    let bar = indicatif::ProgressBar::new(coords.len() as u64).with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} distances {bar:40} {pos}/{len} points, {per_sec}, eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut answers = Vec::with_capacity(coords.len());
    for (k, chunk) in coords.chunks(PROGRESS_CHUNK).enumerate() {
        let part = map.distances_to_border(chunk).map_err(|e| match e {
            // Name the point by its place in the whole batch.
            Error::InvalidPoint {
                index: Some(i),
                lon,
                lat,
            } => Error::InvalidPoint {
                index: Some(k * PROGRESS_CHUNK + i),
                lon,
                lat,
            },
            other => other,
        })?;
        answers.extend(part);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(answers)
}
