//! SVS201 `service-without-outcome`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("service_without_outcome.md")]
pub struct ServiceWithoutOutcome;

impl Rule for ServiceWithoutOutcome {
    fn code(&self) -> Code {
        codes::SERVICE_WITHOUT_OUTCOME
    }

    fn doc(&self) -> &'static str {
        include_str!("service_without_outcome.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for service in &index.catalogue.services {
            if service
                .outputs
                .iter()
                .all(|output| output.enables.is_empty())
            {
                let what = if service.outputs.is_empty() {
                    "has no output"
                } else {
                    "has no output that enables an outcome"
                };
                out.push(
                    index
                        .finding(
                            self.code(),
                            service.common.id.span,
                            &service.common,
                            format!("service `{}` {what}", service.common.id.value),
                        )
                        .with_help(
                            "list under `outputs` what the service delivers and, under each \
                             output's `enables`, the outcomes it facilitates",
                        ),
                );
            }
        }
    }
}
