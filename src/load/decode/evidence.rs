//! The `evidence` section and a relationship's `budget` (docs/format.md §3.10 and §3.11):
//! what happened in a relationship in one period, and what its sponsor authorised, with
//! the calendar dates and periods they are written in.
//!
//! A record is no entity: it has no id, and every finding inside it names the relationship
//! it is about. A second record for the same relationship and period is found once every
//! file is read ([`crate::load::resolve`]).

use rust_decimal::Decimal;

use super::{Decoder, Fields, exact, relationships::IMPOSED_COST_CATEGORIES};
use crate::keys::{self, Mapping, names};
use crate::load::yaml::{Node, NodeKind};
use crate::model::{
    AchievedContinuity, AchievedWarranty, Budget, BudgetPer, ConsumerRole, DEFAULT_PERCEPTION_MIN,
    Evidence, Measurement, OutcomeMeasurement, Perceiver, Perception, Period, SecurityReport,
    Spanned, Spend, Sum, parse_date,
};

/// The words of a budget's `per`.
pub(crate) const BUDGET_PERS: &[(&str, BudgetPer)] = &[
    ("month", BudgetPer::Month),
    ("quarter", BudgetPer::Quarter),
    ("year", BudgetPer::Year),
];

/// The words of a perception entry's `role`: the keys of a relationship's `roles`.
pub(crate) const PERCEIVER_ROLES: &[(&str, ConsumerRole)] = &[
    (names::CUSTOMER, ConsumerRole::Customer),
    (names::USER, ConsumerRole::User),
    (names::SPONSOR, ConsumerRole::Sponsor),
];

/// The relationship a record names, as written, for the findings inside it.
pub(super) fn relationship_named(node: &Node) -> Option<String> {
    let NodeKind::Map(pairs) = &node.kind else {
        return None;
    };
    pairs.iter().find_map(|(k, v)| match (&k.kind, &v.kind) {
        (NodeKind::Str(key), NodeKind::Str(id)) if key == names::RELATIONSHIP => Some(id.clone()),
        _ => None,
    })
}

impl Decoder<'_> {
    /// An ISO 8601 calendar date that exists.
    pub(super) fn date(&mut self, node: &Node, what: &str) -> Option<Spanned<jiff::civil::Date>> {
        let text = self.string(node, what)?;
        match parse_date(&text.value) {
            Ok(date) => Some(Spanned::new(date, node.span)),
            Err(problem) => {
                self.invalid(node.span, format!("{what}: {problem}"));
                None
            }
        }
    }

    /// What the sponsor authorised for a relationship.
    pub(super) fn budget(&mut self, node: &Node) -> Option<Budget> {
        let what = "the `budget`";
        let fields = self.mapping(node, what, &keys::BUDGET)?;
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, "`budget.amount`"));
        let per = self
            .required(&fields, names::PER, what)
            .and_then(|n| self.choice(n, "`budget.per`", BUDGET_PERS));
        let authorised_by = self.required_ref(&fields, names::AUTHORISED_BY, what);
        let until = match fields.get(names::UNTIL) {
            Some(n) => Some(self.date(n, "`budget.until`")?),
            None => None,
        };
        Some(Budget {
            amount: amount?,
            per: per?,
            authorised_by: authorised_by?,
            until,
            span: node.span,
        })
    }

    /// One record of the `evidence` section.
    pub(super) fn evidence(&mut self, record: &Node) -> Option<Evidence> {
        let what = self.record_what();
        let fields = self.mapping(record, &what, &keys::EVIDENCE)?;
        let relationship = self.required_ref(&fields, names::RELATIONSHIP, &what);
        let period = self
            .required(&fields, names::PERIOD, &what)
            .and_then(|n| self.period(n));
        let warranty = match fields.get(names::WARRANTY) {
            Some(n) => Some(self.achieved_warranty(n, &what)?),
            None => None,
        };
        let outcomes = exact(
            self.list(fields.get(names::OUTCOMES), "`outcomes`"),
            |item| self.outcome_measurement(item),
        );
        let spend = exact(self.list(fields.get(names::SPEND), "`spend`"), |item| {
            self.spend(item)
        });
        let credits = self.sums(&fields, names::CREDITS, "a credit", &keys::CREDIT);
        let losses = self.sums(&fields, names::LOSSES, "a loss", &keys::LOSS);
        let perception = exact(
            self.list(fields.get(names::PERCEPTION), "`perception`"),
            |item| self.perception(item),
        );
        let note = self.optional_string(&fields, names::NOTE, &what);
        Some(Evidence {
            relationship: relationship?,
            period: period?,
            warranty,
            outcomes,
            spend,
            credits,
            losses,
            perception,
            note,
            span: record.span,
        })
    }

    /// "evidence of relationship `acme-mobile`" once the record names one.
    fn record_what(&self) -> String {
        match &self.entity {
            Some(id) => format!("the evidence of relationship `{id}`"),
            None => "an evidence record".to_owned(),
        }
    }

    /// A period as written: `2026`, `2026-Q3` or `2026-07`.
    fn period(&mut self, node: &Node) -> Option<Spanned<Period>> {
        let text = self.string(node, "`period`")?;
        match Period::parse(&text.value) {
            Ok(period) => Some(Spanned::new(period, node.span)),
            Err(problem) => {
                self.invalid(node.span, format!("`period`: {problem}"));
                None
            }
        }
    }

    fn achieved_warranty(&mut self, node: &Node, what: &str) -> Option<AchievedWarranty> {
        let fields = self.mapping(node, "the achieved `warranty`", &keys::ACHIEVED_WARRANTY)?;
        let availability = fields.get(names::AVAILABILITY).and_then(|n| {
            let value = self.bounded(
                n,
                "`warranty.availability`",
                |d| d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED,
                "from 0 to 100 (percent)",
            )?;
            Some(Spanned::new(value, n.span))
        });
        let capacity = self.measurements(&fields, names::CAPACITY, "a capacity measurement");
        let service_levels = self.measurements(
            &fields,
            names::SERVICE_LEVELS,
            "a service-level measurement",
        );
        let continuity = fields.get(names::CONTINUITY).and_then(|block| {
            let inner = self.mapping(block, "`continuity`", &keys::ACHIEVED_CONTINUITY)?;
            Some(AchievedContinuity {
                rto_hours: self.hours(&inner, names::RTO_HOURS),
                rpo_hours: self.hours(&inner, names::RPO_HOURS),
            })
        });
        let security = fields.get(names::SECURITY).and_then(|block| {
            let inner = self.mapping(block, "`security`", &keys::SECURITY_REPORT)?;
            let failed = self.controls(inner.get(names::FAILED), "`security.failed`", what);
            Some(SecurityReport { failed })
        });
        Some(AchievedWarranty {
            availability,
            capacity,
            service_levels,
            continuity,
            security,
        })
    }

    /// The measurements under `key`, each metric once.
    fn measurements(&mut self, fields: &Fields<'_>, key: &str, what: &str) -> Vec<Measurement> {
        let items = self.list(fields.get(key), &format!("`{key}`"));
        let mut measured: Vec<Measurement> = Vec::with_capacity(items.len());
        for item in items {
            let Some(inner) = self.mapping(item, what, &keys::MEASUREMENT) else {
                continue;
            };
            let metric = self.required_string(&inner, names::METRIC, what);
            let value = self
                .required(&inner, names::VALUE, what)
                .and_then(|n| self.decimal(n, "`value`"));
            let (Some(metric), Some(value)) = (metric, value) else {
                continue;
            };
            if measured.iter().any(|m| m.metric.value == metric.value) {
                self.invalid(
                    metric.span,
                    format!("metric `{}` is measured twice in `{key}`", metric.value),
                );
                continue;
            }
            measured.push(Measurement {
                metric,
                value,
                span: item.span,
            });
        }
        measured
    }

    fn outcome_measurement(&mut self, node: &Node) -> Option<OutcomeMeasurement> {
        let what = "an outcome measurement";
        let fields = self.mapping(node, what, &keys::OUTCOME_MEASUREMENT)?;
        let outcome = self.required_ref(&fields, names::OUTCOME, what);
        let achieved = self
            .required(&fields, names::ACHIEVED, what)
            .and_then(|n| self.boolean(n, "`achieved`"));
        Some(OutcomeMeasurement {
            outcome: outcome?,
            achieved: achieved?,
            span: node.span,
        })
    }

    fn spend(&mut self, node: &Node) -> Option<Spend> {
        let what = "a spend line";
        let fields = self.mapping(node, what, &keys::SPEND)?;
        let name = self.required_string(&fields, names::NAME, what);
        let category = self
            .required(&fields, names::CATEGORY, what)
            .and_then(|n| self.choice(n, "`category`", IMPOSED_COST_CATEGORIES));
        let amount = self
            .required(&fields, names::AMOUNT, what)
            .and_then(|n| self.amount(n, "`amount`"));
        Some(Spend {
            name: name?.value,
            category: category?,
            amount: amount?,
            span: node.span,
        })
    }

    /// The credits or losses under `key`: each a name and an amount.
    fn sums(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        what: &str,
        mapping: &'static Mapping,
    ) -> Vec<Sum> {
        exact(self.list(fields.get(key), &format!("`{key}`")), |item| {
            let inner = self.mapping(item, what, mapping)?;
            let name = self.required_string(&inner, names::NAME, what);
            let amount = self
                .required(&inner, names::AMOUNT, what)
                .and_then(|n| self.amount(n, "`amount`"));
            Some(Sum {
                name: name?.value,
                amount: amount?,
                span: item.span,
            })
        })
    }

    fn perception(&mut self, node: &Node) -> Option<Perception> {
        let what = "a perception entry";
        let fields = self.mapping(node, what, &keys::PERCEPTION)?;
        let who = self.perceiver(&fields, what);
        let score_node = self.required(&fields, names::SCORE, what);
        let score = score_node.and_then(|n| self.decimal(n, "`score`"));
        let min_node = fields.get(names::MIN);
        let min = match min_node {
            Some(n) => self.decimal(n, "`min`"),
            None => Some(DEFAULT_PERCEPTION_MIN),
        };
        let max_node = self.required(&fields, names::MAX, what);
        let max = max_node.and_then(|n| self.decimal(n, "`max`"));
        let responses = self
            .required(&fields, names::RESPONSES, what)
            .and_then(|n| self.whole(n, "`responses`", 1, u64::MAX));
        let (score, min, max) = (score?, min?, max?);
        if min >= max {
            let at = min_node.or(max_node).map_or(fields.span, |n| n.span);
            self.invalid(
                at,
                format!(
                    "a perception scale's `min` must be below its `max`, found {min} and {max}"
                ),
            );
            return None;
        }
        if score < min || score > max {
            let at = score_node.map_or(fields.span, |n| n.span);
            self.invalid(
                at,
                format!("`score` must be on the scale from {min} to {max}, found {score}"),
            );
            return None;
        }
        Some(Perception {
            who: who?,
            score,
            min,
            max,
            responses: responses?,
            span: node.span,
        })
    }

    /// Exactly one of `role` and `party`.
    fn perceiver(&mut self, fields: &Fields<'_>, what: &str) -> Option<Perceiver> {
        match (fields.get(names::ROLE), fields.get(names::PARTY)) {
            (Some(role), None) => self
                .choice(role, "`role`", PERCEIVER_ROLES)
                .map(Perceiver::Role),
            (None, Some(party)) => self.reference(party, "`party`").map(Perceiver::Party),
            (Some(_), Some(party)) => {
                self.invalid(
                    party.span,
                    format!("{what} has exactly one of `role` and `party`, found both"),
                )
                .help = Some("write one entry for the role and another for the party".to_owned());
                None
            }
            (None, None) => {
                self.invalid(
                    fields.span,
                    format!("{what} needs exactly one of `role` and `party`"),
                )
                .help = Some("`role: customer`, `user` or `sponsor`; or `party: ID`".to_owned());
                None
            }
        }
    }
}
