//! The `products` section: products and the resources each combines, by dimension
//! (docs/format.md §3.6).

use super::{Decoder, exact};
use crate::keys;
use crate::load::yaml::Node;
use crate::model::{Product, Resource};

impl Decoder<'_> {
    pub(super) fn product(&mut self, node: &Node) -> Option<Product> {
        let fields = self.mapping(node, &self.entity_what("product"), &keys::PRODUCT)?;
        let common = self.common(&fields, "product", true);
        let provider = self.required_ref(&fields, "provider", "the product");
        let targets = self.refs(&fields, "targets", "the product");
        let items = self.list(fields.get("resources"), "`resources`");
        let resources = exact(items, |item| self.resource(item));
        Some(Product {
            common: common?,
            provider: provider?,
            targets,
            resources,
        })
    }

    pub(super) fn resource(&mut self, node: &Node) -> Option<Resource> {
        let what = "a product resource";
        let fields = self.mapping(node, what, &keys::RESOURCE)?;
        let name = self.required_string(&fields, "name", what);
        let dimension = self
            .required(&fields, "dimension", what)
            .and_then(|n| self.dimension(n));
        let visible = fields.get("visible").map(|n| self.boolean(n, "`visible`"));
        Some(Resource {
            name: name?.value,
            dimension: dimension?,
            visible: visible.unwrap_or(Some(false))?,
            span: node.span,
        })
    }
}
