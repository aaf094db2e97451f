//! The joint management of a relationship and the continual improvement register
//! (docs/format.md §3.10 and §3.14, SPEC §11.1).

use super::{
    BUDGET_PER, DESCRIPTION, ENTITY_LINT, ID, Key, Mapping, Range, Rule, Value, Words, names,
    words_of,
};
use crate::load::decode::improvement;
use crate::model::Kind;

/// The joint activities of a relationship: who manages it on each side, and how often
/// they review it together.
pub(crate) const MANAGEMENT: Mapping = Mapping {
    name: "Management",
    doc: "The joint activities of the relationship: the provider's relationship manager, the \
         consumer's counterpart, how often they review it together and when they last did.",
    keys: &[
        Key::required(
            names::MANAGER,
            Value::Ref(&[Kind::Person]),
            "The provider's relationship manager (a person).",
        ),
        Key::required(
            names::COUNTERPART,
            Value::Ref(&[Kind::Person]),
            "The consumer's counterpart (a person).",
        ),
        Key::required(
            names::CADENCE,
            Value::Words(&CADENCE),
            "How often they review the relationship together: `month`, `quarter` or `year`.",
        ),
        Key::optional(
            names::LAST_REVIEW,
            Value::Date,
            "The date of the last joint review (`YYYY-MM-DD`); none: a review is due now.",
        ),
    ],
    rule: Rule::None,
};

/// How often a relationship is reviewed.
pub(crate) const CADENCE: Words = Words {
    name: "Cadence",
    doc: "How often a relationship is reviewed jointly.",
    words: || words_of(improvement::CADENCES),
};

/// One improvement of the continual improvement register.
pub(crate) const IMPROVEMENT: Mapping = Mapping {
    name: "Improvement",
    doc: "An improvement provider and consumer mean to make to a relationship: who owns it, \
         where it stands, when it was raised, is due and was done, and the value it should \
         add to the consumer's side.",
    keys: &[
        ID,
        Key::required(
            names::RELATIONSHIP,
            Value::Ref(&[Kind::Relationship]),
            "The id of the relationship it improves.",
        ),
        Key::required(names::NAME, Value::Text, "What the improvement is."),
        Key::required(
            names::OWNER,
            Value::Ref(&[Kind::Person]),
            "Who answers for it: a person of either side.",
        ),
        Key::required(
            names::STATUS,
            Value::Words(&IMPROVEMENT_STATUS),
            "Where it stands: `proposed`, `agreed`, `in-progress`, `done` or `dropped`.",
        ),
        Key::required(
            names::RAISED,
            Value::Date,
            "The day it was raised (`YYYY-MM-DD`).",
        ),
        Key::optional(
            names::DUE,
            Value::Date,
            "The day it should be done by (`YYYY-MM-DD`); an open improvement past it is \
            overdue.",
        ),
        Key::optional(
            names::DONE,
            Value::Date,
            "The day it was done (`YYYY-MM-DD`): required when the status is `done`, refused \
            otherwise.",
        ),
        Key::optional(
            names::EXPECTED,
            Value::Map(&EXPECTED),
            "The value it should add to the consumer's side, in the terms of costs and risks \
            removed.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this improvement.",
        ),
    ],
    rule: Rule::None,
};

/// Where an improvement stands.
pub(crate) const IMPROVEMENT_STATUS: Words = Words {
    name: "ImprovementStatus",
    doc: "Where an improvement stands.",
    words: || words_of(improvement::STATUSES),
};

/// The value an improvement should add.
pub(crate) const EXPECTED: Mapping = Mapping {
    name: "Expected",
    doc: "The value an improvement should add to the consumer's side: costs and expected \
         losses it should remove, each an amount per month, quarter or year.",
    keys: &[
        Key::optional(
            names::COSTS_REMOVED,
            Value::Map(&EXPECTED_AMOUNT),
            "Costs the consumer should no longer bear.",
        ),
        Key::optional(
            names::RISKS_REMOVED,
            Value::Map(&EXPECTED_AMOUNT),
            "Expected annual loss the consumer should no longer bear.",
        ),
    ],
    rule: Rule::None,
};

/// An amount an improvement should remove.
pub(crate) const EXPECTED_AMOUNT: Mapping = Mapping {
    name: "ExpectedAmount",
    doc: "An amount an improvement should remove from the consumer's side, per month, \
         quarter or year.",
    keys: &[
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(
            names::PER,
            Value::Words(&BUDGET_PER),
            "The period the amount covers: `month`, `quarter` or `year`.",
        ),
    ],
    rule: Rule::None,
};
