//! SVS104 `goods-ownership-retained`.

use crate::diagnostic::{Code, Diagnostic, codes};
use crate::lint::Rule;
use crate::lint::index::Index;
use crate::model::Ownership;

#[doc = include_str!("goods_ownership_retained.md")]
pub struct GoodsOwnershipRetained;

impl Rule for GoodsOwnershipRetained {
    fn code(&self) -> Code {
        codes::GOODS_OWNERSHIP_RETAINED
    }

    fn doc(&self) -> &'static str {
        include_str!("goods_ownership_retained.md")
    }

    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
        for offering in &index.catalogue.offerings {
            for goods in &offering.goods {
                if goods.ownership.value == Ownership::Retained {
                    out.push(
                        index
                            .finding(
                                self.code(),
                                goods.ownership.span,
                                &offering.common,
                                format!(
                                    "offering `{}`: goods `{}` keep their ownership with the provider",
                                    offering.common.id.value, goods.name.value
                                ),
                            )
                            .with_help("list it under `access`: ownership of goods passes to the consumer"),
                    );
                }
            }
        }
    }
}
