//! `svs review`'s pack (SPEC §11.4): what provider and consumer look at together when they
//! review a relationship, gathered from the assessment, the evidence, the improvement
//! register, the lint findings and the catalogue's own git history.
//!
//! Service relationship management is joint work: the provider's manager and the
//! consumer's counterpart meet at a cadence and ask whether the relationship still
//! co-creates value, what moved since they last met, what was delivered and how each
//! stakeholder perceived it, and what they agreed to improve. Nothing here computes a
//! figure anew: the value now is the assessment of `svs assess`, the evidence is the
//! delivered assessment of each period judged as `svs assess --period` judges it, the
//! history is `svs diff` between the catalogue as it was at the last review and as it is,
//! and the findings are `svs lint`'s. This module only picks what belongs to one
//! relationship and one review; [`crate::report::views::review`] lays it out.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::assess::delivered::{self, CheckDelivered, Delivered, Records};
use crate::diff::{Diff, Finding};
use crate::history::git::Commit;
use crate::lint::LintReport;
use crate::model::{Catalogue, Period};
use crate::source::SourceMap;

/// A `management` block to paste under the catalogue's first relationship (SPEC §11.1),
/// for the message of a catalogue that has none: its manager a person of the provider and
/// its counterpart a person of the consumer where the catalogue has them, named as
/// placeholders to replace where it does not.
pub fn example_block(catalogue: &Catalogue) -> String {
    let Some(relationship) = catalogue.relationships.first() else {
        return EXAMPLE_BLOCK.to_owned();
    };
    let person_of = |organization: &str, otherwise: &str| {
        catalogue
            .people
            .iter()
            .find(|p| &*p.organization.id == organization)
            .map_or_else(|| otherwise.to_owned(), |p| p.common.id.value.clone())
    };
    let manager = person_of(&relationship.provider.id, "PROVIDER-PERSON");
    let counterpart = person_of(&relationship.consumer.id, "CONSUMER-PERSON");
    EXAMPLE_BLOCK
        .replacen("acme-mobile", &relationship.common.id.value, 1)
        .replacen("telco-am        #", &format!("{manager:<15} #"), 1)
        .replacen("jane        #", &format!("{counterpart:<11} #"), 1)
}

/// The block [`example_block`] fills in, for a catalogue without relationships.
const EXAMPLE_BLOCK: &str = concat!(
    "relationships:\n",
    "  - id: acme-mobile\n",
    "    management:                # the joint activities of this relationship\n",
    "      manager: telco-am        # the provider's relationship manager (a person)\n",
    "      counterpart: jane        # the consumer's counterpart (a person)\n",
    "      cadence: quarter         # month | quarter | year\n",
    "      last_review: 2026-10-05  # optional: the date of the last joint review",
);

/// The date of the last joint review of relationship `index`, when it has one.
pub fn last_review(catalogue: &Catalogue, index: usize) -> Option<Date> {
    let management = catalogue.relationships[index].management.as_ref()?;
    management.last_review.as_ref().map(|day| day.value)
}

/// What changed in the catalogue since the last review (section 3 of the pack).
#[derive(Debug, Clone)]
pub enum Since {
    /// The catalogue's history cannot be read: not in a git work tree, or the catalogue
    /// is not inside the repository. The reason, for people.
    NotAvailable(String),
    /// No review yet: nothing to compare with.
    NoReview,
    /// No commit of the first-parent history is on or before the last review.
    NoCommit(Date),
    /// The catalogue at that commit cannot be read or does not load.
    Unreadable {
        /// The commit.
        commit: Commit,
        /// Why, for people.
        why: String,
    },
    /// The diff between the catalogue at the commit and the catalogue now.
    Diff {
        /// The last commit on or before the last review.
        commit: Commit,
        /// What changed, as `svs diff` reports it.
        diff: Box<Diff>,
    },
}

/// A period with evidence, judged: what was delivered, and the credits paid back in it.
#[derive(Debug, Clone)]
pub struct PeriodDelivered {
    /// The period.
    pub judged: Period,
    /// Its delivered assessment (SPEC §10.3).
    pub delivered: Delivered,
    /// Every required warranty check, agreed against achieved (SPEC §10.4).
    pub checks: Vec<CheckDelivered>,
    /// Σ service credits of the record.
    pub credited: Decimal,
}

/// Everything the pack of one relationship shows besides its assessment.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The relationship's index.
    pub index: usize,
    /// The date the pack is judged at.
    pub judged_at: Date,
    /// What changed in the catalogue since the last review.
    pub since: Since,
    /// The periods with evidence that end after the last review.
    pub periods: Vec<PeriodDelivered>,
    /// The findings on the relationship and its offering.
    pub findings: Vec<Finding>,
}

/// Every period of relationship `index` with a record that ends after `after` (every one
/// when there was no review yet), in §10.2 order, each judged as `svs assess --period`
/// judges it. A period whose figures are too large to compute exactly is left out, as
/// the report leaves it out; `svs assess` reports it.
pub fn periods_since(
    catalogue: &Catalogue,
    records: &Records,
    index: usize,
    after: Option<Date>,
) -> Vec<PeriodDelivered> {
    let mut periods: Vec<Period> = records
        .of(catalogue, index)
        .map(|e| e.period.value)
        .filter(|p| after.is_none_or(|day| p.end() > day))
        .collect();
    periods.dedup();
    periods
        .into_iter()
        .filter_map(|period| {
            let record = records.for_period(catalogue, index, period)?;
            let delivered = delivered::judge(catalogue, index, Some(record)).ok()?;
            let credits = record
                .credits
                .iter()
                .try_fold(Decimal::ZERO, |sum, c| sum.checked_add(c.amount))?;
            Some(PeriodDelivered {
                judged: period,
                delivered,
                checks: delivered::checks(&catalogue.relationships[index], record),
                credited: credits,
            })
        })
        .collect()
}

/// The findings of `lint` about relationship `index` or its offering, in lint order, each
/// with its place.
pub fn findings(
    catalogue: &Catalogue,
    index: usize,
    lint: &LintReport,
    sources: &SourceMap,
) -> Vec<Finding> {
    let relationship = &catalogue.relationships[index];
    let ids = [
        relationship.common.id.value.as_str(),
        &*relationship.offering.id,
    ];
    lint.findings
        .iter()
        .filter(|d| d.entity.as_deref().is_some_and(|e| ids.contains(&e)))
        .map(|d| Finding::of(d, sources))
        .collect()
}
