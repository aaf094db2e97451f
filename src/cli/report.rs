//! `svs report PATH... [-o FILE]`: the value report as one self-contained HTML page, for
//! sponsors and customers (see [`crate::report::html`]).
//!
//! The page is built in memory from the same assessment, roles, network and lint run as
//! the other commands, then written to standard output or, with `-o`, to a temporary file
//! beside FILE that is renamed over it: a reader never sees half a report, and a failed
//! run leaves the old one in place. svs never writes to a catalogue file, so an output
//! path that is one of the inputs, one of the files read, or has a YAML extension (which
//! would make it part of a catalogue the next time a directory is read) is refused
//! before anything is loaded or written.
//!
//! With `--for ORG` the page is for one organisation's eyes (docs/format.md §8.8): the
//! [`Audience`] is computed here once, the relationships, portfolio entries, network and
//! findings it does not see are left out before rendering, and the renderer hides the
//! provider's side of the relationships it only consumes.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Context, ExitStatus, audience, load_resolved};
use crate::audience::{Audience, Findings};
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs report catalog/ -o value-report.html    Write the report for every relationship
  svs report catalog/ > value-report.html     The same, through standard output
  svs report catalog/ --for harbour > h.html  For Harbour's eyes: its own side of what it consumes
  svs report shop.yaml extra.yaml -o out/report.html
  svs report catalog/ --history -o r.html     With a trend of net value and margin over the git history";

/// Arguments of `svs report`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ReportArgs {
    #[command(flatten)]
    input: super::Input,

    #[command(flatten)]
    judged_at: super::AsOf,

    /// Write the report to FILE (replaced atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Write the report for this organisation's eyes: the relationships it (or a unit
    /// under it) consumes from its side only, with only the product resources marked
    /// `visible`, and those it provides from both sides
    #[arg(long = "for", value_name = "ORG")]
    for_organization: Option<String>,

    /// Add a trend chart of each relationship's net value and margin over the commits of
    /// the git history that change the catalogue (as `svs history` reads them)
    #[arg(long)]
    history: bool,
}

pub(super) fn run(
    args: &ReportArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if let Some(output) = &args.output {
        if let Err(why) = check_output(&args.input.paths, output) {
            writeln!(err, "error: -o {}: {why}", output.display())?;
            return Ok(ExitStatus::Error);
        }
    }
    let Some((mut loaded, catalogue)) = load_resolved(&args.input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let audience = match audience(&catalogue, args.for_organization.as_deref()) {
        Ok(audience) => audience,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let shown: Vec<usize> = (0..catalogue.relationships.len())
        .filter(|&r| audience.keeps(&catalogue.relationships[r]))
        .collect();
    let history = if args.history {
        let Some(mut history) = super::history::read(
            &args.input,
            super::history::Span::ALL,
            "--history: ",
            context,
            err,
        )?
        else {
            return Ok(ExitStatus::Error);
        };
        // Only the relationships the page shows, which the audience sees.
        let ids: std::collections::HashSet<&str> = shown
            .iter()
            .map(|&r| catalogue.relationships[r].common.id.value.as_str())
            .collect();
        history.keep(|id| ids.contains(id));
        Some(history)
    } else {
        None
    };
    let crate::assess::Evaluation {
        relationships: assessments,
        mut providers,
        consumers,
    } = crate::assess::evaluate_at(&catalogue, &shown, None, args.judged_at.resolve(&catalogue))?;
    // The consumers of the relationships shown: under `--for`, the organisation's own
    // units, and the customers of what it provides.
    providers.retain(|p| audience.sees_portfolio(p));
    let roles = crate::roles::relationship_roles(&catalogue, &shown)?;
    let mut network = crate::graph::network(&catalogue, None);
    if !audience.is_owners() {
        network = crate::graph::among(&catalogue, network, &shown);
    }
    // Lint needs the catalogue inside what was loaded; it is only lent back.
    loaded.catalogue = Some(catalogue);
    let options = crate::lint::Options {
        judged_at: args.judged_at.date,
        ..crate::lint::Options::default()
    };
    let mut lint = crate::lint::lint(&loaded, options);
    let Some(catalogue) = loaded.catalogue.as_ref() else {
        return Ok(ExitStatus::Error); // not reached: it was put back just above
    };
    restrict_findings(&mut lint, &audience, catalogue);

    let mut page = Vec::new();
    report::html::render(
        &mut page,
        &report::html::Report {
            catalogue,
            assessments: &assessments,
            providers: &providers,
            consumers: &consumers,
            roles: &roles,
            network: &network,
            lint: &lint,
            sources: &loaded.sources,
            audience: &audience,
            history: history.as_ref(),
        },
    )?;
    match &args.output {
        None => {
            out.write_all(&page)?;
            out.flush()?;
        }
        Some(output) => {
            if let Err(e) = write_atomically(output, &page) {
                writeln!(err, "error: cannot write {}: {e}", output.display())?;
                return Ok(ExitStatus::Error);
            }
            if !context.quiet {
                writeln!(
                    err,
                    "wrote {}: {}",
                    output.display(),
                    report::views::summary(catalogue, &assessments, &audience)
                )?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// Leaves out the findings the audience does not see, and the count of those the
/// catalogue suppressed, which is about every entity.
fn restrict_findings(
    lint: &mut crate::lint::LintReport,
    audience: &Audience,
    catalogue: &crate::model::Catalogue,
) {
    if audience.is_owners() {
        return;
    }
    let findings = Findings::new(audience, catalogue);
    lint.findings.retain(|finding| findings.sees(finding));
    lint.suppressed = 0;
}

/// Whether a path names a file svs reads as part of a catalogue in a directory.
fn has_yaml_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

/// Where `output` really is: its directory made canonical, joined with its name, or the
/// file itself made canonical when it exists (so a symbolic link is followed).
fn canonical_output(output: &Path) -> Result<PathBuf, String> {
    let Some(name) = output.file_name() else {
        return Err("not a file name".to_owned());
    };
    let directory = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let directory = fs::canonicalize(directory).map_err(|e| {
        format!(
            "cannot use directory {}: {}",
            directory.display(),
            io_reason(&e)
        )
    })?;
    let joined = directory.join(name);
    match fs::metadata(&joined) {
        Ok(metadata) if metadata.is_dir() => Err("is a directory".to_owned()),
        Ok(_) => fs::canonicalize(&joined).map_err(|e| io_reason(&e)),
        Err(_) => Ok(joined),
    }
}

/// Refuses an output path that is, or could become, a catalogue file of this run.
fn check_output(inputs: &[PathBuf], output: &Path) -> Result<(), String> {
    let target = canonical_output(output)?;
    for input in inputs {
        if fs::canonicalize(input).is_ok_and(|input| input == target) {
            return Err(format!("is one of the inputs ({})", input.display()));
        }
    }
    // Unreadable inputs are left for the loader to report.
    if let Ok(files) = crate::load::files::collect(inputs, &crate::load::files::Exclude::default())
    {
        for file in files {
            if fs::canonicalize(&file).is_ok_and(|file| file == target) {
                return Err(format!("is a catalogue file ({})", file.display()));
            }
        }
    }
    // The real file behind a link counts as well as the name given.
    if has_yaml_extension(output) || has_yaml_extension(&target) {
        return Err(
            "the report is HTML; a .yaml or .yml file would be read as part of a catalogue"
                .to_owned(),
        );
    }
    Ok(())
}

/// An I/O error's reason without the OS error number.
fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Writes `bytes` to a new hidden file beside `path`, then renames it over `path`: the
/// file is either the old one or the whole new one, never a part. The temporary file is
/// removed when anything fails.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    for attempt in 0..100u32 {
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(format!(".{}.{attempt}.tmp", std::process::id()));
        let temporary = directory.join(temporary_name);
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| {
                drop(file);
                fs::rename(&temporary, path)
            });
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        return written;
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name beside the output",
    ))
}
