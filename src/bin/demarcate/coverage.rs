//! `demarcate coverage`: how much of the border the outposts see, and the gaps.

use std::io::Write;

use crate::args::{CoverageArgs, CoverageFormat};
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: CoverageArgs) -> Result<Status, Failure> {
    check_range(args.range)?;
    let map = ctx.load_valid(&args.dataset)?;
    let c = map.coverage(args.range)?;
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        CoverageFormat::Json => {
            let value = c.to_json();
            out.write_json(&value, true)?;
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
            .map_err(|e| out.failed(e))?;
            for g in &c.gaps {
                writeln!(
                    out,
                    "gap segment {} from_m {:.3} to_m {:.3} length_m {:.3}",
                    g.segment.id(),
                    g.from_m,
                    g.to_m,
                    g.length_m
                )
                .map_err(|e| out.failed(e))?;
            }
        }
    }
    out.finish()?;
    Ok(Status::Success)
}
