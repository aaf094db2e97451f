//! A relationship's `management` block and the `improvements` section (docs/format.md
//! §3.10 and §3.14, SPEC §11.1): who manages the relationship on each side, how often they review it,
//! and the register of what they mean to improve.

use super::Decoder;
use super::evidence::BUDGET_PERS;
use super::offerings::PER_SYNONYMS;
use crate::keys::{self, Mapping, names};
use crate::load::yaml::Node;
use crate::model::{
    Cadence, Expected, ExpectedAmount, Improvement, ImprovementStatus, Kind, Management,
};

/// The words of a management block's `cadence`.
pub(crate) const CADENCES: &[(&str, Cadence)] = &[
    ("month", Cadence::Month),
    ("quarter", Cadence::Quarter),
    ("year", Cadence::Year),
];

/// The words of an improvement's `status`. The status `done` is spelled as the key that
/// dates it.
pub(crate) const STATUSES: &[(&str, ImprovementStatus)] = &[
    ("proposed", ImprovementStatus::Proposed),
    ("agreed", ImprovementStatus::Agreed),
    ("in-progress", ImprovementStatus::InProgress),
    (names::DONE, ImprovementStatus::Done),
    ("dropped", ImprovementStatus::Dropped),
];

/// Words practitioners write for a status, each with the word it means.
const STATUS_SYNONYMS: &[(&str, &str)] = &[
    ("in progress", "in-progress"),
    ("in_progress", "in-progress"),
    ("inprogress", "in-progress"),
    ("started", "in-progress"),
    ("open", "proposed"),
    ("completed", names::DONE),
    ("complete", names::DONE),
    ("closed", names::DONE),
    ("cancelled", "dropped"),
    ("canceled", "dropped"),
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

    /// One improvement of the `improvements` section. A `done` date comes with the status
    /// `done` and with no other.
    pub(super) fn improvement(&mut self, node: &Node) -> Option<Improvement> {
        let what = self.entity_what(Kind::Improvement.noun());
        let fields = self.mapping(node, &what, &keys::IMPROVEMENT)?;
        let common = self.common(&fields, Kind::Improvement.noun(), false);
        let what = "the improvement";
        let relationship = self.required_ref(&fields, names::RELATIONSHIP, what);
        let name = self.required_string(&fields, names::NAME, what);
        let owner = self.required_ref(&fields, names::OWNER, what);
        let status = self.required(&fields, names::STATUS, what).and_then(|n| {
            let word = self.choice_with(n, "`status`", STATUSES, STATUS_SYNONYMS)?;
            Some((word, n.span))
        });
        let raised = self
            .required(&fields, names::RAISED, what)
            .and_then(|n| self.date(n, "`raised`"));
        let due = match fields.get(names::DUE) {
            Some(n) => Some(self.date(n, "`due`")?),
            None => None,
        };
        let done = match fields.get(names::DONE) {
            Some(n) => Some(self.date(n, "`done`")?),
            None => None,
        };
        let expected = match fields.get(names::EXPECTED) {
            Some(n) => Some(self.expected(n)?),
            None => None,
        };
        let (status, status_span) = status?;
        let named = self.entity_what(Kind::Improvement.noun());
        match (&done, status) {
            (None, ImprovementStatus::Done) => {
                let message = format!("{named} is done but has no `done` date");
                self.invalid(status_span, message).help =
                    Some("add `done: YYYY-MM-DD`, the day it was made".to_owned());
                return None;
            }
            (Some(date), open) if open != ImprovementStatus::Done => {
                self.invalid(
                    date.span,
                    format!(
                        "{named} has a `done` date, but its status is `{}`",
                        open.word()
                    ),
                )
                .help = Some(format!(
                    "set `status: {}`, or remove `done` until it is made",
                    ImprovementStatus::Done.word()
                ));
                return None;
            }
            _ => {}
        }
        Some(Improvement {
            common: common?,
            relationship: relationship?,
            name: name?.value,
            owner: owner?,
            status,
            status_span,
            raised: raised?,
            due,
            done,
            expected,
        })
    }

    /// The value an improvement should add.
    fn expected(&mut self, node: &Node) -> Option<Expected> {
        let fields = self.mapping(node, "`expected`", &keys::EXPECTED)?;
        let amount = |decoder: &mut Self, key: &str| match fields.get(key) {
            Some(n) => decoder
                .expected_amount(n, &format!("`expected.{key}`"), &keys::EXPECTED_AMOUNT)
                .map(Some),
            None => Some(None),
        };
        let costs_removed = amount(self, names::COSTS_REMOVED);
        let risks_removed = amount(self, names::RISKS_REMOVED);
        Some(Expected {
            costs_removed: costs_removed?,
            risks_removed: risks_removed?,
            span: node.span,
        })
    }

    /// An amount per month, quarter or year.
    fn expected_amount(
        &mut self,
        node: &Node,
        what: &str,
        mapping: &'static Mapping,
    ) -> Option<ExpectedAmount> {
        let fields = self.mapping(node, what, mapping)?;
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, &format!("{what}: `amount`")));
        let per = self.required(&fields, names::PER, what).and_then(|n| {
            self.choice_with(n, &format!("{what}: `per`"), BUDGET_PERS, PER_SYNONYMS)
        });
        Some(ExpectedAmount {
            amount: amount?,
            per: per?,
            span: node.span,
        })
    }
}
