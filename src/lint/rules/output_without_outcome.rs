//! SVS203 `output-without-outcome`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("output_without_outcome.md")]
pub struct OutputWithoutOutcome;

impl Rule for OutputWithoutOutcome {
    fn code(&self) -> Code {
        codes::OUTPUT_WITHOUT_OUTCOME
    }

    fn doc(&self) -> &'static str {
        include_str!("output_without_outcome.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for service in &index.catalogue.services {
            for output in &service.outputs {
                if output.enables.is_empty() {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                output.span,
                                &service.common,
                                format!(
                                    "service `{}`: output `{}` enables no outcome",
                                    service.common.id.value, output.name
                                ),
                            )
                            .with_help("list under `enables` the outcomes this output facilitates"),
                    );
                }
            }
        }
    }
}
