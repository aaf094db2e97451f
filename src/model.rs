//! The resolved catalogue: organisations, people, groups, outcomes, products, services,
//! offerings and relationships as typed Rust, with exact decimals for every amount.
//!
//! The loader ([`crate::load`]) builds these types from YAML and then resolves every
//! reference; lint rules and the assessment only ever see a [`Catalogue`] whose references
//! all point at an entity of the right kind. Every key or value a finding may point at
//! keeps its [`Span`].
//!
//! Two lists of the format live here once: [`Section`], the top-level sections with the
//! kind each lists, and [`refs`], the walk over every key that names another entity.

use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;

use crate::source::Span;

pub mod refs;
mod section;

pub use section::Section;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its place.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// The kinds of entity that have an `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An organisation.
    Organization,
    /// A person.
    Person,
    /// A consumer group, user population or team.
    Group,
    /// An outcome.
    Outcome,
    /// A product.
    Product,
    /// A service.
    Service,
    /// A service offering.
    Offering,
    /// A service relationship.
    Relationship,
    /// A custom lint rule of the `rules:` section.
    Rule,
}

impl Kind {
    /// The kinds of entity that rules check (every kind but `rules` themselves), in the
    /// order of the format's sections.
    pub const CHECKED: [Kind; 8] = [
        Kind::Organization,
        Kind::Person,
        Kind::Group,
        Kind::Outcome,
        Kind::Product,
        Kind::Service,
        Kind::Offering,
        Kind::Relationship,
    ];

    /// The singular noun used in messages.
    pub fn noun(self) -> &'static str {
        Section::of(self).noun
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// What a reference may name: one kind, or a choice of kinds (a role holder is a person or
/// a group).
pub trait Target {
    /// The kinds accepted.
    const KINDS: &'static [Kind];
}

macro_rules! targets {
    ($($(#[$doc:meta])* $name:ident => [$($kind:ident),+];)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl Target for $name {
            const KINDS: &'static [Kind] = &[$(Kind::$kind),+];
        }
    )*};
}

targets! {
    /// A reference to an organisation.
    OrganizationRef => [Organization];
    /// A reference to a person.
    PersonRef => [Person];
    /// A reference to a group.
    GroupRef => [Group];
    /// A reference to an outcome.
    OutcomeRef => [Outcome];
    /// A reference to a product.
    ProductRef => [Product];
    /// A reference to a service.
    ServiceRef => [Service];
    /// A reference to an offering.
    OfferingRef => [Offering];
    /// A reference to a relationship.
    RelationshipRef => [Relationship];
    /// A customer, user or sponsor: a person or a group.
    RoleHolderRef => [Person, Group];
    /// A stakeholder: an organisation, a person or a group.
    PartyRef => [Organization, Person, Group];
}

/// A reference by id to another entity. The loader fills in the target once every id is
/// known; in a resolved [`Catalogue`] it always names an entity of an accepted kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref<T: Target> {
    /// The id as written.
    pub id: Box<str>,
    /// Where it was written.
    pub span: Span,
    /// The kind and index named; an index fits in 32 bits, as every file does (a
    /// catalogue holds hundreds of thousands of references, and each byte of one counts).
    target: Option<(Kind, u32)>,
    accepts: PhantomData<T>,
}

impl<T: Target> Ref<T> {
    /// An unresolved reference.
    pub fn new(id: String, span: Span) -> Self {
        Ref {
            id: id.into_boxed_str(),
            span,
            target: None,
            accepts: PhantomData,
        }
    }

    /// The kind and index of the entity named.
    ///
    /// # Panics
    /// On an unresolved reference: the loader never hands one out.
    pub fn target(&self) -> (Kind, usize) {
        let (kind, index) = self.target.expect("references are resolved before use");
        (kind, index as usize)
    }

    /// The index of the entity named, in the list of its kind.
    pub fn index(&self) -> usize {
        self.target().1
    }

    /// The index of the entity named, or `None` while the reference is unresolved (only
    /// the loader ever sees one).
    pub(crate) fn try_index(&self) -> Option<usize> {
        self.target.map(|(_, index)| index as usize)
    }
}

/// An entity's identifier, with its place.
pub type Id = Spanned<String>;

/// Rules silenced for one entity (`lint: { allow: [...] }`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityLint {
    /// Codes allowed for this entity alone.
    pub allow: Vec<Spanned<String>>,
}

/// What every entity carries besides its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// The unique identifier.
    pub id: Id,
    /// The display name, where the kind has one.
    pub name: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Per-entity lint settings.
    pub lint: EntityLint,
    /// The entity's whole mapping.
    pub span: Span,
}

/// A person or group with its own functions, responsibilities and relationships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation this one is part of.
    pub parent: Option<Ref<OrganizationRef>>,
    /// The minimum margin, percent of revenue, this organisation expects as a provider;
    /// overrides `thresholds.margin`.
    pub target_margin: Option<Spanned<Decimal>>,
}

/// A person, who may hold customer, user and sponsor roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation the person belongs to.
    pub organization: Ref<OrganizationRef>,
    /// Job title.
    pub title: Option<String>,
}

/// A consumer group, a user population or a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation, unless the group is a market segment spanning several.
    pub organization: Option<Ref<OrganizationRef>>,
    /// How many people the group holds.
    pub size: Option<u64>,
    /// Named members.
    pub members: Vec<Ref<PersonRef>>,
}

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

/// Catalogue-wide severity overrides (`catalogue.lint`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintSettings {
    /// Codes silenced.
    pub allow: Vec<Spanned<String>>,
    /// Codes lowered or raised to warnings.
    pub warn: Vec<Spanned<String>>,
    /// Codes raised to errors.
    pub deny: Vec<Spanned<String>>,
}

/// The default `horizon_months`.
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;

/// The default minimum utility score for fit for purpose.
pub const DEFAULT_UTILITY_THRESHOLD: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// The catalogue's metadata block, with every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The catalogue's name.
    pub name: String,
    /// ISO 4217 code of every amount.
    pub currency: Option<String>,
    /// Months over which one-off amounts are spread.
    pub horizon_months: u32,
    /// Minimum utility score for fit for purpose.
    pub utility_threshold: Decimal,
    /// The provider's minimum margin, percent of revenue, unless an organisation sets its
    /// own `target_margin`.
    pub margin_threshold: Decimal,
    /// Severity overrides.
    pub lint: LintSettings,
}

/// A whole catalogue: every file merged, every reference resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// Name, currency, horizon, thresholds, lint settings.
    pub metadata: Metadata,
    /// Organisations.
    pub organizations: Vec<Organization>,
    /// People.
    pub people: Vec<Person>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Outcomes.
    pub outcomes: Vec<Outcome>,
    /// Products.
    pub products: Vec<Product>,
    /// Services.
    pub services: Vec<Service>,
    /// Offerings.
    pub offerings: Vec<Offering>,
    /// Relationships, in catalogue order.
    pub relationships: Vec<Relationship>,
    /// The catalogue's own lint rules, in catalogue order.
    pub rules: Vec<CustomRule>,
}

/// One CEL expression of a custom rule, compiled once when the file is read.
#[derive(Debug, Clone)]
pub struct Expression {
    /// The expression as written.
    pub text: String,
    /// The scalar it was written in.
    pub span: Span,
    /// The compiled program.
    pub program: std::sync::Arc<cel::Program>,
}

impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.span == other.span
    }
}

impl Eq for Expression {}

/// A rule of the catalogue's `rules:` section: an organisation's own policy, checked on
/// every entity of one kind (docs/custom-rules.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRule {
    /// Id, the rule's kebab-case `name` as its name, description.
    pub common: Common,
    /// `ACME001`.
    pub code: Spanned<String>,
    /// The default severity.
    pub severity: crate::diagnostic::Severity,
    /// The kind of entity checked.
    pub on: Kind,
    /// Which entities the rule applies to; all when absent.
    pub when: Option<Expression>,
    /// What must hold; a finding when it is false.
    pub assert: Expression,
    /// The finding's message, with `{self.KEY}` placeholders.
    pub message: String,
    /// The finding's help line.
    pub help: Option<String>,
}

impl Catalogue {
    /// The id of an entity of a kind at an index.
    pub fn id(&self, kind: Kind, index: usize) -> &str {
        &self.common(kind, index).id.value
    }

    /// How many entities of a kind the catalogue holds.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Organization => self.organizations.len(),
            Kind::Person => self.people.len(),
            Kind::Group => self.groups.len(),
            Kind::Outcome => self.outcomes.len(),
            Kind::Product => self.products.len(),
            Kind::Service => self.services.len(),
            Kind::Offering => self.offerings.len(),
            Kind::Relationship => self.relationships.len(),
            Kind::Rule => self.rules.len(),
        }
    }

    /// The common fields of every entity that rules check, kind by kind in the order of
    /// [`Kind::CHECKED`].
    pub fn commons(&self) -> impl Iterator<Item = &Common> {
        Kind::CHECKED
            .into_iter()
            .flat_map(move |kind| (0..self.count(kind)).map(move |i| self.common(kind, i)))
    }

    /// The common fields of an entity of a kind at an index.
    pub fn common(&self, kind: Kind, index: usize) -> &Common {
        match kind {
            Kind::Organization => &self.organizations[index].common,
            Kind::Person => &self.people[index].common,
            Kind::Group => &self.groups[index].common,
            Kind::Outcome => &self.outcomes[index].common,
            Kind::Product => &self.products[index].common,
            Kind::Service => &self.services[index].common,
            Kind::Offering => &self.offerings[index].common,
            Kind::Relationship => &self.relationships[index].common,
            Kind::Rule => &self.rules[index].common,
        }
    }
}
