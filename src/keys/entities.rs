//! Parties, outcomes, products and services (docs/format.md §3.2 to §3.7).

use super::{
    DESCRIPTION, ENTITY_LINT, ID, Key, Mapping, RUNNING_COST, Range, Rule, Value, WARRANTY, Words,
    names, words_of,
};
use crate::load::decode::{outcomes, provision};
use crate::model::Kind;

/// An organisation: a company, a part of one, or a network of them.
pub(crate) const ORGANIZATION: Mapping = Mapping {
    name: "Organization",
    doc: "An organisation: a company, a part of one, or a network of them. The same \
         organisation can be a provider in one relationship and a consumer in another.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "Display name."),
        Key::optional(
            names::PARENT,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation this one is part of: a division of a company, a member \
            of an alliance.",
        ),
        Key::optional(
            names::TARGET_MARGIN,
            Value::Number(Range::within(-100, 100)),
            "The minimum margin, in percent of revenue, this organisation expects from the \
            relationships it provides; overrides `catalogue.thresholds.margin`. From -100 to \
            100; negative for a planned subsidy.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this organisation.",
        ),
    ],
    rule: Rule::None,
};

/// A person who holds roles: customer, sponsor, user, account manager.
pub(crate) const PERSON: Mapping = Mapping {
    name: "Person",
    doc: "A person who holds roles: customer, sponsor, user, account manager.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "The person's name."),
        Key::required(
            names::ORGANIZATION,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation the person belongs to.",
        ),
        Key::optional(names::TITLE, Value::Text, "Job title."),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this person.",
        ),
    ],
    rule: Rule::None,
};

/// A consumer group, user population or team: an offering's target, a relationship's users, or a team that holds a role.
pub(crate) const GROUP: Mapping = Mapping {
    name: "Group",
    doc: "A consumer group, user population or team: an offering's target, a relationship's \
         users, or a team that holds a role.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "Display name."),
        Key::optional(
            names::ORGANIZATION,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation the group belongs to; leave it out for a market \
            segment that spans organisations.",
        ),
        Key::optional(
            names::SIZE,
            Value::Whole(Range::at_least(0)),
            "How many people the group holds (informational).",
        ),
        Key::optional(
            names::MEMBERS,
            Value::List(&Value::Ref(&[Kind::Person])),
            "The ids of named members (people).",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this group.",
        ),
    ],
    rule: Rule::None,
};

/// A result for a stakeholder, enabled by the outputs of services: the basis of utility.
pub(crate) const OUTCOME: Mapping = Mapping {
    name: "Outcome",
    doc: "A result for a stakeholder, enabled by the outputs of services: the basis of \
         utility.",
    keys: &[
        ID,
        Key::required(
            names::NAME,
            Value::Text,
            "The result, phrased from the stakeholder's side.",
        ),
        Key::required(
            names::KIND,
            Value::Words(&OUTCOME_KIND),
            "`performance` or `constraint`.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this outcome.",
        ),
    ],
    rule: Rule::None,
};

/// Whether an outcome supports the consumer's performance or removes a constraint.
pub(crate) const OUTCOME_KIND: Words = Words {
    name: "OutcomeKind",
    doc: "Whether an outcome supports the consumer's performance or removes a constraint.",
    words: || words_of(outcomes::OUTCOME_KINDS),
};

/// A configuration of the provider's resources that services are built on.
pub(crate) const PRODUCT: Mapping = Mapping {
    name: "Product",
    doc: "A configuration of the provider's resources that services are built on.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "Display name."),
        Key::required(
            names::PROVIDER,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation whose resources these are.",
        ),
        Key::optional(
            names::TARGETS,
            Value::List(&Value::Ref(&[Kind::Group])),
            "The ids of the consumer groups the product is designed for.",
        ),
        Key::optional(
            names::RESOURCES,
            Value::List(&Value::Map(&RESOURCE)),
            "The resources the product is made of.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this product.",
        ),
    ],
    rule: Rule::None,
};

/// One resource of a product.
pub(crate) const RESOURCE: Mapping = Mapping {
    name: "Resource",
    doc: "One resource of a product.",
    keys: &[
        Key::required(names::NAME, Value::Text, "What the resource is."),
        Key::required(
            names::DIMENSION,
            Value::Words(&DIMENSION),
            "Which of the four dimensions of service management it belongs to.",
        ),
        Key::optional(
            names::VISIBLE,
            Value::Boolean,
            "Whether the consumer sees this part of the product. Default false.",
        )
        .default("false"),
    ],
    rule: Rule::None,
};

/// Which of the four dimensions of service management a resource belongs to.
pub(crate) const DIMENSION: Words = Words {
    name: "Dimension",
    doc: "Which of the four dimensions of service management a resource belongs to.",
    words: || words_of(provision::DIMENSIONS),
};

/// A service: what the provider does to facilitate outcomes the customer wants.
pub(crate) const SERVICE: Mapping = Mapping {
    name: "Service",
    doc: "A service: what the provider does to facilitate outcomes the customer wants.",
    keys: &[
        ID,
        Key::required(names::NAME, Value::Text, "Display name."),
        Key::required(
            names::PROVIDER,
            Value::Ref(&[Kind::Organization]),
            "The id of the organisation that provides the service.",
        ),
        Key::optional(
            names::PRODUCTS,
            Value::List(&Value::Ref(&[Kind::Product])),
            "The ids of the products the service is built on.",
        ),
        Key::optional(
            names::OUTPUTS,
            Value::List(&Value::Map(&OUTPUT)),
            "What the service delivers.",
        ),
        Key::optional(
            names::WARRANTY,
            Value::Map(&WARRANTY),
            "What the service assures. Offerings that include it inherit it unless they \
            declare their own.",
        ),
        Key::optional(
            names::DEPENDS_ON,
            Value::List(&Value::Ref(&[Kind::Relationship])),
            "The ids of the upstream relationships in which this service's provider is the \
            consumer: the links of the value network.",
        ),
        Key::optional(
            names::RUNNING_COSTS,
            Value::List(&Value::Map(&RUNNING_COST)),
            "What it costs the provider to run the service. Together with what the provider \
            pays for the `depends_on` relationships, it is shared by every relationship whose \
            offering includes the service, by quantity.",
        ),
        DESCRIPTION,
        Key::optional(
            names::LINT,
            Value::Map(&ENTITY_LINT),
            "Lint rules silenced for this service.",
        ),
    ],
    rule: Rule::None,
};

/// A deliverable of a service.
pub(crate) const OUTPUT: Mapping = Mapping {
    name: "Output",
    doc: "A deliverable of a service.",
    keys: &[
        Key::required(names::NAME, Value::Text, "The deliverable."),
        Key::optional(
            names::ENABLES,
            Value::List(&Value::Ref(&[Kind::Outcome])),
            "The ids of the outcomes this output enables.",
        ),
    ],
    rule: Rule::None,
};
