//! The joint management of a relationship and the continual improvement register
//! (docs/format.md §3.12, SPEC §11.1).

use super::{Key, Mapping, Rule, Value, Words, names, words_of};
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
