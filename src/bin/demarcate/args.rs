//! The command line: global options, one subcommand per question.
//!
//! Adding a command: an `XArgs` struct here, a variant of [`Command`], a
//! module `x.rs` with `run`, and its arm in `main::run`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "demarcate",
    version,
    about = "Border-demarcation analysis on the WGS84 ellipsoid"
)]
pub struct Cli {
    /// Coordinate reference system of the dataset and the points files: an
    /// EPSG code (`EPSG:32638`), a URN or a PROJ string. Wins over a file's
    /// legacy `crs` member. Other than WGS84 lon/lat needs `--features proj`.
    #[arg(long, global = true, value_name = "CRS")]
    pub crs: Option<String>,
    /// Write geometric results (GeoJSON and CSV coordinates of `distance`,
    /// `overlaps`, `plan`) in this CRS instead of WGS84 lon/lat.
    #[arg(long, global = true, value_name = "CRS")]
    pub out_crs: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check a dataset: one line per finding, exit 1 if any is an error.
    #[command(after_help = "Example:\n  demarcate validate data/armenia-azerbaijan-2021.geojson")]
    Validate(ValidateArgs),
    /// Distance of every point to the border: nearest segment, nearest point, side.
    ///
    /// Points come as CSV (lon/lat columns found by name, or chosen with
    /// --lon/--lat), a GeoJSON FeatureCollection of Points, or a GeoJSON text
    /// sequence. Every input column or property is written back unchanged,
    /// then the answers; a result column whose name the input already uses
    /// gets the suffix `_1` (or `_2`, ...). Points stream through in chunks,
    /// in input order, so memory does not grow with their number. A bad row
    /// (not a number, out of range, not a Point) is reported on stderr with
    /// its row or feature number and skipped; the answers for the other
    /// points are written, then the command exits 1.
    #[command(
        after_help = "Examples:\n  demarcate distance data/armenia-azerbaijan-2021.geojson --points data/events-acled-style.csv --id event_id_cnty\n  demarcate distance data/armenia-azerbaijan-2021.geojson --points clashes.geojson --format geojson -o out.geojson\n  demarcate distance data/armenia-azerbaijan-2021.geojson --points events.csv --lon LNG_X --lat LAT_Y --max-distance 5000 --segments seg-07"
    )]
    Distance(DistanceArgs),
    /// The whole analysis: segment lengths, incursions, overlaps, outposts,
    /// coverage and claims.
    #[command(
        after_help = "Examples:\n  demarcate report data/armenia-azerbaijan-2021.geojson --format markdown\n  demarcate report data/armenia-azerbaijan-2021.geojson --range 8000 -o report.json"
    )]
    Report(ReportArgs),
    /// Pairs of incursion zones that overlap, with the overlap's area.
    #[command(
        after_help = "Example:\n  demarcate overlaps data/armenia-azerbaijan-2021.geojson --format geojson -o overlaps.geojson"
    )]
    Overlaps(OverlapsArgs),
    /// How much of the border lies within range of an outpost, and the gaps.
    #[command(
        after_help = "Example:\n  demarcate coverage data/armenia-azerbaijan-2021.geojson --range 8000"
    )]
    Coverage(CoverageArgs),
    /// New outposts (status `proposed`) so that the whole border is within range.
    ///
    /// Writes a GeoJSON FeatureCollection of `outpost` features; the plan is
    /// verified 100% covered by the coverage analysis before it is written.
    #[command(
        after_help = "Examples:\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 -o plan.geojson\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 --keep-existing\n  demarcate plan data/armenia-azerbaijan-2021.geojson --range 8000 --setback 1000 --party ARM --operator RUS"
    )]
    Plan(PlanArgs),
    /// A map of the dataset and its analysis, as SVG, PNG or an interactive
    /// HTML page (by -o's extension).
    #[command(
        after_help = "Examples:\n  demarcate render data/armenia-azerbaijan-2021.geojson -o map.png\n  demarcate render data/armenia-azerbaijan-2021.geojson -o sev-lich.svg --around zone-02 --margin 5000\n  demarcate render data/armenia-azerbaijan-2021.geojson -o border.png --layers territories,segments,legend,scale-bar\n  demarcate render data/armenia-azerbaijan-2021.geojson -o map.html --points villages.csv"
    )]
    Render(RenderArgs),
    /// The strip within a distance of the border (a demilitarised strip, a
    /// corridor, a withdrawal line), optionally on one party's side only.
    ///
    /// Writes a GeoJSON FeatureCollection with one `buffer_zone` feature
    /// (`distance_m`, `side`, `segments`, `area_m2`); its outline's vertices
    /// are at the distance to the millimetre, its edges geodesics within
    /// --tolerance of it.
    #[command(
        after_help = "Examples:\n  demarcate buffer data/armenia-azerbaijan-2021.geojson --distance 5000 --side ARM -o strip.geojson\n  demarcate buffer data/armenia-azerbaijan-2021.geojson --distance 2000 --segments seg-04,seg-07"
    )]
    Buffer(BufferArgs),
    /// The turning-point schedule: per vertex, decimal degrees and DMS, the
    /// geodesic distance and azimuth to the next vertex, the back azimuth
    /// from there, and the chainage.
    #[command(
        after_help = "Examples:\n  demarcate schedule data/armenia-azerbaijan-2021.geojson --segments seg-07 -o seg-07.csv\n  demarcate schedule data/armenia-azerbaijan-2021.geojson --format markdown"
    )]
    Schedule(ScheduleArgs),
    /// The median (equidistance) line between two parties' shores, with its
    /// turning points, as Demarcation GeoJSON (`median_line`, `turning_point`).
    #[command(
        after_help = "Example:\n  demarcate median data/armenia-azerbaijan-2021.geojson --parties ARM,AZE -o sev-lich-median.geojson"
    )]
    Median(MedianArgs),
}

/// The arguments of `demarcate median`.
#[derive(Args)]
pub struct MedianArgs {
    /// Demarcation GeoJSON file with `shore`/`basepoint` features; `-` reads
    /// standard input.
    pub dataset: PathBuf,
    /// The two parties, `A,B`; A ends up on the line's left.
    #[arg(long, value_name = "A,B")]
    pub parties: String,
    /// How far (metres) the true line may stray from the chords between the
    /// output's vertices.
    #[arg(long, value_name = "M", default_value_t = 0.01)]
    pub tolerance: f64,
    /// Write the GeoJSON to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// Demarcation GeoJSON file(s); `-` reads standard input.
    #[arg(required = true)]
    pub datasets: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    /// Write the findings to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate distance`.
#[derive(Args)]
pub struct DistanceArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Query points: CSV, GeoJSON Points (a FeatureCollection or a text
    /// sequence, one feature per line); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub points: PathBuf,
    /// Output format. CSV: every input column, then `distance_m, segment,
    /// nearest_lon, nearest_lat, side`.
    #[arg(long, value_enum, default_value_t = DistanceFormat::Csv)]
    pub format: DistanceFormat,
    /// The CSV column with the longitude (or easting); default: the first of
    /// lon, lng, long, longitude, x (any case).
    #[arg(long, value_name = "COL")]
    pub lon: Option<String>,
    /// The CSV column with the latitude (or northing); default: the first of
    /// lat, latitude, y (any case).
    #[arg(long, value_name = "COL")]
    pub lat: Option<String>,
    /// The CSV column that names each row in messages; default: `id`. Without
    /// one, rows are numbered (column `row`).
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Keep only the points within M metres of the border (of --segments).
    #[arg(long, value_name = "M")]
    pub max_distance: Option<f64>,
    /// Measure to these border segments only (ids, comma separated).
    #[arg(long, value_name = "ID,..", value_delimiter = ',')]
    pub segments: Option<Vec<String>>,
    /// Write the answers to FILE instead of standard output (whole or not at
    /// all: a temporary file beside it is renamed when the run succeeds).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Output format (JSON fields in metres and m², Markdown in km and km²).
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    pub format: ReportFormat,
    /// Observation range, metres, of outposts without `range_m`.
    #[arg(long, value_name = "M")]
    pub range: Option<f64>,
    /// Append the turning-point schedule of every segment (Markdown only).
    #[arg(long)]
    pub schedule: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate overlaps`.
#[derive(Args)]
pub struct OverlapsArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Output format: JSON pairs `a, b, area_m2`, or GeoJSON with the overlap polygons.
    #[arg(long, value_enum, default_value_t = OverlapFormat::Json)]
    pub format: OverlapFormat,
    /// Write the pairs to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate coverage`.
#[derive(Args)]
pub struct CoverageArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Observation range, metres, of outposts without `range_m`.
    #[arg(long, value_name = "M")]
    pub range: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Json)]
    pub format: CoverageFormat,
    /// Write the result to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate plan`.
#[derive(Args)]
pub struct PlanArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Observation range of the new posts, metres.
    #[arg(long, value_name = "M")]
    pub range: f64,
    /// Only fill the gaps the dataset's outposts leave (their own
    /// `range_m`, else --range).
    #[arg(long)]
    pub keep_existing: bool,
    /// Set the posts back this far (metres) into --party's territory.
    #[arg(long, value_name = "M", requires = "party")]
    pub setback: Option<f64>,
    /// The party whose side the posts are set back into.
    #[arg(long, value_name = "PARTY", requires = "setback")]
    pub party: Option<String>,
    /// `operator` of the new posts.
    #[arg(long, value_name = "PARTY", default_value = "UNASSIGNED")]
    pub operator: String,
    /// Write the plan to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate render`.
#[derive(Args)]
pub struct RenderArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// The map to write: `.svg`, `.png` or `.html` (one self-contained
    /// interactive page); `-` writes SVG to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Image size in pixels, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1600x1200")]
    pub size: String,
    /// Show this lon/lat box: WEST,SOUTH,EAST,NORTH (degrees).
    #[arg(
        long,
        value_name = "W,S,E,N",
        conflicts_with = "around",
        allow_hyphen_values = true
    )]
    pub extent: Option<String>,
    /// Show the area around the feature with this id.
    #[arg(long, value_name = "ID")]
    pub around: Option<String>,
    /// Margin around --around's feature, metres.
    #[arg(long, value_name = "M", default_value_t = 2000.0)]
    pub margin: f64,
    /// Add a detail map of the feature with this id in the legend panel.
    #[arg(long, value_name = "ID")]
    pub inset: Option<String>,
    /// Layers to draw, comma separated (default: all): territories, claims,
    /// segments, coverage-gaps, ranges, outposts, zones, overlaps, labels,
    /// legend, scale-bar, north-arrow, attribution.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub layers: Option<Vec<String>>,
    /// Map title (default: the collection's `name`).
    #[arg(long)]
    pub title: Option<String>,
    /// Observation range, metres, of outposts without `range_m`.
    #[arg(long, value_name = "M")]
    pub range: Option<f64>,
    /// Points to show on an HTML map with their distance to the border,
    /// nearest segment and side (GeoJSON Points or CSV with lon/lat columns).
    #[arg(long, value_name = "FILE")]
    pub points: Option<PathBuf>,
}

/// `--format` of the command.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Json,
    Markdown,
}

/// `--format` of the command.
#[derive(Clone, Copy, ValueEnum)]
pub enum OverlapFormat {
    Json,
    Geojson,
}

/// `--format` of the command.
#[derive(Clone, Copy, ValueEnum)]
pub enum CoverageFormat {
    Json,
    Text,
}

/// `--format` of the command.
#[derive(Clone, Copy, ValueEnum)]
pub enum DistanceFormat {
    Csv,
    Json,
    Geojson,
}

/// `--format` of the command.
#[derive(Clone, Copy, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

/// The arguments of `demarcate buffer`.
#[derive(Args)]
pub struct BufferArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Width of the strip, metres (geodesic) from the border.
    #[arg(long, value_name = "M")]
    pub distance: f64,
    /// Only this party's side (clipped with its territory when the dataset
    /// has one, else the segments' left/right sides).
    #[arg(long, value_name = "PARTY")]
    pub side: Option<String>,
    /// Only these border segments (ids, comma separated).
    #[arg(long, value_name = "ID,..", value_delimiter = ',')]
    pub segments: Option<Vec<String>>,
    /// How far the outline may stray between its vertices, metres.
    #[arg(long, value_name = "M", default_value_t = 0.01)]
    pub tolerance: f64,
    /// Write the GeoJSON to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The arguments of `demarcate schedule`.
#[derive(Args)]
pub struct ScheduleArgs {
    /// Demarcation GeoJSON file; `-` reads standard input.
    pub dataset: PathBuf,
    /// Only these border segments, in this order (ids, comma separated).
    #[arg(long, value_name = "ID,..", value_delimiter = ',')]
    pub segments: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScheduleFormat::Csv)]
    pub format: ScheduleFormat,
    /// Write the schedule to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `demarcate schedule`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ScheduleFormat {
    /// `segment,part,point,lon,lat,lat_dms,lon_dms,distance_to_next_m,azimuth_deg,back_azimuth_deg,chainage_m`
    Csv,
    /// One table per segment.
    Markdown,
    /// An array of rows keyed like the CSV columns.
    Json,
}
