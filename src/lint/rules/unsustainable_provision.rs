//! SVS311 `unsustainable-provision`.

use crate::assess::provision::ProviderVerdict;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::figures::{grouped, money};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("unsustainable_provision.md")]
pub struct UnsustainableProvision;

impl Rule for UnsustainableProvision {
    fn code(&self) -> Code {
        codes::UNSUSTAINABLE_PROVISION
    }

    fn doc(&self) -> &'static str {
        include_str!("unsustainable_provision.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let currency = index.catalogue.metadata.currency.as_deref();
        for (relationship, assessment) in
            index.catalogue.relationships.iter().zip(&index.assessments)
        {
            // An assessment too large to compute has no margin to judge.
            let Some(assessment) = assessment else {
                continue;
            };
            let side = &assessment.provider;
            if side.verdict != ProviderVerdict::Unsustainable {
                continue;
            }
            let id = &relationship.common.id;
            let provider = &index.catalogue.organizations[relationship.provider.index()];
            let margin = money(side.margin, currency);
            // The target as written (`15`, `-12.5`), like every threshold quoted.
            let target = side.target_margin.normalize();
            // Without revenue the target asks for a margin of at least zero (§8.2).
            let shortfall = match side.margin_pct {
                Some(pct) => format!(
                    "{margin} a year ({} %), is below its target margin of {target} %",
                    grouped(pct)
                ),
                None => format!(
                    "{margin} a year on no revenue, is below zero and so misses its target \
                     margin of {target} %"
                ),
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        id.span,
                        &relationship.common,
                        format!(
                            "relationship `{}`: provider `{}`'s margin, {shortfall}",
                            id.value, provider.common.id.value
                        ),
                    )
                    .with_help(
                        "review the price against the cost of provision: the offering's \
                         `cost_to_serve`, the relationship's `provision` costs and risks, and \
                         its share of the services' `running_costs` and `depends_on`; or set \
                         the provider's `target_margin` if this is a planned subsidy",
                    ),
            );
        }
    }
}
