//! SVS202 `service-without-product`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("service_without_product.md")]
pub struct ServiceWithoutProduct;

impl Rule for ServiceWithoutProduct {
    fn code(&self) -> Code {
        codes::SERVICE_WITHOUT_PRODUCT
    }

    fn doc(&self) -> &'static str {
        include_str!("service_without_product.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for service in &index.catalogue.services {
            if service.products.is_empty() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            service.common.id.span,
                            &service.common,
                            format!(
                                "service `{}` is built on no product",
                                service.common.id.value
                            ),
                        )
                        .with_help(
                            "list under `products` the configurations of resources the service \
                             is built on",
                        ),
                );
            }
        }
    }
}
