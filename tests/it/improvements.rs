//! The format of SPEC §11.1: a relationship's `management` block and the `improvements:`
//! register, read with a finding for every mistake at its place
//! (tests/fixtures/improvements/).

use std::path::PathBuf;

use crate::common::{fixture, lint_json};

fn improvements(name: &str) -> PathBuf {
    fixture(&format!("improvements/{name}.yaml"))
}

/// `code line:column entity | message` of every finding of `base.yaml` with `name`, in
/// `name`, and the document.
fn lint(name: &str) -> (serde_json::Value, Vec<String>) {
    let (document, _) = lint_json(&[&improvements("base"), &improvements(name)]);
    let lines = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["file"]
                .as_str()
                .is_some_and(|p| p.ends_with(&format!("/{name}.yaml")))
        })
        .map(|f| {
            format!(
                "{} {}:{} {} | {}",
                f["code"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["entity"].as_str().unwrap_or("-"),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    (document, lines)
}

/// The `help` lines that suggest a word or a key.
fn suggestions(document: &serde_json::Value) -> Vec<&str> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["help"].as_str())
        .filter(|h| h.starts_with("did you mean"))
        .collect()
}

#[test]
fn a_management_block_loads_without_a_structural_finding() {
    let (document, code) = lint_json(&[&improvements("base")]);
    let structural: Vec<&serde_json::Value> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("SVS00"))
        .collect();
    assert_eq!(structural, Vec::<&serde_json::Value>::new(), "{document:#}");
    assert_eq!(code, 0, "{document:#}");
}

#[test]
fn every_bad_value_of_a_management_block_is_a_finding_at_its_place() {
    let (document, lines) = lint("management-bad");
    assert_eq!(
        lines,
        [
            "SVS003 7:66 badly-managed | `management.cadence` must be one of month, quarter, year, found `quarterly`",
            "SVS003 7:90 badly-managed | `management.last_review`: `2026-02-30` is not a day of the calendar (`YYYY-MM-DD`)",
            "SVS003 13:7 half-managed | the `management` block is missing the required key `cadence`",
            "SVS003 13:7 half-managed | the `management` block is missing the required key `counterpart`",
            "SVS002 14:7 half-managed | unknown key `cadense` in the `management` block",
            "SVS003 19:85 wrongly-managed | `management.last_review`: `05/10/2026` is not a date: write an ISO 8601 calendar date, `YYYY-MM-DD`",
        ]
    );
    assert_eq!(
        suggestions(&document),
        ["did you mean `quarter`?", "did you mean `cadence`?"]
    );
}

#[test]
fn a_manager_and_a_counterpart_must_name_people() {
    let (document, lines) = lint("management-references");
    assert_eq!(
        lines,
        [
            "SVS006 7:28 misnamed | `acme` is an organization, but `management.manager` of relationship `misnamed` must name a person",
            "SVS005 7:47 misnamed | unknown person `jame` in `management.counterpart` of relationship `misnamed`",
        ]
    );
    assert_eq!(suggestions(&document), ["did you mean `jane`?"]);
}

/// Custom rules read a relationship's management block as written, its dates as text.
#[test]
fn custom_rules_read_the_management_of_a_relationship() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.yaml");
    std::fs::write(
        &rules,
        r#"svs: 1
rules:
  - id: reviewed-quarterly
    code: IM001
    name: reviewed-quarterly
    on: relationships
    when: has(self.management)
    assert: self.management.cadence == 'quarter' && self.management.last_review == '2026-10-05' && self.management.manager == 'telco-am'
    message: "{self.id}: reviewed quarterly"
  - id: managed-by-jane
    code: IM002
    name: managed-by-jane
    on: relationships
    assert: has(self.management) && self.management.counterpart == 'someone-else'
    message: "{self.id}: another counterpart"
"#,
    )
    .unwrap();
    let (document, _) = lint_json(&[&improvements("base"), &rules]);
    let fired: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| c.starts_with("IM"))
        .collect();
    assert_eq!(fired, ["IM002"], "{document:#}");
}
