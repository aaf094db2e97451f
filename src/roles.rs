//! Who holds which role in each relationship: the customer who defines the requirements,
//! the user who uses the service, the sponsor who authorises the budget, and the other
//! stakeholders with what the relationship means for them (docs/format.md §8.4); and the
//! inverse view, every person with the roles they hold.
//!
//! A person reached through a group holds that group's role. Everything is computed in
//! one pass over the relationships' role lists, so the work is linear in the catalogue.
//! Stakeholders' gains, losses and net come from [`crate::assess::provision::stakeholders`]
//! and each effect is annualised by [`crate::assess::annualise`], so the figures are those
//! of `svs assess`.

use rust_decimal::Decimal;

use crate::assess::Overflow;
use crate::assess::provision::StakeholderValue;
use crate::keys::names;
use crate::model::{Catalogue, EffectDirection, Kind, Ref, RoleHolderRef};

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
            Role::Customer => names::CUSTOMER,
            Role::User => names::USER,
            Role::Sponsor => names::SPONSOR,
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
    /// The other stakeholders' effects, in the order the relationship lists them.
    pub stakeholders: Vec<StakeholderEffects>,
}

/// One effect of a relationship on a stakeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectValue {
    /// What it is.
    pub name: String,
    /// Gain or loss.
    pub direction: EffectDirection,
    /// Its amount per year, or `None` when it is unpriced.
    pub per_year: Option<Decimal>,
}

/// What a relationship means for one of its other stakeholders: each effect, and the
/// gains, losses and net per year of `svs assess`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderEffects {
    /// Gains, losses, net and unpriced effects (§8.4).
    pub value: StakeholderValue,
    /// Every effect, in order.
    pub effects: Vec<EffectValue>,
}

/// The stakeholders of one relationship with their effects, per year.
pub fn stakeholder_effects(
    catalogue: &Catalogue,
    index: usize,
) -> Result<Vec<StakeholderEffects>, Overflow> {
    let relationship = &catalogue.relationships[index];
    let horizon = catalogue.metadata.horizon_months;
    let values = crate::assess::provision::stakeholders(catalogue, relationship)?;
    relationship
        .stakeholders
        .iter()
        .zip(values)
        .map(|(stakeholder, value)| {
            let effects = stakeholder
                .effects
                .iter()
                .map(|effect| {
                    let per_year = match effect.priced {
                        Some(p) => Some(
                            crate::assess::annualise(p.amount, p.per, horizon).ok_or_else(
                                || Overflow::relationship(&relationship.common.id.value),
                            )?,
                        ),
                        None => None,
                    };
                    Ok(EffectValue {
                        name: effect.name.clone(),
                        direction: effect.direction,
                        per_year,
                    })
                })
                .collect::<Result<Vec<_>, Overflow>>()?;
            Ok(StakeholderEffects { value, effects })
        })
        .collect()
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

/// The roles of the given relationships, in that order; an error only when a
/// stakeholder's amounts are too large to compute exactly.
pub fn relationship_roles(
    catalogue: &Catalogue,
    relationships: &[usize],
) -> Result<Vec<RelationshipRoles>, Overflow> {
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
            Ok(RelationshipRoles {
                relationship: index,
                holders,
                notes,
                stakeholders: stakeholder_effects(catalogue, index)?,
            })
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

/// An effect for people: `overtime pay: gain of 1,200.00 GBP a year`, or
/// `sense of purpose: gain, unpriced`.
pub fn describe_effect(effect: &EffectValue, currency: Option<&str>) -> String {
    match effect.per_year {
        Some(amount) => format!(
            "{}: {} of {} a year",
            effect.name,
            effect.direction.as_str(),
            crate::figures::money(amount, currency)
        ),
        None => format!("{}: {}, unpriced", effect.name, effect.direction.as_str()),
    }
}

/// A stakeholder's sums for people: `gains 1,200.00 GBP, losses 300.00 GBP, net 900.00
/// GBP a year`.
pub fn describe_stakeholder_value(value: &StakeholderValue, currency: Option<&str>) -> String {
    use crate::figures::money;
    format!(
        "gains {}, losses {}, net {} a year",
        money(value.gains, currency),
        money(value.losses, currency),
        money(value.net(), currency)
    )
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
