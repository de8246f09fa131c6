//! `demarcate report`: the whole analysis as JSON or Markdown.

use std::io::Write;

use demarcate::analysis::ReportOptions;

use crate::args::{ReportArgs, ReportFormat};
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: ReportArgs) -> Result<Status, Failure> {
    check_range(args.range)?;
    if args.schedule && !matches!(args.format, ReportFormat::Markdown) {
        return Err(Failure::Usage(
            "--schedule goes with --format markdown (the schedule command writes CSV and JSON)"
                .to_owned(),
        ));
    }
    let map = ctx.load_valid(&args.dataset)?;
    let report = map.report(&ReportOptions::new().default_range_m(args.range))?;
    for note in &report.notes {
        eprintln!("demarcate: note: {note}");
    }
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        ReportFormat::Json => out.write_json(&report.to_json(), true)?,
        ReportFormat::Markdown => {
            let mut text = report.to_markdown();
            if args.schedule {
                let schedule = map.schedule(&demarcate::ScheduleOptions::new())?;
                text.push_str("\n## Turning-point schedule\n\n");
                text.push_str(
                    "WGS84; distances and azimuths of the geodesic to the next point; \
                     the back azimuth is from the next point back.\n\n",
                );
                text.push_str(&schedule.to_markdown());
            }
            out.write_all(text.as_bytes()).map_err(|e| out.failed(e))?
        }
    }
    out.finish()?;
    Ok(Status::Success)
}
