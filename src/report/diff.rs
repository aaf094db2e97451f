//! `svs diff` ([`crate::diff::Diff`]) in words: how each relationship changed, why, and
//! the summary line. The terminal table and the Markdown are one view
//! ([`super::views::diff`]); the JSON serialises the diff itself ([`json`]).

pub mod json;

use rust_decimal::Decimal;

use crate::diff::{Change, Diff, RelationshipChange};
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
    if !diff.delivered.is_empty() {
        text.push_str("; delivered: ");
        text.push_str(&plural(
            diff.delivered.len(),
            "relationship",
            "relationships",
        ));
        text.push_str(" changed");
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
}
