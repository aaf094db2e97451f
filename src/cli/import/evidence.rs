//! `svs import evidence CSV... [-o FILE]`: an `evidence:` file from tidy CSV rows
//! ([`crate::import::evidence`]).
//!
//! The file goes to standard output, or with `-o FILE` to a new file written atomically
//! and never over an existing one; bad rows and the summary go to standard error. A bad
//! row is an error of the input, as an unreadable file is: the exit status is 2 and
//! nothing is written.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::super::{Context, ExitStatus};
use super::plural;
use crate::import::evidence::{self, Input, WriteError};

const EXAMPLES: &str = "\
Examples:
  svs import evidence uptime.csv finance.csv survey.csv -o catalogue/evidence-2026-q3.yaml
  svs import evidence catalog/evidence/harbour-2026.csv      One file, to standard output
  svs import evidence q3.csv -o evidence-q3.yaml && svs lint catalogue/ evidence-q3.yaml

One measurement per row; the header names the columns, in any order:
  relationship,period,kind,name,value,category,min,max,responses
  acme-mobile,2026-Q3,availability,,99.82,,,,
  acme-mobile,2026-Q3,outcome,staff-reachable,true,,,,
  acme-mobile,2026-Q3,spend,\"per-user fee, 2026\",90000,price,,,
  acme-mobile,2026-Q3,perception,user,3.8,,1,5,240

Kinds, with what `name` and `value` hold:
  availability              (empty)                  percent achieved, 0 to 100
  capacity, service_level   the metric               the value achieved
  rto_hours, rpo_hours      (empty)                  the hours achieved
  security_failed           the control              true (it failed) or false (it held)
  outcome                   the outcome's id         true or false (achieved)
  spend                     what was paid for        the amount; `category`: price, allocation,
                                                     network, procurement, training or other
  credit, loss              what it was              the amount
  perception                customer, user, sponsor  the score; `max` and `responses` needed,
                            or a party's id          `min` 1 unless given";

/// Arguments of `svs import evidence`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct EvidenceArgs {
    /// CSV files (UTF-8, a header row; a byte order mark and CRLF line ends are accepted),
    /// read in the order given
    #[arg(value_name = "CSV", required = true)]
    files: Vec<PathBuf>,

    /// Write a new file (never over an existing one) instead of printing to standard
    /// output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn run(
    args: &EvidenceArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if let Some(path) = &args.output {
        if std::fs::symlink_metadata(path).is_ok() {
            writeln!(err, "error: {}", WriteError::Exists { path: path.clone() })?;
            return Ok(ExitStatus::Error);
        }
    }
    let mut texts = Vec::with_capacity(args.files.len());
    let mut unreadable = false;
    for file in &args.files {
        match std::fs::read(file) {
            Ok(bytes) => texts.push((file.display().to_string(), bytes)),
            Err(error) => {
                writeln!(err, "error: cannot read {}: {error}", file.display())?;
                unreadable = true;
            }
        }
    }
    if unreadable {
        return Ok(ExitStatus::Error);
    }
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(file, bytes)| Input { file, bytes })
        .collect();
    let imported = match evidence::import(&inputs) {
        Ok(imported) => imported,
        Err(bad) => {
            for row in &bad {
                writeln!(err, "error: {row}")?;
            }
            let mut lines: Vec<(&str, u64)> = bad.iter().map(|b| (&*b.file, b.line)).collect();
            lines.dedup();
            writeln!(
                err,
                "{} {} on {} {}; nothing was written",
                bad.len(),
                plural(bad.len(), "fault", "faults"),
                lines.len(),
                plural(lines.len(), "line", "lines"),
            )?;
            return Ok(ExitStatus::Error);
        }
    };
    let text = imported.text();
    if let Some(path) = &args.output {
        if let Err(error) = evidence::write_new_file(path, &text) {
            writeln!(err, "error: {error}")?;
            if let WriteError::Io { source, .. } = &error {
                writeln!(err, "caused by: {source}")?;
            }
            return Ok(ExitStatus::Error);
        }
    } else {
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    if !context.quiet {
        let (rows, files, records) = (imported.rows, inputs.len(), imported.records.len());
        let relationships = imported.relationships();
        writeln!(
            err,
            "read {rows} {} from {files} {}: {records} evidence {} of {relationships} {}",
            plural(rows, "row", "rows"),
            plural(files, "file", "files"),
            plural(records, "record", "records"),
            plural(relationships, "relationship", "relationships"),
        )?;
        if let Some(path) = &args.output {
            writeln!(err, "wrote {}", path.display())?;
            writeln!(
                err,
                "next: put it beside the catalogue and run `svs lint`: every relationship, \
                 outcome and party it names must be there"
            )?;
        }
    }
    Ok(ExitStatus::Success)
}
