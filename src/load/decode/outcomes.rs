//! The `outcomes` section: the results consumers want, each a performance or a
//! constraint (docs/format.md §3.5).

use super::Decoder;
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Kind, Outcome, OutcomeKind};

/// The words of an outcome's `kind`.
pub(crate) const OUTCOME_KINDS: &[(&str, OutcomeKind)] = &[
    ("performance", OutcomeKind::Performance),
    ("constraint", OutcomeKind::Constraint),
];

impl Decoder<'_> {
    pub(super) fn outcome(&mut self, node: &Node) -> Option<Outcome> {
        let fields = self.mapping(
            node,
            &self.entity_what(Kind::Outcome.noun()),
            &keys::OUTCOME,
        )?;
        let common = self.common(&fields, Kind::Outcome.noun(), true);
        let kind = self
            .required(&fields, names::KIND, "the outcome")
            .and_then(|n| self.choice(n, "`kind`", OUTCOME_KINDS));
        Some(Outcome {
            common: common?,
            kind: kind?,
        })
    }
}
