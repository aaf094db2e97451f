//! A relationship's `management` block, as custom rules read it on `self.management`
//! (SPEC §11.1): references as the ids written, the cadence as its word, dates as text in
//! their written form.

use cel::Value;

use super::{Object, text};
use crate::keys::names;
use crate::lint::custom::shape::Shape;
use crate::model::Management;

/// Who manages the relationship and how often it is reviewed.
pub(super) fn management(management: &Management, shape: &Shape) -> Value {
    let mut v = Object::new(shape);
    v.set(names::MANAGER, |_| text(&management.manager.id))
        .set(names::COUNTERPART, |_| text(&management.counterpart.id))
        .set(names::CADENCE, |_| text(management.cadence.word()))
        .maybe(names::LAST_REVIEW, |_| {
            management
                .last_review
                .as_ref()
                .map(|d| text(&d.value.to_string()))
        });
    v.build()
}
