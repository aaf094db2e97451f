//! The assessment as GitHub-flavoured Markdown: a table, the summary, the reasons behind
//! every verdict that is not `value`, and a Mermaid `quadrantChart` that places each
//! relationship by utility (fit for purpose) and warranty (fit for use) score. Made for a
//! pull-request comment or a CI job summary.

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::mark;
use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::provision::{ByDimension, CoCreation, Portfolio, ProviderVerdict};
use crate::assess::{Assessment, Verdict};
use crate::audience::Audience;
use crate::figures::{grouped, money, round2};
use crate::model::{Catalogue, Dimension};
use crate::report::table::{NOT_SHOWN, describe_margin, describe_unmet, summary};

fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Value => "✅ value",
        Verdict::NoValue => "❌ no-value",
        Verdict::Unassessed => "❔ unassessed",
    }
}

fn co_creation(together: CoCreation) -> &'static str {
    match together {
        CoCreation::Mutual => "🤝 mutual",
        CoCreation::ConsumerOnly => "⚖️ consumer-only",
        CoCreation::ProviderOnly => "⚖️ provider-only",
        CoCreation::Neither => "❌ neither",
        CoCreation::NotMutual => "🚫 not-mutual",
        CoCreation::Unassessed => "❔ unassessed",
    }
}

/// Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.
pub(crate) fn cell(text: &str) -> String {
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

/// Writes the Markdown report; the provider's side of a relationship `audience` does not
/// see is "not shown".
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(
        out,
        "## Value assessment: {}\n",
        cell(&catalogue.metadata.name)
    )?;
    writeln!(
        out,
        "| Relationship | Provider → Consumer | Offering | Utility | Warranty | Net value / year | Verdict | Provider margin / year | Co-creation |"
    )?;
    writeln!(out, "|---|---|---|--:|--:|--:|---|--:|---|")?;
    for a in assessments {
        let r = &catalogue.relationships[a.relationship];
        let (utility, warranty) = if a.verdict == Verdict::Unassessed {
            ("—".to_owned(), "—".to_owned())
        } else {
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
        };
        let (margin, together) = if audience.sees_provider_side(r) {
            (
                describe_margin(&a.provider, currency),
                co_creation(a.co_creation),
            )
        } else {
            (NOT_SHOWN.to_owned(), NOT_SHOWN)
        };
        writeln!(
            out,
            "| `{}` | `{}` → `{}` | `{}` | {utility} | {warranty} | {} | {} | {margin} | {together} |",
            r.common.id.value,
            r.provider.id,
            r.consumer.id,
            r.offering.id,
            money(a.net_value, currency),
            verdict(a.verdict),
        )?;
    }
    writeln!(
        out,
        "\n**{}**",
        summary(catalogue, assessments, audience).replace('\n', "**  \n**")
    )?;
    explain(out, catalogue, assessments, audience)?;
    let assessed: Vec<(&str, &ByDimension, Decimal)> = assessments
        .iter()
        .filter(|a| {
            a.provider.verdict != ProviderVerdict::Unassessed
                && audience.sees_provider_side(&catalogue.relationships[a.relationship])
        })
        .map(|a| {
            let cost = &a.provider.cost_of_provision;
            (
                catalogue.relationships[a.relationship]
                    .common
                    .id
                    .value
                    .as_str(),
                &cost.by_dimension,
                cost.total,
            )
        })
        .collect();
    dimensions(out, catalogue, "Relationship", &assessed)?;
    quadrant_chart(out, catalogue, assessments)
}

/// The cost of provision told by the four dimensions (docs/format.md §8.8): a table with a
/// row per relationship or provider whose side is assessed, nothing when there is none.
fn dimensions(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    what: &str,
    rows: &[(&str, &ByDimension, Decimal)],
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(out, "\n### Cost of provision by dimension, per year\n")?;
    let labels: Vec<&str> = Dimension::ALL.iter().map(|d| d.label()).collect();
    writeln!(
        out,
        "| {what} | {} | Cost of provision |",
        labels.join(" | ")
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|")?;
    for (id, parts, total) in rows {
        let parts: Vec<String> = parts.parts().map(|(_, p)| money(p, currency)).collect();
        writeln!(
            out,
            "| `{id}` | {} | {} |",
            parts.join(" | "),
            money(*total, currency)
        )?;
    }
    Ok(())
}

/// Why each relationship that is not `value`, or not sustainable for its provider, is so.
fn explain(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let explained: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| a.verdict != Verdict::Value)
        .collect();
    if !explained.is_empty() {
        writeln!(out, "\n### Why not `value`\n")?;
        for a in explained {
            let r = &catalogue.relationships[a.relationship];
            let reasons: Vec<String> = a
                .reasons
                .iter()
                .map(|r| format!("`{}`", r.as_str()))
                .collect();
            writeln!(out, "- `{}`: {}", r.common.id.value, reasons.join(", "))?;
            if !a.utility.missing.is_empty() {
                let missing: Vec<String> =
                    a.utility.missing.iter().map(|m| format!("`{m}`")).collect();
                writeln!(out, "  - outcomes not facilitated: {}", missing.join(", "))?;
            }
            for unmet in &a.warranty.unmet {
                writeln!(out, "  - warranty: {}", describe_unmet(unmet))?;
            }
            if a.net_value < Decimal::ZERO {
                writeln!(
                    out,
                    "  - costs net {}, risks net {} a year",
                    money(a.costs.net(), currency),
                    money(a.risks.net(), currency)
                )?;
            }
        }
    }

    let one_sided: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| a.provider.verdict == ProviderVerdict::Unsustainable)
        .filter(|a| audience.sees_provider_side(&catalogue.relationships[a.relationship]))
        .collect();
    if !one_sided.is_empty() {
        writeln!(out, "\n### Unsustainable for the provider\n")?;
        for a in one_sided {
            let r = &catalogue.relationships[a.relationship];
            writeln!(
                out,
                "- `{}`: margin {} against a target of {} % (revenue {}, cost of provision {})",
                r.common.id.value,
                describe_margin(&a.provider, currency),
                grouped(a.provider.target_margin),
                money(a.provider.revenue, currency),
                money(a.provider.cost_of_provision.total, currency),
            )?;
        }
    }

    Ok(())
}

/// A Mermaid quadrant chart of utility and warranty scores.
fn quadrant_chart(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
) -> io::Result<()> {
    writeln!(out, "\n```mermaid")?;
    writeln!(out, "quadrantChart")?;
    writeln!(out, "    title Fit for purpose and fit for use")?;
    writeln!(out, "    x-axis Low utility --> High utility")?;
    writeln!(out, "    y-axis Low warranty --> High warranty")?;
    writeln!(out, "    quadrant-1 Fit for purpose and use")?;
    writeln!(out, "    quadrant-2 Fit for use only")?;
    writeln!(out, "    quadrant-3 Neither")?;
    writeln!(out, "    quadrant-4 Fit for purpose only")?;
    for a in assessments {
        let r = &catalogue.relationships[a.relationship];
        writeln!(
            out,
            "    {}: [{}, {}]",
            label(&r.common.id.value),
            coordinate(a.utility.score),
            coordinate(a.warranty.score)
        )?;
    }
    writeln!(out, "```")
}

/// The provider portfolio (docs/format.md §8.5) as a Markdown table.
pub fn render_providers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(
        out,
        "## Provider portfolio: {}\n",
        cell(&catalogue.metadata.name)
    )?;
    writeln!(
        out,
        "| Provider | Revenue / year | Cost of provision / year | Risks / year | Benefits / year | Unrecovered / year | Margin / year | Margin % | Target % | Sustainable | Relationships (sust. / unsust. / unassessed) |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|")?;
    for p in providers {
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} / {} |",
            catalogue.organizations[p.organization].common.id.value,
            money(p.revenue, currency),
            money(p.cost_of_provision, currency),
            money(p.risks, currency),
            money(p.benefits, currency),
            money(p.unrecovered, currency),
            money(p.margin, currency),
            p.margin_pct.map_or_else(|| "—".to_owned(), grouped),
            grouped(p.target_margin),
            match p.sustainable {
                None => "❔ not assessed",
                Some(true) => "✅ yes",
                Some(false) => "❌ no",
            },
            p.sustainable_count,
            p.unsustainable_count,
            p.unassessed_count,
        )?;
    }
    let assessed: Vec<(&str, &ByDimension, Decimal)> = providers
        .iter()
        .filter(|p| p.sustainable_count + p.unsustainable_count > 0)
        .map(|p| {
            (
                catalogue.organizations[p.organization]
                    .common
                    .id
                    .value
                    .as_str(),
                &p.cost_by_dimension,
                p.cost_of_provision,
            )
        })
        .collect();
    dimensions(out, catalogue, "Provider", &assessed)
}

/// The consumer portfolio (docs/format.md §5.12) as a Markdown table.
pub fn render_consumers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    consumers: &[ConsumerPortfolio],
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(
        out,
        "## Consumer portfolio: {}\n",
        cell(&catalogue.metadata.name)
    )?;
    writeln!(
        out,
        "| Consumer | Costs removed / year | Costs imposed / year | Risks net / year | Net value / year | Budget / year | Over budget | Relationships (value / no-value / unassessed) |"
    )?;
    writeln!(out, "|---|--:|--:|--:|--:|--:|---|--:|")?;
    for c in consumers {
        let over: Vec<String> = c
            .over_budget
            .iter()
            .map(|&r| format!("`{}`", catalogue.relationships[r].common.id.value))
            .collect();
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} / {} / {} |",
            catalogue.organizations[c.organization].common.id.value,
            money(c.costs_removed, currency),
            money(c.costs_imposed, currency),
            money(c.risks_net, currency),
            money(c.net_value, currency),
            c.budget
                .map_or_else(|| "—".to_owned(), |b| money(b, currency)),
            if over.is_empty() {
                "—".to_owned()
            } else {
                over.join(", ")
            },
            c.value_count,
            c.no_value_count,
            c.unassessed_count,
        )?;
    }
    Ok(())
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
    writeln!(out, "## Roles: {}", cell(&catalogue.metadata.name))?;
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
            writeln!(out, "- **{}:** {}", role.as_str(), cell(&shown))?;
        }
        for (s, effects) in r.stakeholders.iter().zip(&rr.stakeholders) {
            let (kind, index) = s.party.target();
            let interest = s
                .interest
                .as_deref()
                .map(|i| format!(" — {}", cell(i)))
                .unwrap_or_default();
            writeln!(
                out,
                "- **{}:** {}{interest}",
                stakeholder_role(s.role),
                cell(&describe_party(catalogue, kind, index))
            )?;
            if !effects.effects.is_empty() {
                for effect in &effects.effects {
                    writeln!(out, "  - {}", cell(&describe_effect(effect, currency)))?;
                }
                writeln!(
                    out,
                    "  - {}",
                    cell(&describe_stakeholder_value(&effects.value, currency))
                )?;
            }
        }
        for note in &rr.notes {
            let sign = if note.is_missing() {
                "⚠️"
            } else {
                "ℹ️"
            };
            writeln!(out, "- {sign} {}", cell(&note.message(catalogue)))?;
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
        cell(&catalogue.metadata.name)
    )?;
    writeln!(
        out,
        "| Person | Organisation | Relationship | Role | Through group |"
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    for &p in people {
        let person = &catalogue.people[p];
        let name = cell(person.common.name.as_deref().unwrap_or_default());
        let org = cell(crate::roles::organization_name(
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
