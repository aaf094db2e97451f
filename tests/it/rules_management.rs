//! The rules of service relationship management and continual improvement (SPEC §11.2),
//! end to end: each fires at the offending key or value and names the relationship or the
//! improvement, and its near miss does not fire it. Dates are the fixtures' own
//! `catalogue.as_of`, or `--as-of` on the command line, never the clock.
//!
//! Fixtures live in `tests/fixtures/rules/`, as for every rule. Other rules may fire in a
//! fixture too, so every assertion looks only at the code under test.

use crate::common;

use common::{at, check_rule, nth};

#[test]
fn svs321_review_overdue() {
    let document = check_rule(
        "SVS321",
        &[
            at("SVS321", 20, 83, Some("acme-mobile")), // 31 August + a quarter: 30 November
            at("SVS321", 25, 81, Some("acme-roaming")), // 31 October + a month: 30 November
            at("SVS321", 30, 80, Some("acme-devices")), // 29 February 2024 + a year
        ],
    );
    let finding = nth(&document, "SVS321", 0);
    assert_eq!(finding["rule"], "review-overdue");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the last joint review was on 2026-08-31; the next, a \
         quarter later, was due on 2026-11-30, before the as-of date 2026-12-01"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("set `management.last_review`")),
        "{finding:#}"
    );
    assert_eq!(
        nth(&document, "SVS321", 2)["message"],
        "relationship `acme-devices`: the last joint review was on 2024-02-29; the next, a year \
         later, was due on 2025-02-28, before the as-of date 2026-12-01"
    );
}

#[test]
fn svs321_fires_the_day_after_the_review_was_due() {
    // The near miss's quarterly review of 1 September is due on 1 December: due, not
    // overdue, that day; overdue the next. The relationship never reviewed stays due now,
    // never overdue.
    assert_eq!(
        common::lint_at("svs321-near-miss.yaml", "2026-12-01", "SVS321"),
        vec![]
    );
    assert_eq!(
        common::lint_at("svs321-near-miss.yaml", "2026-12-02", "SVS321"),
        vec![
            at("SVS321", 21, 83, Some("acme-mobile")),
            at("SVS321", 26, 81, Some("acme-roaming")),
        ]
    );
    assert_eq!(
        common::lint_at("svs321.yaml", "2026-11-30", "SVS321"),
        vec![at("SVS321", 30, 80, Some("acme-devices"))]
    );
}

#[test]
fn svs322_relationship_unmanaged() {
    let document = check_rule(
        "SVS322",
        &[
            at("SVS322", 10, 11, Some("acme-mobile")), // two records, reported once
            at("SVS322", 11, 11, Some("acme-roaming")),
        ],
    );
    let finding = nth(&document, "SVS322", 0);
    assert_eq!(finding["rule"], "relationship-unmanaged");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile` has evidence but no `management`: no one is named to \
         review it with the other side"
    );
}

#[test]
fn svs323_improvement_overdue() {
    let document = check_rule(
        "SVS323",
        &[
            at("SVS323", 16, 114, Some("esim")),
            at("SVS323", 17, 116, Some("roaming")),
            at("SVS323", 18, 115, Some("portal")),
        ],
    );
    let finding = nth(&document, "SVS323", 0);
    assert_eq!(finding["rule"], "improvement-overdue");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "improvement `esim` of relationship `acme-mobile` is still in-progress and was due on \
         2026-11-30, before the as-of date 2026-12-01"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("set `status: done`")),
        "{finding:#}"
    );
}

#[test]
fn svs323_fires_the_day_after_an_open_improvement_was_due() {
    assert_eq!(
        common::lint_at("svs323-near-miss.yaml", "2026-12-02", "SVS323"),
        vec![at("SVS323", 16, 114, Some("esim"))]
    );
    // Done and dropped improvements are never overdue, however late the date.
    assert_eq!(
        common::lint_at("svs323-near-miss.yaml", "2030-01-01", "SVS323"),
        vec![
            at("SVS323", 16, 114, Some("esim")),
            at("SVS323", 17, 116, Some("roaming")),
        ]
    );
}

#[test]
fn svs324_management_outside_parties() {
    let document = check_rule(
        "SVS324",
        &[
            at("SVS324", 19, 28, Some("acme-mobile")), // a third party manages it
            at("SVS324", 24, 46, Some("acme-roaming")), // a third party is the counterpart
            at("SVS324", 29, 28, Some("acme-devices")), // the wrong way round: both
            at("SVS324", 29, 47, Some("acme-devices")),
        ],
    );
    let finding = nth(&document, "SVS324", 0);
    assert_eq!(finding["rule"], "management-outside-parties");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the manager `ava` belongs to `advisers`, outside the \
         provider `telco`"
    );
    assert_eq!(
        nth(&document, "SVS324", 3)["message"],
        "relationship `acme-devices`: the counterpart `cat` belongs to `telco`, outside the \
         consumer `acme`"
    );
}

/// An improvement's own `lint: { allow }` silences a finding about it, as for any entity.
#[test]
fn an_improvement_allows_a_rule_for_itself() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::fixture("rules/svs323.yaml"))
        .unwrap()
        .replace(
            "due: 2026-11-30 }",
            "due: 2026-11-30, lint: { allow: [SVS323] } }",
        );
    let file = dir.path().join("allowed.yaml");
    std::fs::write(&file, text).unwrap();
    let (document, _) = common::lint_json(&[&file]);
    let entities: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "SVS323")
        .map(|f| f["entity"].as_str().unwrap())
        .collect();
    assert_eq!(entities, ["roaming", "portal"]);
    assert_eq!(document["summary"]["suppressed"], 1);
}
