//! SVS312 `one-sided-value`.

use crate::assess::provision::CoCreation;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("one_sided_value.md")]
pub struct OneSidedValue;

impl Rule for OneSidedValue {
    fn code(&self) -> Code {
        codes::ONE_SIDED_VALUE
    }

    fn doc(&self) -> &'static str {
        include_str!("one_sided_value.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for (relationship, assessment) in catalogue.relationships.iter().zip(&index.assessments)
        {
            // An assessment too large to compute has no co-creation verdict.
            let Some(assessment) = assessment else {
                continue;
            };
            let provider = &catalogue.organizations[relationship.provider.index()]
                .common
                .id
                .value;
            let consumer = &catalogue.organizations[relationship.consumer.index()]
                .common
                .id
                .value;
            let (side, help) = match assessment.co_creation {
                CoCreation::ConsumerOnly => (
                    format!(
                        "the consumer `{consumer}` gains value, but the provider `{provider}` \
                         loses: its margin is below its target"
                    ),
                    "value the provider cannot sustain will not last: rebalance the price \
                     against the cost of provision, or record a planned subsidy in the \
                     provider's `target_margin`",
                ),
                CoCreation::ProviderOnly => (
                    format!(
                        "the provider `{provider}` reaches its target margin, but the consumer \
                         `{consumer}` loses: it gains no value"
                    ),
                    "the consumer pays for no value: review whether the service meets the \
                     requirements, and the price and costs it imposes on the consumer",
                ),
                CoCreation::Mutual | CoCreation::Neither | CoCreation::Unassessed => continue,
            };
            let id = &relationship.common.id;
            out.push(
                index
                    .finding(
                        self.code(),
                        id.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: value is one-sided ({}): {side}",
                            id.value,
                            assessment.co_creation.as_str()
                        ),
                    )
                    .with_help(help),
            );
        }
    }
}
