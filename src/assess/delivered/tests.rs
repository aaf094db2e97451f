//! Each figure and each reason of the delivered assessment (SPEC §10.3), on a small
//! catalogue whose relationship requires every kind of warranty check, two outcomes of
//! different weights, and has a price, an imposed risk and a budget.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{
    BreachedCheck, Delivered, DeliveredFigures, DeliveredVerdict, Perceived, Records, ShortReason,
    judge,
};
use crate::model::{Catalogue, ConsumerRole, Period};

/// A relationship requiring availability, a capacity, a `max` and a `min` service level,
/// rto, rpo and two security controls; `reach` (must, weight 3) and `cheap` (should,
/// weight 1). Its imposed costs are 12,000 a year (1,000 a month), its expected losses
/// 2,000 a year, its budget 3,300 a quarter.
const BASE: &str = "svs: 1
catalogue: { name: delivered, currency: GBP }
organizations:
  - { id: telco, name: Telco }
  - { id: acme, name: Acme }
people:
  - { id: cfo, name: C F O, organization: acme }
outcomes:
  - { id: reach, name: Reach, kind: performance }
  - { id: cheap, name: Cheap, kind: constraint }
services:
  - { id: voice, name: Voice, provider: telco, outputs: [{ name: calls, enables: [reach, cheap] }] }
offerings:
  - id: mobile
    name: Mobile
    provider: telco
    services: [voice]
    price: [{ name: tariff, amount: 1000, per: month }]
relationships:
  - id: deal
    provider: telco
    consumer: acme
    offering: mobile
    roles: { sponsor: [cfo] }
    requirements:
      outcomes:
        - { outcome: reach, priority: must, weight: 3 }
        - { outcome: cheap, weight: 1 }
      warranty:
        availability: 99.9
        capacity: [{ metric: users, value: 500 }]
        service_levels:
          - { metric: response-hours, max: 4 }
          - { metric: resolution-pct, min: 80 }
        continuity: { rto_hours: 8, rpo_hours: 24 }
        security: [mfa, encryption]
    risks:
      imposed: [{ name: breach, likelihood: 0.01, impact: 200000 }]
";

fn load(text: &str) -> Catalogue {
    let loaded = crate::load::load_files(
        vec![("c.yaml".to_owned(), text.as_bytes().to_vec())],
        "c".into(),
    );
    let messages: Vec<&String> = loaded.diagnostics.iter().map(|d| &d.message).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    loaded.catalogue.expect("loads")
}

/// The catalogue with `budget` on the relationship and `evidence` after it.
fn catalogue(budget: &str, evidence: &str) -> Catalogue {
    load(&format!("{BASE}{budget}evidence:\n{evidence}"))
}

const BUDGET: &str = "    budget: { amount: 3300, per: quarter, authorised_by: cfo }\n";

fn period(text: &str) -> Period {
    Period::parse(text).expect("a period")
}

/// The delivered assessment of the relationship in `p`, or its latest.
fn judged(catalogue: &Catalogue, p: Option<&str>) -> Delivered {
    let records = Records::new(catalogue);
    let record = records.judged(catalogue, 0, p.map(period));
    judge(catalogue, 0, record).expect("no overflow")
}

fn figures(delivered: &Delivered) -> &DeliveredFigures {
    delivered.figures.as_ref().expect("measured")
}

/// A record of 2026-Q3 with `body` indented under it.
fn record(body: &str) -> String {
    format!("  - relationship: deal\n    period: 2026-Q3\n{body}")
}

#[test]
fn warranty_checks_are_measured_met_or_breached_in_the_order_of_the_requirement() {
    let c = catalogue(
        "",
        &record(
            "    warranty:
      availability: 99.85
      capacity: [{ metric: users, value: 500 }]
      service_levels:
        - { metric: response-hours, value: 4.5 }
        - { metric: resolution-pct, value: 80 }
      continuity: { rpo_hours: 30 }
      security: { failed: [encryption] }
",
        ),
    );
    let delivered = judged(&c, None);
    let w = &figures(&delivered).warranty;
    assert_eq!((w.checks, w.measured, w.met), (8, 7, 3));
    // 100 × 3 ÷ 7, unrounded.
    assert_eq!(w.score, Some(dec!(300) / dec!(7)));
    let breach = |check: &str, required: &str, achieved: Option<&str>| BreachedCheck {
        check: check.into(),
        required: required.into(),
        achieved: achieved.map(Into::into),
    };
    assert_eq!(
        w.breached,
        [
            breach("availability", "99.9", Some("99.85")),
            breach("service_level:response-hours", "4", Some("4.5")),
            breach("rpo_hours", "24", Some("30")),
            breach("security:encryption", "encryption", None),
        ]
    );
    assert_eq!(w.not_measured, ["rto_hours"]);
}

#[test]
fn security_is_measured_only_when_the_record_reports_it_and_nothing_measured_has_no_score() {
    let c = catalogue("", &record("    warranty: { availability: 99.9 }\n"));
    let delivered = judged(&c, None);
    let w = &figures(&delivered).warranty;
    assert_eq!((w.measured, w.met, w.score), (1, 1, Some(dec!(100))));
    assert_eq!(
        w.not_measured,
        [
            "capacity:users",
            "service_level:response-hours",
            "service_level:resolution-pct",
            "rto_hours",
            "rpo_hours",
            "security:mfa",
            "security:encryption"
        ]
    );
    let c = catalogue("", &record("    note: nothing measured\n"));
    let delivered = judged(&c, None);
    let w = &figures(&delivered).warranty;
    assert_eq!((w.checks, w.measured, w.score), (8, 0, None));
    assert_eq!(figures(&delivered).outcomes.score, None);
    assert_eq!(delivered.verdict, DeliveredVerdict::AsAgreed);
}

#[test]
fn outcomes_are_scored_by_the_weight_of_those_measured() {
    let c = catalogue(
        "",
        &record(
            "    outcomes:\n      - { outcome: cheap, achieved: false }\n      - { outcome: reach, achieved: true }\n",
        ),
    );
    let delivered = judged(&c, None);
    let o = &figures(&delivered).outcomes;
    // 100 × 3 ÷ (3 + 1).
    assert_eq!((o.measured, o.score), (2, Some(dec!(75))));
    assert_eq!(
        (o.achieved.as_slice(), o.not_achieved.as_slice()),
        (&["reach".to_owned()][..], &["cheap".to_owned()][..])
    );
    // A `should` outcome not achieved is no reason to fall short.
    assert_eq!(delivered.verdict, DeliveredVerdict::AsAgreed);

    let c = catalogue(
        "",
        &record("    outcomes: [{ outcome: reach, achieved: false }]\n"),
    );
    let delivered = judged(&c, None);
    let o = &figures(&delivered).outcomes;
    assert_eq!((o.measured, o.score), (1, Some(dec!(0))));
    assert_eq!(o.not_measured, ["cheap"]);
    assert_eq!(delivered.reasons, [ShortReason::OutcomeNotAchieved]);
}

#[test]
fn spend_is_net_of_credits_and_set_against_the_plan_and_the_expected_losses() {
    let c = catalogue(
        BUDGET,
        &record(
            "    spend:
      - { name: tariff, category: price, amount: 3000 }
      - { name: training, category: training, amount: 250.50 }
    credits: [{ name: credit, amount: 100 }]
    losses: [{ name: lost handset, amount: 400 }, { name: fraud, amount: 75 }]
",
        ),
    );
    let f = figures(&judged(&c, None)).clone();
    assert_eq!(f.spend, dec!(3150.50));
    // 12,000 a year × 3 ÷ 12.
    assert_eq!(f.planned, dec!(3000));
    assert_eq!(f.variance, dec!(150.50));
    assert_eq!(f.losses, dec!(475));
    // 0.01 × 200,000 a year × 3 ÷ 12.
    assert_eq!(f.expected_losses, dec!(500));
    // 3,300 a quarter × 4 × 3 ÷ 12.
    assert_eq!(f.budget, Some(dec!(3300)));
}

#[test]
fn a_credit_larger_than_the_spend_leaves_a_spend_of_nothing() {
    let c = catalogue(
        "",
        &record(
            "    spend: [{ name: tariff, category: price, amount: 500 }]
    credits: [{ name: outage credit, amount: 800 }]
",
        ),
    );
    let f = figures(&judged(&c, None)).clone();
    assert_eq!(f.spend, Decimal::ZERO);
    assert_eq!(f.variance, dec!(-3000));
    assert_eq!(f.budget, None);
}

#[test]
fn the_budget_is_for_the_period_s_months_while_its_authorisation_lasts() {
    let month = "  - relationship: deal\n    period: 2026-08\n    spend: [{ name: t, category: price, amount: 1100 }]\n";
    let c = catalogue(
        "    budget: { amount: 13200, per: year, authorised_by: cfo, until: 2026-08-01 }\n",
        month,
    );
    let delivered = judged(&c, None);
    // 13,200 × 1 ÷ 12, in force on the month's first day.
    assert_eq!(figures(&delivered).budget, Some(dec!(1100)));
    assert_eq!(figures(&delivered).planned, dec!(1000));
    assert_eq!(delivered.verdict, DeliveredVerdict::AsAgreed);

    let c = catalogue(
        "    budget: { amount: 100, per: month, authorised_by: cfo, until: 2026-07-31 }\n",
        month,
    );
    let delivered = judged(&c, None);
    assert_eq!(figures(&delivered).budget, None);
    assert!(delivered.reasons.is_empty(), "no budget, so not over it");

    let year = "  - relationship: deal\n    period: 2026\n    spend: [{ name: t, category: price, amount: 1200.01 }]\n";
    let c = catalogue(
        "    budget: { amount: 100, per: month, authorised_by: cfo }\n",
        year,
    );
    let delivered = judged(&c, None);
    assert_eq!(figures(&delivered).budget, Some(dec!(1200)));
    assert_eq!(figures(&delivered).planned, dec!(12000));
    assert_eq!(delivered.reasons, [ShortReason::OverBudget]);
}

#[test]
fn perception_is_normalised_and_weighted_by_responses_per_role_and_per_party() {
    let c = catalogue(
        "",
        &record(
            "    perception:
      - { party: telco, score: 7, min: 0, max: 10, responses: 40 }
      - { role: user, score: 4, max: 5, responses: 30 }
      - { role: user, score: 2, max: 5, responses: 10 }
      - { role: sponsor, score: 80, min: 0, max: 100, responses: 1 }
      - { party: cfo, score: 1, max: 5, responses: 2 }
      - { role: customer, score: 3, max: 5, responses: 5 }
",
        ),
    );
    let delivered = judged(&c, None);
    let p: Vec<(Perceived, Decimal, u64)> = figures(&delivered)
        .perception
        .iter()
        .map(|p| (p.who.clone(), p.score, p.responses))
        .collect();
    let role = Perceived::Role;
    let party = |id: &str| Perceived::Party(id.into());
    assert_eq!(
        p,
        [
            (role(ConsumerRole::Customer), dec!(50), 5),
            // (75 × 30 + 25 × 10) ÷ 40: never averaged with the customers.
            (role(ConsumerRole::User), dec!(62.5), 40),
            (role(ConsumerRole::Sponsor), dec!(80), 1),
            (party("telco"), dec!(70), 40),
            (party("cfo"), dec!(0), 2),
        ]
    );
    // The customers' 50 is below the default threshold of 60; a party's 0 is not a reason.
    assert_eq!(delivered.reasons, [ShortReason::PerceivedPoorly]);
}

#[test]
fn a_party_perceiving_poorly_is_no_reason_and_the_threshold_is_the_catalogue_s() {
    let evidence = record(
        "    perception: [{ party: telco, score: 1, max: 5, responses: 3 }, { role: user, score: 3.4, max: 5, responses: 9 }]\n",
    );
    let c = catalogue("", &evidence);
    assert_eq!(judged(&c, None).verdict, DeliveredVerdict::AsAgreed);
    let text = format!("{BASE}evidence:\n{evidence}").replace(
        "currency: GBP }",
        "currency: GBP, thresholds: { perception: 60.01 } }",
    );
    let delivered = judged(&load(&text), None);
    assert_eq!(delivered.reasons, [ShortReason::PerceivedPoorly]);
}

#[test]
fn every_reason_that_applies_is_given_in_order() {
    let c = catalogue(
        BUDGET,
        &record(
            "    warranty: { availability: 99 }
    outcomes: [{ outcome: reach, achieved: false }]
    spend: [{ name: tariff, category: price, amount: 3300.01 }]
    perception: [{ role: sponsor, score: 2, max: 5, responses: 1 }]
",
        ),
    );
    let delivered = judged(&c, None);
    assert_eq!(delivered.verdict, DeliveredVerdict::Short);
    assert_eq!(
        delivered.reasons,
        [
            ShortReason::WarrantyBreached,
            ShortReason::OutcomeNotAchieved,
            ShortReason::OverBudget,
            ShortReason::PerceivedPoorly,
        ]
    );
    let words: Vec<&str> = delivered.reasons.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        words,
        [
            "warranty-breached",
            "outcome-not-achieved",
            "over-budget",
            "perceived-poorly"
        ]
    );
}

#[test]
fn spend_equal_to_the_budget_is_not_over_it() {
    let c = catalogue(
        BUDGET,
        &record("    spend: [{ name: tariff, category: price, amount: 3300 }]\n"),
    );
    assert_eq!(judged(&c, None).verdict, DeliveredVerdict::AsAgreed);
}

#[test]
fn without_a_period_the_latest_record_is_judged_and_a_period_without_one_is_unmeasured() {
    let evidence = "  - { relationship: deal, period: 2026-Q4, warranty: { availability: 99.9 } }
  - { relationship: deal, period: 2026-12, warranty: { availability: 98 } }
  - { relationship: deal, period: 2026, warranty: { availability: 99.95 } }
";
    let c = catalogue("", evidence);
    let latest = judged(&c, None);
    // 2026-12 follows 2026-Q4, which follows 2026 (§10.2).
    assert_eq!(latest.period, Some(period("2026-12")));
    assert_eq!(latest.verdict, DeliveredVerdict::Short);
    let year = judged(&c, Some("2026"));
    assert_eq!(year.period, Some(period("2026")));
    assert_eq!(year.verdict, DeliveredVerdict::AsAgreed);
    let none = judged(&c, Some("2026-Q1"));
    assert_eq!(none, Delivered::unmeasured());
    assert_eq!(none.verdict.as_str(), "unmeasured");

    assert_eq!(judged(&load(BASE), None), Delivered::unmeasured());
}

#[test]
fn an_unassessed_relationship_still_gets_its_delivered_figures() {
    // No requirement at all: `unassessed` in §5.5, yet what it cost and what its users
    // said are figures of the period.
    let text = BASE
        .split("    requirements:")
        .next()
        .expect("the base")
        .to_owned()
        + "evidence:\n"
        + &record(
            "    spend: [{ name: tariff, category: price, amount: 2900 }]
    perception: [{ role: user, score: 4, max: 5, responses: 2 }]
",
        );
    let c = load(&text);
    let all: Vec<usize> = vec![0];
    let assessment = crate::assess::assess(&c, &all)
        .expect("no overflow")
        .remove(0);
    assert_eq!(assessment.verdict, crate::assess::Verdict::Unassessed);
    let delivered = assessment.delivered;
    assert_eq!(delivered.verdict, DeliveredVerdict::AsAgreed);
    let f = figures(&delivered);
    assert_eq!(
        (f.spend, f.planned, f.variance),
        (dec!(2900), dec!(3000), dec!(-100))
    );
    assert_eq!((f.warranty.checks, f.outcomes.measured), (0, 0));
    assert_eq!(f.perception[0].score, dec!(75));
}

#[test]
fn the_assessment_judges_the_period_it_is_asked_for() {
    let evidence = "  - { relationship: deal, period: 2026-Q2, warranty: { availability: 98 } }
  - { relationship: deal, period: 2026-Q3, warranty: { availability: 99.9 } }
";
    let c = catalogue("", evidence);
    let as_of = jiff::civil::date(2026, 12, 1);
    let latest = crate::assess::evaluate_at(&c, &[0], None, as_of).expect("no overflow");
    assert_eq!(
        latest.relationships[0].delivered.verdict,
        DeliveredVerdict::AsAgreed
    );
    let q2 =
        crate::assess::evaluate_at(&c, &[0], Some(period("2026-Q2")), as_of).expect("no overflow");
    assert_eq!(
        q2.relationships[0].delivered.reasons,
        [ShortReason::WarrantyBreached]
    );
}

#[test]
fn the_consumer_portfolio_sums_the_budgets_in_force_at_the_as_of_date() {
    let text = format!(
        "{BASE}    budget: {{ amount: 3300, per: quarter, authorised_by: cfo, until: 2026-12-31 }}
  - id: second
    provider: telco
    consumer: acme
    offering: mobile
    roles: {{ sponsor: [cfo] }}
    budget: {{ amount: 50, per: month, authorised_by: cfo }}
"
    );
    let c = load(&text);
    let portfolio = |day| {
        crate::assess::evaluate_at(&c, &[0, 1], None, day)
            .expect("no overflow")
            .consumers
            .remove(0)
            .budget
    };
    // 3,300 × 4 + 50 × 12, the first in force to its last day; the second unassessed.
    assert_eq!(
        portfolio(jiff::civil::date(2026, 12, 31)),
        Some(dec!(13800))
    );
    assert_eq!(portfolio(jiff::civil::date(2027, 1, 1)), Some(dec!(600)));
    let none = load(BASE);
    let entry = crate::assess::evaluate_at(&none, &[0], None, jiff::civil::date(2027, 1, 1))
        .expect("no overflow")
        .consumers
        .remove(0);
    assert_eq!(entry.budget, None);
}
