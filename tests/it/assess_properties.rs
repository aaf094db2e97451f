//! Properties of the assessment that must hold for any catalogue: scores stay within
//! 0..=100, removing more from the consumer never lowers the net value, imposing more
//! never raises it, and meeting one more warranty check never lowers the score. The
//! provider's side (§8) is judged apart: without any of its keys it is `unassessed`, and
//! adding them changes no figure of the consumer's side (§5).

use std::fmt::Write;

use proptest::prelude::*;
use rust_decimal::Decimal;
use svs::assess::provision::{CoCreation, ProviderReason, ProviderVerdict};
use svs::assess::{Assessment, Verdict, assess};

/// Builds a one-relationship catalogue. `capacity` pairs are (required, offered) per
/// metric; `outcomes` are (weight, facilitated); costs and risks are amounts in pence and
/// (likelihood in thousandths, impact).
#[derive(Debug, Clone)]
struct Case {
    capacity: Vec<(u32, u32)>,
    outcomes: Vec<(u16, bool)>,
    removed: Vec<(u64, usize)>,
    imposed: Vec<(u64, usize)>,
    risks_removed: Vec<(u16, u64)>,
    risks_imposed: Vec<(u16, u64)>,
}

const PER: [&str; 4] = ["once", "month", "quarter", "year"];

fn yaml(case: &Case) -> String {
    let mut t = String::from(
        "svs: 1\ncatalogue: { name: p, currency: GBP, horizon_months: 7 }\norganizations:\n  - { id: a, name: A }\n  - { id: b, name: B }\noutcomes:\n",
    );
    for i in 0..case.outcomes.len() {
        writeln!(t, "  - {{ id: o{i}, name: O, kind: performance }}").unwrap();
    }
    t.push_str("  - { id: spare, name: Spare, kind: performance }\nservices:\n  - id: s\n    name: S\n    provider: a\n    outputs:\n      - name: out\n        enables: [spare");
    for (i, (_, facilitated)) in case.outcomes.iter().enumerate() {
        if *facilitated {
            write!(t, ", o{i}").unwrap();
        }
    }
    t.push_str("]\n    warranty:\n      capacity:\n");
    for (i, (_, offered)) in case.capacity.iter().enumerate() {
        writeln!(t, "        - {{ metric: m{i}, value: {offered} }}").unwrap();
    }
    t.push_str("offerings:\n  - { id: f, name: F, provider: a, services: [s] }\nrelationships:\n  - id: r\n    provider: a\n    consumer: b\n    offering: f\n    requirements:\n      outcomes:\n");
    for (i, (weight, _)) in case.outcomes.iter().enumerate() {
        writeln!(t, "        - {{ outcome: o{i}, weight: {} }}", weight + 1).unwrap();
    }
    t.push_str("      warranty:\n        capacity:\n");
    for (i, (required, _)) in case.capacity.iter().enumerate() {
        writeln!(t, "          - {{ metric: m{i}, value: {required} }}").unwrap();
    }
    t.push_str("    costs:\n      removed:\n");
    for (pence, per) in &case.removed {
        writeln!(
            t,
            "        - {{ name: c, category: staff, amount: {}, per: {} }}",
            Decimal::new(i64::try_from(*pence).unwrap(), 2),
            PER[*per]
        )
        .unwrap();
    }
    t.push_str("      imposed:\n");
    for (pence, per) in &case.imposed {
        writeln!(
            t,
            "        - {{ name: c, category: training, amount: {}, per: {} }}",
            Decimal::new(i64::try_from(*pence).unwrap(), 2),
            PER[*per]
        )
        .unwrap();
    }
    t.push_str("    risks:\n      removed:\n");
    for (likelihood, impact) in &case.risks_removed {
        writeln!(
            t,
            "        - {{ name: r, likelihood: {}, impact: {impact} }}",
            Decimal::new(i64::from(*likelihood), 3)
        )
        .unwrap();
    }
    t.push_str("      imposed:\n");
    for (likelihood, impact) in &case.risks_imposed {
        writeln!(
            t,
            "        - {{ name: r, likelihood: {}, impact: {impact} }}",
            Decimal::new(i64::from(*likelihood), 3)
        )
        .unwrap();
    }
    t
}

/// Every key of §8 in one go, amounts in pence: a running cost, a cost to serve (per unit
/// or not), a provision cost, a provision risk (likelihood in thousandths, impact), a
/// benefit (priced or not), an effect on a stakeholder (priced or not, gain or loss), the
/// provider's target margin and the catalogue's margin threshold.
#[derive(Debug, Clone)]
struct Provision {
    running: (u64, usize),
    serve: (u64, usize, bool),
    cost: (u64, usize),
    risk: (u16, u64),
    benefit: Option<(u64, usize)>,
    effect: Option<(u64, usize, bool)>,
    target_margin: i8,
    threshold: i8,
}

fn money(pence: u64) -> Decimal {
    Decimal::new(i64::try_from(pence).unwrap(), 2)
}

/// The catalogue of `case` with every key of `p` added.
fn with_provision(case: &Case, p: &Provision) -> String {
    let replace = |text: String, old: &str, new: &str| {
        assert!(text.contains(old), "{old}");
        text.replacen(old, new, 1)
    };
    let mut t = yaml(case);
    t = replace(
        t,
        "horizon_months: 7 }",
        &format!(
            "horizon_months: 7, thresholds: {{ margin: {} }} }}",
            p.threshold
        ),
    );
    t = replace(
        t,
        "  - { id: a, name: A }\n",
        &format!(
            "  - {{ id: a, name: A, target_margin: {} }}\n",
            p.target_margin
        ),
    );
    t = replace(
        t,
        "    provider: a\n    outputs:\n",
        &format!(
            "    provider: a\n    running_costs:\n      - {{ name: run, dimension: \
             information-and-technology, amount: {}, per: {} }}\n    outputs:\n",
            money(p.running.0),
            PER[p.running.1]
        ),
    );
    let unit = if p.serve.2 { ", unit: seat" } else { "" };
    t = replace(
        t,
        "  - { id: f, name: F, provider: a, services: [s] }\n",
        &format!(
            "  - id: f\n    name: F\n    provider: a\n    services: [s]\n    cost_to_serve:\n      \
             - {{ name: serve, dimension: partners-and-suppliers, amount: {}, per: {}{unit} }}\n",
            money(p.serve.0),
            PER[p.serve.1]
        ),
    );
    // The relationship is last: its own keys go at the end.
    write!(
        t,
        "    provision:\n      costs:\n        - {{ name: c, dimension: \
         organizations-and-people, amount: {}, per: {} }}\n      risks:\n        - {{ name: \
         r, likelihood: {}, impact: {} }}\n      benefits:\n        - {{ name: b, kind: funding",
        money(p.cost.0),
        PER[p.cost.1],
        Decimal::new(i64::from(p.risk.0), 3),
        p.risk.1
    )
    .unwrap();
    if let Some((pence, per)) = p.benefit {
        write!(t, ", amount: {}, per: {}", money(pence), PER[per]).unwrap();
    }
    t.push_str(" }\n    stakeholders:\n      - party: b\n        role: partner\n        effects:\n          - { name: e");
    if let Some((pence, per, gain)) = p.effect {
        let direction = if gain { "gain" } else { "loss" };
        write!(
            t,
            ", direction: {direction}, amount: {}, per: {}",
            money(pence),
            PER[per]
        )
        .unwrap();
    }
    t.push_str(" }\n");
    t
}

fn provisions() -> impl Strategy<Value = Provision> {
    let money = || (0u64..100_000_000, 0usize..4);
    (
        money(),
        (0u64..100_000_000, 0usize..4, any::<bool>()),
        money(),
        (0u16..=1000, 0u64..10_000_000),
        prop::option::of(money()),
        prop::option::of((0u64..100_000_000, 0usize..4, any::<bool>())),
        -100i8..=100,
        -100i8..=100,
    )
        .prop_map(
            |(running, serve, cost, risk, benefit, effect, target_margin, threshold)| Provision {
                running,
                serve,
                cost,
                risk,
                benefit,
                effect,
                target_margin,
                threshold,
            },
        )
}

fn run(case: &Case) -> Assessment {
    run_yaml(yaml(case))
}

fn run_yaml(text: String) -> Assessment {
    let loaded = svs::load::load_files(vec![("p.yaml".into(), text.into_bytes())], "p".into());
    let catalogue = loaded
        .catalogue
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    assess(&catalogue, &[0]).expect("no overflow").remove(0)
}

fn cases() -> impl Strategy<Value = Case> {
    let money = (0u64..100_000_000, 0usize..4);
    let risk = (0u16..=1000, 0u64..10_000_000);
    (
        prop::collection::vec((0u32..10_000, 0u32..10_000), 1..6),
        prop::collection::vec((0u16..10, any::<bool>()), 1..6),
        prop::collection::vec(money.clone(), 0..4),
        prop::collection::vec(money, 0..4),
        prop::collection::vec(risk.clone(), 0..3),
        prop::collection::vec(risk, 0..3),
    )
        .prop_map(
            |(capacity, outcomes, removed, imposed, risks_removed, risks_imposed)| Case {
                capacity,
                outcomes,
                removed,
                imposed,
                risks_removed,
                risks_imposed,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_stay_between_0_and_100(case in cases()) {
        let a = run(&case);
        for score in [a.utility.score, a.warranty.score] {
            prop_assert!(score >= Decimal::ZERO && score <= Decimal::ONE_HUNDRED, "{score}");
        }
    }

    #[test]
    fn another_removed_cost_or_risk_never_lowers_net_value(
        mut case in cases(), pence in 0u64..100_000_000, per in 0usize..4,
        likelihood in 0u16..=1000, impact in 0u64..10_000_000,
    ) {
        let before = run(&case).net_value;
        case.removed.push((pence, per));
        let with_cost = run(&case).net_value;
        prop_assert!(with_cost >= before);
        case.risks_removed.push((likelihood, impact));
        prop_assert!(run(&case).net_value >= with_cost);
    }

    #[test]
    fn another_imposed_cost_or_risk_never_raises_net_value(
        mut case in cases(), pence in 0u64..100_000_000, per in 0usize..4,
        likelihood in 0u16..=1000, impact in 0u64..10_000_000,
    ) {
        let before = run(&case).net_value;
        case.imposed.push((pence, per));
        let with_cost = run(&case).net_value;
        prop_assert!(with_cost <= before);
        case.risks_imposed.push((likelihood, impact));
        prop_assert!(run(&case).net_value <= with_cost);
    }

    #[test]
    fn meeting_one_more_check_never_lowers_the_warranty_score(mut case in cases()) {
        let before = run(&case);
        if let Some(unmet) = case.capacity.iter().position(|(required, offered)| offered < required) {
            case.capacity[unmet].1 = case.capacity[unmet].0;
            let after = run(&case);
            prop_assert!(after.warranty.score > before.warranty.score);
            prop_assert_eq!(after.warranty.met, before.warranty.met + 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn without_any_provision_key_the_provider_side_is_unassessed(case in cases()) {
        let a = run(&case);
        prop_assert_eq!(a.provider.verdict, ProviderVerdict::Unassessed);
        prop_assert_eq!(&a.provider.reasons, &vec![ProviderReason::NoProvisionCosts]);
        // A consumer without value is a known failure whatever the provider's side: not
        // mutual; otherwise co-creation is open.
        let expected = if a.verdict == Verdict::NoValue {
            CoCreation::NotMutual
        } else {
            CoCreation::Unassessed
        };
        prop_assert_eq!(a.co_creation, expected);
        prop_assert!(a.stakeholders.is_empty());
    }

    #[test]
    fn provision_keys_change_no_figure_of_the_consumers_side(
        case in cases(), provision in provisions(),
    ) {
        let before = run(&case);
        let after = run_yaml(with_provision(&case, &provision));
        prop_assert_eq!(&after.utility, &before.utility);
        prop_assert_eq!(&after.warranty, &before.warranty);
        prop_assert_eq!(after.costs, before.costs);
        prop_assert_eq!(after.risks, before.risks);
        prop_assert_eq!(after.net_value, before.net_value);
        prop_assert_eq!(after.verdict, before.verdict);
        prop_assert_eq!(&after.reasons, &before.reasons);
        // And the provider's side is now judged.
        prop_assert_ne!(after.provider.verdict, ProviderVerdict::Unassessed);
        prop_assert_eq!(after.stakeholders.len(), 1);
    }
}
