//! SVS108 `offering-without-warranty`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::Warranty;

#[doc = include_str!("offering_without_warranty.md")]
pub struct OfferingWithoutWarranty;

/// Whether an optional warranty block declares at least one aspect.
fn declares(warranty: Option<&Warranty>) -> bool {
    warranty.is_some_and(Warranty::declares_any)
}

impl Rule for OfferingWithoutWarranty {
    fn code(&self) -> Code {
        codes::OFFERING_WITHOUT_WARRANTY
    }

    fn doc(&self) -> &'static str {
        include_str!("offering_without_warranty.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let services = &index.catalogue.services;
        for offering in &index.catalogue.offerings {
            // Linear overall: each offering looks only at its own list of services.
            let assured = declares(offering.warranty.as_ref())
                || offering
                    .services
                    .iter()
                    .any(|s| declares(services[s.index()].warranty.as_ref()));
            if !assured {
                out.push(
                    index
                        .finding(
                            self.code(),
                            offering.common.id.span,
                            &offering.common,
                            format!(
                                "offering `{}`: neither it nor any of its services declares a warranty",
                                offering.common.id.value
                            ),
                        )
                        .with_help("declare what is assured (availability, capacity, service levels, continuity or security) in a `warranty` block on the offering or its services"),
                );
            }
        }
    }
}
