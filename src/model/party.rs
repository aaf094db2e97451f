//! The parties of a catalogue: organisations, the people who belong to them and the groups
//! they form. Every customer, user, sponsor, provider and consumer is one of these.

use rust_decimal::Decimal;

use super::{Common, OrganizationRef, PersonRef, Ref, Spanned};

/// A person or group with its own functions, responsibilities and relationships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation this one is part of.
    pub parent: Option<Ref<OrganizationRef>>,
    /// The minimum margin, percent of revenue, this organisation expects as a provider;
    /// overrides `thresholds.margin`.
    pub target_margin: Option<Spanned<Decimal>>,
}

/// A person, who may hold customer, user and sponsor roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation the person belongs to.
    pub organization: Ref<OrganizationRef>,
    /// Job title.
    pub title: Option<String>,
}

/// A consumer group, a user population or a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Id, name, description, lint settings.
    pub common: Common,
    /// The organisation, unless the group is a market segment spanning several.
    pub organization: Option<Ref<OrganizationRef>>,
    /// How many people the group holds.
    pub size: Option<u64>,
    /// Named members.
    pub members: Vec<Ref<PersonRef>>,
}
