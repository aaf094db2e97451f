//! A relationship's `management` block, as custom rules read it on `self.management`, and
//! the improvements of the register, which rules may run `on:` (SPEC §11.1): references as
//! the ids written, words as written, dates as text in their written form, amounts as
//! written (not annualised).

use cel::Value;

use super::{Object, common, number, text};
use crate::keys::names;
use crate::lint::custom::shape::Shape;
use crate::load::decode::{evidence, word_of};
use crate::model::{ExpectedAmount, Improvement, Management};

/// Who manages the relationship and how often it is reviewed.
pub(super) fn management(management: &Management, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::MANAGER, |_| text(&management.manager.id))
        .set(names::COUNTERPART, |_| text(&management.counterpart.id))
        .set(names::CADENCE, |_| text(management.cadence.word()))
        .maybe(names::LAST_REVIEW, |_| {
            management
                .last_review
                .as_ref()
                .map(|d| text(&d.value.to_string()))
        });
    v.build()
}

/// An improvement as written; `name` is its own.
pub(super) fn improvement(i: &Improvement, shape: &Shape) -> Value {
    let date = |d: &jiff::civil::Date| text(&d.to_string());
    let mut v = common(&i.common, shape);
    v.set(names::RELATIONSHIP, |_| text(&i.relationship.id))
        .set(names::NAME, |_| text(&i.name))
        .set(names::OWNER, |_| text(&i.owner.id))
        .set(names::STATUS, |_| text(i.status.word()))
        .set(names::RAISED, |_| date(&i.raised.value))
        .maybe(names::DUE, |_| i.due.as_ref().map(|d| date(&d.value)))
        .maybe(names::DONE, |_| i.done.as_ref().map(|d| date(&d.value)))
        .maybe(names::EXPECTED, |s| {
            i.expected.as_ref().map(|e| {
                let mut expected = Object::new(s);
                expected
                    .maybe(names::COSTS_REMOVED, |s| {
                        e.costs_removed.as_ref().map(|a| amount(a, s))
                    })
                    .maybe(names::RISKS_REMOVED, |s| {
                        e.risks_removed.as_ref().map(|a| amount(a, s))
                    });
                expected.build()
            })
        });
    v.build()
}

/// An amount per period, as written.
fn amount(a: &ExpectedAmount, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::AMOUNT, |_| number(a.amount))
        .set(names::PER, |_| text(word_of(evidence::BUDGET_PERS, &a.per)));
    v.build()
}
