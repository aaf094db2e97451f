//! SVS314 `over-budget`.
//!
//! The sponsor authorises the budget; the assessment knows what the relationship costs the
//! consumer a year (5.4's costs imposed). This rule sets the two side by side before any
//! money is spent: a relationship whose declared costs already exceed what was authorised
//! will be over budget in every period.


use crate::diagnostic::{Code, Diagnostic, codes};
use crate::figures::money;
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Budget, BudgetPer};

#[doc = include_str!("over_budget.md")]
pub struct OverBudget;

/// The budget as written, for the message: `25,000.00 GBP a month`.
fn as_written(budget: &Budget, currency: Option<&str>) -> String {
    let per = match budget.per {
        BudgetPer::Year => "year",
        BudgetPer::Quarter => "quarter",
        BudgetPer::Month => "month",
    };
    format!("{} a {per}", money(budget.amount, currency))
}

impl Rule for OverBudget {
    fn code(&self) -> Code {
        codes::OVER_BUDGET
    }

    fn doc(&self) -> &'static str {
        include_str!("over_budget.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let currency = index.catalogue.metadata.currency.as_deref();
        for (relationship, assessment) in
            index.catalogue.relationships.iter().zip(&index.assessments)
        {
            // An assessment too large to compute has no costs imposed to compare.
            let (Some(budget), Some(assessment)) = (&relationship.budget, assessment) else {
                continue;
            };
            let imposed = assessment.costs.imposed;
            let Some(annual) = crate::assess::delivered::exceeded_budget(budget, imposed) else {
                continue;
            };
            let yearly = if budget.per == BudgetPer::Year {
                String::new()
            } else {
                format!(" ({})", as_written(budget, currency))
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        budget.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: the costs it imposes, {} a year, exceed its \
                             budget of {} a year{yearly} authorised by `{}`",
                            relationship.common.id.value,
                            money(imposed, currency),
                            money(annual, currency),
                            budget.authorised_by.id,
                        ),
                    )
                    .with_help(
                        "ask the sponsor to raise the budget, or bring the costs imposed within \
                         it: the price lines, the quantity, or the relationship's own imposed \
                         costs",
                    ),
            );
        }
    }
}
