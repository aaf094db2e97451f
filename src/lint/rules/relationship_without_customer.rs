//! SVS301 `relationship-without-customer`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_without_customer.md")]
pub struct RelationshipWithoutCustomer;

impl Rule for RelationshipWithoutCustomer {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_WITHOUT_CUSTOMER
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_without_customer.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            if relationship.roles.customer.is_empty() {
                let id = &relationship.common.id;
                out.push(
                    index
                        .finding(
                            self.code(),
                            id.span,
                            &relationship.common,
                            format!("relationship `{}`: no customer defines the requirements", id.value),
                        )
                        .with_help("add `roles: { customer: [...] }`: the person or group who defines the requirements and owns the outcomes"),
                );
            }
        }
    }
}
