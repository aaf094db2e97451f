//! Terminal tables (comfy-table): one row per relationship, then a summary line.
//!
//! Every amount carries its currency; verdicts are coloured when colour is on. `wide`
//! adds the reasons, missing outcomes and unmet warranty checks that explain a verdict.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::mark;
use crate::assess::provision::{CoCreation, Portfolio, ProviderSide, ProviderVerdict};
use crate::assess::{Assessment, UnmetCheck, Verdict};
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
        CoCreation::Neither => Color::Red,
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

/// The assessment as a table, with the summary line unless `quiet`.
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
    color: bool,
    wide: bool,
    quiet: bool,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let mut table = new_table(color);
    let mut header = vec![
        "Relationship",
        "Provider → Consumer",
        "Offering",
        "Utility",
        "Warranty",
        "Costs net / yr",
        "Risks net / yr",
        "Net value / yr",
        "Verdict",
        "Provider margin / yr",
        "Co-creation",
    ];
    if wide {
        header.extend([
            "Reasons",
            "Missing outcomes",
            "Unmet warranty",
            "Provider reasons",
        ]);
    }
    table.set_header(header);
    for a in assessments {
        let r = &catalogue.relationships[a.relationship];
        let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
        let assessed = a.verdict != Verdict::Unassessed;
        let (utility, warranty) = if assessed {
            (
                format!(
                    "{} {}",
                    grouped(a.utility.score),
                    mark(a.utility.fit_for_purpose)
                ),
                format!(
                    "{} {} ({}/{})",
                    grouped(a.warranty.score),
                    mark(a.warranty.fit_for_use),
                    a.warranty.met,
                    a.warranty.checks
                ),
            )
        } else {
            ("—".to_owned(), "—".to_owned())
        };
        let mut row = vec![
            Cell::new(&r.common.id.value),
            Cell::new(format!("{} → {}", r.provider.id, r.consumer.id)),
            Cell::new(&r.offering.id),
            right(utility),
            right(warranty),
            right(money(a.costs.net(), currency)),
            right(money(a.risks.net(), currency)),
            right(money(a.net_value, currency)),
            verdict_cell(a.verdict, color),
            right(describe_margin(&a.provider, currency)),
            co_creation_cell(a.co_creation, color),
        ];
        if wide {
            let reasons: Vec<&str> = a.reasons.iter().map(|r| r.as_str()).collect();
            let unmet: Vec<String> = a.warranty.unmet.iter().map(describe_unmet).collect();
            let provider: Vec<&str> = a.provider.reasons.iter().map(|r| r.as_str()).collect();
            row.extend([
                Cell::new(reasons.join("\n")),
                Cell::new(a.utility.missing.join("\n")),
                Cell::new(unmet.join("\n")),
                Cell::new(provider.join("\n")),
            ]);
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    if !quiet {
        writeln!(out, "{}", summary(catalogue, assessments))?;
    }
    Ok(())
}

/// "12 relationships: 10 value, 2 no-value, 0 unassessed; 9 mutual, …; net value of the
/// 12 assessed 1,234.00 GBP a year". Unassessed relationships are left out of the total.
pub fn summary(catalogue: &Catalogue, assessments: &[Assessment]) -> String {
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    let together = |c| assessments.iter().filter(|a| a.co_creation == c).count();
    let noun = if assessments.len() == 1 {
        "relationship"
    } else {
        "relationships"
    };
    let assessed = assessments.len() - count(Verdict::Unassessed);
    let total = money(
        crate::assess::assessed_net_value(assessments),
        catalogue.metadata.currency.as_deref(),
    );
    format!(
        "{} {noun}: {} value, {} no-value, {} unassessed; co-creation {} mutual, {} consumer-only, \
         {} provider-only, {} neither, {} unassessed; net value of the {assessed} assessed {total} a year",
        assessments.len(),
        count(Verdict::Value),
        count(Verdict::NoValue),
        count(Verdict::Unassessed),
        together(CoCreation::Mutual),
        together(CoCreation::ConsumerOnly),
        together(CoCreation::ProviderOnly),
        together(CoCreation::Neither),
        together(CoCreation::Unassessed),
    )
}

/// The provider portfolio (docs/format.md §8.5): one row per provider.
pub fn render_providers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
    color: bool,
    quiet: bool,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let mut table = new_table(color);
    table.set_header(vec![
        "Provider",
        "Revenue / yr",
        "Cost of provision / yr",
        "Risks / yr",
        "Benefits / yr",
        "Unrecovered / yr",
        "Margin / yr",
        "Margin %",
        "Target %",
        "Sustainable",
        "Relationships (sust. / unsust. / unassessed)",
    ]);
    for p in providers {
        let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
        let assessed = p.sustainable_count + p.unsustainable_count > 0;
        let mut sustainable = Cell::new(match (assessed, p.sustainable) {
            (false, _) => "— (not assessed)",
            (true, true) => "yes",
            (true, false) => "no",
        });
        if color && assessed {
            sustainable = sustainable.fg(if p.sustainable {
                Color::Green
            } else {
                Color::Red
            });
        }
        table.add_row(vec![
            Cell::new(&catalogue.organizations[p.organization].common.id.value),
            right(money(p.revenue, currency)),
            right(money(p.cost_of_provision, currency)),
            right(money(p.risks, currency)),
            right(money(p.benefits, currency)),
            right(money(p.unrecovered, currency)),
            right(money(p.margin, currency)),
            right(p.margin_pct.map_or_else(|| "—".to_owned(), grouped)),
            right(grouped(p.target_margin)),
            sustainable,
            right(format!(
                "{} / {} / {}",
                p.sustainable_count, p.unsustainable_count, p.unassessed_count
            )),
        ]);
    }
    writeln!(out, "{table}")?;
    if !quiet {
        let assessed: Vec<&Portfolio> = providers
            .iter()
            .filter(|p| p.sustainable_count + p.unsustainable_count > 0)
            .collect();
        let fine = assessed.iter().filter(|p| p.sustainable).count();
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
