//! SVS305 `self-relationship`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("self_relationship.md")]
pub struct SelfRelationship;

impl Rule for SelfRelationship {
    fn code(&self) -> Code {
        codes::SELF_RELATIONSHIP
    }

    fn doc(&self) -> &'static str {
        include_str!("self_relationship.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let consumer = &relationship.consumer;
            if relationship.provider.index() == consumer.index() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            consumer.span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: `{}` is both the provider and the consumer",
                                relationship.common.id.value, consumer.id
                            ),
                        )
                        .with_help(
                            "name the part of the organisation that consumes the service as the \
                             consumer (an organisation with `parent`), or remove the relationship",
                        ),
                );
            }
        }
    }
}
