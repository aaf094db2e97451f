//! A relationship's `management` block and the improvements of the continual improvement
//! register as [`Map`]s (SPEC §11.1): references by id, cadences and statuses in the
//! format's words, dates as the loader reads them.

use super::entities::{Entity, common};
use super::{Map, word_of};
use crate::keys;
use crate::keys::names::{
    AMOUNT, CADENCE, COSTS_REMOVED, COUNTERPART, DONE, DUE, EXPECTED, LAST_REVIEW, MANAGER, NAME,
    OWNER, PER, RAISED, RELATIONSHIP, RISKS_REMOVED, STATUS,
};
use crate::load::decode::evidence;
use crate::model::{ExpectedAmount, Improvement, Kind, Management};

/// Who manages a relationship and how often it is reviewed.
pub(super) fn management(management: &Management) -> Map {
    Map::new(&keys::MANAGEMENT)
        .text(MANAGER, &management.manager.id)
        .text(COUNTERPART, &management.counterpart.id)
        .word(CADENCE, management.cadence.word())
        .maybe_word(
            LAST_REVIEW,
            management.last_review.as_ref().map(|d| d.value.to_string()),
        )
}

impl Entity for Improvement {
    const KIND: Kind = Kind::Improvement;

    fn map(&self) -> Map {
        let date = |d: &crate::model::Spanned<jiff::civil::Date>| d.value.to_string();
        let expected = self.expected.as_ref().map(|e| {
            Map::new(&keys::EXPECTED)
                .maybe_map(COSTS_REMOVED, e.costs_removed.as_ref().map(amount))
                .maybe_map(RISKS_REMOVED, e.risks_removed.as_ref().map(amount))
        });
        common(&keys::IMPROVEMENT, &self.common)
            .text(RELATIONSHIP, &self.relationship.id)
            .text(NAME, &self.name)
            .text(OWNER, &self.owner.id)
            .word(STATUS, self.status.word())
            .word(RAISED, &date(&self.raised))
            .maybe_word(DUE, self.due.as_ref().map(date))
            .maybe_word(DONE, self.done.as_ref().map(date))
            .maybe_map(EXPECTED, expected)
    }
}

/// An amount per month, quarter or year.
fn amount(amount: &ExpectedAmount) -> Map {
    Map::new(&keys::EXPECTED_AMOUNT)
        .number(AMOUNT, amount.amount)
        .word(PER, word_of(evidence::BUDGET_PERS, &amount.per))
}
