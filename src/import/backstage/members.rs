//! Members: the people each group lists, and who is a member of which group.
//!
//! A Group's `spec.members` names its people. On real installations the users themselves
//! often live in an organisation provider, so a member is a person whether or not a User
//! entity describes it: a member that is also a User is that person, and one named only
//! as a member becomes a person of the first group that lists it (in reading order).
//! A person belongs to one organisation, so every other membership (a second group's
//! `spec.members`, a User's second `memberOf`) is kept as a group membership: the owners
//! stage decides each person's organisation, and [`Members::teams`] the groups whose
//! members include people of other organisations.
//!
//! This stage runs before the owners stage, which reads [`Members::first_listed`] for a
//! User that names no group of its own.

use std::collections::{HashMap, HashSet};

use super::entities::{Entities, parse_ref};
use super::owners::{Org, Owners};
use super::warnings::Warnings;

/// A person: a User entity, or a name a group lists with no User entity behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Person {
    /// A User entity, by entity.
    User(usize),
    /// A member named only in groups, by position in [`Members::listed`].
    Member(usize),
}

/// A person named only in groups' `spec.members`.
pub(super) struct Member {
    /// Its namespace, lower case.
    pub(super) namespace: String,
    /// Its name as first written, without kind or namespace.
    pub(super) name: String,
    /// The first group that lists it, whose organisation it belongs to.
    pub(super) group: usize,
}

/// The people groups list, and each group's members.
pub(super) struct Members {
    /// People named only as members, in the order first named.
    pub(super) listed: Vec<Member>,
    /// The members of each group (by entity): its `spec.members` in order, then the Users
    /// whose `memberOf` names it, in reading order.
    pub(super) of_group: Vec<Vec<Person>>,
    /// For each User, the first group whose `spec.members` names it.
    pub(super) first_listed: Vec<Option<usize>>,
}

impl Members {
    /// The members of every group read, with a warning for a member that names
    /// something other than a user.
    pub(super) fn gather(entities: &Entities, warnings: &mut Warnings) -> Self {
        let mut members = Members {
            listed: Vec::new(),
            of_group: vec![Vec::new(); entities.len()],
            first_listed: vec![None; entities.len()],
        };
        let mut member_of: HashMap<(String, String), usize> = HashMap::new();
        // Each membership once, in one hash lookup: an organisation provider's root
        // group may list thousands.
        let mut listed: HashSet<(usize, Person)> = HashSet::new();
        for &g in &entities.groups {
            for text in entities[g].spec_list("members") {
                let reference = parse_ref(&text, Some("user"), &entities[g].namespace);
                if reference.kind.as_deref() != Some("user") {
                    warnings.about(
                        entities,
                        g,
                        format!("members `{text}` does not name a user; skipped"),
                    );
                    continue;
                }
                let person = if let Some(u) = entities.find("user", &reference) {
                    members.first_listed[u].get_or_insert(g);
                    Person::User(u)
                } else {
                    let key = (reference.namespace.clone(), reference.name.clone());
                    let people = &mut members.listed;
                    let m = *member_of.entry(key).or_insert_with(|| {
                        let written = text.rsplit(['/', ':']).next().unwrap_or(&text).trim();
                        people.push(Member {
                            namespace: reference.namespace.clone(),
                            name: written.to_owned(),
                            group: g,
                        });
                        people.len() - 1
                    });
                    Person::Member(m)
                };
                if listed.insert((g, person)) {
                    members.of_group[g].push(person);
                }
            }
        }
        for &u in &entities.users {
            for text in entities[u].spec_list("memberOf") {
                let reference = parse_ref(&text, Some("group"), &entities[u].namespace);
                if reference.kind.as_deref() != Some("group") {
                    continue;
                }
                if let Some(g) = entities.find("group", &reference) {
                    let person = Person::User(u);
                    if listed.insert((g, person)) {
                        members.of_group[g].push(person);
                    }
                }
            }
        }
        members
    }

    /// The organisation of a person, once the owners stage has placed the Users.
    pub(super) fn organization(&self, owners: &Owners, person: Person) -> Org {
        match person {
            Person::User(u) => owners.organization[u],
            Person::Member(m) => Org::Group(self.listed[m].group),
        }
    }

    /// The groups, in reading order, whose members include a person of another
    /// organisation: each is written as a group of its members.
    pub(super) fn teams(&self, entities: &Entities, owners: &Owners) -> Vec<usize> {
        entities
            .groups
            .iter()
            .copied()
            .filter(|&g| {
                self.of_group[g]
                    .iter()
                    .any(|&p| self.organization(owners, p) != Org::Group(g))
            })
            .collect()
    }
}
