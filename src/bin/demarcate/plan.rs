//! `demarcate plan`: new outposts so that the whole border is within range.

use demarcate::analysis::PlanOptions;

use crate::args::PlanArgs;
use crate::context::{Context, check_range};
use crate::failure::{Failure, Status};
use crate::output::Output;

pub fn run(ctx: &Context, args: PlanArgs) -> Result<Status, Failure> {
    check_range(Some(args.range))?;
    let map = ctx.load_valid(&args.dataset)?;
    let mut options = PlanOptions::new(args.range).keep_existing(args.keep_existing);
    if let Some((m, party)) = args.setback.zip(args.party) {
        if !map.territories().any(|t| t.party().as_str() == party)
            && !map
                .segments()
                .any(|s| s.left().as_str() == party || s.right().as_str() == party)
        {
            return Err(Failure::Usage(format!(
                "--party {party}: no territory or border segment names this party"
            )));
        }
        options = options.setback(m, party.as_str());
    }
    let plan = map.plan(&options)?;
    eprintln!(
        "demarcate: {} new post(s) of range {} m (no plan can use fewer than {}); verified: {:.1}% of the border covered",
        plan.posts.len(),
        args.range,
        plan.lower_bound,
        plan.coverage.covered_fraction * 100.0
    );
    let mut out = Output::open(args.output.as_deref())?;
    out.write_json(
        &plan.to_feature_collection(&args.operator.as_str().into()),
        false,
    )?;
    out.finish()?;
    Ok(Status::Success)
}
