//! The assessment as CSV (RFC 4180): a header row, then one row per relationship, for
//! spreadsheets. Amounts are plain decimals rounded to the cent, without grouping.
//! Columns only ever come at the end, so a spreadsheet that reads them by position keeps
//! working.

use std::io::{self, Write};

use crate::assess::Assessment;
use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::provision::{ByDimension, Portfolio};
use crate::audience::Audience;
use crate::figures::plain;
use crate::model::Catalogue;

const HEADER: &[&str] = &[
    "relationship",
    "provider",
    "consumer",
    "offering",
    "utility_score",
    "fit_for_purpose",
    "warranty_score",
    "fit_for_use",
    "warranty_checks",
    "warranty_met",
    "costs_removed",
    "costs_imposed",
    "risks_removed",
    "risks_imposed",
    "net_value",
    "currency",
    "verdict",
    "reasons",
    "revenue",
    "cost_of_provision_direct",
    "cost_of_provision_shared",
    "provider_risks",
    "provider_benefits",
    "margin",
    "margin_pct",
    "target_margin",
    "provider_verdict",
    "co_creation",
    "cost_of_provision_organizations_and_people",
    "cost_of_provision_information_and_technology",
    "cost_of_provision_partners_and_suppliers",
    "cost_of_provision_value_streams_and_processes",
];

const PROVIDERS_HEADER: &[&str] = &[
    "provider",
    "revenue",
    "cost_of_provision",
    "risks",
    "benefits",
    "unrecovered",
    "margin",
    "margin_pct",
    "target_margin",
    "currency",
    "sustainable",
    "relationships_sustainable",
    "relationships_unsustainable",
    "relationships_unassessed",
    "cost_of_provision_organizations_and_people",
    "cost_of_provision_information_and_technology",
    "cost_of_provision_partners_and_suppliers",
    "cost_of_provision_value_streams_and_processes",
];

const CONSUMERS_HEADER: &[&str] = &[
    "consumer",
    "costs_removed",
    "costs_imposed",
    "risks_net",
    "net_value",
    "currency",
    "budget",
    "over_budget",
    "relationships_value",
    "relationships_no_value",
    "relationships_unassessed",
];

/// The four parts of a cost of provision, in the order of the header.
fn dimensions(parts: &ByDimension) -> impl Iterator<Item = String> + '_ {
    parts.parts().map(|(_, part)| plain(part))
}

/// Quotes a field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Writes the header and one row per relationship, lines ending in CRLF as RFC 4180 says.
/// The provider's side of a relationship `audience` does not see (every column from
/// `revenue` on, `co_creation` with them) is left empty.
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
) -> io::Result<()> {
    write!(out, "{}\r\n", HEADER.join(","))?;
    let currency = catalogue.metadata.currency.as_deref().unwrap_or_default();
    for a in assessments {
        let r = &catalogue.relationships[a.relationship];
        let reasons: Vec<&str> = a.reasons.iter().map(|r| r.as_str()).collect();
        let mut row = vec![
            field(&r.common.id.value),
            field(&r.provider.id),
            field(&r.consumer.id),
            field(&r.offering.id),
            plain(a.utility.score),
            a.utility.fit_for_purpose.to_string(),
            plain(a.warranty.score),
            a.warranty.fit_for_use.to_string(),
            a.warranty.checks.to_string(),
            a.warranty.met.to_string(),
            plain(a.costs.removed),
            plain(a.costs.imposed),
            plain(a.risks.removed),
            plain(a.risks.imposed),
            plain(a.net_value),
            field(currency),
            a.verdict.as_str().to_owned(),
            field(&reasons.join(";")),
            plain(a.provider.revenue),
            plain(a.provider.cost_of_provision.direct),
            plain(a.provider.cost_of_provision.shared),
            plain(a.provider.risks),
            plain(a.provider.benefits),
            plain(a.provider.margin),
            a.provider.margin_pct.map(plain).unwrap_or_default(),
            plain(a.provider.target_margin),
            a.provider.verdict.as_str().to_owned(),
            a.co_creation.as_str().to_owned(),
        ];
        row.extend(dimensions(&a.provider.cost_of_provision.by_dimension));
        if !audience.sees_provider_side(r) {
            // The provider's side is every column from `revenue` on.
            let first = HEADER.iter().position(|h| *h == "revenue").unwrap_or(0);
            row[first..].iter_mut().for_each(String::clear);
        }
        write!(out, "{}\r\n", row.join(","))?;
    }
    Ok(())
}

/// Writes the provider portfolio (docs/format.md §8.5): a header and one row per provider.
pub fn render_providers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
) -> io::Result<()> {
    write!(out, "{}\r\n", PROVIDERS_HEADER.join(","))?;
    let currency = catalogue.metadata.currency.as_deref().unwrap_or_default();
    for p in providers {
        let mut row = vec![
            field(&catalogue.organizations[p.organization].common.id.value),
            plain(p.revenue),
            plain(p.cost_of_provision),
            plain(p.risks),
            plain(p.benefits),
            plain(p.unrecovered),
            plain(p.margin),
            p.margin_pct.map(plain).unwrap_or_default(),
            plain(p.target_margin),
            field(currency),
            p.sustainable.map(|s| s.to_string()).unwrap_or_default(),
            p.sustainable_count.to_string(),
            p.unsustainable_count.to_string(),
            p.unassessed_count.to_string(),
        ];
        row.extend(dimensions(&p.cost_by_dimension));
        write!(out, "{}\r\n", row.join(","))?;
    }
    Ok(())
}

/// Writes the consumer portfolio (docs/format.md §5.12): a header and one row per
/// consumer. `budget` is empty when none is declared; `over_budget` lists relationship ids
/// separated by `;`.
pub fn render_consumers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    consumers: &[ConsumerPortfolio],
) -> io::Result<()> {
    write!(out, "{}\r\n", CONSUMERS_HEADER.join(","))?;
    let currency = catalogue.metadata.currency.as_deref().unwrap_or_default();
    for c in consumers {
        let over: Vec<&str> = c
            .over_budget
            .iter()
            .map(|&r| catalogue.relationships[r].common.id.value.as_str())
            .collect();
        let row = [
            field(&catalogue.organizations[c.organization].common.id.value),
            plain(c.costs_removed),
            plain(c.costs_imposed),
            plain(c.risks_net),
            plain(c.net_value),
            field(currency),
            c.budget.map(plain).unwrap_or_default(),
            field(&over.join(";")),
            c.value_count.to_string(),
            c.no_value_count.to_string(),
            c.unassessed_count.to_string(),
        ];
        write!(out, "{}\r\n", row.join(","))?;
    }
    Ok(())
}
