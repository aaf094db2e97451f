//! A relationship's budget and its evidence records, as custom rules read them on
//! `self.budget` and `self.evidence` (SPEC §10.1).
//!
//! Records have no id, so no rule runs `on:` them: a rule about evidence runs on
//! relationships and reads each one's records, in the order of SPEC §10.2 (the latest
//! last), with the keys as written. Dates and periods are text in their written forms.

use cel::Value;

use super::{Object, list, number, text, texts};
use crate::keys::names;
use crate::lint::custom::shape::Shape;
use crate::load::decode::{evidence, relationships, word_of};
use crate::model::{
    AchievedWarranty, Budget, Catalogue, Evidence, Measurement, Perceiver, Perception, Sum,
};

/// What the sponsor authorised.
pub(super) fn budget(budget: &Budget, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::AMOUNT, |_| number(budget.amount))
        .set(names::PER, |_| {
            text(word_of(evidence::BUDGET_PERS, &budget.per))
        })
        .set(names::AUTHORISED_BY, |_| text(&budget.authorised_by.id))
        .maybe(names::UNTIL, |_| {
            budget.until.as_ref().map(|d| text(&d.value.to_string()))
        });
    v.build()
}

/// The records of the relationship at `index`, in the order of their periods.
pub(super) fn records(catalogue: &Catalogue, index: usize, shape: &Shape) -> Value {
    let mut own: Vec<&Evidence> = catalogue
        .evidence
        .iter()
        .filter(|e| e.relationship.index() == index)
        .collect();
    own.sort_by_key(|e| e.period.value);
    list(&own, shape, |e, s| record(e, s))
}

fn record(e: &Evidence, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::RELATIONSHIP, |_| text(&e.relationship.id))
        .set(names::PERIOD, |_| text(&e.period.value.to_string()))
        .maybe(names::WARRANTY, |s| {
            e.warranty.as_ref().map(|w| warranty(w, s))
        })
        .set(names::OUTCOMES, |s| {
            list(&e.outcomes, s, |o, s| {
                let mut item = Object::new(s);
                item.set(names::OUTCOME, |_| text(&o.outcome.id))
                    .set(names::ACHIEVED, |_| Value::Bool(o.achieved));
                item.build()
            })
        })
        .set(names::SPEND, |s| {
            list(&e.spend, s, |line, s| {
                let mut item = Object::new(s);
                item.set(names::NAME, |_| text(&line.name))
                    .set(names::CATEGORY, |_| {
                        text(word_of(
                            relationships::IMPOSED_COST_CATEGORIES,
                            &line.category,
                        ))
                    })
                    .set(names::AMOUNT, |_| number(line.amount));
                item.build()
            })
        })
        .set(names::CREDITS, |s| list(&e.credits, s, sum))
        .set(names::LOSSES, |s| list(&e.losses, s, sum))
        .set(names::PERCEPTION, |s| list(&e.perception, s, perception))
        .maybe(names::NOTE, |_| e.note.as_deref().map(text));
    v.build()
}

fn warranty(w: &AchievedWarranty, shape: &Shape) -> Value {
    let measured = |items: &[Measurement], shape: &Shape| {
        list(items, shape, |m, s| {
            let mut item = Object::new(s);
            item.set(names::METRIC, |_| text(&m.metric.value))
                .set(names::VALUE, |_| number(m.value));
            item.build()
        })
    };
    let mut v = Object::new(shape);
    v.maybe(names::AVAILABILITY, |_| {
        w.availability.as_ref().map(|a| number(a.value))
    })
    .set(names::CAPACITY, |s| measured(&w.capacity, s))
    .set(names::SERVICE_LEVELS, |s| measured(&w.service_levels, s))
    .maybe(names::CONTINUITY, |s| {
        w.continuity.as_ref().map(|c| {
            let mut block = Object::new(s);
            block
                .maybe(names::RTO_HOURS, |_| {
                    c.rto_hours.as_ref().map(|h| number(h.value))
                })
                .maybe(names::RPO_HOURS, |_| {
                    c.rpo_hours.as_ref().map(|h| number(h.value))
                });
            block.build()
        })
    })
    .maybe(names::SECURITY, |s| {
        w.security.as_ref().map(|report| {
            let mut block = Object::new(s);
            block.set(names::FAILED, |_| {
                texts(report.failed.iter().map(|c| c.value.as_str()))
            });
            block.build()
        })
    });
    v.build()
}

fn sum(sum: &Sum, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    item.set(names::NAME, |_| text(&sum.name))
        .set(names::AMOUNT, |_| number(sum.amount));
    item.build()
}

fn perception(p: &Perception, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    match &p.who {
        Perceiver::Role(role) => item.set(names::ROLE, |_| {
            text(word_of(evidence::PERCEIVER_ROLES, role))
        }),
        Perceiver::Party(party) => item.set(names::PARTY, |_| text(&party.id)),
    };
    item.set(names::SCORE, |_| number(p.score))
        .set(names::MIN, |_| number(p.min))
        .set(names::MAX, |_| number(p.max))
        .set(names::RESPONSES, |_| {
            i64::try_from(p.responses).unwrap_or(i64::MAX)
        });
    item.build()
}
