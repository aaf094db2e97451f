//! SVS322 `relationship-unmanaged`.
//!
//! A relationship that records what it delivers is in operation: someone on each side
//! should be reviewing that evidence together. One with evidence and no `management`
//! block names no one to do it.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_unmanaged.md")]
pub struct RelationshipUnmanaged;

impl Rule for RelationshipUnmanaged {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_UNMANAGED
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_unmanaged.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let relationships = &index.catalogue.relationships;
        let mut measured = vec![false; relationships.len()];
        for record in &index.catalogue.evidence {
            measured[record.relationship.index()] = true;
        }
        for (relationship, measured) in relationships.iter().zip(measured) {
            if !measured || relationship.management.is_some() {
                continue;
            }
            out.push(
                index
                    .finding(
                        self.code(),
                        relationship.common.id.span,
                        &relationship.common,
                        format!(
                            "relationship `{}` has evidence but no `management`: no one is named \
                             to review it with the other side",
                            relationship.common.id.value,
                        ),
                    )
                    .with_help(
                        "add a `management` block: the provider's relationship `manager`, the \
                         consumer's `counterpart` and the `cadence` of their joint reviews",
                    ),
            );
        }
    }
}
