//! The delivered assessment (SPEC §10.3, docs/format.md §5.14): what a relationship
//! achieved in one period, beside what it declares.
//!
//! Sections 5 and 8 judge the promise; this module judges the evidence of one period
//! against it: each required warranty check measured and met or breached, each required
//! outcome achieved or not, what the consumer spent after credits against the plan
//! (5.4's costs imposed for the period's months) and against the budget its sponsor
//! authorised, the losses against the expected losses, and what each role and each
//! stakeholder party said. The verdict is `as-agreed`, `short` with every reason, or
//! `unmeasured` without a record. It never changes a figure of the declared assessment.
//!
//! [`judge`] is the one computation per relationship and period, for `svs assess` and for
//! the rules that read evidence; [`Records`] finds a relationship's record for a period,
//! or its latest, in time linear in the evidence. Everything is exact: products come
//! before quotients, and nothing is rounded here.

use rust_decimal::Decimal;

use super::{Overflow, Sums};
use crate::keys::names;
use crate::model::{
    Budget, BudgetPer, Catalogue, ConsumerRole, Direction, Evidence, Perceiver, Period, Priority,
    Relationship,
};

/// How a relationship delivered in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeliveredVerdict {
    /// Measured, and nothing fell short.
    AsAgreed,
    /// Measured, and something fell short.
    Short,
    /// No evidence record for the period.
    Unmeasured,
}

impl DeliveredVerdict {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveredVerdict::AsAgreed => "as-agreed",
            DeliveredVerdict::Short => "short",
            DeliveredVerdict::Unmeasured => "unmeasured",
        }
    }
}

/// Why a relationship fell short, in the order SPEC §10.3 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ShortReason {
    /// A measured warranty check was breached.
    WarrantyBreached,
    /// A measured `must` outcome was not achieved.
    OutcomeNotAchieved,
    /// The spend exceeds the budget for the period.
    OverBudget,
    /// The customers, users or sponsors perceive it below the threshold.
    PerceivedPoorly,
}

impl ShortReason {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            ShortReason::WarrantyBreached => "warranty-breached",
            ShortReason::OutcomeNotAchieved => "outcome-not-achieved",
            ShortReason::OverBudget => "over-budget",
            ShortReason::PerceivedPoorly => "perceived-poorly",
        }
    }
}

/// A measured warranty check whose achieved value misses the requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachedCheck {
    /// The check, named as in 5.3: `availability`, `capacity:<metric>`,
    /// `service_level:<metric>`, `rto_hours`, `rpo_hours`, `security:<control>`.
    pub check: String,
    /// The required value (the control's name for security).
    pub required: String,
    /// The achieved value; `None` for a security control that failed.
    pub achieved: Option<String>,
}

/// One required warranty check of 5.3 in a period: agreed and achieved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckDelivered {
    /// The check, named as in [`BreachedCheck::check`].
    pub check: String,
    /// The agreed (required) value (the control's name for security).
    pub required: String,
    /// The achieved value; `None` when not measured, or for a security control that failed.
    pub achieved: Option<String>,
    /// Whether the achieved value meets the requirement; `None` when not measured.
    pub met: Option<bool>,
}

/// The warranty delivered: each required check measured and met or breached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WarrantyDelivered {
    /// The required checks of 5.3.
    pub checks: usize,
    /// The checks the record gives a value for.
    pub measured: usize,
    /// The measured checks met.
    pub met: usize,
    /// `100 × met ÷ measured`; `None` when nothing is measured.
    pub score: Option<Decimal>,
    /// The measured checks breached, in check order.
    pub breached: Vec<BreachedCheck>,
    /// The checks the record gives no value for, in check order.
    pub not_measured: Vec<String>,
}

/// The outcomes delivered: each required outcome achieved or not, when measured.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutcomesDelivered {
    /// The required outcomes the record measures.
    pub measured: usize,
    /// `100 × Σ w(achieved) ÷ Σ w(measured)`; `None` when none is measured.
    pub score: Option<Decimal>,
    /// Achieved, in requirement order.
    pub achieved: Vec<String>,
    /// Measured and not achieved, in requirement order.
    pub not_achieved: Vec<String>,
    /// Required and not measured, in requirement order.
    pub not_measured: Vec<String>,
}

/// Who perceived: a consumer role or a stakeholder party (by its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Perceived {
    /// The customers, users or sponsors of the relationship.
    Role(ConsumerRole),
    /// An organisation, person or group, by its id.
    Party(String),
}

/// What one role or party perceived in the period, on a scale of 0 to 100.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerceivedValue {
    /// Who.
    pub who: Perceived,
    /// The responses-weighted mean of its normalised scores.
    pub score: Decimal,
    /// The responses behind it.
    pub responses: u64,
}

/// The figures of a period with a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveredFigures {
    /// The warranty delivered.
    pub warranty: WarrantyDelivered,
    /// The outcomes delivered.
    pub outcomes: OutcomesDelivered,
    /// Σ spend − Σ credits, never below 0: the period's own figure.
    pub spend: Decimal,
    /// 5.4's costs imposed for the period's months.
    pub planned: Decimal,
    /// `spend − planned`.
    pub variance: Decimal,
    /// The budget for the period's months, when one is in force at its start.
    pub budget: Option<Decimal>,
    /// Σ losses.
    pub losses: Decimal,
    /// 5.4's risks imposed for the period's months.
    pub expected_losses: Decimal,
    /// Each role (customer, user, sponsor), then each party in the order the record first
    /// names it.
    pub perception: Vec<PerceivedValue>,
}

/// The delivered assessment of one relationship in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The period judged; `None` when the relationship has no record to judge.
    pub period: Option<Period>,
    /// The verdict.
    pub verdict: DeliveredVerdict,
    /// Every reason it fell short, in order; empty unless `short`.
    pub reasons: Vec<ShortReason>,
    /// The figures; `None` when `unmeasured`.
    pub figures: Option<DeliveredFigures>,
}

impl Delivered {
    /// No record: `unmeasured`, without a period or figures.
    pub fn unmeasured() -> Self {
        Delivered {
            period: None,
            verdict: DeliveredVerdict::Unmeasured,
            reasons: Vec::new(),
            figures: None,
        }
    }
}

/// Each relationship's evidence records, by the relationship's index, in §10.2 order.
#[derive(Debug, Clone, Default)]
pub struct Records {
    by_relationship: Vec<Vec<usize>>,
}

impl Records {
    /// Sorts the catalogue's records by relationship and period, once. Of two records for
    /// the same relationship and period (SVS004), the first is the one read.
    pub fn new(catalogue: &Catalogue) -> Self {
        let mut by_relationship = vec![Vec::new(); catalogue.relationships.len()];
        for (index, record) in catalogue.evidence.iter().enumerate() {
            if let Some(list) = record
                .relationship
                .try_index()
                .and_then(|r| by_relationship.get_mut(r))
            {
                list.push(index);
            }
        }
        for list in &mut by_relationship {
            // A stable sort keeps the first of two records for a period first.
            list.sort_by_key(|&e| catalogue.evidence[e].period.value);
        }
        Records { by_relationship }
    }

    /// The records of relationship `index`, in §10.2 order (the first of duplicates first).
    pub fn of<'c>(
        &self,
        catalogue: &'c Catalogue,
        index: usize,
    ) -> impl Iterator<Item = &'c Evidence> + use<'c, '_> {
        self.by_relationship
            .get(index)
            .into_iter()
            .flatten()
            .map(|&e| &catalogue.evidence[e])
    }

    /// The record of relationship `index` for `period`, when it has one.
    pub fn for_period<'c>(
        &self,
        catalogue: &'c Catalogue,
        index: usize,
        period: Period,
    ) -> Option<&'c Evidence> {
        self.of(catalogue, index).find(|e| e.period.value == period)
    }

    /// The record of relationship `index` for its latest period (§10.2 order), whatever
    /// the as-of date.
    pub fn latest<'c>(&self, catalogue: &'c Catalogue, index: usize) -> Option<&'c Evidence> {
        let latest = self.of(catalogue, index).last()?.period.value;
        self.for_period(catalogue, index, latest)
    }

    /// The record judged for relationship `index`: the one for `period` when given, else
    /// its latest.
    pub fn judged<'c>(
        &self,
        catalogue: &'c Catalogue,
        index: usize,
        period: Option<Period>,
    ) -> Option<&'c Evidence> {
        match period {
            Some(period) => self.for_period(catalogue, index, period),
            None => self.latest(catalogue, index),
        }
    }
}

/// The delivered assessment of relationship `index` on `record` (SPEC §10.3): `unmeasured`
/// without one. Computes 5.4's imposed costs and risks of the relationship for the plan.
///
/// # Errors
/// When an amount is too large to compute exactly.
pub fn judge(
    catalogue: &Catalogue,
    index: usize,
    record: Option<&Evidence>,
) -> Result<Delivered, Overflow> {
    let relationship = &catalogue.relationships[index];
    let overflow = || Overflow::relationship(&relationship.common.id.value);
    let costs = super::costs(catalogue, relationship).ok_or_else(overflow)?;
    let risks = super::risks(relationship).ok_or_else(overflow)?;
    judge_with(catalogue, relationship, record, costs, risks)
}

/// [`judge`] with the relationship's annual costs and risks (5.4) already computed.
pub(crate) fn judge_with(
    catalogue: &Catalogue,
    relationship: &Relationship,
    record: Option<&Evidence>,
    costs: Sums,
    risks: Sums,
) -> Result<Delivered, Overflow> {
    let Some(record) = record else {
        return Ok(Delivered::unmeasured());
    };
    let overflow = || Overflow::relationship(&relationship.common.id.value);
    let period = record.period.value;
    let warranty = warranty(relationship, record);
    let outcomes = outcomes(catalogue, relationship, record);
    let spend = spend(record).ok_or_else(overflow)?;
    let planned = for_months(costs.imposed, period).ok_or_else(overflow)?;
    let variance = spend.checked_sub(planned).ok_or_else(overflow)?;
    let budget = match relationship.budget.as_ref() {
        Some(budget) if in_force(budget, period.start()) => {
            Some(budget_for(budget, period).ok_or_else(overflow)?)
        }
        _ => None,
    };
    let losses = total(record.losses.iter().map(|l| l.amount)).ok_or_else(overflow)?;
    let expected_losses = for_months(risks.imposed, period).ok_or_else(overflow)?;
    let perception = perception(record).ok_or_else(overflow)?;

    let threshold = catalogue.metadata.perception_threshold;
    let mut reasons = Vec::new();
    if !warranty.breached.is_empty() {
        reasons.push(ShortReason::WarrantyBreached);
    }
    if must_not_achieved(relationship, record) {
        reasons.push(ShortReason::OutcomeNotAchieved);
    }
    if budget.is_some_and(|budget| spend > budget) {
        reasons.push(ShortReason::OverBudget);
    }
    if perception
        .iter()
        .any(|p| matches!(p.who, Perceived::Role(_)) && p.score < threshold)
    {
        reasons.push(ShortReason::PerceivedPoorly);
    }
    Ok(Delivered {
        period: Some(period),
        verdict: if reasons.is_empty() {
            DeliveredVerdict::AsAgreed
        } else {
            DeliveredVerdict::Short
        },
        reasons,
        figures: Some(DeliveredFigures {
            warranty,
            outcomes,
            spend,
            planned,
            variance,
            budget,
            losses,
            expected_losses,
            perception,
        }),
    })
}

/// Whether a budget covers a day: it has no `until`, or its `until` is not before it.
pub fn in_force(budget: &Budget, day: jiff::civil::Date) -> bool {
    budget.until.as_ref().is_none_or(|until| until.value >= day)
}

/// A budget per year: `year` × 1, `quarter` × 4, `month` × 12.
pub fn annual_budget(budget: &Budget) -> Option<Decimal> {
    let times = match budget.per {
        BudgetPer::Year => 1,
        BudgetPer::Quarter => 4,
        BudgetPer::Month => 12,
    };
    budget.amount.checked_mul(Decimal::from(times))
}

/// The budget annualised, when the costs a relationship imposes a year exceed it (SVS314,
/// and the consumer portfolio's `over_budget`); `None` when they are within it, or the
/// budget is too large to compute exactly (no cost can then exceed it).
pub fn exceeded_budget(budget: &Budget, imposed: Decimal) -> Option<Decimal> {
    let annual = annual_budget(budget)?;
    (imposed > annual).then_some(annual)
}

/// A budget for a period's months: annualised, × months ÷ 12 (multiplied first).
fn budget_for(budget: &Budget, period: Period) -> Option<Decimal> {
    for_months(annual_budget(budget)?, period)
}

/// An annual amount for a period's months: `amount × months ÷ 12`, multiplied first.
pub fn for_months(annual: Decimal, period: Period) -> Option<Decimal> {
    annual
        .checked_mul(Decimal::from(period.months()))?
        .checked_div(Decimal::from(12))
}

fn total(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// Σ spend − Σ credits, floored at 0: a credit larger than the spend pays nothing back.
fn spend(record: &Evidence) -> Option<Decimal> {
    let paid = total(record.spend.iter().map(|s| s.amount))?;
    let credited = total(record.credits.iter().map(|c| c.amount))?;
    Some(paid.checked_sub(credited)?.max(Decimal::ZERO))
}

/// Each required check of 5.3, in its order, measured or not, met or breached.
fn warranty(relationship: &Relationship, record: &Evidence) -> WarrantyDelivered {
    let mut delivered = WarrantyDelivered::default();
    for check in checks(relationship, record) {
        delivered.checks += 1;
        match check.met {
            None => delivered.not_measured.push(check.check),
            Some(true) => {
                delivered.measured += 1;
                delivered.met += 1;
            }
            Some(false) => {
                delivered.measured += 1;
                delivered.breached.push(BreachedCheck {
                    check: check.check,
                    required: check.required,
                    achieved: check.achieved,
                });
            }
        }
    }
    delivered.score = (delivered.measured > 0).then(|| {
        super::percent(
            Decimal::from(delivered.met),
            Decimal::from(delivered.measured),
        )
    });
    delivered
}

/// Each required check of 5.3, in its order, with what the record achieved: the agreed
/// value beside the achieved one, for the report's table as for the verdict.
pub fn checks(relationship: &Relationship, record: &Evidence) -> Vec<CheckDelivered> {
    let mut checks = Vec::new();
    let Some(required) = relationship.requirements.warranty.as_ref() else {
        return checks;
    };
    let achieved = record.warranty.as_ref();
    let mut check = |name: String, required: String, achieved: Option<(Option<String>, bool)>| {
        let (achieved, met) = match achieved {
            None => (None, None),
            Some((value, met)) => (value, Some(met)),
        };
        checks.push(CheckDelivered {
            check: name,
            required,
            achieved,
            met,
        });
    };
    // The achieved value, and whether it satisfies the requirement.
    let judged = |value: Option<Decimal>, met: &dyn Fn(Decimal) -> bool| {
        value.map(|v| (Some(v.to_string()), met(v)))
    };
    if let Some(want) = &required.availability {
        let have = achieved
            .and_then(|a| a.availability.as_ref())
            .map(|a| a.value);
        check(
            names::AVAILABILITY.into(),
            want.value.to_string(),
            judged(have, &|h| h >= want.value),
        );
    }
    let measured = |list: &[crate::model::Measurement], metric: &str| {
        list.iter()
            .find(|m| m.metric.value == metric)
            .map(|m| m.value)
    };
    for capacity in &required.capacity {
        let metric = &capacity.metric.value;
        let have = achieved.and_then(|a| measured(&a.capacity, metric));
        check(
            format!("capacity:{metric}"),
            capacity.value.to_string(),
            judged(have, &|h| h >= capacity.value),
        );
    }
    for level in &required.service_levels {
        let metric = &level.metric.value;
        let have = achieved.and_then(|a| measured(&a.service_levels, metric));
        check(
            format!("service_level:{metric}"),
            level.bound.to_string(),
            judged(have, &|h| match level.direction {
                Direction::Max => h <= level.bound,
                Direction::Min => h >= level.bound,
            }),
        );
    }
    let continuity = achieved.and_then(|a| a.continuity.as_ref());
    for (name, want, have) in [
        (
            names::RTO_HOURS,
            &required.continuity.rto_hours,
            continuity.and_then(|c| c.rto_hours.as_ref()),
        ),
        (
            names::RPO_HOURS,
            &required.continuity.rpo_hours,
            continuity.and_then(|c| c.rpo_hours.as_ref()),
        ),
    ] {
        if let Some(want) = want {
            check(
                name.into(),
                want.value.to_string(),
                judged(have.map(|h| h.value), &|h| h <= want.value),
            );
        }
    }
    let security = achieved.and_then(|a| a.security.as_ref());
    for control in &required.security {
        let held = security.map(|s| !s.failed.iter().any(|f| f.value == control.value));
        check(
            format!("security:{}", control.value),
            control.value.clone(),
            held.map(|held| (held.then(|| control.value.clone()), held)),
        );
    }
    checks
}

/// Whether the record measures the required outcome at `outcome`, and its answer.
fn achieved(record: &Evidence, outcome: usize) -> Option<bool> {
    record
        .outcomes
        .iter()
        .find(|m| m.outcome.try_index() == Some(outcome))
        .map(|m| m.achieved)
}

/// Each required outcome achieved, not achieved or not measured, with the weighted score.
fn outcomes(
    catalogue: &Catalogue,
    relationship: &Relationship,
    record: &Evidence,
) -> OutcomesDelivered {
    let mut delivered = OutcomesDelivered::default();
    let (mut weight_measured, mut weight_achieved) = (Decimal::ZERO, Decimal::ZERO);
    for required in &relationship.requirements.outcomes {
        let outcome = required.outcome.index();
        let id = catalogue.outcomes[outcome].common.id.value.clone();
        match achieved(record, outcome) {
            None => delivered.not_measured.push(id),
            Some(answer) => {
                delivered.measured += 1;
                weight_measured = weight_measured.saturating_add(required.weight);
                if answer {
                    weight_achieved = weight_achieved.saturating_add(required.weight);
                    delivered.achieved.push(id);
                } else {
                    delivered.not_achieved.push(id);
                }
            }
        }
    }
    delivered.score =
        (delivered.measured > 0).then(|| super::percent(weight_achieved, weight_measured));
    delivered
}

/// Whether a required `must` outcome is measured and not achieved.
fn must_not_achieved(relationship: &Relationship, record: &Evidence) -> bool {
    relationship
        .requirements
        .outcomes
        .iter()
        .filter(|r| r.priority == Priority::Must)
        .any(|r| achieved(record, r.outcome.index()) == Some(false))
}

/// Each role, then each party, with the responses-weighted mean of its normalised scores:
/// `Σ (100 × (score − min) × responses ÷ (max − min)) ÷ Σ responses`. Roles are never
/// averaged together.
fn perception(record: &Evidence) -> Option<Vec<PerceivedValue>> {
    let mut whos: Vec<Perceived> = [
        ConsumerRole::Customer,
        ConsumerRole::User,
        ConsumerRole::Sponsor,
    ]
    .into_iter()
    .map(Perceived::Role)
    .collect();
    for entry in &record.perception {
        if let Perceiver::Party(party) = &entry.who {
            let who = Perceived::Party(party.id.to_string());
            if !whos.contains(&who) {
                whos.push(who);
            }
        }
    }
    let mut values = Vec::new();
    for who in whos {
        let mut weighted = Decimal::ZERO;
        let mut responses: u64 = 0;
        for entry in record.perception.iter().filter(|e| match (&e.who, &who) {
            (Perceiver::Role(role), Perceived::Role(wanted)) => role == wanted,
            (Perceiver::Party(party), Perceived::Party(wanted)) => *party.id == **wanted,
            _ => false,
        }) {
            let span = entry.max.checked_sub(entry.min)?;
            if span <= Decimal::ZERO {
                // A scale without width (SVS003 when loaded) says nothing.
                continue;
            }
            let normalised = Decimal::ONE_HUNDRED
                .checked_mul(entry.score.checked_sub(entry.min)?)?
                .checked_mul(Decimal::from(entry.responses))?
                .checked_div(span)?;
            weighted = weighted.checked_add(normalised)?;
            responses = responses.checked_add(entry.responses)?;
        }
        if responses > 0 {
            values.push(PerceivedValue {
                who,
                score: weighted.checked_div(Decimal::from(responses))?,
                responses,
            });
        }
    }
    Some(values)
}

#[cfg(test)]
mod tests;
