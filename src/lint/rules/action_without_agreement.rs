//! SVS107 `action-without-agreement`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("action_without_agreement.md")]
pub struct ActionWithoutAgreement;

impl Rule for ActionWithoutAgreement {
    fn code(&self) -> Code {
        codes::ACTION_WITHOUT_AGREEMENT
    }

    fn doc(&self) -> &'static str {
        include_str!("action_without_agreement.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            for action in &offering.actions {
                // A blank agreement agrees on nothing, like a missing one.
                let Some(span) = super::missing_text(action.span, action.agreement.as_ref()) else {
                    continue;
                };
                out.push(
                    index
                        .finding(
                            self.code(),
                            span,
                            &offering.common,
                            format!(
                                "offering `{}`: action `{}` is performed under no agreement",
                                offering.common.id.value, action.name.value
                            ),
                        )
                        .with_help("name the agreement it is performed under in `agreement`, e.g. a service level agreement"),
                );
            }
        }
    }
}
