//! SVS310 `role-outside-consumer`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Kind, OrganizationRef, Ref, RoleHolderRef};

#[doc = include_str!("role_outside_consumer.md")]
pub struct RoleOutsideConsumer;

impl Rule for RoleOutsideConsumer {
    fn code(&self) -> Code {
        codes::ROLE_OUTSIDE_CONSUMER
    }

    fn doc(&self) -> &'static str {
        include_str!("role_outside_consumer.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            let consumer = relationship.consumer.index();
            let roles = &relationship.roles;
            for (role, holders) in [
                ("customer", &roles.customer),
                ("user", &roles.user),
                ("sponsor", &roles.sponsor),
            ] {
                for holder in holders {
                    let Some(organisation) = organisation(index, holder) else {
                        continue;
                    };
                    if index.ancestry.related(organisation.index(), consumer) {
                        continue;
                    }
                    out.push(
                        index
                            .finding(
                                self.code(),
                                holder.span,
                                &relationship.common,
                                format!(
                                    "relationship `{}`: {role} `{}` belongs to `{}`, outside the \
                                     consumer `{}`",
                                    relationship.common.id.value,
                                    holder.id,
                                    organisation.id,
                                    relationship.consumer.id
                                ),
                            )
                            .with_help(format!(
                                "name a {role} from `{}`; the provider's people and other parties \
                                 belong under `stakeholders`",
                                relationship.consumer.id
                            )),
                    );
                }
            }
        }
    }
}

/// The organisation a role holder belongs to: a person's, or a group's when it has one.
fn organisation<'c>(
    index: &'c Index<'_>,
    holder: &Ref<RoleHolderRef>,
) -> Option<&'c Ref<OrganizationRef>> {
    match holder.target() {
        (Kind::Person, i) => Some(&index.catalogue.people[i].organization),
        (Kind::Group, i) => index.catalogue.groups[i].organization.as_ref(),
        _ => None,
    }
}
