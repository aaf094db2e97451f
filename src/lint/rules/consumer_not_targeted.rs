//! SVS307 `consumer-not-targeted`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::{Offering, Ref};

#[doc = include_str!("consumer_not_targeted.md")]
pub struct ConsumerNotTargeted;

impl Rule for ConsumerNotTargeted {
    fn code(&self) -> Code {
        codes::CONSUMER_NOT_TARGETED
    }

    fn doc(&self) -> &'static str {
        include_str!("consumer_not_targeted.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        // Per offering, the organisations of its target groups, or `None` when it has no
        // target or one of them is an open market segment (a group without an
        // organisation), which never fires the rule.
        let targeted: Vec<Option<Vec<usize>>> = catalogue
            .offerings
            .iter()
            .map(|o| organisations(index, o))
            .collect();
        for relationship in &catalogue.relationships {
            let offering = relationship.offering.index();
            let Some(organisations) = &targeted[offering] else {
                continue;
            };
            let consumer = relationship.consumer.index();
            if organisations
                .iter()
                .any(|&org| index.ancestry.related(org, consumer))
            {
                continue;
            }
            let offering = &catalogue.offerings[offering];
            out.push(
                index
                    .finding(
                        self.code(),
                        relationship.offering.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: consumer `{}` is in none of the target groups of \
                             offering `{}`",
                            relationship.common.id.value,
                            relationship.consumer.id,
                            offering.common.id.value
                        ),
                    )
                    .with_help(format!(
                        "add a group of `{}` to the offering's `targets`, or consume an offering \
                         designed for it",
                        relationship.consumer.id
                    )),
            );
        }
    }
}

/// The organisations of an offering's target groups, or `None` when the rule cannot fire
/// for it: no target, or an open market segment among them.
/// Each organisation is listed once, so a relationship checks every distinct one once.
fn organisations(index: &Index<'_>, offering: &Offering) -> Option<Vec<usize>> {
    if offering.targets.is_empty() {
        return None;
    }
    let mut organisations = offering
        .targets
        .iter()
        .map(|target| {
            index.catalogue.groups[target.index()]
                .organization
                .as_ref()
                .map(Ref::index)
        })
        .collect::<Option<Vec<usize>>>()?;
    organisations.sort_unstable();
    organisations.dedup();
    Some(organisations)
}
