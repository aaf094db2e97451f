//! The `products` section: products and the resources each combines, by dimension
//! (docs/format.md §3.6).

use super::{Decoder, exact};
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Kind, Product, Resource};

impl Decoder<'_> {
    pub(super) fn product(&mut self, node: &Node) -> Option<Product> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Product.noun()),
            &keys::PRODUCT,
        )?;
        let common = self.common(&fields, Kind::Product.noun(), true);
        let provider = self.required_ref(&fields, names::PROVIDER, "the product");
        let targets = self.refs(&fields, names::TARGETS, "the product");
        let items = self.list(fields.get(names::RESOURCES), "`resources`");
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
        let name = self.required_string(&fields, names::NAME, what);
        let dimension = self
            .required(&fields, names::DIMENSION, what)
            .and_then(|n| self.dimension(n));
        let visible = fields
            .get(names::VISIBLE)
            .map(|n| self.boolean(n, "`visible`"));
        Some(Resource {
            name: name?.value,
            dimension: dimension?,
            visible: visible.unwrap_or(Some(false))?,
            span: node.span,
        })
    }
}
