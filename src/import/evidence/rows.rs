//! Reading the rows: the header of each file, then each row's cells checked as the loader
//! checks the key each becomes, and the row added to its record.
//!
//! Every cell of a row is checked before the row is dropped, so that one pass over a file
//! reports all that is wrong with it; a row with any fault adds nothing.

use std::collections::HashMap;

use csv::{ByteRecord, ReaderBuilder, Trim};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{BadRow, COLUMNS, Column, Imported, Input, KINDS, RecordKey, RowKind};
use crate::load::decode::evidence::PERCEIVER_ROLES;
use crate::load::decode::relationships::IMPOSED_COST_CATEGORIES;
use crate::load::decode::{is_valid_id, parse_decimal};
use crate::model::{
    AchievedContinuity, AchievedWarranty, CostCategory, DEFAULT_PERCEPTION_MIN, Evidence,
    Measurement, OutcomeMeasurement, PERIOD_FORMS, Perceiver, Perception, Period, Ref,
    SecurityReport, Spanned, Spend, Sum, nowhere,
};
use crate::suggest::closest;

/// The byte order mark some tools (spreadsheets among them) put before UTF-8 text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a row adds to its record, its cells checked.
#[derive(Debug)]
enum Entry {
    /// The availability achieved.
    Availability(Decimal),
    /// A capacity metric and what was delivered at peak.
    Capacity(String, Decimal),
    /// A service-level metric and what was achieved.
    ServiceLevel(String, Decimal),
    /// The recovery time achieved.
    RtoHours(Decimal),
    /// The recovery point achieved.
    RpoHours(Decimal),
    /// A security control, and whether it failed.
    Security(String, bool),
    /// A required outcome, and whether it was achieved.
    Outcome(String, bool),
    /// What was paid for, its category and amount.
    Spend(String, CostCategory, Decimal),
    /// A service credit paid back.
    Credit(String, Decimal),
    /// Harm from a risk that occurred.
    Loss(String, Decimal),
    /// A score stakeholders gave.
    Perception(Perception),
}

impl Entry {
    /// What a record holds at most once, by its kind and name: a second row for it would
    /// contradict the first.
    fn once(&self) -> Option<(RowKind, &str)> {
        match self {
            Entry::Availability(_) => Some((RowKind::Availability, "")),
            Entry::RtoHours(_) => Some((RowKind::RtoHours, "")),
            Entry::RpoHours(_) => Some((RowKind::RpoHours, "")),
            Entry::Capacity(metric, _) => Some((RowKind::Capacity, metric)),
            Entry::ServiceLevel(metric, _) => Some((RowKind::ServiceLevel, metric)),
            Entry::Security(control, _) => Some((RowKind::SecurityFailed, control)),
            Entry::Outcome(outcome, _) => Some((RowKind::Outcome, outcome)),
            Entry::Spend(..) | Entry::Credit(..) | Entry::Loss(..) | Entry::Perception(_) => None,
        }
    }
}

/// Where each column is in a file's rows, and how many fields its header has.
struct Header {
    at: [Option<usize>; COLUMNS.len()],
    width: usize,
}

/// The rows of every file, gathered into records.
#[derive(Default)]
pub(super) struct Gather {
    records: Vec<Evidence>,
    /// Each record's place in `records`.
    index: HashMap<RecordKey, usize>,
    /// What a record holds at most once (its record, kind and name), with the file and
    /// line that first gave it.
    given: HashMap<(usize, RowKind, String), (usize, u64)>,
    /// The names of the files read so far.
    files: Vec<String>,
    rows: usize,
    bad: Vec<BadRow>,
}

impl Gather {
    /// Reads one file's header and rows.
    pub(super) fn file(&mut self, file: usize, input: &Input<'_>) {
        self.files.push(input.file.to_owned());
        let bytes = input.bytes.strip_prefix(BOM).unwrap_or(input.bytes);
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(Trim::All)
            .from_reader(bytes);
        let mut record = ByteRecord::new();
        let mut header: Option<Header> = None;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    let line = error.position().map_or(1, csv::Position::line);
                    self.bad(file, line, None, format!("cannot be read as CSV: {error}"));
                    break;
                }
            }
            let line = record.position().map_or(1, csv::Position::line);
            match &header {
                Some(columns) => self.row(file, line, columns, &record),
                None => match self.header(file, line, &record) {
                    Some(columns) => header = Some(columns),
                    // Rows cannot be read without their columns: the header's faults are
                    // what there is to report.
                    None => return,
                },
            }
        }
        if header.is_none() {
            let columns: Vec<&str> = COLUMNS.iter().map(|(word, ..)| *word).collect();
            self.bad(
                file,
                1,
                None,
                format!(
                    "the file has no header row: the first line names the columns, such as `{}`",
                    columns[..5].join(",")
                ),
            );
        }
    }

    /// The records, or every bad row.
    pub(super) fn finish(self) -> Result<Imported, Vec<BadRow>> {
        if self.bad.is_empty() {
            Ok(Imported {
                records: self.records,
                rows: self.rows,
            })
        } else {
            Err(self.bad)
        }
    }

    fn bad(&mut self, file: usize, line: u64, column: Option<&'static str>, message: String) {
        self.bad.push(BadRow {
            file: self.files[file].clone(),
            line,
            column,
            problem: message,
        });
    }

    /// The columns the header names: each known one once, every required one present.
    fn header(&mut self, file: usize, line: u64, record: &ByteRecord) -> Option<Header> {
        let mut at = [None; COLUMNS.len()];
        let before = self.bad.len();
        let words = COLUMNS.iter().map(|(word, ..)| *word);
        for (place, cell) in record.iter().enumerate() {
            let word = String::from_utf8_lossy(cell);
            let known = COLUMNS.iter().position(|(name, ..)| *name == word);
            match known {
                Some(column) if at[column].is_some() => self.bad(
                    file,
                    line,
                    Some(COLUMNS[column].0),
                    "the header names this column twice".to_owned(),
                ),
                Some(column) => at[column] = Some(place),
                None => {
                    let hint = closest(&word.to_lowercase(), words.clone())
                        .map_or(String::new(), |s| format!(": did you mean `{s}`?"));
                    let all: Vec<&str> = words.clone().collect();
                    self.bad(
                        file,
                        line,
                        None,
                        format!(
                            "the header names an unknown column `{word}`{hint} (the columns are {})",
                            all.join(", ")
                        ),
                    );
                }
            }
        }
        for (column, (word, _, required)) in COLUMNS.iter().enumerate() {
            if *required && at[column].is_none() {
                self.bad(
                    file,
                    line,
                    Some(word),
                    "the header lacks this required column (every file needs `relationship`, \
                     `period`, `kind`, `name` and `value`)"
                        .to_owned(),
                );
            }
        }
        (self.bad.len() == before).then_some(Header {
            at,
            width: record.len(),
        })
    }

    /// Checks one row and adds it to its record.
    fn row(&mut self, file: usize, line: u64, header: &Header, record: &ByteRecord) {
        self.rows += 1;
        if record.len() != header.width {
            let message = format!(
                "the row has {} fields where the header has {}: quote a field that holds a comma",
                record.len(),
                header.width
            );
            self.bad(file, line, None, message);
            return;
        }
        let mut cells = [""; COLUMNS.len()];
        let mut problems: Vec<(Column, String)> = Vec::new();
        for (column, place) in header.at.iter().enumerate() {
            let Some(place) = place else { continue };
            match std::str::from_utf8(&record[*place]) {
                Ok(text) => cells[column] = text,
                Err(_) => problems.push((COLUMNS[column].1, "is not UTF-8 text".to_owned())),
            }
        }
        // A cell that is not text is reported alone, not again as an empty one.
        let checked = if problems.is_empty() {
            let row = Row {
                cells,
                problems: &mut problems,
            };
            row.check()
        } else {
            None
        };
        if problems.is_empty() {
            if let Some((relationship, period, entry)) = checked {
                self.add(file, line, relationship, period, entry);
            }
        }
        for (column, message) in problems {
            self.bad(file, line, Some(column.word()), message);
        }
    }

    /// Adds a checked row to its record, unless the record has what it gives already.
    fn add(&mut self, file: usize, line: u64, relationship: &str, period: Period, entry: Entry) {
        let key: RecordKey = (relationship.into(), period);
        let records = &mut self.records;
        let record = *self.index.entry(key).or_insert_with(|| {
            records.push(new_record(relationship, period));
            records.len() - 1
        });
        if let Some((kind, name)) = entry.once() {
            let first = self
                .given
                .entry((record, kind, name.to_owned()))
                .or_insert((file, line));
            if *first != (file, line) {
                let (first_file, first_line) = *first;
                let what = if name.is_empty() {
                    format!("`{}`", kind.word())
                } else {
                    format!("`{}` `{name}`", kind.word())
                };
                let message = format!(
                    "{what} of `{relationship}` in {period} is given twice: first at {}:{first_line}",
                    self.files[first_file]
                );
                let column = if name.is_empty() {
                    Column::Kind
                } else {
                    Column::Name
                };
                self.bad(file, line, Some(column.word()), message);
                return;
            }
        }
        put(&mut self.records[record], entry);
    }
}

/// The record's achieved warranty, begun when a row first gives some.
fn warranty(record: &mut Evidence) -> &mut AchievedWarranty {
    record
        .warranty
        .get_or_insert_with(AchievedWarranty::default)
}

/// An empty record of a relationship and a period.
fn new_record(relationship: &str, period: Period) -> Evidence {
    Evidence {
        relationship: Ref::unplaced(relationship),
        period: Spanned::unplaced(period),
        warranty: None,
        outcomes: Vec::new(),
        spend: Vec::new(),
        credits: Vec::new(),
        losses: Vec::new(),
        perception: Vec::new(),
        note: None,
        span: nowhere(),
    }
}

/// Puts what a row gives into its record, after what earlier rows gave.
fn put(record: &mut Evidence, entry: Entry) {
    let measurement = |metric: String, value| Measurement {
        metric: Spanned::unplaced(metric),
        value,
        span: nowhere(),
    };
    let sum = |name, amount| Sum {
        name,
        amount,
        span: nowhere(),
    };
    match entry {
        Entry::Availability(value) => {
            warranty(record).availability = Some(Spanned::unplaced(value));
        }
        Entry::Capacity(metric, value) => {
            warranty(record).capacity.push(measurement(metric, value));
        }
        Entry::ServiceLevel(metric, value) => {
            warranty(record)
                .service_levels
                .push(measurement(metric, value));
        }
        Entry::RtoHours(value) => {
            let continuity = warranty(record)
                .continuity
                .get_or_insert_with(AchievedContinuity::default);
            continuity.rto_hours = Some(Spanned::unplaced(value));
        }
        Entry::RpoHours(value) => {
            let continuity = warranty(record)
                .continuity
                .get_or_insert_with(AchievedContinuity::default);
            continuity.rpo_hours = Some(Spanned::unplaced(value));
        }
        Entry::Security(control, failed) => {
            let report = warranty(record)
                .security
                .get_or_insert_with(SecurityReport::default);
            if failed {
                report.failed.push(Spanned::unplaced(control));
            }
        }
        Entry::Outcome(outcome, achieved) => record.outcomes.push(OutcomeMeasurement {
            outcome: Ref::unplaced(outcome),
            achieved,
            span: nowhere(),
        }),
        Entry::Spend(name, category, amount) => record.spend.push(Spend {
            name,
            category,
            amount,
            span: nowhere(),
        }),
        Entry::Credit(name, amount) => record.credits.push(sum(name, amount)),
        Entry::Loss(name, amount) => record.losses.push(sum(name, amount)),
        Entry::Perception(perception) => record.perception.push(perception),
    }
}

/// One row's cells (empty where the file has no such column), and the problems found in
/// them so far.
struct Row<'r, 'p> {
    cells: [&'r str; COLUMNS.len()],
    problems: &'p mut Vec<(Column, String)>,
}

impl<'r> Row<'r, '_> {
    fn cell(&self, column: Column) -> &'r str {
        let index = COLUMNS
            .iter()
            .position(|(_, c, _)| *c == column)
            .unwrap_or(0);
        self.cells[index]
    }

    fn problem(&mut self, column: Column, message: String) {
        self.problems.push((column, message));
    }

    /// Every cell checked: the record's relationship and period, and what the row gives
    /// it; none when any cell is at fault.
    fn check(mut self) -> Option<(&'r str, Period, Entry)> {
        let relationship = self.id(Column::Relationship, "a relationship");
        let period = match Period::parse(self.cell(Column::Period)) {
            Ok(period) => Some(period),
            Err(_) if self.cell(Column::Period).is_empty() => {
                self.problem(Column::Period, format!("is empty: write {PERIOD_FORMS}"));
                None
            }
            Err(problem) => {
                self.problem(Column::Period, problem);
                None
            }
        };
        let kind = self.kind();
        let entry = kind.and_then(|kind| self.entry(kind));
        Some((relationship?, period?, entry?))
    }

    /// The `kind` column, with the nearest kind when it names none.
    fn kind(&mut self) -> Option<RowKind> {
        let word = self.cell(Column::Kind);
        if let Some((_, kind)) = KINDS.iter().find(|(name, _)| *name == word) {
            return Some(*kind);
        }
        let words = KINDS.iter().map(|(name, _)| *name);
        let hint = closest(&word.to_lowercase(), words.clone())
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        let all: Vec<&str> = words.collect();
        let found = if word.is_empty() {
            "it is empty".to_owned()
        } else {
            format!("found `{word}`")
        };
        self.problem(
            Column::Kind,
            format!("must be one of {}, {found}{hint}", all.join(", ")),
        );
        None
    }

    /// What the row gives, in the columns its kind uses; the others must be empty.
    fn entry(&mut self, kind: RowKind) -> Option<Entry> {
        let named = !matches!(
            kind,
            RowKind::Availability | RowKind::RtoHours | RowKind::RpoHours
        );
        self.unused(Column::Name, !named, kind);
        self.unused(Column::Category, kind != RowKind::Spend, kind);
        for column in [Column::Min, Column::Max, Column::Responses] {
            self.unused(column, kind != RowKind::Perception, kind);
        }
        let text = |row: &mut Self, what: &str| row.text(Column::Name, what);
        match kind {
            RowKind::Availability => {
                let value = self.number(Column::Value)?;
                if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
                    self.problem(
                        Column::Value,
                        format!("an availability is from 0 to 100 (percent), found {value}"),
                    );
                    return None;
                }
                Some(Entry::Availability(value))
            }
            RowKind::Capacity => {
                let metric = text(self, "the capacity metric");
                Some(Entry::Capacity(metric?, self.number(Column::Value)?))
            }
            RowKind::ServiceLevel => {
                let metric = text(self, "the service-level metric");
                Some(Entry::ServiceLevel(metric?, self.number(Column::Value)?))
            }
            RowKind::RtoHours => self.amount(Column::Value).map(Entry::RtoHours),
            RowKind::RpoHours => self.amount(Column::Value).map(Entry::RpoHours),
            RowKind::SecurityFailed => {
                let control = text(self, "the security control");
                Some(Entry::Security(control?, self.truth()?))
            }
            RowKind::Outcome => {
                let outcome = self.id(Column::Name, "an outcome");
                Some(Entry::Outcome(outcome?.to_owned(), self.truth()?))
            }
            RowKind::Spend => {
                let name = text(self, "what was paid for");
                let category = self.category();
                let amount = self.amount(Column::Value);
                Some(Entry::Spend(name?, category?, amount?))
            }
            RowKind::Credit => {
                let name = text(self, "the credit");
                Some(Entry::Credit(name?, self.amount(Column::Value)?))
            }
            RowKind::Loss => {
                let name = text(self, "the loss");
                Some(Entry::Loss(name?, self.amount(Column::Value)?))
            }
            RowKind::Perception => self.perception().map(Entry::Perception),
        }
    }

    /// A column the row's kind does not use must be empty, so that nothing is dropped.
    fn unused(&mut self, column: Column, unused: bool, kind: RowKind) {
        let cell = self.cell(column);
        if unused && !cell.is_empty() {
            let uses = match column {
                Column::Name => "takes no name",
                Column::Category => "has no category (only `spend` does)",
                _ => "has no scale (only `perception` does)",
            };
            self.problem(
                column,
                format!(
                    "a `{}` row {uses}, found `{cell}`: leave it empty",
                    kind.word()
                ),
            );
        }
    }

    /// An id of the catalogue, in the form ids have.
    fn id(&mut self, column: Column, what: &str) -> Option<&'r str> {
        let cell = self.cell(column);
        if is_valid_id(cell) {
            return Some(cell);
        }
        let found = if cell.is_empty() {
            "it is empty".to_owned()
        } else {
            format!("found `{cell}`")
        };
        self.problem(
            column,
            format!(
                "must be the id of {what} (1 to 63 characters: lower-case letters, digits, `.`, \
                 `_` and `-`, starting with a letter or digit), {found}"
            ),
        );
        None
    }

    /// Text that must be there.
    fn text(&mut self, column: Column, what: &str) -> Option<String> {
        let cell = self.cell(column);
        if cell.is_empty() {
            self.problem(column, format!("is empty: give {what}"));
            return None;
        }
        Some(cell.to_owned())
    }

    /// An exact decimal.
    fn number(&mut self, column: Column) -> Option<Decimal> {
        let cell = self.cell(column);
        if cell.is_empty() {
            self.problem(column, "is empty: give a number".to_owned());
            return None;
        }
        match parse_decimal(cell) {
            Ok(value) => Some(value),
            Err(problem) => {
                self.problem(column, format!("must be a number: {problem}"));
                None
            }
        }
    }

    /// An amount or a number of hours: 0 or more.
    fn amount(&mut self, column: Column) -> Option<Decimal> {
        let value = self.number(column)?;
        if value.is_sign_negative() && !value.is_zero() {
            self.problem(column, format!("must be 0 or more, found {value}"));
            return None;
        }
        Some(value)
    }

    /// `true` or `false`, in any case (spreadsheets write `TRUE`).
    fn truth(&mut self) -> Option<bool> {
        let cell = self.cell(Column::Value);
        if cell.eq_ignore_ascii_case("true") {
            Some(true)
        } else if cell.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            self.problem(
                Column::Value,
                format!("must be true or false, found `{cell}`"),
            );
            None
        }
    }

    /// A spend line's category: a category of imposed costs.
    fn category(&mut self) -> Option<CostCategory> {
        let cell = self.cell(Column::Category);
        if let Some((_, category)) = IMPOSED_COST_CATEGORIES.iter().find(|(w, _)| *w == cell) {
            return Some(*category);
        }
        let words = IMPOSED_COST_CATEGORIES.iter().map(|(w, _)| *w);
        let hint = closest(&cell.to_lowercase(), words.clone())
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        let all: Vec<&str> = words.collect();
        let found = if cell.is_empty() {
            "it is empty".to_owned()
        } else {
            format!("found `{cell}`")
        };
        self.problem(
            Column::Category,
            format!(
                "a `spend` row needs a category, one of {}: {found}{hint}",
                all.join(", ")
            ),
        );
        None
    }

    /// A perception entry: a role or a party, a score on a scale, the responses.
    fn perception(&mut self) -> Option<Perception> {
        let name = self.cell(Column::Name);
        let who = match PERCEIVER_ROLES.iter().find(|(word, _)| *word == name) {
            Some((_, role)) => Some(Perceiver::Role(*role)),
            None if is_valid_id(name) => Some(Perceiver::Party(Ref::unplaced(name))),
            None => {
                self.problem(
                    Column::Name,
                    format!(
                        "a `perception` row names a role (customer, user or sponsor) or the id \
                         of a party, found `{name}`"
                    ),
                );
                None
            }
        };
        let score = self.number(Column::Value);
        let min = if self.cell(Column::Min).is_empty() {
            Some(DEFAULT_PERCEPTION_MIN)
        } else {
            self.number(Column::Min)
        };
        let max = self.scale_part(Column::Max, "the top of the scale");
        let responses = self.responses();
        let (score, min, max) = (score?, min?, max?);
        if min >= max {
            self.problem(
                Column::Min,
                format!("a scale's `min` must be below its `max`, found {min} and {max}"),
            );
            return None;
        }
        if score < min || score > max {
            self.problem(
                Column::Value,
                format!("the score must be on the scale from {min} to {max}, found {score}"),
            );
            return None;
        }
        Some(Perception {
            who: who?,
            score,
            min,
            max,
            responses: responses?,
            span: nowhere(),
        })
    }

    /// A number a `perception` row must give.
    fn scale_part(&mut self, column: Column, what: &str) -> Option<Decimal> {
        if self.cell(column).is_empty() {
            self.problem(column, format!("a `perception` row needs {what}"));
            return None;
        }
        self.number(column)
    }

    /// How many responses: a whole number of at least 1.
    fn responses(&mut self) -> Option<u64> {
        let value = self.scale_part(Column::Responses, "the number of responses")?;
        let whole = value
            .fract()
            .is_zero()
            .then(|| value.to_u64())
            .flatten()
            .filter(|&n| n >= 1);
        if whole.is_none() {
            self.problem(
                Column::Responses,
                format!("must be a whole number of at least 1, found {value}"),
            );
        }
        whole
    }
}
