//! Evidence records and a relationship's budget as [`Map`]s (SPEC §10.1): periods and
//! dates in the forms the loader reads, amounts as exact decimals, a perception scale's
//! `min` left out when it is the default.

use super::{Map, word_of};
use crate::keys;
use crate::keys::names::{
    ACHIEVED, AMOUNT, AUTHORISED_BY, AVAILABILITY, CAPACITY, CATEGORY, CONTINUITY, CREDITS, FAILED,
    LOSSES, MAX, METRIC, MIN, NAME, NOTE, OUTCOME, OUTCOMES, PARTY, PER, PERCEPTION, PERIOD,
    RELATIONSHIP, RESPONSES, ROLE, RPO_HOURS, RTO_HOURS, SCORE, SECURITY, SERVICE_LEVELS, SPEND,
    UNTIL, VALUE, WARRANTY,
};
use crate::load::decode::{evidence, relationships};
use crate::model::{
    AchievedWarranty, Budget, Evidence, Measurement, Perceiver, Perception, Spanned, Sum,
};

/// What the sponsor authorised.
pub(super) fn budget(budget: &Budget) -> Map {
    Map::new(&keys::BUDGET)
        .number(AMOUNT, budget.amount)
        .word(PER, word_of(evidence::BUDGET_PERS, &budget.per))
        .text(AUTHORISED_BY, &budget.authorised_by.id)
        .maybe_word(UNTIL, budget.until.as_ref().map(|d| d.value.to_string()))
}

/// One record of the `evidence:` section.
pub(super) fn record(record: &Evidence) -> Map {
    let outcomes = record.outcomes.iter().map(|measured| {
        Map::new(&keys::OUTCOME_MEASUREMENT)
            .text(OUTCOME, &measured.outcome.id)
            .word(ACHIEVED, if measured.achieved { "true" } else { "false" })
    });
    let spend = record.spend.iter().map(|line| {
        Map::new(&keys::SPEND)
            .text(NAME, &line.name)
            .word(
                CATEGORY,
                word_of(relationships::IMPOSED_COST_CATEGORIES, &line.category),
            )
            .number(AMOUNT, line.amount)
    });
    let sums = |mapping, sums: &[Sum]| -> Vec<Map> {
        sums.iter()
            .map(|sum| {
                Map::new(mapping)
                    .text(NAME, &sum.name)
                    .number(AMOUNT, sum.amount)
            })
            .collect()
    };
    let mut map = Map::new(&keys::EVIDENCE)
        .text(RELATIONSHIP, &record.relationship.id)
        .word(PERIOD, &record.period.value.to_string());
    if let Some(warranty) = &record.warranty {
        map = map.map(WARRANTY, achieved(warranty));
    }
    map.list(OUTCOMES, outcomes)
        .list(SPEND, spend)
        .list(CREDITS, sums(&keys::CREDIT, &record.credits))
        .list(LOSSES, sums(&keys::LOSS, &record.losses))
        .list(PERCEPTION, record.perception.iter().map(perception))
        .maybe_text(NOTE, record.note.as_deref())
}

/// The warranty achieved; an empty block is written as `{}`, as it was read.
fn achieved(warranty: &AchievedWarranty) -> Map {
    let measured = |items: &[Measurement]| -> Vec<Map> {
        items
            .iter()
            .map(|m| {
                Map::new(&keys::MEASUREMENT)
                    .text(METRIC, &m.metric.value)
                    .number(VALUE, m.value)
            })
            .collect()
    };
    let value = |spanned: Option<&Spanned<_>>| spanned.map(|s| s.value);
    let mut map = Map::new(&keys::ACHIEVED_WARRANTY)
        .maybe_number(AVAILABILITY, value(warranty.availability.as_ref()))
        .list(CAPACITY, measured(&warranty.capacity))
        .list(SERVICE_LEVELS, measured(&warranty.service_levels));
    if let Some(continuity) = &warranty.continuity {
        let block = Map::new(&keys::ACHIEVED_CONTINUITY)
            .maybe_number(RTO_HOURS, value(continuity.rto_hours.as_ref()))
            .maybe_number(RPO_HOURS, value(continuity.rpo_hours.as_ref()));
        map = map.map(CONTINUITY, block);
    }
    if let Some(security) = &warranty.security {
        let failed = security.failed.iter().map(|c| c.value.as_str());
        map = map.map(
            SECURITY,
            Map::new(&keys::SECURITY_REPORT).texts(FAILED, failed),
        );
    }
    map
}

/// A perception entry, by its role or its party.
fn perception(entry: &Perception) -> Map {
    let map = Map::new(&keys::PERCEPTION);
    let map = match &entry.who {
        Perceiver::Role(role) => map.word(ROLE, word_of(evidence::PERCEIVER_ROLES, role)),
        Perceiver::Party(party) => map.text(PARTY, &party.id),
    };
    map.number(SCORE, entry.score)
        .number(MIN, entry.min)
        .number(MAX, entry.max)
        .word(RESPONSES, &entry.responses.to_string())
}
