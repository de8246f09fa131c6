//! The `demarcate` command line: argument parsing and output formatting over
//! the library. Exit codes: 0 success (also when the reader of standard
//! output goes away), 1 invalid data or unusable input, 2 usage error.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod context;
mod failure;
mod output;
mod points;

mod buffer;
mod coverage;
mod distance;
mod median;
mod overlaps;
mod plan;
mod render;
mod report;
mod schedule;
mod validate;

use args::{Cli, Command};
use context::Context;
use failure::{Failure, Status};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        // A closed pipe (`demarcate distance ... | head`) ends the run quietly.
        Err(f) if f.is_broken_pipe() => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("demarcate: {f}");
            ExitCode::from(f.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<Status, Failure> {
    let ctx = Context::new(cli.crs.as_deref(), cli.out_crs.as_deref())?;
    match cli.command {
        Command::Validate(a) => validate::run(&ctx, a),
        Command::Distance(a) => distance::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Overlaps(a) => overlaps::run(&ctx, a),
        Command::Coverage(a) => coverage::run(&ctx, a),
        Command::Plan(a) => plan::run(&ctx, a),
        Command::Render(a) => render::run(&ctx, a),
        Command::Median(a) => median::run(&ctx, a),
        Command::Buffer(a) => buffer::run(&ctx, a),
        Command::Schedule(a) => schedule::run(&ctx, a),
    }
}
