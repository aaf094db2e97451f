//! SVS101 `offering-without-target`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("offering_without_target.md")]
pub struct OfferingWithoutTarget;

impl Rule for OfferingWithoutTarget {
    fn code(&self) -> Code {
        codes::OFFERING_WITHOUT_TARGET
    }

    fn doc(&self) -> &'static str {
        include_str!("offering_without_target.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            if offering.targets.is_empty() {
                out.push(
                    index
                        .finding(
                            self.code(),
                            offering.common.id.span,
                            &offering.common,
                            format!(
                                "offering `{}` names no target consumer group",
                                offering.common.id.value
                            ),
                        )
                        .with_help("list the consumer groups it is designed for under `targets`"),
                );
            }
        }
    }
}
