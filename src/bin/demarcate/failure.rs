//! What stops a command, typed; `main` maps each kind to its exit code.

use std::path::PathBuf;

/// A command that could not finish.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The command line asks for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A `--crs`/`--out-crs` value this build cannot use (exit 2).
    #[error(transparent)]
    CrsOption(demarcate::Error),
    /// The library refused the data or an analysis input (exit 1); the
    /// message adds the command-line hint where there is one.
    #[error("{}", with_hint(.0))]
    Library(#[from] demarcate::Error),
    /// The dataset loads but has error-level findings (exit 1).
    #[error(
        "{path}: {} error(s) in the dataset; run `demarcate validate {path}` for all findings:\n  {}{}",
        errors.len(),
        errors.iter().take(20).cloned().collect::<Vec<_>>().join("\n  "),
        if errors.len() > 20 { format!("\n  ... and {} more", errors.len() - 20) } else { String::new() }
    )]
    InvalidDataset {
        /// The dataset as named on the command line.
        path: String,
        /// One line per error-level finding.
        errors: Vec<String>,
    },
    /// An input file (points) that cannot be used at all (exit 1).
    #[error("{file}: {message}")]
    Input {
        /// The file as named on the command line.
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// The output cannot be written (exit 1; a closed pipe exits 0 quietly).
    #[error("cannot write {}: {source}", target.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "the output".into()))]
    Write {
        /// The file, `None` for standard output.
        target: Option<PathBuf>,
        /// What the system said.
        source: std::io::Error,
    },
}

impl Failure {
    /// Writing to standard output failed.
    pub fn stdout(source: std::io::Error) -> Self {
        Failure::Write {
            target: None,
            source,
        }
    }

    /// A closed pipe downstream (`| head`): not a failure of this program.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The process exit code: 2 usage, 1 data or input, 0 for a closed pipe.
    pub fn exit_code(&self) -> u8 {
        use demarcate::Error;
        match self {
            _ if self.is_broken_pipe() => 0,
            Failure::Usage(_) | Failure::CrsOption(_) => 2,
            // What the user typed on the command line is a usage error; what
            // the data says is not.
            Failure::Library(Error::ProjUnavailable { .. })
            | Failure::Library(Error::UnknownCrs { origin: None, .. }) => 2,
            Failure::Library(_)
            | Failure::InvalidDataset { .. }
            | Failure::Input { .. }
            | Failure::Write { .. } => 1,
        }
    }
}

/// The library's message, plus what to type where the fix is an option
/// (the library does not know the command line).
pub fn with_hint(e: &demarcate::Error) -> String {
    use demarcate::Error;
    match e {
        Error::NoRange { .. } => format!("{e} (use --range M)"),
        Error::UnknownCrs {
            origin: Some(_), ..
        } => format!("{e} (use --crs)"),
        _ => e.to_string(),
    }
}

/// How a command that ran to its end went.
pub enum Status {
    /// Everything was answered.
    Success,
    /// Answers were written, but some inputs were reported and skipped, or
    /// the findings include errors (exit 1).
    Findings,
}
