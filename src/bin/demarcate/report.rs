//! `demarcate report`: the whole analysis as JSON or Markdown.

use std::io::Write;

use demarcate::analysis::ReportOptions;

use crate::args::{ReportArgs, ReportFormat};
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: ReportArgs) -> Result<Status, Failure> {
    check_range(args.range)?;
    let map = ctx.load_valid(&args.dataset)?;
    let report = map.report(&ReportOptions::new().default_range_m(args.range))?;
    for note in &report.notes {
        eprintln!("demarcate: note: {note}");
    }
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        ReportFormat::Json => out.write_json(&report.to_json(), true)?,
        ReportFormat::Markdown => out
            .write_all(report.to_markdown().as_bytes())
            .map_err(|e| out.failed(e))?,
    }
    out.finish()?;
    Ok(Status::Success)
}
