//! SVS320 `evidence-stale`.
//!
//! Evidence comes period by period: once a period has ended, the next record is due within
//! as long again. A relationship whose latest record ended more than its own length before
//! the as-of date has stopped being measured, and its delivered verdict speaks of the past.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Evidence, Period};

#[doc = include_str!("evidence_stale.md")]
pub struct EvidenceStale;

/// The day by which the record after `period` is due: its end plus its length in months,
/// a day the target month does not have becoming its last (jiff's month arithmetic);
/// `None` past the end of the calendar.
pub(crate) fn next_due(period: Period) -> Option<Date> {
    period
        .end()
        .checked_add(i64::from(period.months()).months())
        .ok()
}

impl Rule for EvidenceStale {
    fn code(&self) -> Code {
        codes::EVIDENCE_STALE
    }

    fn doc(&self) -> &'static str {
        include_str!("evidence_stale.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let relationships = &index.catalogue.relationships;
        // Each relationship's latest record (SPEC §10.2 order), in one pass.
        let mut latest: Vec<Option<&Evidence>> = vec![None; relationships.len()];
        for record in &index.catalogue.evidence {
            let slot = &mut latest[record.relationship.index()];
            if slot.is_none_or(|l| record.period.value > l.period.value) {
                *slot = Some(record);
            }
        }
        for (relationship, record) in relationships.iter().zip(latest) {
            let Some(record) = record else {
                continue;
            };
            let period = record.period.value;
            let Some(due) = next_due(period).filter(|due| index.judged_at > *due) else {
                continue;
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        record.period.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: the latest evidence is of {period}, which ended \
                             on {}; the next record was due by {due}, before the as-of date {}",
                            relationship.common.id.value,
                            period.end(),
                            index.judged_at,
                        ),
                    )
                    .with_help(
                        "record the evidence of the periods since, or, if the relationship has \
                         ended, take it out of the catalogue",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::next_due;
    use crate::model::Period;

    fn due(text: &str) -> jiff::civil::Date {
        next_due(Period::parse(text).expect("a period")).expect("a day")
    }

    #[test]
    fn the_next_record_is_due_a_period_after_the_end_on_a_day_the_month_has() {
        assert_eq!(due("2026-Q3"), date(2026, 12, 30));
        assert_eq!(due("2026-Q4"), date(2027, 3, 31));
        assert_eq!(due("2026-Q1"), date(2026, 6, 30));
        assert_eq!(due("2026-01"), date(2026, 2, 28));
        assert_eq!(due("2024-01"), date(2024, 2, 29));
        assert_eq!(due("2026-08"), date(2026, 9, 30));
        assert_eq!(due("2026"), date(2027, 12, 31));
        assert_eq!(next_due(Period::Year(9999)), None);
    }
}
