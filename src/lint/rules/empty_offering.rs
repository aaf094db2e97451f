//! SVS103 `empty-offering`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("empty_offering.md")]
pub struct EmptyOffering;

impl Rule for EmptyOffering {
    fn code(&self) -> Code {
        codes::EMPTY_OFFERING
    }

    fn doc(&self) -> &'static str {
        include_str!("empty_offering.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            if offering.goods.is_empty()
                && offering.access.is_empty()
                && offering.actions.is_empty()
            {
                out.push(
                    index
                        .finding(
                            self.code(),
                            offering.common.id.span,
                            &offering.common,
                            format!(
                                "offering `{}` has no goods, access or actions",
                                offering.common.id.value
                            ),
                        )
                        .with_help(
                            "describe what the consumer receives under `goods`, `access` or `actions`",
                        ),
                );
            }
        }
    }
}
