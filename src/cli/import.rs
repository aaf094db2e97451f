//! `svs import SOURCE`: start a catalogue from another format ([`crate::import`]).
//!
//! One nested command per source format (`svs import backstage`, `svs import evidence`),
//! so that each keeps its own options and help. The catalogue goes to standard output, or with `-o DIR` to a new
//! directory written atomically; warnings and the summary go to standard error.

mod evidence;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{Context, ExitStatus};
use crate::import::backstage::{self, ImportError};
use crate::import::{WriteError, check_target, write_directory};

const EXAMPLES: &str = "\
Examples:
  svs import backstage . -o catalogue/     Every catalog-info.yaml under . into catalogue/
  svs import backstage catalog-info.yaml   One file, and the files its Locations name, to stdout
  svs import evidence q3.csv -o catalogue/evidence-2026-q3.yaml
                                           Tidy CSV rows into a new `evidence:` file";

const BACKSTAGE_EXAMPLES: &str = "\
Examples:
  svs import backstage . -o catalogue/         Every *.yaml under . into a new catalogue/
  svs import backstage catalog-info.yaml       One descriptor (and its Location targets), to stdout
  svs import backstage org/ services/ -o svs/ && svs lint svs/
  curl -s $BACKSTAGE/api/catalog/entities >entities.json
  svs import backstage entities.json -o svs/   The whole catalogue from a running Backstage";

/// Arguments of `svs import`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ImportArgs {
    #[command(subcommand)]
    source: Source,
}

/// The formats `svs import` reads.
#[derive(Debug, Subcommand)]
enum Source {
    /// A catalogue from Backstage descriptors (catalog-info.yaml)
    ///
    /// Groups become organisations, users people, systems products, components services;
    /// each provided API becomes an offering, and consumption across owners the
    /// relationships of the internal value network. Warnings name every entity passed
    /// over; the value data is left for the service owners, and `svs lint` lists it.
    Backstage(BackstageArgs),
    /// An `evidence:` file from tidy CSV rows (monitoring, finance, survey tools)
    ///
    /// One row per measurement, with the columns relationship, period, kind, name and
    /// value (and category, min, max, responses where a kind needs them), in any order.
    /// The rows become one record per relationship and period, in the order they first
    /// appear. Every bad row is reported as `FILE:LINE` with its column, and nothing is
    /// written until none is left.
    Evidence(evidence::EvidenceArgs),
}

/// Arguments of `svs import backstage`.
#[derive(Debug, Args)]
#[command(after_help = BACKSTAGE_EXAMPLES)]
pub struct BackstageArgs {
    /// Descriptor files or directories (walked for *.yaml / *.yml, in byte order of
    /// path); `Location` entities are followed to files inside these paths. A .json file
    /// is the catalog API's JSON (/api/catalog/entities, or a page of .../by-query)
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// Write a new catalogue directory (missing or empty; never inside an input path)
    /// instead of printing one file to standard output
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,

    /// Show every warning on its own line, instead of one line per cause with a count
    /// and the first few entities
    #[arg(short, long)]
    verbose: bool,
}

pub(super) fn run(
    args: &ImportArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    match &args.source {
        Source::Backstage(args) => run_backstage(args, context, out, err),
        Source::Evidence(args) => evidence::run(args, context, out, err),
    }
}

fn run_backstage(
    args: &BackstageArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if let Some(dir) = &args.output {
        if let Err(message) = check_output(dir, &args.paths) {
            writeln!(err, "error: {message}")?;
            return Ok(ExitStatus::Error);
        }
    }
    let name = catalogue_name(args.output.as_deref().unwrap_or(&args.paths[0]));
    let import = match backstage::import(&args.paths, &name) {
        Ok(import) => import,
        Err(ImportError::Input(error)) => {
            writeln!(err, "error: {error}")?;
            return Ok(ExitStatus::Error);
        }
        Err(error @ ImportError::NoEntity { .. }) => {
            if let ImportError::NoEntity { warnings, .. } = &error {
                print_warnings(err, warnings, args.verbose)?;
            }
            writeln!(err, "error: {error}")?;
            return Ok(ExitStatus::Error);
        }
    };
    print_warnings(err, &import.warnings, args.verbose)?;
    let written = if let Some(dir) = &args.output {
        let files = import.draft.to_files();
        if let Err(error) = write_directory(dir, &files) {
            writeln!(err, "error: {error}")?;
            if let WriteError::Io { source, .. } = &error {
                writeln!(err, "caused by: {source}")?;
            }
            return Ok(ExitStatus::Error);
        }
        Some((dir.clone(), files.len()))
    } else {
        out.write_all(import.draft.to_single_file().as_bytes())?;
        out.flush()?;
        None
    };
    if !context.quiet {
        summary(err, &import, written.as_ref(), args.verbose)?;
    }
    Ok(ExitStatus::Success)
}

/// The warnings, one line per cause ([`backstage::by_cause`]), or with `verbose` one
/// line each.
fn print_warnings(
    err: &mut dyn Write,
    warnings: &[backstage::Warning],
    verbose: bool,
) -> std::io::Result<()> {
    if verbose {
        for warning in warnings {
            writeln!(err, "warning: {warning}")?;
        }
    } else {
        for cause in backstage::by_cause(warnings) {
            writeln!(err, "warning: {cause}")?;
        }
    }
    Ok(())
}

/// Refuses an output directory that holds anything or lies inside an input directory.
fn check_output(dir: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    check_target(dir).map_err(|e| e.to_string())?;
    let target = absolute(dir);
    for input in inputs {
        let Ok(input) = std::fs::canonicalize(input) else {
            continue;
        };
        if input.is_dir() && target.starts_with(&input) {
            return Err(format!(
                "{} is inside the input {}; write the catalogue elsewhere, so that a \
                 second import does not read it back",
                dir.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// The absolute, resolved form of a path that may not exist yet: its nearest existing
/// ancestor resolved, and the rest appended.
fn absolute(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut current = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    loop {
        if let Ok(resolved) = std::fs::canonicalize(&current) {
            let mut result = resolved;
            for part in missing.iter().rev() {
                result.push(part);
            }
            return result;
        }
        match (current.file_name().map(ToOwned::to_owned), current.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name);
                current = parent.to_path_buf();
            }
            _ => return current,
        }
    }
}

/// The catalogue's name: the output directory's name, else the first input's.
fn catalogue_name(path: &Path) -> String {
    let named = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && s != "." && s != "..")
    };
    named(path)
        .or_else(|| std::fs::canonicalize(path).ok().as_deref().and_then(named))
        .unwrap_or_else(|| "backstage".to_owned())
}

/// What was read, what it became, and what to do next.
fn summary(
    err: &mut dyn Write,
    import: &backstage::Import,
    written: Option<&(PathBuf, usize)>,
    verbose: bool,
) -> std::io::Result<()> {
    let s = &import.summary;
    let d = &import.draft;
    let total: usize = s.read.values().sum();
    writeln!(
        err,
        "read {total} Backstage {} from {} {}: {}",
        plural(total, "entity", "entities"),
        s.files,
        plural(s.files, "file", "files"),
        by_kind(&s.read)
    )?;
    let imported: usize = s.imported.values().sum();
    writeln!(err, "imported {imported}: {}", by_kind(&s.imported))?;
    became(err, s, d)?;
    let unprovided = BTreeMap::from([("API".to_owned(), s.unprovided_apis)]);
    for (why, kinds) in [
        ("not catalogue entities", &s.skipped),
        (
            "template skeletons, fields holding `${{ … }}`",
            &s.templates,
        ),
        ("defined again, the first definition kept", &s.defined_again),
        ("no `metadata.name`", &s.unnamed),
        ("provided by no imported component", &unprovided),
    ] {
        if kinds.values().any(|&n| n > 0) {
            writeln!(err, "skipped ({why}): {}", by_kind(kinds))?;
        }
    }
    left_out_and_warned(err, import, verbose)?;
    let catalogue = if let Some((dir, files)) = written {
        writeln!(
            err,
            "wrote {} ({files} {})",
            dir.display(),
            plural(*files, "file", "files")
        )?;
        dir.display().to_string()
    } else {
        writeln!(
            err,
            "next: save the catalogue to a file, CATALOGUE (or use -o DIR next time)"
        )?;
        "CATALOGUE".to_owned()
    };
    next_steps(err, &catalogue, d.offerings.len())
}

/// The files recognised as holding no Backstage entity, on one line, and the number of
/// warnings, with the number of causes when they are grouped.
fn left_out_and_warned(
    err: &mut dyn Write,
    import: &backstage::Import,
    verbose: bool,
) -> std::io::Result<()> {
    let s = &import.summary;
    if !s.not_backstage.is_empty() {
        let files: Vec<String> = s
            .not_backstage
            .iter()
            .map(|(what, n)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        writeln!(err, "left out (not Backstage files): {}", files.join(", "))?;
    }
    let warnings = import.warnings.len();
    let causes = backstage::by_cause(&import.warnings).len();
    if verbose || causes == warnings {
        writeln!(
            err,
            "{warnings} {}",
            plural(warnings, "warning", "warnings")
        )
    } else {
        writeln!(
            err,
            "{warnings} warnings, one line per cause ({causes} {}): --verbose lists each",
            plural(causes, "cause", "causes")
        )
    }
}

/// What to do with a fresh import: lint it, name the offerings' targets first (until
/// then `svs lint` exits 1), and adopt the rest gradually with a baseline.
fn next_steps(err: &mut dyn Write, catalogue: &str, offerings: usize) -> std::io::Result<()> {
    writeln!(
        err,
        "next: svs lint {catalogue}   lists what the service owners must add: outcomes, \
         warranty, costs, risks, roles"
    )?;
    if offerings > 0 {
        let these = if offerings == 1 {
            "the offering".to_owned()
        } else {
            format!("each of the {offerings} offerings")
        };
        writeln!(
            err,
            "next: first give {these} its target consumer groups (`targets:`, a group \
             under `groups:` for each consuming team): until then SVS101 is an error and \
             `svs lint` exits 1"
        )?;
    }
    writeln!(
        err,
        "next: to adopt the rest gradually, record today's findings and see only new \
         ones: svs lint {catalogue} --format json >baseline.json && svs lint {catalogue} \
         --baseline baseline.json"
    )
}

/// What the entities read became, section by section.
fn became(
    err: &mut dyn Write,
    s: &backstage::Summary,
    d: &crate::import::Draft,
) -> std::io::Result<()> {
    let resources: usize = d.products.iter().map(|p| p.entity.resources.len()).sum();
    let mut became = vec![(s.from_groups, "organization", "organizations", "Groups")];
    if s.named_organizations > 0 {
        became.push((
            s.named_organizations,
            "organization",
            "organizations",
            "owners, parents and groups named but not read",
        ));
    }
    if s.placeholder {
        became.push((
            1,
            "organization",
            "organizations",
            "entities with no owner: the placeholder",
        ));
    }
    became.extend([
        (
            d.people.len(),
            "person",
            "people",
            "Users, and members Groups list",
        ),
        (
            d.groups.len(),
            "group",
            "groups",
            "Groups with members of other organisations",
        ),
        (
            d.products.len(),
            "product",
            "products",
            "Systems, and owners of resources outside one",
        ),
        (
            resources,
            "product resource",
            "product resources",
            "owners, Components and Resources",
        ),
        (d.services.len(), "service", "services", "Components"),
        (
            d.offerings.len(),
            "offering",
            "offerings",
            "provided APIs, components other teams depend on",
        ),
        (
            d.relationships.len(),
            "relationship",
            "relationships",
            "consumption across owners",
        ),
    ]);
    writeln!(err, "became:")?;
    for (count, one, many, from) in became {
        writeln!(
            err,
            "  {count:>5} {:<18} from {from}",
            plural(count, one, many)
        )?;
    }
    Ok(())
}

/// `4 API, 17 Component`: counts by kind, in the order of the kinds' names.
fn by_kind(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
