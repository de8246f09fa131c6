//! What every command shares: the CRS options and loading the dataset.

use std::path::Path;

use demarcate::BorderMap;
use demarcate::crs::{Crs, Transformer};
use demarcate::io::{Loaded, Loader};

use crate::failure::Failure;

/// The global options, parsed once and passed to each command.
pub struct Context {
    /// `--crs`: the CRS of the dataset and the points files.
    pub input_crs: Option<Crs>,
    /// `--out-crs`: the CRS of written coordinates.
    out_crs: Option<Crs>,
}

impl Context {
    /// Parses the CRS options and checks, before any work, that this build
    /// can transform them.
    pub fn new(crs: Option<&str>, out_crs: Option<&str>) -> Result<Self, Failure> {
        let parse = |t: Option<&str>| {
            t.map(str::parse::<Crs>)
                .transpose()
                .map_err(Failure::CrsOption)
        };
        let ctx = Context {
            input_crs: parse(crs)?,
            out_crs: parse(out_crs)?,
        };
        for c in ctx.input_crs.iter().chain(&ctx.out_crs) {
            Transformer::new(c).map_err(Failure::CrsOption)?;
        }
        Ok(ctx)
    }

    /// The output CRS, when it is not WGS84 lon/lat.
    pub fn output_crs(&self) -> Option<&Crs> {
        self.out_crs.as_ref().filter(|c| !c.is_wgs84_lonlat())
    }

    /// The input CRS, when it is not WGS84 lon/lat.
    pub fn projected_input(&self) -> Option<&Crs> {
        self.input_crs.as_ref().filter(|c| !c.is_wgs84_lonlat())
    }

    /// Loads a dataset, reprojecting it to WGS84 from `--crs` or its `crs`
    /// member.
    pub fn load(&self, path: &Path) -> Result<Loaded, demarcate::Error> {
        let loader = Loader::new().crs(self.input_crs.as_ref()).crs_member(true);
        if path == Path::new("-") {
            loader.reader(std::io::BufReader::new(std::io::stdin().lock()))
        } else {
            loader.path(path)
        }
    }

    /// Loads a dataset for analysis: any error-level finding stops the
    /// command, listing the findings.
    pub fn load_valid(&self, path: &Path) -> Result<BorderMap, Failure> {
        let loaded = self.load(path)?;
        if loaded.has_errors() {
            return Err(Failure::InvalidDataset {
                path: path.display().to_string(),
                errors: loaded
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        Ok(loaded.map)
    }
}

/// Checks a `--range` value: a positive number of metres.
pub fn check_range(range: Option<f64>) -> Result<(), Failure> {
    match range {
        Some(r) if !(r.is_finite() && r > 0.0) => Err(Failure::Usage(format!(
            "--range {r}: the range must be a positive number of metres"
        ))),
        _ => Ok(()),
    }
}
