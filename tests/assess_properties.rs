//! Properties of the assessment that must hold for any catalogue: scores stay within
//! 0..=100, removing more from the consumer never lowers the net value, imposing more
//! never raises it, and meeting one more warranty check never lowers the score.

use std::fmt::Write;

use proptest::prelude::*;
use rust_decimal::Decimal;
use svs::assess::{Assessment, assess};

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

fn run(case: &Case) -> Assessment {
    let loaded =
        svs::load::load_files(vec![("p.yaml".into(), yaml(case).into_bytes())], "p".into());
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
