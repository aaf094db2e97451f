//! The `services` section: services, their outputs and what each output enables
//! (docs/format.md §3.7).

use super::provision::CostOf;
use super::{Decoder, exact};
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Kind, Output, Service};

impl Decoder<'_> {
    pub(super) fn service(&mut self, node: &Node) -> Option<Service> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Service.noun()),
            &keys::SERVICE,
        )?;
        let common = self.common(&fields, Kind::Service.noun(), true);
        let provider = self.required_ref(&fields, names::PROVIDER, "the service");
        let products = self.refs(&fields, names::PRODUCTS, "the service");
        let items = self.list(fields.get(names::OUTPUTS), "`outputs`");
        let outputs = exact(items, |item| self.output(item));
        let warranty = fields
            .get(names::WARRANTY)
            .and_then(|n| self.warranty(n, "the service's `warranty`"));
        let depends_on = self.refs(&fields, names::DEPENDS_ON, "the service");
        let running_costs = self.provision_costs(&fields, names::RUNNING_COSTS, CostOf::Running);
        Some(Service {
            common: common?,
            provider: provider?,
            products,
            outputs,
            warranty,
            depends_on,
            running_costs,
        })
    }

    pub(super) fn output(&mut self, node: &Node) -> Option<Output> {
        let what = "an output";
        let fields = self.mapping(node, what, &keys::OUTPUT)?;
        let name = self.required_string(&fields, names::NAME, what);
        let enables = self.refs(&fields, names::ENABLES, "the output");
        Some(Output {
            name: name?.value,
            enables,
            span: node.span,
        })
    }
}
