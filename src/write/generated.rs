//! Generated model values, written and read back: whatever text, amounts and words an
//! entity holds, the loader reads the written file as the same model.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::tests::{load_text, without_spans};
use crate::model::{
    Access, Balance, Benefit, BenefitKind, Capacity, Catalogue, Common, Continuity, Cost,
    CostCategory, Dimension, Direction, Effect, EffectDirection, Goods, Metadata, Offering,
    Organization, Outcome, OutcomeKind, Output, Ownership, Per, Person, PriceLine, Priced,
    Priority, Product, Provision, ProvisionCost, Ref, Relationship, RequiredOutcome, Requirements,
    Resource, Risk, Roles, Service, ServiceLevel, Spanned, Stakeholder, StakeholderRole, Warranty,
    nowhere,
};
use crate::model::{
    AchievedContinuity, AchievedWarranty, Budget, BudgetPer, ConsumerRole, Evidence, Measurement,
    OutcomeMeasurement, Perceiver, Perception, Period, SecurityReport, Spend, Sum,
};
use crate::model::{Cadence, Expected, ExpectedAmount, Improvement, ImprovementStatus, Management};

/// Any text: a name, a description, a label.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z ]{0,8}",
        any::<String>(),
        prop::sample::select(vec!["yes", "1e3", "a: b", "#1", "  x", "~", "", "\u{2028}"])
            .prop_map(str::to_owned),
    ]
}

/// An exact decimal from `0` to `max`, with up to three decimal places.
fn amount(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max * 1000, 0..=3u32).prop_map(|(thousandths, scale)| {
        let mut value = Decimal::new(thousandths, 3);
        value.rescale(scale);
        // The loader reads every number without trailing zeros.
        value.normalize()
    })
}

fn per() -> impl Strategy<Value = Per> {
    prop::sample::select(vec![Per::Once, Per::Month, Per::Quarter, Per::Year])
}

fn dimension() -> impl Strategy<Value = Dimension> {
    prop::sample::select(Dimension::ALL.to_vec())
}

fn priced() -> impl Strategy<Value = Option<Priced>> {
    option::of((amount(1000), per()).prop_map(|(amount, per)| Priced { amount, per }))
}

fn common(id: &'static str, named: bool) -> impl Strategy<Value = Common> {
    (text(), option::of(text())).prop_map(move |(name, description)| {
        Common::unplaced(id, named.then_some(name), description)
    })
}

fn cost(unit: bool) -> impl Strategy<Value = ProvisionCost> {
    (text(), dimension(), amount(1000), per(), option::of(text())).prop_map(
        move |(name, dimension, amount, per, label)| ProvisionCost {
            name,
            dimension,
            amount,
            per,
            unit: label.filter(|_| unit),
            span: nowhere(),
        },
    )
}

fn risk() -> impl Strategy<Value = Risk> {
    (text(), amount(1), amount(10_000)).prop_map(|(name, likelihood, impact)| Risk {
        name,
        likelihood: likelihood.min(Decimal::ONE),
        impact,
        span: nowhere(),
    })
}

/// A warranty block; metrics and controls are distinct, as the format requires.
fn warranty() -> impl Strategy<Value = Warranty> {
    (
        option::of(amount(99)),
        vec(amount(100), 0..3),
        vec((any::<bool>(), amount(100)), 0..3),
        option::of(amount(48)),
        option::of(amount(48)),
        vec("[a-z]{1,6}", 0..3),
    )
        .prop_map(|(availability, capacity, levels, rto, rpo, mut security)| {
            security.sort();
            security.dedup();
            Warranty {
                availability: availability
                    .map(|a| Spanned::unplaced((a + Decimal::ONE).normalize())),
                capacity: capacity
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| Capacity {
                        metric: Spanned::unplaced(format!("capacity {i}")),
                        value,
                    })
                    .collect(),
                service_levels: levels
                    .into_iter()
                    .enumerate()
                    .map(|(i, (max, bound))| ServiceLevel {
                        metric: Spanned::unplaced(format!("level {i}")),
                        direction: if max { Direction::Max } else { Direction::Min },
                        bound,
                    })
                    .collect(),
                continuity: Continuity {
                    rto_hours: rto.map(Spanned::unplaced),
                    rpo_hours: rpo.map(Spanned::unplaced),
                },
                security: security.into_iter().map(Spanned::unplaced).collect(),
                span: nowhere(),
            }
        })
}

fn organization() -> impl Strategy<Value = Organization> {
    (common("o", true), option::of(amount(100))).prop_map(|(common, margin)| Organization {
        common,
        parent: None,
        target_margin: margin.map(|m| Spanned::unplaced((-m).normalize())),
    })
}

fn product() -> impl Strategy<Value = Product> {
    let resource =
        (text(), dimension(), any::<bool>()).prop_map(|(name, dimension, visible)| Resource {
            name,
            dimension,
            visible,
            span: nowhere(),
        });
    (common("d", true), vec(resource, 0..3)).prop_map(|(common, resources)| Product {
        common,
        provider: Ref::unplaced("o"),
        targets: Vec::new(),
        resources,
    })
}

fn service() -> impl Strategy<Value = Service> {
    let output = text().prop_map(|name| Output {
        name,
        enables: Vec::new(),
        span: nowhere(),
    });
    (
        common("s", true),
        vec(output, 0..3),
        option::of(warranty()),
        vec(cost(false), 0..2),
    )
        .prop_map(|(common, outputs, warranty, running_costs)| Service {
            common,
            provider: Ref::unplaced("o"),
            products: vec![Ref::unplaced("d")],
            outputs,
            warranty,
            depends_on: Vec::new(),
            running_costs,
        })
}

fn offering() -> impl Strategy<Value = Offering> {
    let ownership = prop::sample::select(vec![Ownership::Transferred, Ownership::Retained]);
    let goods = (text(), ownership.clone()).prop_map(|(name, ownership)| Goods {
        name: Spanned::unplaced(name),
        ownership: Spanned::unplaced(ownership),
        span: nowhere(),
    });
    let access =
        (text(), option::of(text()), ownership).prop_map(|(name, period, ownership)| Access {
            name: Spanned::unplaced(name),
            period: period.map(Spanned::unplaced),
            ownership: Spanned::unplaced(ownership),
            span: nowhere(),
        });
    let price = (option::of(text()), amount(1000), per(), option::of(text())).prop_map(
        |(name, amount, per, unit)| PriceLine {
            name,
            amount,
            per,
            unit,
            span: nowhere(),
        },
    );
    (
        common("f", true),
        vec(goods, 0..2),
        vec(access, 0..2),
        option::of(warranty()),
        vec(price, 0..3),
        vec(cost(true), 0..2),
    )
        .prop_map(
            |(common, goods, access, warranty, price, cost_to_serve)| Offering {
                common,
                provider: Ref::unplaced("o"),
                services: vec![Ref::unplaced("s")],
                targets: Vec::new(),
                goods,
                access,
                actions: Vec::new(),
                warranty,
                price,
                cost_to_serve,
            },
        )
}

fn costs() -> impl Strategy<Value = Balance<Cost>> {
    let removed = prop::sample::select(vec![CostCategory::Staff, CostCategory::Other]);
    let imposed = prop::sample::select(vec![CostCategory::Price, CostCategory::Allocation]);
    let cost = |categories: prop::sample::Select<CostCategory>| {
        (text(), categories, amount(1000), per()).prop_map(|(name, category, amount, per)| Cost {
            name,
            category,
            amount,
            per,
            span: nowhere(),
        })
    };
    (vec(cost(removed), 0..2), vec(cost(imposed), 0..2))
        .prop_map(|(removed, imposed)| Balance { removed, imposed })
}

fn provision() -> impl Strategy<Value = Provision> {
    let kind = prop::sample::select(vec![BenefitKind::Funding, BenefitKind::Image]);
    let benefit = (text(), kind, priced()).prop_map(|(name, kind, priced)| Benefit {
        name,
        kind,
        priced,
        span: nowhere(),
    });
    (
        vec(cost(false), 0..2),
        vec(risk(), 0..2),
        vec(benefit, 0..2),
    )
        .prop_map(|(costs, risks, benefits)| Provision {
            costs,
            risks,
            benefits,
        })
}

fn relationship() -> impl Strategy<Value = Relationship> {
    let direction = prop::sample::select(vec![EffectDirection::Gain, EffectDirection::Loss]);
    let effect = (text(), direction, priced()).prop_map(|(name, direction, priced)| Effect {
        name,
        direction,
        priced,
        span: nowhere(),
    });
    let stakeholder =
        (option::of(text()), vec(effect, 0..2)).prop_map(|(interest, effects)| Stakeholder {
            party: Ref::unplaced("o"),
            role: StakeholderRole::Regulator,
            interest,
            effects,
        });
    let priority = prop::sample::select(vec![Priority::Must, Priority::Should, Priority::Could]);
    (
        (common("r", false), amount(10), any::<bool>()),
        vec(stakeholder, 0..2),
        (option::of((priority, amount(5))), option::of(warranty())),
        costs(),
        (vec(risk(), 0..2), provision()),
    )
        .prop_map(
            |(
                (common, quantity, roles),
                stakeholders,
                (required, warranty),
                costs,
                (risks, provision),
            )| {
                Relationship {
                    common,
                    provider: Ref::unplaced("o"),
                    consumer: Ref::unplaced("o"),
                    offering: Ref::unplaced("f"),
                    quantity,
                    roles: Roles {
                        customer: Vec::new(),
                        user: Vec::new(),
                        sponsor: if roles {
                            vec![Ref::unplaced("p")]
                        } else {
                            Vec::new()
                        },
                    },
                    stakeholders,
                    requirements: Requirements {
                        outcomes: required
                            .into_iter()
                            .map(|(priority, weight)| RequiredOutcome {
                                outcome: Ref::unplaced("x"),
                                priority,
                                weight: (weight + Decimal::ONE).normalize(),
                            })
                            .collect(),
                        warranty,
                    },
                    costs,
                    risks: Balance {
                        removed: risks,
                        imposed: Vec::new(),
                    },
                    provision,
                    budget: None,
                    management: None,
                }
            },
        )
}

fn budget() -> impl Strategy<Value = Budget> {
    let per = prop::sample::select(vec![BudgetPer::Month, BudgetPer::Quarter, BudgetPer::Year]);
    let until = option::of((1..=9999i16, 1..=12i8, 1..=28i8)).prop_map(|date| {
        date.map(|(year, month, day)| {
            Spanned::unplaced(jiff::civil::Date::new(year, month, day).expect("a day"))
        })
    });
    (amount(1000), per, until).prop_map(|(amount, per, until)| Budget {
        amount,
        per,
        authorised_by: Ref::unplaced("p"),
        until,
        span: nowhere(),
    })
}

fn management() -> impl Strategy<Value = Management> {
    let cadence = prop::sample::select(vec![Cadence::Month, Cadence::Quarter, Cadence::Year]);
    let last_review = option::of((1..=9999i16, 1..=12i8, 1..=31i8)).prop_map(|date| {
        date.map(|(year, month, day)| {
            let first = jiff::civil::Date::new(year, month, 1).expect("a day");
            Spanned::unplaced(
                first
                    .with()
                    .day(day.min(first.days_in_month()))
                    .build()
                    .expect("a day"),
            )
        })
    });
    (cadence, last_review).prop_map(|(cadence, last_review)| Management {
        manager: Ref::unplaced("p"),
        counterpart: Ref::unplaced("p"),
        cadence,
        cadence_span: nowhere(),
        last_review,
        span: nowhere(),
    })
}

/// A day of the calendar, any that exists.
fn day() -> impl Strategy<Value = Spanned<jiff::civil::Date>> {
    (1..=9999i16, 1..=12i8, 1..=31i8).prop_map(|(year, month, day)| {
        let first = jiff::civil::Date::new(year, month, 1).expect("a day");
        let day = first.with().day(day.min(first.days_in_month())).build();
        Spanned::unplaced(day.expect("a day"))
    })
}

/// Improvements of relationship `r`, each with an id of its own.
fn improvements() -> impl Strategy<Value = Vec<Improvement>> {
    let status = prop::sample::select(vec![
        ImprovementStatus::Proposed,
        ImprovementStatus::Agreed,
        ImprovementStatus::InProgress,
        ImprovementStatus::Done,
        ImprovementStatus::Dropped,
    ]);
    let amount = || {
        let per = prop::sample::select(vec![BudgetPer::Month, BudgetPer::Quarter, BudgetPer::Year]);
        (amount(1000), per).prop_map(|(amount, per)| ExpectedAmount {
            amount,
            per,
            span: nowhere(),
        })
    };
    let expected =
        (option::of(amount()), option::of(amount())).prop_map(|(costs_removed, risks_removed)| {
            Expected {
                costs_removed,
                risks_removed,
                span: nowhere(),
            }
        });
    let improvement = (
        (text(), status),
        (day(), option::of(day()), day()),
        (option::of(expected), option::of(text())),
    );
    vec(improvement, 0..3).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(
                |(i, ((name, status), (raised, due, done), (expected, description)))| Improvement {
                    common: Common::unplaced(format!("i{i}"), None, description),
                    relationship: Ref::unplaced("r"),
                    name,
                    owner: Ref::unplaced("p"),
                    status,
                    status_span: nowhere(),
                    raised,
                    due,
                    done: (status == ImprovementStatus::Done).then_some(done),
                    expected,
                },
            )
            .collect()
    })
}

/// Evidence records of relationship `r`, each for a period of its own year.
fn records() -> impl Strategy<Value = Vec<Evidence>> {
    let sum = || {
        (text(), amount(100)).prop_map(|(name, amount)| Sum {
            name,
            amount,
            span: nowhere(),
        })
    };
    let measurement = amount(100).prop_map(|value| Measurement {
        metric: Spanned::unplaced("m".to_owned()),
        value,
        span: nowhere(),
    });
    let warranty = (
        option::of(amount(100)),
        option::of(measurement),
        any::<bool>(),
        option::of(vec("[a-z]{1,4}", 0..2)),
    )
        .prop_map(
            |(availability, capacity, continuity, failed)| AchievedWarranty {
                availability: availability.map(Spanned::unplaced),
                capacity: capacity.into_iter().collect(),
                service_levels: Vec::new(),
                continuity: continuity.then(|| AchievedContinuity {
                    rto_hours: Some(Spanned::unplaced(Decimal::TWO)),
                    rpo_hours: None,
                }),
                security: failed.map(|mut names| {
                    names.dedup();
                    SecurityReport {
                        failed: names.into_iter().map(Spanned::unplaced).collect(),
                    }
                }),
            },
        );
    let perception =
        (any::<bool>(), amount(5), 1..1000u64).prop_map(|(role, score, responses)| Perception {
            who: if role {
                Perceiver::Role(ConsumerRole::User)
            } else {
                Perceiver::Party(Ref::unplaced("o"))
            },
            score: (score + Decimal::ONE).normalize(),
            min: Decimal::ONE,
            max: Decimal::TEN,
            responses,
            span: nowhere(),
        });
    let record = (
        0..3u8,
        option::of(warranty),
        (any::<bool>(), vec(sum(), 0..2), vec(sum(), 0..2)),
        (vec(perception, 0..2), option::of(text())),
    );
    vec(record, 0..3).prop_map(|records| {
        records
            .into_iter()
            .zip(2020i16..)
            .map(
                |((form, warranty, (achieved, credits, losses), (perception, note)), year)| {
                    let period = match form {
                        0 => Period::Year(year),
                        1 => Period::Quarter(year, 3),
                        _ => Period::Month(year, 11),
                    };
                    Evidence {
                        relationship: Ref::unplaced("r"),
                        period: Spanned::unplaced(period),
                        warranty,
                        outcomes: vec![OutcomeMeasurement {
                            outcome: Ref::unplaced("x"),
                            achieved,
                            span: nowhere(),
                        }],
                        spend: vec![Spend {
                            name: "fee".to_owned(),
                            category: CostCategory::Price,
                            amount: Decimal::ONE_HUNDRED,
                            span: nowhere(),
                        }],
                        credits,
                        losses,
                        perception,
                        note,
                        span: nowhere(),
                    }
                },
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_catalogues_come_back_as_the_same_model(
        name in text(),
        organization in organization(),
        product in product(),
        service in service(),
        offering in offering(),
        relationship in relationship(),
        budget in option::of(budget()),
        management in option::of(management()),
        improvements in improvements(),
        evidence in records(),
        as_of in option::of((2000..=2100i16, 1..=12i8)),
    ) {
        let relationship = Relationship { budget, management, ..relationship };
        let built = Catalogue {
            metadata: Metadata {
                currency: Some("EUR".to_owned()),
                as_of: as_of.map(|(year, month)| {
                    Spanned::unplaced(jiff::civil::Date::new(year, month, 1).expect("a day"))
                }),
                perception_threshold: Decimal::from(75),
                ..Metadata::named(name)
            },
            organizations: vec![organization],
            people: vec![Person {
                common: Common::unplaced("p", Some("P".to_owned()), None),
                organization: Ref::unplaced("o"),
                title: None,
            }],
            groups: Vec::new(),
            outcomes: vec![Outcome {
                common: Common::unplaced("x", Some("X".to_owned()), None),
                kind: OutcomeKind::Performance,
            }],
            products: vec![product],
            services: vec![service],
            offerings: vec![offering],
            relationships: vec![relationship],
            improvements,
            rules: Vec::new(),
            evidence,
        };
        let text = super::catalogue(&built);
        let loaded = load_text(&text);
        prop_assert_eq!(&loaded.diagnostics, &[], "as written:\n{}", text);
        let again = loaded.catalogue.expect("a resolved catalogue");
        prop_assert_eq!(super::catalogue(&again), text.clone(), "written the same twice");
        // The built model's references are unresolved; the one read back names its targets.
        let resolved = |debug: String| debug.replace("target: None", "target: _");
        let mut read = without_spans(&again);
        let kinds = ["Organization", "Person", "Product", "Service", "Offering", "Outcome", "Relationship", "Improvement"];
        for kind in kinds {
            read = read.replace(&format!("target: Some(({kind}, 0))"), "target: _");
        }
        prop_assert_eq!(read, resolved(without_spans(&built)), "as written:\n{}", text);
    }
}
