//! Whose eyes a report is for (docs/format.md §8.8): the catalogue's owners, who see
//! everything, or one organisation (`--for ORG`), which sees its own relationships only,
//! and the provider's side of those alone that it provides.
//!
//! An [`Audience`] is computed once from the command line and handed to every renderer
//! of `svs assess` and `svs report`; each part of the output that belongs to one side or
//! names another party asks it one question ([`Audience::sees_provider_side`],
//! [`Audience::sees_resource`], ...), so that a new section respects it with a line. The
//! relationships and the provider portfolio are filtered before rendering as well
//! ([`Audience::keeps`], [`Audience::sees_portfolio`]): what is not passed on cannot
//! leak.
//!
//! `ORG` stands for itself and every unit under it through `parent`, on either side: a
//! department consumes on its organisation's behalf, and a unit that provides does so as
//! part of it.

use std::collections::HashMap;

use crate::assess::provision::Portfolio;
use crate::diagnostic::Diagnostic;
use crate::model::{Catalogue, Kind, Relationship, Resource};

/// Who a report is for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    /// The organisation, by index, or `None` for the catalogue's owners.
    organization: Option<usize>,
    /// Per organisation of the catalogue: the organisation itself or a unit under it.
    members: Vec<bool>,
}

impl Audience {
    /// The catalogue's owners: everything is shown.
    pub fn owners() -> Self {
        Audience::default()
    }

    /// Organisation `organization` (an index) and every unit under it through `parent`.
    pub fn organization(catalogue: &Catalogue, organization: usize) -> Self {
        let members = (0..catalogue.organizations.len())
            .map(|o| {
                // `parent` chains never loop in a resolved catalogue; the bound is a guard.
                let mut at = o;
                for _ in 0..=catalogue.organizations.len() {
                    if at == organization {
                        return true;
                    }
                    match &catalogue.organizations[at].parent {
                        Some(parent) => at = parent.index(),
                        None => return false,
                    }
                }
                false
            })
            .collect();
        Audience {
            organization: Some(organization),
            members,
        }
    }

    /// The organisation the report is for, or `None` for the owners.
    pub fn for_organization(&self) -> Option<usize> {
        self.organization
    }

    /// Whether this is the owners' view, which hides nothing.
    pub fn is_owners(&self) -> bool {
        self.organization.is_none()
    }

    /// Whether organisation `o` is the audience's own (itself or a unit under it); every
    /// organisation is the owners'.
    pub fn speaks_for(&self, o: usize) -> bool {
        self.organization.is_none() || self.members.get(o).copied().unwrap_or(false)
    }

    /// Whether the relationship is shown at all: the audience is its consumer or its
    /// provider.
    pub fn keeps(&self, r: &Relationship) -> bool {
        self.speaks_for(r.consumer.index()) || self.speaks_for(r.provider.index())
    }

    /// Whether the provider's side of the relationship is shown (revenue, cost of
    /// provision, risks, benefits, margin, the provider's verdict and so co-creation), and
    /// the other stakeholders: only to its provider. A consumer sees its own side.
    pub fn sees_provider_side(&self, r: &Relationship) -> bool {
        self.speaks_for(r.provider.index())
    }

    /// Whether a resource of a product behind the relationship's offering is shown: every
    /// one to the provider, those marked `visible: true` to the consumer.
    pub fn sees_resource(&self, r: &Relationship, resource: &Resource) -> bool {
        resource.visible || self.sees_provider_side(r)
    }

    /// Whether a provider's portfolio entry is shown: only the audience's own.
    pub fn sees_portfolio(&self, entry: &Portfolio) -> bool {
        self.speaks_for(entry.organization)
    }
}

/// Which lint findings an audience sees: those about its own entities. A finding about a
/// relationship it only consumes may judge the provider's side (SVS311, SVS312) and one
/// about another party's entity may name other consumers, so both are left out, as are
/// findings about no entity or about an outcome (which belongs to no one).
#[derive(Debug)]
pub struct Findings<'a> {
    audience: &'a Audience,
    catalogue: &'a Catalogue,
    kinds: HashMap<&'a str, (Kind, usize)>,
}

impl<'a> Findings<'a> {
    /// Indexes the catalogue's ids once (none for the owners, who see every finding).
    pub fn new(audience: &'a Audience, catalogue: &'a Catalogue) -> Self {
        let kinds = if audience.is_owners() {
            HashMap::new()
        } else {
            Kind::CHECKED
                .into_iter()
                .flat_map(|kind| {
                    (0..catalogue.count(kind)).map(move |i| (catalogue.id(kind, i), (kind, i)))
                })
                .collect()
        };
        Findings {
            audience,
            catalogue,
            kinds,
        }
    }

    /// Whether the audience sees the finding.
    pub fn sees(&self, finding: &Diagnostic) -> bool {
        if self.audience.is_owners() {
            return true;
        }
        let Some(&(kind, i)) = finding.entity.as_deref().and_then(|e| self.kinds.get(e)) else {
            return false;
        };
        let c = self.catalogue;
        let own = |o: usize| self.audience.speaks_for(o);
        match kind {
            Kind::Organization => own(i),
            Kind::Person => own(c.people[i].organization.index()),
            Kind::Group => c.groups[i]
                .organization
                .as_ref()
                .is_some_and(|o| own(o.index())),
            Kind::Product => own(c.products[i].provider.index()),
            Kind::Service => own(c.services[i].provider.index()),
            Kind::Offering => own(c.offerings[i].provider.index()),
            Kind::Relationship => self.audience.sees_provider_side(&c.relationships[i]),
            // The register is joint work: either side sees what is found in it.
            Kind::Improvement => {
                let r = &c.relationships[c.improvements[i].relationship.index()];
                own(r.provider.index()) || own(r.consumer.index())
            }
            Kind::Outcome | Kind::Rule => false,
        }
    }
}
