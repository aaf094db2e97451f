//! The review pack as one self-contained HTML page (`svs review --format html`): the
//! blocks Markdown shows of each relationship's [`View`], as an `<article>` per
//! relationship with a `<section>` per block, in the report's style sheet.
//!
//! Like the report it fetches nothing (inline style, no script, no font or image) and has
//! no varying part: the same catalogue, history and date give the same bytes. Headings,
//! lists and tables are plain HTML, so the page reads in any browser and prints as it
//! shows; each verdict carries its class and a sign that needs no colour.

use std::io::{self, Write};

use super::esc;
use crate::figures::grouped;
use crate::report::table;
use crate::report::view::{Body, Cell, Column, Formats, Grid, View};

/// What a pack adds to the report's style sheet: room between the tables of a section.
const PACK_STYLE: &str =
    ".review .table-wrap { margin-bottom: 1rem; }\n.review > section { margin-top: 1.5rem; }\n";

/// Writes the page: `title`, the line under it, and each view as an article.
pub fn render(out: &mut dyn Write, title: &str, lead: &str, views: &[View]) -> io::Result<()> {
    super::head(out, title, PACK_STYLE)?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{}</h1>", esc(title))?;
    writeln!(out, r#"<p class="lead">{}</p>"#, esc(lead))?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;
    for view in views {
        article(out, view)?;
    }
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// One relationship's pack.
fn article(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let currency = view.currency.as_deref();
    let id = view
        .title
        .iter()
        .find_map(|c| match c {
            Cell::Id(id) => Some(id.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    writeln!(
        out,
        r#"<article class="review" data-relationship="{}">"#,
        esc(id)
    )?;
    writeln!(out, "<h2>{}</h2>", line(&view.title, currency))?;
    let mut open = false;
    for block in view.blocks_for(Formats::MARKDOWN) {
        if let Some(heading) = &block.heading {
            if open {
                writeln!(out, "</section>")?;
            }
            writeln!(out, "<section>")?;
            writeln!(out, "<h3>{}</h3>", line(heading, currency))?;
            open = true;
        }
        match &block.body {
            Body::Grid(grid) => write_grid(out, grid, currency)?,
            Body::Summary { lines, .. } => {
                for text in lines {
                    writeln!(out, "<p><strong>{}</strong></p>", esc(text))?;
                }
            }
            Body::List(items) => {
                writeln!(out, "<ul>")?;
                for item in items {
                    write!(out, "<li>{}", line(&item.line, currency))?;
                    if !item.under.is_empty() {
                        write!(out, "<ul>")?;
                        for under in &item.under {
                            write!(out, "<li>{}</li>", line(under, currency))?;
                        }
                        write!(out, "</ul>")?;
                    }
                    writeln!(out, "</li>")?;
                }
                writeln!(out, "</ul>")?;
            }
            // The utility × warranty chart of a whole catalogue is not part of a pack.
            Body::Quadrant(_) => {}
            Body::Warning { label, text } => writeln!(
                out,
                r#"<p class="warning"><strong>{}:</strong> {}</p>"#,
                esc(label),
                esc(text)
            )?,
        }
    }
    if open {
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</article>")
}

/// Cells as one line of escaped HTML.
fn line(cells: &[Cell], currency: Option<&str>) -> String {
    cells.iter().map(|c| text(c, currency)).collect()
}

/// One cell as escaped HTML: identifiers as code, verdicts with their sign and class.
fn text(cell: &Cell, currency: Option<&str>) -> String {
    match cell {
        Cell::Id(id) => format!("<code>{}</code>", esc(id)),
        Cell::Ids(ids) | Cell::Relationships(ids) => ids
            .iter()
            .map(|id| format!("<code>{}</code>", esc(id)))
            .collect::<Vec<_>>()
            .join(", "),
        Cell::Flow(from, to) => format!("<code>{}</code> → <code>{}</code>", esc(from), esc(to)),
        Cell::Verdict(judgement) => format!(
            r#"<span class="{}">{}</span>"#,
            judgement.page_class(),
            esc(judgement.page_word())
        ),
        Cell::Percent(value) => esc(&format!("{} %", grouped(*value))).to_string(),
        Cell::Lines(lines) => lines
            .iter()
            .map(|l| esc(l).to_string())
            .collect::<Vec<_>>()
            .join("<br>"),
        Cell::Change { old, new, delta } => esc(&table::transition(
            &table::text(old, currency),
            &table::text(new, currency),
            *delta,
        ))
        .to_string(),
        Cell::Join(cells) => line(cells, currency),
        other => esc(&table::text(other, currency)).to_string(),
    }
}

/// A grid as a table, figures to the right.
fn write_grid(out: &mut dyn Write, grid: &Grid, currency: Option<&str>) -> io::Result<()> {
    let columns: Vec<(usize, &Column)> = grid.columns_for(Formats::MARKDOWN).collect();
    writeln!(out, r#"<div class="table-wrap"><table>"#)?;
    write!(out, "<thead><tr>")?;
    for (_, column) in &columns {
        let class = if column.right { r#" class="num""# } else { "" };
        let per_year = if column.per_year { " / year" } else { "" };
        write!(
            out,
            r#"<th scope="col"{class}>{}{per_year}</th>"#,
            esc(column.header)
        )?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for row in &grid.rows {
        write!(out, "<tr>")?;
        for (i, column) in &columns {
            let content = text(&row[*i], currency);
            if column.right {
                write!(out, r#"<td class="num">{content}</td>"#)?;
            } else {
                write!(out, "<td>{content}</td>")?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")
}
