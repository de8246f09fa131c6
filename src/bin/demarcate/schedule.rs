//! `demarcate schedule`: the turning-point schedule of border segments.

use std::io::Write;

use demarcate::ScheduleOptions;

use crate::args::{ScheduleArgs, ScheduleFormat};
use crate::buffer::segment_id;
use crate::context::Context;
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: ScheduleArgs) -> Result<Status, Failure> {
    let map = ctx.load_valid(&args.dataset)?;
    let mut options = ScheduleOptions::new();
    if let Some(ids) = &args.segments {
        options = options.segments(ids.iter().map(|s| segment_id(&map, s)));
    }
    let schedule = map.schedule(&options)?;
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        ScheduleFormat::Json => out.write_json(&schedule.to_json(), true)?,
        ScheduleFormat::Csv => out
            .write_all(schedule.to_csv().as_bytes())
            .map_err(|e| out.failed(e))?,
        ScheduleFormat::Markdown => out
            .write_all(schedule.to_markdown().as_bytes())
            .map_err(|e| out.failed(e))?,
    }
    out.finish()?;
    Ok(Status::Success)
}
