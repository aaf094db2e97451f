//! GitHub-flavoured Markdown, made for a pull-request comment or a CI job summary: the
//! writer of [`View`]s (a heading, tables, bold summary lines, lists, and a Mermaid
//! `quadrantChart` that places each relationship by utility and warranty score), and the
//! roles and people listings.
//!
//! Identifiers are written as code, verdicts behind a sign that reads without colour
//! (`✅ value`), amounts rounded to the cent with their currency. What each report shows
//! is its view's business ([`super::views`]), not this module's.

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::table;
use super::view::{Body, Cell, Column, Formats, Grid, Point, View};
use crate::figures::round2;
use crate::model::Catalogue;

/// Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.
pub(crate) fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A score as a Mermaid point coordinate: `0`, `1` or `0.dd` (the only forms its grammar
/// accepts).
fn coordinate(score: Decimal) -> String {
    let fraction = round2(score / Decimal::ONE_HUNDRED);
    if fraction >= Decimal::ONE {
        "1".to_owned()
    } else if fraction <= Decimal::ZERO {
        "0".to_owned()
    } else {
        fraction.to_string()
    }
}

/// A point label Mermaid's quadrant grammar reads: letters, digits, spaces and hyphens.
fn label(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// How a cell reads in Markdown: identifiers as code, verdicts behind a sign, amounts as
/// a terminal prints them. In a table cell (`in_table`) prose has its pipes escaped and
/// its line breaks flattened.
fn text(cell: &Cell, currency: Option<&str>, in_table: bool) -> String {
    let code = |ids: &[String]| {
        ids.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let prose = match cell {
        Cell::Id(id) if in_table => return format!("`{}`", escape(id)),
        Cell::Id(id) => return format!("`{id}`"),
        Cell::Ids(ids) | Cell::Relationships(ids) => return code(ids),
        Cell::Flow(from, to) => return format!("`{from}` → `{to}`"),
        Cell::Verdict(judgement) => return judgement.signed().to_owned(),
        Cell::Lines(lines) => lines.join("; "),
        Cell::Change { old, new, delta } => {
            let (old, new) = (text(old, currency, in_table), text(new, currency, in_table));
            return table::transition(&old, &new, *delta);
        }
        Cell::Join(cells) => return line(cells, currency, in_table),
        other => table::text(other, currency),
    };
    if in_table { escape(&prose) } else { prose }
}

/// Cells written one after the other, as a line of prose.
fn line(cells: &[Cell], currency: Option<&str>, in_table: bool) -> String {
    cells.iter().map(|c| text(c, currency, in_table)).collect()
}

/// Writes the blocks of `view` Markdown shows: the title as a heading, then each block,
/// a blank line before it and its heading one level down.
pub fn write(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let currency = view.currency.as_deref();
    writeln!(out, "## {}", line(&view.title, currency, true))?;
    for block in view.blocks_for(Formats::MARKDOWN) {
        writeln!(out)?;
        if let Some(heading) = &block.heading {
            writeln!(out, "### {}\n", line(heading, currency, true))?;
        }
        match &block.body {
            Body::Grid(grid) => write_grid(out, grid, currency)?,
            Body::Summary { lines, .. } => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                writeln!(out, "**{}**", lines.join("**  \n**"))?;
            }
            Body::List(items) => {
                for item in items {
                    writeln!(out, "- {}", line(&item.line, currency, false))?;
                    for under in &item.under {
                        writeln!(out, "  - {}", line(under, currency, false))?;
                    }
                }
            }
            Body::Quadrant(points) => quadrant_chart(out, points)?,
            Body::Warning { label, text } => writeln!(out, "⚠️ **{label}:** {text}")?,
        }
    }
    Ok(())
}

/// A GitHub-flavoured table: the header, its alignment row, a line per row.
fn write_grid(out: &mut dyn Write, grid: &Grid, currency: Option<&str>) -> io::Result<()> {
    let columns: Vec<(usize, &Column)> = grid.columns_for(Formats::MARKDOWN).collect();
    let headers: Vec<String> = columns
        .iter()
        .map(|(_, c)| {
            if c.per_year {
                format!("{} / year", c.header)
            } else {
                c.header.to_owned()
            }
        })
        .collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    let aligns: String = columns
        .iter()
        .map(|(_, c)| if c.right { "--:|" } else { "---|" })
        .collect();
    writeln!(out, "|{aligns}")?;
    for row in &grid.rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|(i, _)| text(&row[*i], currency, true))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// A Mermaid quadrant chart of utility and warranty scores.
fn quadrant_chart(out: &mut dyn Write, points: &[Point]) -> io::Result<()> {
    writeln!(out, "```mermaid")?;
    writeln!(out, "quadrantChart")?;
    writeln!(out, "    title Fit for purpose and fit for use")?;
    writeln!(out, "    x-axis Low utility --> High utility")?;
    writeln!(out, "    y-axis Low warranty --> High warranty")?;
    writeln!(out, "    quadrant-1 Fit for purpose and use")?;
    writeln!(out, "    quadrant-2 Fit for use only")?;
    writeln!(out, "    quadrant-3 Neither")?;
    writeln!(out, "    quadrant-4 Fit for purpose only")?;
    for point in points {
        writeln!(
            out,
            "    {}: [{}, {}]",
            label(&point.id),
            coordinate(point.utility),
            coordinate(point.warranty)
        )?;
    }
    writeln!(out, "```")
}

/// The roles of each relationship as Markdown: one section per relationship.
pub fn render_roles(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    roles: &[crate::roles::RelationshipRoles],
) -> io::Result<()> {
    use crate::roles::{
        Role, describe_effect, describe_holder, describe_party, describe_stakeholder_value,
        stakeholder_role,
    };
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(out, "## Roles: {}", escape(&catalogue.metadata.name))?;
    for rr in roles {
        let r = &catalogue.relationships[rr.relationship];
        writeln!(
            out,
            "\n### `{}`: `{}` → `{}` (`{}`)\n",
            r.common.id.value, r.provider.id, r.consumer.id, r.offering.id
        )?;
        for (role, list) in Role::ALL.iter().zip(&rr.holders) {
            let holders: Vec<String> = list
                .iter()
                .map(|h| describe_holder(catalogue, *h))
                .collect();
            let shown = if holders.is_empty() {
                "—".to_owned()
            } else {
                holders.join("; ")
            };
            writeln!(out, "- **{}:** {}", role.as_str(), escape(&shown))?;
        }
        for (s, effects) in r.stakeholders.iter().zip(&rr.stakeholders) {
            let (kind, index) = s.party.target();
            let interest = s
                .interest
                .as_deref()
                .map(|i| format!(" — {}", escape(i)))
                .unwrap_or_default();
            writeln!(
                out,
                "- **{}:** {}{interest}",
                stakeholder_role(s.role),
                escape(&describe_party(catalogue, kind, index))
            )?;
            if !effects.effects.is_empty() {
                for effect in &effects.effects {
                    writeln!(out, "  - {}", escape(&describe_effect(effect, currency)))?;
                }
                writeln!(
                    out,
                    "  - {}",
                    escape(&describe_stakeholder_value(&effects.value, currency))
                )?;
            }
        }
        for note in &rr.notes {
            let sign = if note.is_missing() {
                "⚠️"
            } else {
                "ℹ️"
            };
            writeln!(out, "- {sign} {}", escape(&note.message(catalogue)))?;
        }
    }
    Ok(())
}

/// Every listed person with the roles they hold, as a Markdown table.
pub fn render_people(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    people: &[usize],
    held: &[Vec<crate::roles::HeldRole>],
) -> io::Result<()> {
    writeln!(
        out,
        "## People and their roles: {}\n",
        escape(&catalogue.metadata.name)
    )?;
    writeln!(
        out,
        "| Person | Organisation | Relationship | Role | Through group |"
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    for &p in people {
        let person = &catalogue.people[p];
        let name = escape(person.common.name.as_deref().unwrap_or_default());
        let org = escape(crate::roles::organization_name(
            catalogue,
            person.organization.index(),
        ));
        if held[p].is_empty() {
            writeln!(out, "| {name} | {org} | — | no role | |")?;
        }
        for h in &held[p] {
            let via = h
                .via
                .map(|g| format!("`{}`", catalogue.groups[g].common.id.value))
                .unwrap_or_default();
            writeln!(
                out,
                "| {name} | {org} | `{}` | {} | {via} |",
                catalogue.relationships[h.relationship].common.id.value,
                h.role.as_str()
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn coordinates_use_the_forms_mermaid_accepts() {
        assert_eq!(coordinate(dec!(100)), "1");
        assert_eq!(coordinate(dec!(99.999)), "1");
        assert_eq!(coordinate(dec!(0)), "0");
        assert_eq!(coordinate(dec!(88.888)), "0.89");
        assert_eq!(coordinate(dec!(50)), "0.50");
    }

    #[test]
    fn labels_keep_only_letters_digits_and_hyphens() {
        assert_eq!(label("acme.mobile_v2"), "acme-mobile-v2");
    }
}
