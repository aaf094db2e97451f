//! CSV (RFC 4180) for spreadsheets: the writer of a [`View`]'s first grid, a header row of
//! its columns' keys, then one row per line, each ending in CRLF.
//!
//! Amounts are exact decimals rounded to the cent, without grouping or currency (the
//! currency has a column of its own); what the audience does not see, or what there is
//! none of, is an empty field. Columns only ever come at the end, so a spreadsheet that
//! reads them by position keeps working.

use std::io::{self, Write};

use super::view::{Body, Cell, Formats, View};
use crate::figures::plain;

/// Quotes a field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// How a cell reads in a spreadsheet, before quoting: figures plain and exact to the cent,
/// lists joined with `;`, `true` or `false`, verdicts by their word.
fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) | Cell::Id(text) | Cell::Named { id: text, .. } => text.clone(),
        Cell::Ids(list) | Cell::Relationships(list) | Cell::Lines(list) => list.join(";"),
        Cell::Flow(from, to) => format!("{from};{to}"),
        Cell::Money(value)
        | Cell::MoneyIn(value, _)
        | Cell::Score(value)
        | Cell::Percent(value) => plain(*value),
        Cell::Fit { score, .. } => plain(*score),
        Cell::Margin { amount, .. } => plain(*amount),
        Cell::Count(n) => n.to_string(),
        Cell::Counts(counts) => counts
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        Cell::Flag(yes) => yes.to_string(),
        Cell::Parts(parts) => parts
            .iter()
            .map(|(name, part)| format!("{name} {}", plain(*part)))
            .collect::<Vec<_>>()
            .join(";"),
        Cell::MoneyChange { new, .. } => plain(*new),
        Cell::Change { new, .. } => text(new),
        Cell::Join(cells) => cells.iter().map(text).collect(),
        Cell::Verdict(judgement) => judgement.word().to_owned(),
        Cell::Nothing | Cell::NotShown => String::new(),
    }
}

/// Writes the first grid of `view` that CSV shows: the header, then one row per line.
pub fn write(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let Some(grid) = view.blocks_for(Formats::CSV).find_map(|b| match &b.body {
        Body::Grid(grid) => Some(grid),
        _ => None,
    }) else {
        return Ok(());
    };
    let columns: Vec<usize> = grid.columns_for(Formats::CSV).map(|(i, _)| i).collect();
    let keys: Vec<&str> = grid.columns_for(Formats::CSV).map(|(_, c)| c.key).collect();
    write!(out, "{}\r\n", keys.join(","))?;
    for row in &grid.rows {
        let fields: Vec<String> = columns.iter().map(|&i| field(&text(&row[i]))).collect();
        write!(out, "{}\r\n", fields.join(","))?;
    }
    Ok(())
}
