//! Every reference of a catalogue, walked in one place.
//!
//! The loader resolves references with [`for_each_ref_mut`]; the lint index counts them and
//! the language server finds, renames and describes them with [`for_each_ref`]. Both walks
//! are one table (`walk!`), so a key that names another entity is added here once and
//! every one of them follows it.
//!
//! The walk's order is part of its contract: sections in the format's order, entities in
//! catalogue order, and an entity's keys in the order the format lists them. Findings and
//! the language server's answers come out in that order.

use super::{Catalogue, Common, Kind, Period, Ref, Target};
use crate::keys::names;
use crate::source::Span;

/// The entity that holds a reference, or the evidence record that does.
///
/// A record has no id: it is held for the relationship it names (its `kind` and `id` are
/// those of the relationship as written, its `index` the record's in the evidence), and
/// its `period` says which record it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder<'c> {
    /// Its kind.
    pub kind: Kind,
    /// Its index in the list of its kind (of the evidence, for a record).
    pub index: usize,
    /// Its id.
    pub id: &'c str,
    /// The period of the evidence record that holds the reference, when one does.
    pub period: Option<Period>,
}

/// One reference as a walk meets it: where it is and what it may name, with its target
/// (`L`) to read ([`RefSite`]) or to set ([`RefSiteMut`]).
#[derive(Debug)]
pub struct Site<'c, L> {
    /// The entity whose mapping holds the reference.
    pub holder: Holder<'c>,
    /// The key that holds it, as findings name it: `parent`, `roles.customer`, `enables`
    /// (of one of a service's outputs).
    pub key: &'static str,
    /// The kinds of entity it may name.
    pub accepts: &'static [Kind],
    /// The id as written.
    pub id: &'c str,
    /// Where it was written.
    pub span: Span,
    target: L,
}

/// A reference of a resolved catalogue, read.
pub type RefSite<'c> = Site<'c, Option<(Kind, u32)>>;

/// A reference the loader resolves.
pub type RefSiteMut<'c> = Site<'c, &'c mut Option<(Kind, u32)>>;

impl RefSite<'_> {
    /// The kind and index of the entity named.
    ///
    /// # Panics
    /// On an unresolved reference: the loader never hands one out.
    pub fn target(&self) -> (Kind, usize) {
        let (kind, index) = self.target.expect("references are resolved before use");
        (kind, index as usize)
    }
}

impl RefSiteMut<'_> {
    /// Points the reference at entity `index` of `kind`. An index beyond 32 bits (four
    /// billion entities) leaves it unresolved.
    pub(crate) fn resolve(&mut self, kind: Kind, index: usize) {
        *self.target = u32::try_from(index).ok().map(|index| (kind, index));
    }
}

impl<T: Target> Ref<T> {
    fn site<'c>(&'c self, holder: Holder<'c>, key: &'static str) -> RefSite<'c> {
        Site {
            holder,
            key,
            accepts: T::KINDS,
            id: &self.id,
            span: self.span,
            target: self.target,
        }
    }

    fn site_mut<'c>(&'c mut self, holder: Holder<'c>, key: &'static str) -> RefSiteMut<'c> {
        Site {
            holder,
            key,
            accepts: T::KINDS,
            id: &self.id,
            span: self.span,
            target: &mut self.target,
        }
    }
}

fn holder(kind: Kind, index: usize, common: &Common) -> Holder<'_> {
    Holder {
        kind,
        index,
        id: &common.id.value,
        period: None,
    }
}

/// The holder of an evidence record's references: the record at `index`, for the
/// relationship `id` names.
fn record(index: usize, id: &str, period: Period) -> Holder<'_> {
    Holder {
        kind: Kind::Relationship,
        index,
        id,
        period: Some(period),
    }
}

/// The one table of the model's references, for both walks: `$catalogue` is borrowed
/// shared or, with a trailing `mut`, mutably; `$site` makes each [`Site`] and `$visit`
/// receives it.
macro_rules! walk {
    ($catalogue:expr, $visit:ident, $site:ident $(, $mutable:tt)?) => {{
        let c = $catalogue;
        for (i, e) in (&$($mutable)? c.organizations).into_iter().enumerate() {
            let at = holder(Kind::Organization, i, &e.common);
            if let Some(r) = &$($mutable)? e.parent {
                $visit(r.$site(at, names::PARENT));
            }
        }
        for (i, e) in (&$($mutable)? c.people).into_iter().enumerate() {
            let at = holder(Kind::Person, i, &e.common);
            $visit(e.organization.$site(at, names::ORGANIZATION));
        }
        for (i, e) in (&$($mutable)? c.groups).into_iter().enumerate() {
            let at = holder(Kind::Group, i, &e.common);
            if let Some(r) = &$($mutable)? e.organization {
                $visit(r.$site(at, names::ORGANIZATION));
            }
            for r in &$($mutable)? e.members {
                $visit(r.$site(at, names::MEMBERS));
            }
        }
        for (i, e) in (&$($mutable)? c.products).into_iter().enumerate() {
            let at = holder(Kind::Product, i, &e.common);
            $visit(e.provider.$site(at, names::PROVIDER));
            for r in &$($mutable)? e.targets {
                $visit(r.$site(at, names::TARGETS));
            }
        }
        for (i, e) in (&$($mutable)? c.services).into_iter().enumerate() {
            let at = holder(Kind::Service, i, &e.common);
            $visit(e.provider.$site(at, names::PROVIDER));
            for r in &$($mutable)? e.products {
                $visit(r.$site(at, names::PRODUCTS));
            }
            for output in &$($mutable)? e.outputs {
                for r in &$($mutable)? output.enables {
                    $visit(r.$site(at, names::ENABLES));
                }
            }
            for r in &$($mutable)? e.depends_on {
                $visit(r.$site(at, names::DEPENDS_ON));
            }
        }
        for (i, e) in (&$($mutable)? c.offerings).into_iter().enumerate() {
            let at = holder(Kind::Offering, i, &e.common);
            $visit(e.provider.$site(at, names::PROVIDER));
            for r in &$($mutable)? e.services {
                $visit(r.$site(at, names::SERVICES));
            }
            for r in &$($mutable)? e.targets {
                $visit(r.$site(at, names::TARGETS));
            }
        }
        for (i, e) in (&$($mutable)? c.relationships).into_iter().enumerate() {
            let at = holder(Kind::Relationship, i, &e.common);
            $visit(e.provider.$site(at, names::PROVIDER));
            $visit(e.consumer.$site(at, names::CONSUMER));
            $visit(e.offering.$site(at, names::OFFERING));
            for r in &$($mutable)? e.roles.customer {
                $visit(r.$site(at, "roles.customer"));
            }
            for r in &$($mutable)? e.roles.user {
                $visit(r.$site(at, "roles.user"));
            }
            for r in &$($mutable)? e.roles.sponsor {
                $visit(r.$site(at, "roles.sponsor"));
            }
            for stakeholder in &$($mutable)? e.stakeholders {
                $visit(stakeholder.party.$site(at, "stakeholders.party"));
            }
            for required in &$($mutable)? e.requirements.outcomes {
                $visit(required.outcome.$site(at, "requirements.outcomes"));
            }
            if let Some(budget) = &$($mutable)? e.budget {
                $visit(budget.authorised_by.$site(at, "budget.authorised_by"));
            }
            if let Some(management) = &$($mutable)? e.management {
                $visit(management.manager.$site(at, "management.manager"));
                $visit(management.counterpart.$site(at, "management.counterpart"));
            }
        }
        for (i, e) in (&$($mutable)? c.improvements).into_iter().enumerate() {
            let at = holder(Kind::Improvement, i, &e.common);
            $visit(e.relationship.$site(at, names::RELATIONSHIP));
            $visit(e.owner.$site(at, names::OWNER));
        }
        for (i, e) in (&$($mutable)? c.evidence).into_iter().enumerate() {
            let named = e.relationship.id.clone();
            let at = record(i, &named, e.period.value);
            $visit(e.relationship.$site(at, names::RELATIONSHIP));
            for measured in &$($mutable)? e.outcomes {
                $visit(measured.outcome.$site(at, names::OUTCOMES));
            }
            for perceived in &$($mutable)? e.perception {
                if let super::Perceiver::Party(party) = &$($mutable)? perceived.who {
                    $visit(party.$site(at, "perception.party"));
                }
            }
        }
    }};
}

/// Visits every reference of a resolved catalogue, in the order the module describes.
pub fn for_each_ref(catalogue: &Catalogue, mut visit: impl FnMut(RefSite<'_>)) {
    walk!(catalogue, visit, site);
}

/// Visits every reference of a catalogue being resolved, in the order the module
/// describes, each with the means to set its target.
pub(crate) fn for_each_ref_mut(catalogue: &mut Catalogue, mut visit: impl FnMut(RefSiteMut<'_>)) {
    walk!(catalogue, visit, site_mut, mut);
}

#[cfg(test)]
mod tests {
    use super::for_each_ref;

    /// One reference of every key, written in an order other than the walk's.
    const CATALOGUE: &str = "svs: 1
relationships:
  - id: r
    provider: o
    consumer: o
    offering: f
    roles: { customer: [p], user: [g], sponsor: [p] }
    stakeholders: [{ party: o, role: regulator }]
    requirements: { outcomes: [{ outcome: x }] }
    management: { manager: p, counterpart: p, cadence: year }
improvements:
  - { id: i, relationship: r, name: I, owner: p, status: agreed, raised: 2026-01-01 }
offerings:
  - { id: f, name: F, provider: o, services: [s], targets: [g] }
services:
  - id: s
    name: S
    provider: o
    products: [d]
    outputs: [{ name: out, enables: [x] }]
    depends_on: [r]
products:
  - { id: d, name: D, provider: o, targets: [g] }
outcomes:
  - { id: x, name: X, kind: performance }
groups:
  - { id: g, name: G, organization: o, members: [p] }
people:
  - { id: p, name: P, organization: o }
organizations:
  - { id: o, name: O }
  - { id: o2, name: O2, parent: o }
";

    #[test]
    fn every_reference_is_visited_once_in_the_format_order() {
        let loaded = crate::load::load_files(
            vec![("t.yaml".into(), CATALOGUE.as_bytes().to_vec())],
            "t".into(),
        );
        assert_eq!(loaded.diagnostics, []);
        let catalogue = loaded.catalogue.expect("a resolved catalogue");
        let mut seen = Vec::new();
        for_each_ref(&catalogue, |site| {
            let (kind, index) = site.target();
            assert!(site.accepts.contains(&kind));
            assert_eq!(catalogue.id(kind, index), site.id);
            seen.push(format!(
                "{} {}.{} {}",
                site.holder.kind, site.holder.id, site.key, site.id
            ));
        });
        assert_eq!(
            seen,
            [
                "organization o2.parent o",
                "person p.organization o",
                "group g.organization o",
                "group g.members p",
                "product d.provider o",
                "product d.targets g",
                "service s.provider o",
                "service s.products d",
                "service s.enables x",
                "service s.depends_on r",
                "offering f.provider o",
                "offering f.services s",
                "offering f.targets g",
                "relationship r.provider o",
                "relationship r.consumer o",
                "relationship r.offering f",
                "relationship r.roles.customer p",
                "relationship r.roles.user g",
                "relationship r.roles.sponsor p",
                "relationship r.stakeholders.party o",
                "relationship r.requirements.outcomes x",
                "relationship r.management.manager p",
                "relationship r.management.counterpart p",
                "improvement i.relationship r",
                "improvement i.owner p",
            ]
        );
    }
}
