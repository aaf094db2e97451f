//! The continual improvement register (SPEC §11.1): the improvements provider and consumer
//! mean to make to a relationship, each with an owner, a status, the dates it was raised,
//! is due and was done, and the value it should add to the consumer's side.
//!
//! An improvement is an entity: it has an id, unique across the catalogue like every
//! other, that a review, a pull request or a custom rule can name, and that the language
//! server can find and rename; its findings name it. What it should add is in 5.4's terms,
//! costs and expected losses removed a year, so that it can be set beside the consumer's
//! net value.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{BudgetPer, Common, PersonRef, Ref, RelationshipRef, Spanned};
use crate::source::Span;

/// Where an improvement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImprovementStatus {
    /// Raised, not yet agreed by both sides.
    Proposed,
    /// Agreed, not started.
    Agreed,
    /// Under way.
    InProgress,
    /// Made: it carries the date it was done.
    Done,
    /// Given up.
    Dropped,
}

impl ImprovementStatus {
    /// Whether the improvement is still to be made: neither done nor dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, ImprovementStatus::Done | ImprovementStatus::Dropped)
    }

    /// The word the format writes it with: `proposed`, `agreed`, `in-progress`, `done` or
    /// `dropped`.
    pub fn word(self) -> &'static str {
        crate::load::decode::word_of(crate::load::decode::improvement::STATUSES, &self)
    }
}

/// An amount an improvement should remove from the consumer's side, per month, quarter or
/// year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedAmount {
    /// The amount, in the catalogue currency, 0 or more.
    pub amount: Decimal,
    /// The period the amount covers.
    pub per: BudgetPer,
    /// The amount's mapping.
    pub span: Span,
}

impl ExpectedAmount {
    /// The amount a year: `year` × 1, `quarter` × 4, `month` × 12 (SPEC §5.4), at most the
    /// largest exact decimal.
    pub fn annual(&self) -> Decimal {
        let times = match self.per {
            BudgetPer::Year => 1,
            BudgetPer::Quarter => 4,
            BudgetPer::Month => 12,
        };
        self.amount.saturating_mul(Decimal::from(times))
    }
}

/// The value an improvement should add to the consumer's side, in 5.4's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Costs the consumer should no longer bear.
    pub costs_removed: Option<ExpectedAmount>,
    /// Expected annual loss the consumer should no longer bear.
    pub risks_removed: Option<ExpectedAmount>,
    /// The `expected` mapping.
    pub span: Span,
}

impl Expected {
    /// Both amounts a year, added: what the consumer's net value should gain (at most the
    /// largest exact decimal).
    pub fn annual(&self) -> Decimal {
        [&self.costs_removed, &self.risks_removed]
            .into_iter()
            .flatten()
            .fold(Decimal::ZERO, |sum, a| sum.saturating_add(a.annual()))
    }
}

/// One improvement of the `improvements:` register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Improvement {
    /// Id, description, lint settings (the name is its own field).
    pub common: Common,
    /// The relationship it improves.
    pub relationship: Ref<RelationshipRef>,
    /// What it is.
    pub name: String,
    /// Who answers for it: a person of either side.
    pub owner: Ref<PersonRef>,
    /// Where it stands.
    pub status: ImprovementStatus,
    /// Where the status was written.
    pub status_span: Span,
    /// The day it was raised.
    pub raised: Spanned<Date>,
    /// The day it should be done by, when one is set.
    pub due: Option<Spanned<Date>>,
    /// The day it was done: present exactly when the status is done.
    pub done: Option<Spanned<Date>>,
    /// The value it should add to the consumer's side.
    pub expected: Option<Expected>,
}

impl Improvement {
    /// Whether it is overdue at `as_of`: still open, with a due date before it.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.status.is_open() && self.due.as_ref().is_some_and(|due| due.value < as_of)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use rust_decimal::Decimal;

    use super::{Expected, ExpectedAmount, Improvement, ImprovementStatus};
    use crate::model::{BudgetPer, Common, Ref, Spanned, nowhere};

    fn improvement(status: ImprovementStatus, due: Option<jiff::civil::Date>) -> Improvement {
        Improvement {
            common: Common::unplaced("i", None, None),
            relationship: Ref::unplaced("r"),
            name: "I".to_owned(),
            owner: Ref::unplaced("p"),
            status,
            status_span: nowhere(),
            raised: Spanned::unplaced(date(2026, 1, 1)),
            due: due.map(Spanned::unplaced),
            done: None,
            expected: None,
        }
    }

    const ALL: [ImprovementStatus; 5] = [
        ImprovementStatus::Proposed,
        ImprovementStatus::Agreed,
        ImprovementStatus::InProgress,
        ImprovementStatus::Done,
        ImprovementStatus::Dropped,
    ];

    #[test]
    fn an_improvement_is_open_until_done_or_dropped() {
        assert_eq!(
            ALL.map(ImprovementStatus::is_open),
            [true, true, true, false, false]
        );
        assert_eq!(
            ALL.map(ImprovementStatus::word),
            [
                "proposed",
                "agreed",
                "in-progress",
                ImprovementStatus::Done.word(),
                "dropped"
            ]
        );
        assert_eq!(ImprovementStatus::Done.word().len(), 4);
    }

    #[test]
    fn an_open_improvement_is_overdue_the_day_after_it_is_due() {
        let due = Some(date(2027, 1, 31));
        let agreed = improvement(ImprovementStatus::InProgress, due);
        assert!(!agreed.is_overdue(date(2027, 1, 31)));
        assert!(agreed.is_overdue(date(2027, 2, 1)));
        for closed in [ImprovementStatus::Done, ImprovementStatus::Dropped] {
            assert!(!improvement(closed, due).is_overdue(date(2030, 1, 1)));
        }
        let undated = improvement(ImprovementStatus::Proposed, None);
        assert!(!undated.is_overdue(date(9999, 12, 31)));
    }

    #[test]
    fn the_expected_value_is_annualised_and_added() {
        let amount = |amount: i64, per| ExpectedAmount {
            amount: Decimal::from(amount),
            per,
            span: nowhere(),
        };
        let expected = Expected {
            costs_removed: Some(amount(500, BudgetPer::Month)),
            risks_removed: Some(amount(2000, BudgetPer::Quarter)),
            span: nowhere(),
        };
        assert_eq!(expected.annual(), Decimal::from(500 * 12 + 2000 * 4));
        let yearly = Expected {
            costs_removed: None,
            risks_removed: Some(amount(2000, BudgetPer::Year)),
            span: nowhere(),
        };
        assert_eq!(yearly.annual(), Decimal::from(2000));
        let huge = Expected {
            costs_removed: Some(ExpectedAmount {
                amount: Decimal::MAX,
                per: BudgetPer::Month,
                span: nowhere(),
            }),
            risks_removed: None,
            span: nowhere(),
        };
        assert_eq!(huge.annual(), Decimal::MAX);
    }
}
