//! The value assessment of every service relationship: from the consumer's side
//! (docs/format.md §5: utility or fit for purpose, warranty or fit for use, costs and risks
//! removed and imposed, the verdict) and from the provider's side, with co-creation and
//! the other stakeholders' view (§8, in [`provision`]).
//!
//! Everything is exact: amounts are [`Decimal`]s read from the source text, sums and
//! products are checked for overflow, and nothing is rounded here. Renderers round half
//! away from zero to two decimals when they print. What each offering offers (its
//! warranty, the outcomes its services facilitate) is computed once per offering and
//! shared by every relationship that consumes it, so the work is linear in the catalogue.

pub mod consumers;
pub mod delivered;
pub mod exact;
pub mod offered;
pub mod provision;

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::keys::names;
use crate::model::{Catalogue, Direction, Per, Period, Priority, Relationship, Warranty};
use delivered::{Delivered, Records};
use offered::{OfferedWarranty, Offers};
use provision::{CoCreation, CostFlow, ProviderSide, StakeholderValue};

/// Utility: does the offering facilitate the outcomes the customer requires?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utility {
    /// 100 × facilitated weight / required weight; 0 with no required outcome.
    pub score: Decimal,
    /// Outcomes required, every `must` facilitated, and the score at the threshold.
    pub fit_for_purpose: bool,
    /// Required outcomes that are facilitated, in requirement order.
    pub facilitated: Vec<String>,
    /// Required outcomes that are not, in requirement order.
    pub missing: Vec<String>,
}

/// One warranty requirement the offer does not meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetCheck {
    /// `availability`, `capacity:<metric>`, `service_level:<metric>`, `rto_hours`,
    /// `rpo_hours` or `security:<control>`.
    pub check: String,
    /// The required value (the control's name for security).
    pub required: String,
    /// The offered value, or `None` when the offer does not declare it.
    pub offered: Option<String>,
}

/// Warranty: does the offer assure what the customer requires?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyAssessment {
    /// 100 × met / checks; 0 with no check.
    pub score: Decimal,
    /// At least one check, and all met.
    pub fit_for_use: bool,
    /// Required items.
    pub checks: usize,
    /// Items met.
    pub met: usize,
    /// Items not met, in check order.
    pub unmet: Vec<UnmetCheck>,
}

/// Annual amounts removed from and imposed on the consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sums {
    /// Taken off the consumer, per year.
    pub removed: Decimal,
    /// Put on the consumer, per year.
    pub imposed: Decimal,
}

impl Sums {
    /// Removed minus imposed.
    pub fn net(&self) -> Decimal {
        self.removed - self.imposed
    }
}

/// The overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Fit for purpose, fit for use, and a balance of at least zero.
    Value,
    /// Assessed, and something fails.
    NoValue,
    /// Not enough requirements to judge.
    Unassessed,
}

impl Verdict {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Value => "value",
            Verdict::NoValue => "no-value",
            Verdict::Unassessed => "unassessed",
        }
    }
}

/// Why a relationship is `unassessed` or `no-value`, in the order docs/format.md §5.5 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// No outcome is required.
    NoOutcomeRequirements,
    /// No warranty item is required.
    NoWarrantyRequirements,
    /// Utility fails.
    NotFitForPurpose,
    /// Warranty fails.
    NotFitForUse,
    /// Net value below zero.
    NegativeBalance,
}

impl Reason {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoOutcomeRequirements => "no-outcome-requirements",
            Reason::NoWarrantyRequirements => "no-warranty-requirements",
            Reason::NotFitForPurpose => "not-fit-for-purpose",
            Reason::NotFitForUse => "not-fit-for-use",
            Reason::NegativeBalance => "negative-balance",
        }
    }
}

/// The assessment of one relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Index of the relationship in the catalogue.
    pub relationship: usize,
    /// Fit for purpose.
    pub utility: Utility,
    /// Fit for use.
    pub warranty: WarrantyAssessment,
    /// Annual costs removed and imposed.
    pub costs: Sums,
    /// Annual expected losses removed and imposed.
    pub risks: Sums,
    /// Net costs plus net risks, per year.
    pub net_value: Decimal,
    /// The verdict.
    pub verdict: Verdict,
    /// Every reason that applies.
    pub reasons: Vec<Reason>,
    /// The provider's side (§8.2).
    pub provider: ProviderSide,
    /// Both sides' verdicts together (§8.3).
    pub co_creation: CoCreation,
    /// The other stakeholders' own view (§8.4).
    pub stakeholders: Vec<StakeholderValue>,
    /// What it delivered in the period judged (§10.3).
    pub delivered: Delivered,
}

/// An amount too large for exact arithmetic (about 7.9 × 10²⁸).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the amounts of {what} are too large to compute exactly")]
pub struct Overflow {
    /// What overflowed: "relationship `x`", "service `x`".
    pub what: String,
}

impl Overflow {
    /// An overflow in the figures of one relationship.
    pub fn relationship(id: &str) -> Self {
        Overflow {
            what: format!("relationship `{id}`"),
        }
    }
}

/// What every assessment shares, computed once per catalogue: each offering's offer and
/// the flow of money through the value network.
#[derive(Debug)]
pub struct Shared {
    /// Each offering's offered warranty and facilitated outcomes.
    pub offers: Offers,
    /// Revenue, pools and users for the provider's side.
    pub flow: CostFlow,
    /// Each relationship's evidence records.
    pub records: Records,
    /// The period the delivered assessment judges; each relationship's latest when `None`.
    pub period: Option<Period>,
}

impl Shared {
    /// Computes them once, in time linear in the catalogue, to judge each relationship's
    /// latest evidence record.
    pub fn new(catalogue: &Catalogue) -> Self {
        Shared {
            offers: Offers::new(catalogue),
            flow: CostFlow::new(catalogue),
            records: Records::new(catalogue),
            period: None,
        }
    }

    /// Judges the evidence of `period` for every relationship, or each one's latest when
    /// `None`.
    #[must_use]
    pub fn on(mut self, period: Option<Period>) -> Self {
        self.period = period;
        self
    }
}

/// The assessments of a selection of relationships and the portfolios of their providers
/// and consumers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// One assessment per relationship, in the order asked for.
    pub relationships: Vec<Assessment>,
    /// One entry per provider of those relationships, in the order of its first (§8.5).
    pub providers: Vec<provision::Portfolio>,
    /// One entry per consumer of those relationships, in the order of its first (§8.9).
    pub consumers: Vec<consumers::ConsumerPortfolio>,
}

/// Assesses the relationships whose indices are given, in that order, each on its latest
/// evidence record, and sums them up per provider and per consumer, the consumers'
/// budgets in force at the catalogue's as-of date (see [`evaluate_at`]).
pub fn evaluate(catalogue: &Catalogue, relationships: &[usize]) -> Result<Evaluation, Overflow> {
    let as_of = crate::calendar::as_of(None, &catalogue.metadata);
    evaluate_at(catalogue, relationships, None, as_of)
}

/// Assesses the relationships whose indices are given, in that order, with the evidence
/// of `period` (each one's latest when `None`), and sums them up per provider and per
/// consumer, the consumers' budgets in force at `as_of`.
pub fn evaluate_at(
    catalogue: &Catalogue,
    relationships: &[usize],
    period: Option<Period>,
    as_of: jiff::civil::Date,
) -> Result<Evaluation, Overflow> {
    let shared = Shared::new(catalogue).on(period);
    let assessments = relationships
        .iter()
        .map(|&index| assess_with(catalogue, &shared, index))
        .collect::<Result<Vec<_>, _>>()?;
    let sides: Vec<(usize, &ProviderSide)> = assessments
        .iter()
        .map(|a| (a.relationship, &a.provider))
        .collect();
    let providers = provision::portfolio(catalogue, &shared.flow, &sides)?;
    let consumers = consumers::portfolio(catalogue, &assessments, as_of)?;
    Ok(Evaluation {
        relationships: assessments,
        providers,
        consumers,
    })
}

/// The net value of the assessed relationships together, per year: `unassessed` ones are
/// left out, since their figures are incomplete by definition. Saturates rather than
/// overflows: each term fits, and no catalogue sums to 10²⁸ a year.
pub fn assessed_net_value(assessments: &[Assessment]) -> Decimal {
    assessments
        .iter()
        .filter(|a| a.verdict != Verdict::Unassessed)
        .fold(Decimal::ZERO, |sum, a| sum.saturating_add(a.net_value))
}

/// Assesses the relationships whose indices are given, in that order.
pub fn assess(catalogue: &Catalogue, relationships: &[usize]) -> Result<Vec<Assessment>, Overflow> {
    let shared = Shared::new(catalogue);
    relationships
        .iter()
        .map(|&index| assess_with(catalogue, &shared, index))
        .collect()
}

/// Assesses one relationship with the shared tables already computed (see [`Shared::new`]).
pub fn assess_with(
    catalogue: &Catalogue,
    shared: &Shared,
    index: usize,
) -> Result<Assessment, Overflow> {
    let offers = &shared.offers;
    let relationship = &catalogue.relationships[index];
    let offering = relationship.offering.index();
    let utility = utility(catalogue, relationship, offers.facilitated(offering));
    let required = relationship.requirements.warranty.as_ref();
    let warranty = warranty(required, offers.warranty(offering));
    let overflow = || Overflow::relationship(&relationship.common.id.value);
    let costs = costs(catalogue, relationship).ok_or_else(overflow)?;
    let risks = risks(relationship).ok_or_else(overflow)?;
    let net_value = costs
        .removed
        .checked_sub(costs.imposed)
        .and_then(|c| c.checked_add(risks.removed)?.checked_sub(risks.imposed))
        .ok_or_else(overflow)?;

    let mut reasons = Vec::new();
    if relationship.requirements.outcomes.is_empty() {
        reasons.push(Reason::NoOutcomeRequirements);
    }
    if warranty.checks == 0 {
        reasons.push(Reason::NoWarrantyRequirements);
    }
    let verdict = if reasons.is_empty() {
        if !utility.fit_for_purpose {
            reasons.push(Reason::NotFitForPurpose);
        }
        if !warranty.fit_for_use {
            reasons.push(Reason::NotFitForUse);
        }
        if net_value.is_sign_negative() && !net_value.is_zero() {
            reasons.push(Reason::NegativeBalance);
        }
        if reasons.is_empty() {
            Verdict::Value
        } else {
            Verdict::NoValue
        }
    } else {
        Verdict::Unassessed
    };
    let provider = shared.flow.provider_side(catalogue, index)?;
    let co_creation = CoCreation::of(verdict, provider.verdict);
    Ok(Assessment {
        relationship: index,
        utility,
        warranty,
        costs,
        risks,
        net_value,
        verdict,
        reasons,
        co_creation,
        provider,
        stakeholders: provision::stakeholders(catalogue, relationship)?,
        delivered: delivered::judge_with(
            catalogue,
            relationship,
            shared.records.judged(catalogue, index, shared.period),
            costs,
            risks,
        )?,
    })
}

/// 100 × part / whole, multiplying first; 0 when `whole` is 0.
fn percent(part: Decimal, whole: Decimal) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    // Weights and counts are far below the overflow bound once multiplied by 100; fall
    // back to dividing first rather than fail.
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .or_else(|| (part / whole).checked_mul(Decimal::ONE_HUNDRED))
        .unwrap_or(Decimal::ONE_HUNDRED)
}

fn utility(
    catalogue: &Catalogue,
    relationship: &Relationship,
    facilitated: &HashSet<usize>,
) -> Utility {
    let required = &relationship.requirements.outcomes;
    let mut total = Decimal::ZERO;
    let mut met = Decimal::ZERO;
    let mut musts_met = true;
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for requirement in required {
        let outcome = requirement.outcome.index();
        let id = catalogue.outcomes[outcome].common.id.value.clone();
        total = total.saturating_add(requirement.weight);
        if facilitated.contains(&outcome) {
            met = met.saturating_add(requirement.weight);
            found.push(id);
        } else {
            musts_met &= requirement.priority != Priority::Must;
            missing.push(id);
        }
    }
    let score = percent(met, total);
    Utility {
        score,
        fit_for_purpose: !required.is_empty()
            && musts_met
            && score >= catalogue.metadata.utility_threshold,
        facilitated: found,
        missing,
    }
}

fn warranty(required: Option<&Warranty>, offered: &OfferedWarranty) -> WarrantyAssessment {
    let mut checks = 0;
    let mut unmet = Vec::new();
    let mut check = |name: String, required: String, offered: Option<String>, met: bool| {
        checks += 1;
        if !met {
            unmet.push(UnmetCheck {
                check: name,
                required,
                offered,
            });
        }
    };
    if let Some(required) = required {
        if let Some(want) = &required.availability {
            let have = offered.availability;
            check(
                names::AVAILABILITY.into(),
                want.value.to_string(),
                have.map(|d| d.to_string()),
                offered.assures_availability(want.value),
            );
        }
        for capacity in &required.capacity {
            let have = offered.capacity.get(&capacity.metric.value).copied();
            check(
                format!("capacity:{}", capacity.metric.value),
                capacity.value.to_string(),
                have.map(|d| d.to_string()),
                have.is_some_and(|h| h >= capacity.value),
            );
        }
        for level in &required.service_levels {
            let key = (level.metric.value.clone(), level.direction);
            let have = offered.service_levels.get(&key).copied();
            let met = have.is_some_and(|h| match level.direction {
                Direction::Max => h <= level.bound,
                Direction::Min => h >= level.bound,
            });
            check(
                format!("service_level:{}", level.metric.value),
                level.bound.to_string(),
                have.map(|d| d.to_string()),
                met,
            );
        }
        for (name, want, have) in [
            (
                names::RTO_HOURS,
                &required.continuity.rto_hours,
                offered.rto_hours,
            ),
            (
                names::RPO_HOURS,
                &required.continuity.rpo_hours,
                offered.rpo_hours,
            ),
        ] {
            if let Some(want) = want {
                check(
                    name.into(),
                    want.value.to_string(),
                    have.map(|d| d.to_string()),
                    have.is_some_and(|h| h <= want.value),
                );
            }
        }
        for control in &required.security {
            let has = offered.security.contains(&control.value);
            check(
                format!("security:{}", control.value),
                control.value.clone(),
                has.then(|| control.value.clone()),
                has,
            );
        }
    }
    let met = checks - unmet.len();
    WarrantyAssessment {
        score: percent(Decimal::from(met), Decimal::from(checks)),
        fit_for_use: checks > 0 && unmet.is_empty(),
        checks,
        met,
        unmet,
    }
}

/// An amount per year: `year` × 1, `quarter` × 4, `month` × 12, `once` × 12 / horizon
/// (multiplied before dividing).
pub fn annualise(amount: Decimal, per: Per, horizon_months: u32) -> Option<Decimal> {
    match per {
        Per::Year => Some(amount),
        Per::Quarter => amount.checked_mul(Decimal::from(4)),
        Per::Month => amount.checked_mul(Decimal::from(12)),
        Per::Once => amount
            .checked_mul(Decimal::from(12))?
            .checked_div(Decimal::from(horizon_months)),
    }
}

/// The consumer's annual costs removed and imposed (§5.4).
pub(crate) fn costs(catalogue: &Catalogue, relationship: &Relationship) -> Option<Sums> {
    let horizon = catalogue.metadata.horizon_months;
    let mut sums = Sums::default();
    for cost in &relationship.costs.removed {
        sums.removed = sums
            .removed
            .checked_add(annualise(cost.amount, cost.per, horizon)?)?;
    }
    for cost in &relationship.costs.imposed {
        sums.imposed = sums
            .imposed
            .checked_add(annualise(cost.amount, cost.per, horizon)?)?;
    }
    sums.imposed = sums
        .imposed
        .checked_add(price_list(catalogue, relationship)?)?;
    Some(sums)
}

/// The offering's price lines for one relationship, annualised, each multiplied by the
/// relationship's quantity when it has a `unit`: part of the consumer's costs imposed, and
/// of the provider's revenue.
pub(crate) fn price_list(catalogue: &Catalogue, relationship: &Relationship) -> Option<Decimal> {
    let horizon = catalogue.metadata.horizon_months;
    let offering = &catalogue.offerings[relationship.offering.index()];
    let mut sum = Decimal::ZERO;
    for line in &offering.price {
        let amount = if line.unit.is_some() {
            line.amount.checked_mul(relationship.quantity)?
        } else {
            line.amount
        };
        sum = sum.checked_add(annualise(amount, line.per, horizon)?)?;
    }
    Some(sum)
}

/// Σ likelihood × impact: the expected loss per year.
pub(crate) fn expected_loss(risks: &[crate::model::Risk]) -> Option<Decimal> {
    risks.iter().try_fold(Decimal::ZERO, |sum, risk| {
        sum.checked_add(risk.likelihood.checked_mul(risk.impact)?)
    })
}

pub(crate) fn risks(relationship: &Relationship) -> Option<Sums> {
    Some(Sums {
        removed: expected_loss(&relationship.risks.removed)?,
        imposed: expected_loss(&relationship.risks.imposed)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn annualising_follows_the_period() {
        assert_eq!(annualise(dec!(100), Per::Year, 36), Some(dec!(100)));
        assert_eq!(annualise(dec!(100), Per::Quarter, 36), Some(dec!(400)));
        assert_eq!(annualise(dec!(25), Per::Month, 36), Some(dec!(300)));
        assert_eq!(
            annualise(dec!(5000), Per::Once, 36).unwrap().round_dp(10),
            dec!(1666.6666666667)
        );
        // A non-default horizon: 12 / 24 of the amount each year.
        assert_eq!(annualise(dec!(5000), Per::Once, 24), Some(dec!(2500)));
        assert_eq!(annualise(dec!(1), Per::Once, 600), Some(dec!(0.02)));
    }

    #[test]
    fn once_multiplies_before_dividing() {
        // 100 × 12 / 7 computed as 1200 / 7, not (100 / 7) × 12.
        let exact = annualise(dec!(100), Per::Once, 7).unwrap();
        assert_eq!(exact, dec!(1200) / dec!(7));
    }

    #[test]
    fn overflow_is_reported_not_panicked() {
        assert_eq!(annualise(Decimal::MAX, Per::Month, 36), None);
    }

    #[test]
    fn percent_of_nothing_is_zero() {
        assert_eq!(percent(dec!(0), dec!(0)), dec!(0));
        assert_eq!(percent(dec!(3), dec!(4)), dec!(75));
        assert_eq!(percent(dec!(1), dec!(3)).round_dp(4), dec!(33.3333));
    }
}
