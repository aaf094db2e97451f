//! The provider's side of every relationship (docs/format.md §8): revenue against the
//! cost of service provision, the provider's verdict, co-creation, other stakeholders'
//! value and the provider portfolio.
//!
//! The cost of provision has a direct part (the offering's cost to serve, the
//! relationship's own provision costs) and a shared part, where the value network becomes
//! an economic flow: what it costs to run a service, and what its provider pays for the
//! relationships the service `depends_on`, form the service's **pool**, which is allocated
//! over the relationships that consume the service by quantity. [`CostFlow::new`] computes
//! every pool, every service's users and their total quantity once, so each share is one
//! multiplication and one division and the whole is linear in the catalogue.
//!
//! Every cost is also told by the four dimensions of service management (§8.8): each line
//! carries its dimension, and what the provider pays upstream is bought from a partner or
//! supplier. A pool is kept per dimension and each dimension's pool is shared like the
//! whole, so the cost of provision is the sum of its four parts to the last digit
//! ([`ByDimension`]).
//!
//! Everything is exact: [`Decimal`] arithmetic, checked for overflow, multiplying before
//! dividing, and nothing rounded here.

use rust_decimal::Decimal;

use super::{Overflow, Verdict, annualise, expected_loss};
use crate::model::{
    Catalogue, CostCategory, Dimension, Priced, ProvisionCost, Relationship, StakeholderRole,
};

/// The provider's verdict on one relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProviderVerdict {
    /// The margin reaches the provider's target.
    Sustainable,
    /// The margin falls short of the target.
    Unsustainable,
    /// Nothing on the provider's side is declared.
    Unassessed,
}

impl ProviderVerdict {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderVerdict::Sustainable => "sustainable",
            ProviderVerdict::Unsustainable => "unsustainable",
            ProviderVerdict::Unassessed => "unassessed",
        }
    }
}

/// Why the provider's verdict is `unassessed` or `unsustainable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProviderReason {
    /// No cost to serve, running cost, upstream dependency, or provision item.
    NoProvisionCosts,
    /// The margin is below the target margin.
    BelowTargetMargin,
}

impl ProviderReason {
    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderReason::NoProvisionCosts => "no-provision-costs",
            ProviderReason::BelowTargetMargin => "below-target-margin",
        }
    }
}

/// An amount per year told by the four dimensions of service management (§8.8).
///
/// Its [`total`](ByDimension::total) is the sum of the four parts in the order of
/// [`Dimension::ALL`]; every total of a cost of provision is taken that way, so the parts
/// always add up to it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByDimension([Decimal; 4]);

impl ByDimension {
    /// The part of one dimension.
    pub fn get(&self, dimension: Dimension) -> Decimal {
        self.0[dimension as usize]
    }

    /// Each dimension with its part, in the order of [`Dimension::ALL`].
    pub fn parts(&self) -> impl Iterator<Item = (Dimension, Decimal)> + '_ {
        Dimension::ALL.into_iter().map(|d| (d, self.get(d)))
    }

    /// The sum of the four parts, in order.
    pub fn total(&self) -> Option<Decimal> {
        self.0
            .iter()
            .try_fold(Decimal::ZERO, |sum, &part| sum.checked_add(part))
    }

    /// Adds `amount` to the part of `dimension`.
    fn add(&mut self, dimension: Dimension, amount: Decimal) -> Option<()> {
        let part = &mut self.0[dimension as usize];
        *part = part.checked_add(amount)?;
        Some(())
    }

    /// Part by part.
    fn plus(mut self, other: &ByDimension) -> Option<ByDimension> {
        for (part, &more) in self.0.iter_mut().zip(&other.0) {
            *part = part.checked_add(more)?;
        }
        Some(self)
    }

    /// Each part through the same function.
    fn map(mut self, f: impl Fn(Decimal) -> Option<Decimal>) -> Option<ByDimension> {
        for part in &mut self.0 {
            *part = f(*part)?;
        }
        Some(self)
    }
}

/// The cost of providing one relationship, per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CostOfProvision {
    /// The offering's cost to serve and the relationship's own provision costs.
    pub direct: Decimal,
    /// The relationship's share of the pools of the offering's services.
    pub shared: Decimal,
    /// Direct plus shared: exactly the sum of `by_dimension`'s parts.
    pub total: Decimal,
    /// The total told by the dimensions of the cost lines it is made of (§8.8).
    pub by_dimension: ByDimension,
}

/// The provider's side of one relationship (§8.2), per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSide {
    /// The price the consumer pays: exactly the price part of the consumer's imposed costs.
    pub revenue: Decimal,
    /// Direct and shared cost of provision.
    pub cost_of_provision: CostOfProvision,
    /// Expected annual loss of the risks the provider takes on.
    pub risks: Decimal,
    /// Priced benefits to the provider besides revenue.
    pub benefits: Decimal,
    /// The names of the benefits without an amount, in order: listed, not counted.
    pub unpriced_benefits: Vec<String>,
    /// Revenue − cost of provision − risks + benefits.
    pub margin: Decimal,
    /// 100 × margin ÷ revenue; `None` without revenue.
    pub margin_pct: Option<Decimal>,
    /// The provider's target margin, percent of revenue.
    pub target_margin: Decimal,
    /// The verdict.
    pub verdict: ProviderVerdict,
    /// Why, when not sustainable.
    pub reasons: Vec<ProviderReason>,
}

/// Whether value is co-created: both sides' verdicts together (§8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CoCreation {
    /// Value for the consumer, sustainable for the provider.
    Mutual,
    /// Value for the consumer, unsustainable for the provider.
    ConsumerOnly,
    /// No value for the consumer, sustainable for the provider.
    ProviderOnly,
    /// Neither side gains.
    Neither,
    /// No value for the consumer, the provider's side not assessed: whatever the
    /// provider's figures, value is not co-created, and "unassessed" would hide a known
    /// failure.
    NotMutual,
    /// The consumer's side is not assessed, or the consumer gains and the provider's side
    /// is not assessed.
    Unassessed,
}

impl CoCreation {
    /// From the consumer's verdict and the provider's.
    pub fn of(consumer: Verdict, provider: ProviderVerdict) -> Self {
        match (consumer, provider) {
            (Verdict::Unassessed, _) | (Verdict::Value, ProviderVerdict::Unassessed) => {
                CoCreation::Unassessed
            }
            (Verdict::NoValue, ProviderVerdict::Unassessed) => CoCreation::NotMutual,
            (Verdict::Value, ProviderVerdict::Sustainable) => CoCreation::Mutual,
            (Verdict::Value, ProviderVerdict::Unsustainable) => CoCreation::ConsumerOnly,
            (Verdict::NoValue, ProviderVerdict::Sustainable) => CoCreation::ProviderOnly,
            (Verdict::NoValue, ProviderVerdict::Unsustainable) => CoCreation::Neither,
        }
    }

    /// The kebab-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            CoCreation::Mutual => "mutual",
            CoCreation::ConsumerOnly => "consumer-only",
            CoCreation::ProviderOnly => "provider-only",
            CoCreation::Neither => "neither",
            CoCreation::NotMutual => "not-mutual",
            CoCreation::Unassessed => "unassessed",
        }
    }
}

/// What a relationship means for one of its other stakeholders (§8.4), per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderValue {
    /// The party's id.
    pub party: String,
    /// In what capacity.
    pub role: StakeholderRole,
    /// Priced gains.
    pub gains: Decimal,
    /// Priced losses.
    pub losses: Decimal,
    /// The names of the effects without an amount, in order.
    pub unpriced: Vec<String>,
}

impl StakeholderValue {
    /// Gains − losses.
    pub fn net(&self) -> Decimal {
        self.gains - self.losses
    }
}

/// The value network as a flow of money, computed once per catalogue: every
/// relationship's revenue, every service's pool, users and their total quantity. A figure
/// too large to compute exactly is `None`, and only the relationships that need it fail.
#[derive(Debug, Clone)]
pub struct CostFlow {
    /// Revenue per relationship, by relationship index.
    revenue: Vec<Option<Decimal>>,
    /// The consumer's costs imposed per relationship (§5.4), by relationship index: for an
    /// upstream relationship, what its consumer pays into the pools built on it.
    imposed: Vec<Option<Decimal>>,
    /// Pool per service, by dimension, by service index.
    pool: Vec<Option<ByDimension>>,
    /// How many relationships' offerings include the service, by service index.
    users: Vec<usize>,
    /// Σ quantity over those relationships, by service index.
    quantity: Vec<Option<Decimal>>,
    /// The distinct services of each offering, in the order the offering lists them.
    services: Vec<Vec<usize>>,
}

impl CostFlow {
    /// Computes revenue, pools and users once, in time linear in the catalogue.
    pub fn new(catalogue: &Catalogue) -> Self {
        let revenue: Vec<Option<Decimal>> = catalogue
            .relationships
            .iter()
            .map(|r| revenue(catalogue, r))
            .collect();
        // imposed(u): everything the consumer of u pays for it (§5.4's costs imposed),
        // which for an upstream relationship is what the provider pays to build on it.
        let imposed: Vec<Option<Decimal>> = catalogue
            .relationships
            .iter()
            .map(|r| super::costs(catalogue, r).map(|c| c.imposed))
            .collect();
        let services: Vec<Vec<usize>> = catalogue
            .offerings
            .iter()
            .map(|o| distinct(o.services.iter().map(crate::model::Ref::index)))
            .collect();

        // k(u): how many services list relationship u in `depends_on`.
        let upstream: Vec<Vec<usize>> = catalogue
            .services
            .iter()
            .map(|s| distinct(s.depends_on.iter().map(crate::model::Ref::index)))
            .collect();
        let mut listed = vec![0u32; catalogue.relationships.len()];
        for list in &upstream {
            for &u in list {
                listed[u] += 1;
            }
        }

        // What each service's provider pays upstream for it: one amount, bought from a
        // partner or supplier.
        let paid_upstream = upstream.iter().map(|list| {
            let mut sum = Decimal::ZERO;
            for &u in list {
                sum = sum.checked_add(imposed[u]?.checked_div(Decimal::from(listed[u]))?)?;
            }
            Some(sum)
        });

        let horizon = catalogue.metadata.horizon_months;
        let pool = catalogue
            .services
            .iter()
            .zip(paid_upstream)
            .map(|(service, paid_upstream)| {
                let mut pool = lines(&service.running_costs, Decimal::ONE, horizon)?;
                pool.add(Dimension::PartnersAndSuppliers, paid_upstream?)?;
                Some(pool)
            })
            .collect();

        let mut users = vec![0usize; catalogue.services.len()];
        let mut quantity = vec![Some(Decimal::ZERO); catalogue.services.len()];
        for relationship in &catalogue.relationships {
            for &s in &services[relationship.offering.index()] {
                users[s] += 1;
                quantity[s] = quantity[s].and_then(|q| q.checked_add(relationship.quantity));
            }
        }
        CostFlow {
            revenue,
            imposed,
            pool,
            users,
            quantity,
            services,
        }
    }

    /// The revenue of a relationship, per year.
    pub fn revenue(&self, relationship: usize) -> Option<Decimal> {
        self.revenue[relationship]
    }

    /// What the consumer of a relationship pays for it, per year: its costs imposed, which
    /// flow into the pools of the services that depend on it.
    pub fn imposed(&self, relationship: usize) -> Option<Decimal> {
        self.imposed[relationship]
    }

    /// The pool of a service, per year: its running costs and its share of what its
    /// provider pays upstream.
    pub fn pool(&self, service: usize) -> Option<Decimal> {
        self.pool[service]?.total()
    }

    /// The pool of a service told by dimension: each running cost by its own, what is
    /// paid upstream as `partners-and-suppliers`.
    pub fn pool_by_dimension(&self, service: usize) -> Option<ByDimension> {
        self.pool[service]
    }

    /// How many relationships consume a service.
    pub fn users(&self, service: usize) -> usize {
        self.users[service]
    }

    /// The pool of a service nobody consumes: a cost its provider does not recover.
    pub fn unrecovered(&self, service: usize) -> Option<Decimal> {
        if self.users[service] == 0 {
            self.pool(service)
        } else {
            Some(Decimal::ZERO)
        }
    }

    /// The distinct services of an offering.
    pub fn services(&self, offering: usize) -> &[usize] {
        &self.services[offering]
    }

    /// A consuming relationship's share of a service's pool: by quantity, or equally when
    /// the quantities sum to 0. Multiplies before dividing. Exactly the sum of
    /// [`CostFlow::share_by_dimension`]'s parts.
    pub fn share(&self, service: usize, quantity: Decimal) -> Option<Decimal> {
        self.share_by_dimension(service, quantity)?.total()
    }

    /// A consuming relationship's share of a service's pool, dimension by dimension: each
    /// dimension's pool shared as the whole is, `pool × q ÷ Σ q` (or `pool ÷ users` when
    /// the quantities sum to 0).
    pub fn share_by_dimension(&self, service: usize, quantity: Decimal) -> Option<ByDimension> {
        let pool = self.pool[service]?;
        let total = self.quantity[service]?;
        if self.users[service] == 0 {
            return Some(ByDimension::default());
        }
        if total.is_zero() {
            let users = Decimal::from(self.users[service]);
            return pool.map(|part| part.checked_div(users));
        }
        // A product too large for the decimal type falls back to dividing first, which
        // still keeps 28 significant digits.
        pool.map(|part| {
            part.checked_mul(quantity)
                .and_then(|p| p.checked_div(total))
                .or_else(|| part.checked_div(total)?.checked_mul(quantity))
        })
    }

    /// The provider's side of one relationship (§8.2).
    pub fn provider_side(
        &self,
        catalogue: &Catalogue,
        index: usize,
    ) -> Result<ProviderSide, Overflow> {
        let relationship = &catalogue.relationships[index];
        let offering = &catalogue.offerings[relationship.offering.index()];
        let horizon = catalogue.metadata.horizon_months;
        let q = relationship.quantity;
        let too_large = || overflow(relationship);

        let revenue = self.revenue[index].ok_or_else(too_large)?;
        let direct = lines(&offering.cost_to_serve, q, horizon)
            .and_then(|d| d.plus(&lines(&relationship.provision.costs, q, horizon)?))
            .ok_or_else(too_large)?;
        let services = self.services(relationship.offering.index());
        let mut shared = ByDimension::default();
        for &s in services {
            shared = self
                .share_by_dimension(s, q)
                .and_then(|a| shared.plus(&a))
                .ok_or_else(too_large)?;
        }
        let by_dimension = direct.plus(&shared).ok_or_else(too_large)?;
        let risks = expected_loss(&relationship.provision.risks).ok_or_else(too_large)?;
        let benefits = relationship
            .provision
            .benefits
            .iter()
            .filter_map(|b| b.priced)
            .try_fold(Decimal::ZERO, |sum, p| {
                sum.checked_add(per_year(p, horizon)?)
            })
            .ok_or_else(too_large)?;
        let sum = |parts: ByDimension| parts.total().ok_or_else(too_large);
        let cost_of_provision = CostOfProvision {
            direct: sum(direct)?,
            shared: sum(shared)?,
            total: sum(by_dimension)?,
            by_dimension,
        };
        let total = cost_of_provision.total;
        let margin = revenue
            .checked_sub(total)
            .and_then(|m| m.checked_sub(risks))
            .and_then(|m| m.checked_add(benefits))
            .ok_or_else(too_large)?;
        let target_margin = target_margin(catalogue, relationship.provider.index());

        let declared = !offering.cost_to_serve.is_empty()
            || services.iter().any(|&s| {
                let service = &catalogue.services[s];
                !service.running_costs.is_empty() || !service.depends_on.is_empty()
            })
            || relationship.provision.declares_any();
        let (verdict, reasons) = if !declared {
            (
                ProviderVerdict::Unassessed,
                vec![ProviderReason::NoProvisionCosts],
            )
        } else if reaches(margin, target_margin, revenue).ok_or_else(too_large)? {
            (ProviderVerdict::Sustainable, Vec::new())
        } else {
            (
                ProviderVerdict::Unsustainable,
                vec![ProviderReason::BelowTargetMargin],
            )
        };
        Ok(ProviderSide {
            revenue,
            cost_of_provision,
            risks,
            benefits,
            unpriced_benefits: relationship
                .provision
                .benefits
                .iter()
                .filter(|b| b.priced.is_none())
                .map(|b| b.name.clone())
                .collect(),
            margin,
            margin_pct: margin_pct(margin, revenue),
            target_margin,
            verdict,
            reasons,
        })
    }
}

/// The stakeholders' own view of a relationship (§8.4), in order.
pub fn stakeholders(
    catalogue: &Catalogue,
    relationship: &Relationship,
) -> Result<Vec<StakeholderValue>, Overflow> {
    let horizon = catalogue.metadata.horizon_months;
    relationship
        .stakeholders
        .iter()
        .map(|stakeholder| {
            let mut value = StakeholderValue {
                party: stakeholder.party.id.to_string(),
                role: stakeholder.role,
                gains: Decimal::ZERO,
                losses: Decimal::ZERO,
                unpriced: Vec::new(),
            };
            for effect in &stakeholder.effects {
                let Some(priced) = effect.priced else {
                    value.unpriced.push(effect.name.clone());
                    continue;
                };
                let sum = match effect.direction {
                    crate::model::EffectDirection::Gain => &mut value.gains,
                    crate::model::EffectDirection::Loss => &mut value.losses,
                };
                *sum = per_year(priced, horizon)
                    .and_then(|a| sum.checked_add(a))
                    .ok_or_else(|| overflow(relationship))?;
            }
            Ok(value)
        })
        .collect()
}

/// The provider's target margin: its own, else the catalogue's threshold (default 0).
pub fn target_margin(catalogue: &Catalogue, organization: usize) -> Decimal {
    catalogue.organizations[organization]
        .target_margin
        .as_ref()
        .map_or(catalogue.metadata.margin_threshold, |t| t.value)
}

/// `margin × 100 ≥ target × revenue`, compared unrounded without dividing.
fn reaches(margin: Decimal, target: Decimal, revenue: Decimal) -> Option<bool> {
    Some(margin.checked_mul(Decimal::ONE_HUNDRED)? >= target.checked_mul(revenue)?)
}

/// 100 × margin ÷ revenue, multiplying first; `None` without revenue.
fn margin_pct(margin: Decimal, revenue: Decimal) -> Option<Decimal> {
    if revenue.is_zero() {
        return None;
    }
    margin
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|m| m.checked_div(revenue))
        .or_else(|| {
            margin
                .checked_div(revenue)?
                .checked_mul(Decimal::ONE_HUNDRED)
        })
}

/// Exactly the price part of the consumer's imposed costs (§5.4): the offering's price
/// lines and the relationship's imposed costs of category `price` or `allocation`.
fn revenue(catalogue: &Catalogue, relationship: &Relationship) -> Option<Decimal> {
    let horizon = catalogue.metadata.horizon_months;
    let mut sum = super::price_list(catalogue, relationship)?;
    for cost in &relationship.costs.imposed {
        if matches!(
            cost.category,
            CostCategory::Price | CostCategory::Allocation
        ) {
            sum = sum.checked_add(annualise(cost.amount, cost.per, horizon)?)?;
        }
    }
    Some(sum)
}

/// Cost lines annualised and summed by dimension, each multiplied by `quantity` where it
/// has a `unit` (only costs to serve do).
fn lines(costs: &[ProvisionCost], quantity: Decimal, horizon: u32) -> Option<ByDimension> {
    let mut sum = ByDimension::default();
    for cost in costs {
        let amount = if cost.unit.is_some() {
            cost.amount.checked_mul(quantity)?
        } else {
            cost.amount
        };
        sum.add(cost.dimension, annualise(amount, cost.per, horizon)?)?;
    }
    Some(sum)
}

fn per_year(priced: Priced, horizon: u32) -> Option<Decimal> {
    annualise(priced.amount, priced.per, horizon)
}

fn overflow(relationship: &Relationship) -> Overflow {
    Overflow::relationship(&relationship.common.id.value)
}

/// Indices without repeats, in first-seen order.
fn distinct(indices: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in indices {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// One provider's relationships taken together (§8.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portfolio {
    /// The provider's organisation index.
    pub organization: usize,
    /// Σ revenue over its assessed relationships.
    pub revenue: Decimal,
    /// Σ cost of provision over them: exactly the sum of `cost_by_dimension`'s parts.
    pub cost_of_provision: Decimal,
    /// Σ cost of provision over them, by dimension (§8.8).
    pub cost_by_dimension: ByDimension,
    /// Σ provider risks over them.
    pub risks: Decimal,
    /// Σ priced benefits over them.
    pub benefits: Decimal,
    /// Σ pools of the services it provides that no relationship consumes.
    pub unrecovered: Decimal,
    /// Σ margins − unrecovered.
    pub margin: Decimal,
    /// 100 × margin ÷ revenue; `None` without revenue.
    pub margin_pct: Option<Decimal>,
    /// Its target margin.
    pub target_margin: Decimal,
    /// `margin × 100 ≥ target × revenue`; `None` when none of its relationships has an
    /// assessed provider side.
    pub sustainable: Option<bool>,
    /// Its relationships that are sustainable.
    pub sustainable_count: usize,
    /// Its relationships that are unsustainable.
    pub unsustainable_count: usize,
    /// Its relationships whose provider side is not assessed.
    pub unassessed_count: usize,
}

/// The portfolio of every organisation that provides one of the relationships given, in
/// the order of its first relationship.
pub fn portfolio(
    catalogue: &Catalogue,
    flow: &CostFlow,
    sides: &[(usize, &ProviderSide)],
) -> Result<Vec<Portfolio>, Overflow> {
    let mut entries: Vec<Portfolio> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; catalogue.organizations.len()];
    for &(index, side) in sides {
        let relationship = &catalogue.relationships[index];
        let provider = relationship.provider.index();
        let at = if let Some(at) = slot[provider] {
            at
        } else {
            slot[provider] = Some(entries.len());
            entries.push(Portfolio {
                organization: provider,
                revenue: Decimal::ZERO,
                cost_of_provision: Decimal::ZERO,
                cost_by_dimension: ByDimension::default(),
                risks: Decimal::ZERO,
                benefits: Decimal::ZERO,
                unrecovered: Decimal::ZERO,
                margin: Decimal::ZERO,
                margin_pct: None,
                target_margin: target_margin(catalogue, provider),
                sustainable: None,
                sustainable_count: 0,
                unsustainable_count: 0,
                unassessed_count: 0,
            });
            entries.len() - 1
        };
        let entry = &mut entries[at];
        match side.verdict {
            ProviderVerdict::Sustainable => entry.sustainable_count += 1,
            ProviderVerdict::Unsustainable => entry.unsustainable_count += 1,
            ProviderVerdict::Unassessed => {
                entry.unassessed_count += 1;
                continue;
            }
        }
        let add = |sum: Decimal, value: Decimal| sum.checked_add(value);
        let sums = (|| {
            let cost_by_dimension = entry
                .cost_by_dimension
                .plus(&side.cost_of_provision.by_dimension)?;
            Some((
                add(entry.revenue, side.revenue)?,
                cost_by_dimension.total()?,
                cost_by_dimension,
                add(entry.risks, side.risks)?,
                add(entry.benefits, side.benefits)?,
                add(entry.margin, side.margin)?,
            ))
        })()
        .ok_or_else(|| overflow(relationship))?;
        (
            entry.revenue,
            entry.cost_of_provision,
            entry.cost_by_dimension,
            entry.risks,
            entry.benefits,
            entry.margin,
        ) = sums;
    }
    for (s, service) in catalogue.services.iter().enumerate() {
        if let Some(at) = slot[service.provider.index()] {
            let entry = &mut entries[at];
            entry.unrecovered = flow
                .unrecovered(s)
                .and_then(|u| entry.unrecovered.checked_add(u))
                .ok_or_else(|| Overflow {
                    what: format!("service `{}`", service.common.id.value),
                })?;
        }
    }
    for entry in &mut entries {
        let too_large = || Overflow {
            what: format!(
                "the portfolio of `{}`",
                catalogue.organizations[entry.organization].common.id.value
            ),
        };
        entry.margin = entry
            .margin
            .checked_sub(entry.unrecovered)
            .ok_or_else(too_large)?;
        entry.margin_pct = margin_pct(entry.margin, entry.revenue);
        let assessed = entry.sustainable_count + entry.unsustainable_count > 0;
        entry.sustainable = if assessed {
            Some(reaches(entry.margin, entry.target_margin, entry.revenue).ok_or_else(too_large)?)
        } else {
            None
        };
    }
    Ok(entries)
}
