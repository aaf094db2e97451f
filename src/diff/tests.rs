//! The comparison's own cases: ranks, sides newly assessed, deltas and findings.

use super::*;
use rust_decimal_macros::dec;

fn relationship(id: &str, verdict: Verdict, warranty: Decimal) -> RelationshipValue {
    RelationshipValue {
        id: id.to_owned(),
        provider: "telco".to_owned(),
        consumer: "acme".to_owned(),
        offering: "plan".to_owned(),
        verdict,
        reasons: Vec::new(),
        utility: dec!(100),
        fit_for_purpose: true,
        warranty,
        fit_for_use: warranty == dec!(100),
        net_value: dec!(1000),
        margin: dec!(100),
        margin_pct: Some(dec!(10)),
        // Not assessed on the provider's side unless a test says otherwise, so that
        // the consumer's figures are compared alone.
        provider_verdict: ProviderVerdict::Unassessed,
        co_creation: CoCreation::Unassessed,
    }
}

/// A relationship with both sides judged.
fn both_sides(verdict: Verdict, provider: ProviderVerdict, margin: Decimal) -> RelationshipValue {
    let mut value = relationship("a", verdict, dec!(100));
    value.provider_verdict = provider;
    value.co_creation = CoCreation::of(verdict, provider);
    value.margin = margin;
    value
}

fn finding(code: &'static str, severity: Severity, entity: &str, line: usize) -> Finding {
    Finding {
        code: code.to_owned(),
        rule: "some-rule".to_owned(),
        severity,
        message: format!("{code} on `{entity}`"),
        entity: Some(entity.to_owned()),
        file: "c.yaml".to_owned(),
        line,
        column: 1,
    }
}

fn version(relationships: Vec<RelationshipValue>, findings: Vec<Finding>) -> Version {
    Version {
        catalogue: "c".to_owned(),
        currency: Some("GBP".to_owned()),
        horizon_months: 36,
        relationships,
        findings,
        suppressed: 0,
        grounds: Grounds::default(),
        delivered: Vec::new(),
    }
}

#[test]
fn identical_versions_differ_in_nothing() {
    let v = version(
        vec![relationship("a", Verdict::Value, dec!(100))],
        vec![finding("SVS302", Severity::Warning, "a", 3)],
    );
    let diff = compare(v.clone(), v).unwrap();
    assert!(diff.is_empty());
    assert_eq!(diff.unchanged, 1);
    assert!(!diff.regression());
}

#[test]
fn a_lower_warranty_score_is_a_regression_with_an_exact_delta() {
    let old = version(vec![relationship("a", Verdict::Value, dec!(100))], vec![]);
    let mut worse = relationship("a", Verdict::NoValue, dec!(66.666));
    worse.reasons = vec![Reason::NotFitForUse];
    let diff = compare(old, version(vec![worse], vec![])).unwrap();
    let change = &diff.relationships[0];
    assert_eq!(change.change, Change::Changed);
    assert_eq!(change.regressions, [Aspect::Verdict, Aspect::Warranty]);
    assert!(change.improvements.is_empty());
    assert_eq!(change.delta.unwrap().warranty, dec!(-33.334));
    assert_eq!(change.delta.unwrap().net_value, Decimal::ZERO);
    assert!(diff.regression());
}

#[test]
fn verdicts_rank_value_then_unassessed_then_no_value() {
    let step = |from, to| {
        let old = version(vec![relationship("a", from, dec!(100))], vec![]);
        let new = version(vec![relationship("a", to, dec!(100))], vec![]);
        compare(old, new).unwrap().relationships[0]
            .regressions
            .clone()
    };
    assert_eq!(step(Verdict::Value, Verdict::Unassessed), [Aspect::Verdict]);
    assert_eq!(step(Verdict::Value, Verdict::NoValue), [Aspect::Verdict]);
    // Judged for the first time: news, not a regression.
    assert!(step(Verdict::Unassessed, Verdict::NoValue).is_empty());
    assert!(step(Verdict::NoValue, Verdict::Unassessed).is_empty());
    assert!(step(Verdict::NoValue, Verdict::Value).is_empty());
}

#[test]
fn leaving_mutual_or_becoming_unsustainable_is_a_regression() {
    use ProviderVerdict::{Sustainable, Unassessed, Unsustainable};
    let step = |from: RelationshipValue, to: RelationshipValue| {
        let diff = compare(version(vec![from], vec![]), version(vec![to], vec![])).unwrap();
        let change = diff.relationships[0].clone();
        (change.regressions, change.improvements, diff.regression())
    };
    // The margin falls below the target: both the provider and co-creation regress,
    // and the margin's change is exact.
    let (worse, better, gate) = step(
        both_sides(Verdict::Value, Sustainable, dec!(6100)),
        both_sides(Verdict::Value, Unsustainable, dec!(600.005)),
    );
    assert_eq!(worse, [Aspect::ProviderVerdict, Aspect::CoCreation]);
    assert!(better.is_empty());
    assert!(gate);
    // Mutual to unassessed (nothing declared any more on the provider's side): only
    // co-creation regresses.
    let (worse, _, gate) = step(
        both_sides(Verdict::Value, Sustainable, dec!(6100)),
        both_sides(Verdict::Value, Unassessed, dec!(6100)),
    );
    assert_eq!(worse, [Aspect::CoCreation]);
    assert!(gate);
    // Provider-only to neither: the provider regresses, co-creation was not mutual.
    let (worse, _, _) = step(
        both_sides(Verdict::NoValue, Sustainable, dec!(10)),
        both_sides(Verdict::NoValue, Unsustainable, dec!(10)),
    );
    assert_eq!(worse, [Aspect::ProviderVerdict]);
    // Consumer-only to mutual: both improve.
    let (worse, better, gate) = step(
        both_sides(Verdict::Value, Unsustainable, dec!(-5)),
        both_sides(Verdict::Value, Sustainable, dec!(5)),
    );
    assert!(worse.is_empty());
    assert_eq!(better, [Aspect::ProviderVerdict, Aspect::CoCreation]);
    assert!(!gate);
    // Unassessed to unsustainable is news, not a regression.
    let (worse, better, _) = step(
        both_sides(Verdict::NoValue, Unassessed, dec!(0)),
        both_sides(Verdict::NoValue, Unsustainable, dec!(0)),
    );
    assert!(worse.is_empty() && better.is_empty());
}

#[test]
fn a_side_judged_for_the_first_time_is_news_not_an_improvement() {
    use ProviderVerdict::{Sustainable, Unassessed};
    // The provider's costs are declared for the first time: co-creation reaches
    // `mutual`, but nothing got better.
    let old = both_sides(Verdict::Value, Unassessed, dec!(12000));
    let new = both_sides(Verdict::Value, Sustainable, dec!(6100));
    let diff = compare(
        version(vec![old.clone()], vec![]),
        version(vec![new], vec![]),
    )
    .unwrap();
    let change = &diff.relationships[0];
    assert_eq!(change.causes, [Cause::NewlyAssessed]);
    assert!(change.improvements.is_empty() && change.regressions.is_empty());
    assert_eq!((diff.improved(), diff.newly_assessed()), (0, 1));
    assert!(!diff.regression());

    // The same change with a lower net value for the consumer: that side was judged
    // before, so its loss still fails the gate.
    let mut poorer = both_sides(Verdict::Value, Sustainable, dec!(6100));
    poorer.net_value = dec!(900);
    let diff = compare(version(vec![old], vec![]), version(vec![poorer], vec![])).unwrap();
    assert_eq!(diff.relationships[0].regressions, [Aspect::NetValue]);
    assert_eq!(diff.regressed(), 0, "said to be newly assessed");
    assert!(diff.regression());
}

#[test]
fn a_lower_margin_alone_is_reported_but_is_not_a_regression() {
    let old = both_sides(Verdict::Value, ProviderVerdict::Sustainable, dec!(6100));
    let new = both_sides(Verdict::Value, ProviderVerdict::Sustainable, dec!(5000));
    let diff = compare(version(vec![old], vec![]), version(vec![new], vec![])).unwrap();
    let change = &diff.relationships[0];
    assert_eq!(change.change, Change::Changed);
    assert_eq!(change.delta.unwrap().margin, dec!(-1100));
    assert!(change.regressions.is_empty() && change.improvements.is_empty());
    assert!(!diff.regression());
}

#[test]
fn a_higher_net_value_is_an_improvement() {
    let old = version(vec![relationship("a", Verdict::Value, dec!(100))], vec![]);
    let mut better = relationship("a", Verdict::Value, dec!(100));
    better.net_value = dec!(1000.005);
    let diff = compare(old, version(vec![better], vec![])).unwrap();
    assert_eq!(diff.relationships[0].improvements, [Aspect::NetValue]);
    assert_eq!(diff.relationships[0].delta.unwrap().net_value, dec!(0.005));
    assert_eq!(diff.improved(), 1);
    assert!(!diff.regression());
}

#[test]
fn added_and_removed_relationships_are_listed_but_are_not_regressions() {
    let old = version(
        vec![
            relationship("kept", Verdict::Value, dec!(100)),
            relationship("gone", Verdict::Value, dec!(100)),
        ],
        vec![],
    );
    let new = version(
        vec![
            relationship("fresh", Verdict::NoValue, dec!(0)),
            relationship("kept", Verdict::Value, dec!(100)),
        ],
        vec![],
    );
    let diff = compare(old, new).unwrap();
    let listed: Vec<(&str, Change)> = diff
        .relationships
        .iter()
        .map(|r| (r.id.as_str(), r.change))
        .collect();
    assert_eq!(
        listed,
        [("fresh", Change::Added), ("gone", Change::Removed)]
    );
    assert_eq!(diff.unchanged, 1);
    assert!(!diff.regression());
}

#[test]
fn findings_match_on_code_entity_and_message_not_on_place() {
    let old = version(
        vec![],
        vec![
            finding("SVS302", Severity::Warning, "a", 10),
            finding("SVS401", Severity::Info, "b", 20),
        ],
    );
    let new = version(
        vec![],
        vec![
            // Moved down by an edit above it: the same finding.
            finding("SVS302", Severity::Warning, "a", 14),
            finding("SVS104", Severity::Error, "c", 30),
        ],
    );
    let diff = compare(old, new).unwrap();
    let codes = |list: &[Finding]| list.iter().map(|f| f.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&diff.introduced), ["SVS104"]);
    assert_eq!(codes(&diff.fixed), ["SVS401"]);
    assert_eq!(diff.introduced_errors(), 1);
    assert!(diff.regression());
}

#[test]
fn a_repeated_finding_is_matched_once_per_occurrence() {
    let one = finding("SVS203", Severity::Info, "s", 1);
    let old = version(vec![], vec![one.clone()]);
    let new = version(vec![], vec![one.clone(), one]);
    let diff = compare(old, new).unwrap();
    assert_eq!(diff.introduced.len(), 1);
    assert!(diff.fixed.is_empty());
    assert!(!diff.regression(), "an info finding is not a regression");
}

#[test]
fn a_delta_too_large_to_compute_is_an_error() {
    let mut low = relationship("a", Verdict::NoValue, dec!(100));
    low.net_value = Decimal::MIN;
    let mut high = low.clone();
    high.net_value = Decimal::MAX;
    let error = compare(version(vec![low], vec![]), version(vec![high], vec![])).unwrap_err();
    assert_eq!(error.relationship, "a");
}
