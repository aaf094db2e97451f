//! SVS205 `dependency-not-consumed`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("dependency_not_consumed.md")]
pub struct DependencyNotConsumed;

impl Rule for DependencyNotConsumed {
    fn code(&self) -> Code {
        codes::DEPENDENCY_NOT_CONSUMED
    }

    fn doc(&self) -> &'static str {
        include_str!("dependency_not_consumed.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let catalogue = index.catalogue;
        for service in &catalogue.services {
            let provider = service.provider.index();
            for dependency in &service.depends_on {
                let relationship = &catalogue.relationships[dependency.index()];
                let consumer = relationship.consumer.index();
                if consumer != provider {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                dependency.span,
                                &service.common,
                                format!(
                                    "service `{}`: depends on relationship `{}`, whose consumer \
                                     is `{}`, not the service's provider `{}`",
                                    service.common.id.value,
                                    relationship.common.id.value,
                                    catalogue.organizations[consumer].common.id.value,
                                    service.provider.id,
                                ),
                            )
                            .with_help(format!(
                                "list under `depends_on` only relationships in which `{}` is the \
                                 consumer",
                                service.provider.id
                            )),
                    );
                }
            }
        }
    }
}
