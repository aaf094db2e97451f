//! The joint management of a relationship (SPEC §11.1): the provider's relationship
//! manager, the consumer's counterpart, how often they review it together and when they
//! last did.
//!
//! Service relationship management is joint work, so a relationship names one person of
//! each side; the review is a date in the calendar, and when the next one is due follows
//! from the last one by calendar months, as jiff counts them (a day that does not exist in
//! the target month is its last day: 31 August plus a month is 30 September).

use jiff::ToSpan;
use jiff::civil::Date;

use super::{PersonRef, Ref, Spanned};
use crate::source::Span;

/// How often a relationship is reviewed jointly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cadence {
    /// Every month.
    Month,
    /// Every quarter: three months.
    Quarter,
    /// Every year: twelve months.
    Year,
}

impl Cadence {
    /// The calendar months between two reviews: 1, 3 or 12.
    pub fn months(self) -> u32 {
        match self {
            Cadence::Month => 1,
            Cadence::Quarter => 3,
            Cadence::Year => 12,
        }
    }

    /// The word the format writes it with: `month`, `quarter` or `year`.
    pub fn word(self) -> &'static str {
        crate::load::decode::word_of(crate::load::decode::improvement::CADENCES, &self)
    }
}

/// The joint activities of a relationship (`management:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Management {
    /// The provider's relationship manager.
    pub manager: Ref<PersonRef>,
    /// The consumer's counterpart.
    pub counterpart: Ref<PersonRef>,
    /// How often they review the relationship together.
    pub cadence: Cadence,
    /// Where the cadence was written.
    pub cadence_span: Span,
    /// The date of the last joint review, when there was one.
    pub last_review: Option<Spanned<Date>>,
    /// The `management` mapping.
    pub span: Span,
}

impl Management {
    /// The day the next review is due: the last review plus one cadence, in calendar
    /// months (the month's last day when the day does not exist in it). `None` when there
    /// has been no review: one is due now.
    pub fn next_review(&self) -> Option<Date> {
        let last = self.last_review.as_ref()?.value;
        let months = i64::from(self.cadence.months());
        // Past the calendar's last day, the review is due at its end.
        Some(last.checked_add(months.months()).unwrap_or(Date::MAX))
    }

    /// Whether a review is due at `as_of`: the next review falls on or before it, or there
    /// has been none.
    pub fn is_due(&self, as_of: Date) -> bool {
        self.next_review().is_none_or(|next| next <= as_of)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{Cadence, Management};
    use crate::model::{Ref, Spanned, nowhere};

    fn management(cadence: Cadence, last_review: Option<jiff::civil::Date>) -> Management {
        Management {
            manager: Ref::unplaced("m"),
            counterpart: Ref::unplaced("c"),
            cadence,
            cadence_span: nowhere(),
            last_review: last_review.map(Spanned::unplaced),
            span: nowhere(),
        }
    }

    #[test]
    fn the_next_review_is_a_cadence_of_calendar_months_after_the_last() {
        let next = |cadence, last| management(cadence, Some(last)).next_review();
        assert_eq!(
            next(Cadence::Month, date(2026, 1, 15)),
            Some(date(2026, 2, 15))
        );
        assert_eq!(
            next(Cadence::Quarter, date(2026, 10, 5)),
            Some(date(2027, 1, 5))
        );
        assert_eq!(
            next(Cadence::Year, date(2026, 3, 1)),
            Some(date(2027, 3, 1))
        );
    }

    #[test]
    fn a_day_the_target_month_lacks_is_its_last_day() {
        let next = |cadence, last| management(cadence, Some(last)).next_review();
        assert_eq!(
            next(Cadence::Month, date(2026, 8, 31)),
            Some(date(2026, 9, 30))
        );
        assert_eq!(
            next(Cadence::Month, date(2026, 1, 31)),
            Some(date(2026, 2, 28))
        );
        assert_eq!(
            next(Cadence::Month, date(2028, 1, 31)),
            Some(date(2028, 2, 29))
        );
        assert_eq!(
            next(Cadence::Year, date(2028, 2, 29)),
            Some(date(2029, 2, 28))
        );
        assert_eq!(
            next(Cadence::Quarter, date(2026, 3, 31)),
            Some(date(2026, 6, 30))
        );
        assert_eq!(
            next(Cadence::Quarter, date(2026, 11, 30)),
            Some(date(2027, 2, 28))
        );
    }

    #[test]
    fn a_review_is_due_on_its_day_and_after_and_at_once_without_a_last_review() {
        let quarterly = management(Cadence::Quarter, Some(date(2026, 3, 31)));
        assert!(!quarterly.is_due(date(2026, 6, 29)));
        assert!(quarterly.is_due(date(2026, 6, 30)));
        assert!(quarterly.is_due(date(2026, 7, 1)));
        let never = management(Cadence::Year, None);
        assert_eq!(never.next_review(), None);
        assert!(never.is_due(date(2000, 1, 1)));
    }

    #[test]
    fn a_cadence_counts_its_months_and_says_its_word() {
        let all = [Cadence::Month, Cadence::Quarter, Cadence::Year];
        assert_eq!(all.map(Cadence::months), [1, 3, 12]);
        assert_eq!(all.map(Cadence::word), ["month", "quarter", "year"]);
    }
}
