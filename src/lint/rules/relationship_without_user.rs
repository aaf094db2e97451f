//! SVS303 `relationship-without-user`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_without_user.md")]
pub struct RelationshipWithoutUser;

impl Rule for RelationshipWithoutUser {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_WITHOUT_USER
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_without_user.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            if relationship.roles.user.is_empty() {
                let id = &relationship.common.id;
                out.push(
                    index
                        .finding(
                            self.code(),
                            id.span,
                            &relationship.common,
                            format!("relationship `{}`: no user uses the service", id.value),
                        )
                        .with_help("add `roles: { user: [...] }`: the people or groups who use the service"),
                );
            }
        }
    }
}
