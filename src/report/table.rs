//! Terminal tables (comfy-table): the writer of [`View`]s for a terminal, and the roles
//! and people listings.
//!
//! Every amount carries its currency and is rounded to the cent; verdicts are coloured
//! when colour is on; a grid is fitted to the terminal's width (see [`super::fit`]). What
//! each report shows is its view's business ([`super::views`]), not this module's.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use rust_decimal::Decimal;

use super::diff::signed;
use super::fit::{Column, dropped_note, fit, wrap};
use super::mark;
use super::view::{self, Body, Formats, Grid, NOT_SHOWN, Tone, View};
use crate::figures::{grouped, money};
use crate::model::Catalogue;

/// A table in the style of every table `svs` prints, coloured only when asked.
pub(crate) fn new_table(color: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// Where and how a table is printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Colour verdicts.
    pub color: bool,
    /// No summary line.
    pub quiet: bool,
    /// The terminal's width, when standard output is one: the table is fitted to it.
    pub width: Option<usize>,
}

/// The colour of a tone on a terminal.
fn colour(tone: Tone) -> Option<Color> {
    match tone {
        Tone::Good => Some(Color::Green),
        Tone::Warning => Some(Color::Yellow),
        Tone::Bad => Some(Color::Red),
        Tone::Pending => Some(Color::DarkYellow),
        Tone::Plain => None,
    }
}

/// How a cell reads on a terminal: amounts rounded to the cent with their currency, lists
/// one item per line, `—` for nothing.
pub(crate) fn text(cell: &view::Cell, currency: Option<&str>) -> String {
    use view::Cell as C;
    match cell {
        C::Text(text) | C::Id(text) => text.clone(),
        C::Ids(lines) | C::Relationships(lines) | C::Lines(lines) => lines.join("\n"),
        C::Named { name, .. } => name.clone(),
        C::Flow(from, to) => format!("{from} → {to}"),
        C::Money(amount) => money(*amount, currency),
        C::Score(value) | C::Percent(value) => grouped(*value),
        C::Count(n) => n.to_string(),
        C::Counts(counts) => counts
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" / "),
        C::Flag(ok) => mark(*ok).to_owned(),
        C::Fit { score, fit, checks } => match checks {
            None => format!("{} {}", grouped(*score), mark(*fit)),
            Some((met, made)) => format!("{} {} ({met}/{made})", grouped(*score), mark(*fit)),
        },
        C::Margin { amount, percent } => match percent {
            Some(pct) => format!("{} ({} %)", money(*amount, currency), grouped(*pct)),
            None => money(*amount, currency),
        },
        C::Parts(parts) => parts
            .iter()
            .map(|(name, part)| format!("{name} {}", money(*part, currency)))
            .collect::<Vec<_>>()
            .join("\n"),
        C::MoneyIn(amount, currency) => money(*amount, currency.as_deref()),
        C::MoneyChange { old, new, delta } => match delta {
            Some(delta) if !delta.is_zero() => {
                let unit = currency.map(|c| format!(" {c}")).unwrap_or_default();
                format!(
                    "{} → {}{unit} ({})",
                    grouped(*old),
                    grouped(*new),
                    signed(*delta)
                )
            }
            _ => money(*new, currency),
        },
        C::Change { old, new, delta } => {
            transition(&text(old, currency), &text(new, currency), *delta)
        }
        C::Join(cells) => cells.iter().map(|c| text(c, currency)).collect(),
        C::Verdict(judgement) => judgement.word().to_owned(),
        C::Nothing => "—".to_owned(),
        C::NotShown => NOT_SHOWN.to_owned(),
    }
}

/// `old` alone when it reads as `new` and the difference is 0, otherwise `old → new`,
/// with the difference when it is not 0.
pub(crate) fn transition(old: &str, new: &str, delta: Option<Decimal>) -> String {
    if old == new && delta.is_none_or(|d| d.is_zero()) {
        return new.to_owned();
    }
    match delta {
        Some(delta) if !delta.is_zero() => format!("{old} → {new} ({})", signed(delta)),
        _ => format!("{old} → {new}"),
    }
}

/// A cell of the table: set to the right in a column of figures, a verdict coloured when
/// colour is on.
fn table_cell(
    cell: &view::Cell,
    column: &view::Column,
    currency: Option<&str>,
    color: bool,
) -> Cell {
    let mut out = Cell::new(text(cell, currency));
    if column.right {
        out = out.set_alignment(CellAlignment::Right);
    }
    if let (true, view::Cell::Verdict(judgement)) = (color, cell)
        && let Some(tint) = colour(judgement.tone())
    {
        out = out.fg(tint);
    }
    out
}

/// A grid's columns as the table shows them, ready to be fitted to the terminal.
fn columns(grid: &Grid, currency: Option<&str>, color: bool) -> Vec<Column> {
    grid.columns_for(Formats::TABLE)
        .map(|(i, column)| Column {
            header: if column.per_year {
                format!("{} / yr", column.header)
            } else {
                column.header.to_owned()
            },
            cells: grid
                .rows
                .iter()
                .map(|row| table_cell(&row[i], column, currency, color))
                .collect(),
            drop_rank: column.drop_rank,
        })
        .collect()
}

/// Writes the blocks of `view` a terminal shows: each grid as a table fitted to the
/// terminal (the least important columns left out until it fits, see [`super::fit`]),
/// then, unless `quiet`, the summary lines and what was left out.
pub fn write(out: &mut dyn Write, view: &View, layout: Layout) -> io::Result<()> {
    let currency = view.currency.as_deref();
    let mut dropped = 0;
    for block in view.blocks_for(Formats::TABLE) {
        match &block.body {
            Body::Grid(grid) => {
                let columns = columns(grid, currency, layout.color);
                let (table, left_out) = fit(new_table(layout.color), columns, layout.width);
                dropped += left_out;
                writeln!(out, "{table}")?;
            }
            Body::Summary { lines, wrap: wraps } if !layout.quiet => {
                for line in lines {
                    if *wraps {
                        writeln!(out, "{}", wrap(line, layout.width))?;
                    } else {
                        writeln!(out, "{line}")?;
                    }
                }
            }
            Body::Summary { .. } | Body::List(_) | Body::Quadrant(_) | Body::Warning { .. } => {}
        }
    }
    if !layout.quiet
        && let Some(note) = dropped_note(dropped)
    {
        writeln!(out, "{}", wrap(&note, layout.width))?;
    }
    Ok(())
}

/// The roles of each relationship: a heading line, then a two-column table of roles and
/// who holds them (each holder on its own line), stakeholders and notes.
pub fn render_roles(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    roles: &[crate::roles::RelationshipRoles],
    color: bool,
) -> io::Result<()> {
    use crate::roles::{
        Role, describe_effect, describe_holder, describe_party, describe_stakeholder_value,
        stakeholder_role,
    };
    let currency = catalogue.metadata.currency.as_deref();
    for (n, rr) in roles.iter().enumerate() {
        let r = &catalogue.relationships[rr.relationship];
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}: {} → {} ({})",
            r.common.id.value, r.provider.id, r.consumer.id, r.offering.id
        )?;
        let mut table = new_table(color);
        for (role, list) in Role::ALL.iter().zip(&rr.holders) {
            let lines: Vec<String> = list
                .iter()
                .map(|h| describe_holder(catalogue, *h))
                .collect();
            let who = if lines.is_empty() {
                "—".to_owned()
            } else {
                lines.join("\n")
            };
            table.add_row(vec![Cell::new(role.as_str()), Cell::new(who)]);
        }
        for (s, effects) in r.stakeholders.iter().zip(&rr.stakeholders) {
            let (kind, index) = s.party.target();
            let mut lines = vec![describe_party(catalogue, kind, index)];
            if let Some(interest) = &s.interest {
                lines.push(format!("interest: {interest}"));
            }
            if !effects.effects.is_empty() {
                lines.extend(effects.effects.iter().map(|e| describe_effect(e, currency)));
                lines.push(describe_stakeholder_value(&effects.value, currency));
            }
            table.add_row(vec![
                Cell::new(stakeholder_role(s.role)),
                Cell::new(lines.join("\n")),
            ]);
        }
        for note in &rr.notes {
            let mut text = Cell::new(note.message(catalogue));
            if color && note.is_missing() {
                text = text.fg(Color::Yellow);
            }
            let label = if note.is_missing() { "missing" } else { "note" };
            table.add_row(vec![Cell::new(label), text]);
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// Every listed person with the roles they hold, one row per role.
pub fn render_people(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    people: &[usize],
    held: &[Vec<crate::roles::HeldRole>],
    color: bool,
) -> io::Result<()> {
    let mut table = new_table(color);
    table.set_header(vec![
        "Person",
        "Organisation",
        "Relationship",
        "Role",
        "Through group",
    ]);
    for &p in people {
        let person = &catalogue.people[p];
        let name = match &person.title {
            Some(title) => format!(
                "{} ({title})",
                person.common.name.as_deref().unwrap_or_default()
            ),
            None => person.common.name.clone().unwrap_or_default(),
        };
        let org = crate::roles::organization_name(catalogue, person.organization.index());
        if held[p].is_empty() {
            table.add_row(vec![name.as_str(), org, "—", "no role", ""]);
        }
        for h in &held[p] {
            let via = h
                .via
                .map_or("", |g| catalogue.groups[g].common.id.value.as_str());
            table.add_row(vec![
                name.as_str(),
                org,
                &catalogue.relationships[h.relationship].common.id.value,
                h.role.as_str(),
                via,
            ]);
        }
    }
    writeln!(out, "{table}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_unchanged_figure_is_shown_once() {
        assert_eq!(transition("1.00", "1.00", Some(Decimal::ZERO)), "1.00");
        assert_eq!(transition("value", "no-value", None), "value → no-value");
        assert_eq!(
            transition("100.00 ✓", "50.00 ✗", Some(dec!(-50))),
            "100.00 ✓ → 50.00 ✗ (-50.00)"
        );
    }
}
