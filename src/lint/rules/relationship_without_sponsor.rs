//! SVS302 `relationship-without-sponsor`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_without_sponsor.md")]
pub struct RelationshipWithoutSponsor;

impl Rule for RelationshipWithoutSponsor {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_WITHOUT_SPONSOR
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_without_sponsor.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            if relationship.roles.sponsor.is_empty() {
                let id = &relationship.common.id;
                out.push(
                    index
                        .finding(
                            self.code(),
                            id.span,
                            &relationship.common,
                            format!("relationship `{}`: no sponsor authorises the budget", id.value),
                        )
                        .with_help("add `roles: { sponsor: [...] }`: the person or group who authorises the budget"),
                );
            }
        }
    }
}
