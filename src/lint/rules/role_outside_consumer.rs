//! SVS310 `role-outside-consumer`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::keys::names;
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
        let organizations = &index.catalogue.organizations;
        for relationship in &index.catalogue.relationships {
            // A unit beside the consumer in the same organisation may hold a role (the IT
            // department defining the requirements of a purchase by the business).
            let top = index.ancestry.top(relationship.consumer.index());
            let top_id = &organizations[top].common.id.value;
            let roles = &relationship.roles;
            for (role, holders) in [
                (names::CUSTOMER, &roles.customer),
                (names::USER, &roles.user),
                (names::SPONSOR, &roles.sponsor),
            ] {
                for holder in holders {
                    let Some(organisation) = organisation(index, holder) else {
                        continue;
                    };
                    if index.ancestry.is_part_of(organisation.index(), top) {
                        continue;
                    }
                    out.push(
                        index
                            .finding(
                                self.code(),
                                holder.span,
                                &relationship.common,
                                format!(
                                    "relationship `{}`: {role} `{}` belongs to `{}`, outside {}",
                                    relationship.common.id.value,
                                    holder.id,
                                    organisation.id,
                                    outside(top_id, &relationship.consumer.id),
                                ),
                            )
                            .with_help(format!(
                                "name a {role} from `{top_id}` or one of its parts; the \
                                 provider's people and other parties belong under \
                                 `stakeholders`"
                            )),
                    );
                }
            }
        }
    }
}

/// What a holder is outside of: the consumer, or the top-level organisation it is part of.
fn outside(top: &str, consumer: &str) -> String {
    if top == consumer {
        format!("the consumer `{consumer}`")
    } else {
        format!("`{top}`, the organisation of the consumer `{consumer}`")
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
