//! The provider's side of the value report (docs/format.md §8): both sides of each
//! relationship on its card, the other stakeholders' effects, the co-creation matrix and
//! the provider portfolio, with the cost of provision told by the four dimensions (§8.8)
//! in figures and in stacked bars, and beside it the consumer portfolio (§8.9).
//!
//! Like the rest of the page, nothing is computed here but layout: the figures are those
//! of [`crate::assess::provision`], rounded only when printed, and every catalogue string
//! goes through [`esc`]. Verdicts are told apart by a sign and a word as well as by
//! colour.

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::chart::{self, Stack};
use super::{anchor, esc, swatch, verdict_text};
use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::provision::{
    CoCreation, CostOfProvision, Portfolio, ProviderReason, ProviderVerdict,
};
use crate::assess::{Assessment, Verdict, annualise};
use crate::figures::{grouped, money};
use crate::model::{Catalogue, Dimension, EffectDirection, Relationship};
use crate::report::view::Judgement;
use crate::roles::{StakeholderEffects, describe_party, organization_name, stakeholder_role};

/// A provider verdict for people: a sign that does not rely on colour, and its name.
pub fn provider_verdict_text(verdict: ProviderVerdict) -> &'static str {
    Judgement::Provider(verdict).page_word()
}

/// A co-creation verdict for people: a shape (full, left half for the consumer, right
/// half for the provider, empty) and its name.
pub fn co_creation_text(together: CoCreation) -> &'static str {
    Judgement::CoCreation(together).page_word()
}

/// A percentage for people, or a dash when there is none.
fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{} %", grouped(v)))
}

/// The consumer's and the provider's verdicts and figures side by side, and what they
/// make together: the top of a card.
pub fn sides(out: &mut dyn Write, catalogue: &Catalogue, a: &Assessment) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let side = &a.provider;
    let margin = if side.verdict == ProviderVerdict::Unassessed {
        "not assessed".to_owned()
    } else {
        format!(
            "margin {} ({})",
            esc(&money(side.margin, currency)),
            percent(side.margin_pct)
        )
    };
    writeln!(out, r#"<table class="sides">"#)?;
    writeln!(
        out,
        r#"<caption class="note">Both sides of the relationship, per year</caption>"#
    )?;
    writeln!(
        out,
        r#"<thead><tr><td></td><th scope="col">Consumer</th><th scope="col">Provider</th></tr></thead>"#
    )?;
    writeln!(
        out,
        r#"<tbody><tr><th scope="row">Verdict</th><td class="verdict {}">{}</td><td class="provider-verdict {}">{}</td></tr>"#,
        a.verdict.as_str(),
        verdict_text(a.verdict),
        side.verdict.as_str(),
        provider_verdict_text(side.verdict)
    )?;
    writeln!(
        out,
        r#"<tr><th scope="row">Per year</th><td>net value {}</td><td>{margin}</td></tr></tbody>"#,
        esc(&money(a.net_value, currency))
    )?;
    writeln!(
        out,
        r#"<tfoot><tr><th scope="row">Co-creation</th><td colspan="2" class="co-creation {}">{}</td></tr></tfoot>"#,
        a.co_creation.as_str(),
        co_creation_text(a.co_creation)
    )?;
    writeln!(out, "</table>")
}

/// Why a provider verdict is not `sustainable`, for people.
fn reason_text(reason: ProviderReason, target: Decimal) -> String {
    match reason {
        ProviderReason::NoProvisionCosts => "no provision costs: nothing on the provider's side is declared (no cost to serve, running cost, upstream relationship, or provision cost, risk or benefit)".to_owned(),
        ProviderReason::BelowTargetMargin => format!(
            "below target margin: the margin is less than the provider's target of {} % of revenue",
            grouped(target)
        ),
    }
}

/// The provider's side of a card: revenue against the cost of provision, risks and
/// benefits, the margin against the target, the verdict and why.
pub fn provider_side(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    r: &Relationship,
    a: &Assessment,
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let side = &a.provider;
    let assessed = side.verdict != ProviderVerdict::Unassessed;
    let provider = esc(organization_name(catalogue, r.provider.index()));
    if assessed {
        writeln!(
            out,
            r#"<h4>Provider's side per year: margin <span class="margin">{}</span> ({})</h4>"#,
            esc(&money(side.margin, currency)),
            percent(side.margin_pct)
        )?;
    } else {
        writeln!(out, "<h4>Provider's side: not assessed</h4>")?;
    }
    writeln!(
        out,
        r#"<p>Provider's verdict: <span class="provider-verdict {}">{}</span></p>"#,
        side.verdict.as_str(),
        provider_verdict_text(side.verdict)
    )?;
    if !side.reasons.is_empty() {
        writeln!(out, r#"<ul class="provider-reasons">"#)?;
        for reason in &side.reasons {
            writeln!(
                out,
                r#"<li data-reason="{}">{}</li>"#,
                reason.as_str(),
                reason_text(*reason, side.target_margin)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if !assessed {
        return writeln!(
            out,
            r#"<p class="note">Revenue to {provider}: {} a year.</p>"#,
            esc(&money(side.revenue, currency))
        );
    }
    writeln!(
        out,
        r#"<div class="table-wrap"><table class="provider-side">"#
    )?;
    writeln!(
        out,
        r#"<caption class="note">What the relationship brings {provider} and what providing it costs, per year</caption>"#
    )?;
    writeln!(out, "<tbody>")?;
    let cost = &side.cost_of_provision;
    let figure = |key: &'static str, label: &str, value: String| (key, label.to_owned(), value, "");
    let mut rows = vec![
        figure("revenue", "Revenue", money(side.revenue, currency)),
        figure(
            "direct",
            "Direct cost of provision",
            money(cost.direct, currency),
        ),
        figure(
            "shared",
            "Shared cost of provision",
            money(cost.shared, currency),
        ),
        figure(
            "cost-of-provision",
            "Cost of provision",
            money(cost.total, currency),
        ),
    ];
    // The cost of provision by dimension, right under it (§8.8).
    rows.extend(cost.by_dimension.parts().map(|(dimension, part)| {
        (
            dimension.as_str(),
            format!("of which {}", dimension.label().to_lowercase()),
            money(part, currency),
            r#" class="dimension""#,
        )
    }));
    rows.extend([
        figure("risks", "Risks taken on", money(side.risks, currency)),
        figure("benefits", "Benefits", money(side.benefits, currency)),
        figure("margin", "Margin", money(side.margin, currency)),
        figure("margin-pct", "Margin %", percent(side.margin_pct)),
        figure(
            "target-margin",
            "Target margin",
            format!("{} %", grouped(side.target_margin)),
        ),
    ]);
    for (key, label, value, class) in rows {
        writeln!(
            out,
            r#"<tr{class} data-figure="{key}"><th scope="row">{label}</th><td class="num">{}</td></tr>"#,
            esc(&value)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;
    if !cost.total.is_zero() {
        dimensions_figure(out, &r.common.id.value, cost, currency)?;
    }
    benefits(out, catalogue, r)
}

/// A relationship's cost of provision as one stacked bar by dimension, with its legend.
fn dimensions_figure(
    out: &mut dyn Write,
    id: &str,
    cost: &CostOfProvision,
    currency: Option<&str>,
) -> io::Result<()> {
    writeln!(out, r#"<figure class="dimensions">"#)?;
    chart::dimensions(
        out,
        &anchor(id),
        &format!("Cost of providing {id} by dimension, per year"),
        &[Stack {
            id,
            label: "Cost of provision",
            parts: &cost.by_dimension,
            total: cost.total,
        }],
        currency,
    )?;
    dimension_legend(out)?;
    writeln!(out, "</figure>")
}

/// The legend of the dimensions' colours, as a caption: a swatch and the name of each.
fn dimension_legend(out: &mut dyn Write) -> io::Result<()> {
    write!(out, r#"<figcaption><ul class="legend dimension-legend">"#)?;
    for dimension in Dimension::ALL {
        write!(out, "<li>")?;
        swatch(out, |out| {
            write!(
                out,
                r#"<rect class="segment {}" x="1" y="1" width="12" height="12"/>"#,
                chart::dimension_class(dimension)
            )
        })?;
        write!(out, "{}</li>", dimension.label())?;
    }
    writeln!(out, "</ul></figcaption>")
}

/// The provider's benefits besides revenue, priced or not.
fn benefits(out: &mut dyn Write, catalogue: &Catalogue, r: &Relationship) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let benefits = &r.provision.benefits;
    if !benefits.is_empty() {
        let horizon = catalogue.metadata.horizon_months;
        writeln!(out, "<p>Benefits besides revenue:</p>")?;
        writeln!(out, r#"<ul class="benefits">"#)?;
        for benefit in benefits {
            let worth = match benefit.priced {
                Some(p) => annualise(p.amount, p.per, horizon).map_or_else(
                    || "too large to compute".to_owned(),
                    |a| format!("{} a year", money(a, currency)),
                ),
                None => "unpriced, not counted".to_owned(),
            };
            writeln!(
                out,
                "<li>{} ({}): {}</li>",
                esc(&benefit.name),
                benefit.kind.as_str(),
                esc(&worth)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

/// The other stakeholders of a card: each one's effects, gains, losses and net, never
/// added to either side. Two columns, so that it reads at a phone's width: a group of rows
/// per stakeholder, a row per effect.
pub fn stakeholders(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    r: &Relationship,
    effects: &[StakeholderEffects],
) -> io::Result<()> {
    if r.stakeholders.is_empty() {
        return Ok(());
    }
    let currency = catalogue.metadata.currency.as_deref();
    writeln!(out, "<h4>Other stakeholders</h4>")?;
    writeln!(out, r#"<table class="stakeholders">"#)?;
    writeln!(
        out,
        r#"<caption class="note">What the relationship means for each of them: their own view, added to neither side</caption>"#
    )?;
    writeln!(
        out,
        r#"<thead><tr><th scope="col">Stakeholder and effect</th><th scope="col" class="num">Per year</th></tr></thead>"#
    )?;
    for (stakeholder, StakeholderEffects { value, effects }) in r.stakeholders.iter().zip(effects) {
        let (kind, index) = stakeholder.party.target();
        let interest = stakeholder
            .interest
            .as_deref()
            .map(|i| format!("; interest: {}", esc(i)))
            .unwrap_or_default();
        writeln!(
            out,
            r#"<tbody data-party="{}"><tr><th scope="rowgroup" colspan="2" class="party">{}<br><span class="note">{}{interest}</span></th></tr>"#,
            esc(&value.party),
            esc(&describe_party(catalogue, kind, index)),
            stakeholder_role(stakeholder.role)
        )?;
        if effects.is_empty() {
            writeln!(
                out,
                r#"<tr><th scope="row">No effect declared</th><td class="num">—</td></tr></tbody>"#
            )?;
            continue;
        }
        for effect in effects {
            let (sign, word) = match effect.direction {
                EffectDirection::Gain => ("+", "gain"),
                EffectDirection::Loss => ("−", "loss"),
            };
            let amount = effect
                .per_year
                .map_or_else(|| "unpriced".to_owned(), |a| money(a, currency));
            writeln!(
                out,
                r#"<tr class="effect" data-direction="{word}"><th scope="row">{sign} {} ({word})</th><td class="num">{}</td></tr>"#,
                esc(&effect.name),
                esc(&amount)
            )?;
        }
        for (class, label, amount) in [
            ("gains", "Gains", value.gains),
            ("losses", "Losses", value.losses),
            ("net", "Net", value.net()),
        ] {
            writeln!(
                out,
                r#"<tr class="total"><th scope="row">{label}</th><td class="num {class}">{}</td></tr>"#,
                esc(&money(amount, currency))
            )?;
        }
        writeln!(out, "</tbody>")?;
    }
    writeln!(out, "</table>")
}

/// The co-creation matrix: every relationship by the consumer's verdict (rows) and the
/// provider's (columns), with a count and a link to each card in every cell.
pub fn matrix(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    assessments: &[Assessment],
) -> io::Result<()> {
    writeln!(out, r#"<section aria-labelledby="co-creation">"#)?;
    writeln!(out, r#"<h2 id="co-creation">Co-creation</h2>"#)?;
    writeln!(
        out,
        r#"<p class="note">Value is co-created when the consumer gains (its verdict is <em>value</em>) and the provider can sustain the relationship (its margin reaches its target): <em>mutual</em>. A relationship valued by one side only will not last, or should not.</p>"#
    )?;
    let count = |c: CoCreation| assessments.iter().filter(|a| a.co_creation == c).count();
    writeln!(out, r#"<dl class="figures">"#)?;
    for together in [
        CoCreation::Mutual,
        CoCreation::ConsumerOnly,
        CoCreation::ProviderOnly,
        CoCreation::Neither,
        CoCreation::NotMutual,
        CoCreation::Unassessed,
    ] {
        writeln!(
            out,
            r#"<div><dt>{}</dt><dd id="count-{}" class="co-creation {}">{}</dd></div>"#,
            co_creation_text(together),
            together.as_str(),
            together.as_str(),
            count(together)
        )?;
    }
    writeln!(out, "</dl>")?;
    if assessments.is_empty() {
        writeln!(out, "<p>No relationship to place.</p>")?;
        return writeln!(out, "</section>");
    }
    let providers = [
        ProviderVerdict::Sustainable,
        ProviderVerdict::Unsustainable,
        ProviderVerdict::Unassessed,
    ];
    writeln!(out, r#"<div class="table-wrap"><table class="matrix">"#)?;
    writeln!(
        out,
        "<caption>Relationships by the consumer's verdict (rows) and the provider's (columns)</caption>"
    )?;
    write!(out, "<thead><tr><td></td>")?;
    for provider in providers {
        write!(
            out,
            r#"<th scope="col" data-provider="{}">Provider: <span class="provider-verdict {}">{}</span></th>"#,
            provider.as_str(),
            provider.as_str(),
            provider_verdict_text(provider)
        )?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for consumer in [Verdict::Value, Verdict::NoValue, Verdict::Unassessed] {
        write!(
            out,
            r#"<tr data-consumer="{}"><th scope="row">Consumer: <span class="verdict {}">{}</span></th>"#,
            consumer.as_str(),
            consumer.as_str(),
            verdict_text(consumer)
        )?;
        for provider in providers {
            let together = CoCreation::of(consumer, provider);
            let here: Vec<&Assessment> = assessments
                .iter()
                .filter(|a| a.verdict == consumer && a.provider.verdict == provider)
                .collect();
            write!(
                out,
                r#"<td class="cell {0}" data-co-creation="{0}" data-provider="{1}" data-count="{2}"><span class="co-creation {0}">{3}</span>: <span class="count">{2}</span>"#,
                together.as_str(),
                provider.as_str(),
                here.len(),
                co_creation_text(together)
            )?;
            if !here.is_empty() {
                write!(out, "<ul>")?;
                for a in here {
                    let id = &catalogue.relationships[a.relationship].common.id.value;
                    write!(
                        out,
                        r##"<li><a href="#{}">{}</a></li>"##,
                        esc(&anchor(id)),
                        esc(id)
                    )?;
                }
                write!(out, "</ul>")?;
            }
            write!(out, "</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    writeln!(out, "</section>")
}

/// The provider portfolio (docs/format.md §8.5): one row per provider.
pub fn portfolio(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
) -> io::Result<()> {
    writeln!(out, r#"<section aria-labelledby="providers">"#)?;
    writeln!(out, r#"<h2 id="providers">Provider portfolio</h2>"#)?;
    if providers.is_empty() {
        writeln!(out, "<p>No relationship, so no provider.</p>")?;
        return writeln!(out, "</section>");
    }
    writeln!(
        out,
        r#"<p class="note">Each provider's relationships taken together, per year, over those whose provider side is assessed. <em>Unrecovered</em> is what the services it provides and nobody consumes cost it; it comes off the margin. A provider is sustainable when its margin reaches its target.</p>"#
    )?;
    writeln!(out, r#"<div class="table-wrap"><table class="portfolio">"#)?;
    writeln!(out, "<caption>Every provider's portfolio</caption>")?;
    super::grid::write(out, &crate::report::views::providers(catalogue, providers))?;
    writeln!(out, "</table></div>")?;
    dimensions(out, catalogue, providers)?;
    writeln!(out, "</section>")
}

/// Each provider's cost of provision by dimension (docs/format.md §8.8): a table of the
/// exact figures and a stacked bar per provider whose side is assessed.
fn dimensions(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    providers: &[Portfolio],
) -> io::Result<()> {
    let currency = catalogue.metadata.currency.as_deref();
    let stacks: Vec<Stack<'_>> = providers
        .iter()
        .filter(|p| p.sustainable_count + p.unsustainable_count > 0)
        .map(|p| Stack {
            id: &catalogue.organizations[p.organization].common.id.value,
            label: organization_name(catalogue, p.organization),
            parts: &p.cost_by_dimension,
            total: p.cost_of_provision,
        })
        .collect();
    if stacks.is_empty() {
        return Ok(());
    }
    writeln!(out, "<h3>Cost of provision by dimension</h3>")?;
    writeln!(
        out,
        r#"<p class="note">What each provider spends to provide its assessed relationships, told by the dimension of service management each cost line carries; what it pays for the relationships its services depend on is bought from partners and suppliers. The bars share one scale.</p>"#
    )?;
    writeln!(out, r#"<div class="table-wrap"><table class="dimensions">"#)?;
    writeln!(
        out,
        "<caption>Every provider's cost of provision by dimension, per year</caption>"
    )?;
    write!(out, r#"<thead><tr><th scope="col">Provider</th>"#)?;
    for dimension in Dimension::ALL {
        write!(
            out,
            r#"<th scope="col" class="num" data-dimension="{}">{}</th>"#,
            dimension.as_str(),
            dimension.label()
        )?;
    }
    writeln!(
        out,
        r#"<th scope="col" class="num">Cost of provision</th></tr></thead><tbody>"#
    )?;
    for stack in &stacks {
        write!(
            out,
            r#"<tr data-provider="{}"><th scope="row">{}</th>"#,
            esc(stack.id),
            esc(stack.label)
        )?;
        for (_, part) in stack.parts.parts() {
            write!(
                out,
                r#"<td class="num">{}</td>"#,
                esc(&money(part, currency))
            )?;
        }
        writeln!(
            out,
            r#"<td class="num">{}</td></tr>"#,
            esc(&money(stack.total, currency))
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;
    if stacks.iter().all(|s| s.total.is_zero()) {
        return Ok(()); // nothing to draw
    }
    writeln!(out, r#"<figure class="dimensions">"#)?;
    chart::dimensions(
        out,
        "providers",
        "Each provider's cost of provision by dimension, per year",
        &stacks,
        currency,
    )?;
    dimension_legend(out)?;
    writeln!(out, "</figure>")
}

/// The consumer portfolio (docs/format.md §5.12): one row per consumer.
pub fn consumers(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    consumers: &[ConsumerPortfolio],
) -> io::Result<()> {
    writeln!(out, r#"<section aria-labelledby="consumers">"#)?;
    writeln!(out, r#"<h2 id="consumers">Consumer portfolio</h2>"#)?;
    if consumers.is_empty() {
        writeln!(out, "<p>No relationship, so no consumer.</p>")?;
        return writeln!(out, "</section>");
    }
    writeln!(
        out,
        r#"<p class="note">Each consumer's relationships taken together, per year, over those whose verdict is not <em>unassessed</em>: the costs they remove and impose (its planned spend), the risks they remove net of those they impose, and its net value. Budgets and the relationships over them are shown once the catalogue declares budgets.</p>"#
    )?;
    writeln!(out, r#"<div class="table-wrap"><table class="consumers">"#)?;
    writeln!(out, "<caption>Every consumer's portfolio</caption>")?;
    super::grid::write(out, &crate::report::views::consumers(catalogue, consumers))?;
    writeln!(out, "</table></div>")?;
    writeln!(out, "</section>")
}
