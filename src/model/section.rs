//! The sections of a catalogue file: each top-level list and the kind of entity it holds.
//!
//! The one list of them: the loader dispatches on it and suggests from it, the JSON Schema
//! and the language server's completion take their keys from it, and a custom rule's `on`
//! names one of them.
//!
//! One section lists no entities: `evidence:` holds records named by their relationship
//! and period, with no id of their own (SPEC §10.1). It is a section of the file
//! ([`Section::KEYS`], [`Section::EVIDENCE`]) but not one of [`Section::ALL`], whose
//! sections each list a kind of entity that ids, references and custom rules name.

use super::Kind;
use crate::keys::names;

/// A top-level section of a catalogue file: the list of every entity of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The key that opens it in a file: `organizations`.
    pub key: &'static str,
    /// The kind of entity it lists.
    pub kind: Kind,
    /// The singular noun messages use for one of its entities: `organization`.
    pub noun: &'static str,
}

impl Section {
    /// Every section, in the format's order, which is also the order of [`Kind`]'s
    /// variants.
    pub const ALL: [Section; 10] = [
        Section::new(names::ORGANIZATIONS, Kind::Organization, "organization"),
        Section::new(names::PEOPLE, Kind::Person, "person"),
        Section::new(names::GROUPS, Kind::Group, "group"),
        Section::new(names::OUTCOMES, Kind::Outcome, "outcome"),
        Section::new(names::PRODUCTS, Kind::Product, "product"),
        Section::new(names::SERVICES, Kind::Service, "service"),
        Section::new(names::OFFERINGS, Kind::Offering, "offering"),
        Section::new(names::RELATIONSHIPS, Kind::Relationship, "relationship"),
        Section::new(names::IMPROVEMENTS, Kind::Improvement, "improvement"),
        Section::new(names::RULES, Kind::Rule, "rule"),
    ];

    /// The key of the section of evidence records, which lists no entities.
    pub const EVIDENCE: &'static str = names::EVIDENCE;

    /// The keys of every section, in the format's order: the sections of entities, then
    /// the evidence.
    pub const KEYS: [&'static str; 11] = {
        let mut keys = [""; 11];
        let mut i = 0;
        while i < Section::ALL.len() {
            keys[i] = Section::ALL[i].key;
            i += 1;
        }
        keys[i] = Section::EVIDENCE;
        keys
    };

    const fn new(key: &'static str, kind: Kind, noun: &'static str) -> Self {
        Section { key, kind, noun }
    }

    /// The section that lists `kind`.
    pub const fn of(kind: Kind) -> Section {
        Section::ALL[kind as usize]
    }

    /// The section whose key is `key`.
    pub fn named(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key == key)
    }
}

// `Section::of` finds a kind's section by position: the table follows `Kind`'s order.
const _: () = {
    let mut i = 0;
    while i < Section::ALL.len() {
        assert!(Section::ALL[i].kind as usize == i, "sections follow `Kind`");
        i += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::{Section, names};

    #[test]
    fn every_section_is_found_by_its_key_and_its_kind() {
        for section in Section::ALL {
            assert_eq!(Section::named(section.key), Some(section));
            assert_eq!(Section::of(section.kind), section);
        }
        assert_eq!(Section::named(names::CATALOGUE), None);
    }
}
