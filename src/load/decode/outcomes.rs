//! The `outcomes` section: the results consumers want, each a performance or a
//! constraint (docs/format.md §3.5).

use super::Decoder;
use crate::keys;
use crate::load::yaml::Node;
use crate::model::{Outcome, OutcomeKind};

/// The words of an outcome's `kind`.
pub(crate) const OUTCOME_KINDS: &[(&str, OutcomeKind)] = &[
    ("performance", OutcomeKind::Performance),
    ("constraint", OutcomeKind::Constraint),
];

impl Decoder<'_> {
    pub(super) fn outcome(&mut self, node: &Node) -> Option<Outcome> {
        let fields = self.mapping(node, &self.entity_what("outcome"), &keys::OUTCOME)?;
        let common = self.common(&fields, "outcome", true);
        let kind = self
            .required(&fields, "kind", "the outcome")
            .and_then(|n| self.choice(n, "`kind`", OUTCOME_KINDS));
        Some(Outcome {
            common: common?,
            kind: kind?,
        })
    }
}
