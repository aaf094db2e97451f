//! `svs import evidence`: the `evidence:` section from the tidy CSV that monitoring,
//! finance and survey tools export (SPEC §10.6).
//!
//! Evidence arrives as rows, one measurement each: a monitoring tool exports the
//! availability achieved per relationship and quarter, the finance system the spend and
//! the service credits, a survey tool the scores per role. Tidy rows are what those tools
//! can all write, and what a service owner can check in a spreadsheet; the catalogue wants
//! one record per relationship and period. This module turns the one into the other: it
//! reads the rows of every file ([`import`]), checks each cell as the loader would check
//! the key it becomes, and gathers the rows into the model's own [`Evidence`] records,
//! grouped by relationship and period in the order they first appear, each list in the
//! order of its rows. The records are written by the one writer of catalogue files
//! ([`crate::write`]), so that the file lints with no structural finding against the
//! catalogue that holds the relationships.
//!
//! A bad row is never skipped: every one is reported with its `file:line` and column, and
//! nothing is written while any remains, so that a quarter's evidence is recorded whole or
//! not at all. The work is linear in the rows: records and measurements already given are
//! found through hash maps, never by comparing rows with each other.

mod rows;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::keys::names;
use crate::model::{Evidence, Period};
use crate::write::File;

/// The comment at the top of an imported file.
const HEADER: &str = "Evidence imported with `svs import evidence`: one record per relationship and \
period.";

/// A column of the CSV: the header's word for it, and whether every file must have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The relationship's id.
    Relationship,
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    Period,
    /// What the row measures.
    Kind,
    /// The metric, control, outcome, cost, role or party.
    Name,
    /// The number, or `true` / `false`.
    Value,
    /// A spend line's cost category.
    Category,
    /// The bottom of a perception scale.
    Min,
    /// The top of a perception scale.
    Max,
    /// How many responses a perception score stands for.
    Responses,
}

/// The columns, as the header names them, required ones first: the words of the keys
/// they become, where they become one.
pub const COLUMNS: [(&str, Column, bool); 9] = [
    (names::RELATIONSHIP, Column::Relationship, true),
    (names::PERIOD, Column::Period, true),
    (names::KIND, Column::Kind, true),
    (names::NAME, Column::Name, true),
    (names::VALUE, Column::Value, true),
    (names::CATEGORY, Column::Category, false),
    (names::MIN, Column::Min, false),
    (names::MAX, Column::Max, false),
    (names::RESPONSES, Column::Responses, false),
];

impl Column {
    /// The header's word for the column.
    pub fn word(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(_, column, _)| *column == self)
            .map_or("", |(word, _, _)| word)
    }
}

/// What a row measures: the `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// The availability achieved, in percent.
    Availability,
    /// A capacity metric delivered at peak.
    Capacity,
    /// A service-level metric achieved.
    ServiceLevel,
    /// The recovery time achieved, in hours.
    RtoHours,
    /// The recovery point achieved, in hours.
    RpoHours,
    /// A security control that failed (`true`) or held (`false`).
    SecurityFailed,
    /// A required outcome, achieved or not.
    Outcome,
    /// What the consumer paid.
    Spend,
    /// A service credit paid back.
    Credit,
    /// Harm from a risk that occurred.
    Loss,
    /// A score stakeholders gave.
    Perception,
}

/// The words of the `kind` column: the key a row becomes, where it is one.
pub const KINDS: [(&str, RowKind); 11] = [
    (names::AVAILABILITY, RowKind::Availability),
    (names::CAPACITY, RowKind::Capacity),
    ("service_level", RowKind::ServiceLevel),
    (names::RTO_HOURS, RowKind::RtoHours),
    (names::RPO_HOURS, RowKind::RpoHours),
    ("security_failed", RowKind::SecurityFailed),
    (names::OUTCOME, RowKind::Outcome),
    (names::SPEND, RowKind::Spend),
    ("credit", RowKind::Credit),
    ("loss", RowKind::Loss),
    (names::PERCEPTION, RowKind::Perception),
];

impl RowKind {
    /// The word of the `kind` column.
    pub fn word(self) -> &'static str {
        KINDS
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("", |(word, _)| word)
    }
}

/// A row, or a header, that cannot become evidence: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The file, as it was named.
    pub file: String,
    /// The line the row starts on, from 1.
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<&'static str>,
    /// What is wrong, and how to put it right.
    pub problem: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, "column `{column}`: ")?;
        }
        f.write_str(&self.problem)
    }
}

/// One CSV file to read: its name, as messages show it, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file as messages name it (its path as the user wrote it).
    pub file: &'a str,
    /// Its contents: UTF-8, with or without a byte order mark.
    pub bytes: &'a [u8],
}

/// What the rows became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// One record per relationship and period, in the order they first appear.
    pub records: Vec<Evidence>,
    /// How many rows were read, over every file.
    pub rows: usize,
}

impl Imported {
    /// How many relationships the records are about.
    pub fn relationships(&self) -> usize {
        let seen: HashSet<&str> = self
            .records
            .iter()
            .map(|record| &*record.relationship.id)
            .collect();
        seen.len()
    }

    /// The `evidence:` file: a comment, `svs: 1` and the records.
    pub fn text(&self) -> String {
        File::new().comment(HEADER).evidence(&self.records).text()
    }
}

/// Reads the rows of every file, in order, into evidence records.
///
/// # Errors
/// Every bad header and every bad row, in the order of the files and their lines.
pub fn import(inputs: &[Input<'_>]) -> Result<Imported, Vec<BadRow>> {
    let mut gather = rows::Gather::default();
    for (index, input) in inputs.iter().enumerate() {
        gather.file(index, input);
    }
    gather.finish()
}

/// The key of a record: its relationship and its period.
type RecordKey = (Box<str>, Period);

/// Why the evidence file was not written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file (or anything else) already has the name.
    #[error(
        "{} exists; `svs import evidence` writes a new file and never overwrites",
        path.display()
    )]
    Exists {
        /// The path.
        path: PathBuf,
    },
    /// The file could not be written.
    #[error("cannot write {}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Writes `text` as the new file `path`, all at once: into a hidden temporary file beside
/// it, then renamed to its name only if nothing has it (checked by the rename itself, so a
/// file created meanwhile is not overwritten either), as `svs init` writes its file.
///
/// # Errors
/// When `path` exists, or the file cannot be written; the temporary file is removed.
pub fn write_new_file(path: &Path, text: &str) -> Result<(), WriteError> {
    // `symlink_metadata`: a dangling symbolic link is an existing file too.
    if fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists {
            path: path.to_path_buf(),
        });
    }
    let io_error = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".svs-evidence.").suffix(".tmp");
    #[cfg(unix)]
    {
        // A temporary file is private to its owner (0600); a catalogue file is an
        // ordinary one, as open as the umask allows.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(io_error)?;
    file.write_all(text.as_bytes()).map_err(io_error)?;
    file.as_file().sync_all().map_err(io_error)?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(()),
        // The temporary file is dropped (and removed) with the error.
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists {
                path: path.to_path_buf(),
            })
        }
        Err(error) => Err(io_error(error.error)),
    }
}

#[cfg(test)]
mod tests;
