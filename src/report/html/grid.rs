//! A report's grid as the body of an HTML table: the writer of a [`View`]'s first grid
//! the page shows, between the `<table>` and caption the page's section writes and its
//! closing `</table>`.
//!
//! Figures sit in `num` cells, rounded to the cent with their currency; a verdict reads
//! behind a sign that needs no colour and carries its class; an organisation heads its
//! row by name, the row marked with its id; relationships link to their cards.

use std::io::{self, Write};

use super::{anchor, esc};
use crate::figures::grouped;
use crate::report::table;
use crate::report::view::{Body, Cell, Column, Formats, View};

/// Writes `<thead>…</thead><tbody>` and a row per line of the first grid of `view` the
/// page shows, then `</tbody>`; nothing when there is none.
pub fn write(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let Some(grid) = view.blocks_for(Formats::PAGE).find_map(|b| match &b.body {
        Body::Grid(grid) => Some(grid),
        _ => None,
    }) else {
        return Ok(());
    };
    let columns: Vec<(usize, &Column)> = grid.columns_for(Formats::PAGE).collect();
    write!(out, "<thead><tr>")?;
    for (_, column) in &columns {
        let class = if column.right { r#" class="num""# } else { "" };
        write!(out, r#"<th scope="col"{class}>{}</th>"#, esc(column.header))?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    let currency = view.currency.as_deref();
    for row in &grid.rows {
        let named = columns.iter().find_map(|(i, _)| match &row[*i] {
            Cell::Named { kind, id, .. } => Some((kind, id)),
            _ => None,
        });
        match named {
            Some((kind, id)) => write!(out, r#"<tr data-{kind}="{}">"#, esc(id))?,
            None => write!(out, "<tr>")?,
        }
        for (i, column) in &columns {
            cell(out, &row[*i], column, currency)?;
        }
        writeln!(out, "</tr>")?;
    }
    write!(out, "</tbody>")
}

/// One cell: the row's heading when it names its row, otherwise a `<td>` styled by its
/// column or its verdict.
fn cell(
    out: &mut dyn Write,
    cell: &Cell,
    column: &Column,
    currency: Option<&str>,
) -> io::Result<()> {
    let content = match cell {
        Cell::Named { name, .. } => {
            return write!(out, r#"<th scope="row">{}</th>"#, esc(name));
        }
        Cell::Relationships(ids) => ids
            .iter()
            .map(|id| format!(r##"<a href="#{}">{}</a>"##, esc(&anchor(id)), esc(id)))
            .collect::<Vec<_>>()
            .join(", "),
        Cell::Verdict(judgement) => judgement.page_word().to_owned(),
        Cell::Percent(value) => esc(&format!("{} %", grouped(*value))).to_string(),
        other => esc(&table::text(other, currency)).to_string(),
    };
    let class = match (cell, column.page_class) {
        (Cell::Verdict(judgement), _) => Some(judgement.page_class()),
        (_, Some(class)) => Some(class.to_owned()),
        _ if column.right => Some("num".to_owned()),
        _ => None,
    };
    match class {
        Some(class) => write!(out, r#"<td class="{class}">{content}</td>"#),
        None => write!(out, "<td>{content}</td>"),
    }
}
