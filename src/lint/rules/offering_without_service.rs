//! SVS102 `offering-without-service`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("offering_without_service.md")]
pub struct OfferingWithoutService;

impl Rule for OfferingWithoutService {
    fn code(&self) -> Code {
        codes::OFFERING_WITHOUT_SERVICE
    }

    fn doc(&self) -> &'static str {
        include_str!("offering_without_service.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            if offering.services.is_empty() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            offering.common.id.span,
                            &offering.common,
                            format!(
                                "offering `{}` describes no service",
                                offering.common.id.value
                            ),
                        )
                        .with_help("list the services it describes under `services`"),
                );
            }
        }
    }
}
