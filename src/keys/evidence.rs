//! The evidence of what a relationship delivered, period by period, and the budget its
//! sponsor authorised (docs/format.md §3.11 and §3.10, SPEC §10.1).

use super::{IMPOSED_COST_CATEGORY, Key, Mapping, Range, Rule, Value, Words, names, words_of};
use crate::load::decode::evidence;
use crate::model::Kind;

/// What the sponsor authorised for a relationship.
pub(crate) const BUDGET: Mapping = Mapping {
    name: "Budget",
    doc: "What the sponsor authorised for the relationship: an amount per month, quarter or \
         year, until a date or with no end.",
    keys: &[
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(
            names::PER,
            Value::Words(&BUDGET_PER),
            "The period the amount covers: `month`, `quarter` or `year`.",
        ),
        Key::required(
            names::AUTHORISED_BY,
            Value::Ref(&[Kind::Person, Kind::Group]),
            "The person or group who authorised it: one of the relationship's sponsors.",
        ),
        Key::optional(
            names::UNTIL,
            Value::Date,
            "The last day the authorisation covers (`YYYY-MM-DD`); none: no end.",
        ),
    ],
    rule: Rule::None,
};

/// The period a budget's amount covers.
pub(crate) const BUDGET_PER: Words = Words {
    name: "BudgetPer",
    doc: "The period a budget's amount covers.",
    words: || words_of(evidence::BUDGET_PERS),
};

/// One record of evidence: what happened in one relationship in one period.
pub(crate) const EVIDENCE: Mapping = Mapping {
    name: "Evidence",
    doc: "What happened in one relationship in one period: the warranty achieved, the outcomes \
         achieved, what was spent, credited and lost, and what stakeholders said. One record \
         per relationship and period.",
    keys: &[
        Key::required(
            names::RELATIONSHIP,
            Value::Ref(&[Kind::Relationship]),
            "The id of the relationship.",
        ),
        Key::required(
            names::PERIOD,
            Value::Period,
            "The period covered: `YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`.",
        ),
        Key::optional(
            names::WARRANTY,
            Value::Map(&ACHIEVED_WARRANTY),
            "The warranty achieved, in the terms of the warranty block.",
        ),
        Key::optional(
            names::OUTCOMES,
            Value::List(&Value::Map(&OUTCOME_MEASUREMENT)),
            "Required outcomes, achieved or not in the period.",
        ),
        Key::optional(
            names::SPEND,
            Value::List(&Value::Map(&SPEND)),
            "What the consumer paid in the period (not annualised).",
        ),
        Key::optional(
            names::CREDITS,
            Value::List(&Value::Map(&CREDIT)),
            "Service credits the provider paid back in the period.",
        ),
        Key::optional(
            names::LOSSES,
            Value::List(&Value::Map(&LOSS)),
            "Harm from risks that occurred in the period.",
        ),
        Key::optional(
            names::PERCEPTION,
            Value::List(&Value::Map(&PERCEPTION)),
            "What stakeholders said in the period.",
        ),
        Key::optional(names::NOTE, Value::Text, "Free text for readers."),
    ],
    rule: Rule::None,
};

/// The warranty achieved in a period.
pub(crate) const ACHIEVED_WARRANTY: Mapping = Mapping {
    name: "AchievedWarranty",
    doc: "The warranty achieved in the period, in the terms of the warranty block; what is \
         left out was not measured.",
    keys: &[
        Key::optional(
            names::AVAILABILITY,
            Value::Number(Range::within(0, 100)),
            "Percent achieved over the period, 0 to 100.",
        ),
        Key::optional(
            names::CAPACITY,
            Value::List(&Value::Map(&MEASUREMENT)),
            "Delivered at peak, per capacity metric.",
        ),
        Key::optional(
            names::SERVICE_LEVELS,
            Value::List(&Value::Map(&MEASUREMENT)),
            "The value achieved, per service-level metric.",
        ),
        Key::optional(
            names::CONTINUITY,
            Value::Map(&ACHIEVED_CONTINUITY),
            "Recovery achieved in the period's test or incident.",
        ),
        Key::optional(
            names::SECURITY,
            Value::Map(&SECURITY_REPORT),
            "The security controls of the period: those listed under `failed` failed, the \
            others held.",
        ),
    ],
    rule: Rule::None,
};

/// A metric's value achieved in a period.
pub(crate) const MEASUREMENT: Mapping = Mapping {
    name: "Measurement",
    doc: "A metric's value achieved in the period.",
    keys: &[
        Key::required(
            names::METRIC,
            Value::Text,
            "The metric, as the warranty names it (compared exactly).",
        ),
        Key::required(
            names::VALUE,
            Value::Number(Range::ANY),
            "The value achieved.",
        ),
    ],
    rule: Rule::None,
};

/// Recovery achieved in a period, in hours.
pub(crate) const ACHIEVED_CONTINUITY: Mapping = Mapping {
    name: "AchievedContinuity",
    doc: "Recovery achieved in the period's test or incident, in hours.",
    keys: &[
        Key::optional(
            names::RTO_HOURS,
            Value::Number(Range::at_least(0)),
            "Recovery time achieved, in hours, 0 or more.",
        ),
        Key::optional(
            names::RPO_HOURS,
            Value::Number(Range::at_least(0)),
            "Recovery point achieved, in hours, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// The security controls that failed in a period.
pub(crate) const SECURITY_REPORT: Mapping = Mapping {
    name: "SecurityReport",
    doc: "The security controls that failed in the period; every other control held.",
    keys: &[Key::optional(
        names::FAILED,
        Value::Set(&Value::Name),
        "The controls that failed.",
    )],
    rule: Rule::None,
};

/// Whether a required outcome was achieved in a period.
pub(crate) const OUTCOME_MEASUREMENT: Mapping = Mapping {
    name: "OutcomeMeasurement",
    doc: "Whether a required outcome was achieved in the period.",
    keys: &[
        Key::required(
            names::OUTCOME,
            Value::Ref(&[Kind::Outcome]),
            "The id of the outcome.",
        ),
        Key::required(names::ACHIEVED, Value::Boolean, "`true` or `false`."),
    ],
    rule: Rule::None,
};

/// What the consumer paid in a period.
pub(crate) const SPEND: Mapping = Mapping {
    name: "Spend",
    doc: "What the consumer paid in the period, in the categories of imposed costs.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What it was for."),
        Key::required(
            names::CATEGORY,
            Value::Words(&IMPOSED_COST_CATEGORY),
            "What kind of cost, as an imposed cost's category.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "The period's own amount in the catalogue's currency, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// A service credit the provider paid back in a period.
pub(crate) const CREDIT: Mapping = Mapping {
    name: "Credit",
    doc: "A service credit the provider paid back in the period.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What it was for."),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// Harm from a risk that occurred in a period.
pub(crate) const LOSS: Mapping = Mapping {
    name: "Loss",
    doc: "Harm from a risk that occurred in the period.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What happened."),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// What one role or party said in a period.
pub(crate) const PERCEPTION: Mapping = Mapping {
    name: "Perception",
    doc: "What stakeholders said in the period: a score on a scale from `min` to `max`, from \
         some responses, by exactly one of a consumer `role` and a stakeholder `party`.",
    keys: &[
        Key::optional(
            names::ROLE,
            Value::Words(&PERCEIVER_ROLE),
            "The consumer role asked: `customer`, `user` or `sponsor`.",
        ),
        Key::optional(
            names::PARTY,
            Value::Ref(&[Kind::Organization, Kind::Person, Kind::Group]),
            "The id of the organisation, person or group asked.",
        ),
        Key::required(
            names::SCORE,
            Value::Number(Range::ANY),
            "The score given, from `min` to `max`.",
        ),
        Key::optional(
            names::MIN,
            Value::Number(Range::ANY),
            "The bottom of the scale, below `max`. Default 1.",
        )
        .default("1"),
        Key::required(
            names::MAX,
            Value::Number(Range::ANY),
            "The top of the scale, above `min`.",
        ),
        Key::required(
            names::RESPONSES,
            Value::Whole(Range::at_least(1)),
            "How many responses the score stands for, 1 or more.",
        ),
    ],
    rule: Rule::Either(&[names::ROLE, names::PARTY]),
};

/// The consumer role whose perception is asked.
pub(crate) const PERCEIVER_ROLE: Words = Words {
    name: "PerceiverRole",
    doc: "The consumer role whose perception is asked.",
    words: || words_of(evidence::PERCEIVER_ROLES),
};
