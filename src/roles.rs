//! Who holds which role in each relationship: the customer who defines the requirements,
//! the user who uses the service, the sponsor who authorises the budget, and the other
//! stakeholders; and the inverse view, every person with the roles they hold.
//!
//! A person reached through a group holds that group's role. Everything is computed in
//! one pass over the relationships' role lists, so the work is linear in the catalogue.

use crate::model::{Catalogue, Kind, Ref, RoleHolderRef};

/// The three consumer roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Defines the requirements and owns the outcomes.
    Customer,
    /// Uses the service.
    User,
    /// Authorises the budget.
    Sponsor,
}

impl Role {
    /// The lower-case name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::User => "user",
            Role::Sponsor => "sponsor",
        }
    }

    /// The three roles in display order.
    pub const ALL: [Role; 3] = [Role::Customer, Role::User, Role::Sponsor];
}

/// A role holder: a person or a group, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holder {
    /// A person.
    Person(usize),
    /// A group.
    Group(usize),
}

impl Holder {
    fn of(reference: &Ref<RoleHolderRef>) -> Holder {
        match reference.target() {
            (Kind::Person, i) => Holder::Person(i),
            (_, i) => Holder::Group(i),
        }
    }
}

/// Something worth flagging about a relationship's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Note {
    /// No one defines the requirements.
    MissingCustomer,
    /// No one uses the service.
    MissingUser,
    /// No one authorises the budget.
    MissingSponsor,
    /// One person holds all three roles (not an error: common in small organisations).
    OnePersonHoldsAllRoles(usize),
}

impl Note {
    /// The kebab-case kind used in JSON.
    pub fn kind(self) -> &'static str {
        match self {
            Note::MissingCustomer => "missing-customer",
            Note::MissingUser => "missing-user",
            Note::MissingSponsor => "missing-sponsor",
            Note::OnePersonHoldsAllRoles(_) => "one-person-holds-all-roles",
        }
    }

    /// Whether the note points at something missing (rather than merely notable).
    pub fn is_missing(self) -> bool {
        !matches!(self, Note::OnePersonHoldsAllRoles(_))
    }

    /// A sentence for people.
    pub fn message(self, catalogue: &Catalogue) -> String {
        match self {
            Note::MissingCustomer => "no customer: no one defines the requirements".to_owned(),
            Note::MissingUser => "no user: no one uses the service".to_owned(),
            Note::MissingSponsor => "no sponsor: no one authorises the budget".to_owned(),
            Note::OnePersonHoldsAllRoles(p) => format!(
                "{} is customer, user and sponsor",
                catalogue.people[p]
                    .common
                    .name
                    .as_deref()
                    .unwrap_or_default()
            ),
        }
    }
}

/// The roles of one relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipRoles {
    /// Index of the relationship.
    pub relationship: usize,
    /// Holders per role, in [`Role::ALL`] order, as written.
    pub holders: [Vec<Holder>; 3],
    /// Missing roles, then people who hold all three.
    pub notes: Vec<Note>,
}

/// One role a person holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeldRole {
    /// Index of the relationship.
    pub relationship: usize,
    /// Which role.
    pub role: Role,
    /// The group it is held through, or `None` when held directly.
    pub via: Option<usize>,
}

/// The roles of the given relationships, in that order.
pub fn relationship_roles(
    catalogue: &Catalogue,
    relationships: &[usize],
) -> Vec<RelationshipRoles> {
    relationships
        .iter()
        .map(|&index| {
            let r = &catalogue.relationships[index];
            let holders = [&r.roles.customer, &r.roles.user, &r.roles.sponsor]
                .map(|list| list.iter().map(Holder::of).collect::<Vec<_>>());
            let mut notes = Vec::new();
            for (role, note) in [
                (0, Note::MissingCustomer),
                (1, Note::MissingUser),
                (2, Note::MissingSponsor),
            ] {
                if holders[role].is_empty() {
                    notes.push(note);
                }
            }
            // People holding each role, directly or through a group.
            let people_in = |list: &[Holder]| {
                let mut people: Vec<usize> = list
                    .iter()
                    .flat_map(|holder| match *holder {
                        Holder::Person(p) => vec![p],
                        Holder::Group(g) => {
                            catalogue.groups[g].members.iter().map(Ref::index).collect()
                        }
                    })
                    .collect();
                people.sort_unstable();
                people.dedup();
                people
            };
            let customers = people_in(&holders[0]);
            let users = people_in(&holders[1]);
            let sponsors = people_in(&holders[2]);
            for person in customers {
                if users.binary_search(&person).is_ok() && sponsors.binary_search(&person).is_ok() {
                    notes.push(Note::OnePersonHoldsAllRoles(person));
                }
            }
            RelationshipRoles {
                relationship: index,
                holders,
                notes,
            }
        })
        .collect()
}

/// Every role each person holds in the given relationships, indexed by person, in
/// relationship order then role order.
pub fn roles_by_person(catalogue: &Catalogue, relationships: &[usize]) -> Vec<Vec<HeldRole>> {
    let mut held = vec![Vec::new(); catalogue.people.len()];
    for &index in relationships {
        let r = &catalogue.relationships[index];
        for (role, list) in
            Role::ALL
                .into_iter()
                .zip([&r.roles.customer, &r.roles.user, &r.roles.sponsor])
        {
            for holder in list.iter().map(Holder::of) {
                match holder {
                    Holder::Person(p) => held[p].push(HeldRole {
                        relationship: index,
                        role,
                        via: None,
                    }),
                    Holder::Group(g) => {
                        for member in &catalogue.groups[g].members {
                            held[member.index()].push(HeldRole {
                                relationship: index,
                                role,
                                via: Some(g),
                            });
                        }
                    }
                }
            }
        }
    }
    for roles in &mut held {
        roles.sort_unstable();
        roles.dedup();
    }
    held
}

/// People in the order the by-person view lists them: those with a role first, each part
/// in catalogue order.
pub fn person_order(held: &[Vec<HeldRole>]) -> Vec<usize> {
    let (with, without): (Vec<usize>, Vec<usize>) =
        (0..held.len()).partition(|&p| !held[p].is_empty());
    with.into_iter().chain(without).collect()
}

/// A role holder for people: `Jane Doe (CIO, Acme Ltd)`, or
/// `Acme employees (group of 1,200; members: Jane Doe)`.
pub fn describe_holder(catalogue: &Catalogue, holder: Holder) -> String {
    match holder {
        Holder::Person(p) => describe_person(catalogue, p),
        Holder::Group(g) => {
            let group = &catalogue.groups[g];
            let name = group.common.name.as_deref().unwrap_or_default();
            let mut details = Vec::new();
            match group.size {
                Some(size) => details.push(format!(
                    "group of {}",
                    crate::figures::group_digits(&size.to_string())
                )),
                None => details.push("group".to_owned()),
            }
            if let Some(org) = &group.organization {
                details.push(organization_name(catalogue, org.index()).to_owned());
            }
            if !group.members.is_empty() {
                let members: Vec<&str> = group
                    .members
                    .iter()
                    .map(|m| {
                        catalogue.people[m.index()]
                            .common
                            .name
                            .as_deref()
                            .unwrap_or_default()
                    })
                    .collect();
                details.push(format!("members: {}", members.join(", ")));
            }
            format!("{name} ({})", details.join("; "))
        }
    }
}

/// A person for people: `Jane Doe (CIO, Acme Ltd)`.
pub fn describe_person(catalogue: &Catalogue, person: usize) -> String {
    let p = &catalogue.people[person];
    let name = p.common.name.as_deref().unwrap_or_default();
    let org = organization_name(catalogue, p.organization.index());
    match &p.title {
        Some(title) => format!("{name} ({title}, {org})"),
        None => format!("{name} ({org})"),
    }
}

/// An organisation's name.
pub fn organization_name(catalogue: &Catalogue, index: usize) -> &str {
    catalogue.organizations[index]
        .common
        .name
        .as_deref()
        .unwrap_or_default()
}

/// A stakeholder's party for people: its name and kind.
pub fn describe_party(catalogue: &Catalogue, kind: Kind, index: usize) -> String {
    match kind {
        Kind::Person => describe_person(catalogue, index),
        Kind::Group => describe_holder(catalogue, Holder::Group(index)),
        _ => organization_name(catalogue, index).to_owned(),
    }
}

/// The kebab-case name of a stakeholder role.
pub fn stakeholder_role(role: crate::model::StakeholderRole) -> &'static str {
    use crate::model::StakeholderRole as R;
    match role {
        R::Employee => "employee",
        R::Partner => "partner",
        R::Supplier => "supplier",
        R::Investor => "investor",
        R::Regulator => "regulator",
        R::Community => "community",
        R::Charity => "charity",
        R::Other => "other",
    }
}
