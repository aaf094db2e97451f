//! SVS321 `review-overdue`.
//!
//! Provider and consumer agree how often they review their relationship together; the
//! next review falls due one cadence after the last (SPEC §11.1). A review whose day has
//! passed at the as-of date is overdue: value co-created is no longer being looked at
//! jointly.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("review_overdue.md")]
pub struct ReviewOverdue;

impl Rule for ReviewOverdue {
    fn code(&self) -> Code {
        codes::REVIEW_OVERDUE
    }

    fn doc(&self) -> &'static str {
        include_str!("review_overdue.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let Some(management) = &relationship.management else {
                continue;
            };
            // A relationship never reviewed is due now, at the as-of date, not before it.
            let (Some(last), Some(next)) = (&management.last_review, management.next_review())
            else {
                continue;
            };
            if next >= index.judged_at {
                continue;
            }
            out.push(
                index
                    .finding(
                        self.code(),
                        last.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: the last joint review was on {}; the next, a {} \
                             later, was due on {next}, before the as-of date {}",
                            relationship.common.id.value,
                            last.value,
                            management.cadence.word(),
                            index.judged_at,
                        ),
                    )
                    .with_help(
                        "hold the review with the counterpart (`svs review` writes its pack) and \
                         set `management.last_review` to its date",
                    ),
            );
        }
    }
}
