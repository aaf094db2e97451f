//! The as-of date: the one day at which budgets, evidence, reviews and improvements are
//! judged (SPEC §4), and the one place that reads the clock.
//!
//! A date given on the command line (`--as-of`) wins over the catalogue's `as_of`; with
//! neither, the date is today in UTC. Every command and rule that judges dates takes the
//! date [`as_of`] resolves, so that the same input and the same date give the same output,
//! and tests pin the date rather than the clock.

use jiff::civil::Date;

use crate::model::Metadata;

/// The as-of date: `given` on the command line, else the catalogue's `as_of`, else today
/// (UTC).
pub fn as_of(given: Option<Date>, metadata: &Metadata) -> Date {
    given
        .or_else(|| metadata.as_of.as_ref().map(|date| date.value))
        .unwrap_or_else(today)
}

/// Today's date in UTC: the only reading of the clock.
fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{as_of, today};
    use crate::model::{Metadata, Spanned};

    #[test]
    fn the_command_line_wins_over_the_catalogue_which_wins_over_today() {
        let mut metadata = Metadata::named("c");
        assert_eq!(as_of(None, &metadata), today());
        metadata.as_of = Some(Spanned::unplaced(date(2026, 12, 1)));
        assert_eq!(as_of(None, &metadata), date(2026, 12, 1));
        assert_eq!(as_of(Some(date(2027, 1, 31)), &metadata), date(2027, 1, 31));
    }
}
