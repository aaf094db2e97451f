//! SVS323 `improvement-overdue`.
//!
//! An improvement still open (neither `done` nor `dropped`) past its `due` date is a
//! promise the register no longer keeps: either it is late, or the plan changed and the
//! register did not.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("improvement_overdue.md")]
pub struct ImprovementOverdue;

impl Rule for ImprovementOverdue {
    fn code(&self) -> Code {
        codes::IMPROVEMENT_OVERDUE
    }

    fn doc(&self) -> &'static str {
        include_str!("improvement_overdue.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for improvement in &index.catalogue.improvements {
            let Some(due) = &improvement.due else {
                continue;
            };
            if !improvement.is_overdue(index.judged_at) {
                continue;
            }
            out.push(
                index
                    .finding(
                        self.code(),
                        due.span,
                        &improvement.common,
                        format!(
                            "improvement `{}` of relationship `{}` is still {} and was due on {}, \
                             before the as-of date {}",
                            improvement.common.id.value,
                            improvement.relationship.id,
                            improvement.status.word(),
                            due.value,
                            index.judged_at,
                        ),
                    )
                    .with_help(
                        "once it is made, set `status: done` and its `done` date; otherwise agree \
                         a new `due` date with the other side, or set `status: dropped`",
                    ),
            );
        }
    }
}
