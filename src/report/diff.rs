//! Renderers of `svs diff` ([`crate::diff::Diff`]): a terminal table, stable JSON, and
//! Markdown for a pull-request comment.
//!
//! The three formats tell the same story from the same cells, built here: a figure that
//! did not change is shown once, one that did as `old → new (±delta)`. Deltas are exact
//! differences, rounded like every other figure only when printed.

pub mod json;
pub mod markdown;
pub mod table;

use rust_decimal::Decimal;

use super::mark;
use crate::assess::Verdict;
use crate::assess::provision::ProviderVerdict;
use crate::diff::{Change, Diff, RelationshipChange, RelationshipValue};
use crate::figures::{grouped, money};

/// How a listed relationship changed, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// A side was judged for the first time: news, neither better nor worse.
    NewlyAssessed,
    /// Something got worse (whatever got better).
    Regressed,
    /// Something got better and nothing worse.
    Improved,
    /// Only reasons or fitness changed; no figure moved.
    Changed,
}

impl Label {
    /// The word shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Added => "added",
            Label::Removed => "removed",
            Label::NewlyAssessed => "newly assessed",
            Label::Regressed => "regressed",
            Label::Improved => "improved",
            Label::Changed => "changed",
        }
    }
}

/// The label of a listed relationship.
pub fn label(change: &RelationshipChange) -> Label {
    match change.change {
        Change::Added => Label::Added,
        Change::Removed => Label::Removed,
        Change::Changed if change.newly_assessed() => Label::NewlyAssessed,
        Change::Changed if !change.regressions.is_empty() => Label::Regressed,
        Change::Changed if !change.improvements.is_empty() => Label::Improved,
        Change::Changed => Label::Changed,
    }
}

/// Why a relationship changed, in words: `requirements, offering`, or `—` when no cause
/// applies (a relationship added or removed).
pub fn causes(change: &RelationshipChange) -> String {
    if change.causes.is_empty() {
        return "—".to_owned();
    }
    let words: Vec<&str> = change.causes.iter().map(|c| c.as_str()).collect();
    words.join(", ")
}

/// A delta with its sign: `+1,234.50`, `-0.01`.
pub fn signed(delta: Decimal) -> String {
    let text = grouped(delta);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// The cells of one listed relationship, each `old → new` when it changed.
pub struct Cells {
    /// `provider → consumer`, as the newer version has them.
    pub parties: String,
    /// The offering's id.
    pub offering: String,
    /// The verdict and its reasons.
    pub verdict: String,
    /// Utility score with ✓ for fit for purpose.
    pub utility: String,
    /// Warranty score with ✓ for fit for use.
    pub warranty: String,
    /// Net value per year, with its currency.
    pub net_value: String,
    /// The provider's margin per year, with its currency; `—` when its side is not
    /// assessed.
    pub margin: String,
    /// The provider's verdict.
    pub provider_verdict: String,
    /// The co-creation verdict.
    pub co_creation: String,
}

/// How verdicts read in one format.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The consumer's verdict.
    pub verdict: fn(Verdict) -> String,
    /// The provider's verdict.
    pub provider: fn(ProviderVerdict) -> String,
}

/// The cells of `change`, with verdicts in the `words` of the format.
pub fn cells(diff: &Diff, change: &RelationshipChange, words: Words) -> Cells {
    let verdict = words.verdict;
    let currencies = (diff.old.currency.as_deref(), diff.new.currency.as_deref());
    let score = |score: Decimal, fit: bool| format!("{} {}", grouped(score), mark(fit));
    let delta = change.delta;
    match (&change.old, &change.new) {
        (Some(old), Some(new)) => Cells {
            parties: parties(new),
            offering: transition(&old.offering, &new.offering, None),
            verdict: transition(&judged(old, verdict), &judged(new, verdict), None),
            utility: transition(
                &score(old.utility, old.fit_for_purpose),
                &score(new.utility, new.fit_for_purpose),
                delta.map(|d| d.utility),
            ),
            warranty: transition(
                &score(old.warranty, old.fit_for_use),
                &score(new.warranty, new.fit_for_use),
                delta.map(|d| d.warranty),
            ),
            net_value: net_value(old, new, delta.map(|d| d.net_value), currencies),
            margin: margin(old, new, delta.map(|d| d.margin), currencies),
            provider_verdict: transition(
                &(words.provider)(old.provider_verdict),
                &(words.provider)(new.provider_verdict),
                None,
            ),
            co_creation: transition(old.co_creation.as_str(), new.co_creation.as_str(), None),
        },
        (Some(value), None) => single(value, currencies.0, words),
        (None, Some(value)) => single(value, currencies.1, words),
        (None, None) => Cells {
            parties: "—".to_owned(),
            offering: "—".to_owned(),
            verdict: "—".to_owned(),
            utility: "—".to_owned(),
            warranty: "—".to_owned(),
            net_value: "—".to_owned(),
            margin: "—".to_owned(),
            provider_verdict: "—".to_owned(),
            co_creation: "—".to_owned(),
        },
    }
}

fn parties(value: &RelationshipValue) -> String {
    format!("{} → {}", value.provider, value.consumer)
}

/// The verdict with its reasons: `no-value (not-fit-for-use, negative-balance)`.
fn judged(value: &RelationshipValue, verdict: fn(Verdict) -> String) -> String {
    if value.reasons.is_empty() {
        return verdict(value.verdict);
    }
    let reasons: Vec<&str> = value.reasons.iter().map(|r| r.as_str()).collect();
    format!("{} ({})", verdict(value.verdict), reasons.join(", "))
}

/// The cells of a relationship only one version has.
fn single(value: &RelationshipValue, currency: Option<&str>, words: Words) -> Cells {
    Cells {
        parties: parties(value),
        offering: value.offering.clone(),
        verdict: judged(value, words.verdict),
        utility: format!("{} {}", grouped(value.utility), mark(value.fit_for_purpose)),
        warranty: format!("{} {}", grouped(value.warranty), mark(value.fit_for_use)),
        net_value: money(value.net_value, currency),
        margin: margin_alone(value, currency),
        provider_verdict: (words.provider)(value.provider_verdict),
        co_creation: value.co_creation.as_str().to_owned(),
    }
}

/// A margin in one version: `—` when the provider's side is not assessed, since the
/// figure then leaves out every cost.
fn margin_alone(value: &RelationshipValue, currency: Option<&str>) -> String {
    if value.provider_verdict == ProviderVerdict::Unassessed {
        "—".to_owned()
    } else {
        money(value.margin, currency)
    }
}

/// The margin as `old → new GBP (±delta)` when both sides are assessed and it changed;
/// `— → new` or `old → —` when one of them is not assessed.
fn margin(
    old: &RelationshipValue,
    new: &RelationshipValue,
    delta: Option<Decimal>,
    (old_currency, new_currency): (Option<&str>, Option<&str>),
) -> String {
    let unassessed = |v: &RelationshipValue| v.provider_verdict == ProviderVerdict::Unassessed;
    if unassessed(old) || unassessed(new) || old_currency != new_currency {
        return transition(
            &margin_alone(old, old_currency),
            &margin_alone(new, new_currency),
            None,
        );
    }
    amounts(old.margin, new.margin, delta, new_currency)
}

/// `old → new GBP (±delta)` in one currency, or the amount once when it did not change.
fn amounts(old: Decimal, new: Decimal, delta: Option<Decimal>, currency: Option<&str>) -> String {
    match delta {
        Some(delta) if !delta.is_zero() => {
            let unit = currency.map(|c| format!(" {c}")).unwrap_or_default();
            format!(
                "{} → {}{unit} ({})",
                grouped(old),
                grouped(new),
                signed(delta)
            )
        }
        _ => money(new, currency),
    }
}

/// `old` alone when nothing changed, otherwise `old → new`, with the delta when it is
/// not zero.
fn transition(old: &str, new: &str, delta: Option<Decimal>) -> String {
    if old == new && delta.is_none_or(|d| d.is_zero()) {
        return new.to_owned();
    }
    match delta {
        Some(delta) if !delta.is_zero() => format!("{old} → {new} ({})", signed(delta)),
        _ => format!("{old} → {new}"),
    }
}

fn net_value(
    old: &RelationshipValue,
    new: &RelationshipValue,
    delta: Option<Decimal>,
    (old_currency, new_currency): (Option<&str>, Option<&str>),
) -> String {
    if old_currency != new_currency {
        // Amounts in different currencies have no meaningful difference.
        return transition(
            &money(old.net_value, old_currency),
            &money(new.net_value, new_currency),
            None,
        );
    }
    amounts(old.net_value, new.net_value, delta, new_currency)
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The one-line summary every format ends with (or, in Markdown, starts with).
pub fn summary(diff: &Diff) -> String {
    if diff.is_empty() {
        let mut text = format!(
            "no change in value: {} unchanged; no finding introduced or fixed",
            plural(diff.unchanged, "relationship", "relationships")
        );
        if diff.old.suppressed != diff.new.suppressed {
            text.push_str(&suppressed(diff));
        }
        return text;
    }
    let mut text = format!(
        "relationships: {} changed ({} regressed, {} improved, {} newly assessed), {} added, \
         {} removed, {} unchanged; findings: {} introduced ({}), {} fixed",
        diff.count(Change::Changed),
        diff.regressed(),
        diff.improved(),
        diff.newly_assessed(),
        diff.count(Change::Added),
        diff.count(Change::Removed),
        diff.unchanged,
        diff.introduced.len(),
        plural(diff.introduced_errors(), "error", "errors"),
        diff.fixed.len(),
    );
    if diff.old.suppressed != diff.new.suppressed {
        text.push_str(&suppressed(diff));
    }
    if let Some(totals) = total_net_value(diff) {
        text.push_str("; ");
        text.push_str(&totals);
    }
    text
}

fn suppressed(diff: &Diff) -> String {
    format!(
        "; suppressed findings {} → {}",
        diff.old.suppressed, diff.new.suppressed
    )
}

/// `net value 1,000.00 → 900.00 GBP a year (-100.00)`, or `None` when a total is too
/// large to compute exactly.
fn total_net_value(diff: &Diff) -> Option<String> {
    let old = diff.old.net_value()?;
    let new = diff.new.net_value()?;
    let (old_currency, new_currency) = (diff.old.currency.as_deref(), diff.new.currency.as_deref());
    if old_currency != new_currency {
        return Some(format!(
            "net value {} → {} a year",
            money(old, old_currency),
            money(new, new_currency)
        ));
    }
    if old == new {
        return Some(format!("net value {} a year", money(new, new_currency)));
    }
    let unit = new_currency.map(|c| format!(" {c}")).unwrap_or_default();
    let delta = new.checked_sub(old)?;
    Some(format!(
        "net value {} → {}{unit} a year ({})",
        grouped(old),
        grouped(new),
        signed(delta)
    ))
}

/// The catalogue's name, `old → new` when it was renamed.
pub fn catalogue_name(diff: &Diff) -> String {
    if diff.old.catalogue == diff.new.catalogue {
        diff.new.catalogue.clone()
    } else {
        format!("{} → {}", diff.old.catalogue, diff.new.catalogue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn deltas_carry_their_sign_and_round_half_away_from_zero() {
        assert_eq!(signed(dec!(1234.5)), "+1,234.50");
        assert_eq!(signed(dec!(-0.005)), "-0.01");
        assert_eq!(signed(dec!(-33.334)), "-33.33");
    }

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
