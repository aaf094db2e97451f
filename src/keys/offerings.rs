//! The warranty block and offerings (docs/format.md §3.8 and §3.9).

use super::{
    COST_TO_SERVE, DESCRIPTION, ENTITY_LINT, ID, Key, Mapping, Range, Rule, Value, Words, names,
    words_of,
};
use crate::load::decode::offerings;
use crate::model::Kind;

/// A warranty block: what a service or offering assures, or, in a relationship's requirements, the minimum the customer accepts.
pub(crate) const WARRANTY: Mapping = Mapping {
    name: "Warranty",
    doc: "A warranty block: what a service or offering assures, or, in a relationship's \
         requirements, the minimum the customer accepts. A block that declares nothing counts \
         as none.",
    keys: &[
        Key::optional(
            names::AVAILABILITY,
            Value::Number(Range::above_to(0, 100)),
            "Availability in percent, above 0 and at most 100. Higher is better.",
        ),
        Key::optional(
            names::CAPACITY,
            Value::List(&Value::Map(&CAPACITY)),
            "Capacity metrics, each at most once. Higher is better.",
        ),
        Key::optional(
            names::SERVICE_LEVELS,
            Value::List(&Value::Map(&SERVICE_LEVEL)),
            "Service-level targets, each bounded one way.",
        ),
        Key::optional(
            names::CONTINUITY,
            Value::Map(&CONTINUITY),
            "Recovery objectives; either may be left out.",
        ),
        Key::optional(
            names::SECURITY,
            Value::Set(&Value::Name),
            "Named security controls, each at most once.",
        ),
    ],
    rule: Rule::None,
};

/// A capacity metric and its value.
pub(crate) const CAPACITY: Mapping = Mapping {
    name: "Capacity",
    doc: "A capacity metric and its value. Higher is better.",
    keys: &[
        Key::required(
            names::METRIC,
            Value::Text,
            "The metric, compared exactly (case included) between offer and requirement.",
        ),
        Key::required(
            names::VALUE,
            Value::Number(Range::at_least(0)),
            "Its value, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// A service-level target with exactly one of `max` (lower is better) and `min` (higher is better).
pub(crate) const SERVICE_LEVEL: Mapping = Mapping {
    name: "ServiceLevel",
    doc: "A service-level target with exactly one of `max` (lower is better) and `min` (higher \
         is better).",
    keys: &[
        Key::required(
            names::METRIC,
            Value::Text,
            "The metric, compared exactly (case included) between offer and requirement.",
        ),
        Key::optional(
            names::MAX,
            Value::Number(Range::at_least(0)),
            "An upper bound, 0 or more, for metrics where lower is better (response and fix \
            times).",
        ),
        Key::optional(
            names::MIN,
            Value::Number(Range::at_least(0)),
            "A lower bound, 0 or more, for metrics where higher is better (percentages \
            achieved).",
        ),
    ],
    rule: Rule::OneOf(&[names::MAX, names::MIN]),
};

/// Recovery objectives, in hours.
pub(crate) const CONTINUITY: Mapping = Mapping {
    name: "Continuity",
    doc: "Recovery objectives, in hours. Lower is better.",
    keys: &[
        Key::optional(
            names::RTO_HOURS,
            Value::Number(Range::at_least(0)),
            "Recovery time objective, in hours, 0 or more.",
        ),
        Key::optional(
            names::RPO_HOURS,
            Value::Number(Range::at_least(0)),
            "Recovery point objective, in hours, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// A service offering: one or more services described for target consumer groups.
pub(crate) const OFFERING: Mapping = Mapping {
    name: "Offering",
    doc: "A service offering: one or more services described for target consumer groups.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "Display name."),
        Key::required(
            names::PROVIDER,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation that offers it.",
        ),
        Key::optional(
            names::SERVICES,
            Value::List(&Value::Ref(&[Kind::Service])),
            "The ids of the services the offering describes.",
        ),
        Key::optional(
            names::TARGETS,
            Value::List(&Value::Ref(&[Kind::Group])),
            "The ids of the target consumer groups.",
        ),
        Key::optional(
            names::GOODS,
            Value::List(&Value::Map(&GOODS)),
            "Goods supplied to the consumer: ownership passes to them.",
        ),
        Key::optional(
            names::ACCESS,
            Value::List(&Value::Map(&ACCESS)),
            "Resources the consumer is granted access to: ownership stays with the provider.",
        ),
        Key::optional(
            names::ACTIONS,
            Value::List(&Value::Map(&ACTION)),
            "Service actions the provider performs for the consumer.",
        ),
        Key::optional(
            names::WARRANTY,
            Value::Map(&WARRANTY),
            "The offering's own warranty. When it declares anything, it replaces the warranty \
            of the services.",
        ),
        Key::optional(
            names::PRICE,
            Value::List(&Value::Map(&PRICE_LINE)),
            "The price list.",
        ),
        Key::optional(
            names::COST_TO_SERVE,
            Value::List(&Value::Map(&COST_TO_SERVE)),
            "The provider's direct cost of each relationship on this offering (a handset, an \
            installation visit); a line with a `unit` is multiplied by the relationship's \
            `quantity`.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this offering.",
        ),
    ],
    rule: Rule::None,
};

/// Goods: supplied to the consumer, who becomes responsible for them.
pub(crate) const GOODS: Mapping = Mapping {
    name: "Goods",
    doc: "Goods: supplied to the consumer, who becomes responsible for them.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What is supplied."),
        Key::optional(
            names::OWNERSHIP,
            Value::Words(&OWNERSHIP),
            "Who owns it afterwards. Default `transferred`.",
        )
        .default("transferred"),
    ],
    rule: Rule::None,
};

/// Access to resources: granted for an agreed consumption period; the provider keeps ownership.
pub(crate) const ACCESS: Mapping = Mapping {
    name: "Access",
    doc: "Access to resources: granted for an agreed consumption period; the provider keeps \
         ownership.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What is made accessible."),
        Key::optional(names::PERIOD, Value::Text, "The agreed consumption period."),
        Key::optional(
            names::OWNERSHIP,
            Value::Words(&OWNERSHIP),
            "Who owns it. Default `retained`.",
        )
        .default("retained"),
    ],
    rule: Rule::None,
};

/// A service action: performed by the provider under an agreement.
pub(crate) const ACTION: Mapping = Mapping {
    name: "Action",
    doc: "A service action: performed by the provider under an agreement.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the provider does."),
        Key::optional(
            names::AGREEMENT,
            Value::Text,
            "The agreement it is performed under.",
        ),
    ],
    rule: Rule::None,
};

/// A line of an offering's price list.
pub(crate) const PRICE_LINE: Mapping = Mapping {
    name: "PriceLine",
    doc: "A line of an offering's price list.",
    keys: &[
        Key::optional(names::NAME, Value::Text, "A label."),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "The charge in the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
        Key::optional(
            names::UNIT,
            Value::Text,
            "When present, the line is charged per unit: multiplied by the relationship's \
            `quantity`. The text is a label for readers.",
        ),
    ],
    rule: Rule::None,
};

/// Who owns an item once it is supplied: `transferred` to the consumer (goods) or `retained` by the provider (access to resources).
pub(crate) const OWNERSHIP: Words = Words {
    name: "Ownership",
    doc: "Who owns an item once it is supplied: `transferred` to the consumer (goods) or \
         `retained` by the provider (access to resources).",
    words: || words_of(offerings::OWNERSHIP),
};

/// How often an amount falls due; `once` is spread over `horizon_months`.
pub(crate) const PER: Words = Words {
    name: "Per",
    doc: "How often an amount falls due; `once` is spread over `horizon_months`.",
    words: || words_of(offerings::PER),
};
