//! What a relationship delivered, on its card (SPEC §10.4): the verdict of the period
//! judged, every measured warranty check agreed against achieved, the spend of every
//! period with evidence against its plan and budget, and a small chart of what each
//! consumer role perceived over those periods against the perception threshold.
//!
//! A card without evidence shows none of it: the declared assessment is the whole story
//! there. The figures come from [`crate::assess::delivered`], judged once per record here
//! exactly as `svs assess` judges the one it reports; nothing is computed anew. Roles are
//! drawn as separate lines, never averaged together, with a marker shape per role so that
//! the chart does not rely on colour; like every chart of the page it is inline SVG whose
//! `<desc>` states every figure it draws.

use std::io::{self, Write};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::escape::esc;
use crate::assess::Assessment;
use crate::assess::delivered::{
    self, Delivered, DeliveredFigures, DeliveredVerdict, Perceived, Records, ShortReason,
};
use crate::figures::{money, round2};
use crate::model::{Catalogue, ConsumerRole, Period};

/// The roles whose perception is drawn, in the order of SPEC §10.3.
const ROLES: [ConsumerRole; 3] = [
    ConsumerRole::Customer,
    ConsumerRole::User,
    ConsumerRole::Sponsor,
];

/// Width of the perception chart.
const WIDTH: f64 = 360.0;
/// Left edge of its plot area (room for the score ticks).
const LEFT: f64 = 34.0;
/// Right margin, so that the last period's label stays inside.
const RIGHT: f64 = 24.0;
/// Top edge of the plot area.
const TOP: f64 = 10.0;
/// Height of the plot area: 0 to 100.
const PLOT: f64 = 120.0;
/// Height of the whole chart: the plot and the period labels under it.
const HEIGHT: f64 = TOP + PLOT + 26.0;

/// A consumer role's name in every format.
fn role_name(role: ConsumerRole) -> &'static str {
    match role {
        ConsumerRole::Customer => "customer",
        ConsumerRole::User => "user",
        ConsumerRole::Sponsor => "sponsor",
    }
}

/// A delivered verdict for people: a sign that does not rely on colour, and its name.
fn verdict_text(verdict: DeliveredVerdict) -> &'static str {
    match verdict {
        DeliveredVerdict::AsAgreed => "✓ as agreed",
        DeliveredVerdict::Short => "✗ short",
        DeliveredVerdict::Unmeasured => "? unmeasured",
    }
}

/// Why a relationship fell short, for people.
fn reason_text(reason: ShortReason) -> &'static str {
    match reason {
        ShortReason::WarrantyBreached => {
            "warranty breached: a measured check missed what was agreed"
        }
        ShortReason::OutcomeNotAchieved => "a required (must) outcome was not achieved",
        ShortReason::OverBudget => "over budget: the spend exceeds what the sponsor authorised",
        ShortReason::PerceivedPoorly => {
            "perceived poorly: the customers, users or sponsors score it below the threshold"
        }
    }
}

/// One period with evidence, judged.
struct Judged {
    period: Period,
    delivered: Delivered,
}

/// Every record of relationship `index`, judged, in period order (SPEC §10.2); of two
/// records for one period the first, as everywhere.
fn judged(catalogue: &Catalogue, records: &Records, index: usize) -> Vec<Judged> {
    let mut periods: Vec<Period> = records
        .of(catalogue, index)
        .map(|e| e.period.value)
        .collect();
    periods.dedup();
    periods
        .into_iter()
        .filter_map(|period| {
            let record = records.for_period(catalogue, index, period)?;
            // A figure too large to compute is reported by `svs assess`; here the period
            // is left out rather than shown wrong.
            let delivered = delivered::judge(catalogue, index, Some(record)).ok()?;
            Some(Judged { period, delivered })
        })
        .collect()
}

/// Writes what the relationship of `a` delivered, when it has evidence. `anchor` makes
/// the chart's element ids unique on the page.
pub fn delivered(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    records: &Records,
    a: &Assessment,
    anchor: &str,
) -> io::Result<()> {
    let history = judged(catalogue, records, a.relationship);
    if history.is_empty() {
        return Ok(());
    }
    let currency = catalogue.metadata.currency.as_deref();
    let d = &a.delivered;
    let period = d.period.map(|p| p.to_string());
    writeln!(
        out,
        r#"<h4 class="delivered" data-delivered="{}"{}>Delivered{}: <span class="delivered-verdict {}">{}</span></h4>"#,
        d.verdict.as_str(),
        period
            .as_deref()
            .map(|p| format!(r#" data-period="{}""#, esc(p)))
            .unwrap_or_default(),
        period
            .as_deref()
            .map(|p| format!(" in {}", esc(p)))
            .unwrap_or_default(),
        d.verdict.as_str(),
        verdict_text(d.verdict)
    )?;
    if !d.reasons.is_empty() {
        writeln!(out, r#"<ul class="reasons delivered-reasons">"#)?;
        for reason in &d.reasons {
            writeln!(
                out,
                r#"<li data-reason="{}">{}</li>"#,
                reason.as_str(),
                reason_text(*reason)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if let (Some(p), Some(figures)) = (d.period, d.figures.as_ref()) {
        checks(out, catalogue, a.relationship, records, p, figures)?;
    }
    money_table(out, &history, currency)?;
    writeln!(out, r#"<figure class="perception">"#)?;
    perception(
        out,
        anchor,
        &catalogue.relationships[a.relationship].common.id.value,
        &history,
        catalogue.metadata.perception_threshold,
    )?;
    writeln!(
        out,
        "<figcaption>What each role perceived, on a scale of 0 to 100 (responses-weighted; roles are never averaged together); the dashed line is the threshold of {}.</figcaption>",
        round2(catalogue.metadata.perception_threshold).normalize()
    )?;
    writeln!(out, "</figure>")
}

/// Every measured warranty check of the period judged: agreed against achieved.
fn checks(
    out: &mut dyn Write,
    catalogue: &Catalogue,
    index: usize,
    records: &Records,
    period: Period,
    figures: &DeliveredFigures,
) -> io::Result<()> {
    let Some(record) = records.for_period(catalogue, index, period) else {
        return Ok(());
    };
    let measured: Vec<_> = delivered::checks(&catalogue.relationships[index], record)
        .into_iter()
        .filter(|c| c.met.is_some())
        .collect();
    if !measured.is_empty() {
        writeln!(out, r#"<div class="table-wrap"><table class="agreed">"#)?;
        writeln!(
            out,
            "<caption>Warranty agreed against achieved in {period}: {} of {} measured checks met</caption>",
            figures.warranty.met, figures.warranty.measured
        )?;
        writeln!(
            out,
            r#"<thead><tr><th scope="col">Check</th><th scope="col">Agreed</th><th scope="col">Achieved</th><th scope="col">Met</th></tr></thead><tbody>"#
        )?;
        for check in &measured {
            let met = check.met == Some(true);
            let (agreed, achieved) = if check.check.starts_with("security:") {
                ("control required", if met { "held" } else { "failed" })
            } else {
                (
                    check.required.as_str(),
                    check.achieved.as_deref().unwrap_or_default(),
                )
            };
            writeln!(
                out,
                r#"<tr data-check="{}" data-met="{met}"><th scope="row"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&check.check),
                esc(&check.check),
                esc(agreed),
                esc(achieved),
                super::mark(met)
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    if !figures.warranty.not_measured.is_empty() {
        let names: Vec<String> = figures
            .warranty
            .not_measured
            .iter()
            .map(|c| format!("<code>{}</code>", esc(c)))
            .collect();
        writeln!(
            out,
            r#"<p class="note not-measured">Not measured in {period}: {}.</p>"#,
            names.join(", ")
        )?;
    }
    Ok(())
}

/// The spend of every period with evidence against its plan and its budget.
fn money_table(out: &mut dyn Write, history: &[Judged], currency: Option<&str>) -> io::Result<()> {
    writeln!(out, r#"<div class="table-wrap"><table class="spend">"#)?;
    writeln!(
        out,
        "<caption>Spend after credits against plan and budget, per period</caption>"
    )?;
    writeln!(
        out,
        r#"<thead><tr><th scope="col">Period</th><th scope="col">Spend</th><th scope="col">Planned</th><th scope="col">Variance</th><th scope="col">Budget</th><th scope="col">Delivered</th></tr></thead><tbody>"#
    )?;
    for judged in history {
        let Some(figures) = judged.delivered.figures.as_ref() else {
            continue;
        };
        let over = figures.budget.is_some_and(|b| figures.spend > b);
        writeln!(
            out,
            r#"<tr data-period="{}" data-spend="{}" data-budget="{}"><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td class="delivered-verdict {}">{}</td></tr>"#,
            judged.period,
            round2(figures.spend),
            figures
                .budget
                .map(|b| round2(b).to_string())
                .unwrap_or_default(),
            judged.period,
            esc(&money(figures.spend, currency)),
            esc(&money(figures.planned, currency)),
            esc(&money(figures.variance, currency)),
            if over { r#" class="not-ok""# } else { "" },
            esc(&figures
                .budget
                .map_or_else(|| "no budget".to_string(), |b| money(b, currency))),
            judged.delivered.verdict.as_str(),
            verdict_text(judged.delivered.verdict)
        )?;
    }
    writeln!(out, "</tbody></table></div>")
}

/// A score as a drawing coordinate; exactness is not needed for pixels.
fn float(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The height of a score of 0 to 100 on the plot.
fn y_of(score: Decimal) -> f64 {
    TOP + PLOT - float(score.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)) / 100.0 * PLOT
}

/// A role's marker, centred on `(x, y)`: a circle for customers, a square for users, a
/// diamond for sponsors.
fn marker(role: ConsumerRole, x: f64, y: f64) -> String {
    match role {
        ConsumerRole::Customer => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="4"/>"#),
        ConsumerRole::User => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="8" height="8"/>"#,
            x - 4.0,
            y - 4.0
        ),
        ConsumerRole::Sponsor => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z"/>"#,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
    }
}

/// `response` or `responses`.
fn responses_word(count: u64) -> &'static str {
    if count == 1 { "response" } else { "responses" }
}

/// What `role` perceived in a period, when it said anything.
fn perceived(delivered: &Delivered, role: ConsumerRole) -> Option<(Decimal, u64)> {
    delivered
        .figures
        .as_ref()?
        .perception
        .iter()
        .find(|p| p.who == Perceived::Role(role))
        .map(|p| (p.score, p.responses))
}

/// Every figure the perception chart draws, for its text alternative.
fn describe(history: &[Judged]) -> Vec<String> {
    history
        .iter()
        .map(|j| {
            let said: Vec<String> = ROLES
                .iter()
                .filter_map(|&role| {
                    perceived(&j.delivered, role).map(|(score, responses)| {
                        format!(
                            "{} {} ({responses} {})",
                            role_name(role),
                            round2(score),
                            responses_word(responses)
                        )
                    })
                })
                .collect();
            let said = if said.is_empty() {
                "nothing said".to_string()
            } else {
                said.join(", ")
            };
            format!("{}: {said}", j.period)
        })
        .collect()
}

/// Writes the perception chart: periods across, 0 to 100 up, a line per role joining the
/// periods next to each other where it said something, and the threshold dashed.
fn perception(
    out: &mut dyn Write,
    anchor: &str,
    relationship: &str,
    history: &[Judged],
    threshold: Decimal,
) -> io::Result<()> {
    let a = esc(anchor);
    let described = describe(history);
    writeln!(
        out,
        r#"<svg class="chart perception" role="img" aria-labelledby="{a}-perception-title {a}-perception-desc" viewBox="0 0 {WIDTH:.0} {HEIGHT:.0}" width="100%">"#
    )?;
    writeln!(
        out,
        r#"<title id="{a}-perception-title">Perception of {} per role and period</title>"#,
        esc(relationship)
    )?;
    writeln!(
        out,
        r#"<desc id="{a}-perception-desc">Threshold {}. {}.</desc>"#,
        round2(threshold),
        esc(&described.join("; "))
    )?;
    for tick in [0u8, 50, 100] {
        let y = y_of(Decimal::from(tick));
        writeln!(
            out,
            r#"<line class="grid" x1="{LEFT:.0}" y1="{y:.1}" x2="{:.0}" y2="{y:.1}"/><text class="tick" x="{:.0}" y="{:.1}" text-anchor="end">{tick}</text>"#,
            WIDTH - RIGHT + 8.0,
            LEFT - 6.0,
            y + 4.0
        )?;
    }
    let y = y_of(threshold);
    writeln!(
        out,
        r#"<line class="threshold" x1="{LEFT:.0}" y1="{y:.1}" x2="{:.0}" y2="{y:.1}"/>"#,
        WIDTH - RIGHT + 8.0
    )?;
    #[allow(clippy::cast_precision_loss)] // a column per period
    let x_of = |column: usize| {
        if history.len() < 2 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + 8.0 + column as f64 * (WIDTH - LEFT - RIGHT - 8.0) / (history.len() - 1) as f64
        }
    };
    for (column, j) in history.iter().enumerate() {
        writeln!(
            out,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x_of(column),
            TOP + PLOT + 18.0,
            j.period
        )?;
    }
    for role in ROLES {
        let points: Vec<(usize, Decimal, u64)> = history
            .iter()
            .enumerate()
            .filter_map(|(column, j)| perceived(&j.delivered, role).map(|(s, n)| (column, s, n)))
            .collect();
        if points.is_empty() {
            continue;
        }
        writeln!(
            out,
            r#"<g class="perceived perceived-{0}" data-role="{0}">"#,
            role_name(role)
        )?;
        for pair in points.windows(2) {
            let ((c0, s0, _), (c1, s1, _)) = (pair[0], pair[1]);
            if c1 == c0 + 1 {
                writeln!(
                    out,
                    r#"<line class="trend" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                    x_of(c0),
                    y_of(s0),
                    x_of(c1),
                    y_of(s1)
                )?;
            }
        }
        for &(column, score, responses) in &points {
            writeln!(
                out,
                r#"<g class="point" data-period="{}" data-score="{}" data-responses="{responses}">{}<title>{} in {}: {} ({responses} {})</title></g>"#,
                history[column].period,
                round2(score),
                marker(role, x_of(column), y_of(score)),
                role_name(role),
                history[column].period,
                round2(score),
                responses_word(responses)
            )?;
        }
        writeln!(out, "</g>")?;
    }
    writeln!(out, "</svg>")?;
    legend(out)
}

/// The legend of the perception chart: each role's marker, and the threshold.
fn legend(out: &mut dyn Write) -> io::Result<()> {
    write!(out, r#"<ul class="legend">"#)?;
    for role in ROLES {
        write!(
            out,
            r#"<li><svg class="swatch perceived perceived-{0}" viewBox="0 0 14 14" aria-hidden="true">{1}</svg>{0}</li>"#,
            role_name(role),
            marker(role, 7.0, 7.0)
        )?;
    }
    writeln!(
        out,
        r#"<li><svg class="swatch" viewBox="0 0 14 14" aria-hidden="true"><line class="threshold" x1="0" y1="7" x2="14" y2="7"/></svg>threshold</li></ul>"#
    )
}
