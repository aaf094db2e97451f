//! SVS324 `management-outside-parties`.
//!
//! Service relationship management is joint work of the two parties: the relationship
//! manager speaks for the provider, the counterpart for the consumer. Each should belong
//! to their own side, that is to its top-level organisation (the end of the `parent`
//! chain, as SVS310 judges the consumer's roles), so that a unit beside the provider or
//! the consumer in the same organisation may manage it.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::keys::names;
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{OrganizationRef, PersonRef, Ref, Relationship};

#[doc = include_str!("management_outside_parties.md")]
pub struct ManagementOutsideParties;

impl Rule for ManagementOutsideParties {
    fn code(&self) -> Code {
        codes::MANAGEMENT_OUTSIDE_PARTIES
    }

    fn doc(&self) -> &'static str {
        include_str!("management_outside_parties.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let Some(management) = &relationship.management else {
                continue;
            };
            // Each side is named by the relationship's key for it.
            for (person, key, side, party) in [
                (
                    &management.manager,
                    names::MANAGER,
                    names::PROVIDER,
                    &relationship.provider,
                ),
                (
                    &management.counterpart,
                    names::COUNTERPART,
                    names::CONSUMER,
                    &relationship.consumer,
                ),
            ] {
                if let Some(finding) = self.outside(index, relationship, person, key, side, party) {
                    out.push(finding);
                }
            }
        }
    }
}

impl ManagementOutsideParties {
    /// The finding for `person`, named under `key`, when it belongs outside the top-level
    /// organisation of `party`, the relationship's `side`.
    fn outside(
        &self,
        index: &Index<'_>,
        relationship: &Relationship,
        person: &Ref<PersonRef>,
        key: &str,
        side: &str,
        party: &Ref<OrganizationRef>,
    ) -> Option<Diagnostic> {
        let organizations = &index.catalogue.organizations;
        let belongs = &index.catalogue.people[person.index()].organization;
        let top = index.ancestry.top(party.index());
        if index.ancestry.is_part_of(belongs.index(), top) {
            return None;
        }
        let top_id = &organizations[top].common.id.value;
        let whose = if top_id.as_str() == &*party.id {
            format!("the {side} `{top_id}`")
        } else {
            format!("`{top_id}`, the organisation of the {side} `{}`", party.id)
        };
        Some(
            index
                .finding(
                    self.code(),
                    person.span,
                    &relationship.common,
                    format!(
                        "relationship `{}`: the {key} `{}` belongs to `{}`, outside {whose}",
                        relationship.common.id.value, person.id, belongs.id,
                    ),
                )
                .with_help(format!(
                    "name as `management.{key}` a person of `{top_id}` or one of its parts: the \
                     {key} speaks for the {side}"
                )),
        )
    }
}
