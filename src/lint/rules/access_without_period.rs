//! SVS106 `access-without-period`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("access_without_period.md")]
pub struct AccessWithoutPeriod;

impl Rule for AccessWithoutPeriod {
    fn code(&self) -> Code {
        codes::ACCESS_WITHOUT_PERIOD
    }

    fn doc(&self) -> &'static str {
        include_str!("access_without_period.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            for access in &offering.access {
                // A blank period agrees on nothing, like a missing one.
                let Some(span) = super::missing_text(access.span, access.period.as_ref()) else {
                    continue;
                };
                out.push(
                    index
                        .finding(
                            self.code(),
                            span,
                            &offering.common,
                            format!(
                                "offering `{}`: access `{}` has no agreed consumption period",
                                offering.common.id.value, access.name.value
                            ),
                        )
                        .with_help("state the agreed consumption period under `period`, e.g. `contract term`"),
                );
            }
        }
    }
}
