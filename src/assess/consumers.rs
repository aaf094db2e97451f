//! The consumer portfolio (§8.9, docs/format.md §5.12): each consumer's relationships taken
//! together, the consumer's counterpart of the provider portfolio of [`super::provision`].
//!
//! Only the consumer's side (docs/format.md §5) is summed, over the relationships whose
//! verdict is not `unassessed`, whose figures are incomplete by definition. The budget
//! is the one exception: what a sponsor authorised does not depend on the verdict, so it
//! is summed over every relationship, as far as it is in force at the as-of date. Sums are exact
//! and checked for overflow; nothing is rounded here.

use rust_decimal::Decimal;

use super::{Assessment, Overflow, Verdict, delivered};
use crate::model::Catalogue;

/// One consumer's relationships taken together (§8.9), per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerPortfolio {
    /// The consumer's organisation index.
    pub organization: usize,
    /// Its relationships whose verdict is `value`.
    pub value_count: usize,
    /// Its relationships whose verdict is `no-value`.
    pub no_value_count: usize,
    /// Its relationships whose verdict is `unassessed`.
    pub unassessed_count: usize,
    /// Σ costs removed over its assessed relationships.
    pub costs_removed: Decimal,
    /// Σ costs imposed over them: its planned spend.
    pub costs_imposed: Decimal,
    /// Σ risks removed − risks imposed over them.
    pub risks_net: Decimal,
    /// Σ net value over them.
    pub net_value: Decimal,
    /// Σ annualised budgets in force at the as-of date over all its relationships,
    /// assessed or not; `None` when none is in force.
    pub budget: Option<Decimal>,
    /// Its relationships over budget, by catalogue index, in catalogue order.
    pub over_budget: Vec<usize>,
}

/// The portfolio of every organisation that consumes one of the relationships assessed,
/// in the order of its first relationship.
pub fn portfolio(
    catalogue: &Catalogue,
    assessments: &[Assessment],
    as_of: jiff::civil::Date,
) -> Result<Vec<ConsumerPortfolio>, Overflow> {
    let mut entries: Vec<ConsumerPortfolio> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; catalogue.organizations.len()];
    for a in assessments {
        let relationship = &catalogue.relationships[a.relationship];
        let consumer = relationship.consumer.index();
        let at = *slot[consumer].get_or_insert_with(|| {
            entries.push(ConsumerPortfolio {
                organization: consumer,
                value_count: 0,
                no_value_count: 0,
                unassessed_count: 0,
                costs_removed: Decimal::ZERO,
                costs_imposed: Decimal::ZERO,
                risks_net: Decimal::ZERO,
                net_value: Decimal::ZERO,
                budget: None,
                over_budget: Vec::new(),
            });
            entries.len() - 1
        });
        let entry = &mut entries[at];
        let overflow = || Overflow {
            what: format!(
                "the portfolio of `{}`",
                catalogue.organizations[consumer].common.id.value
            ),
        };
        if let Some(budget) = relationship
            .budget
            .as_ref()
            .filter(|b| delivered::in_force(b, as_of))
        {
            let annual = delivered::annual_budget(budget).ok_or_else(overflow)?;
            let sum = entry.budget.unwrap_or_default().checked_add(annual);
            entry.budget = Some(sum.ok_or_else(overflow)?);
        }
        if relationship
            .budget
            .as_ref()
            .is_some_and(|b| delivered::exceeded_budget(b, a.costs.imposed).is_some())
        {
            entry.over_budget.push(a.relationship);
        }
        match a.verdict {
            Verdict::Value => entry.value_count += 1,
            Verdict::NoValue => entry.no_value_count += 1,
            Verdict::Unassessed => {
                entry.unassessed_count += 1;
                continue;
            }
        }
        let sums = (|| {
            Some((
                entry.costs_removed.checked_add(a.costs.removed)?,
                entry.costs_imposed.checked_add(a.costs.imposed)?,
                entry
                    .risks_net
                    .checked_add(a.risks.removed.checked_sub(a.risks.imposed)?)?,
                entry.net_value.checked_add(a.net_value)?,
            ))
        })()
        .ok_or_else(overflow)?;
        (
            entry.costs_removed,
            entry.costs_imposed,
            entry.risks_net,
            entry.net_value,
        ) = sums;
    }
    Ok(entries)
}
