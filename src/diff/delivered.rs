//! What a relationship delivered, as `svs diff` compares it (SPEC §10.4): the period
//! judged, the delivered verdict and its reasons, in each version.
//!
//! Evidence arrives every month or quarter, so a pull request that records a period is
//! as worth reviewing as one that changes a requirement: it should say which
//! relationships now fall short and which are back to as agreed. A change of the period
//! judged alone (a new record with the same verdict) is reported too, since the verdict
//! then rests on new evidence. These changes are listed on their own and never gate:
//! what was delivered is a fact of the period, not a change the catalogue makes to the
//! value co-created; `svs assess --fail-on short` gates it.

use std::collections::HashMap;

use crate::assess::Assessment;
use crate::assess::delivered::{DeliveredVerdict, ShortReason};
use crate::model::Catalogue;

/// One relationship's delivered assessment, as far as a diff compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveredValue {
    /// The relationship's id, by which versions are matched.
    pub id: String,
    /// The period judged, as written (`2026-Q3`); `None` when unmeasured.
    pub period: Option<String>,
    /// The delivered verdict.
    pub verdict: DeliveredVerdict,
    /// Every reason it fell short, in order.
    pub reasons: Vec<ShortReason>,
}

/// A relationship in both versions whose delivered verdict, reasons or period changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveredChange {
    /// The relationship's id.
    pub id: String,
    /// What it delivered in the old version.
    pub old: DeliveredValue,
    /// What it delivered in the new version.
    pub new: DeliveredValue,
}

/// Each assessed relationship's delivered assessment, in catalogue order.
pub fn values(catalogue: &Catalogue, assessments: &[Assessment]) -> Vec<DeliveredValue> {
    assessments
        .iter()
        .map(|a| DeliveredValue {
            id: catalogue.relationships[a.relationship]
                .common
                .id
                .value
                .clone(),
            period: a.delivered.period.map(|p| p.to_string()),
            verdict: a.delivered.verdict,
            reasons: a.delivered.reasons.clone(),
        })
        .collect()
}

/// The relationships of both versions whose delivered assessment differs, in the new
/// version's order. Linear: the old version is matched through a hash map.
pub fn changes(old: &[DeliveredValue], new: &[DeliveredValue]) -> Vec<DeliveredChange> {
    let before: HashMap<&str, &DeliveredValue> = old.iter().map(|d| (d.id.as_str(), d)).collect();
    new.iter()
        .filter_map(|after| {
            let before = before.get(after.id.as_str())?;
            (*before != after).then(|| DeliveredChange {
                id: after.id.clone(),
                old: (*before).clone(),
                new: after.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(id: &str, period: Option<&str>, verdict: DeliveredVerdict) -> DeliveredValue {
        DeliveredValue {
            id: id.to_owned(),
            period: period.map(str::to_owned),
            verdict,
            reasons: if verdict == DeliveredVerdict::Short {
                vec![ShortReason::WarrantyBreached]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn a_changed_verdict_or_period_is_a_change_and_the_same_is_not() {
        let old = [
            value("a", Some("2026-Q2"), DeliveredVerdict::AsAgreed),
            value("b", None, DeliveredVerdict::Unmeasured),
            value("c", Some("2026-Q2"), DeliveredVerdict::AsAgreed),
            value("gone", Some("2026-Q2"), DeliveredVerdict::Short),
        ];
        let new = [
            value("b", Some("2026-Q3"), DeliveredVerdict::Short),
            value("a", Some("2026-Q3"), DeliveredVerdict::AsAgreed),
            value("c", Some("2026-Q2"), DeliveredVerdict::AsAgreed),
            value("added", Some("2026-Q3"), DeliveredVerdict::Short),
        ];
        let changes = changes(&old, &new);
        let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"], "in the new version's order, in both only");
        assert_eq!(changes[0].old.verdict, DeliveredVerdict::Unmeasured);
        assert_eq!(changes[0].new.verdict, DeliveredVerdict::Short);
        assert_eq!(changes[0].new.reasons, [ShortReason::WarrantyBreached]);
        assert_eq!(changes[1].old.period.as_deref(), Some("2026-Q2"));
        assert_eq!(changes[1].new.period.as_deref(), Some("2026-Q3"));
    }

    #[test]
    fn new_reasons_under_the_same_verdict_are_a_change() {
        let old = [value("a", Some("2026-Q3"), DeliveredVerdict::Short)];
        let mut short = old[0].clone();
        short.reasons.push(ShortReason::OverBudget);
        assert_eq!(changes(&old, &[short]).len(), 1);
        assert!(changes(&old, &old).is_empty());
    }
}
