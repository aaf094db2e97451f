//! SVS110 `offering-service-provider-mismatch`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("offering_service_provider_mismatch.md")]
pub struct OfferingServiceProviderMismatch;

/// How to fix a service of `service_provider` in an offering of `offering_provider`
/// (organisation indices).
fn help(index: &Index<'_>, service_provider: usize, offering_provider: usize) -> String {
    let organizations = &index.catalogue.organizations;
    let service_id = &organizations[service_provider].common.id.value;
    let offering_id = &organizations[offering_provider].common.id.value;
    if index
        .ancestry
        .is_part_of(offering_provider, service_provider)
    {
        // Making the larger organisation part of its own part would be a `parent` cycle.
        format!(
            "`{offering_id}` is part of `{service_id}`, not the other way round: let `{service_id}` provide the offering"
        )
    } else {
        format!(
            "offer it through an offering of `{service_id}`, or make `{service_id}` part of `{offering_id}` through `parent` (as the members of a service alliance do)"
        )
    }
}

impl Rule for OfferingServiceProviderMismatch {
    fn code(&self) -> Code {
        codes::OFFERING_SERVICE_PROVIDER_MISMATCH
    }

    fn doc(&self) -> &'static str {
        include_str!("offering_service_provider_mismatch.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for offering in &catalogue.offerings {
            let offering_provider = offering.provider.index();
            for reference in &offering.services {
                let service = &catalogue.services[reference.index()];
                let service_provider = service.provider.index();
                if !index
                    .ancestry
                    .is_part_of(service_provider, offering_provider)
                {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                reference.span,
                                &offering.common,
                                format!(
                                    "offering `{}`: service `{}` is provided by `{}`, which is neither the offering's provider `{}` nor part of it",
                                    offering.common.id.value,
                                    service.common.id.value,
                                    service.provider.id,
                                    offering.provider.id,
                                ),
                            )
                            .with_help(help(index, service_provider, offering_provider)),
                    );
                }
            }
        }
    }
}
