//! SVS105 `access-ownership-transferred`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::Ownership;

#[doc = include_str!("access_ownership_transferred.md")]
pub struct AccessOwnershipTransferred;

impl Rule for AccessOwnershipTransferred {
    fn code(&self) -> Code {
        codes::ACCESS_OWNERSHIP_TRANSFERRED
    }

    fn doc(&self) -> &'static str {
        include_str!("access_ownership_transferred.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            for access in &offering.access {
                if access.ownership.value == Ownership::Transferred {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                access.ownership.span,
                                &offering.common,
                                format!(
                                    "offering `{}`: access `{}` transfers its ownership to the consumer",
                                    offering.common.id.value, access.name.value
                                ),
                            )
                            .with_help("list it under `goods`: ownership of access to resources stays with the provider"),
                    );
                }
            }
        }
    }
}
