//! SVS304 `relationship-without-requirements`.

use crate::assess::{Reason, Verdict};
use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("relationship_without_requirements.md")]
pub struct RelationshipWithoutRequirements;

impl Rule for RelationshipWithoutRequirements {
    fn code(&self) -> Code {
        codes::RELATIONSHIP_WITHOUT_REQUIREMENTS
    }

    fn doc(&self) -> &'static str {
        include_str!("relationship_without_requirements.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for (relationship, assessment) in
            index.catalogue.relationships.iter().zip(&index.assessments)
        {
            // An assessment too large to compute has no verdict: nothing to say here.
            let Some(assessment) = assessment else {
                continue;
            };
            if assessment.verdict != Verdict::Unassessed {
                continue;
            }
            let mut missing = Vec::new();
            let mut add = Vec::new();
            for reason in &assessment.reasons {
                match reason {
                    Reason::NoOutcomeRequirements => {
                        missing.push("no required outcome");
                        add.push("`outcomes: [...]` (what the customer needs to achieve)");
                    }
                    Reason::NoWarrantyRequirements => {
                        missing.push("no warranty requirement to check");
                        add.push("a `warranty` block (the minimum acceptable assurance)");
                    }
                    _ => {}
                }
            }
            let id = &relationship.common.id;
            out.push(
                index
                    .finding(
                        self.code(),
                        id.span,
                        &relationship.common,
                        format!(
                            "relationship `{}` cannot be assessed: {}",
                            id.value,
                            missing.join(" and ")
                        ),
                    )
                    .with_help(format!("add {} under `requirements`", add.join(" and "))),
            );
        }
    }
}
