//! SVS306 `relationship-provider-mismatch`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_provider_mismatch.md")]
pub struct RelationshipProviderMismatch;

impl Rule for RelationshipProviderMismatch {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_PROVIDER_MISMATCH
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_provider_mismatch.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for relationship in &catalogue.relationships {
            let offering = &catalogue.offerings[relationship.offering.index()];
            let provider = &relationship.provider;
            if provider.index() != offering.provider.index() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            provider.span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: provider `{}` does not provide offering `{}`",
                                relationship.common.id.value, provider.id, offering.common.id.value
                            ),
                        )
                        .with_help(format!(
                            "offering `{}` is provided by `{}`: name it as the provider",
                            offering.common.id.value, offering.provider.id
                        )),
                );
            }
        }
    }
}
