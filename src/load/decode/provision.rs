//! The provider's side of the format (docs/format.md §8): a service's `running_costs`, an
//! offering's `cost_to_serve`, a relationship's `provision` block (costs, risks,
//! benefits) and the `effects` a relationship has on its other stakeholders.
//!
//! Costs of provision share one shape (name, dimension, amount, per; `unit` only on a
//! cost to serve). Benefits and effects may be left unpriced, but `amount` and `per` come
//! together or not at all.

use super::{Decoder, Fields, exact};
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{
    Benefit, BenefitKind, Dimension, Effect, EffectDirection, Priced, Provision, ProvisionCost,
};

/// The words of `dimension`: the four dimensions of service management.
pub(crate) const DIMENSIONS: &[(&str, Dimension)] = &[
    (
        "organizations-and-people",
        Dimension::OrganizationsAndPeople,
    ),
    (
        "information-and-technology",
        Dimension::InformationAndTechnology,
    ),
    ("partners-and-suppliers", Dimension::PartnersAndSuppliers),
    (
        "value-streams-and-processes",
        Dimension::ValueStreamsAndProcesses,
    ),
];

/// The words of a benefit's `kind`.
pub(crate) const BENEFIT_KINDS: &[(&str, BenefitKind)] = &[
    ("funding", BenefitKind::Funding),
    ("business-development", BenefitKind::BusinessDevelopment),
    ("image", BenefitKind::Image),
    ("knowledge", BenefitKind::Knowledge),
    ("other", BenefitKind::Other),
];

/// The words of an effect's `direction`.
pub(crate) const EFFECT_DIRECTIONS: &[(&str, EffectDirection)] = &[
    ("gain", EffectDirection::Gain),
    ("loss", EffectDirection::Loss),
];

/// Which list a cost of provision comes from.
#[derive(Clone, Copy)]
pub(super) enum CostOf {
    /// `services[].running_costs`.
    Running,
    /// `offerings[].cost_to_serve`.
    Serving,
    /// `relationships[].provision.costs`.
    Provision,
}

impl Decoder<'_> {
    /// One of the four dimensions of service management.
    pub(super) fn dimension(&mut self, node: &Node) -> Option<Dimension> {
        self.choice(node, "`dimension`", DIMENSIONS)
    }

    /// The costs of one list of costs of provision (absent or `~` is none).
    pub(super) fn provision_costs(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        of: CostOf,
    ) -> Vec<ProvisionCost> {
        let items = self.list(fields.get(key), &format!("`{key}`"));
        exact(items, |item| self.provision_cost(item, of))
    }

    fn provision_cost(&mut self, node: &Node, of: CostOf) -> Option<ProvisionCost> {
        let (what, fields) = match of {
            CostOf::Running => {
                let what = "a running cost";
                (what, self.mapping(node, what, &keys::RUNNING_COST))
            }
            CostOf::Serving => {
                let what = "a cost to serve";
                (what, self.mapping(node, what, &keys::COST_TO_SERVE))
            }
            CostOf::Provision => {
                let what = "a provision cost";
                (what, self.mapping(node, what, &keys::PROVISION_COST))
            }
        };
        let fields = fields?;
        let name = self.required_string(&fields, names::NAME, what);
        let dimension = self
            .required(&fields, names::DIMENSION, what)
            .and_then(|n| self.dimension(n));
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, "`amount`"));
        let per = self.per(&fields, what);
        // Only a cost to serve is per unit; the others do not declare `unit`.
        let unit = match of {
            CostOf::Serving => self.optional_string(&fields, names::UNIT, what),
            CostOf::Running | CostOf::Provision => None,
        };
        Some(ProvisionCost {
            name: name?.value,
            dimension: dimension?,
            amount: amount?,
            per: per?,
            unit,
            span: node.span,
        })
    }

    /// `amount` and `per` together, or neither: `Some(None)` when unpriced, `None` when
    /// one is missing or either is bad (after reporting why), as the other optional
    /// values of the decoder do.
    #[allow(clippy::option_option)]
    fn priced(&mut self, fields: &Fields<'_>, what: &str) -> Option<Option<Priced>> {
        match (fields.get(names::AMOUNT), fields.get(names::PER)) {
            (None, None) => Some(None),
            (Some(amount), None) => {
                self.amount(amount, "`amount`");
                self.invalid(
                    amount.span,
                    format!("{what} has an `amount` but no `per`: they come together"),
                )
                .help = Some(
                    "add `per: once`, `month`, `quarter` or `year`, or remove `amount` to \
                     leave it unpriced"
                        .to_owned(),
                );
                None
            }
            (None, Some(per)) => {
                self.invalid(
                    per.span,
                    format!("{what} has a `per` but no `amount`: they come together"),
                )
                .help = Some("add the `amount`, or remove `per` to leave it unpriced".to_owned());
                None
            }
            (Some(amount), Some(_)) => {
                let amount = self.amount(amount, "`amount`");
                let per = self.per(fields, what);
                Some(Some(Priced {
                    amount: amount?,
                    per: per?,
                }))
            }
        }
    }

    /// A relationship's `provision` block.
    pub(super) fn provision(&mut self, node: &Node) -> Option<Provision> {
        let fields = self.mapping(node, "`provision`", &keys::PROVISION)?;
        let costs = self.provision_costs(&fields, names::COSTS, CostOf::Provision);
        let items = self.list(fields.get(names::RISKS), "`provision.risks`");
        let risks = exact(items, |item| self.risk_item(item, "a provision risk"));
        let items = self.list(fields.get(names::BENEFITS), "`provision.benefits`");
        let benefits = exact(items, |item| self.benefit(item));
        Some(Provision {
            costs,
            risks,
            benefits,
        })
    }

    fn benefit(&mut self, node: &Node) -> Option<Benefit> {
        let what = "a benefit";
        let fields = self.mapping(node, what, &keys::BENEFIT)?;
        let name = self.required_string(&fields, names::NAME, what);
        let kind = self
            .required(&fields, names::KIND, what)
            .and_then(|n| self.choice(n, "the `kind` of a benefit", BENEFIT_KINDS));
        let priced = self.priced(&fields, what);
        Some(Benefit {
            name: name?.value,
            kind: kind?,
            priced: priced?,
            span: node.span,
        })
    }

    /// The `effects` of a stakeholder.
    pub(super) fn effects(&mut self, fields: &Fields<'_>) -> Vec<Effect> {
        let items = self.list(fields.get(names::EFFECTS), "`effects`");
        exact(items, |item| self.effect(item))
    }

    fn effect(&mut self, node: &Node) -> Option<Effect> {
        let what = "an effect";
        let fields = self.mapping(node, what, &keys::EFFECT)?;
        let name = self.required_string(&fields, names::NAME, what);
        let direction = fields
            .get(names::DIRECTION)
            .map(|n| self.choice(n, "`direction`", EFFECT_DIRECTIONS));
        let priced = self.priced(&fields, what);
        Some(Effect {
            name: name?.value,
            direction: direction.unwrap_or(Some(EffectDirection::Gain))?,
            priced: priced?,
            span: node.span,
        })
    }
}
