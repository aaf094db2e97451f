//! SVS109 `offering-without-price`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("offering_without_price.md")]
pub struct OfferingWithoutPrice;

impl Rule for OfferingWithoutPrice {
    fn code(&self) -> Code {
        codes::OFFERING_WITHOUT_PRICE
    }

    fn doc(&self) -> &'static str {
        include_str!("offering_without_price.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            if offering.price.is_empty() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            offering.common.id.span,
                            &offering.common,
                            format!(
                                "offering `{}` has no price line",
                                offering.common.id.value
                            ),
                        )
                        .with_help("add its charges under `price`, or allow SVS109 on an offering that is not charged for (`lint: { allow: [SVS109] }`)"),
                );
            }
        }
    }
}
