//! The top level of a file, the `catalogue:` block, the `lint:` blocks and custom rules
//! (docs/format.md §3.1, §1 and docs/custom-rules.md).

use super::{
    EVIDENCE, GROUP, ID, IMPROVEMENT, Key, Mapping, OFFERING, ORGANIZATION, OUTCOME, PERSON,
    PRODUCT, Presence, RELATIONSHIP, Range, Rule, SERVICE, Value, Words, names, words_of,
};
use crate::load::decode::rules;

/// One file of the catalogue: the top level.
pub(crate) const FILE: Mapping = Mapping {
    name: "",
    doc: "One file of an svs service catalogue. A catalogue is one file or a directory of \
         them, merged; every file declares `svs: 1` and may hold any of the sections.",
    keys: &[
        Key::required(
            names::SVS,
            Value::Version,
            "The format version of the file: always 1.",
        ),
        Key {
            presence: Presence::Omissible,
            ..Key::required(
                names::CATALOGUE,
                Value::Map(&CATALOGUE),
                "The catalogue's metadata. At most one file of a catalogue may have this \
                block.",
            )
        },
        Key::optional(
            names::ORGANIZATIONS,
            Value::List(&Value::Map(&ORGANIZATION)),
            "Providers, consumers, suppliers, regulators: anyone that takes part in a \
            relationship.",
        ),
        Key::optional(
            names::PEOPLE,
            Value::List(&Value::Map(&PERSON)),
            "Individuals who hold roles: customers, sponsors, users.",
        ),
        Key::optional(
            names::GROUPS,
            Value::List(&Value::Map(&GROUP)),
            "Consumer groups, user populations and teams.",
        ),
        Key::optional(
            names::OUTCOMES,
            Value::List(&Value::Map(&OUTCOME)),
            "Results a stakeholder wants, which the outputs of services enable.",
        ),
        Key::optional(
            names::PRODUCTS,
            Value::List(&Value::Map(&PRODUCT)),
            "Configurations of a provider's resources that services are built on.",
        ),
        Key::optional(
            names::SERVICES,
            Value::List(&Value::Map(&SERVICE)),
            "What providers do to facilitate outcomes: outputs, warranty, products, upstream \
            relationships.",
        ),
        Key::optional(
            names::OFFERINGS,
            Value::List(&Value::Map(&OFFERING)),
            "Formal descriptions of services for target consumer groups: goods, access, \
            actions, warranty and price.",
        ),
        Key::optional(
            names::RELATIONSHIPS,
            Value::List(&Value::Map(&RELATIONSHIP)),
            "Service relationships between a provider and a consumer around an offering, with \
            what the assessment of their value needs.",
        ),
        Key::optional(
            names::IMPROVEMENTS,
            Value::List(&Value::Map(&IMPROVEMENT)),
            "The continual improvement register: what provider and consumer mean to improve in \
            their relationships, with owners, statuses, dates and the value expected.",
        ),
        Key::optional(
            names::RULES,
            Value::List(&Value::Map(&RULE)),
            "The organisation's own lint rules: CEL expressions checked on every entity of one \
            kind, reported like svs's own rules (docs/custom-rules.md).",
        ),
        Key::optional(
            names::EVIDENCE,
            Value::List(&Value::Map(&EVIDENCE)),
            "What happened in relationships, period by period: one record per relationship \
            and period.",
        ),
    ],
    rule: Rule::None,
};

/// The catalogue's metadata: its name, currency, horizon, thresholds and lint settings.
pub(crate) const CATALOGUE: Mapping = Mapping {
    name: "Catalogue",
    doc: "The catalogue's metadata: its name, currency, horizon, thresholds and lint settings.",
    keys: &[
        Key::required(
            names::NAME,
            Value::Text,
            "The catalogue's name, shown in reports.",
        ),
        Key::optional(
            names::CURRENCY,
            Value::Currency,
            "The ISO 4217 code of every amount and impact; required as soon as one appears.",
        ),
        Key::optional(
            names::HORIZON_MONTHS,
            Value::Whole(Range::within(1, 600)),
            "The months over which one-off (`per: once`) amounts are spread. Default 36.",
        )
        .default("36"),
        Key::optional(
            names::AS_OF,
            Value::Date,
            "The date budgets, evidence and reviews are judged at (`YYYY-MM-DD`); the command \
            line's `--as-of` wins over it. Default: today (UTC).",
        ),
        Key::optional(
            names::THRESHOLDS,
            Value::Map(&THRESHOLDS),
            "Limits the assessment uses.",
        ),
        Key::optional(
            names::LINT,
            Value::Map(&CATALOGUE_LINT),
            "Severity overrides for the whole catalogue. An entity's own `lint.allow` wins.",
        ),
    ],
    rule: Rule::None,
};

/// Limits the assessment uses.
pub(crate) const THRESHOLDS: Mapping = Mapping {
    name: "Thresholds",
    doc: "Limits the assessment uses.",
    keys: &[
        Key::optional(
            names::UTILITY,
            Value::Number(Range::within(0, 100)),
            "The minimum utility score, 0 to 100, for a relationship to be fit for purpose. \
            Default 50.",
        )
        .default("50"),
        Key::optional(
            names::MARGIN,
            Value::Number(Range::within(-100, 100)),
            "The provider's minimum margin, in percent of revenue, for a relationship to be \
            sustainable, unless the provider sets its own `target_margin`. From -100 to 100; a \
            negative margin is a planned subsidy. Default 0.",
        )
        .default("0"),
        Key::optional(
            names::PERCEPTION,
            Value::Number(Range::within(0, 100)),
            "The lowest acceptable perceived score, 0 to 100, once each score is brought to \
            that scale. Default 60.",
        )
        .default("60"),
    ],
    rule: Rule::None,
};

/// Severity overrides for the whole catalogue; the command line's flags win over them.
pub(crate) const CATALOGUE_LINT: Mapping = Mapping {
    name: "CatalogueLint",
    doc: "Severity overrides for the whole catalogue; the command line's flags win over them.",
    keys: &[
        Key::optional(
            names::ALLOW,
            Value::List(&Value::LintCode),
            "Lint codes to silence.",
        ),
        Key::optional(
            names::WARN,
            Value::List(&Value::LintCode),
            "Lint codes to report as warnings.",
        ),
        Key::optional(
            names::DENY,
            Value::List(&Value::LintCode),
            "Lint codes to report as errors.",
        ),
    ],
    rule: Rule::None,
};

/// Lint rules silenced for this entity alone: the most specific setting, which wins over every other.
pub(crate) const ENTITY_LINT: Mapping = Mapping {
    name: "EntityLint",
    doc: "Lint rules silenced for this entity alone: the most specific setting, which wins \
         over every other.",
    keys: &[Key::optional(
        names::ALLOW,
        Value::List(&Value::LintCode),
        "Lint codes to silence for this entity.",
    )],
    rule: Rule::None,
};

/// A custom rule: an organisation's own policy, checked in CI like svs's own rules.
pub(crate) const RULE: Mapping = Mapping {
    name: "Rule",
    doc: "A custom rule: an organisation's own policy, checked in CI like svs's own rules.",
    keys: &[
        ID,
        Key::required(
            names::CODE,
            Value::CustomCode,
            "The code findings carry, such as `ACME001`: 2 to 8 capital letters and 3 digits, \
            never `SVS`, unique in the catalogue.",
        ),
        Key::required(
            names::NAME,
            Value::Pattern("^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"),
            "The rule's kebab-case name, shown beside its code.",
        ),
        Key::optional(
            names::SEVERITY,
            Value::Words(&RULE_SEVERITY),
            "`error`, `warning` or `info`. Default `warning`.",
        )
        .default("warning"),
        Key::required(
            names::ON,
            Value::Words(&RULE_KIND),
            "The kind of entity checked.",
        ),
        Key::optional(
            names::WHEN,
            Value::Cel,
            "A CEL filter: the rule checks only the entities for which it is true. Default: \
            all.",
        ),
        Key::required(
            names::ASSERT,
            Value::Cel,
            "A CEL expression that must be true; a finding for each entity where it is false.",
        ),
        Key::required(
            names::MESSAGE,
            Value::Text,
            "The finding's message; `{self.KEY}` placeholders are filled from the entity.",
        ),
        Key::optional(
            names::HELP,
            Value::Text,
            "The finding's help line: how to fix it.",
        ),
        Key::optional(
            names::DESCRIPTION,
            Value::Text,
            "What the rule checks and why: what `svs explain CODE` prints.",
        ),
    ],
    rule: Rule::None,
};

/// A custom rule's default severity.
pub(crate) const RULE_SEVERITY: Words = Words {
    name: "RuleSeverity",
    doc: "A custom rule's default severity.",
    words: || words_of(rules::SEVERITIES),
};

/// The kind of entity a custom rule checks, by the name of its section.
pub(crate) const RULE_KIND: Words = Words {
    name: "RuleKind",
    doc: "The kind of entity a custom rule checks, by the name of its section.",
    words: || words_of(rules::RULE_KINDS),
};
