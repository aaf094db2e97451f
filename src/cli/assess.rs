//! `svs assess PATH...`: the value assessment of every relationship (docs/format.md §5).

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus, load_resolved, unknown_id};
use crate::assess::Verdict;
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs assess catalog/                              Every relationship, as a table
  svs assess catalog/ --wide                       With reasons, missing outcomes and unmet checks
  svs assess catalog/ --format json                The stable JSON report
  svs assess catalog/ --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  svs assess catalog/ --consumer acme --fail-on no-value";

/// Arguments of `svs assess`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct AssessArgs {
    #[command(flatten)]
    input: super::Input,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Add the reasons, missing outcomes and unmet warranty checks to the table
    #[arg(long)]
    wide: bool,

    /// Assess only this relationship (repeatable)
    #[arg(long = "relationship", value_name = "ID")]
    relationships: Vec<String>,

    /// Assess only relationships with this consumer organisation
    #[arg(long, value_name = "ORG")]
    consumer: Option<String>,

    /// Assess only relationships with this provider organisation
    #[arg(long, value_name = "ORG")]
    provider: Option<String>,

    /// Exit 1 when a verdict is this bad: `no-value`, or `unassessed` (which also fails
    /// on `no-value`)
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
}

/// Formats of `svs assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal
    Table,
    /// The stable JSON report
    Json,
    /// Markdown with a quadrant chart, for pull requests and job summaries
    Markdown,
    /// One row per relationship, for spreadsheets
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    NoValue,
    Unassessed,
}

pub(super) fn run(
    args: &AssessArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some((_, catalogue)) = load_resolved(&args.input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let orgs = || {
        catalogue
            .organizations
            .iter()
            .map(|o| o.common.id.value.as_str())
    };
    let ids = || {
        catalogue
            .relationships
            .iter()
            .map(|r| r.common.id.value.as_str())
    };
    let problems = [
        ("--consumer", &args.consumer),
        ("--provider", &args.provider),
    ]
    .into_iter()
    .filter_map(|(flag, id)| Some((flag, id.as_deref()?)))
    .filter_map(|(flag, id)| unknown_id(flag, id, "organization", orgs()))
    .chain(
        args.relationships
            .iter()
            .filter_map(|id| unknown_id("--relationship", id, "relationship", ids())),
    );
    if let Some(message) = problems.into_iter().next() {
        writeln!(err, "{message}")?;
        return Ok(ExitStatus::Error);
    }
    let selected: Vec<usize> = catalogue
        .relationships
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            args.relationships.is_empty() || args.relationships.contains(&r.common.id.value)
        })
        .filter(|(_, r)| args.consumer.as_ref().is_none_or(|c| *c == r.consumer.id))
        .filter(|(_, r)| args.provider.as_ref().is_none_or(|p| *p == r.provider.id))
        .map(|(i, _)| i)
        .collect();
    let assessments = crate::assess::assess(&catalogue, &selected)?;
    match args.format {
        Format::Table => report::table::render_assessment(
            out,
            &catalogue,
            &assessments,
            context.color,
            args.wide,
            context.quiet,
        )?,
        Format::Json => report::json::render_assessment(out, &catalogue, &assessments)?,
        Format::Markdown => report::markdown::render_assessment(out, &catalogue, &assessments)?,
        Format::Csv => report::csv::render_assessment(out, &catalogue, &assessments)?,
    }
    out.flush()?;
    let fails = |a: &crate::assess::Assessment| match args.fail_on {
        None => false,
        Some(FailOn::NoValue) => a.verdict == Verdict::NoValue,
        Some(FailOn::Unassessed) => a.verdict != Verdict::Value,
    };
    Ok(if assessments.iter().any(fails) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
