//! Relationships as [`Map`]s: roles, stakeholders and the effects on them, requirements,
//! the costs and risks removed and imposed, and the provider's side of them.

use super::entities::{Entity, common, cost, per, warranty};
use super::{Map, word_of};
use crate::keys;
use crate::keys::names::{
    AMOUNT, BENEFITS, BUDGET, CATEGORY, CONSUMER, COSTS, CUSTOMER, DIRECTION, EFFECTS, IMPACT,
    IMPOSED, INTEREST, KIND, LIKELIHOOD, MANAGEMENT, NAME, OFFERING, OUTCOME, OUTCOMES, PARTY, PER,
    PRIORITY, PROVIDER, PROVISION, QUANTITY, REMOVED, REQUIREMENTS, RISKS, ROLE, ROLES, SPONSOR,
    STAKEHOLDERS, USER, WARRANTY, WEIGHT,
};
use crate::load::decode::{provision, relationships};
use crate::model::{Balance, Cost, Kind, Priced, Relationship, Risk, Stakeholder};

impl Entity for Relationship {
    const KIND: Kind = Kind::Relationship;

    fn map(&self) -> Map {
        let roles = Map::new(&keys::ROLES)
            .refs(CUSTOMER, &self.roles.customer)
            .refs(USER, &self.roles.user)
            .refs(SPONSOR, &self.roles.sponsor);
        let outcomes = self.requirements.outcomes.iter().map(|required| {
            Map::new(&keys::REQUIRED_OUTCOME)
                .text(OUTCOME, &required.outcome.id)
                .word(
                    PRIORITY,
                    word_of(relationships::PRIORITIES, &required.priority),
                )
                .number(WEIGHT, required.weight)
        });
        let mut requirements = Map::new(&keys::REQUIREMENTS).list(OUTCOMES, outcomes);
        if let Some(w) = &self.requirements.warranty {
            requirements = requirements.map(WARRANTY, warranty(w));
        }
        let provision = Map::new(&keys::PROVISION)
            .list(
                COSTS,
                self.provision
                    .costs
                    .iter()
                    .map(|c| cost(&keys::PROVISION_COST, c)),
            )
            .list(RISKS, self.provision.risks.iter().map(risk))
            .list(
                BENEFITS,
                self.provision.benefits.iter().map(|b| {
                    let map = Map::new(&keys::BENEFIT)
                        .text(NAME, &b.name)
                        .word(KIND, word_of(provision::BENEFIT_KINDS, &b.kind));
                    priced(map, b.priced)
                }),
            );
        common(&keys::RELATIONSHIP, &self.common)
            .text(PROVIDER, &self.provider.id)
            .text(CONSUMER, &self.consumer.id)
            .text(OFFERING, &self.offering.id)
            .number(QUANTITY, self.quantity)
            .map_if_any(ROLES, roles)
            .list(STAKEHOLDERS, self.stakeholders.iter().map(stakeholder))
            .map_if_any(REQUIREMENTS, requirements)
            .map_if_any(COSTS, costs(&self.costs))
            .map_if_any(RISKS, risks(&self.risks))
            .map_if_any(PROVISION, provision)
            .maybe_map(BUDGET, self.budget.as_ref().map(super::evidence::budget))
            .maybe_map(
                MANAGEMENT,
                self.management.as_ref().map(super::improvement::management),
            )
    }
}

/// A stakeholder and the effects on them.
fn stakeholder(stakeholder: &Stakeholder) -> Map {
    let effects = stakeholder.effects.iter().map(|effect| {
        let map = Map::new(&keys::EFFECT).text(NAME, &effect.name).word(
            DIRECTION,
            word_of(provision::EFFECT_DIRECTIONS, &effect.direction),
        );
        priced(map, effect.priced)
    });
    Map::new(&keys::STAKEHOLDER)
        .text(PARTY, &stakeholder.party.id)
        .word(
            ROLE,
            word_of(relationships::STAKEHOLDER_ROLES, &stakeholder.role),
        )
        .maybe_text(INTEREST, stakeholder.interest.as_deref())
        .list(EFFECTS, effects)
}

/// `amount` and `per` of a benefit or effect, when it is priced.
fn priced(map: Map, priced: Option<Priced>) -> Map {
    match priced {
        Some(priced) => map.number(AMOUNT, priced.amount).word(PER, per(priced.per)),
        None => map,
    }
}

/// The costs the relationship removes from and imposes on the consumer, each category
/// in the words of its own side.
fn costs(costs: &Balance<Cost>) -> Map {
    let side = |mapping, table, costs: &[Cost]| -> Vec<Map> {
        costs
            .iter()
            .map(|c| {
                Map::new(mapping)
                    .text(NAME, &c.name)
                    .word(CATEGORY, word_of(table, &c.category))
                    .number(AMOUNT, c.amount)
                    .word(PER, per(c.per))
            })
            .collect()
    };
    Map::new(&keys::COSTS)
        .list(
            REMOVED,
            side(
                &keys::REMOVED_COST,
                relationships::REMOVED_COST_CATEGORIES,
                &costs.removed,
            ),
        )
        .list(
            IMPOSED,
            side(
                &keys::IMPOSED_COST,
                relationships::IMPOSED_COST_CATEGORIES,
                &costs.imposed,
            ),
        )
}

/// The risks the relationship removes from and imposes on the consumer.
fn risks(risks: &Balance<Risk>) -> Map {
    Map::new(&keys::RISKS)
        .list(REMOVED, risks.removed.iter().map(risk))
        .list(IMPOSED, risks.imposed.iter().map(risk))
}

/// A risk: its likelihood in a year and its impact.
fn risk(risk: &Risk) -> Map {
    Map::new(&keys::RISK)
        .text(NAME, &risk.name)
        .number(LIKELIHOOD, risk.likelihood)
        .number(IMPACT, risk.impact)
}
