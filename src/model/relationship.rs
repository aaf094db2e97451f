//! The service relationship: a provider and a consumer cooperating around an offering.
//!
//! A relationship holds the consumer's side (roles, other stakeholders and the effects on
//! them, required outcomes and warranty, costs and risks removed or imposed) and the
//! provider's own side ([`Provision`]: its costs, risks and benefits). The assessment
//! weighs the two.

use rust_decimal::Decimal;

use super::{
    Common, Dimension, OfferingRef, OrganizationRef, OutcomeRef, PartyRef, Per, Ref, RoleHolderRef,
    Warranty,
};
use crate::source::Span;

/// Customers, users and sponsors of a relationship.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    /// Define the requirements and own the outcomes.
    pub customer: Vec<Ref<RoleHolderRef>>,
    /// Use the service.
    pub user: Vec<Ref<RoleHolderRef>>,
    /// Authorise the budget.
    pub sponsor: Vec<Ref<RoleHolderRef>>,
}

/// The interest another stakeholder has in a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StakeholderRole {
    /// The provider's employees.
    Employee,
    /// Partners.
    Partner,
    /// Suppliers.
    Supplier,
    /// Investors and shareholders.
    Investor,
    /// Regulators.
    Regulator,
    /// Society and community.
    Community,
    /// Charities.
    Charity,
    /// Anyone else.
    Other,
}

/// A stakeholder other than the customer, user and sponsor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    /// Who.
    pub party: Ref<PartyRef>,
    /// In what capacity.
    pub role: StakeholderRole,
    /// What they care about.
    pub interest: Option<String>,
    /// What the relationship means for them.
    pub effects: Vec<Effect>,
}

/// How much a required outcome matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// Without it the service is not fit for purpose.
    Must,
    /// Expected.
    Should,
    /// Welcome.
    Could,
}

/// An outcome the customer requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredOutcome {
    /// The outcome.
    pub outcome: Ref<OutcomeRef>,
    /// Default `should`.
    pub priority: Priority,
    /// Default 1, greater than 0.
    pub weight: Decimal,
}

/// What the customer defined and agreed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirements {
    /// Required outcomes (utility).
    pub outcomes: Vec<RequiredOutcome>,
    /// The minimum acceptable warranty.
    pub warranty: Option<Warranty>,
}

/// What a cost is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostCategory {
    /// Staff (removed costs).
    Staff,
    /// Technology (removed costs).
    Technology,
    /// Other resources (removed costs).
    Resources,
    /// A charge outside the offering's price list (imposed costs).
    Price,
    /// An internal provider's charge to an internal consumer, chargeback or showback
    /// (imposed costs): one figure, a cost to the consumer and revenue to the provider.
    Allocation,
    /// Network use (imposed costs).
    Network,
    /// Procurement (imposed costs).
    Procurement,
    /// Training (imposed costs).
    Training,
    /// Anything else.
    Other,
}

/// A cost removed from or imposed on the consumer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    /// What it is.
    pub name: String,
    /// Its category.
    pub category: CostCategory,
    /// The amount, in the catalogue currency.
    pub amount: Decimal,
    /// How often it falls due.
    pub per: Per,
    /// The item's mapping.
    pub span: Span,
}

/// A risk removed from or imposed on the consumer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    /// What could happen.
    pub name: String,
    /// Probability per year, 0 to 1.
    pub likelihood: Decimal,
    /// Loss in the catalogue currency.
    pub impact: Decimal,
    /// The item's mapping.
    pub span: Span,
}

/// Costs or risks, split by whether the relationship removes or imposes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance<T> {
    /// Taken off the consumer.
    pub removed: Vec<T>,
    /// Put on the consumer.
    pub imposed: Vec<T>,
}

impl<T> Default for Balance<T> {
    fn default() -> Self {
        Balance {
            removed: Vec::new(),
            imposed: Vec::new(),
        }
    }
}

/// The cooperation of a provider and a consumer around an offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// Id, description, lint settings (relationships have no name).
    pub common: Common,
    /// The service provider.
    pub provider: Ref<OrganizationRef>,
    /// The service consumer.
    pub consumer: Ref<OrganizationRef>,
    /// The offering consumed.
    pub offering: Ref<OfferingRef>,
    /// Units consumed, default 1; multiplies price lines that have a `unit`.
    pub quantity: Decimal,
    /// Customers, users and sponsors.
    pub roles: Roles,
    /// Other stakeholders.
    pub stakeholders: Vec<Stakeholder>,
    /// What the customer requires.
    pub requirements: Requirements,
    /// Costs removed and imposed.
    pub costs: Balance<Cost>,
    /// Risks removed and imposed.
    pub risks: Balance<Risk>,
    /// The provider's side of this relationship alone.
    pub provision: Provision,
    /// What the sponsor authorised for it.
    pub budget: Option<super::Budget>,
    /// The joint activities of provider and consumer: who manages it, how often they
    /// review it together.
    pub management: Option<super::Management>,
}

/// A cost the provider bears: a service's running cost, an offering's cost to serve, or a
/// relationship's own provision cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionCost {
    /// What it is.
    pub name: String,
    /// The dimension of service management the cost is spent on.
    pub dimension: Dimension,
    /// The amount, in the catalogue currency.
    pub amount: Decimal,
    /// How often it falls due.
    pub per: Per,
    /// When set (costs to serve only), the cost is per unit of the relationship's
    /// `quantity`.
    pub unit: Option<String>,
    /// The item's mapping.
    pub span: Span,
}

/// What a benefit to the provider, besides revenue, consists of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenefitKind {
    /// Budget or grant funding.
    Funding,
    /// New business it leads to.
    BusinessDevelopment,
    /// Reputation.
    Image,
    /// What the provider learns.
    Knowledge,
    /// Anything else.
    Other,
}

impl BenefitKind {
    /// The word used in the format.
    pub fn as_str(self) -> &'static str {
        match self {
            BenefitKind::Funding => "funding",
            BenefitKind::BusinessDevelopment => "business-development",
            BenefitKind::Image => "image",
            BenefitKind::Knowledge => "knowledge",
            BenefitKind::Other => "other",
        }
    }
}

/// An amount with how often it falls due, on items where both are optional together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priced {
    /// The amount, in the catalogue currency.
    pub amount: Decimal,
    /// How often it falls due.
    pub per: Per,
}

/// Value to the provider besides revenue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    /// What it is.
    pub name: String,
    /// Its kind.
    pub kind: BenefitKind,
    /// Its worth, when priced; an unpriced benefit is listed, not counted.
    pub priced: Option<Priced>,
    /// The item's mapping.
    pub span: Span,
}

/// The provider's side of one relationship: its own costs, risks and benefits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provision {
    /// Costs of this relationship alone.
    pub costs: Vec<ProvisionCost>,
    /// Risks the provider takes on.
    pub risks: Vec<Risk>,
    /// Value to the provider besides revenue.
    pub benefits: Vec<Benefit>,
}

impl Provision {
    /// Whether anything is declared.
    pub fn declares_any(&self) -> bool {
        !(self.costs.is_empty() && self.risks.is_empty() && self.benefits.is_empty())
    }
}

/// Whether an effect on a stakeholder is good or bad for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectDirection {
    /// Good for the stakeholder.
    Gain,
    /// Bad for the stakeholder.
    Loss,
}

impl EffectDirection {
    /// The word used in the format.
    pub fn as_str(self) -> &'static str {
        match self {
            EffectDirection::Gain => "gain",
            EffectDirection::Loss => "loss",
        }
    }
}

/// What a relationship means for one of its other stakeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    /// What it is.
    pub name: String,
    /// Gain or loss; default gain.
    pub direction: EffectDirection,
    /// Its worth, when priced; an unpriced effect is listed by name.
    pub priced: Option<Priced>,
    /// The item's mapping.
    pub span: Span,
}
