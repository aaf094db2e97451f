//! The assessment rules of docs/format.md §5, each pinned on a small catalogue: warranty
//! combination, every check direction, annualising, price lines with and without a unit,
//! utility gating and the verdict's reasons.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use svs::assess::{Assessment, Reason, Verdict, assess};
use svs::model::Catalogue;

/// Organisations, an outcome and two services with different warranties, in front of the
/// text each test adds.
const BASE: &str = "svs: 1
catalogue: { name: rules, currency: GBP, horizon_months: 24 }
organizations:
  - { id: telco, name: Telco }
  - { id: acme, name: Acme }
outcomes:
  - { id: reachable, name: Reachable, kind: performance }
  - { id: secure, name: Secure, kind: constraint }
  - { id: cheap, name: Cheap, kind: constraint }
services:
  - id: voice
    name: Voice
    provider: telco
    outputs: [{ name: calls, enables: [reachable] }]
    warranty:
      availability: 99.9
      capacity: [{ metric: users, value: 5000 }, { metric: storage-gb, value: 100 }]
      service_levels:
        - { metric: response-hours, max: 4 }
        - { metric: resolution-pct, min: 80 }
      continuity: { rto_hours: 8, rpo_hours: 24 }
      security: [mfa, encryption]
  - id: data
    name: Data
    provider: telco
    outputs: [{ name: sessions, enables: [secure] }]
    warranty:
      availability: 99.5
      capacity: [{ metric: users, value: 3000 }]
      service_levels:
        - { metric: response-hours, max: 8 }
        - { metric: resolution-pct, min: 70 }
      continuity: { rto_hours: 4, rpo_hours: 48 }
      security: [mfa]
";

fn load(extra: &str) -> Catalogue {
    let text = format!("{BASE}{extra}");
    let loaded = svs::load::load_files(
        vec![("rules.yaml".into(), text.into_bytes())],
        "rules".into(),
    );
    assert!(
        loaded.diagnostics.is_empty(),
        "{:#?}",
        loaded
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    loaded.catalogue.expect("loads")
}

fn assess_all(catalogue: &Catalogue) -> Vec<Assessment> {
    let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
    assess(catalogue, &all).expect("no overflow")
}

/// One offering of both services, with `offering_extra` appended to it, and one
/// relationship with `relationship_extra` appended.
fn one(offering_extra: &str, relationship_extra: &str) -> Assessment {
    let text = format!(
        "offerings:
  - id: bundle
    name: Bundle
    provider: telco
    services: [voice, data]
{offering_extra}
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: bundle
{relationship_extra}"
    );
    assess_all(&load(&text)).remove(0)
}

fn unmet(a: &Assessment) -> Vec<(&str, &str, Option<&str>)> {
    a.warranty
        .unmet
        .iter()
        .map(|u| (u.check.as_str(), u.required.as_str(), u.offered.as_deref()))
        .collect()
}

const ALL_OUTCOMES: &str = "    requirements:
      outcomes: [{ outcome: reachable }, { outcome: secure }]
";

#[test]
fn combined_warranty_takes_the_weakest_value_of_aspects_every_service_declares() {
    // Requirements exactly at the combined offer: availability 100 × 0.999 × 0.995 =
    // 99.4005 (the product: both services must work);
    // users min(5000, 3000) = 3000; response-hours max: worst = largest = 8;
    // resolution-pct min: worst = smallest = 70; rto largest = 8; rpo largest = 48;
    // security: only mfa is in both.
    let a = one(
        "",
        "    requirements:
      outcomes: [{ outcome: reachable }]
      warranty:
        availability: 99.4005
        capacity: [{ metric: users, value: 3000 }]
        service_levels:
          - { metric: response-hours, max: 8 }
          - { metric: resolution-pct, min: 70 }
        continuity: { rto_hours: 8, rpo_hours: 48 }
        security: [mfa]
",
    );
    assert_eq!(a.warranty.checks, 7);
    assert_eq!(unmet(&a), []);
    assert!(a.warranty.fit_for_use);
    assert_eq!(a.warranty.score, dec!(100));
}

#[test]
fn each_check_fails_one_step_past_the_offer_in_its_direction() {
    // One step stricter than the combined offer on every aspect, plus an aspect only one
    // service declares (storage-gb) and a control only one declares (encryption).
    let a = one(
        "",
        "    requirements:
      outcomes: [{ outcome: reachable }]
      warranty:
        availability: 99.4006
        capacity: [{ metric: users, value: 3001 }, { metric: storage-gb, value: 1 }]
        service_levels:
          - { metric: response-hours, max: 7 }
          - { metric: resolution-pct, min: 71 }
          - { metric: resolution-pct, max: 100 }
        continuity: { rto_hours: 7, rpo_hours: 47 }
        security: [mfa, encryption]
",
    );
    assert_eq!(
        unmet(&a),
        [
            ("availability", "99.4006", Some("99.4005")),
            ("capacity:users", "3001", Some("3000")),
            ("capacity:storage-gb", "1", None),
            ("service_level:response-hours", "7", Some("8")),
            ("service_level:resolution-pct", "71", Some("70")),
            // A `max` level is another aspect than the offered `min` of the same metric.
            ("service_level:resolution-pct", "100", None),
            ("rto_hours", "7", Some("8")),
            ("rpo_hours", "47", Some("48")),
            ("security:encryption", "encryption", None),
        ]
    );
    assert_eq!(a.warranty.checks, 10);
    assert_eq!(a.warranty.met, 1); // mfa
    assert_eq!(a.warranty.score, dec!(10));
    assert!(!a.warranty.fit_for_use);
}

#[test]
fn combined_availability_is_the_product_of_the_distinct_services() {
    // Each service alone assures the 99.5 asked for; together they assure 99.4005.
    let requirement = "    requirements:
      outcomes: [{ outcome: reachable }]
      warranty: { availability: 99.5 }
";
    let a = one("", requirement);
    assert_eq!(unmet(&a), [("availability", "99.5", Some("99.4005"))]);
    // A service listed twice is one part: 99.9 × 99.5, not 99.9 × 99.5 × 99.5.
    let text = format!(
        "offerings:
  - id: bundle
    name: Bundle
    provider: telco
    services: [voice, data, voice]
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: bundle
{requirement}"
    );
    let a = assess_all(&load(&text)).remove(0);
    assert_eq!(unmet(&a), [("availability", "99.5", Some("99.4005"))]);
}

#[test]
fn a_composed_availability_is_compared_exactly() {
    // Eight services at 99.999 assure 100 × 0.99999⁸ =
    // 99.99200027999440006999944000279999200001, more decimals than a Decimal holds:
    // a requirement one unit above its 26th decimal is unmet, one below is met.
    let mut parts = String::from("services:\n");
    for i in 0..8 {
        writeln!(
            parts,
            "  - {{ id: part-{i}, name: Part, provider: telco, outputs: [{{ name: o, \
             enables: [cheap] }}], warranty: {{ availability: 99.999 }} }}"
        )
        .unwrap();
    }
    let services = (0..8)
        .map(|i| format!("part-{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let deal = |required: &str| {
        format!(
            "offerings:
  - {{ id: eight, name: Eight, provider: telco, services: [{services}] }}
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: eight
    requirements:
      outcomes: [{{ outcome: cheap }}]
      warranty: {{ availability: {required} }}
"
        )
    };
    let base = BASE.replace("services:\n", &parts);
    let assess_text = |extra: String| {
        let loaded = svs::load::load_files(
            vec![("rules.yaml".into(), format!("{base}{extra}").into_bytes())],
            "rules".into(),
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assess_all(&loaded.catalogue.expect("loads")).remove(0)
    };
    let met = assess_text(deal("99.99200027999440006999944000"));
    assert!(met.warranty.fit_for_use, "{:?}", unmet(&met));
    let unmet_one = assess_text(deal("99.99200027999440006999944001"));
    assert!(!unmet_one.warranty.fit_for_use);
}

#[test]
fn an_offerings_own_block_replaces_its_services_offer() {
    let a = one(
        "    warranty: { availability: 99.99 }",
        "    requirements:
      outcomes: [{ outcome: reachable }]
      warranty: { availability: 99.99, security: [mfa] }
",
    );
    // The own block offers availability only: mfa is no longer offered.
    assert_eq!(unmet(&a), [("security:mfa", "mfa", None)]);
}

#[test]
fn an_empty_own_block_counts_as_absent() {
    let a = one(
        "    warranty: { capacity: [], security: [] }",
        "    requirements:
      outcomes: [{ outcome: reachable }]
      warranty: { availability: 99.4 }
",
    );
    assert_eq!(unmet(&a), []);
}

#[test]
fn a_service_without_warranty_leaves_the_combined_offer_empty() {
    let text = "  - id: plain
    name: Plain
    provider: telco
    outputs: [{ name: thing, enables: [cheap] }]
offerings:
  - { id: bundle, name: Bundle, provider: telco, services: [voice, plain] }
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: bundle
    requirements:
      outcomes: [{ outcome: reachable }]
      warranty: { availability: 1 }
";
    let a = assess_all(&load(text)).remove(0);
    assert_eq!(unmet(&a), [("availability", "1", None)]);
}

#[test]
fn utility_weighs_facilitated_outcomes_and_gates_on_must() {
    // Facilitated: reachable (3) and secure (1); missing: cheap (4) → 100 × 4 / 8 = 50,
    // at the default threshold of 50.
    let a = one(
        "",
        "    requirements:
      outcomes:
        - { outcome: reachable, weight: 3 }
        - { outcome: cheap, weight: 4, priority: could }
        - { outcome: secure }
      warranty: { availability: 99 }
",
    );
    assert_eq!(a.utility.score, dec!(50));
    assert_eq!(a.utility.facilitated, ["reachable", "secure"]);
    assert_eq!(a.utility.missing, ["cheap"]);
    assert!(a.utility.fit_for_purpose);

    // The same outcome as a `must` fails fit for purpose whatever the score.
    let a = one(
        "",
        "    requirements:
      outcomes:
        - { outcome: reachable, weight: 30 }
        - { outcome: cheap, priority: must }
      warranty: { availability: 99 }
",
    );
    assert_eq!(a.utility.score.round_dp(4), dec!(96.7742)); // 100 × 30 / 31
    assert!(!a.utility.fit_for_purpose);
    assert_eq!(a.verdict, Verdict::NoValue);
    assert_eq!(a.reasons, [Reason::NotFitForPurpose]);
}

#[test]
fn price_lines_with_a_unit_are_multiplied_by_quantity() {
    // Per user per month 10 × 12 × 150 users = 18,000; a flat 1,200 a quarter × 4 = 4,800;
    // a one-off 2,400 per user spread over 24 months: 2,400 × 150 × 12 / 24 = 180,000.
    let a = one(
        "    price:
      - { amount: 10, per: month, unit: user }
      - { amount: 1200, per: quarter }
      - { amount: 2400, per: once, unit: user }",
        "    quantity: 150
",
    );
    assert_eq!(a.costs.imposed, dec!(202800));
}

#[test]
fn costs_and_risks_are_annualised_and_netted() {
    // Removed: 1,000 a month = 12,000, plus 6,000 once over 24 months = 3,000 → 15,000.
    // Imposed: 500 a year, plus price 100 a month = 1,200 → 1,700.
    // Risks removed 0.1 × 50,000 = 5,000; imposed 0.02 × 100,000 = 2,000.
    // Net: (15,000 − 1,700) + (5,000 − 2,000) = 16,300.
    let a = one(
        "    price: [{ amount: 100, per: month }]",
        "    costs:
      removed:
        - { name: staff, category: staff, amount: 1000, per: month }
        - { name: kit, category: technology, amount: 6000, per: once }
      imposed:
        - { name: fees, category: network, amount: 500, per: year }
    risks:
      removed: [{ name: outage, likelihood: 0.1, impact: 50000 }]
      imposed: [{ name: breach, likelihood: 0.02, impact: 100000 }]
",
    );
    assert_eq!(
        (a.costs.removed, a.costs.imposed),
        (dec!(15000), dec!(1700))
    );
    assert_eq!((a.risks.removed, a.risks.imposed), (dec!(5000), dec!(2000)));
    assert_eq!(a.net_value, dec!(16300));
}

#[test]
fn unassessed_lists_every_missing_requirement() {
    let a = one("", "");
    assert_eq!(a.verdict, Verdict::Unassessed);
    assert_eq!(
        a.reasons,
        [
            Reason::NoOutcomeRequirements,
            Reason::NoWarrantyRequirements
        ]
    );
    assert_eq!(a.utility.score, Decimal::ZERO);
    assert_eq!(a.warranty.score, Decimal::ZERO);

    // A warranty block with nothing to check counts as none.
    let a = one(
        "",
        &format!("{ALL_OUTCOMES}      warranty: {{ security: [] }}\n"),
    );
    assert_eq!(a.reasons, [Reason::NoWarrantyRequirements]);
}

#[test]
fn no_value_gives_every_reason_in_order() {
    let a = one(
        "    price: [{ amount: 1000, per: month }]",
        "    requirements:
      outcomes: [{ outcome: cheap, priority: must }]
      warranty: { availability: 100 }
",
    );
    assert_eq!(a.verdict, Verdict::NoValue);
    assert_eq!(
        a.reasons,
        [
            Reason::NotFitForPurpose,
            Reason::NotFitForUse,
            Reason::NegativeBalance
        ]
    );
}

#[test]
fn a_zero_balance_with_everything_fit_is_value() {
    let a = one(
        "",
        &format!("{ALL_OUTCOMES}      warranty: {{ availability: 99.4 }}\n"),
    );
    assert_eq!(a.net_value, Decimal::ZERO);
    assert_eq!(a.verdict, Verdict::Value);
    assert!(a.reasons.is_empty());
}

#[test]
fn a_threshold_from_the_catalogue_applies() {
    let text = BASE.replace(
        "horizon_months: 24",
        "horizon_months: 24, thresholds: { utility: 75 }",
    );
    let extra = "offerings:
  - { id: bundle, name: Bundle, provider: telco, services: [voice] }
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: bundle
    requirements:
      outcomes: [{ outcome: reachable, weight: 2 }, { outcome: cheap }]
      warranty: { availability: 99 }
";
    let text = format!("{text}{extra}");
    let loaded = svs::load::load_files(vec![("t.yaml".into(), text.into_bytes())], "t".into());
    let catalogue = loaded.catalogue.expect("loads");
    let a = assess_all(&catalogue).remove(0);
    // 100 × 2 / 3 = 66.67 < 75.
    assert!(!a.utility.fit_for_purpose);
    assert_eq!(a.reasons, [Reason::NotFitForPurpose]);
}
