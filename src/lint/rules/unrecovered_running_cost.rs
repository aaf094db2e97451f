//! SVS207 `unrecovered-running-cost`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::figures::money;
use crate::lint::Rule;
use crate::lint::index::Index;

#[doc = include_str!("unrecovered_running_cost.md")]
pub struct UnrecoveredRunningCost;

impl Rule for UnrecoveredRunningCost {
    fn code(&self) -> Code {
        codes::UNRECOVERED_RUNNING_COST
    }

    fn doc(&self) -> &'static str {
        include_str!("unrecovered_running_cost.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        let currency = index.catalogue.metadata.currency.as_deref();
        for (s, service) in index.catalogue.services.iter().enumerate() {
            if service.running_costs.is_empty() && service.depends_on.is_empty() {
                continue;
            }
            if index.flow.users(s) > 0 {
                continue;
            }
            let id = &service.common.id;
            // A pool too large to compute exactly is still unrecovered; it is only not
            // quoted.
            let what = match index.flow.pool(s) {
                Some(pool) => format!("its costs of {} a year", money(pool, currency)),
                None => "its costs".to_owned(),
            };
            out.push(
                index
                    .finding(
                        self.code(),
                        id.span,
                        &service.common,
                        format!(
                            "service `{}`: {what} are recovered from no relationship: no \
                             relationship's offering includes the service",
                            id.value
                        ),
                    )
                    .with_help(
                        "include the service in an offering that a relationship consumes, or, \
                         if it is retired, remove its `running_costs` and `depends_on`",
                    ),
            );
        }
    }
}
