//! `svs lint PATH...`: structural checks and lint rules, the CI entry point.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus};
use crate::diagnostic::Severity;
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs lint catalog/                         Every *.yaml / *.yml file under catalog/, as one catalogue
  svs lint a.yaml b.yaml --format json      Two files as one catalogue; findings as JSON
  svs lint catalog/ --fail-on warning       Exit 1 on warnings too";

/// Arguments of `svs lint`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct LintArgs {
    /// Catalogue files or directories, read together as one catalogue
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    fail_on: FailOn,
}

/// Formats of `svs lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Snippets in the style of rustc, each with its file, line and column
    Human,
    /// Stable JSON: findings and a summary
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

pub(super) fn run(
    args: &LintArgs,
    context: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let loaded = crate::load::load(&args.paths)?;
    let report = crate::lint::lint(&loaded);
    match args.format {
        Format::Human => {
            report::human::render_lint(
                out,
                &report,
                &loaded.sources,
                context.color,
                context.quiet,
            )?;
        }
        Format::Json => report::json::render_lint(out, &report, &loaded.sources)?,
    }
    out.flush()?;
    Ok(if report.fails(args.fail_on.into()) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
