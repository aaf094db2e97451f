//! `svs import SOURCE`: start a catalogue from another format ([`crate::import`]).
//!
//! One nested command per source format (`svs import backstage`, `svs import evidence`),
//! so that each keeps its own options and help. The catalogue goes to standard output, or with `-o DIR` to a new
//! directory written atomically; warnings and the summary go to standard error.

mod evidence;

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
  svs import backstage org/ services/ -o svs/ && svs lint svs/";

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
    /// path); `Location` entities are followed to files inside these paths
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    /// Write a new catalogue directory (missing or empty; never inside an input path)
    /// instead of printing one file to standard output
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
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
                for warning in warnings {
                    writeln!(err, "warning: {warning}")?;
                }
            }
            writeln!(err, "error: {error}")?;
            return Ok(ExitStatus::Error);
        }
    };
    for warning in &import.warnings {
        writeln!(err, "warning: {warning}")?;
    }
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
        summary(err, &import, written.as_ref())?;
    }
    Ok(ExitStatus::Success)
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
) -> std::io::Result<()> {
    let s = &import.summary;
    let d = &import.draft;
    let total: usize = s.read.values().sum();
    let kinds: Vec<String> = s.read.iter().map(|(k, n)| format!("{n} {k}")).collect();
    writeln!(
        err,
        "read {total} Backstage {} from {} {}: {}",
        plural(total, "entity", "entities"),
        s.files,
        plural(s.files, "file", "files"),
        kinds.join(", ")
    )?;
    let resources: usize = d.products.iter().map(|p| p.entity.resources.len()).sum();
    let became = [
        (
            d.organizations.len(),
            "organization",
            "organizations",
            "Groups",
        ),
        (d.people.len(), "person", "people", "Users"),
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
    ];
    writeln!(err, "became:")?;
    for (count, one, many, from) in became {
        writeln!(
            err,
            "  {count:>5} {:<18} from {from}",
            plural(count, one, many)
        )?;
    }
    if !s.skipped.is_empty() {
        let skipped: Vec<String> = s.skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        writeln!(
            err,
            "skipped (not catalogue entities): {}",
            skipped.join(", ")
        )?;
    }
    let warnings = import.warnings.len();
    writeln!(
        err,
        "{warnings} {}",
        plural(warnings, "warning", "warnings")
    )?;
    match written {
        Some((dir, files)) => {
            writeln!(
                err,
                "wrote {} ({files} {})",
                dir.display(),
                plural(*files, "file", "files")
            )?;
            writeln!(
                err,
                "next: svs lint {}   lists what the service owners must add: outcomes, \
                 warranty, costs, risks, roles",
                dir.display()
            )?;
        }
        None => writeln!(
            err,
            "next: save the catalogue (or use -o DIR) and run `svs lint` on it: it lists what \
             the service owners must add"
        )?,
    }
    Ok(())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
