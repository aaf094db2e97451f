//! SVS309 `unknown-outcome-requirement`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("unknown_outcome_requirement.md")]
pub struct UnknownOutcomeRequirement;

impl Rule for UnknownOutcomeRequirement {
    fn code(&self) -> Code {
        codes::UNKNOWN_OUTCOME_REQUIREMENT
    }

    fn doc(&self) -> &'static str {
        include_str!("unknown_outcome_requirement.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for relationship in &index.catalogue.relationships {
            for required in &relationship.requirements.outcomes {
                let outcome = &required.outcome;
                if !index.facilitated_anywhere[outcome.index()] {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                outcome.span,
                                &relationship.common,
                                format!(
                                    "relationship `{}`: required outcome `{}` is facilitated by no \
                                     service in the catalogue",
                                    relationship.common.id.value, outcome.id
                                ),
                            )
                            .with_help(format!(
                                "list `{}` under `enables` of the output of a service that \
                                 achieves it, or drop the requirement",
                                outcome.id
                            )),
                    );
                }
            }
        }
    }
}
