//! The keys of the catalogue format, each declared once (docs/format.md §3).
//!
//! Every mapping a catalogue file may hold is a [`Mapping`] constant here: its keys in the
//! order the format lists them, each with its name, its kind of value, whether it must be
//! written, its default and its description. The rest of the crate reads these
//! declarations rather than repeating them:
//!
//! - the decoder ([`crate::load::decode`]) accepts exactly a mapping's keys, and suggests
//!   the nearest of them for a misspelt one;
//! - `svs schema` ([`crate::schema`]) is generated from them, descriptions included;
//! - the language server completes a mapping's keys from them, and finds there which kinds
//!   of entity a reference may name;
//! - the writer of catalogue YAML ([`crate::write`], which `svs import` uses) writes a
//!   mapping's keys in their declared order and leaves out a declared default;
//! - the key tables of docs/format.md are written from them ([`reference`]), and a test
//!   fails when the checked-in tables are stale.
//!
//! A key's name is spelled once, as a constant of [`names`]: the declarations take it from
//! there, and so does every part of the crate that reads or quotes a key by name (the
//! decoder, which checks in debug builds that the mapping it decodes declares the key; the
//! values custom rules see; completion; the model's reference walk and sections; the lint
//! rules and the assessment's messages). A key is a struct field of the model alone; other
//! structs name what they hold in words of their own. A test (`once`) scans the sources to
//! keep both so, with the few files where a key's word means something else listed with
//! the reason.
//!
//! A new key is declared in the mapping's part below with its name added to [`names`];
//! then the model holds it, the decoder reads it, the writer writes it and, when custom
//! rules should see it, their value builder sets it.
//!
//! What a value means beyond its kind (that a capacity metric appears once per block, that a
//! currency is set once an amount appears) stays with the decoder and the lint rules.
//!
//! The declarations are split by part of the format: [`file`] the top level, the
//! `catalogue:` block and custom rules; [`entities`] parties, outcomes, products and
//! services; [`offerings`] offerings and the warranty block; [`relationships`]
//! relationships and the provider's side of them; [`evidence`] the budget of a relationship
//! and the records of what it delivered; [`improvement`] the joint management of a
//! relationship and the continual improvement register.

use crate::model::Kind;

pub(crate) mod entities;
pub(crate) mod evidence;
pub(crate) mod file;
pub(crate) mod improvement;
pub(crate) mod names;
pub(crate) mod offerings;
#[cfg(test)]
mod once;
pub mod reference;
pub(crate) mod relationships;

pub(crate) use entities::*;
pub(crate) use evidence::*;
pub(crate) use file::*;
pub(crate) use improvement::*;
pub(crate) use offerings::*;
pub(crate) use relationships::*;

/// A mapping of the format: a definition of the schema, and what the decoder accepts.
#[derive(Debug)]
pub struct Mapping {
    /// The schema's name for it (`""` for the file itself).
    pub name: &'static str,
    /// What the mapping is: the schema's description.
    pub doc: &'static str,
    /// Its keys, in the order the format lists them (and completion offers them).
    pub keys: &'static [Key],
    /// A constraint between its keys, beyond each key's own.
    pub rule: Rule,
}

impl Mapping {
    /// The declaration of `name`, when the mapping has that key.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// Whether `name` may be reported missing: a key that must be written, or one that
    /// must come with another that is written.
    pub fn may_require(&self, name: &str) -> bool {
        let together = matches!(self.rule, Rule::Together(keys) if keys.contains(&name));
        together || self.key(name).is_some_and(Key::is_required)
    }

    /// The names of its keys, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.keys.iter().map(|k| k.name)
    }
}

/// A constraint between the keys of one mapping.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Nothing beyond each key's own.
    None,
    /// Exactly one of these keys, each a number.
    OneOf(&'static [&'static str]),
    /// These keys come together or not at all.
    Together(&'static [&'static str]),
    /// Exactly one of these keys, whatever their values.
    Either(&'static [&'static str]),
}

/// One key of a mapping.
#[derive(Debug)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// What its value is.
    pub value: Value,
    /// Whether it must be written.
    pub presence: Presence,
    /// Its value when it is left out, as docs/format.md writes it, when it has one.
    pub default: Option<&'static str>,
    /// What it means: the schema's description, which editors show on hover.
    pub doc: &'static str,
}

impl Key {
    /// A key that must be written.
    pub const fn required(name: &'static str, value: Value, doc: &'static str) -> Key {
        Key {
            name,
            value,
            presence: Presence::Required,
            default: None,
            doc,
        }
    }

    /// A key that may be left out, or written without a value.
    pub const fn optional(name: &'static str, value: Value, doc: &'static str) -> Key {
        Key {
            presence: Presence::Optional,
            ..Key::required(name, value, doc)
        }
    }

    /// The same key, with its value when it is left out.
    #[must_use]
    pub const fn default(self, default: &'static str) -> Key {
        Key {
            default: Some(default),
            ..self
        }
    }

    /// Whether the key must be written.
    pub fn is_required(&self) -> bool {
        matches!(self.presence, Presence::Required)
    }
}

/// Whether a key must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// It must be written.
    Required,
    /// It may be left out, or written without a value (YAML's null).
    Optional,
    /// It may be left out, but not written without a value (the `catalogue:` block).
    Omissible,
}

/// The kind of value a key takes.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// Text: a string, or a number or boolean taken exactly as written (`name: 2024`).
    Text,
    /// A name that must be written as text, such as a security control.
    Name,
    /// Text matching a pattern, such as a custom rule's kebab-case name.
    Pattern(&'static str),
    /// An exact decimal, within the range given and the largest exact decimal.
    Number(Range),
    /// A whole number, within the range given.
    Whole(Range),
    /// `true` or `false`.
    Boolean,
    /// An entity's identifier.
    Id,
    /// A reference: the id of an entity of one of these kinds.
    Ref(&'static [Kind]),
    /// The format version, `svs: 1`.
    Version,
    /// An ISO 4217 currency code.
    Currency,
    /// An ISO 8601 calendar date, `YYYY-MM-DD`.
    Date,
    /// A period of evidence: `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    Period,
    /// A lint code that may be allowed or re-levelled.
    LintCode,
    /// A custom rule's code.
    CustomCode,
    /// A CEL expression.
    Cel,
    /// One word of a closed set.
    Words(&'static Words),
    /// A mapping of its own.
    Map(&'static Mapping),
    /// A list of values.
    List(&'static Value),
    /// A list of values, each at most once.
    Set(&'static Value),
}

/// The bounds of a number; `None` where it has none of its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    /// The least value allowed.
    pub min: Option<i64>,
    /// The greatest value allowed.
    pub max: Option<i64>,
    /// A value the number must be above.
    pub above: Option<i64>,
}

impl Range {
    /// No bounds of its own.
    pub const ANY: Range = Range {
        min: None,
        max: None,
        above: None,
    };

    /// From `min` to `max`.
    pub const fn within(min: i64, max: i64) -> Range {
        Range {
            min: Some(min),
            max: Some(max),
            above: None,
        }
    }

    /// `min` or more.
    pub const fn at_least(min: i64) -> Range {
        Range {
            min: Some(min),
            ..Range::ANY
        }
    }

    /// Above `above`.
    pub const fn above(above: i64) -> Range {
        Range {
            above: Some(above),
            ..Range::ANY
        }
    }

    /// Above `above`, and at most `max`.
    pub const fn above_to(above: i64, max: i64) -> Range {
        Range {
            above: Some(above),
            max: Some(max),
            min: None,
        }
    }
}

/// A closed set of words, read from the decoder's own table of that set, so that the
/// schema, the decoder and completion offer the same words in the same order.
#[derive(Debug)]
pub struct Words {
    /// The schema's name for the set.
    pub name: &'static str,
    /// What the set is: the schema's description.
    pub doc: &'static str,
    /// The words, in the decoder's order.
    pub words: fn() -> Vec<&'static str>,
}

/// The words of one of the decoder's tables of words.
pub(crate) fn words_of<T>(table: &'static [(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|(word, _)| *word).collect()
}

/// Every mapping of the format, the file itself first.
pub const MAPPINGS: &[&Mapping] = &[
    &FILE,
    &CATALOGUE,
    &THRESHOLDS,
    &CATALOGUE_LINT,
    &ENTITY_LINT,
    &ORGANIZATION,
    &PERSON,
    &GROUP,
    &OUTCOME,
    &PRODUCT,
    &RESOURCE,
    &SERVICE,
    &OUTPUT,
    &WARRANTY,
    &CAPACITY,
    &SERVICE_LEVEL,
    &CONTINUITY,
    &OFFERING,
    &RULE,
    &GOODS,
    &ACCESS,
    &ACTION,
    &PRICE_LINE,
    &RELATIONSHIP,
    &ROLES,
    &STAKEHOLDER,
    &REQUIREMENTS,
    &REQUIRED_OUTCOME,
    &COSTS,
    &RISKS,
    &REMOVED_COST,
    &IMPOSED_COST,
    &RISK,
    &RUNNING_COST,
    &COST_TO_SERVE,
    &PROVISION,
    &PROVISION_COST,
    &BENEFIT,
    &EFFECT,
    &BUDGET,
    &EVIDENCE,
    &ACHIEVED_WARRANTY,
    &MEASUREMENT,
    &ACHIEVED_CONTINUITY,
    &SECURITY_REPORT,
    &OUTCOME_MEASUREMENT,
    &SPEND,
    &CREDIT,
    &LOSS,
    &PERCEPTION,
    &MANAGEMENT,
    &IMPROVEMENT,
    &EXPECTED,
    &EXPECTED_AMOUNT,
];

/// The mapping the schema names `name` (`""` for the file itself).
pub fn mapping(name: &str) -> Option<&'static Mapping> {
    MAPPINGS.iter().copied().find(|m| m.name == name)
}

/// The kinds of entity a reference under `key` may name, in any mapping; empty when `key`
/// is not a reference.
pub fn kinds_of(key: &str) -> &'static [Kind] {
    MAPPINGS
        .iter()
        .flat_map(|m| m.keys)
        .filter(|k| k.name == key)
        .find_map(|k| match k.value {
            Value::Ref(kinds) | Value::List(&Value::Ref(kinds)) => Some(kinds),
            _ => None,
        })
        .unwrap_or(&[])
}

/// The `id` of every entity.
const ID: Key = Key::required(
    names::ID,
    Value::Id,
    "Unique identifier, across every kind of entity.",
);

/// The `description` of every entity.
const DESCRIPTION: Key = Key::optional(names::DESCRIPTION, Value::Text, "Free text for readers.");

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{MAPPINGS, Value, kinds_of};

    /// The file's top level declares `svs`, `catalogue` and then the sections, in the
    /// order of the model's one table of sections.
    #[test]
    fn the_top_level_declares_the_sections_of_the_model() {
        let names: Vec<&str> = super::file::FILE.keys.iter().map(|k| k.name).collect();
        assert_eq!(names[..2], [super::names::SVS, super::names::CATALOGUE]);
        assert_eq!(names[2..], crate::model::Section::KEYS);
    }

    /// A key named alike in two mappings is a reference to the same kinds in both, so that
    /// completion may find the kinds by the key's name alone.
    #[test]
    fn a_reference_key_names_the_same_kinds_wherever_it_is() {
        for key in MAPPINGS.iter().flat_map(|m| m.keys) {
            if let Value::Ref(kinds) | Value::List(&Value::Ref(kinds)) = key.value {
                assert_eq!(kinds_of(key.name), kinds, "`{}`", key.name);
            }
        }
        assert!(kinds_of(super::names::NAME).is_empty());
    }

    /// Every name of [`super::names`] is declared by some mapping, and every declared name
    /// is one of them: the decoder, which reads keys by these names only (and checks in
    /// debug builds that the mapping it decodes declares each), cannot read a key that is
    /// refused as unknown.
    #[test]
    fn every_name_is_declared_and_every_declared_name_is_one() {
        let declared: BTreeSet<&str> = MAPPINGS.iter().flat_map(|m| m.names()).collect();
        let source = include_str!("keys/names.rs");
        let spelled: BTreeSet<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("pub(crate) const "))
            .map(|rest| {
                let value = &rest[rest.find('"').expect("a string") + 1..];
                &value[..value.find('"').expect("a closed string")]
            })
            .collect();
        assert_eq!(spelled, declared);
        assert!(
            spelled.len() > 90,
            "the names are found ({})",
            spelled.len()
        );
    }
}
