//! SVS315 `budget-not-authorised`.
//!
//! The sponsor is the consumer's role that authorises the budget, so a budget stands only
//! when one of the relationship's own sponsors signed it off.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("budget_not_authorised.md")]
pub struct BudgetNotAuthorised;

impl Rule for BudgetNotAuthorised {
    fn code(&self) -> Code {
        codes::BUDGET_NOT_AUTHORISED
    }

    fn doc(&self) -> &'static str {
        include_str!("budget_not_authorised.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let Some(budget) = &relationship.budget else {
                continue;
            };
            let authoriser = &budget.authorised_by;
            let sponsors = &relationship.roles.sponsor;
            if sponsors.iter().any(|s| s.target() == authoriser.target()) {
                continue;
            }
            let listed = if sponsors.is_empty() {
                "it has no sponsor".to_owned()
            } else {
                let names: Vec<String> = sponsors.iter().map(|s| format!("`{}`", s.id)).collect();
                format!("its sponsors: {}", names.join(", "))
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        authoriser.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: the budget is authorised by `{}`, who is not one \
                             of its sponsors ({listed})",
                            relationship.common.id.value, authoriser.id,
                        ),
                    )
                    .with_help(
                        "have one of the relationship's sponsors authorise the budget, or, when \
                         this person or group does authorise it, list them under `roles: { \
                         sponsor: [...] }`",
                    ),
            );
        }
    }
}
