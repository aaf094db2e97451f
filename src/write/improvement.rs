//! A relationship's `management` block and the improvements of the continual improvement
//! register as [`Map`]s (SPEC §11.1): references by id, cadences and statuses in the
//! format's words, dates as the loader reads them.

use super::Map;
use crate::keys;
use crate::keys::names::{CADENCE, COUNTERPART, LAST_REVIEW, MANAGER};
use crate::model::Management;

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
