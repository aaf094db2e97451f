//! What happened in a relationship, period by period (SPEC §10): the evidence records of
//! the top-level `evidence:` section, the periods they cover, and the budget the sponsor
//! authorised.
//!
//! Sections 5 and 8 judge a relationship as declared; these types hold what was achieved
//! beside it: the warranty delivered, the outcomes achieved, what was spent, credited and
//! lost, and what the stakeholders said. A record is not an entity: it has no id of its own
//! and is named by its relationship and its period, which together are unique.
//!
//! Dates are calendar dates of the `jiff` crate, whose month arithmetic (month lengths, leap
//! years, a day that does not exist in the target month) the judgements of dates rely on.

use std::cmp::{Ordering, Reverse};
use std::fmt;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{CostCategory, OutcomeRef, PartyRef, Ref, RelationshipRef, RoleHolderRef, Spanned};
use crate::source::Span;

/// A calendar period of evidence: a year, a quarter or a month (SPEC §10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// `YYYY`: twelve months.
    Year(i16),
    /// `YYYY-Qn`: three months, `n` from 1 to 4.
    Quarter(i16, i8),
    /// `YYYY-MM`: one month.
    Month(i16, i8),
}

/// The forms a period is written in, for messages about one that is not.
pub const PERIOD_FORMS: &str = "`YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`";

impl Period {
    /// Reads a period as written: `2026`, `2026-Q3` or `2026-07`.
    ///
    /// # Errors
    /// What is wrong with the text, naming the accepted forms.
    pub fn parse(text: &str) -> Result<Period, String> {
        let refuse = || format!("`{text}` is not a period: write {PERIOD_FORMS}");
        let year = |digits: &str| -> Option<i16> {
            (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
                .filter(|&y| y >= 1)
        };
        let period = match text.split_once('-') {
            None => year(text).map(Period::Year),
            Some((y, rest)) => {
                let two = |digits: &str| -> Option<i8> {
                    (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| digits.parse().ok())
                        .flatten()
                };
                match rest.strip_prefix('Q') {
                    Some(q) if q.len() == 1 => {
                        let quarter = q.parse::<i8>().ok().filter(|q| (1..=4).contains(q));
                        year(y).zip(quarter).map(|(y, q)| Period::Quarter(y, q))
                    }
                    Some(_) => None,
                    None => {
                        let month = two(rest).filter(|m| (1..=12).contains(m));
                        year(y).zip(month).map(|(y, m)| Period::Month(y, m))
                    }
                }
            }
        };
        period.ok_or_else(refuse)
    }

    /// How many months it covers: 12, 3 or 1.
    pub fn months(self) -> u32 {
        match self {
            Period::Year(_) => 12,
            Period::Quarter(..) => 3,
            Period::Month(..) => 1,
        }
    }

    /// Its year and first month.
    fn first_month(self) -> (i16, i8) {
        match self {
            Period::Year(y) => (y, 1),
            Period::Quarter(y, q) => (y, 3 * q - 2),
            Period::Month(y, m) => (y, m),
        }
    }

    /// Its year and last month.
    fn last_month(self) -> (i16, i8) {
        match self {
            Period::Year(y) => (y, 12),
            Period::Quarter(y, q) => (y, 3 * q),
            Period::Month(y, m) => (y, m),
        }
    }

    /// The first day of its first month.
    pub fn start(self) -> Date {
        let (year, month) = self.first_month();
        Date::new(year, month, 1).expect("a period's year and month make a date")
    }

    /// The last day of its last month.
    pub fn end(self) -> Date {
        let (year, month) = self.last_month();
        Date::new(year, month, 1)
            .expect("a period's year and month make a date")
            .last_of_month()
    }
}

/// Periods in the order of SPEC §10.2: by their end, then the shorter one last (`2026`,
/// then `2026-Q4`, then `2026-12`).
impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.end(), Reverse(self.months())).cmp(&(other.end(), Reverse(other.months())))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
        }
    }
}

/// Reads an ISO 8601 calendar date, `YYYY-MM-DD`, that exists.
///
/// # Errors
/// What is wrong with the text: its form, or a day its month does not have.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!(
            "`{text}` is not a date: write an ISO 8601 calendar date, `YYYY-MM-DD`"
        ));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        unreachable!("two digits fit")
    };
    Date::new(year, month, day)
        .ok()
        .filter(|_| year >= 1)
        .ok_or_else(|| format!("`{text}` is not a day of the calendar (`YYYY-MM-DD`)"))
}

/// How often a budget is authorised: per month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetPer {
    /// Each month.
    Month,
    /// Each quarter.
    Quarter,
    /// Each year.
    Year,
}

/// What the sponsor authorised for a relationship (SPEC §10.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// The amount, in the catalogue currency, 0 or more.
    pub amount: Decimal,
    /// The period the amount covers.
    pub per: BudgetPer,
    /// The sponsor who authorised it: a person or group.
    pub authorised_by: Ref<RoleHolderRef>,
    /// The last day the authorisation covers, when it ends.
    pub until: Option<Spanned<Date>>,
    /// The `budget` mapping.
    pub span: Span,
}

/// What was achieved of the warranty in a period, in the terms of the warranty block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AchievedWarranty {
    /// Percent achieved over the period, 0 to 100.
    pub availability: Option<Spanned<Decimal>>,
    /// Delivered at peak, per metric.
    pub capacity: Vec<Measurement>,
    /// Achieved service levels, per metric.
    pub service_levels: Vec<Measurement>,
    /// Recovery achieved in the period's test or incident.
    pub continuity: Option<AchievedContinuity>,
    /// Security controls, when reported: those that failed; the others held.
    pub security: Option<SecurityReport>,
}

/// One measured value of a metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// The metric, as the warranty names it.
    pub metric: Spanned<String>,
    /// The value achieved.
    pub value: Decimal,
    /// The measurement's mapping.
    pub span: Span,
}

/// Recovery achieved, in hours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AchievedContinuity {
    /// Recovery time achieved.
    pub rto_hours: Option<Spanned<Decimal>>,
    /// Recovery point achieved.
    pub rpo_hours: Option<Spanned<Decimal>>,
}

/// The security controls of a period: those listed failed, the others held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityReport {
    /// The controls that failed.
    pub failed: Vec<Spanned<String>>,
}

/// Whether a required outcome was achieved in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeMeasurement {
    /// The outcome.
    pub outcome: Ref<OutcomeRef>,
    /// Achieved or not.
    pub achieved: bool,
    /// The measurement's mapping.
    pub span: Span,
}

/// What the consumer paid in the period, in the categories of imposed costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    /// What it was for.
    pub name: String,
    /// Its category, as an imposed cost's.
    pub category: CostCategory,
    /// The period's own amount, not annualised.
    pub amount: Decimal,
    /// The line's mapping.
    pub span: Span,
}

/// A service credit or a loss: a named amount of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    /// What it was.
    pub name: String,
    /// The amount, 0 or more.
    pub amount: Decimal,
    /// The line's mapping.
    pub span: Span,
}

/// A consumer role whose perception is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConsumerRole {
    /// The customers.
    Customer,
    /// The users.
    User,
    /// The sponsors.
    Sponsor,
}

/// Whose perception an entry is: a consumer role, or a stakeholder party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Perceiver {
    /// The customers, users or sponsors of the relationship.
    Role(ConsumerRole),
    /// An organisation, person or group.
    Party(Ref<PartyRef>),
}

/// What stakeholders said in the period: a score on a scale, from some responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Perception {
    /// Who said it.
    pub who: Perceiver,
    /// The score given, between `min` and `max`.
    pub score: Decimal,
    /// The bottom of the scale; default 1.
    pub min: Decimal,
    /// The top of the scale, above `min`.
    pub max: Decimal,
    /// How many responses the score stands for, 1 or more.
    pub responses: u64,
    /// The entry's mapping.
    pub span: Span,
}

/// The default bottom of a perception scale.
pub const DEFAULT_PERCEPTION_MIN: Decimal = Decimal::ONE;

/// One record of the `evidence:` section: what happened in one relationship in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The relationship it is about.
    pub relationship: Ref<RelationshipRef>,
    /// The period it covers.
    pub period: Spanned<Period>,
    /// The warranty achieved.
    pub warranty: Option<AchievedWarranty>,
    /// Outcomes achieved or not.
    pub outcomes: Vec<OutcomeMeasurement>,
    /// What the consumer paid.
    pub spend: Vec<Spend>,
    /// Service credits paid back by the provider.
    pub credits: Vec<Sum>,
    /// Harm from risks that occurred.
    pub losses: Vec<Sum>,
    /// What stakeholders said.
    pub perception: Vec<Perception>,
    /// Free text.
    pub note: Option<String>,
    /// The record's mapping.
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{Period, parse_date};

    fn period(text: &str) -> Period {
        Period::parse(text).expect("a period")
    }

    #[test]
    fn periods_are_read_in_their_three_forms_and_written_back_alike() {
        for text in ["2026", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "0001"] {
            assert_eq!(period(text).to_string(), text);
        }
        assert_eq!(period("2026-Q3"), Period::Quarter(2026, 3));
        assert_eq!(period("2026-07"), Period::Month(2026, 7));
    }

    #[test]
    fn malformed_periods_are_refused_naming_the_forms() {
        for text in [
            "2026-Q5", "2026-Q0", "2026-13", "2026-00", "26-Q1", "2026-7", "2026-q1", "20261",
            "0000", "2026-Q12", "2026-", "",
        ] {
            let refused = Period::parse(text).expect_err(text);
            assert!(refused.contains("`YYYY-Qn`"), "{text}: {refused}");
        }
    }

    #[test]
    fn a_period_starts_on_its_first_day_and_ends_on_its_last() {
        assert_eq!(period("2026").start(), date(2026, 1, 1));
        assert_eq!(period("2026").end(), date(2026, 12, 31));
        assert_eq!(period("2026-Q1").start(), date(2026, 1, 1));
        assert_eq!(period("2026-Q1").end(), date(2026, 3, 31));
        assert_eq!(period("2026-Q3").start(), date(2026, 7, 1));
        assert_eq!(period("2026-Q3").end(), date(2026, 9, 30));
        assert_eq!(period("2024-02").end(), date(2024, 2, 29));
        assert_eq!(period("2026-02").end(), date(2026, 2, 28));
        assert_eq!(period("2100-02").end(), date(2100, 2, 28));
        assert_eq!(period("2026-04").end(), date(2026, 4, 30));
        assert_eq!(
            [period("2026").months(), period("2026-Q2").months()],
            [12, 3]
        );
        assert_eq!(period("2026-05").months(), 1);
    }

    #[test]
    fn periods_are_ordered_by_their_end_then_the_shorter_last() {
        let mut periods: Vec<Period> = [
            "2026-12", "2027-01", "2026", "2026-Q4", "2026-Q3", "2026-11", "2025", "2026-09",
        ]
        .into_iter()
        .map(period)
        .collect();
        periods.sort();
        let order: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            [
                "2025", "2026-Q3", "2026-09", "2026-11", "2026", "2026-Q4", "2026-12", "2027-01"
            ]
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert_eq!(parse_date("2026-12-01"), Ok(date(2026, 12, 1)));
        assert_eq!(parse_date("2024-02-29"), Ok(date(2024, 2, 29)));
        for text in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
        ] {
            let refused = parse_date(text).expect_err(text);
            assert!(refused.contains("not a day of the calendar"), "{refused}");
        }
        for text in [
            "2026-2-3",
            "2026/02/03",
            "26-02-03",
            "2026-02-03T00:00",
            "today",
        ] {
            let refused = parse_date(text).expect_err(text);
            assert!(refused.contains("`YYYY-MM-DD`"), "{refused}");
        }
    }
}
