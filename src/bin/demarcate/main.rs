//! The `demarcate` command line: argument parsing and output formatting over
//! the library. Exit codes: 0 success, 1 invalid data or unusable input,
//! 2 usage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod points;

use clap::{Parser, Subcommand, ValueEnum};
use demarcate::io::{Loaded, load_path, load_reader};
use demarcate::{Diagnostic, Error};

#[derive(Parser)]
#[command(
    name = "demarcate",
    version,
    about = "Border-demarcation analysis on the WGS84 ellipsoid"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        Failure {
            message: e.to_string(),
            code: 1,
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

fn load(path: &Path) -> Result<Loaded, Error> {
    if path == Path::new("-") {
        load_reader(std::io::BufReader::new(std::io::stdin().lock()))
    } else {
        load_path(path)
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
    let pts = points::read(points_path).map_err(|message| Failure { message, code: 1 })?;
    for bad in &pts.bad_rows {
        eprintln!("demarcate: skipped {bad}");
    }
    let coords: Vec<geo_types::Coord<f64>> = pts.points.iter().map(|p| p.coord).collect();
    let answers = map.distances_to_border(&coords)?;
    let mut out = output_writer(output)?;
    let w = &mut out;
    let side = |a: &demarcate::BorderDistance<'_>| a.side.map(|p| p.as_str().to_owned());
    match format {
        DistanceFormat::Csv => {
            let mut csv = csv::Writer::from_writer(w);
            let err = |e: csv::Error| write_failed(std::io::Error::other(e));
            csv.write_record([
                "id",
                "distance_m",
                "segment",
                "nearest_lon",
                "nearest_lat",
                "side",
            ])
            .map_err(err)?;
            for (p, a) in pts.points.iter().zip(&answers) {
                csv.write_record([
                    p.id.clone(),
                    format!("{:.4}", a.distance_m),
                    a.segment.id().to_string(),
                    format!("{:.9}", a.nearest.x),
                    format!("{:.9}", a.nearest.y),
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
                .map(|(p, a)| {
                    serde_json::json!({
                        "id": p.id,
                        "distance_m": a.distance_m,
                        "segment": serde_json::Value::from(a.segment.id().clone()),
                        "nearest_lon": a.nearest.x,
                        "nearest_lat": a.nearest.y,
                        "side": side(a),
                    })
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
                .map(|(p, a)| {
                    let mut props = p.properties.clone().unwrap_or_default();
                    props.insert("distance_m".into(), a.distance_m.into());
                    props.insert("segment".into(), a.segment.id().clone().into());
                    props.insert("nearest_lon".into(), a.nearest.x.into());
                    props.insert("nearest_lat".into(), a.nearest.y.into());
                    props.insert("side".into(), side(a).into());
                    serde_json::json!({
                        "type": "Feature",
                        "id": p.id,
                        "properties": props,
                        "geometry": {"type": "Point", "coordinates": [p.coord.x, p.coord.y]},
                    })
                })
                .collect();
            let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
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
