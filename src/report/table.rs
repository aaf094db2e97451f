//! Terminal tables (comfy-table): one row per relationship, then a summary line.
//!
//! Every amount carries its currency; verdicts are coloured when colour is on. `wide`
//! adds the reasons, missing outcomes and unmet warranty checks that explain a verdict.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::fit::{Column, dropped_note, fit, wrap};
use super::mark;
use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::provision::{ByDimension, CoCreation, Portfolio, ProviderSide, ProviderVerdict};
use crate::assess::{Assessment, UnmetCheck, Verdict};
use crate::audience::Audience;
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

/// How an unmet check reads in a cell: `availability 99.95 > 99.9`.
pub fn describe_unmet(unmet: &UnmetCheck) -> String {
    match (&unmet.offered, unmet.check.starts_with("security:")) {
        (_, true) => format!("{} not offered", unmet.check),
        (None, false) => format!("{}: {} required, not offered", unmet.check, unmet.required),
        (Some(offered), false) => format!(
            "{}: {} required, {offered} offered",
            unmet.check, unmet.required
        ),
    }
}

fn verdict_cell(verdict: Verdict, color: bool) -> Cell {
    let cell = Cell::new(verdict.as_str());
    if !color {
        return cell;
    }
    cell.fg(match verdict {
        Verdict::Value => Color::Green,
        Verdict::NoValue => Color::Red,
        Verdict::Unassessed => Color::Yellow,
    })
}

fn co_creation_cell(together: CoCreation, color: bool) -> Cell {
    let cell = Cell::new(together.as_str());
    if !color {
        return cell;
    }
    cell.fg(match together {
        CoCreation::Mutual => Color::Green,
        CoCreation::ConsumerOnly | CoCreation::ProviderOnly => Color::Yellow,
        CoCreation::Neither | CoCreation::NotMutual => Color::Red,
        CoCreation::Unassessed => Color::DarkYellow,
    })
}

/// The provider's margin for people: `183,000.00 GBP (50.83 %)`, or `—` when the
/// provider's side is not assessed.
pub fn describe_margin(side: &ProviderSide, currency: Option<&str>) -> String {
    if side.verdict == ProviderVerdict::Unassessed {
        return "—".to_owned();
    }
    match side.margin_pct {
        Some(pct) => format!("{} ({} %)", money(side.margin, currency), grouped(pct)),
        None => money(side.margin, currency),
    }
}

/// A cost of provision by dimension for people: one line per dimension with a part,
/// `partners-and-suppliers 1,200.00 GBP`, or `—` when every part is 0.
pub fn describe_dimensions(parts: &ByDimension, currency: Option<&str>) -> String {
    let lines: Vec<String> = parts
        .parts()
        .filter(|(_, part)| !part.is_zero())
        .map(|(dimension, part)| format!("{} {}", dimension.as_str(), money(part, currency)))
        .collect();
    if lines.is_empty() {
        "—".to_owned()
    } else {
        lines.join("\n")
    }
}

/// A relationship's cost of provision by dimension, or `—` when its provider's side is
/// not assessed.
fn describe_side_dimensions(side: &ProviderSide, currency: Option<&str>) -> String {
    if side.verdict == ProviderVerdict::Unassessed {
        return "—".to_owned();
    }
    describe_dimensions(&side.cost_of_provision.by_dimension, currency)
}

/// What a cell of the provider's side says to an audience that does not see it.
pub const NOT_SHOWN: &str = "not shown";

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

/// The utility score and whether it is fit for purpose, or `—` when unassessed.
fn utility_text(a: &Assessment) -> String {
    if a.verdict == Verdict::Unassessed {
        return "—".to_owned();
    }
    format!(
        "{} {}",
        grouped(a.utility.score),
        mark(a.utility.fit_for_purpose)
    )
}

/// The warranty score, whether it is fit for use and the checks met, or `—` when
/// unassessed.
fn warranty_text(a: &Assessment) -> String {
    if a.verdict == Verdict::Unassessed {
        return "—".to_owned();
    }
    format!(
        "{} {} ({}/{})",
        grouped(a.warranty.score),
        mark(a.warranty.fit_for_use),
        a.warranty.met,
        a.warranty.checks
    )
}

/// The assessment as a table, with the summary line unless `quiet`. On a terminal, the
/// least important columns are left out until the table fits (see [`super::fit`]). The
/// provider's side of a relationship `audience` does not see is "not shown".
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
    layout: Layout,
    wide: bool,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let color = layout.color;
    let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
    let column = |header, drop_rank, cell: &dyn Fn(&Assessment) -> Cell| Column {
        header,
        cells: assessments.iter().map(cell).collect(),
        drop_rank,
    };
    let relationship = |a: &Assessment| &catalogue.relationships[a.relationship];
    let sees = |a: &Assessment| audience.sees_provider_side(relationship(a));
    let shown = |a: &Assessment, text: &dyn Fn() -> String| {
        if sees(a) {
            text()
        } else {
            NOT_SHOWN.to_owned()
        }
    };
    let mut columns = vec![
        column("Relationship", None, &|a| {
            Cell::new(&relationship(a).common.id.value)
        }),
        column("Provider → Consumer", Some(3), &|a| {
            let r = relationship(a);
            Cell::new(format!("{} → {}", r.provider.id, r.consumer.id))
        }),
        column("Offering", Some(0), &|a| {
            Cell::new(&relationship(a).offering.id)
        }),
        column("Utility", Some(5), &|a| right(utility_text(a))),
        column("Warranty", Some(4), &|a| right(warranty_text(a))),
        column("Costs net / yr", Some(2), &|a| {
            right(money(a.costs.net(), currency))
        }),
        column("Risks net / yr", Some(1), &|a| {
            right(money(a.risks.net(), currency))
        }),
        column("Net value / yr", None, &|a| {
            right(money(a.net_value, currency))
        }),
        column("Verdict", None, &|a| verdict_cell(a.verdict, color)),
        column("Provider margin / yr", Some(10), &|a| {
            right(shown(a, &|| describe_margin(&a.provider, currency)))
        }),
        column("Co-creation", None, &|a| {
            if sees(a) {
                co_creation_cell(a.co_creation, color)
            } else {
                Cell::new(NOT_SHOWN)
            }
        }),
    ];
    if wide {
        let lines = |list: Vec<&str>| Cell::new(list.join("\n"));
        columns.extend([
            column("Reasons", Some(9), &|a| {
                lines(a.reasons.iter().map(|r| r.as_str()).collect())
            }),
            column("Missing outcomes", Some(8), &|a| {
                lines(a.utility.missing.iter().map(String::as_str).collect())
            }),
            column("Unmet warranty", Some(7), &|a| {
                Cell::new(
                    a.warranty
                        .unmet
                        .iter()
                        .map(describe_unmet)
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            }),
            column("Provider reasons", Some(6), &|a| {
                Cell::new(shown(a, &|| {
                    let reasons: Vec<&str> =
                        a.provider.reasons.iter().map(|r| r.as_str()).collect();
                    reasons.join("\n")
                }))
            }),
            column("Cost of provision by dimension / yr", Some(6), &|a| {
                Cell::new(shown(a, &|| {
                    describe_side_dimensions(&a.provider, currency)
                }))
            }),
        ]);
    }
    let (table, dropped) = fit(new_table(color), columns, layout.width);
    writeln!(out, "{table}")?;
    if !layout.quiet {
        for line in summary(catalogue, assessments, audience).lines() {
            writeln!(out, "{}", wrap(line, layout.width))?;
        }
        if let Some(note) = dropped_note(dropped) {
            writeln!(out, "{}", wrap(&note, layout.width))?;
        }
    }
    Ok(())
}

/// "12 relationships: 10 value, 2 no-value, 0 unassessed; sum of 12 consumers' net values
/// 1,234.00 GBP a year", then a line counting co-creation verdicts. The total says what it
/// adds up: the consumer's side of each assessed relationship, unassessed ones left out.
/// Relationships whose provider's side `audience` does not see are left out of the
/// co-creation count, and the line says how many.
pub fn summary(catalogue: &Catalogue, assessments: &[Assessment], audience: &Audience) -> String {
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    let seen =
        |a: &&Assessment| audience.sees_provider_side(&catalogue.relationships[a.relationship]);
    let together = |c| {
        assessments
            .iter()
            .filter(seen)
            .filter(|a| a.co_creation == c)
            .count()
    };
    let hidden = assessments.len() - assessments.iter().filter(seen).count();
    let not_shown = if hidden == 0 {
        String::new()
    } else {
        let noun = if hidden == 1 {
            "relationship"
        } else {
            "relationships"
        };
        format!("; {NOT_SHOWN} for {hidden} consumed {noun}")
    };
    let noun = if assessments.len() == 1 {
        "relationship"
    } else {
        "relationships"
    };
    let assessed = assessments.len() - count(Verdict::Unassessed);
    let summed = if assessed == 1 {
        "consumer's net value"
    } else {
        "consumers' net values"
    };
    let total = money(
        crate::assess::assessed_net_value(assessments),
        catalogue.metadata.currency.as_deref(),
    );
    format!(
        "{} {noun}: {} value, {} no-value, {} unassessed; sum of {assessed} {summed} {total} a \
         year\nco-creation: {} mutual, {} consumer-only, {} provider-only, {} neither, \
         {} not-mutual, {} unassessed{not_shown}",
        assessments.len(),
        count(Verdict::Value),
        count(Verdict::NoValue),
        count(Verdict::Unassessed),
        together(CoCreation::Mutual),
        together(CoCreation::ConsumerOnly),
        together(CoCreation::ProviderOnly),
        together(CoCreation::Neither),
        together(CoCreation::NotMutual),
        together(CoCreation::Unassessed),
    )
}

/// The provider portfolio (docs/format.md §8.5): one row per provider.
pub fn render_providers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
    layout: Layout,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let color = layout.color;
    let quiet = layout.quiet;
    let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
    let column = |header, drop_rank, cell: &dyn Fn(&Portfolio) -> Cell| Column {
        header,
        cells: providers.iter().map(cell).collect(),
        drop_rank,
    };
    let amount = |header, drop_rank, figure: fn(&Portfolio) -> rust_decimal::Decimal| {
        column(header, drop_rank, &|p| right(money(figure(p), currency)))
    };
    let columns = vec![
        column("Provider", None, &|p| {
            Cell::new(&catalogue.organizations[p.organization].common.id.value)
        }),
        amount("Revenue / yr", Some(7), |p| p.revenue),
        amount("Cost of provision / yr", Some(6), |p| p.cost_of_provision),
        column("Cost by dimension / yr", Some(0), &|p| {
            Cell::new(describe_dimensions(&p.cost_by_dimension, currency))
        }),
        amount("Risks / yr", Some(2), |p| p.risks),
        amount("Benefits / yr", Some(3), |p| p.benefits),
        amount("Unrecovered / yr", Some(4), |p| p.unrecovered),
        amount("Margin / yr", None, |p| p.margin),
        column("Margin %", Some(8), &|p| {
            right(p.margin_pct.map_or_else(|| "—".to_owned(), grouped))
        }),
        column("Target %", Some(5), &|p| right(grouped(p.target_margin))),
        column("Sustainable", None, &|p| {
            let cell = Cell::new(match p.sustainable {
                None => "— (not assessed)",
                Some(true) => "yes",
                Some(false) => "no",
            });
            match (color, p.sustainable) {
                (false, _) | (_, None) => cell,
                (true, Some(true)) => cell.fg(Color::Green),
                (true, Some(false)) => cell.fg(Color::Red),
            }
        }),
        column(
            "Relationships (sust. / unsust. / unassessed)",
            Some(1),
            &|p| {
                right(format!(
                    "{} / {} / {}",
                    p.sustainable_count, p.unsustainable_count, p.unassessed_count
                ))
            },
        ),
    ];
    let (table, dropped) = fit(new_table(color), columns, layout.width);
    writeln!(out, "{table}")?;
    if !quiet {
        let assessed: Vec<&Portfolio> = providers
            .iter()
            .filter(|p| p.sustainable.is_some())
            .collect();
        let fine = assessed
            .iter()
            .filter(|p| p.sustainable == Some(true))
            .count();
        let noun = if providers.len() == 1 {
            "provider"
        } else {
            "providers"
        };
        writeln!(
            out,
            "{} {noun}: {fine} sustainable, {} unsustainable, {} not assessed",
            providers.len(),
            assessed.len() - fine,
            providers.len() - assessed.len()
        )?;
        if let Some(note) = dropped_note(dropped) {
            writeln!(out, "{}", wrap(&note, layout.width))?;
        }
    }
    Ok(())
}

/// The consumer portfolio (docs/format.md §5.12): one row per consumer.
pub fn render_consumers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    consumers: &[ConsumerPortfolio],
    layout: Layout,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
    let column = |header, drop_rank, cell: &dyn Fn(&ConsumerPortfolio) -> Cell| Column {
        header,
        cells: consumers.iter().map(cell).collect(),
        drop_rank,
    };
    let amount = |header, drop_rank, figure: fn(&ConsumerPortfolio) -> rust_decimal::Decimal| {
        column(header, drop_rank, &|c| right(money(figure(c), currency)))
    };
    let columns = vec![
        column("Consumer", None, &|c| {
            Cell::new(&catalogue.organizations[c.organization].common.id.value)
        }),
        amount("Costs removed / yr", Some(3), |c| c.costs_removed),
        amount("Costs imposed / yr", Some(4), |c| c.costs_imposed),
        amount("Risks net / yr", Some(2), |c| c.risks_net),
        amount("Net value / yr", None, |c| c.net_value),
        column("Budget / yr", Some(0), &|c| {
            right(
                c.budget
                    .map_or_else(|| "—".to_owned(), |b| money(b, currency)),
            )
        }),
        column("Over budget", Some(1), &|c| {
            Cell::new(if c.over_budget.is_empty() {
                "—".to_owned()
            } else {
                c.over_budget
                    .iter()
                    .map(|&r| catalogue.relationships[r].common.id.value.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }),
        column(
            "Relationships (value / no-value / unassessed)",
            Some(5),
            &|c| {
                right(format!(
                    "{} / {} / {}",
                    c.value_count, c.no_value_count, c.unassessed_count
                ))
            },
        ),
    ];
    let (table, dropped) = fit(new_table(layout.color), columns, layout.width);
    writeln!(out, "{table}")?;
    if !layout.quiet {
        let count = |f: fn(&ConsumerPortfolio) -> usize| consumers.iter().map(f).sum::<usize>();
        let noun = if consumers.len() == 1 {
            "consumer"
        } else {
            "consumers"
        };
        writeln!(
            out,
            "{} {noun} of {} relationships: {} value, {} no-value, {} unassessed",
            consumers.len(),
            count(|c| c.value_count + c.no_value_count + c.unassessed_count),
            count(|c| c.value_count),
            count(|c| c.no_value_count),
            count(|c| c.unassessed_count),
        )?;
        if let Some(note) = dropped_note(dropped) {
            writeln!(out, "{}", wrap(&note, layout.width))?;
        }
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
