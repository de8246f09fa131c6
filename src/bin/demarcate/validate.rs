//! `demarcate validate`: every finding of every dataset, one line each.

use std::io::Write;

use demarcate::Diagnostic;

use crate::args::{ValidateArgs, ValidateFormat};
use crate::context::Context;
use crate::failure::{Failure, Status, with_hint};
use crate::output::Output;

pub fn run(ctx: &Context, args: ValidateArgs) -> Result<Status, Failure> {
    let mut out = Output::open(args.output.as_deref())?;
    let several = args.datasets.len() > 1;
    let mut any_error = false;
    let mut json_rows = Vec::new();
    for path in &args.datasets {
        let name = path.display().to_string();
        let findings: Vec<Diagnostic> = match ctx.load(path) {
            Ok(loaded) => loaded.diagnostics,
            Err(e) => {
                // Fatal: not readable, not JSON or not a FeatureCollection.
                any_error = true;
                match args.format {
                    ValidateFormat::Text => {
                        writeln!(out, "error: {}", with_hint(&e)).map_err(|e| out.failed(e))?
                    }
                    ValidateFormat::Json => json_rows.push(serde_json::json!({
                        "file": name, "severity": "error", "feature": null, "id": null,
                        "property": null, "message": with_hint(&e),
                    })),
                }
                continue;
            }
        };
        let errors = findings.iter().filter(|d| d.is_error()).count();
        any_error |= errors > 0;
        for d in &findings {
            match args.format {
                ValidateFormat::Text if several => {
                    writeln!(out, "{name}: {d}").map_err(|e| out.failed(e))?
                }
                ValidateFormat::Text => writeln!(out, "{d}").map_err(|e| out.failed(e))?,
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
    if let ValidateFormat::Json = args.format {
        out.write_json(&serde_json::Value::Array(json_rows), true)?;
    }
    out.finish()?;
    Ok(if any_error {
        Status::Findings
    } else {
        Status::Success
    })
}
