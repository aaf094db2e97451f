//! SVS316 `budget-expired`.
//!
//! A budget's `until` is the last day its authorisation covers. Judged at the as-of date
//! (the command line's `--as-of`, else the catalogue's `as_of`, else today), a budget that
//! ended before it no longer authorises anything.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("budget_expired.md")]
pub struct BudgetExpired;

impl Rule for BudgetExpired {
    fn code(&self) -> Code {
        codes::BUDGET_EXPIRED
    }

    fn doc(&self) -> &'static str {
        include_str!("budget_expired.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let Some(budget) = &relationship.budget else {
                continue;
            };
            let Some(until) = budget.until.as_ref().filter(|u| u.value < index.judged_at) else {
                continue;
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        until.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: the budget authorised by `{}` ended on {}, \
                             before the as-of date {}",
                            relationship.common.id.value,
                            budget.authorised_by.id,
                            until.value,
                            index.judged_at,
                        ),
                    )
                    .with_help(
                        "ask the sponsor to renew the budget and move `until` to the last day \
                         the new authorisation covers; a relationship that has ended belongs \
                         out of the catalogue",
                    ),
            );
        }
    }
}
