//! `svs review [ID...] [--due]`: the pack for the joint review of each relationship
//! (SPEC §11.4), in Markdown for a pull request or a wiki, or as a self-contained page.
//!
//! The positional arguments are relationship ids, as SPEC §11.4 writes the command, so
//! the catalogue is named with `-C/--catalogue PATH` (repeatable, default `.`), the
//! PATHs other commands take. An id that names no relationship is a usage error with the
//! closest id; one that is a file or directory says to give it with `-C`.
//!
//! The catalogue is loaded, assessed and linted once, as `svs assess` and `svs lint` do;
//! "since the last review" reads the catalogue from the last first-parent commit on or
//! before each last review (committer dates as UTC dates) and compares it with the one
//! loaded, as `svs diff REV:PATH PATH` does, once per distinct date. Outside a git work
//! tree that section says the history is not available; it is not an error.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::{Context, ExitStatus, load_resolved};
use crate::diff::Version;
use crate::load::files::Exclude;
use crate::model::{Catalogue, Kind};
use crate::report;
use crate::review::{Pack, Since};

const EXAMPLES: &str = "\
Examples:
  svs review -C catalog/                       A pack for every relationship with a management block
  svs review harbour-corporate-mobile -C catalog/ -o review.md
  svs review --due -C catalog/ --as-of 2027-01-05   Every review due at that date
  svs review --due -C catalog/ --format html -o reviews.html

The positional arguments are relationship ids; the catalogue is given with -C (default .).
Without ids or --due, every relationship with a management block is reviewed; with both,
the named relationships whose review is due. Exit 2 when nothing matches (with a block to
paste when the catalogue has no management block at all); --due with nothing due says so
and exits 0.";

/// Arguments of `svs review`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ReviewArgs {
    /// The relationships to review, by id (default: every one with a management block)
    #[arg(value_name = "ID")]
    ids: Vec<String>,

    /// The catalogue: files or directories read together as one catalogue (repeatable;
    /// default the current directory), walked as every command walks them
    #[arg(short = 'C', long, value_name = "PATH")]
    catalogue: Vec<PathBuf>,

    /// Leave out of directories the files and directories this glob matches (repeatable):
    /// it is tried on the name, the path below the directory given, and the path as shown
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Only the relationships whose review is due at the as-of date
    #[arg(long = crate::keys::names::DUE)]
    only_due: bool,

    #[command(flatten)]
    judged_at: super::AsOf,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,

    /// Write the pack to FILE, a new file written atomically (never overwritten)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Formats of `svs review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Markdown, for a pull request or a wiki
    Markdown,
    /// One self-contained HTML page
    Html,
}

pub(super) fn run(
    args: &ReviewArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if let Some(message) = refused(args) {
        writeln!(err, "{message}")?;
        return Ok(ExitStatus::Error);
    }
    let paths = if args.catalogue.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.catalogue.clone()
    };
    let input = super::Input {
        paths,
        exclude: args.exclude.clone(),
    };
    let Some((mut loaded, catalogue)) = load_resolved(&input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let as_of = args.judged_at.resolve(&catalogue);
    let selected = match select(&catalogue, args, as_of) {
        Ok(selected) => selected,
        Err(Refusal::Usage(message)) => {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
        Err(Refusal::NothingDue) => {
            let text = format!("No review is due at {as_of}.");
            if args.output.is_some() {
                writeln!(err, "{text}")?;
            } else {
                writeln!(out, "{text}")?;
            }
            return Ok(ExitStatus::Success);
        }
    };
    let every: Vec<usize> = (0..catalogue.relationships.len()).collect();
    let evaluation = crate::assess::evaluate_at(&catalogue, &every, None, as_of)?;
    let assessments = evaluation.relationships;
    loaded.catalogue = Some(catalogue);
    let options = crate::lint::Options {
        judged_at: Some(as_of),
        ..crate::lint::Options::default()
    };
    let lint = crate::lint::lint(&loaded, options);
    let Some(catalogue) = loaded.catalogue.as_ref() else {
        return Ok(ExitStatus::Error); // not reached: it was put back just above
    };
    let now = Version::new(catalogue, &assessments, &lint, &loaded.sources);
    let exclude = Exclude::new(&args.exclude)?;
    let mut history = History::new(&input.paths, &exclude, now, as_of);
    let records = crate::assess::delivered::Records::new(catalogue);
    let mut views = Vec::new();
    for index in selected {
        let last_review = crate::review::last_review(catalogue, index);
        let since = match last_review {
            None => Since::NoReview,
            Some(day) => history.since(day),
        };
        let pack = Pack {
            index,
            judged_at: as_of,
            periods: crate::review::periods_since(catalogue, &records, index, last_review),
            findings: crate::review::findings(catalogue, index, &lint, &loaded.sources),
            since,
        };
        views.push(report::views::review(catalogue, &pack, &assessments[index]));
    }
    write_pack(
        args,
        context,
        &catalogue.metadata.name,
        (as_of, &views),
        (out, err),
    )
}

/// The message of a usage error found before anything is read: an output file that
/// exists or would be read as a catalogue file, or a path given where an id goes.
fn refused(args: &ReviewArgs) -> Option<String> {
    if let Some(output) = &args.output {
        if std::fs::symlink_metadata(output).is_ok() {
            return Some(format!(
                "error: -o {}: the file exists; svs review never overwrites a file",
                output.display()
            ));
        }
        if is_yaml(output) {
            return Some(format!(
                "error: -o {}: a .yaml or .yml file would be read as part of a catalogue",
                output.display()
            ));
        }
    }
    // Ids are letters, digits, `.`, `_` and `-`: an argument with a slash or a YAML
    // extension is a catalogue given where an id goes.
    if let Some(path) = args
        .ids
        .iter()
        .find(|id| id.contains(['/', '\\']) || is_yaml(Path::new(id)))
    {
        return Some(format!(
            "error: svs review {path}: not a relationship id; the catalogue is given with \
             -C: `svs review -C {path}`"
        ));
    }
    None
}

/// Writes the pack of `views` in the format asked, to standard output or the new file.
fn write_pack(
    args: &ReviewArgs,
    context: &Context,
    name: &str,
    (as_of, views): (Date, &[crate::report::view::View]),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> anyhow::Result<ExitStatus> {
    let mut bytes = Vec::new();
    let title = format!("Review pack: {name}");
    let noun = Kind::Relationship.noun();
    let noun = if views.len() == 1 {
        noun.to_owned()
    } else {
        format!("{noun}s")
    };
    let lead = format!("As of {as_of}: {} {noun}.", views.len());
    match args.format {
        Format::Markdown => {
            writeln!(bytes, "# {}\n\n{lead}", report::markdown::escape(&title))?;
            for view in views {
                writeln!(bytes)?;
                report::markdown::write(&mut bytes, view)?;
            }
        }
        Format::Html => report::html::review::render(&mut bytes, &title, &lead, views)?,
    }
    match &args.output {
        None => {
            out.write_all(&bytes)?;
            out.flush()?;
        }
        Some(output) => {
            let text = String::from_utf8(bytes)?;
            if let Err(e) = crate::import::evidence::write_new_file(output, &text) {
                writeln!(err, "error: {e:#}")?;
                return Ok(ExitStatus::Error);
            }
            if !context.quiet {
                writeln!(err, "wrote {}: {lead}", output.display())?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// Why no pack is written.
enum Refusal {
    /// Exit 2 with this message.
    Usage(String),
    /// `--due` and nothing is due: said, exit 0.
    NothingDue,
}

/// The relationships to review, by index in catalogue order.
fn select(catalogue: &Catalogue, args: &ReviewArgs, as_of: Date) -> Result<Vec<usize>, Refusal> {
    let known = catalogue
        .relationships
        .iter()
        .map(|r| r.common.id.value.as_str());
    let mut wanted = Vec::new();
    for id in &args.ids {
        if let Some(mut message) =
            super::unknown_id("svs review", id, Kind::Relationship.noun(), known.clone())
        {
            if Path::new(id).exists() {
                message = format!(
                    "{message}; to read the catalogue at {id}, give it with -C: `svs review -C {id}`"
                );
            }
            return Err(Refusal::Usage(message));
        }
        wanted.push(id.as_str());
    }
    let relationships = &catalogue.relationships;
    if args.ids.is_empty() && relationships.iter().all(|r| r.management.is_none()) {
        return Err(Refusal::Usage(format!(
            "error: no relationship of the catalogue has a `management` block, so none has \
             a review to prepare; add one to a relationship (docs/format.md, \
             `management`), or name the relationships to review:\n\n{}",
            crate::review::example_block(catalogue)
        )));
    }
    let selected: Vec<usize> = (0..relationships.len())
        .filter(|&index| {
            let relationship = &relationships[index];
            if args.ids.is_empty() {
                relationship.management.is_some()
            } else {
                wanted.contains(&relationship.common.id.value.as_str())
            }
        })
        .filter(|&index| {
            let management = relationships[index].management.as_ref();
            !args.only_due || management.is_some_and(|m| m.is_due(as_of))
        })
        .collect();
    if selected.is_empty() {
        return Err(Refusal::NothingDue);
    }
    Ok(selected)
}

/// Whether a path names a file svs reads as part of a catalogue in a directory.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

/// The catalogue's git history, read once per last-review date.
struct History<'a> {
    /// Where the catalogue is in the repository, or why its history cannot be read.
    inside: Result<String, String>,
    exclude: &'a Exclude,
    now: Version,
    judged_at: Date,
    by_day: BTreeMap<Date, Since>,
}

impl<'a> History<'a> {
    fn new(paths: &[PathBuf], exclude: &'a Exclude, now: Version, as_of: Date) -> Self {
        let inside = match paths {
            _ if let Err(why) = crate::history::git::in_work_tree() => {
                Err(crate::history::git::not_here(why, paths, "review"))
            }
            [path] => crate::history::git::from_top(path).map_err(|_| {
                format!(
                    "{} is not in the Git work tree of the current directory",
                    path.display()
                )
            }),
            _ => Err("it is read only for a catalogue given as one PATH (-C)".to_owned()),
        };
        History {
            inside,
            exclude,
            now,
            judged_at: as_of,
            by_day: BTreeMap::new(),
        }
    }

    /// What changed since the last review on `day`.
    fn since(&mut self, day: Date) -> Since {
        if let Some(since) = self.by_day.get(&day) {
            return since.clone();
        }
        let since = self.read(day);
        self.by_day.insert(day, since.clone());
        since
    }

    fn read(&self, day: Date) -> Since {
        let inside = match &self.inside {
            Ok(inside) => inside,
            Err(why) => return Since::NotAvailable(why.clone()),
        };
        let commit = match crate::history::git::last_commit_on_or_before(day) {
            Ok(Some(commit)) => commit,
            Ok(None) => return Since::NoCommit(day),
            Err(why) => return Since::NotAvailable(why),
        };
        // The abbreviated hash, unique when git wrote it, names the files in findings as
        // people read them: `1547ceb:catalog/mobile-phones.yaml`.
        let loaded = match crate::load::git::load(&commit.short, inside, self.exclude) {
            Ok(loaded) => loaded,
            Err(crate::load::LoadError::Git { message, .. }) => {
                return Since::Unreadable {
                    commit,
                    why: message,
                };
            }
            Err(error) => {
                let why = format!("{:#}", anyhow::Error::from(error));
                return Since::Unreadable { commit, why };
            }
        };
        let Some(old) = loaded.catalogue.as_ref() else {
            let why = format!(
                "it does not load ({} structural findings)",
                loaded.diagnostics.len()
            );
            return Since::Unreadable { commit, why };
        };
        let every: Vec<usize> = (0..old.relationships.len()).collect();
        let assessments = match crate::assess::assess(old, &every) {
            Ok(assessments) => assessments,
            Err(error) => {
                return Since::Unreadable {
                    commit,
                    why: error.to_string(),
                };
            }
        };
        let options = crate::lint::Options {
            judged_at: Some(self.judged_at),
            ..crate::lint::Options::default()
        };
        let lint = crate::lint::lint(&loaded, options);
        let old = Version::new(old, &assessments, &lint, &loaded.sources);
        match crate::diff::compare(old, self.now.clone()) {
            Ok(diff) => Since::Diff {
                commit,
                diff: Box::new(diff),
            },
            Err(error) => Since::Unreadable {
                commit,
                why: error.to_string(),
            },
        }
    }
}
