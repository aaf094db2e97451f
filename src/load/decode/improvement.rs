//! A relationship's `management` block and the `improvements` section (docs/format.md
//! §3.12, SPEC §11.1): who manages the relationship on each side, how often they review it,
//! and the register of what they mean to improve.

use super::Decoder;
use super::offerings::PER_SYNONYMS;
use crate::keys::{self, names};
use crate::load::yaml::Node;
use crate::model::{Cadence, Management};

/// The words of a management block's `cadence`.
pub(crate) const CADENCES: &[(&str, Cadence)] = &[
    ("month", Cadence::Month),
    ("quarter", Cadence::Quarter),
    ("year", Cadence::Year),
];

impl Decoder<'_> {
    /// The joint activities of a relationship.
    pub(super) fn management(&mut self, node: &Node) -> Option<Management> {
        let what = "the `management` block";
        let fields = self.mapping(node, what, &keys::MANAGEMENT)?;
        let manager = self.required_ref(&fields, names::MANAGER, what);
        let counterpart = self.required_ref(&fields, names::COUNTERPART, what);
        let cadence = self.required(&fields, names::CADENCE, what).and_then(|n| {
            let word = self.choice_with(n, "`management.cadence`", CADENCES, PER_SYNONYMS)?;
            Some((word, n.span))
        });
        let last_review = match fields.get(names::LAST_REVIEW) {
            Some(n) => Some(self.date(n, "`management.last_review`")?),
            None => None,
        };
        let (cadence, cadence_span) = cadence?;
        Some(Management {
            manager: manager?,
            counterpart: counterpart?,
            cadence,
            cadence_span,
            last_review,
            span: node.span,
        })
    }
}
