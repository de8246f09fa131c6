//! The crate's error type.

use std::path::PathBuf;

mod detail;
mod diagnostic;

pub use detail::{CoordSource, Direction};
pub use diagnostic::{Diagnostic, Severity};

/// Everything that can go wrong loading or using a dataset.
///
/// Each variant names where: the source (a file path, or `<string>` / `<reader>`)
/// and, for feature-level problems, the diagnostics that name the feature index,
/// id and property.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input is not JSON (or not the JSON shape GeoJSON requires).
    #[error("{origin}: not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// Where the input came from.
        origin: String,
        /// 1-based line of the fault (0 when unknown).
        line: usize,
        /// 1-based column of the fault (0 when unknown).
        column: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// The input is JSON but not a GeoJSON FeatureCollection.
    #[error("{origin}: not a GeoJSON FeatureCollection: {message}")]
    NotFeatureCollection {
        /// Where the input came from.
        origin: String,
        /// What was found instead.
        message: String,
    },
    /// The dataset loaded but has errors (see the diagnostics).
    #[error(
        "{origin}: {} error(s) in the dataset; first: {}",
        count_errors(diagnostics),
        first_error(diagnostics)
    )]
    Invalid {
        /// Where the input came from.
        origin: String,
        /// Every finding, errors and warnings, in feature order.
        diagnostics: Vec<Diagnostic>,
    },
    /// The dataset has no valid border segment, so there is no border to measure to.
    #[error("the dataset has no valid border_segment feature: there is no border to measure to")]
    NoBorder,
    /// A query point is not a WGS84 longitude/latitude.
    #[error("{}point ({lon}, {lat}) is not a WGS84 longitude, latitude in degrees (longitude in [-180, 180], latitude in [-90, 90])", index.map(|i| format!("query {i}: ")).unwrap_or_default())]
    InvalidPoint {
        /// Position of the point in the batch, if it came from one.
        index: Option<usize>,
        /// Longitude given.
        lon: f64,
        /// Latitude given.
        lat: f64,
    },
    /// An outpost has no `range_m` and no default range was given.
    #[error("outpost {id} (feature {index}) has no range_m and no default range was given")]
    NoRange {
        /// The outpost's id.
        id: crate::model::FeatureId,
        /// Its feature index.
        index: usize,
    },
    /// A parameter of an analysis is out of its domain.
    #[error("{name} = {value} is not usable: {expected}")]
    BadParameter {
        /// The parameter's name as the user wrote it (`range_m`, `setback_m`).
        name: &'static str,
        /// The value given.
        value: f64,
        /// What it must be.
        expected: &'static str,
    },
    /// A feature id the analysis was asked about does not exist (or is not of
    /// the kind the analysis needs).
    #[error("no {} has id {id}", kind.map_or_else(|| "feature with coordinates".to_owned(), |k| format!("{k} feature")))]
    UnknownFeature {
        /// The id asked for.
        id: crate::model::FeatureId,
        /// The kind looked for, `None` when any kind would do.
        kind: Option<crate::model::Kind>,
    },
    /// Features the analysis cannot handle together, such as two zones so
    /// far apart that no local plane holds both.
    #[error("{features}: {reason}")]
    TooLarge {
        /// The features, as `id` or `id and id`.
        features: String,
        /// Why, with the figure at fault.
        reason: String,
    },
    /// A party asked about has no valid `shore` or `basepoint` feature.
    #[error("party {party} has no valid shore or basepoint feature to measure from")]
    NoShore {
        /// The party.
        party: crate::model::Party,
    },
    /// An analysis between two parties was given the same party twice.
    #[error("party {party} given twice: a line between parties needs two different ones")]
    SameParties {
        /// The party.
        party: crate::model::Party,
    },
    /// The median line could not be traced further.
    #[error("median line between {parties}: cannot continue at ({lon}, {lat}): {reason}")]
    MedianTrace {
        /// The two parties, as `A,B`.
        parties: String,
        /// Longitude where the trace stopped, degrees.
        lon: f64,
        /// Latitude where the trace stopped, degrees.
        lat: f64,
        /// Why.
        reason: String,
    },
    /// A schedule or a coordinate list has a bad entry.
    #[error("{origin}: line {line}, column {column}: {message}")]
    Schedule {
        /// Where the text came from (a file name, or `<string>`).
        origin: String,
        /// 1-based line of the entry.
        line: usize,
        /// 1-based column (in characters) of the fault.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The rasteriser could not turn a rendered map into an image.
    #[error("cannot rasterise the {width}×{height} map: {reason}")]
    Render {
        /// Image width, pixels.
        width: u32,
        /// Image height, pixels.
        height: u32,
        /// What the rasteriser said.
        reason: String,
    },
    /// A coordinate reference system that cannot be understood: a value the
    /// caller gave or a file's legacy `crs` member.
    #[error("{}{text:?} is not a coordinate reference system demarcate understands: {reason}", origin.as_ref().map(|o| format!("{o}: crs member: ")).unwrap_or_default())]
    UnknownCrs {
        /// The file whose `crs` member it is; `None` for a value the user gave.
        origin: Option<String>,
        /// The text (or JSON of the member) as given.
        text: String,
        /// What is wrong and what is accepted.
        reason: String,
    },
    /// A CRS other than WGS84 longitude/latitude was given, but this build has
    /// no PROJ to reproject with.
    #[error(
        "coordinate reference system {crs} is not WGS84 longitude/latitude: reprojecting needs demarcate built with `--features proj`"
    )]
    ProjUnavailable {
        /// The CRS as the user or the file gave it.
        crs: String,
    },
    /// PROJ cannot set up a transformation between a CRS and WGS84.
    #[error("coordinate reference system {crs}: PROJ cannot transform {direction}: {message}")]
    CrsSetup {
        /// The CRS as the user or the file gave it.
        crs: String,
        /// To or from WGS84.
        direction: Direction,
        /// What PROJ said.
        message: String,
    },
    /// PROJ could not transform a coordinate (outside the projection's domain).
    #[error("{at}coordinate ({x}, {y}) cannot be transformed {direction} (CRS {crs}): {message}")]
    Reproject {
        /// The CRS as the user or the file gave it.
        crs: String,
        /// To or from WGS84.
        direction: Direction,
        /// The feature or point the coordinate belongs to.
        at: CoordSource,
        /// The coordinate's first number (easting or longitude).
        x: f64,
        /// The coordinate's second number (northing or latitude).
        y: f64,
        /// What PROJ said.
        message: String,
    },
}

fn count_errors(d: &[Diagnostic]) -> usize {
    d.iter().filter(|d| d.is_error()).count()
}

fn first_error(d: &[Diagnostic]) -> String {
    d.iter()
        .find(|d| d.is_error())
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
