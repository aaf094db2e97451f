//! What a provider offers: outcomes, products and their resources, services and their
//! outputs, the warranty that assures them, and offerings with their goods, access,
//! actions and price list.
//!
//! The four dimensions ([`Dimension`]) and how often an amount falls due ([`Per`]) live
//! here, beside the products and price lines that introduce them; a relationship's costs
//! use them too.

use rust_decimal::Decimal;

use super::{
    Common, GroupRef, OrganizationRef, OutcomeRef, ProductRef, ProvisionCost, Ref, RelationshipRef,
    ServiceRef, Spanned,
};
use crate::source::Span;

/// Whether an outcome supports the consumer's performance or removes a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// Supports the consumer's performance.
    Performance,
    /// Removes a constraint.
    Constraint,
}

/// A result for a stakeholder, enabled by one or more outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// Performance or constraint.
    pub kind: OutcomeKind,
}

/// The four dimensions of service management a product's resources come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Organisations and people.
    OrganizationsAndPeople,
    /// Information and technology.
    InformationAndTechnology,
    /// Partners and suppliers.
    PartnersAndSuppliers,
    /// Value streams and processes.
    ValueStreamsAndProcesses,
}

impl Dimension {
    /// The four, in the order every format lists them.
    pub const ALL: [Dimension; 4] = [
        Dimension::OrganizationsAndPeople,
        Dimension::InformationAndTechnology,
        Dimension::PartnersAndSuppliers,
        Dimension::ValueStreamsAndProcesses,
    ];

    /// The word used in the format and in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::OrganizationsAndPeople => "organizations-and-people",
            Dimension::InformationAndTechnology => "information-and-technology",
            Dimension::PartnersAndSuppliers => "partners-and-suppliers",
            Dimension::ValueStreamsAndProcesses => "value-streams-and-processes",
        }
    }

    /// Its name for people, as a heading.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::OrganizationsAndPeople => "Organizations and people",
            Dimension::InformationAndTechnology => "Information and technology",
            Dimension::PartnersAndSuppliers => "Partners and suppliers",
            Dimension::ValueStreamsAndProcesses => "Value streams and processes",
        }
    }
}

/// One resource in a product's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// What it is.
    pub name: String,
    /// The dimension it belongs to.
    pub dimension: Dimension,
    /// Whether the consumer sees it.
    pub visible: bool,
    /// The item's mapping.
    pub span: Span,
}

/// A configuration of the provider's resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation that owns it.
    pub provider: Ref<OrganizationRef>,
    /// Target groups.
    pub targets: Vec<Ref<GroupRef>>,
    /// Its resources.
    pub resources: Vec<Resource>,
}

/// A deliverable of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What is delivered.
    pub name: String,
    /// The outcomes it enables.
    pub enables: Vec<Ref<OutcomeRef>>,
    /// The item's mapping.
    pub span: Span,
}

/// Which way a service level is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// At most the bound (lower is better).
    Max,
    /// At least the bound (higher is better).
    Min,
}

/// A capacity metric, higher is better.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    /// The metric's name.
    pub metric: Spanned<String>,
    /// The amount.
    pub value: Decimal,
}

/// A service level: one metric with one bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLevel {
    /// The metric's name.
    pub metric: Spanned<String>,
    /// `max` or `min`.
    pub direction: Direction,
    /// The bound.
    pub bound: Decimal,
}

/// Recovery objectives; lower is better.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Continuity {
    /// Recovery time objective, hours.
    pub rto_hours: Option<Spanned<Decimal>>,
    /// Recovery point objective, hours.
    pub rpo_hours: Option<Spanned<Decimal>>,
}

/// What a service or offering assures (fit for use), or what a relationship requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warranty {
    /// Availability, percent.
    pub availability: Option<Spanned<Decimal>>,
    /// Capacity metrics.
    pub capacity: Vec<Capacity>,
    /// Service levels.
    pub service_levels: Vec<ServiceLevel>,
    /// Recovery objectives.
    pub continuity: Continuity,
    /// Named security controls.
    pub security: Vec<Spanned<String>>,
    /// The block's mapping.
    pub span: Span,
}

impl Warranty {
    /// Whether the block declares at least one aspect (an empty block counts as absent).
    pub fn declares_any(&self) -> bool {
        self.availability.is_some()
            || !self.capacity.is_empty()
            || !self.service_levels.is_empty()
            || self.continuity.rto_hours.is_some()
            || self.continuity.rpo_hours.is_some()
            || !self.security.is_empty()
    }
}

/// How often an amount falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Once, spread over the catalogue's horizon.
    Once,
    /// Every month.
    Month,
    /// Every quarter.
    Quarter,
    /// Every year.
    Year,
}

/// Who owns an item after it is provided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Ownership passes to the consumer.
    Transferred,
    /// Ownership stays with the provider.
    Retained,
}

/// Goods: supplied to the consumer, who becomes responsible for their future use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goods {
    /// What is supplied.
    pub name: Spanned<String>,
    /// Default `transferred`.
    pub ownership: Spanned<Ownership>,
    /// The item's mapping.
    pub span: Span,
}

/// Access to resources: granted for an agreed consumption period; ownership stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// What is made accessible.
    pub name: Spanned<String>,
    /// The agreed consumption period.
    pub period: Option<Spanned<String>>,
    /// Default `retained`.
    pub ownership: Spanned<Ownership>,
    /// The item's mapping.
    pub span: Span,
}

/// A service action: performed by the provider under an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// What is performed.
    pub name: Spanned<String>,
    /// The agreement it is performed under.
    pub agreement: Option<Spanned<String>>,
    /// The item's mapping.
    pub span: Span,
}

/// One line of an offering's price list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceLine {
    /// A label.
    pub name: Option<String>,
    /// The amount, in the catalogue currency.
    pub amount: Decimal,
    /// How often it falls due.
    pub per: Per,
    /// When set, the line is charged per unit of the relationship's `quantity`.
    pub unit: Option<String>,
    /// The item's mapping.
    pub span: Span,
}

/// Enables value co-creation by facilitating outcomes, built on products.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation that provides it.
    pub provider: Ref<OrganizationRef>,
    /// The products it is built on.
    pub products: Vec<Ref<ProductRef>>,
    /// Its outputs.
    pub outputs: Vec<Output>,
    /// What it assures.
    pub warranty: Option<Warranty>,
    /// Relationships in which this service's provider is the consumer.
    pub depends_on: Vec<Ref<RelationshipRef>>,
    /// What it costs the provider to run the service, shared by every relationship that
    /// consumes it.
    pub running_costs: Vec<ProvisionCost>,
}

/// A formal description of one or more services for target consumer groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offering {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation that offers it.
    pub provider: Ref<OrganizationRef>,
    /// The services described.
    pub services: Vec<Ref<ServiceRef>>,
    /// The target consumer groups.
    pub targets: Vec<Ref<GroupRef>>,
    /// Goods supplied.
    pub goods: Vec<Goods>,
    /// Access to resources granted.
    pub access: Vec<Access>,
    /// Service actions performed.
    pub actions: Vec<Action>,
    /// The offering's own warranty, replacing its services' when it declares anything.
    pub warranty: Option<Warranty>,
    /// The price list.
    pub price: Vec<PriceLine>,
    /// The provider's direct cost of each relationship on this offering.
    pub cost_to_serve: Vec<ProvisionCost>,
}
