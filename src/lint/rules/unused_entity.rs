//! SVS401 `unused-entity`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Common, Kind};

#[doc = include_str!("unused_entity.md")]
pub struct UnusedEntity;

impl Rule for UnusedEntity {
    fn code(&self) -> Code {
        codes::UNUSED_ENTITY
    }

    fn doc(&self) -> &'static str {
        include_str!("unused_entity.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        let mut unused = |kind: Kind, entities: &mut dyn Iterator<Item = &Common>, help: &str| {
            for (i, common) in entities.enumerate() {
                if index.references.of(kind, i) == 0 {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                common.id.span,
                                common,
                                format!("{kind} `{}`: nothing refers to it", common.id.value),
                            )
                            .with_help(help),
                    );
                }
            }
        };
        unused(
            Kind::Organization,
            &mut catalogue.organizations.iter().map(|e| &e.common),
            "make it a provider, a consumer, a `parent` or the organisation of a person or \
             group, or remove it",
        );
        unused(
            Kind::Group,
            &mut catalogue.groups.iter().map(|e| &e.common),
            "target an offering or product at it, give it a role in a relationship, or remove it",
        );
        unused(
            Kind::Outcome,
            &mut catalogue.outcomes.iter().map(|e| &e.common),
            "name it in an output's `enables` or in a relationship's required outcomes, or \
             remove it",
        );
        unused(
            Kind::Product,
            &mut catalogue.products.iter().map(|e| &e.common),
            "list it under the `products` of the service built on it, or remove it",
        );
    }
}
