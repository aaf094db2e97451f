//! `svs diff OLD NEW`: what changed in value between two versions of a catalogue.
//!
//! Either side may be `REV:PATH`, read from git by [`crate::load::git`] without touching
//! the work tree, unless a file or directory of that name exists.
//!
//! Both versions are loaded, assessed and linted exactly as `svs assess` and `svs lint`
//! would, then compared by [`crate::diff::compare`]. A version that does not load is a
//! usage error (exit 2): its findings go to standard error, naming the side.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{Context, ExitStatus};
use crate::diff::Version;
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs diff old/catalog/ catalog/                       What a change does to value
  svs diff old/catalog/ catalog/ --fail-on regression  Exit 1 when anything got worse
  svs diff old/catalog/ catalog/ --format markdown > value-diff.md
  svs diff HEAD~1:catalog catalog                      The last commit's change, read from git
  svs diff main:catalog catalog --format markdown      A branch against main, for a pull request";

/// Arguments of `svs diff`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct DiffArgs {
    /// The old version of the catalogue: a file or a directory, or `REV:PATH` to read it
    /// from git (`HEAD~1:catalog`)
    #[arg(value_name = "OLD")]
    old: PathBuf,

    /// The new version of the catalogue: a file or a directory, or `REV:PATH`
    #[arg(value_name = "NEW")]
    new: PathBuf,

    /// Leave out of directories the files and directories this glob matches (repeatable):
    /// it is tried on the name, the path below the directory given, and the path as shown
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    // The date both versions' budgets and evidence are judged at (their findings):
    // `--as-of` wins over each version's `catalogue.as_of`.
    #[command(flatten)]
    judged_at: super::AsOf,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Exit 1 on a regression: a worse verdict (value > unassessed > no-value), a lower
    /// utility or warranty score or net value, a provider verdict from sustainable to
    /// unsustainable, co-creation no longer mutual, or a new error finding (a side
    /// assessed for the first time is news, not a regression)
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
}

/// Formats of `svs diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tables for the terminal
    Table,
    /// Stable JSON, for scripts
    Json,
    /// Markdown, for a pull-request comment
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Anything that got worse
    Regression,
}

/// Which version of the catalogue, in messages.
#[derive(Debug, Clone, Copy)]
enum Side {
    Old,
    New,
}

impl Side {
    fn as_str(self) -> &'static str {
        match self {
            Side::Old => "OLD",
            Side::New => "NEW",
        }
    }
}

pub(super) fn run(
    args: &DiffArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    // Both sides are read before either is refused, so one run shows every problem.
    let exclude = crate::load::files::Exclude::new(&args.exclude)?;
    let at = args.judged_at.date;
    let old = load(&args.old, &exclude, (Side::Old, at), context, err)?;
    let new = load(&args.new, &exclude, (Side::New, at), context, err)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(ExitStatus::Error);
    };
    let diff = crate::diff::compare(old, new)?;
    match args.format {
        // The diff's tables keep every column and whole lines at any width.
        Format::Table => report::table::write(
            out,
            &report::views::diff(&diff),
            report::table::Layout {
                color: context.color,
                quiet: context.quiet,
                width: None,
            },
        )?,
        Format::Json => report::diff::json::render(out, &diff)?,
        Format::Markdown => report::markdown::write(out, &report::views::diff(&diff))?,
    }
    out.flush()?;
    Ok(match args.fail_on {
        Some(FailOn::Regression) if diff.regression() => ExitStatus::Failure,
        _ => ExitStatus::Success,
    })
}

/// Loads, assesses and lints one version, its findings judged at `--as-of` when given;
/// `None` (after printing why) when it does not load.
fn load(
    path: &std::path::Path,
    exclude: &crate::load::files::Exclude,
    (side, judged_at): (Side, Option<jiff::civil::Date>),
    context: &Context,
    err: &mut dyn Write,
) -> anyhow::Result<Option<Version>> {
    let shown = path.display();
    // A path that exists as written wins over `REV:PATH`: a file may be named `a:b`.
    let from_git = path
        .to_str()
        .filter(|_| std::fs::symlink_metadata(path).is_err())
        .and_then(crate::load::git::parse);
    let loaded = match from_git {
        Some((rev, inside)) => crate::load::git::load(rev, inside, exclude),
        None => crate::load::load(&[path.to_path_buf()], exclude),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(error) => {
            let error = anyhow::Error::from(error);
            writeln!(err, "error: {} catalogue: {error:#}", side.as_str())?;
            return Ok(None);
        }
    };
    let Some(catalogue) = loaded.catalogue.as_ref() else {
        report::human::render_diagnostics(
            err,
            &loaded.diagnostics,
            &loaded.sources,
            context.color_err,
        )?;
        let count = loaded.diagnostics.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        let hint = if from_git.is_some() {
            String::new()
        } else {
            format!("; `svs lint {shown}` lists them")
        };
        writeln!(
            err,
            "error: the {} catalogue {shown} does not load ({count} {noun}){hint}",
            side.as_str()
        )?;
        return Ok(None);
    };
    let indices: Vec<usize> = (0..catalogue.relationships.len()).collect();
    let assessments = crate::assess::assess(catalogue, &indices)
        .with_context(|| format!("in the {} catalogue {shown}", side.as_str()))?;
    let options = crate::lint::Options {
        judged_at,
        ..crate::lint::Options::default()
    };
    let lint = crate::lint::lint(&loaded, options);
    Ok(Some(Version::new(
        catalogue,
        &assessments,
        &lint,
        &loaded.sources,
    )))
}
