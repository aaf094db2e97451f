//! `svs diff` as terminal tables (comfy-table): the relationships that changed, the
//! findings introduced and fixed, then the summary line. An empty table is left out, so
//! identical versions print only the summary.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color};

use super::{Label, Words, causes, cells, label, summary};
use crate::diagnostic::Severity;
use crate::diff::{Diff, Finding};
use crate::report::table::new_table;

fn coloured(text: &str, color: Option<Color>) -> Cell {
    let cell = Cell::new(text);
    match color {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// Writes the tables and, unless `quiet`, the summary line.
pub fn render(out: &mut dyn Write, diff: &Diff, color: bool, quiet: bool) -> io::Result<()> {
    if !diff.relationships.is_empty() {
        let mut table = new_table(color);
        table.set_header(vec![
            "Relationship",
            "Change",
            "Causes",
            "Provider → Consumer",
            "Offering",
            "Verdict",
            "Utility",
            "Warranty",
            "Net value / yr",
            "Provider margin / yr",
            "Provider verdict",
            "Co-creation",
        ]);
        for change in &diff.relationships {
            let text = cells(
                diff,
                change,
                Words {
                    verdict: |v| v.as_str().to_owned(),
                    provider: |v| v.as_str().to_owned(),
                },
            );
            let word = label(change);
            let tint = match word {
                Label::Regressed => Some(Color::Red),
                Label::Improved => Some(Color::Green),
                _ => None,
            };
            let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
            table.add_row(vec![
                Cell::new(&change.id),
                coloured(word.as_str(), tint.filter(|_| color)),
                Cell::new(causes(change)),
                Cell::new(text.parties),
                Cell::new(text.offering),
                Cell::new(text.verdict),
                right(text.utility),
                right(text.warranty),
                right(text.net_value),
                right(text.margin),
                Cell::new(text.provider_verdict),
                Cell::new(text.co_creation),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    if !diff.introduced.is_empty() || !diff.fixed.is_empty() {
        let mut table = new_table(color);
        table.set_header(vec![
            "Finding", "Severity", "Code", "Entity", "Message", "Location",
        ]);
        let rows = diff
            .introduced
            .iter()
            .map(|f| ("introduced", f))
            .chain(diff.fixed.iter().map(|f| ("fixed", f)));
        for (word, finding) in rows {
            let tint = match (word, finding.severity) {
                ("fixed", _) => Some(Color::Green),
                (_, Severity::Error) => Some(Color::Red),
                _ => Some(Color::Yellow),
            };
            table.add_row(vec![
                coloured(word, tint.filter(|_| color)),
                Cell::new(finding.severity.as_str()),
                Cell::new(&finding.code),
                Cell::new(finding.entity.as_deref().unwrap_or("—")),
                Cell::new(&finding.message),
                Cell::new(location(finding)),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    if !quiet {
        writeln!(out, "{}", summary(diff))?;
    }
    Ok(())
}

/// `file:line:column`, in the version the finding belongs to.
pub(super) fn location(finding: &Finding) -> String {
    format!("{}:{}:{}", finding.file, finding.line, finding.column)
}
