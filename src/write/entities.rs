//! The `catalogue:` block and every kind of entity but relationships, as [`Map`]s: the
//! parties, outcomes, products and their resources, services and their outputs, the
//! warranty block, offerings with their goods, access, actions and price list, and the
//! catalogue's own rules.

use super::{Map, kind_word, word_of};
use crate::keys;
use crate::keys::names::{
    ACCESS, ACTIONS, AGREEMENT, ALLOW, AMOUNT, AS_OF, ASSERT, AVAILABILITY, CAPACITY, CODE,
    CONTINUITY, COST_TO_SERVE, CURRENCY, DENY, DEPENDS_ON, DESCRIPTION, DIMENSION, ENABLES, GOODS,
    HELP, HORIZON_MONTHS, ID, KIND, LINT, MARGIN, MAX, MEMBERS, MESSAGE, METRIC, MIN, NAME, ON,
    ORGANIZATION, OUTPUTS, OWNERSHIP, PARENT, PER, PERCEPTION, PERIOD, PRICE, PRODUCTS, PROVIDER,
    RESOURCES, RPO_HOURS, RTO_HOURS, RUNNING_COSTS, SECURITY, SERVICE_LEVELS, SERVICES, SEVERITY,
    SIZE, TARGET_MARGIN, TARGETS, THRESHOLDS, TITLE, UNIT, UTILITY, VALUE, VISIBLE, WARN, WARRANTY,
    WHEN,
};
use crate::load::decode::{offerings, outcomes, provision, rules};
use crate::model::{
    Common, CustomRule, Direction, Group, Kind, Metadata, Offering, Organization, Outcome, Per,
    Person, Product, ProvisionCost, Service, Spanned, Warranty,
};

/// A kind of entity the writer writes: its section, and its keys as a [`Map`].
pub trait Entity {
    /// The kind, whose section lists the entity.
    const KIND: Kind;

    /// The entity's keys.
    fn map(&self) -> Map;
}

/// The keys every entity has: `id`, `name`, `description` and its own `lint` block.
pub(super) fn common(mapping: &'static keys::Mapping, common: &Common) -> Map {
    let lint = Map::new(&keys::ENTITY_LINT).texts(ALLOW, spanned(&common.lint.allow));
    Map::new(mapping)
        .text(ID, &common.id.value)
        .maybe_text(NAME, common.name.as_deref())
        .maybe_text(DESCRIPTION, common.description.as_deref())
        .map_if_any(LINT, lint)
}

/// The texts of a list of spanned strings.
pub(super) fn spanned(values: &[Spanned<String>]) -> impl Iterator<Item = &str> {
    values.iter().map(|v| v.value.as_str())
}

/// The word of how often an amount falls due.
pub(super) fn per(per: Per) -> &'static str {
    word_of(offerings::PER, &per)
}

/// The `catalogue:` block; defaults are left out.
pub(super) fn metadata(metadata: &Metadata) -> Map {
    let thresholds = Map::new(&keys::THRESHOLDS)
        .number(UTILITY, metadata.utility_threshold)
        .number(MARGIN, metadata.margin_threshold)
        .number(PERCEPTION, metadata.perception_threshold);
    let lint = Map::new(&keys::CATALOGUE_LINT)
        .texts(ALLOW, spanned(&metadata.lint.allow))
        .texts(WARN, spanned(&metadata.lint.warn))
        .texts(DENY, spanned(&metadata.lint.deny));
    Map::new(&keys::CATALOGUE)
        .text(NAME, &metadata.name)
        .maybe_text(CURRENCY, metadata.currency.as_deref())
        .word(HORIZON_MONTHS, &metadata.horizon_months.to_string())
        .maybe_word(AS_OF, metadata.as_of.as_ref().map(|d| d.value.to_string()))
        .map_if_any(THRESHOLDS, thresholds)
        .map_if_any(LINT, lint)
}

impl Entity for Organization {
    const KIND: Kind = Kind::Organization;

    fn map(&self) -> Map {
        common(&keys::ORGANIZATION, &self.common)
            .maybe_text(PARENT, self.parent.as_ref().map(|p| &*p.id))
            .maybe_number(TARGET_MARGIN, self.target_margin.as_ref().map(|m| m.value))
    }
}

impl Entity for Person {
    const KIND: Kind = Kind::Person;

    fn map(&self) -> Map {
        common(&keys::PERSON, &self.common)
            .text(ORGANIZATION, &self.organization.id)
            .maybe_text(TITLE, self.title.as_deref())
    }
}

impl Entity for Group {
    const KIND: Kind = Kind::Group;

    fn map(&self) -> Map {
        let map = common(&keys::GROUP, &self.common)
            .maybe_text(ORGANIZATION, self.organization.as_ref().map(|o| &*o.id))
            .refs(MEMBERS, &self.members);
        match self.size {
            Some(size) => map.word(SIZE, &size.to_string()),
            None => map,
        }
    }
}

impl Entity for Outcome {
    const KIND: Kind = Kind::Outcome;

    fn map(&self) -> Map {
        common(&keys::OUTCOME, &self.common)
            .word(KIND, word_of(outcomes::OUTCOME_KINDS, &self.kind))
    }
}

impl Entity for Product {
    const KIND: Kind = Kind::Product;

    fn map(&self) -> Map {
        let resources = self.resources.iter().map(|r| {
            Map::new(&keys::RESOURCE)
                .text(NAME, &r.name)
                .word(DIMENSION, word_of(provision::DIMENSIONS, &r.dimension))
                .word(VISIBLE, if r.visible { "true" } else { "false" })
        });
        common(&keys::PRODUCT, &self.common)
            .text(PROVIDER, &self.provider.id)
            .refs(TARGETS, &self.targets)
            .list(RESOURCES, resources)
    }
}

impl Entity for Service {
    const KIND: Kind = Kind::Service;

    fn map(&self) -> Map {
        let outputs = self.outputs.iter().map(|o| {
            Map::new(&keys::OUTPUT)
                .text(NAME, &o.name)
                .refs(ENABLES, &o.enables)
        });
        let map = common(&keys::SERVICE, &self.common)
            .text(PROVIDER, &self.provider.id)
            .refs(PRODUCTS, &self.products)
            .list(OUTPUTS, outputs)
            .refs(DEPENDS_ON, &self.depends_on)
            .list(
                RUNNING_COSTS,
                self.running_costs
                    .iter()
                    .map(|c| cost(&keys::RUNNING_COST, c)),
            );
        match &self.warranty {
            Some(w) => map.map(WARRANTY, warranty(w)),
            None => map,
        }
    }
}

/// A cost the provider bears: a running cost, a cost to serve or a provision cost.
pub(super) fn cost(mapping: &'static keys::Mapping, cost: &ProvisionCost) -> Map {
    Map::new(mapping)
        .text(NAME, &cost.name)
        .word(DIMENSION, word_of(provision::DIMENSIONS, &cost.dimension))
        .number(AMOUNT, cost.amount)
        .word(PER, per(cost.per))
        .maybe_text(UNIT, cost.unit.as_deref())
}

/// A warranty block: offered by a service or offering, or required by a relationship.
pub(super) fn warranty(warranty: &Warranty) -> Map {
    let capacity = warranty.capacity.iter().map(|c| {
        Map::new(&keys::CAPACITY)
            .text(METRIC, &c.metric.value)
            .number(VALUE, c.value)
    });
    let service_levels = warranty.service_levels.iter().map(|level| {
        let bound = match level.direction {
            Direction::Max => MAX,
            Direction::Min => MIN,
        };
        Map::new(&keys::SERVICE_LEVEL)
            .text(METRIC, &level.metric.value)
            .number(bound, level.bound)
    });
    let continuity = &warranty.continuity;
    let continuity = Map::new(&keys::CONTINUITY)
        .maybe_number(RTO_HOURS, continuity.rto_hours.as_ref().map(|h| h.value))
        .maybe_number(RPO_HOURS, continuity.rpo_hours.as_ref().map(|h| h.value));
    Map::new(&keys::WARRANTY)
        .maybe_number(
            AVAILABILITY,
            warranty.availability.as_ref().map(|a| a.value),
        )
        .list(CAPACITY, capacity)
        .list(SERVICE_LEVELS, service_levels)
        .map_if_any(CONTINUITY, continuity)
        .texts(SECURITY, spanned(&warranty.security))
}

impl Entity for Offering {
    const KIND: Kind = Kind::Offering;

    fn map(&self) -> Map {
        let ownership = |o| word_of(offerings::OWNERSHIP, o);
        let goods = self.goods.iter().map(|g| {
            Map::new(&keys::GOODS)
                .text(NAME, &g.name.value)
                .word(OWNERSHIP, ownership(&g.ownership.value))
        });
        let access = self.access.iter().map(|a| {
            Map::new(&keys::ACCESS)
                .text(NAME, &a.name.value)
                .maybe_text(PERIOD, a.period.as_ref().map(|p| p.value.as_str()))
                .word(OWNERSHIP, ownership(&a.ownership.value))
        });
        let actions = self.actions.iter().map(|a| {
            Map::new(&keys::ACTION)
                .text(NAME, &a.name.value)
                .maybe_text(AGREEMENT, a.agreement.as_ref().map(|p| p.value.as_str()))
        });
        let price = self.price.iter().map(|line| {
            Map::new(&keys::PRICE_LINE)
                .maybe_text(NAME, line.name.as_deref())
                .number(AMOUNT, line.amount)
                .word(PER, per(line.per))
                .maybe_text(UNIT, line.unit.as_deref())
        });
        let cost_to_serve = self
            .cost_to_serve
            .iter()
            .map(|c| cost(&keys::COST_TO_SERVE, c));
        let map = common(&keys::OFFERING, &self.common)
            .text(PROVIDER, &self.provider.id)
            .refs(SERVICES, &self.services)
            .refs(TARGETS, &self.targets)
            .list(GOODS, goods)
            .list(ACCESS, access)
            .list(ACTIONS, actions)
            .list(PRICE, price)
            .list(COST_TO_SERVE, cost_to_serve);
        match &self.warranty {
            Some(w) => map.map(WARRANTY, warranty(w)),
            None => map,
        }
    }
}

impl Entity for CustomRule {
    const KIND: Kind = Kind::Rule;

    fn map(&self) -> Map {
        common(&keys::RULE, &self.common)
            .text(CODE, &self.code.value)
            .word(SEVERITY, word_of(rules::SEVERITIES, &self.severity))
            .word(ON, kind_word(self.on))
            .maybe_text(WHEN, self.when.as_ref().map(|w| w.text.as_str()))
            .text(ASSERT, &self.assert.text)
            .text(MESSAGE, &self.message)
            .maybe_text(HELP, self.help.as_deref())
    }
}
