//! The value report as one self-contained HTML page, for the sponsors and customers of
//! the relationships (`svs report`): a summary, the utility × warranty chart, the
//! co-creation matrix, the provider and consumer portfolios, a card per relationship with both sides
//! (roles, utility, warranty and balance for the consumer; revenue, cost of provision and
//! margin for the provider; the other stakeholders' effects), the value network and any
//! lint findings.
//!
//! The page is written for an [`Audience`]: the catalogue's owners see everything; one
//! organisation (`svs report --for ORG`) sees the relationships it is party to, and of
//! those it only consumes no provider's side, co-creation, other stakeholder or hidden
//! product resource. The command leaves out before rendering what the audience does not
//! see at all (other relationships, portfolio entries, findings); here each part that
//! belongs to the provider asks [`Audience::sees_provider_side`].
//!
//! The page depends on nothing outside itself: the style sheet is inlined, the charts are
//! inline SVG drawn here, there is no script, and no font or image is fetched, so it opens
//! the same from a CI artifact, an e-mail attachment or `file://`, online or not. It has
//! light and dark schemes (`prefers-color-scheme`), a print style, and a layout that
//! reflows down to a phone's width.
//!
//! It is written with plain `write!` rather than a template engine: the markup is driven
//! by the same loops that compute the charts' coordinates, and a template would need the
//! whole model mirrored into a serialisable context for little gain. Every catalogue
//! string goes through [`escape::esc`], in text and attributes alike. Nothing is assessed
//! here: the page renders the [`Assessment`]s and portfolio of [`crate::assess`], the roles of
//! [`crate::roles`], the network of [`crate::graph`] and the findings of
//! [`crate::lint`], and, like every renderer, rounds only when it prints. The output has
//! no date or other varying part: the same catalogue gives the same bytes.

pub mod chart;
pub mod delivered;
pub mod escape;
pub mod grid;
pub mod history;
pub mod network;
pub mod products;
pub mod provision;
pub mod review;
pub mod text;

use std::collections::HashMap;
use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::assess::consumers::ConsumerPortfolio;
use crate::assess::delivered::Records;
use crate::assess::provision::Portfolio;
use crate::assess::{Assessment, Reason, Verdict};
use crate::audience::Audience;
use crate::figures::{grouped, money, round2};
use crate::graph::Network;
use crate::lint::LintReport;
use crate::model::Catalogue;
use crate::report::view::Judgement;
use crate::report::views::describe_unmet;
use crate::roles::{RelationshipRoles, Role, describe_holder, organization_name};
use crate::source::SourceMap;
use chart::{Point, Spot};
use escape::esc;

/// The page's style sheet, inlined into `<head>`.
const STYLE: &str = include_str!("html/style.css");

/// Everything the page shows, computed by the command before rendering.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The resolved catalogue.
    pub catalogue: &'a Catalogue,
    /// The assessment of every relationship shown, in catalogue order.
    pub assessments: &'a [Assessment],
    /// The portfolio of every provider of those relationships.
    pub providers: &'a [Portfolio],
    /// The portfolio of every consumer of those relationships.
    pub consumers: &'a [ConsumerPortfolio],
    /// The roles of the same relationships, in the same order.
    pub roles: &'a [RelationshipRoles],
    /// The value network to draw.
    pub network: &'a Network,
    /// The catalogue's lint findings.
    pub lint: &'a LintReport,
    /// The files read, for the findings' positions.
    pub sources: &'a SourceMap,
    /// Whose eyes the page is for.
    pub audience: &'a Audience,
    /// The relationships' value along the git history (`--history`), when asked for.
    pub history: Option<&'a crate::history::History>,
}

impl Report<'_> {
    /// Whether the audience sees the provider's side of an assessed relationship.
    fn sees_provider_side(&self, a: &Assessment) -> bool {
        self.audience
            .sees_provider_side(&self.catalogue.relationships[a.relationship])
    }

    /// The assessments whose provider's side the audience sees.
    fn provided(&self) -> Vec<Assessment> {
        self.assessments
            .iter()
            .filter(|a| self.sees_provider_side(a))
            .cloned()
            .collect()
    }

    /// Whether the page has provider's sections (co-creation, portfolio): always for the
    /// owners, for an organisation when it provides one of the relationships.
    fn shows_provision(&self) -> bool {
        self.audience.is_owners() || self.assessments.iter().any(|a| self.sees_provider_side(a))
    }

    /// The page's name: the catalogue's, and the audience's when it is one organisation.
    fn title(&self) -> String {
        let name = &self.catalogue.metadata.name;
        match self.audience.for_organization() {
            None => name.clone(),
            Some(o) => format!("{name}, for {}", organization_name(self.catalogue, o)),
        }
    }
}

/// A verdict for people: a sign that does not rely on colour, and the verdict's name.
fn verdict_text(verdict: Verdict) -> &'static str {
    Judgement::Value(verdict).page_word()
}

/// Why a verdict is not `value`, in a few words (beside a figure in the summary table).
fn reason_short(reason: Reason) -> &'static str {
    match reason {
        Reason::NoOutcomeRequirements => "no outcome requirements",
        Reason::NoWarrantyRequirements => "no warranty requirements",
        Reason::NotFitForPurpose => "not fit for purpose",
        Reason::NotFitForUse => "not fit for use",
        Reason::NegativeBalance => "negative balance",
    }
}

/// Why a verdict is not `value`, for people.
fn reason_text(reason: Reason) -> &'static str {
    match reason {
        Reason::NoOutcomeRequirements => {
            "no outcome requirements: the customer has not said which outcomes they need"
        }
        Reason::NoWarrantyRequirements => {
            "no warranty requirements: there is nothing to judge fit for use against"
        }
        Reason::NotFitForPurpose => {
            "not fit for purpose: the outcomes the customer needs are not facilitated well enough"
        }
        Reason::NotFitForUse => {
            "not fit for use: the offer does not assure every warranty requirement"
        }
        Reason::NegativeBalance => {
            "negative balance: the costs and risks imposed outweigh those removed"
        }
    }
}

fn mark(ok: bool) -> &'static str {
    if ok {
        r#"<span class="ok">✓</span>"#
    } else {
        r#"<span class="not-ok">✗</span>"#
    }
}

/// The anchor of a relationship's card (ids are already safe in a fragment; escaped all
/// the same where written).
fn anchor(id: &str) -> String {
    format!("rel-{id}")
}

/// Writes a self-contained page's opening, up to `<body>`: its `title` and the report's
/// style sheet followed by `more_style`, the page's own rules.
pub(crate) fn head(out: &mut dyn Write, title: &str, more_style: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en">"#)?;
    writeln!(out, "<head>")?;
    writeln!(out, r#"<meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, r#"<meta name="color-scheme" content="light dark">"#)?;
    writeln!(
        out,
        r#"<meta name="generator" content="svs {}">"#,
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<title>{}</title>", esc(title))?;
    writeln!(out, "<style>\n{STYLE}{more_style}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

/// Writes the whole page.
pub fn render(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let name = &report.title();
    head(out, &format!("Value report: {name}"), "")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>Value report: {}</h1>", esc(name))?;
    lead(out, report)?;
    let provision = report.shows_provision();
    writeln!(
        out,
        "<nav aria-label=\"Contents\"><a href=\"#summary\">Summary</a> · <a href=\"#fit\">Fit for purpose and use</a> · {}<a href=\"#consumers\">Consumer portfolio</a> · {}<a href=\"#relationships\">Relationships</a> · <a href=\"#network\">Value network</a> · <a href=\"#findings\">Lint findings</a></nav>",
        if provision {
            "<a href=\"#co-creation\">Co-creation</a> · <a href=\"#providers\">Provider portfolio</a> · "
        } else {
            ""
        },
        if report.history.is_some() {
            "<a href=\"#history\">Value over the history</a> · "
        } else {
            ""
        }
    )?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;
    summary(out, report)?;
    fit(out, report)?;
    if provision {
        provision::matrix(out, report.catalogue, &report.provided())?;
        provision::portfolio(out, report.catalogue, report.providers)?;
    }
    provision::consumers(out, report.catalogue, report.consumers)?;
    if let Some(history) = report.history {
        history::section(out, history)?;
    }
    cards(out, report)?;
    value_network(out, report)?;
    findings(out, report)?;
    writeln!(out, "</main>")?;
    let metadata = &report.catalogue.metadata;
    let files = report.sources.files().len();
    writeln!(
        out,
        r#"<footer><p class="note">Generated by svs {} from {files} catalogue file{}. Amounts are per year{}; one-off amounts are spread over {} months. Figures are exact, rounded half away from zero to two decimals only when shown.</p></footer>"#,
        env!("CARGO_PKG_VERSION"),
        if files == 1 { "" } else { "s" },
        metadata
            .currency
            .as_deref()
            .map(|c| format!(", in {}", esc(c)))
            .unwrap_or_default(),
        metadata.horizon_months
    )?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// What the page asks, for its audience: both sides for the owners; for one
/// organisation, its own side of what it consumes and both sides of what it provides.
fn lead(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    const CONSUMER: &str = "is the service fit for purpose (utility), fit for use (warranty), and do the costs and risks it removes from the consumer at least balance those it imposes?";
    const PROVIDER: &str =
        "does the revenue cover the cost of provision with the margin the provider needs?";
    let Some(o) = report.audience.for_organization() else {
        return writeln!(
            out,
            r#"<p class="lead">Does each service relationship co-create value? For every relationship, on the consumer's side: {CONSUMER} On the provider's side: {PROVIDER}</p>"#
        );
    };
    let who = esc(organization_name(report.catalogue, o));
    let provides = report.shows_provision();
    let consumes = report
        .assessments
        .iter()
        .any(|a| !report.sees_provider_side(a));
    write!(
        out,
        r#"<p class="lead" data-for="{}">This report is for {who}, and shows only the relationships it is party to (itself or a unit of it)."#,
        esc(&report.catalogue.organizations[o].common.id.value)
    )?;
    if consumes {
        write!(
            out,
            " For each relationship it consumes, from its own side: {CONSUMER}"
        )?;
    }
    if provides {
        write!(
            out,
            " For each it provides, the consumer's side and the provider's: {PROVIDER}"
        )?;
    }
    writeln!(out, "</p>")
}

fn summary(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let catalogue = report.catalogue;
    let currency = catalogue.metadata.currency.as_deref();
    let assessments = report.assessments;
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    // The same total as `svs assess`: the consumer's side of each assessed relationship.
    let assessed = assessments.len() - count(Verdict::Unassessed);
    let total = assessments
        .iter()
        .filter(|a| a.verdict != Verdict::Unassessed)
        .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(a.net_value));

    writeln!(out, r#"<section aria-labelledby="summary">"#)?;
    writeln!(out, r#"<h2 id="summary">Summary</h2>"#)?;
    writeln!(out, r#"<dl class="figures">"#)?;
    writeln!(
        out,
        r#"<div><dt>Relationships</dt><dd id="count-relationships">{}</dd></div>"#,
        assessments.len()
    )?;
    for (verdict, id, label) in [
        (Verdict::Value, "count-value", "✓ Value"),
        (Verdict::NoValue, "count-no-value", "✗ No value"),
        (Verdict::Unassessed, "count-unassessed", "? Unassessed"),
    ] {
        writeln!(
            out,
            r#"<div><dt>{label}</dt><dd id="{id}" class="verdict {}">{}</dd></div>"#,
            verdict.as_str(),
            count(verdict)
        )?;
    }
    let total_text = match total {
        Some(total) => money(total, currency),
        None => "too large to add up exactly".to_owned(),
    };
    writeln!(
        out,
        r#"<div><dt>Sum of {assessed} {} per year</dt><dd id="net-value">{}</dd></div>"#,
        if assessed == 1 {
            "consumer's net value"
        } else {
            "consumers' net values"
        },
        esc(&total_text)
    )?;
    writeln!(out, "</dl>")?;
    writeln!(
        out,
        r#"<p class="note">Catalogue <strong>{}</strong>{}. Fit for purpose needs a utility score of at least {} with every <em>must</em> outcome facilitated; fit for use needs every warranty check met.</p>"#,
        esc(&catalogue.metadata.name),
        currency
            .map(|c| format!(", amounts in {}", esc(c)))
            .unwrap_or_default(),
        grouped(catalogue.metadata.utility_threshold)
    )?;

    if assessments.is_empty() {
        writeln!(out, "<p>The catalogue has no relationship to assess.</p>")?;
        return writeln!(out, "</section>");
    }
    glance(out, report)?;
    writeln!(out, "</section>")
}

/// Every relationship at a glance: its parties, scores, net value and verdicts.
fn glance(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let catalogue = report.catalogue;
    let currency = catalogue.metadata.currency.as_deref();
    let assessments = report.assessments;
    writeln!(out, r#"<div class="table-wrap"><table class="glance">"#)?;
    writeln!(out, "<caption>Every relationship at a glance</caption>")?;
    let provision = report.shows_provision();
    writeln!(
        out,
        r#"<thead><tr><th scope="col">Relationship</th><th scope="col" class="parties">Provider → consumer</th><th scope="col" class="num score">Utility</th><th scope="col" class="num score">Warranty</th><th scope="col" class="num">Net value / year</th><th scope="col">Verdict</th>{}</tr></thead>"#,
        if provision {
            r#"<th scope="col">Co-creation</th>"#
        } else {
            ""
        }
    )?;
    writeln!(out, "<tbody>")?;
    for a in assessments {
        let r = &catalogue.relationships[a.relationship];
        let together = match (provision, report.sees_provider_side(a)) {
            (false, _) => String::new(),
            (true, true) => format!(
                r#"<td class="co-creation {}">{}</td>"#,
                a.co_creation.as_str(),
                provision::co_creation_text(a.co_creation)
            ),
            (true, false) => r#"<td class="co-creation not-shown">not shown</td>"#.to_owned(),
        };
        writeln!(
            out,
            r##"<tr><th scope="row"><a href="#{}">{}</a></th><td class="parties">{} → {}</td><td class="num score">{} {}</td><td class="num score">{} {} ({}/{})</td><td class="num">{}{}</td><td class="verdict {}">{}</td>{together}</tr>"##,
            esc(&anchor(&r.common.id.value)),
            esc(&r.common.id.value),
            esc(organization_name(catalogue, r.provider.index())),
            esc(organization_name(catalogue, r.consumer.index())),
            grouped(a.utility.score),
            mark(a.utility.fit_for_purpose),
            grouped(a.warranty.score),
            mark(a.warranty.fit_for_use),
            a.warranty.met,
            a.warranty.checks,
            esc(&money(a.net_value, currency)),
            net_value_caveat(a),
            a.verdict.as_str(),
            verdict_text(a.verdict),
        )?;
    }
    writeln!(out, "</tbody></table></div>")
}

/// Beside a positive net value whose verdict is `no-value`, why it is not value all the
/// same, so that a reader does not take the figure for value: empty otherwise.
fn net_value_caveat(a: &Assessment) -> String {
    if a.verdict != Verdict::NoValue || a.net_value <= Decimal::ZERO {
        return String::new();
    }
    let codes: Vec<&str> = a.reasons.iter().map(|r| r.as_str()).collect();
    let words: Vec<&str> = a.reasons.iter().map(|r| reason_short(*r)).collect();
    format!(
        r#"<span class="net-caveat" data-reasons="{}">✗ {}</span>"#,
        codes.join(" "),
        words.join(", ")
    )
}

/// The legend of the verdict markers, shared by the scatter chart and the network; with
/// the neutral marker too when `mixed` (a spot of the chart holds several verdicts).
fn legend(out: &mut dyn Write, mixed: bool) -> io::Result<()> {
    writeln!(out, r#"<ul class="legend">"#)?;
    for verdict in [Verdict::Value, Verdict::NoValue, Verdict::Unassessed] {
        write!(out, "<li>")?;
        swatch(out, |out| chart::marker(out, verdict, 7.0, 7.0))?;
        writeln!(out, "{}</li>", verdict_text(verdict))?;
    }
    if mixed {
        write!(out, "<li>")?;
        swatch(out, |out| chart::mixed_marker(out, 7.0, 7.0))?;
        writeln!(out, "several verdicts at one spot</li>")?;
    }
    writeln!(out, "</ul>")
}

/// A marker drawn at the size of the text beside it, which says what it means.
fn swatch(
    out: &mut dyn Write,
    draw: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write!(
        out,
        r#"<svg class="swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">"#
    )?;
    draw(out)?;
    write!(out, "</svg>")
}

/// Under the chart, the relationships of each spot where several stand, by id with their
/// verdict's marker, each linking to its card.
fn spot_lists(out: &mut dyn Write, spots: &[Spot<'_>]) -> io::Result<()> {
    for spot in spots.iter().filter(|s| s.points.len() > 1) {
        let verdicts = match spot.verdict() {
            Some(verdict) => verdict_text(verdict).to_owned(),
            None => spot.counts(),
        };
        writeln!(
            out,
            r#"<div class="spot" data-count="{}" data-utility="{}" data-warranty="{}">"#,
            spot.points.len(),
            round2(spot.utility),
            round2(spot.warranty)
        )?;
        write!(out, r#"<p class="spot-heading">"#)?;
        swatch(out, |out| chart::spot_marker(out, spot, 7.0, 7.0))?;
        writeln!(
            out,
            "{} relationships at utility {}, warranty {} ({verdicts}):</p>",
            spot.points.len(),
            grouped(spot.utility),
            grouped(spot.warranty)
        )?;
        writeln!(out, r#"<ul class="spot-list">"#)?;
        for p in &spot.points {
            write!(out, r#"<li data-verdict="{}">"#, p.verdict.as_str())?;
            swatch(out, |out| chart::marker(out, p.verdict, 7.0, 7.0))?;
            writeln!(
                out,
                r##"<a href="#{}">{}</a></li>"##,
                esc(&anchor(p.id)),
                esc(p.id)
            )?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</div>")?;
    }
    Ok(())
}

fn fit(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let catalogue = report.catalogue;
    writeln!(out, r#"<section aria-labelledby="fit">"#)?;
    writeln!(out, r#"<h2 id="fit">Fit for purpose and fit for use</h2>"#)?;
    if report.assessments.is_empty() {
        writeln!(out, "<p>No relationship to chart.</p>")?;
        return writeln!(out, "</section>");
    }
    let points: Vec<Point<'_>> = report
        .assessments
        .iter()
        .map(|a| Point {
            id: &catalogue.relationships[a.relationship].common.id.value,
            utility: a.utility.score,
            warranty: a.warranty.score,
            verdict: a.verdict,
        })
        .collect();
    let spots = chart::spots(&points);
    writeln!(out, "<figure>")?;
    chart::scatter(out, &points, catalogue.metadata.utility_threshold)?;
    if chart::labelled(&spots) {
        spot_lists(out, &spots)?;
    }
    writeln!(
        out,
        "<figcaption>Each relationship by its utility score (across) and warranty score (up). A relationship is fit for purpose right of the dashed line (the catalogue's utility threshold, {}) when every <em>must</em> outcome is facilitated, and fit for use on the top line, where every warranty check is met. Relationships with the same scores share one marker, which gives their count. Exact scores are in the table above and on each card.</figcaption>",
        grouped(catalogue.metadata.utility_threshold)
    )?;
    writeln!(out, "</figure>")?;
    legend(out, spots.iter().any(|s| s.verdict().is_none()))?;
    writeln!(out, "</section>")
}

fn cards(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let catalogue = report.catalogue;
    let outcome_names: HashMap<&str, &str> = catalogue
        .outcomes
        .iter()
        .map(|o| {
            (
                o.common.id.value.as_str(),
                o.common.name.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    writeln!(out, r#"<section aria-labelledby="relationships">"#)?;
    writeln!(out, r#"<h2 id="relationships">Relationships</h2>"#)?;
    writeln!(out, r#"<div class="cards">"#)?;
    let records = Records::new(catalogue);
    for (a, roles) in report.assessments.iter().zip(report.roles) {
        card(out, report, a, roles, &outcome_names, &records)?;
    }
    writeln!(out, "</div>")?;
    writeln!(out, "</section>")
}

/// An outcome for people: its name, then its id.
fn outcome(names: &HashMap<&str, &str>, id: &str) -> String {
    match names.get(id) {
        Some(name) if !name.is_empty() => {
            format!("{} (<code>{}</code>)", esc(name), esc(id))
        }
        _ => format!("<code>{}</code>", esc(id)),
    }
}

fn card(
    out: &mut dyn Write,
    report: &Report<'_>,
    a: &Assessment,
    roles: &RelationshipRoles,
    outcome_names: &HashMap<&str, &str>,
    records: &Records,
) -> io::Result<()> {
    let catalogue = report.catalogue;
    let currency = catalogue.metadata.currency.as_deref();
    let r = &catalogue.relationships[a.relationship];
    let id = &r.common.id.value;
    let anchor = anchor(id);
    let offering = &catalogue.offerings[r.offering.index()];

    let provider_side = report.sees_provider_side(a);
    let both = if provider_side {
        format!(
            r#" data-provider-verdict="{}" data-co-creation="{}""#,
            a.provider.verdict.as_str(),
            a.co_creation.as_str()
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        r#"<article class="card" id="{0}" data-verdict="{1}"{both} aria-labelledby="{0}-heading">"#,
        esc(&anchor),
        a.verdict.as_str(),
    )?;
    writeln!(
        out,
        r#"<header><h3 id="{}-heading">{}</h3><span class="verdict {}">{}</span></header>"#,
        esc(&anchor),
        esc(id),
        a.verdict.as_str(),
        verdict_text(a.verdict)
    )?;
    writeln!(
        out,
        r#"<p class="parties"><span class="provider">{}</span> → <span class="consumer">{}</span><br>Offering: <span class="offering">{}</span> (<code>{}</code>)</p>"#,
        esc(organization_name(catalogue, r.provider.index())),
        esc(organization_name(catalogue, r.consumer.index())),
        esc(offering.common.name.as_deref().unwrap_or_default()),
        esc(&offering.common.id.value)
    )?;
    if provider_side {
        provision::sides(out, catalogue, a)?;
    }
    if !a.reasons.is_empty() {
        writeln!(out, r#"<ul class="reasons">"#)?;
        for reason in &a.reasons {
            writeln!(
                out,
                r#"<li data-reason="{}">{}</li>"#,
                reason.as_str(),
                reason_text(*reason)
            )?;
        }
        writeln!(out, "</ul>")?;
    }

    roles_table(out, catalogue, roles)?;
    products::products(out, catalogue, r, report.audience)?;
    utility(out, r, a, outcome_names)?;
    warranty(out, a)?;

    // Balance.
    writeln!(
        out,
        r#"<h4>Consumer's costs and risks per year: net value <span class="net-value">{}</span></h4>"#,
        esc(&money(a.net_value, currency))
    )?;
    writeln!(out, "<figure>")?;
    chart::balance(out, &anchor, id, a, currency)?;
    writeln!(
        out,
        "<figcaption>Removed from the consumer (blue) and imposed on it (orange); risks are expected annual losses. Net value = costs net {} + risks net {}.</figcaption>",
        esc(&money(a.costs.net(), currency)),
        esc(&money(a.risks.net(), currency))
    )?;
    writeln!(out, "</figure>")?;
    delivered::delivered(out, catalogue, records, a, &anchor)?;
    if provider_side {
        provision::provider_side(out, catalogue, r, a)?;
        provision::stakeholders(out, catalogue, r, &roles.stakeholders)?;
    }
    writeln!(out, "</article>")
}

/// Who holds each role in a relationship, and who holds them all.
fn roles_table(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    roles: &RelationshipRoles,
) -> io::Result<()> {
    writeln!(out, r#"<table class="roles">"#)?;
    writeln!(
        out,
        "<caption class=\"note\">Who defines the requirements, uses the service and pays for it</caption>"
    )?;
    for (role, holders) in Role::ALL.iter().zip(&roles.holders) {
        let label = match role {
            Role::Customer => "Customer",
            Role::User => "User",
            Role::Sponsor => "Sponsor",
        };
        write!(
            out,
            r#"<tr><th scope="row">{label}</th><td class="role-{}">"#,
            role.as_str()
        )?;
        if holders.is_empty() {
            write!(out, r#"<span class="not-ok">none named</span>"#)?;
        }
        for (n, holder) in holders.iter().enumerate() {
            if n > 0 {
                write!(out, "<br>")?;
            }
            write!(out, "{}", esc(&describe_holder(catalogue, *holder)))?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</table>")?;
    let notes: Vec<String> = roles
        .notes
        .iter()
        .filter(|n| !n.is_missing())
        .map(|n| n.message(catalogue))
        .collect();
    for note in notes {
        writeln!(out, r#"<p class="note">{}</p>"#, esc(&note))?;
    }
    Ok(())
}

/// The utility score, and which required outcomes are facilitated and which are not.
fn utility(
    out: &mut dyn Write,
    r: &crate::model::Relationship,
    a: &Assessment,
    outcome_names: &HashMap<&str, &str>,
) -> io::Result<()> {
    writeln!(
        out,
        r#"<h4>Utility <span class="score">{}</span>: {} {}</h4>"#,
        grouped(a.utility.score),
        mark(a.utility.fit_for_purpose),
        if a.utility.fit_for_purpose {
            "fit for purpose"
        } else {
            "not fit for purpose"
        }
    )?;
    for (class, label, list) in [
        (
            "facilitated",
            "Outcomes facilitated",
            &a.utility.facilitated,
        ),
        ("missing", "Outcomes not facilitated", &a.utility.missing),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "<p>{label}:</p>")?;
        writeln!(out, r#"<ul class="{class}">"#)?;
        for id in list {
            writeln!(out, "<li>{}</li>", outcome(outcome_names, id))?;
        }
        writeln!(out, "</ul>")?;
    }
    if r.requirements.outcomes.is_empty() {
        writeln!(out, "<p>No outcome is required.</p>")?;
    }
    Ok(())
}

/// The warranty score, and every check not met: what is required and what is offered.
fn warranty(out: &mut dyn Write, a: &Assessment) -> io::Result<()> {
    writeln!(
        out,
        r#"<h4>Warranty <span class="score">{}</span>: {} {} ({} of {} checks met)</h4>"#,
        grouped(a.warranty.score),
        mark(a.warranty.fit_for_use),
        if a.warranty.fit_for_use {
            "fit for use"
        } else {
            "not fit for use"
        },
        a.warranty.met,
        a.warranty.checks
    )?;
    if !a.warranty.unmet.is_empty() {
        writeln!(out, r#"<div class="table-wrap"><table class="unmet">"#)?;
        writeln!(out, "<caption>Warranty checks not met</caption>")?;
        writeln!(
            out,
            r#"<thead><tr><th scope="col">Check</th><th scope="col">Required</th><th scope="col">Offered</th></tr></thead><tbody>"#
        )?;
        for unmet in &a.warranty.unmet {
            let (required, offered) = if unmet.check.starts_with("security:") {
                ("control required", "not offered")
            } else {
                (
                    unmet.required.as_str(),
                    unmet.offered.as_deref().unwrap_or("not offered"),
                )
            };
            writeln!(
                out,
                r#"<tr title="{}"><th scope="row"><code>{}</code></th><td>{}</td><td>{}</td></tr>"#,
                esc(&describe_unmet(unmet)),
                esc(&unmet.check),
                esc(required),
                esc(offered)
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    Ok(())
}

fn value_network(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    writeln!(out, r#"<section aria-labelledby="network">"#)?;
    writeln!(out, r#"<h2 id="network">Value network</h2>"#)?;
    if report.network.organizations.is_empty() {
        let none = if report.audience.is_owners() {
            "The catalogue has no organisation."
        } else {
            "No relationship to draw."
        };
        writeln!(out, "<p>{none}</p>")?;
        return writeln!(out, "</section>");
    }
    let mut verdicts = vec![None; report.catalogue.relationships.len()];
    for a in report.assessments {
        verdicts[a.relationship] = Some(a.verdict);
    }
    writeln!(out, "<figure>")?;
    // On a phone the drawing keeps a legible scale and scrolls sideways (see the style
    // sheet) rather than shrinking its text to a few pixels.
    writeln!(out, r#"<div class="scroll-x">"#)?;
    network::render(out, report.catalogue, report.network, &verdicts)?;
    writeln!(out, "</div>")?;
    writeln!(
        out,
        "<figcaption>Providers on the left, their consumers to the right. Square boxes are organisations (a double border: provider in one relationship and consumer in another); rounded boxes are relationships, marked with their verdict, named after their id and offering. Arrows point to the consumer; dashed arrows join a relationship to one that depends on it; dotted arrows join an organisation to the one it is part of.</figcaption>"
    )?;
    writeln!(out, "</figure>")?;
    writeln!(out, "</section>")
}

fn findings(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let lint = report.lint;
    writeln!(out, r#"<section aria-labelledby="findings">"#)?;
    writeln!(out, r#"<h2 id="findings">Lint findings</h2>"#)?;
    let suppressed = if lint.suppressed == 0 {
        String::new()
    } else {
        format!(
            " ({} suppressed by the catalogue's <code>lint:</code> settings)",
            lint.suppressed
        )
    };
    // For one organisation, only the findings about its own entities were kept.
    let about = report
        .audience
        .for_organization()
        .map(|o| {
            format!(
                " about {} and what it owns or provides",
                esc(organization_name(report.catalogue, o))
            )
        })
        .unwrap_or_default();
    if lint.findings.is_empty() {
        writeln!(
            out,
            r#"<p id="no-findings">No findings from <code>svs lint</code>{about}{suppressed}.</p>"#
        )?;
        return writeln!(out, "</section>");
    }
    let noun = if lint.findings.len() == 1 {
        "finding"
    } else {
        "findings"
    };
    writeln!(
        out,
        "<p>{} {noun} from <code>svs lint</code>{about}{suppressed}; <code>svs explain CODE</code> says why each rule matters and how to fix what it finds.</p>",
        lint.findings.len()
    )?;
    writeln!(out, r#"<div class="table-wrap"><table class="findings">"#)?;
    writeln!(
        out,
        r#"<thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Where</th><th scope="col">Entity</th><th scope="col">Message</th></tr></thead><tbody>"#
    )?;
    for finding in &lint.findings {
        let position = report.sources.position(finding.span);
        let file = &report.sources.file(finding.span.file).path;
        let help = finding
            .help
            .as_deref()
            .map(|h| format!("<br><span class=\"note\">help: {}</span>", esc(h)))
            .unwrap_or_default();
        writeln!(
            out,
            r#"<tr><td>{}</td><th scope="row"><code>{}</code> {}</th><td><code>{}:{}:{}</code></td><td>{}</td><td>{}{help}</td></tr>"#,
            finding.severity.as_str(),
            finding.code.code(),
            finding.code.name(),
            esc(file),
            position.line,
            position.column,
            finding
                .entity
                .as_deref()
                .map(|e| format!("<code>{}</code>", esc(e)))
                .unwrap_or_default(),
            esc(&finding.message)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;
    writeln!(out, "</section>")
}
