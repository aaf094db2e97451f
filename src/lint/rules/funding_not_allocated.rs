//! SVS313 `funding-not-allocated`.
//!
//! Inside one organisation the provider's revenue and the consumer's cost are one sum of
//! money seen from two sides. Booked as a `funding` benefit, it reaches only the
//! provider's margin; booked as an imposed cost of category `allocation`, it is counted
//! on both sides at once (docs/format.md §5.8).

use crate::assess::annualise;
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::figures::money;
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::BenefitKind;

#[doc = include_str!("funding_not_allocated.md")]
pub struct FundingNotAllocated;

impl Rule for FundingNotAllocated {
    fn code(&self) -> Code {
        codes::FUNDING_NOT_ALLOCATED
    }

    fn doc(&self) -> &'static str {
        include_str!("funding_not_allocated.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        let currency = catalogue.metadata.currency.as_deref();
        let horizon = catalogue.metadata.horizon_months;
        for relationship in &catalogue.relationships {
            let provider = relationship.provider.index();
            let consumer = relationship.consumer.index();
            let organisation = index.ancestry.top(provider);
            if organisation != index.ancestry.top(consumer) {
                continue;
            }
            for benefit in &relationship.provision.benefits {
                if benefit.kind != BenefitKind::Funding {
                    continue;
                }
                let amount = benefit
                    .priced
                    .and_then(|p| annualise(p.amount, p.per, horizon))
                    .map_or_else(String::new, |a| {
                        format!(" ({} a year)", money(a, currency))
                    });
                out.push(
                    index
                        .finding(
                            self.code(),
                            benefit.span,
                            &relationship.common,
                            format!(
                                "relationship `{}`: funding `{}`{amount} is booked as a benefit \
                                 to the provider `{}`, but its consumer `{}` is part of the same \
                                 organisation `{}` and never sees that money",
                                relationship.common.id.value,
                                benefit.name,
                                relationship.provider.id,
                                relationship.consumer.id,
                                catalogue.organizations[organisation].common.id.value,
                            ),
                        )
                        .with_help(
                            "declare the charge once, as an imposed cost of category \
                             `allocation` on the relationship (`costs: { imposed: [{ name, \
                             category: allocation, amount, per }] }`): it is a cost to the \
                             consumer and revenue to the provider, so both sides book the \
                             same budget",
                        ),
                );
            }
        }
    }
}
