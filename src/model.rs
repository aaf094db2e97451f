//! The resolved catalogue: organisations, people, groups, outcomes, products, services,
//! offerings, relationships and the evidence of what they delivered as typed Rust, with exact decimals for every amount.
//!
//! The loader ([`crate::load`]) builds these types from YAML and then resolves every
//! reference; lint rules and the assessment only ever see a [`Catalogue`] whose references
//! all point at an entity of the right kind. Every key or value a finding may point at
//! keeps its [`Span`](crate::source::Span).
//!
//! Two lists of the format live here once: [`Section`], the top-level sections with the
//! kind each lists, and [`refs`], the walk over every key that names another entity.

mod entity;
mod evidence;
mod improvement;
mod management;
mod metadata;
mod offering;
mod party;
pub mod refs;
mod relationship;
mod rule;
mod section;

pub use entity::{
    Common, EntityLint, GroupRef, Id, Kind, OfferingRef, OrganizationRef, OutcomeRef, PartyRef,
    PersonRef, ProductRef, Ref, RelationshipRef, RoleHolderRef, ServiceRef, Spanned, Target,
    nowhere,
};
pub use evidence::{
    AchievedContinuity, AchievedWarranty, Budget, BudgetPer, ConsumerRole, DEFAULT_PERCEPTION_MIN,
    Evidence, Measurement, OutcomeMeasurement, PERIOD_FORMS, Perceiver, Perception, Period,
    SecurityReport, Spend, Sum, parse_date,
};
pub use improvement::{Expected, ExpectedAmount, Improvement, ImprovementStatus};
pub use management::{Cadence, Management};
pub use metadata::{
    DEFAULT_HORIZON_MONTHS, DEFAULT_PERCEPTION_THRESHOLD, DEFAULT_UTILITY_THRESHOLD, LintSettings,
    Metadata,
};
pub use offering::{
    Access, Action, Capacity, Continuity, Dimension, Direction, Goods, Offering, Outcome,
    OutcomeKind, Output, Ownership, Per, PriceLine, Product, Resource, Service, ServiceLevel,
    Warranty,
};
pub use party::{Group, Organization, Person};
pub use relationship::{
    Balance, Benefit, BenefitKind, Cost, CostCategory, Effect, EffectDirection, Priced, Priority,
    Provision, ProvisionCost, Relationship, RequiredOutcome, Requirements, Risk, Roles,
    Stakeholder, StakeholderRole,
};
pub use rule::{CustomRule, Expression};
pub use section::Section;

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
    /// The continual improvement register, in catalogue order.
    pub improvements: Vec<Improvement>,
    /// The catalogue's own lint rules, in catalogue order.
    pub rules: Vec<CustomRule>,
    /// What happened in relationships, period by period, in catalogue order.
    pub evidence: Vec<Evidence>,
}

impl Catalogue {
    /// A catalogue with nothing in it but its name, every setting at its default.
    pub fn named(name: impl Into<String>) -> Catalogue {
        Catalogue {
            metadata: Metadata::named(name),
            organizations: Vec::new(),
            people: Vec::new(),
            groups: Vec::new(),
            outcomes: Vec::new(),
            products: Vec::new(),
            services: Vec::new(),
            offerings: Vec::new(),
            relationships: Vec::new(),
            improvements: Vec::new(),
            rules: Vec::new(),
            evidence: Vec::new(),
        }
    }

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
            Kind::Improvement => self.improvements.len(),
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
            Kind::Improvement => &self.improvements[index].common,
            Kind::Rule => &self.rules[index].common,
        }
    }
}
