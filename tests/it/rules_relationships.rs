//! The relationship rules, SVS301–SVS313, end to end: each fires at the offending key or
//! value and names the relationship, and its near miss does not fire it.
//!
//! Fixtures live in `tests/fixtures/rules/`: `svsNNN.yaml` where the rule must fire and
//! `svsNNN-near-miss.yaml` where it must not. Other rules may fire in a fixture too, so
//! every assertion looks only at the code under test.

use crate::common;

use common::{at, check_rule, nth};

#[test]
fn svs301_relationship_without_customer() {
    let document = check_rule(
        "SVS301",
        &[
            at("SVS301", 13, 9, Some("acme-mobile")), // roles without `customer`
            at("SVS301", 18, 9, Some("acme-mobile-trial")), // no `roles` at all
        ],
    );
    let finding = nth(&document, "SVS301", 0);
    assert_eq!(finding["rule"], "relationship-without-customer");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: no customer defines the requirements"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("roles: { customer: [...] }")),
        "{finding:#}"
    );
}

#[test]
fn svs302_relationship_without_sponsor() {
    let document = check_rule("SVS302", &[at("SVS302", 13, 9, Some("acme-mobile"))]);
    let finding = nth(&document, "SVS302", 0);
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: no sponsor authorises the budget"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("roles: { sponsor: [...] }")),
        "{finding:#}"
    );
}

#[test]
fn svs303_relationship_without_user() {
    let document = check_rule("SVS303", &[at("SVS303", 12, 9, Some("acme-mobile"))]);
    let finding = nth(&document, "SVS303", 0);
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: no user uses the service"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("roles: { user: [...] }")),
        "{finding:#}"
    );
}

#[test]
fn svs304_relationship_without_requirements() {
    let document = check_rule(
        "SVS304",
        &[
            at("SVS304", 19, 9, Some("no-outcomes")),
            at("SVS304", 25, 9, Some("no-warranty")),
            at("SVS304", 32, 9, Some("empty-warranty")), // a block with nothing to check
            at("SVS304", 40, 9, Some("no-requirements")),
        ],
    );
    let messages: Vec<&str> = (0..4)
        .map(|n| {
            nth(&document, "SVS304", n)["message"]
                .as_str()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        messages,
        [
            "relationship `no-outcomes` cannot be assessed: no required outcome",
            "relationship `no-warranty` cannot be assessed: no warranty requirement to check",
            "relationship `empty-warranty` cannot be assessed: no warranty requirement to check",
            "relationship `no-requirements` cannot be assessed: no required outcome and no \
             warranty requirement to check",
        ]
    );
}

#[test]
fn svs305_self_relationship() {
    // At the consumer reference.
    let document = check_rule("SVS305", &[at("SVS305", 10, 15, Some("acme-helpdesk"))]);
    let finding = nth(&document, "SVS305", 0);
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "relationship `acme-helpdesk`: `acme` is both the provider and the consumer"
    );
}

#[test]
fn svs306_relationship_provider_mismatch() {
    // At the relationship's `provider`; even the offering provider's parent is another
    // organisation.
    let document = check_rule(
        "SVS306",
        &[
            at("SVS306", 13, 15, Some("acme-mobile")),
            at("SVS306", 17, 15, Some("acme-mobile-group")),
        ],
    );
    let finding = nth(&document, "SVS306", 0);
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: provider `reseller` does not provide offering \
         `corporate-mobile`"
    );
    assert_eq!(
        finding["help"],
        "offering `corporate-mobile` is provided by `telco`: name it as the provider"
    );
}

#[test]
fn svs307_consumer_not_targeted() {
    // At the relationship's `offering` reference.
    let document = check_rule("SVS307", &[at("SVS307", 20, 15, Some("acme-mobile"))]);
    let finding = nth(&document, "SVS307", 0);
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: consumer `acme` is in none of the target groups of \
         offering `enterprise-mobile`"
    );
}

#[test]
fn svs308_negative_value() {
    let document = check_rule(
        "SVS308",
        &[
            at("SVS308", 15, 9, Some("acme-mobile")),
            at("SVS308", 23, 9, Some("acme-consultancy")),
        ],
    );
    assert_eq!(nth(&document, "SVS308", 0)["severity"], "warning");
    assert_eq!(
        nth(&document, "SVS308", 0)["message"],
        "relationship `acme-mobile`: net value is below zero (-18,000.00 GBP a year)"
    );
    // -1234.565 rounds half away from zero.
    assert_eq!(
        nth(&document, "SVS308", 1)["message"],
        "relationship `acme-consultancy`: net value is below zero (-1,234.57 GBP a year)"
    );
}

/// The fenced YAML block under `## heading` of a rule's `svs explain` text.
fn explained_example(text: &str, heading: &str) -> String {
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("no `{heading}` in {text}"));
    let start = section.find("```yaml\n").expect("a YAML block") + "```yaml\n".len();
    let end = start + section[start..].find("```").expect("the block ends");
    section[start..end].to_owned()
}

/// `svs assess --format json` of one file's text: its first relationship.
fn assess_first(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.yaml");
    std::fs::write(&path, text).unwrap();
    let output = common::run(&["assess", path.to_str().unwrap(), "--format", "json"]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    document["relationships"][0].clone()
}

#[test]
fn svs308_the_docs_fix_changes_the_relationship_not_its_figures() {
    let output = common::run(&["explain", "SVS308"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let bad = assess_first(&explained_example(&text, "Example"));
    let good = assess_first(&explained_example(&text, "Use instead"));
    assert!(bad["net_value"].as_f64().unwrap() < 0.0, "{bad:#}");
    assert!(good["net_value"].as_f64().unwrap() >= 0.0, "{good:#}");
    // The balance is mended by what the consumer pays, not by counting more removed.
    for side in ["costs", "risks"] {
        assert!(
            good[side]["removed"].as_f64() <= bad[side]["removed"].as_f64(),
            "{side}: {bad:#} {good:#}"
        );
    }
    assert!(
        text.contains("Every figure must be true") && text.contains("only hides"),
        "{text}"
    );
}

#[test]
fn svs309_unknown_outcome_requirement() {
    // At the required outcome's reference; `staff-reachable`, facilitated, is fine.
    let document = check_rule("SVS309", &[at("SVS309", 25, 22, Some("acme-mobile"))]);
    let finding = nth(&document, "SVS309", 0);
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: required outcome `email-on-the-go` is facilitated by no \
         service in the catalogue"
    );
}

#[test]
fn svs310_role_outside_consumer() {
    // At each reference of a holder from outside; `jane`, of the consumer, is fine.
    let document = check_rule(
        "SVS310",
        &[
            at("SVS310", 23, 18, Some("acme-mobile")), // customer: [cat]
            at("SVS310", 24, 14, Some("acme-mobile")), // user: [field-crew]
            at("SVS310", 25, 23, Some("acme-mobile")), // sponsor: [jane, cat]
            // A consumer inside `acme`: `cat` is still outside, `jane` of `acme` is not.
            at("SVS310", 31, 18, Some("acme-sales-mobile")),
        ],
    );
    assert_eq!(nth(&document, "SVS310", 0)["severity"], "warning");
    assert_eq!(
        nth(&document, "SVS310", 0)["message"],
        "relationship `acme-mobile`: customer `cat` belongs to `telco`, outside the consumer \
         `acme`"
    );
    assert_eq!(
        nth(&document, "SVS310", 1)["message"],
        "relationship `acme-mobile`: user `field-crew` belongs to `contractor`, outside the \
         consumer `acme`"
    );
    assert_eq!(
        nth(&document, "SVS310", 0)["help"],
        "name a customer from `acme` or one of its parts; the provider's people and other \
         parties belong under `stakeholders`"
    );
    assert_eq!(
        nth(&document, "SVS310", 3)["message"],
        "relationship `acme-sales-mobile`: customer `cat` belongs to `telco`, outside `acme`, \
         the organisation of the consumer `acme-sales`"
    );
}

/// A consumer that is one unit of an organisation: the business buys, the CIO's IT
/// department beside it defines the requirements, a supplier's team uses the service.
const SVS310_UNITS: &str = "svs: 1
organizations:
  - { id: telco, name: Telco plc }
  - { id: fenwick, name: Fenwick Group }
  - { id: fenwick-retail, name: Fenwick retail, parent: fenwick }
  - { id: fenwick-it, name: Fenwick IT, parent: fenwick }
  - { id: agency, name: Staffing Agency Ltd }
people:
  - { id: ines, name: Ines Duarte, organization: fenwick-it, title: CIO }
  - { id: rob, name: Rob Kaye, organization: fenwick-retail, title: Retail director }
groups:
  - { id: temps, name: Agency temps, organization: agency }
offerings:
  - { id: corporate-mobile, name: Corporate mobile plan, provider: telco }
relationships:
  - id: retail-mobile
    provider: telco
    consumer: fenwick-retail
    offering: corporate-mobile
    roles:
      customer: [ines]
      sponsor: [rob]
      user: [temps]
";

#[test]
fn svs310_a_unit_beside_the_consumer_may_hold_a_role_an_outside_organisation_may_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.yaml");
    std::fs::write(&path, SVS310_UNITS).unwrap();
    let (document, _) = common::lint_json(&[&path]);
    assert_eq!(
        common::of_code(&document, "SVS310"),
        vec![at("SVS310", 23, 14, Some("retail-mobile"))],
        "{document:#}"
    );
    assert_eq!(
        nth(&document, "SVS310", 0)["message"],
        "relationship `retail-mobile`: user `temps` belongs to `agency`, outside `fenwick`, \
         the organisation of the consumer `fenwick-retail`"
    );
}

#[test]
fn svs311_unsustainable_provision() {
    let document = check_rule(
        "SVS311",
        &[
            at("SVS311", 26, 11, Some("acme-mobile")), // telco's own target
            at("SVS311", 28, 9, Some("acme-bookkeeping")), // the catalogue's threshold
            at("SVS311", 38, 9, Some("acme-erp-pilot")), // no revenue
        ],
    );
    let finding = nth(&document, "SVS311", 0);
    assert_eq!(finding["rule"], "unsustainable-provision");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: provider `telco`'s margin, 2,400.00 GBP a year \
         (10.00 %), is below its target margin of 15 %"
    );
    assert_eq!(
        finding["help"],
        "review the price against the cost of provision: the offering's `cost_to_serve`, \
         the relationship's `provision` costs and risks, and its share of the services' \
         `running_costs` and `depends_on`; or set the provider's `target_margin` if this is \
         a planned subsidy"
    );
    assert_eq!(
        nth(&document, "SVS311", 1)["message"],
        "relationship `acme-bookkeeping`: provider `ledgerline`'s margin, 50.00 GBP a year \
         (5.00 %), is below its target margin of 10 %"
    );
    assert_eq!(
        nth(&document, "SVS311", 2)["message"],
        "relationship `acme-erp-pilot`: provider `ledgerline`'s margin, -500.00 GBP a year \
         on no revenue, is below zero and so misses its target margin of 10 %"
    );
}

#[test]
fn svs312_one_sided_value() {
    let document = check_rule(
        "SVS312",
        &[
            at("SVS312", 36, 9, Some("acme-mobile")), // consumer-only
            at("SVS312", 49, 9, Some("acme-mobile-premium")), // provider-only
            at("SVS312", 63, 9, Some("acme-mobile-strict")), // provider-only, net > 0
        ],
    );
    let finding = nth(&document, "SVS312", 0);
    assert_eq!(finding["rule"], "one-sided-value");
    assert_eq!(finding["severity"], "info");
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile`: value is one-sided (consumer-only): the consumer `acme` \
         gains value, but the provider `telco` cannot sustain it: its margin, -600.00 GBP a \
         year (-25.00 %), is below its target of 0 %"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`target_margin`")),
        "{finding:#}"
    );
    let finding = nth(&document, "SVS312", 1);
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile-premium`: value is one-sided (provider-only): the provider \
         `telco` reaches its target margin, but the consumer `acme`'s verdict is no-value: its \
         net value is below zero (-1,800.00 GBP a year)"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("the consumer pays for no value")),
        "{finding:#}"
    );
    // A consumer whose net value is positive is not said to gain nothing: the message
    // names the reason its verdict is no-value.
    let finding = nth(&document, "SVS312", 2);
    assert_eq!(
        finding["message"],
        "relationship `acme-mobile-strict`: value is one-sided (provider-only): the provider \
         `telco` reaches its target margin, but the consumer `acme`'s verdict is no-value: the \
         service is not fit for use (1 of 1 warranty checks unmet: `availability`)"
    );
}

#[test]
fn svs313_funding_not_allocated() {
    let document = check_rule(
        "SVS313",
        &[
            at("SVS313", 21, 11, Some("wholesale-it")), // a unit beside the provider
            at("SVS313", 29, 11, Some("depot-it")),     // a unit two levels down, unpriced
        ],
    );
    let finding = nth(&document, "SVS313", 0);
    assert_eq!(finding["rule"], "funding-not-allocated");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "relationship `wholesale-it`: funding `group IT budget` (66,000.00 GBP a year) is booked \
         as a benefit to the provider `group-it`, but its consumer `wholesale` is part of the \
         same organisation `group` and never sees that money"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("category: allocation")),
        "{finding:#}"
    );
}
