//! SVS206 `service-product-provider-mismatch`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("service_product_provider_mismatch.md")]
pub struct ServiceProductProviderMismatch;

impl Rule for ServiceProductProviderMismatch {
    fn code(&self) -> Code {
        codes::SERVICE_PRODUCT_PROVIDER_MISMATCH
    }

    fn doc(&self) -> &'static str {
        include_str!("service_product_provider_mismatch.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for service in &catalogue.services {
            let provider = service.provider.index();
            for reference in &service.products {
                let product = &catalogue.products[reference.index()];
                let owner = product.provider.index();
                if !index.ancestry.is_part_of(owner, provider) {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                reference.span,
                                &service.common,
                                format!(
                                    "service `{}`: product `{}` is provided by `{}`, which is \
                                     neither the service's provider `{}` nor part of it",
                                    service.common.id.value,
                                    product.common.id.value,
                                    product.provider.id,
                                    service.provider.id,
                                ),
                            )
                            .with_help(format!(
                                "consume `{}`'s service through a relationship listed under \
                                 `depends_on`, or build on a product of `{}`",
                                product.provider.id, service.provider.id
                            )),
                    );
                }
            }
        }
    }
}
