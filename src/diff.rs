//! `svs diff`'s comparison: what changed in value between two versions of a catalogue.
//!
//! A catalogue lives in version control, and a pull request should say what it does to
//! the value co-created, not only which lines moved. Each version is first reduced to a
//! [`Version`]: the assessment of every relationship (docs/format.md §5) and the lint findings in
//! force. [`compare`] then matches relationships by id and findings on code,
//! entity and message (as a lint baseline does, so findings that only moved are not
//! reported), and says what was added, removed, changed, introduced and fixed.
//!
//! Everything here is pure and exact: deltas are differences of unrounded decimals, and
//! renderers in [`crate::report::diff`] round half away from zero only when they print.
//!
//! A change is a **regression** when a relationship present in both versions gets a
//! worse verdict, a lower utility or warranty score, or a lower net value, when its
//! provider's verdict goes from `sustainable` to `unsustainable` or its co-creation moves
//! away from `mutual` (docs/format.md §8), or when a new finding of severity `error`
//! appears. Verdicts rank `value` (best), then `unassessed`,
//! then `no-value` (worst), the ladder of `svs assess --fail-on`: a judged failure is
//! worse than no judgement, and losing a judgement of `value` is worse than keeping it.
//! Deleting requirements to turn `no-value` into `unassessed` does not slip through: the
//! score of the deleted requirements falls to 0, which is a regression of its own.
//! The provider's margin is reported (old, new and the change) but does not gate on its
//! own: a lower price moves value from the provider to the consumer, and only when it
//! takes the provider below its target (its verdict) is that a regression.
//! Relationships added or removed are reported but are not regressions: whether a new
//! relationship co-creates value is what `svs assess --fail-on` gates.
//!
//! Each changed relationship also says why ([`Cause`], docs/format.md §8.6), from the
//! [`Grounds`] of both versions. A side that was `unassessed` and is judged now is
//! **newly assessed**: like a new relationship, it is news, so the moves of the figures
//! judged on that side are neither regressions nor improvements (co-creation, judged
//! from both sides, is news when either side is). Requirements that are judged for the
//! first time and fail are therefore not a regression; `svs assess --fail-on` gates them.
//! A stricter requirement that the offer no longer meets stays a regression (the
//! relationship lost value), and its cause, `requirements`, tells the reader that the
//! customer asked more rather than that the provider delivered less.

mod causes;
pub mod delivered;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::assess::provision::{CoCreation, ProviderVerdict};
use crate::assess::{Assessment, Reason, Verdict};
use crate::diagnostic::Severity;
use crate::lint::LintReport;
use crate::model::Catalogue;
use crate::source::SourceMap;

pub use causes::{Cause, Grounds};
pub use delivered::{DeliveredChange, DeliveredValue};

/// What one version of a catalogue says about value: its metadata, every relationship's
/// assessment and the lint findings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The catalogue's name.
    pub catalogue: String,
    /// `catalogue.currency`.
    pub currency: Option<String>,
    /// `catalogue.horizon_months`.
    pub horizon_months: u32,
    /// Every relationship, in catalogue order.
    pub relationships: Vec<RelationshipValue>,
    /// Findings in force, in lint order (file, line, column, code).
    pub findings: Vec<Finding>,
    /// Findings silenced by an `allow` setting.
    pub suppressed: usize,
    /// What the assessments rest on, by id: what a change's causes are found in.
    pub grounds: Grounds,
    /// Every relationship's delivered assessment (SPEC §10.3), in catalogue order.
    pub delivered: Vec<DeliveredValue>,
}

/// The assessment of one relationship, as far as a diff compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipValue {
    /// The relationship's id, by which versions are matched.
    pub id: String,
    /// The provider organisation's id.
    pub provider: String,
    /// The consumer organisation's id.
    pub consumer: String,
    /// The offering's id.
    pub offering: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Every reason behind a verdict that is not `value`.
    pub reasons: Vec<Reason>,
    /// The utility score, 0 to 100.
    pub utility: Decimal,
    /// Fit for purpose.
    pub fit_for_purpose: bool,
    /// The warranty score, 0 to 100.
    pub warranty: Decimal,
    /// Fit for use.
    pub fit_for_use: bool,
    /// Net costs plus net risks, per year.
    pub net_value: Decimal,
    /// The provider's margin per year (§8.2).
    pub margin: Decimal,
    /// The margin as a percentage of revenue; `None` without revenue.
    pub margin_pct: Option<Decimal>,
    /// The provider's verdict.
    pub provider_verdict: ProviderVerdict,
    /// Both sides' verdicts together (§8.3).
    pub co_creation: CoCreation,
}

impl RelationshipValue {
    /// Whether anything a diff reports differs between `self` and `other`.
    fn same_value(&self, other: &Self) -> bool {
        self.verdict == other.verdict
            && self.reasons == other.reasons
            && self.utility == other.utility
            && self.fit_for_purpose == other.fit_for_purpose
            && self.warranty == other.warranty
            && self.fit_for_use == other.fit_for_use
            && self.net_value == other.net_value
            && self.margin == other.margin
            && self.margin_pct == other.margin_pct
            && self.provider_verdict == other.provider_verdict
            && self.co_creation == other.co_creation
    }
}

/// A lint finding, with the place it was found in its own version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `SVS302` and so on.
    pub code: String,
    /// The rule's kebab-case name.
    pub rule: String,
    /// The severity in force.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The nearest enclosing entity, or `None` for a file as a whole.
    pub entity: Option<String>,
    /// The file, as the loader names it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Finding {
    /// `diagnostic` as found in the version whose files `sources` holds.
    pub fn of(diagnostic: &crate::diagnostic::Diagnostic, sources: &SourceMap) -> Finding {
        let position = sources.position(diagnostic.span);
        Finding {
            code: diagnostic.code.code().to_owned(),
            rule: diagnostic.code.name().to_owned(),
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            entity: diagnostic.entity.clone(),
            file: sources.file(diagnostic.span.file).path.clone(),
            line: position.line,
            column: position.column,
        }
    }
}

impl Finding {
    /// What identifies a finding across versions: never its place, which edits elsewhere
    /// move (the matching of [`crate::lint::baseline`]).
    fn key(&self) -> (&str, Option<&str>, &str) {
        (self.code.as_str(), self.entity.as_deref(), &self.message)
    }
}

impl Version {
    /// Reduces a loaded, assessed and linted catalogue to what a diff compares.
    pub fn new(
        catalogue: &Catalogue,
        assessments: &[Assessment],
        lint: &LintReport,
        sources: &SourceMap,
    ) -> Self {
        let relationships = assessments
            .iter()
            .map(|a| {
                let r = &catalogue.relationships[a.relationship];
                RelationshipValue {
                    id: r.common.id.value.clone(),
                    provider: r.provider.id.to_string(),
                    consumer: r.consumer.id.to_string(),
                    offering: r.offering.id.to_string(),
                    verdict: a.verdict,
                    reasons: a.reasons.clone(),
                    utility: a.utility.score,
                    fit_for_purpose: a.utility.fit_for_purpose,
                    warranty: a.warranty.score,
                    fit_for_use: a.warranty.fit_for_use,
                    net_value: a.net_value,
                    margin: a.provider.margin,
                    margin_pct: a.provider.margin_pct,
                    provider_verdict: a.provider.verdict,
                    co_creation: a.co_creation,
                }
            })
            .collect();
        let findings = lint
            .findings
            .iter()
            .map(|d| Finding::of(d, sources))
            .collect();
        Version {
            catalogue: catalogue.metadata.name.clone(),
            currency: catalogue.metadata.currency.clone(),
            horizon_months: catalogue.metadata.horizon_months,
            relationships,
            findings,
            suppressed: lint.suppressed,
            grounds: Grounds::new(catalogue),
            delivered: delivered::values(catalogue, assessments),
        }
    }

    /// The sum of every relationship's net value, or `None` when it is too large to
    /// compute exactly.
    pub fn net_value(&self) -> Option<Decimal> {
        self.relationships
            .iter()
            .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(r.net_value))
    }
}

/// How a relationship differs between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with a different assessment.
    Changed,
}

impl Change {
    /// The lower-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// A figure of the assessment that can get better or worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aspect {
    /// The verdict, ranked `value` > `unassessed` > `no-value`.
    Verdict,
    /// The utility score.
    Utility,
    /// The warranty score.
    Warranty,
    /// The net value per year.
    NetValue,
    /// The provider's verdict: worse only from `sustainable` to `unsustainable`.
    ProviderVerdict,
    /// Co-creation: worse when it moves away from `mutual`, better when it reaches it.
    CoCreation,
}

impl Aspect {
    /// The snake-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Verdict => "verdict",
            Aspect::Utility => "utility",
            Aspect::Warranty => "warranty",
            Aspect::NetValue => "net_value",
            Aspect::ProviderVerdict => "provider_verdict",
            Aspect::CoCreation => "co_creation",
        }
    }

    /// Whether the aspect is judged on the consumer's side, on the provider's, or (for
    /// co-creation) on both: `(consumer, provider)`.
    fn sides(self) -> (bool, bool) {
        match self {
            Aspect::Verdict | Aspect::Utility | Aspect::Warranty | Aspect::NetValue => {
                (true, false)
            }
            Aspect::ProviderVerdict => (false, true),
            Aspect::CoCreation => (true, true),
        }
    }
}

/// New minus old, for a relationship in both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    /// Change of the utility score.
    pub utility: Decimal,
    /// Change of the warranty score.
    pub warranty: Decimal,
    /// Change of the net value per year.
    pub net_value: Decimal,
    /// Change of the provider's margin per year.
    pub margin: Decimal,
}

/// One relationship that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipChange {
    /// The relationship's id.
    pub id: String,
    /// Added, removed or changed.
    pub change: Change,
    /// The old assessment (`None` when added).
    pub old: Option<RelationshipValue>,
    /// The new assessment (`None` when removed).
    pub new: Option<RelationshipValue>,
    /// New minus old (only when changed).
    pub delta: Option<Delta>,
    /// What got worse, in [`Aspect`] order; never an aspect of a side newly assessed.
    pub regressions: Vec<Aspect>,
    /// What got better, in [`Aspect`] order; never an aspect of a side newly assessed.
    pub improvements: Vec<Aspect>,
    /// Why it changed, in [`Cause`] order (only when changed).
    pub causes: Vec<Cause>,
}

impl RelationshipChange {
    /// Whether a side was `unassessed` in the old version and is judged in the new one:
    /// such a change is news, said to be neither improved nor regressed.
    pub fn newly_assessed(&self) -> bool {
        self.causes.contains(&Cause::NewlyAssessed)
    }
}

/// Everything that changed in value between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The old version.
    pub old: Version,
    /// The new version.
    pub new: Version,
    /// Relationships changed or added, in the new version's order, then those removed,
    /// in the old version's order.
    pub relationships: Vec<RelationshipChange>,
    /// Relationships in both versions with the same assessment.
    pub unchanged: usize,
    /// Findings of the new version that the old one does not have, in lint order.
    pub introduced: Vec<Finding>,
    /// Findings of the old version that the new one no longer has, in lint order.
    pub fixed: Vec<Finding>,
    /// Relationships in both versions whose delivered verdict, reasons or period
    /// changed, in the new version's order; news, never a regression.
    pub delivered: Vec<DeliveredChange>,
}

impl Diff {
    /// Relationships of one kind of change.
    pub fn count(&self, change: Change) -> usize {
        self.relationships
            .iter()
            .filter(|r| r.change == change)
            .count()
    }

    /// Relationships in both versions, not newly assessed, of which something got worse.
    pub fn regressed(&self) -> usize {
        self.relationships
            .iter()
            .filter(|r| !r.newly_assessed() && !r.regressions.is_empty())
            .count()
    }

    /// Relationships in both versions, not newly assessed, of which something got better
    /// and nothing worse.
    pub fn improved(&self) -> usize {
        self.relationships
            .iter()
            .filter(|r| {
                !r.newly_assessed() && r.regressions.is_empty() && !r.improvements.is_empty()
            })
            .count()
    }

    /// Relationships in both versions with a side judged for the first time.
    pub fn newly_assessed(&self) -> usize {
        self.relationships
            .iter()
            .filter(|r| r.newly_assessed())
            .count()
    }

    /// New findings of severity `error`.
    pub fn introduced_errors(&self) -> usize {
        self.introduced
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Whether anything got worse: a relationship's verdict, score, net value, provider
    /// verdict or co-creation, or a new `error` finding (`svs diff --fail-on regression`).
    /// A relationship newly assessed on one side still fails the gate when a figure of
    /// the other side got worse: declaring the provider's costs in the same change does
    /// not hide a consumer's loss.
    pub fn regression(&self) -> bool {
        self.relationships.iter().any(|r| !r.regressions.is_empty()) || self.introduced_errors() > 0
    }

    /// Whether nothing changed at all: no relationship, finding or delivered verdict to
    /// report.
    pub fn is_empty(&self) -> bool {
        self.relationships.is_empty()
            && self.introduced.is_empty()
            && self.fixed.is_empty()
            && self.delivered.is_empty()
    }
}

/// A change too large to compute exactly (about 7.9 × 10²⁸).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the change in value of relationship `{relationship}` is too large to compute exactly")]
pub struct Overflow {
    /// The relationship whose change overflowed.
    pub relationship: String,
}

/// Where a verdict stands, higher is better: `value`, then `unassessed`, then `no-value`.
fn rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Value => 2,
        Verdict::Unassessed => 1,
        Verdict::NoValue => 0,
    }
}

/// Sustainable to unsustainable is worse and the reverse better; a move to or from
/// `unassessed` is neither (co-creation catches the loss of a `mutual`).
fn provider_direction(before: ProviderVerdict, after: ProviderVerdict) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (before, after) {
        (ProviderVerdict::Sustainable, ProviderVerdict::Unsustainable) => Ordering::Less,
        (ProviderVerdict::Unsustainable, ProviderVerdict::Sustainable) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// Where co-creation stands, higher is better: only `mutual` co-creates value, so
/// leaving it is worse, reaching it better, and any other move is neither.
fn co_creation_rank(co_creation: CoCreation) -> u8 {
    match co_creation {
        CoCreation::Mutual => 1,
        CoCreation::ConsumerOnly
        | CoCreation::ProviderOnly
        | CoCreation::Neither
        | CoCreation::NotMutual
        | CoCreation::Unassessed => 0,
    }
}

/// Compares two versions of a catalogue. Work is linear: relationships and findings are
/// matched through hash maps.
pub fn compare(old: Version, new: Version) -> Result<Diff, Overflow> {
    let old_by_id: HashMap<&str, &RelationshipValue> = old
        .relationships
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new_by_id: HashMap<&str, &RelationshipValue> = new
        .relationships
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    // An upstream relationship changed when its assessment did, or what its provider is
    // paid (what flows into the pools of the services built on it).
    let upstream_changed = |id: &str| match (old_by_id.get(id), new_by_id.get(id)) {
        (Some(before), Some(after)) => {
            !before.same_value(after) || old.grounds.paid(id) != new.grounds.paid(id)
        }
        _ => true,
    };
    let mut relationships = Vec::new();
    let mut unchanged = 0;
    for after in &new.relationships {
        match old_by_id.get(after.id.as_str()) {
            None => relationships.push(RelationshipChange {
                id: after.id.clone(),
                change: Change::Added,
                old: None,
                new: Some(after.clone()),
                delta: None,
                regressions: Vec::new(),
                improvements: Vec::new(),
                causes: Vec::new(),
            }),
            Some(before) if before.same_value(after) => unchanged += 1,
            Some(before) => {
                let mut change = changed(before, after)?;
                change.causes.extend(causes::causes(
                    &old.grounds,
                    &new.grounds,
                    &after.id,
                    upstream_changed,
                ));
                relationships.push(change);
            }
        }
    }
    for before in &old.relationships {
        if !new_by_id.contains_key(before.id.as_str()) {
            relationships.push(RelationshipChange {
                id: before.id.clone(),
                change: Change::Removed,
                old: Some(before.clone()),
                new: None,
                delta: None,
                regressions: Vec::new(),
                improvements: Vec::new(),
                causes: Vec::new(),
            });
        }
    }
    let introduced = unmatched(&new.findings, &old.findings);
    let fixed = unmatched(&old.findings, &new.findings);
    let delivered = delivered::changes(&old.delivered, &new.delivered);
    Ok(Diff {
        old,
        new,
        relationships,
        unchanged,
        introduced,
        fixed,
        delivered,
    })
}

/// A relationship in both versions whose assessment differs, with the cause
/// `newly-assessed` when it applies (the others come from [`causes::causes`]).
fn changed(
    before: &RelationshipValue,
    after: &RelationshipValue,
) -> Result<RelationshipChange, Overflow> {
    let overflow = || Overflow {
        relationship: after.id.clone(),
    };
    let delta = Delta {
        utility: after
            .utility
            .checked_sub(before.utility)
            .ok_or_else(overflow)?,
        warranty: after
            .warranty
            .checked_sub(before.warranty)
            .ok_or_else(overflow)?,
        net_value: after
            .net_value
            .checked_sub(before.net_value)
            .ok_or_else(overflow)?,
        margin: after
            .margin
            .checked_sub(before.margin)
            .ok_or_else(overflow)?,
    };
    let verdict = rank(after.verdict).cmp(&rank(before.verdict));
    let directions = [
        (Aspect::Verdict, verdict),
        (Aspect::Utility, after.utility.cmp(&before.utility)),
        (Aspect::Warranty, after.warranty.cmp(&before.warranty)),
        (Aspect::NetValue, after.net_value.cmp(&before.net_value)),
        (
            Aspect::ProviderVerdict,
            provider_direction(before.provider_verdict, after.provider_verdict),
        ),
        (
            Aspect::CoCreation,
            co_creation_rank(after.co_creation).cmp(&co_creation_rank(before.co_creation)),
        ),
    ];
    // A side judged for the first time: its figures' moves are news.
    let consumer_new =
        before.verdict == Verdict::Unassessed && after.verdict != Verdict::Unassessed;
    let provider_new = before.provider_verdict == ProviderVerdict::Unassessed
        && after.provider_verdict != ProviderVerdict::Unassessed;
    let aspects = |wanted| {
        directions
            .iter()
            .filter(|(aspect, direction)| {
                let (consumer, provider) = aspect.sides();
                *direction == wanted && !(consumer && consumer_new || provider && provider_new)
            })
            .map(|(aspect, _)| *aspect)
            .collect()
    };
    Ok(RelationshipChange {
        id: after.id.clone(),
        change: Change::Changed,
        old: Some(before.clone()),
        new: Some(after.clone()),
        delta: Some(delta),
        regressions: aspects(std::cmp::Ordering::Less),
        improvements: aspects(std::cmp::Ordering::Greater),
        causes: if consumer_new || provider_new {
            vec![Cause::NewlyAssessed]
        } else {
            Vec::new()
        },
    })
}

/// The findings of `version` that `other` does not have, matched on code, entity and
/// message; each finding of `other` matches one of `version` at most.
fn unmatched(version: &[Finding], other: &[Finding]) -> Vec<Finding> {
    let mut remaining: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
    for finding in other {
        *remaining.entry(finding.key()).or_insert(0) += 1;
    }
    version
        .iter()
        .filter(|finding| match remaining.get_mut(&finding.key()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests;
