//! Relationships, their requirements, costs and risks, and the provider's side of them
//! (docs/format.md §3.10).

use super::{
    BUDGET, DESCRIPTION, DIMENSION, ENTITY_LINT, ID, Key, MANAGEMENT, Mapping, PER, Range, Rule,
    Value, WARRANTY, Words, names, words_of,
};
use crate::load::decode::{provision, relationships};
use crate::model::Kind;

/// A service relationship: a provider and a consumer cooperating around one offering.
pub(crate) const RELATIONSHIP: Mapping = Mapping {
    name: "Relationship",
    doc: "A service relationship: a provider and a consumer cooperating around one offering. \
         Relationships have no `name`: the id names them.",
    keys: &[
        ID,
        Key::required(
            names::PROVIDER,
            Value::Ref(&[Kind::Organization]),
            "The id of the service provider (an organisation).",
        ),
        Key::required(
            names::CONSUMER,
            Value::Ref(&[Kind::Organization]),
            "The id of the service consumer (an organisation).",
        ),
        Key::required(
            names::OFFERING,
            Value::Ref(&[Kind::Offering]),
            "The id of the offering consumed.",
        ),
        Key::optional(
            names::QUANTITY,
            Value::Number(Range::at_least(0)),
            "How many units are consumed, 0 or more; multiplies every price line with a \
            `unit`. Default 1.",
        )
        .default("1"),
        Key::optional(
            names::ROLES,
            Value::Map(&ROLES),
            "Who holds each consumer role.",
        ),
        Key::optional(
            names::STAKEHOLDERS,
            Value::List(&Value::Map(&STAKEHOLDER)),
            "Other parties with an interest in the relationship.",
        ),
        Key::optional(
            names::REQUIREMENTS,
            Value::Map(&REQUIREMENTS),
            "What the customer has defined and agreed: the basis of utility and warranty.",
        ),
        Key::optional(
            names::COSTS,
            Value::Map(&COSTS),
            "Costs the relationship takes off the consumer, and costs it puts on them.",
        ),
        Key::optional(
            names::RISKS,
            Value::Map(&RISKS),
            "Risks the relationship takes off the consumer, and risks it puts on them.",
        ),
        Key::optional(
            names::PROVISION,
            Value::Map(&PROVISION),
            "The provider's side of this relationship alone: its own costs, the risks the \
            provider takes on, and benefits to the provider besides revenue.",
        ),
        Key::optional(
            names::BUDGET,
            Value::Map(&BUDGET),
            "What the sponsor authorised for this relationship.",
        ),
        Key::optional(
            names::MANAGEMENT,
            Value::Map(&MANAGEMENT),
            "The joint activities of this relationship: the relationship manager, the \
            counterpart and how often they review it together.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this relationship.",
        ),
    ],
    rule: Rule::None,
};

/// The consumer roles of a relationship, each a list of ids of people or groups.
pub(crate) const ROLES: Mapping = Mapping {
    name: "Roles",
    doc: "The consumer roles of a relationship, each a list of ids of people or groups.",
    keys: &[
        Key::optional(
            names::CUSTOMER,
            Value::List(&Value::Ref(&[Kind::Person, Kind::Group])),
            "Who defines the requirements and owns the outcomes of consumption.",
        ),
        Key::optional(
            names::USER,
            Value::List(&Value::Ref(&[Kind::Person, Kind::Group])),
            "Who uses the service.",
        ),
        Key::optional(
            names::SPONSOR,
            Value::List(&Value::Ref(&[Kind::Person, Kind::Group])),
            "Who authorises the budget.",
        ),
    ],
    rule: Rule::None,
};

/// A stakeholder other than the customer, user and sponsor.
pub(crate) const STAKEHOLDER: Mapping = Mapping {
    name: "Stakeholder",
    doc: "A stakeholder other than the customer, user and sponsor.",
    keys: &[
        Key::required(
            names::PARTY,
            Value::Ref(&[Kind::Organization, Kind::Person, Kind::Group]),
            "The id of an organisation, person or group.",
        ),
        Key::required(
            names::ROLE,
            Value::Words(&STAKEHOLDER_ROLE),
            "In what capacity.",
        ),
        Key::optional(names::INTEREST, Value::Text, "What they care about."),
        Key::optional(
            names::EFFECTS,
            Value::List(&Value::Map(&EFFECT)),
            "What the relationship means for them, priced or not. Reported on their own, never \
            added to the consumer's or the provider's figures.",
        ),
    ],
    rule: Rule::None,
};

/// In what capacity a stakeholder has an interest in a relationship.
pub(crate) const STAKEHOLDER_ROLE: Words = Words {
    name: "StakeholderRole",
    doc: "In what capacity a stakeholder has an interest in a relationship.",
    words: || words_of(relationships::STAKEHOLDER_ROLES),
};

/// What the customer has defined and agreed.
pub(crate) const REQUIREMENTS: Mapping = Mapping {
    name: "Requirements",
    doc: "What the customer has defined and agreed.",
    keys: &[
        Key::optional(
            names::OUTCOMES,
            Value::List(&Value::Map(&REQUIRED_OUTCOME)),
            "The outcomes the customer requires: the basis of utility.",
        ),
        Key::optional(
            names::WARRANTY,
            Value::Map(&WARRANTY),
            "The minimum acceptable warranty: each item is one check of fit for use.",
        ),
    ],
    rule: Rule::None,
};

/// An outcome the customer requires.
pub(crate) const REQUIRED_OUTCOME: Mapping = Mapping {
    name: "RequiredOutcome",
    doc: "An outcome the customer requires.",
    keys: &[
        Key::required(
            names::OUTCOME,
            Value::Ref(&[Kind::Outcome]),
            "The id of the outcome required.",
        ),
        Key::optional(
            names::PRIORITY,
            Value::Words(&PRIORITY),
            "How much it matters. Default `should`.",
        )
        .default("should"),
        Key::optional(
            names::WEIGHT,
            Value::Number(Range::above(0)),
            "Its share in the utility score, above 0. Default 1.",
        )
        .default("1"),
    ],
    rule: Rule::None,
};

/// How much a required outcome matters: a `must` outcome that is not facilitated makes the service unfit for purpose, whatever the score.
pub(crate) const PRIORITY: Words = Words {
    name: "Priority",
    doc: "How much a required outcome matters: a `must` outcome that is not facilitated makes \
         the service unfit for purpose, whatever the score.",
    words: || words_of(relationships::PRIORITIES),
};

/// The costs of a relationship, from the consumer's side.
pub(crate) const COSTS: Mapping = Mapping {
    name: "Costs",
    doc: "The costs of a relationship, from the consumer's side.",
    keys: &[
        Key::optional(
            names::REMOVED,
            Value::List(&Value::Map(&REMOVED_COST)),
            "Costs the relationship takes off the consumer.",
        ),
        Key::optional(
            names::IMPOSED,
            Value::List(&Value::Map(&IMPOSED_COST)),
            "Costs the relationship puts on the consumer, besides the offering's price list.",
        ),
    ],
    rule: Rule::None,
};

/// The risks of a relationship, from the consumer's side.
pub(crate) const RISKS: Mapping = Mapping {
    name: "Risks",
    doc: "The risks of a relationship, from the consumer's side.",
    keys: &[
        Key::optional(
            names::REMOVED,
            Value::List(&Value::Map(&RISK)),
            "Risks the relationship takes off the consumer.",
        ),
        Key::optional(
            names::IMPOSED,
            Value::List(&Value::Map(&RISK)),
            "Risks the relationship puts on the consumer.",
        ),
    ],
    rule: Rule::None,
};

/// A cost the relationship takes off the consumer.
pub(crate) const REMOVED_COST: Mapping = Mapping {
    name: "RemovedCost",
    doc: "A cost the relationship takes off the consumer.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the cost is."),
        Key::required(
            names::CATEGORY,
            Value::Words(&REMOVED_COST_CATEGORY),
            "What kind of cost.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
    ],
    rule: Rule::None,
};

/// What kind of cost a relationship removes from the consumer.
pub(crate) const REMOVED_COST_CATEGORY: Words = Words {
    name: "RemovedCostCategory",
    doc: "What kind of cost a relationship removes from the consumer.",
    words: || words_of(relationships::REMOVED_COST_CATEGORIES),
};

/// A cost the relationship puts on the consumer.
pub(crate) const IMPOSED_COST: Mapping = Mapping {
    name: "ImposedCost",
    doc: "A cost the relationship puts on the consumer. Use category `price` for charges \
         outside the offering's price list.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the cost is."),
        Key::required(
            names::CATEGORY,
            Value::Words(&IMPOSED_COST_CATEGORY),
            "What kind of cost.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
    ],
    rule: Rule::None,
};

/// What kind of cost a relationship imposes on the consumer.
pub(crate) const IMPOSED_COST_CATEGORY: Words = Words {
    name: "ImposedCostCategory",
    doc: "What kind of cost a relationship imposes on the consumer. `price` is a charge \
         outside the offering's price list; `allocation` an internal provider's charge to an \
         internal consumer (chargeback or showback). Both are the provider's revenue.",
    words: || words_of(relationships::IMPOSED_COST_CATEGORIES),
};

/// A risk: its likelihood in a year and the loss if it happens.
pub(crate) const RISK: Mapping = Mapping {
    name: "Risk",
    doc: "A risk: its likelihood in a year and the loss if it happens.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What could happen."),
        Key::required(
            names::LIKELIHOOD,
            Value::Number(Range::within(0, 1)),
            "The probability that it happens in a year, from 0 to 1.",
        ),
        Key::required(
            names::IMPACT,
            Value::Number(Range::at_least(0)),
            "The loss if it happens, in the catalogue's currency, 0 or more.",
        ),
    ],
    rule: Rule::None,
};

/// A cost the provider bears to run a service, shared by the relationships that consume it.
pub(crate) const RUNNING_COST: Mapping = Mapping {
    name: "RunningCost",
    doc: "A cost the provider bears to run a service, shared by the relationships that consume \
         it.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the cost is."),
        Key::required(
            names::DIMENSION,
            Value::Words(&DIMENSION),
            "The dimension of service management it is spent on.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
    ],
    rule: Rule::None,
};

/// The provider's direct cost of each relationship on the offering.
pub(crate) const COST_TO_SERVE: Mapping = Mapping {
    name: "CostToServe",
    doc: "The provider's direct cost of each relationship on the offering.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the cost is."),
        Key::required(
            names::DIMENSION,
            Value::Words(&DIMENSION),
            "The dimension of service management it is spent on.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
        Key::optional(
            names::UNIT,
            Value::Text,
            "When present, the cost is per unit: multiplied by the relationship's `quantity`. \
            The text is a label for readers.",
        ),
    ],
    rule: Rule::None,
};

/// The provider's side of one relationship.
pub(crate) const PROVISION: Mapping = Mapping {
    name: "Provision",
    doc: "The provider's side of one relationship.",
    keys: &[
        Key::optional(
            names::COSTS,
            Value::List(&Value::Map(&PROVISION_COST)),
            "Costs the provider bears for this relationship alone.",
        ),
        Key::optional(
            names::RISKS,
            Value::List(&Value::Map(&RISK)),
            "Risks the provider takes on with this relationship.",
        ),
        Key::optional(
            names::BENEFITS,
            Value::List(&Value::Map(&BENEFIT)),
            "Value to the provider besides revenue: funding, business development, image.",
        ),
    ],
    rule: Rule::None,
};

/// A cost the provider bears for one relationship alone.
pub(crate) const PROVISION_COST: Mapping = Mapping {
    name: "ProvisionCost",
    doc: "A cost the provider bears for one relationship alone.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the cost is."),
        Key::required(
            names::DIMENSION,
            Value::Words(&DIMENSION),
            "The dimension of service management it is spent on.",
        ),
        Key::required(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "In the catalogue's currency, 0 or more.",
        ),
        Key::required(names::PER, Value::Words(&PER), "How often it falls due."),
    ],
    rule: Rule::None,
};

/// Value to the provider besides revenue.
pub(crate) const BENEFIT: Mapping = Mapping {
    name: "Benefit",
    doc: "Value to the provider besides revenue. `amount` and `per` come together or not at \
         all: an unpriced benefit is listed, not counted.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the benefit is."),
        Key::required(
            names::KIND,
            Value::Words(&BENEFIT_KIND),
            "What kind of value it brings.",
        ),
        Key::optional(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "Its worth in the catalogue's currency, 0 or more.",
        ),
        Key::optional(
            names::PER,
            Value::Words(&PER),
            "How often it falls due; required with `amount`.",
        ),
    ],
    rule: Rule::Together(&[names::AMOUNT, names::PER]),
};

/// What kind of value a benefit brings the provider.
pub(crate) const BENEFIT_KIND: Words = Words {
    name: "BenefitKind",
    doc: "What kind of value a benefit brings the provider.",
    words: || words_of(provision::BENEFIT_KINDS),
};

/// What a relationship means for one of its other stakeholders.
pub(crate) const EFFECT: Mapping = Mapping {
    name: "Effect",
    doc: "What a relationship means for one of its other stakeholders. `amount` and `per` come \
         together or not at all: an unpriced effect is listed by name.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the effect is."),
        Key::optional(
            names::DIRECTION,
            Value::Words(&EFFECT_DIRECTION),
            "`gain` or `loss` for the stakeholder. Default `gain`.",
        )
        .default("gain"),
        Key::optional(
            names::AMOUNT,
            Value::Number(Range::at_least(0)),
            "Its worth in the catalogue's currency, 0 or more.",
        ),
        Key::optional(
            names::PER,
            Value::Words(&PER),
            "How often it falls due; required with `amount`.",
        ),
    ],
    rule: Rule::Together(&[names::AMOUNT, names::PER]),
};

/// Whether an effect is good or bad for the stakeholder.
pub(crate) const EFFECT_DIRECTION: Words = Words {
    name: "EffectDirection",
    doc: "Whether an effect is good or bad for the stakeholder.",
    words: || words_of(provision::EFFECT_DIRECTIONS),
};
