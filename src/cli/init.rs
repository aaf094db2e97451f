//! `svs init [DIR]`: writes the starter catalogue ([`crate::init`]) as
//! `DIR/catalogue.yaml`, refusing to overwrite anything, and says what to run next.
//!
//! Status goes to standard error, as progress does for every command: standard output
//! stays empty, and `-q` silences the rest.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Context, ExitStatus};
use crate::init::{InitError, write_starter};

const EXAMPLES: &str = "\
Examples:
  svs init                  Write ./catalogue.yaml
  svs init services/        Write services/catalogue.yaml, creating services/
  svs init services/ && svs lint services/ && svs assess services/";

/// Arguments of `svs init`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct InitArgs {
    /// Directory to write `catalogue.yaml` in; created when missing
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

pub(super) fn run(
    args: &InitArgs,
    context: &Context,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let written = match write_starter(&args.dir) {
        Ok(written) => written,
        Err(error @ InitError::Exists { .. }) => {
            writeln!(err, "error: {error}")?;
            writeln!(
                err,
                "help: give another directory (`svs init DIR`), or move the file away first"
            )?;
            return Ok(ExitStatus::Error);
        }
        Err(error) => return Err(error.into()),
    };
    if !context.quiet {
        next_steps(err, &args.dir, &written)?;
    }
    Ok(ExitStatus::Success)
}

/// What was written and what to run next. When the directory already held other
/// catalogue files, `svs lint DIR` would read them together with the starter, so the
/// commands name the starter's file instead.
fn next_steps(err: &mut dyn Write, dir: &Path, written: &Path) -> std::io::Result<()> {
    let others = crate::load::files::collect(
        &[dir.to_path_buf()],
        &crate::load::files::Exclude::default(),
    )
    .map_or(0, |files| files.len().saturating_sub(1));
    writeln!(
        err,
        "created {}: a starter catalogue with two service relationships",
        written.display()
    )?;
    let target = if others == 0 {
        dir.display().to_string()
    } else {
        let (noun, pronoun) = if others == 1 {
            ("file", "it")
        } else {
            ("files", "them")
        };
        writeln!(
            err,
            "note: {} already holds {others} other *.yaml / *.yml {noun}; `svs lint {}` \
             would read {pronoun} and the starter as one catalogue",
            dir.display(),
            dir.display()
        )?;
        written.display().to_string()
    };
    let steps = [
        (format!("svs lint {target}"), "no findings"),
        (
            format!("svs assess {target}"),
            "both relationships co-create value (mutual)",
        ),
        (
            "svs explain SVS302".to_owned(),
            "what a rule checks and how to fix what it finds",
        ),
    ];
    let width = steps
        .iter()
        .map(|(command, _)| command.chars().count())
        .max()
        .unwrap_or(0);
    writeln!(err, "next:")?;
    for (command, why) in steps {
        writeln!(err, "  {command:<width$}  {why}")?;
    }
    Ok(())
}
