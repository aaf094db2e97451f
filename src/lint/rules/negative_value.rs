//! SVS308 `negative-value`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::figures::money;

#[doc = include_str!("negative_value.md")]
pub struct NegativeValue;

impl Rule for NegativeValue {
    fn code(&self) -> Code {
        codes::NEGATIVE_VALUE
    }

    fn doc(&self) -> &'static str {
        include_str!("negative_value.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let currency = index.catalogue.metadata.currency.as_deref();
        for (relationship, assessment) in
            index.catalogue.relationships.iter().zip(&index.assessments)
        {
            // An assessment too large to compute has no net value to judge.
            let Some(assessment) = assessment else {
                continue;
            };
            let net = assessment.net_value;
            if net.is_sign_negative() && !net.is_zero() {
                let id = &relationship.common.id;
                out.push(
                    index
                        .finding(
                            self.code(),
                            id.span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: net value is below zero ({} a year)",
                                id.value,
                                money(net, currency)
                            ),
                        )
                        .with_help(
                            "the costs and risks imposed on the consumer outweigh those removed: \
                             review the price, the quantity, or what the service takes off the \
                             consumer",
                        ),
                );
            }
        }
    }
}
