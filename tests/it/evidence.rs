//! The format of SPEC §10.1: a relationship's `budget`, the `evidence:` section and the
//! catalogue's `as_of` and perception threshold, read with a finding for every mistake at
//! its place (tests/fixtures/evidence/).

use std::path::PathBuf;

use crate::common::{at, findings, fixture, lint_beside_base, lint_json, lint_with_rules, of_code};

fn evidence(name: &str) -> PathBuf {
    fixture(&format!("evidence/{name}.yaml"))
}

/// `code line:column entity | message` of every finding of `base.yaml` with `name`, in
/// `name`, and the document.
fn lint(name: &str) -> (serde_json::Value, Vec<String>) {
    lint_beside_base("evidence", name)
}

#[test]
fn a_full_record_and_a_budget_load_without_a_structural_finding() {
    let (document, _) = lint_json(&[&evidence("base"), &evidence("clean")]);
    let structural: Vec<_> = findings(&document)
        .into_iter()
        .filter(|(code, ..)| code.starts_with("SVS00") || code == "SVS010")
        .collect();
    assert_eq!(structural, vec![], "{document:#}");
    assert!(
        !findings(&document).is_empty(),
        "the lint rules ran: {document:#}"
    );
}

#[test]
fn every_bad_value_of_a_record_is_a_finding_at_its_place() {
    let (_, lines) = lint("bad");
    let period = "is not a period: write `YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`";
    assert_eq!(
        lines,
        [
            format!("SVS003 4:13 acme-mobile | `period`: `2026-Q5` {period}"),
            format!("SVS003 6:13 acme-mobile | `period`: `2026-13` {period}"),
            format!("SVS003 8:13 acme-mobile | `period`: `26-Q1` {period}"),
            "SVS003 11:31 acme-mobile | `warranty.availability` must be from 0 to 100 (percent), found 100.5".to_owned(),
            "SVS003 11:50 acme-mobile | a capacity measurement is missing the required key `value`".to_owned(),
            "SVS003 13:9 acme-mobile | a spend line is missing the required key `category`".to_owned(),
            "SVS003 14:32 acme-mobile | `category` must be one of price, allocation, network, procurement, training, other, found `prize`".to_owned(),
            "SVS003 16:30 acme-mobile | a perception entry has exactly one of `role` and `party`, found both".to_owned(),
            "SVS003 17:9 acme-mobile | a perception entry needs exactly one of `role` and `party`".to_owned(),
            "SVS003 18:17 acme-mobile | `role` must be one of customer, user, sponsor, found `users`".to_owned(),
            "SVS003 19:38 acme-mobile | a perception scale's `min` must be below its `max`, found 5 and 5".to_owned(),
            "SVS003 20:30 acme-mobile | `score` must be on the scale from 1 to 5, found 6".to_owned(),
            "SVS003 21:52 acme-mobile | `responses` must be a whole number of at least 1, found 0.5".to_owned(),
            "SVS003 23:47 acme-mobile | `achieved` must be true or false, found a string".to_owned(),
            "SVS002 24:5 acme-mobile | unknown key `lossess` in the evidence of relationship `acme-mobile`".to_owned(),
        ]
    );
}

#[test]
fn misspelt_words_and_keys_of_a_record_suggest_the_nearest() {
    let (document, _) = lint("bad");
    let helps: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["help"].as_str())
        .filter(|h| h.starts_with("did you mean"))
        .collect();
    assert_eq!(
        helps,
        [
            "did you mean `price`?",
            "did you mean `user`?",
            "did you mean `losses`?"
        ]
    );
}

#[test]
fn a_second_record_for_a_relationship_and_period_points_at_the_first() {
    let (document, lines) = lint("duplicate");
    assert_eq!(
        lines,
        [
            "SVS004 8:13 acme-mobile | relationship `acme-mobile` has a second evidence record for 2026-Q2"
        ]
    );
    let finding = &document["findings"].as_array().unwrap()[0];
    let related = &finding["related"][0];
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(4), Some(13)),
        "{finding:#}"
    );
}

#[test]
fn a_record_naming_what_does_not_exist_is_an_unknown_reference() {
    let (document, lines) = lint("references");
    assert_eq!(
        lines,
        [
            "SVS005 3:19 acme-mobil | unknown relationship `acme-mobil` in `relationship` of the evidence record for 2026-Q1",
            "SVS005 8:20 acme-mobile | unknown outcome `staff-reachabel` in `outcomes` of the evidence record for 2026-Q2",
            "SVS005 10:18 acme-mobile | unknown organization or person or group `jane-doe` in `perception.party` of the evidence record for 2026-Q2",
            "SVS006 11:18 acme-mobile | `staff-reachable` is an outcome, but `perception.party` of the evidence record for 2026-Q2 must name an organization or person or group",
        ]
    );
    assert_eq!(
        crate::common::nth(&document, "SVS005", 0)["help"],
        "did you mean `acme-mobile`?"
    );
}

#[test]
fn a_budget_with_bad_values_or_dates_is_refused_naming_the_forms() {
    let (_, lines) = lint("bad-dates");
    assert_eq!(
        lines,
        [
            "SVS003 8:23 dated | `budget.amount` must be 0 or more, found -1",
            "SVS003 8:32 dated | `budget.per` must be one of month, quarter, year, found `week`",
            "SVS003 8:65 dated | `budget.until`: `2026-02-30` is not a day of the calendar (`YYYY-MM-DD`)",
            "SVS003 13:67 undated | `budget.until`: `31/03/2027` is not a date: write an ISO 8601 calendar date, `YYYY-MM-DD`",
        ]
    );
}

#[test]
fn a_budget_authorised_by_an_organisation_names_the_wrong_kind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("budget.yaml");
    let base = std::fs::read_to_string(evidence("base")).unwrap();
    std::fs::write(
        &file,
        base.replace("authorised_by: cfo", "authorised_by: acme"),
    )
    .unwrap();
    let (document, _) = lint_json(&[&file]);
    assert_eq!(
        of_code(&document, "SVS006"),
        [at("SVS006", 35, 22, Some("acme-mobile"))]
    );
    assert!(
        crate::common::nth(&document, "SVS006", 0)["message"]
            .as_str()
            .unwrap()
            .contains("`budget.authorised_by` of relationship `acme-mobile`")
    );
}

#[test]
fn the_catalogue_as_of_and_perception_threshold_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalogue.yaml");
    std::fs::write(
        &file,
        "svs: 1\ncatalogue:\n  name: c\n  as_of: 2026-02-29\n  thresholds: { perception: 101 }\n",
    )
    .unwrap();
    let (document, _) = lint_json(&[&file]);
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "`as_of`: `2026-02-29` is not a day of the calendar (`YYYY-MM-DD`)",
            "`thresholds.perception` must be from 0 to 100, found 101",
        ]
    );
}

/// Custom rules read a relationship's budget and its records, the latest period last; a
/// rule cannot run `on: evidence`, whose records have no id to point at.
#[test]
fn custom_rules_read_the_budget_and_the_records_of_a_relationship() {
    let document = lint_with_rules(
        &[&evidence("base"), &evidence("clean")],
        r#"svs: 1
rules:
  - id: budget-by-sponsor
    code: EV001
    name: budget-by-sponsor
    on: relationships
    when: has(self.budget)
    assert: self.budget.authorised_by in self.roles.sponsor && self.budget.until == '2027-03-31'
    message: "{self.id}: budget not authorised by a sponsor"
  - id: availability-held
    code: EV002
    name: availability-held
    on: relationships
    assert: self.evidence.all(e, !has(e.warranty) || e.warranty.availability >= 99.9)
    message: "{self.id}: availability fell short"
  - id: periods-in-order
    code: EV003
    name: periods-in-order
    on: relationships
    assert: self.evidence.map(e, e.period) != ['2026-Q3', '2026-10', '2026']
    message: "{self.id}: records in period order"
  - id: users-asked
    code: EV004
    name: users-asked
    on: relationships
    assert: self.evidence.exists(e, e.perception.exists(p, has(p.role) && p.role == 'user' && p.responses == 240)) && catalogue.thresholds.perception == 70.0 && catalogue.as_of == '2026-12-01'
    message: "{self.id}: users asked"
"#,
    );
    let fired: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| c.starts_with("EV"))
        .collect();
    assert_eq!(fired, ["EV002", "EV003"], "{document:#}");

    let document = lint_with_rules(
        &[&evidence("base")],
        "svs: 1\nrules:\n  - { id: r, code: EV005, name: r, on: evidence, assert: 'true', message: m }\n",
    );
    let message = crate::common::nth(&document, "SVS003", 0)["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("found `evidence`"), "{message}");
}

/// Custom rules read the delivered assessment of a relationship's latest record, in the
/// shape of the JSON's `delivered`: Calder's users perceive the value poorly, and
/// Meridian's latest quarter met every check.
#[test]
fn custom_rules_read_the_delivered_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.yaml");
    std::fs::write(
        &rules,
        r#"svs: 1
rules:
  - id: delivered-as-agreed
    code: DV001
    name: delivered-as-agreed
    on: relationships
    when: has(self.assessment) && self.assessment.delivered.verdict != 'unmeasured'
    assert: self.assessment.delivered.verdict == 'as-agreed'
    message: "{self.id} fell short in {self.assessment.delivered.period}"
  - id: users-content
    code: DV002
    name: users-content
    on: relationships
    when: has(self.assessment) && has(self.assessment.delivered.perception)
    assert: self.assessment.delivered.perception.all(p, !has(p.role) || p.role != 'user' || p.score >= 40.0)
    message: "{self.id}: users unhappy"
  - id: warranty-met
    code: DV003
    name: warranty-met
    on: relationships
    when: has(self.assessment) && has(self.assessment.delivered.warranty)
    assert: self.assessment.delivered.warranty.breached.size() == 0 && self.assessment.delivered.spend <= self.assessment.delivered.budget
    message: "{self.id}: a breach or spend over budget"
"#,
    )
    .unwrap();
    let output = crate::common::svs()
        .args(["lint", "--format", "json"])
        .arg(crate::common::catalog(""))
        .arg(&rules)
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fired: Vec<(String, String)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("DV")))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        fired,
        [
            (
                "DV001".to_owned(),
                "calder-business-account fell short in 2026-Q3".to_owned()
            ),
            (
                "DV002".to_owned(),
                "calder-business-account: users unhappy".to_owned()
            ),
        ],
        "{document:#}"
    );
}
