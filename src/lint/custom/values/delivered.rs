//! A relationship's delivered assessment (SPEC §10.3) as custom rules read it:
//! `self.assessment.delivered`, the shape of `delivered` in `svs assess --format json`
//! (the relationship's latest record), unrounded. Figures a record does not give, and every
//! figure of an `unmeasured` relationship, are absent: guard them with `has(…)`.

use cel::Value;

use super::{Object, list, number, text, texts};
use crate::assess::delivered::{Delivered, Perceived, PerceivedValue};
use crate::keys::names;
use crate::lint::custom::shape::Shape;
use crate::model::ConsumerRole;

/// A count as a rule reads it.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(super) fn delivered(d: &Delivered, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.maybe(names::PERIOD, |_| d.period.map(|p| text(&p.to_string())))
        .set("verdict", |_| text(d.verdict.as_str()))
        .set("reasons", |_| texts(d.reasons.iter().map(|r| r.as_str())));
    if let Some(f) = &d.figures {
        v.set(names::WARRANTY, |s| {
            let w = &f.warranty;
            let mut warranty = Object::new(s);
            warranty
                .set("checks", |_| count(w.checks))
                .set("measured", |_| count(w.measured))
                .set("met", |_| count(w.met))
                .maybe(names::SCORE, |_| w.score.map(number))
                .set("breached", |_| {
                    texts(w.breached.iter().map(|b| b.check.as_str()))
                })
                .set("not_measured", |_| {
                    texts(w.not_measured.iter().map(String::as_str))
                });
            warranty.build()
        })
        .set(names::OUTCOMES, |s| {
            let o = &f.outcomes;
            let mut outcomes = Object::new(s);
            outcomes
                .set("measured", |_| count(o.measured))
                .maybe(names::SCORE, |_| o.score.map(number))
                .set(names::ACHIEVED, |_| {
                    texts(o.achieved.iter().map(String::as_str))
                })
                .set("not_achieved", |_| {
                    texts(o.not_achieved.iter().map(String::as_str))
                })
                .set("not_measured", |_| {
                    texts(o.not_measured.iter().map(String::as_str))
                });
            outcomes.build()
        })
        .set(names::SPEND, |_| number(f.spend))
        .set("planned", |_| number(f.planned))
        .set("variance", |_| number(f.variance))
        .maybe(names::BUDGET, |_| f.budget.map(number))
        .set(names::LOSSES, |_| number(f.losses))
        .set("expected_losses", |_| number(f.expected_losses))
        .set(names::PERCEPTION, |s| list(&f.perception, s, perceived));
    }
    v.build()
}

/// One role's or party's perception: `{ role: 'user', score: 35, responses: 15 }`.
fn perceived(p: &PerceivedValue, shape: &Shape) -> Value {
    let mut item = Object::new(shape);
    match &p.who {
        Perceived::Role(role) => item.set(names::ROLE, |_| {
            text(match role {
                ConsumerRole::Customer => names::CUSTOMER,
                ConsumerRole::User => names::USER,
                ConsumerRole::Sponsor => names::SPONSOR,
            })
        }),
        Perceived::Party(party) => item.set(names::PARTY, |_| text(party)),
    };
    item.set(names::SCORE, |_| number(p.score))
        .set(names::RESPONSES, |_| {
            i64::try_from(p.responses).unwrap_or(i64::MAX)
        });
    item.build()
}
