//! SVS312 `one-sided-value`.

use crate::assess::provision::CoCreation;
use crate::assess::{Assessment, Reason};
use crate::figures::{grouped, money};
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
        let currency = catalogue.metadata.currency.as_deref();
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
                         cannot sustain it: {}",
                        provider_shortfall(assessment, currency)
                    ),
                    "value the provider cannot sustain will not last: rebalance the price \
                     against the cost of provision, or record a planned subsidy in the \
                     provider's `target_margin`",
                ),
                CoCreation::ProviderOnly => (
                    format!(
                        "the provider `{provider}` reaches its target margin, but the consumer \
                         `{consumer}`'s verdict is no-value: {}",
                        consumer_reasons(assessment, currency)
                    ),
                    "the consumer pays for no value: review whether the service meets the \
                     requirements, and the price and costs it imposes on the consumer",
                ),
                CoCreation::Mutual
                | CoCreation::Neither
                | CoCreation::NotMutual
                | CoCreation::Unassessed => continue,
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

/// Why the consumer's verdict is `no-value`, in the order of docs/format.md §5.5, with
/// the figure behind each reason: a consumer whose net value is positive is never said to
/// gain nothing.
fn consumer_reasons(assessment: &Assessment, currency: Option<&str>) -> String {
    let reasons: Vec<String> = assessment
        .reasons
        .iter()
        .filter_map(|reason| match reason {
            Reason::NotFitForPurpose => Some(format!(
                "the service is not fit for purpose (utility {}{})",
                grouped(assessment.utility.score),
                if assessment.utility.missing.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", missing {}",
                        assessment
                            .utility
                            .missing
                            .iter()
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            )),
            Reason::NotFitForUse => Some(format!(
                "the service is not fit for use ({} of {} warranty checks unmet: {})",
                assessment.warranty.unmet.len(),
                assessment.warranty.checks,
                assessment
                    .warranty
                    .unmet
                    .iter()
                    .map(|u| format!("`{}`", u.check))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Reason::NegativeBalance => Some(format!(
                "its net value is below zero ({} a year)",
                money(assessment.net_value, currency)
            )),
            Reason::NoOutcomeRequirements | Reason::NoWarrantyRequirements => None,
        })
        .collect();
    reasons.join("; ")
}

/// Why the provider's side falls short: its margin against its target.
fn provider_shortfall(assessment: &Assessment, currency: Option<&str>) -> String {
    let side = &assessment.provider;
    let margin = money(side.margin, currency);
    let target = side.target_margin.normalize();
    match side.margin_pct {
        Some(pct) => format!(
            "its margin, {margin} a year ({} %), is below its target of {target} %",
            grouped(pct)
        ),
        None => format!("its margin, {margin} a year on no revenue, is below zero"),
    }
}
