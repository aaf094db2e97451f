//! The rules of value in operation (SPEC §10.5) that judge the budget and the evidence as
//! declared, end to end: each fires at the offending key or value and names the
//! relationship, and its near miss does not fire it. Dates are the fixtures' own
//! `catalogue.as_of`, or `--as-of` on the command line, never the clock.
//!
//! Fixtures live in `tests/fixtures/rules/`, as for every rule. Other rules may fire in a
//! fixture too, so every assertion looks only at the code under test.

use crate::common;

use common::{at, check_rule, nth};

#[test]
fn svs314_over_budget() {
    let document = check_rule(
        "SVS314",
        &[
            at("SVS314", 24, 13, Some("acme-mobile")), // a quarterly budget, × 4
            at("SVS314", 34, 7, Some("acme-roaming")), // a monthly budget, × 12, by a penny
            at("SVS314", 45, 13, Some("acme-roaming-last-year")), // ended, still compared
        ],
    );
    let finding = nth(&document, "SVS314", 0);
    assert_eq!(finding["rule"], "over-budget");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the costs it imposes, 360,000.00 GBP a year, exceed its \
         budget of 320,000.00 GBP a year (80,000.00 GBP a quarter) authorised by `jane`"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("raise the budget")),
        "{finding:#}"
    );
    assert_eq!(
        nth(&document, "SVS314", 1)["message"],
        "relationship `acme-roaming`: the costs it imposes, 30,000.01 GBP a year, exceed its \
         budget of 30,000.00 GBP a year (2,500.00 GBP a month) authorised by `jane`"
    );
    assert_eq!(
        nth(&document, "SVS314", 2)["message"],
        "relationship `acme-roaming-last-year`: the costs it imposes, 101.00 GBP a year, exceed \
         its budget of 100.00 GBP a year authorised by `jane`"
    );
}

#[test]
fn svs315_budget_not_authorised() {
    let document = check_rule(
        "SVS315",
        &[
            at("SVS315", 21, 59, Some("acme-mobile")), // the customer signed it off
            at("SVS315", 30, 22, Some("acme-roaming")), // a member of the sponsoring group
            at("SVS315", 35, 54, Some("acme-trial")),  // no sponsor at all
        ],
    );
    let finding = nth(&document, "SVS315", 0);
    assert_eq!(finding["rule"], "budget-not-authorised");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the budget is authorised by `omar`, who is not one of its \
         sponsors (its sponsors: `jane`)"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("roles: { sponsor: [...] }")),
        "{finding:#}"
    );
    assert_eq!(
        nth(&document, "SVS315", 1)["message"],
        "relationship `acme-roaming`: the budget is authorised by `jane`, who is not one of its \
         sponsors (its sponsors: `acme-board`, `omar`)"
    );
    assert_eq!(
        nth(&document, "SVS315", 2)["message"],
        "relationship `acme-trial`: the budget is authorised by `jane`, who is not one of its \
         sponsors (it has no sponsor)"
    );
}

#[test]
fn svs316_budget_expired() {
    let document = check_rule(
        "SVS316",
        &[
            at("SVS316", 18, 72, Some("acme-mobile")), // ended months before
            at("SVS316", 28, 14, Some("acme-roaming")), // ended the day before
        ],
    );
    let finding = nth(&document, "SVS316", 0);
    assert_eq!(finding["rule"], "budget-expired");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the budget authorised by `jane` ended on 2026-03-31, before \
         the as-of date 2026-12-01"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("renew the budget")),
        "{finding:#}"
    );
}

#[test]
fn svs316_judges_at_the_as_of_date_of_the_command_line_over_the_catalogues() {
    // The last day a budget covers is still covered; the day after, it has expired.
    assert_eq!(
        common::lint_at("svs316.yaml", "2026-03-31", "SVS316"),
        vec![]
    );
    assert_eq!(
        common::lint_at("svs316.yaml", "2026-04-01", "SVS316"),
        vec![at("SVS316", 18, 72, Some("acme-mobile"))]
    );
    assert_eq!(
        common::lint_at("svs316-near-miss.yaml", "2027-04-01", "SVS316"),
        vec![
            at("SVS316", 18, 72, Some("acme-mobile")),
            at("SVS316", 24, 69, Some("acme-roaming")),
        ]
    );
}

#[test]
fn svs319_evidence_not_required() {
    let document = check_rule(
        "SVS319",
        &[
            at("SVS319", 37, 28, Some("acme-mobile")), // a misspelt capacity metric
            at("SVS319", 40, 21, Some("acme-mobile")), // a service level never asked for
            at("SVS319", 43, 20, Some("acme-mobile")), // another relationship's outcome
            at("SVS319", 44, 20, Some("acme-mobile")), // a misspelt outcome
            at("SVS319", 48, 28, Some("acme-trial")),  // nothing is required
            at("SVS319", 50, 20, Some("acme-trial")),
        ],
    );
    let finding = nth(&document, "SVS319", 0);
    assert_eq!(finding["rule"], "evidence-not-required");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the evidence of 2026-Q3 measures the capacity metric \
         `concurrent-user`, which the relationship does not require"
    );
    // Did-you-mean compares with what the relationship requires, of the same kind.
    assert_eq!(finding["help"], "did you mean `concurrent-users`?");
    assert_eq!(
        nth(&document, "SVS319", 3)["help"],
        "did you mean `staff-reachable`?"
    );
    let finding = nth(&document, "SVS319", 1);
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the evidence of 2026-Q3 measures the service-level metric \
         `resolution-days`, which the relationship does not require"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`requirements.warranty.service_levels`")),
        "{finding:#}"
    );
    let finding = nth(&document, "SVS319", 5);
    assert_eq!(
        finding["message"],
        "relationship `acme-trial`: the evidence of 2026-07 measures the outcome \
         `staff-reached`, which the relationship does not require"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`requirements.outcomes`")),
        "{finding:#}"
    );
}

#[test]
fn svs320_evidence_stale() {
    let document = check_rule(
        "SVS320",
        &[
            at("SVS320", 17, 42, Some("acme-mobile")), // 2026-Q2, the latest of two
            at("SVS320", 20, 43, Some("acme-roaming")), // 2026-08, the latest of two
            at("SVS320", 21, 41, Some("acme-trial")),  // the year 2024
        ],
    );
    let finding = nth(&document, "SVS320", 0);
    assert_eq!(finding["rule"], "evidence-stale");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: the latest evidence is of 2026-Q2, which ended on \
         2026-06-30; the next record was due by 2026-09-30, before the as-of date 2026-12-01"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("record the evidence of the periods since")),
        "{finding:#}"
    );
    assert_eq!(
        nth(&document, "SVS320", 1)["message"],
        "relationship `acme-roaming`: the latest evidence is of 2026-08, which ended on \
         2026-08-31; the next record was due by 2026-09-30, before the as-of date 2026-12-01"
    );
}

#[test]
fn svs320_fires_only_after_the_day_the_next_record_is_due() {
    // 2026-Q3 ended on 30 September and 2026-11 on 30 November: three months and one month
    // on are both 30 December (the day is kept), still in time; the year 2025's next record
    // is due by 31 December 2026.
    assert_eq!(
        common::lint_at("svs320-near-miss.yaml", "2026-12-30", "SVS320"),
        vec![]
    );
    assert_eq!(
        common::lint_at("svs320-near-miss.yaml", "2026-12-31", "SVS320"),
        vec![
            at("SVS320", 20, 42, Some("acme-mobile")),
            at("SVS320", 22, 43, Some("acme-roaming")),
        ]
    );
    assert_eq!(
        common::lint_at("svs320-near-miss.yaml", "2027-01-01", "SVS320"),
        vec![
            at("SVS320", 20, 42, Some("acme-mobile")),
            at("SVS320", 22, 43, Some("acme-roaming")),
            at("SVS320", 23, 41, Some("acme-trial")),
        ]
    );
}

/// The consumer portfolio names the relationships SVS314 finds over budget, and none in
/// the near miss.
#[test]
fn the_consumer_portfolio_lists_the_relationships_over_budget() {
    let over = |fixture: &str| -> Vec<String> {
        let output = common::svs()
            .args(["assess", "--view", "consumers", "--format", "json"])
            .arg(common::fixture(&format!("rules/{fixture}.yaml")))
            .output()
            .expect("svs runs");
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("the portfolio as JSON");
        json["consumers"][0]["over_budget"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|id| id.as_str().expect("an id").to_owned())
            .collect()
    };
    assert_eq!(
        over("svs314"),
        ["acme-mobile", "acme-roaming", "acme-roaming-last-year"]
    );
    assert!(over("svs314-near-miss").is_empty());
}
