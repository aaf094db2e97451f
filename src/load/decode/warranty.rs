//! Warranty blocks, as a service or an offering promises them and as a relationship
//! requires them: availability, capacity, service levels, continuity and security
//! (docs/format.md §3.8).

use crate::keys::{self, names};
use rust_decimal::Decimal;

use super::{Decoder, Fields};
use crate::load::yaml::{Node, NodeKind};
use crate::model::{Capacity, Continuity, Direction, ServiceLevel, Spanned, Warranty};

impl Decoder<'_> {
    pub(super) fn warranty(&mut self, node: &Node, what: &str) -> Option<Warranty> {
        let fields = self.mapping(node, what, &keys::WARRANTY)?;
        let availability = fields.get(names::AVAILABILITY).and_then(|n| {
            let value = self.bounded(
                n,
                "`availability`",
                |d| d > Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                "above 0 and at most 100 (percent)",
            )?;
            Some(Spanned::new(value, n.span))
        });
        let items = self.list(fields.get(names::CAPACITY), "`capacity`");
        let mut capacity: Vec<Capacity> = Vec::with_capacity(items.len());
        for item in items {
            let Some(inner) = self.mapping(item, "a capacity item", &keys::CAPACITY) else {
                continue;
            };
            let metric = self.required_string(&inner, names::METRIC, "a capacity item");
            let value = self
                .required(&inner, names::VALUE, "a capacity item")
                .and_then(|n| self.bounded(n, "`value`", |d| !d.is_sign_negative(), "0 or more"));
            let (Some(metric), Some(value)) = (metric, value) else {
                continue;
            };
            if capacity.iter().any(|c| c.metric.value == metric.value) {
                self.invalid(
                    metric.span,
                    format!("capacity metric `{}` appears twice in {what}", metric.value),
                );
                continue;
            }
            capacity.push(Capacity { metric, value });
        }
        let items = self.list(fields.get(names::SERVICE_LEVELS), "`service_levels`");
        let mut service_levels: Vec<ServiceLevel> = Vec::with_capacity(items.len());
        for item in items {
            if let Some(level) = self.service_level(item) {
                if service_levels
                    .iter()
                    .any(|l| l.metric.value == level.metric.value && l.direction == level.direction)
                {
                    self.invalid(
                        level.metric.span,
                        format!(
                            "service level `{}` with the same bound appears twice in {what}",
                            level.metric.value
                        ),
                    );
                    continue;
                }
                service_levels.push(level);
            }
        }
        let mut continuity = Continuity::default();
        if let Some(block) = fields.get(names::CONTINUITY) {
            if let Some(inner) = self.mapping(block, "`continuity`", &keys::CONTINUITY) {
                continuity.rto_hours = self.hours(&inner, names::RTO_HOURS);
                continuity.rpo_hours = self.hours(&inner, names::RPO_HOURS);
            }
        }
        let security = self.controls(fields.get(names::SECURITY), "`security`", what);
        Some(Warranty {
            availability,
            capacity,
            service_levels,
            continuity,
            security,
            span: node.span,
        })
    }

    /// A list of security controls, each a name written once in `what`.
    pub(super) fn controls(
        &mut self,
        node: Option<&Node>,
        key: &str,
        what: &str,
    ) -> Vec<Spanned<String>> {
        let items = self.list(node, key);
        let mut security: Vec<Spanned<String>> = Vec::with_capacity(items.len());
        for item in items {
            // A control is a name: `1` and `'1'` would be one control to svs and two
            // values to a JSON Schema, so a number or boolean is refused.
            if matches!(item.kind, NodeKind::Number | NodeKind::Bool(_)) {
                let found = item.kind.describe();
                self.invalid(
                    item.span,
                    format!("a security control is a name, found {found}"),
                )
                .help = Some("quote it if it is the control's name".to_owned());
                continue;
            }
            let Some(control) = self.string(item, "a security control") else {
                continue;
            };
            if security.iter().any(|c| c.value == control.value) {
                self.invalid(
                    control.span,
                    format!(
                        "security control `{}` appears twice in {what}",
                        control.value
                    ),
                );
                continue;
            }
            security.push(control);
        }
        security
    }

    pub(super) fn hours(&mut self, fields: &Fields<'_>, key: &str) -> Option<Spanned<Decimal>> {
        let node = fields.get(key)?;
        let value = self.bounded(
            node,
            &format!("`{key}`"),
            |d| !d.is_sign_negative(),
            "0 or more",
        )?;
        Some(Spanned::new(value, node.span))
    }

    pub(super) fn service_level(&mut self, node: &Node) -> Option<ServiceLevel> {
        let what = "a service level";
        let fields = self.mapping(node, what, &keys::SERVICE_LEVEL)?;
        let metric = self.required_string(&fields, names::METRIC, what);
        let bound = match (fields.get(names::MAX), fields.get(names::MIN)) {
            (Some(n), None) => Some((Direction::Max, n)),
            (None, Some(n)) => Some((Direction::Min, n)),
            (Some(_), Some(n)) => {
                self.invalid(
                    n.span,
                    "a service level has exactly one of `max` and `min`, found both",
                );
                None
            }
            (None, None) => {
                self.invalid(
                    fields.span,
                    "a service level needs exactly one of `max` and `min`",
                );
                None
            }
        };
        let (direction, node) = bound?;
        let key = if direction == Direction::Max {
            "`max`"
        } else {
            "`min`"
        };
        let bound = self.bounded(node, key, |d| !d.is_sign_negative(), "0 or more")?;
        Some(ServiceLevel {
            metric: metric?,
            direction,
            bound,
        })
    }
}
