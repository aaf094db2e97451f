//! `svs history [PATH...]`: the value of each relationship along the catalogue's git
//! history (SPEC §11.3), read from git's objects without touching the work tree.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus, unknown_id};
use crate::history::{History, HistoryError, Request};
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs history catalog/                             Each relationship's value at every commit that moved it
  svs history catalog/ --since v1.0                Since a tag, oldest first
  svs history catalog/ --relationship acme-mobile  One relationship's history
  svs history catalog/ --format json               The stable JSON document
  svs history catalog/ --format csv > history.csv  One row per point, for a spreadsheet
  svs history catalog/shop.yaml                    One file, followed back across renames";

/// Arguments of `svs history`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct HistoryArgs {
    #[command(flatten)]
    input: super::Input,

    /// The oldest commit read (default: the first commit of the history)
    #[arg(long, value_name = "REV")]
    since: Option<String>,

    /// The newest commit read: its first-parent history is walked back
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    until: String,

    /// Only this relationship (repeatable)
    #[arg(long = "relationship", value_name = "ID")]
    relationships: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Formats of `svs history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal
    Table,
    /// The stable JSON document
    Json,
    /// Markdown, for pull requests and job summaries
    Markdown,
    /// One row per point, for spreadsheets
    Csv,
}

pub(super) fn run(
    args: &HistoryArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let span = Span {
        since: args.since.as_deref(),
        until: &args.until,
        relationships: &args.relationships,
    };
    let Some(history) = read(&args.input, span, "", context, err)? else {
        return Ok(ExitStatus::Error);
    };
    match args.format {
        Format::Json => report::json::render_history(out, &history)?,
        Format::Table => {
            report::table::write(out, &report::views::history(&history), context.layout())?;
        }
        Format::Markdown => report::markdown::write(out, &report::views::history(&history))?,
        Format::Csv => report::csv::write(out, &report::views::history(&history))?,
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// Which part of the history to read, and of which relationships.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span<'a> {
    /// The oldest commit; the first when `None`.
    pub since: Option<&'a str>,
    /// The newest commit.
    pub until: &'a str,
    /// The relationships kept; all when empty.
    pub relationships: &'a [String],
}

impl Span<'_> {
    /// The whole history of `HEAD`, every relationship.
    pub const ALL: Span<'static> = Span {
        since: None,
        until: "HEAD",
        relationships: &[],
    };
}

/// Reads the history for `svs history` and `svs report --history`, with a progress line
/// where one may be shown, and keeps the relationships named. A usage error (outside git,
/// a revision git does not know, an unknown relationship) is written to `err` after
/// `flag` and gives `None` (exit 2).
pub(super) fn read(
    input: &super::Input,
    span: Span,
    flag: &str,
    context: &Context,
    err: &mut dyn Write,
) -> anyhow::Result<Option<History>> {
    let Span {
        since,
        until,
        relationships,
    } = span;
    let exclude = crate::load::files::Exclude::new(&input.exclude)?;
    let request = Request {
        paths: &input.paths,
        since,
        until,
        exclude: &exclude,
    };
    let bar = (crate::load::progress::enabled() && !context.quiet).then(|| {
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} reading history: {pos}/{len} commits",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
            .with_style(style)
    });
    let mut progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let read = crate::history::read(&request, &mut progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut history = match read {
        Ok(history) => history,
        Err(error) => {
            let Some(usage) = error.downcast_ref::<HistoryError>() else {
                return Err(error);
            };
            writeln!(err, "error: {flag}{usage}")?;
            return Ok(None);
        }
    };
    if let Some(commit) = &history.cut_at {
        writeln!(
            err,
            "note: the history is cut at {} ({}): the clone is shallow; `git fetch \
             --unshallow` reads the commits before it",
            commit.short, commit.date
        )?;
    }
    let ids = history.relationships.iter().map(|s| s.id.as_str());
    if let Some(message) = relationships
        .iter()
        .find_map(|id| unknown_id("--relationship", id, "relationship", ids.clone()))
    {
        writeln!(err, "{message}")?;
        return Ok(None);
    }
    history.keep(|id| relationships.is_empty() || relationships.iter().any(|r| r == id));
    Ok(Some(history))
}
