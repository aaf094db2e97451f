//! The format of SPEC §11.1: a relationship's `management` block and the `improvements:`
//! register, read with a finding for every mistake at its place
//! (tests/fixtures/improvements/).

use std::path::PathBuf;

use crate::common::{fixture, lint_beside_base, lint_json, lint_with_rules};

fn improvements(name: &str) -> PathBuf {
    fixture(&format!("improvements/{name}.yaml"))
}

/// `code line:column entity | message` of every finding of `base.yaml` with `name`, in
/// `name`, and the document.
fn lint(name: &str) -> (serde_json::Value, Vec<String>) {
    lint_beside_base("improvements", name)
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
    let document = lint_with_rules(
        &[&improvements("base")],
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
    );
    let fired: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| c.starts_with("IM"))
        .collect();
    assert_eq!(fired, ["IM002"], "{document:#}");
}

#[test]
fn every_bad_value_of_an_improvement_is_a_finding_at_its_place() {
    let (document, lines) = lint("improvements-bad");
    assert_eq!(
        lines,
        [
            "SVS003 9:11 finished-early | improvement `finished-early` has a `done` date, but its status is `in-progress`",
            "SVS003 14:13 finished-undated | improvement `finished-undated` is done but has no `done` date",
            "SVS003 21:13 badly-dated | `raised`: `2026-02-30` is not a day of the calendar (`YYYY-MM-DD`)",
            "SVS003 26:13 badly-worded | `status` must be one of proposed, agreed, in-progress, done, dropped, found `in progres`",
            "SVS003 28:5 half-written | the improvement is missing the required key `name`",
            "SVS003 28:5 half-written | the improvement is missing the required key `status`",
            "SVS003 32:51 half-written | `expected.costs_removed`: `per` must be one of month, quarter, year, found `weekly`",
            "SVS002 32:61 half-written | unknown key `risk_removed` in `expected`",
            "SVS004 33:9 esim-rollout | the id `esim-rollout` of this improvement is already used by an improvement",
        ]
    );
    assert_eq!(
        suggestions(&document),
        [
            "did you mean `in-progress`?",
            "did you mean `risks_removed`?"
        ]
    );
    let duplicate = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "SVS004")
        .unwrap();
    let related = &duplicate["related"][0];
    assert!(related["file"].as_str().unwrap().ends_with("base.yaml"));
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(38), Some(9))
    );
}

#[test]
fn an_improvement_names_a_relationship_and_a_person() {
    let (document, lines) = lint("improvements-references");
    assert_eq!(
        lines,
        [
            "SVS005 4:19 misdirected | unknown relationship `acme-mobil` in `relationship` of improvement `misdirected`",
            "SVS006 6:12 misdirected | `acme` is an organization, but `owner` of improvement `misdirected` must name a person",
            "SVS006 10:19 ownerless | `jane` is a person, but `relationship` of improvement `ownerless` must name a relationship",
            "SVS005 12:12 ownerless | unknown person `jame` in `owner` of improvement `ownerless`",
        ]
    );
    assert_eq!(
        suggestions(&document),
        ["did you mean `acme-mobile`?", "did you mean `jane`?"]
    );
}

/// Custom rules run on improvements, reading them as written.
#[test]
fn custom_rules_run_on_improvements() {
    let document = lint_with_rules(
        &[&improvements("base")],
        r#"svs: 1
rules:
  - id: dated-improvements
    code: IM003
    name: dated-improvements
    on: improvements
    assert: has(self.due) || self.status == 'done'
    message: "{self.id}: no due date"
  - id: priced-improvements
    code: IM004
    name: priced-improvements
    on: improvements
    when: has(self.expected)
    assert: self.expected.costs_removed.amount == 5000.0 && self.expected.risks_removed.per == 'quarter' && self.raised == '2026-07-01' && self.owner == 'telco-am'
    message: "{self.id}: not as written"
  - id: named-improvements
    code: IM005
    name: named-improvements
    on: improvements
    assert: self.name.startsWith('Move')
    message: "{self.id}: another name"
"#,
    );
    let fired: Vec<(&str, &str)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("IM"))
        .map(|f| (f["code"].as_str().unwrap(), f["entity"].as_str().unwrap()))
        .collect();
    assert_eq!(fired, [("IM005", "roaming-bundle")], "{document:#}");
}

/// The bundled register tells its story at the catalogue's date: one improvement done with
/// its date, one overdue, the others open with what they should add.
#[test]
fn the_bundled_register_has_one_done_one_overdue_and_the_rest_open_and_priced() {
    let document = lint_with_rules(
        &[&crate::common::catalog("")],
        r#"svs: 1
rules:
  - id: register-done
    code: IM006
    name: register-done
    on: improvements
    assert: self.status != 'done' || !has(self.done)
    message: "{self.id} is done"
  - id: register-open-priced
    code: IM007
    name: register-open-priced
    on: improvements
    when: self.status != 'done'
    assert: "!has(self.expected)"
    message: "{self.id} is open and priced"
"#,
    );
    let fired = |code: &str| -> Vec<&str> {
        document["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| f["entity"].as_str().unwrap())
            .collect()
    };
    assert_eq!(fired("IM006"), ["calder-app-unlock"]);
    assert_eq!(
        fired("IM007"),
        [
            "harbour-esim-migration",
            "harbour-roaming-caps",
            "calder-site-deliveries",
            "meridian-retention-rules"
        ]
    );
    assert_eq!(fired("SVS323"), ["harbour-esim-migration"]);
}

/// The language server follows the references of a management block and an improvement:
/// definition from `owner`, and a rename of a person from `management.counterpart` that
/// edits every place naming her, the register included.
#[test]
fn the_language_server_finds_and_renames_what_management_and_improvements_name() {
    use crate::lsp::{Client, apply, at, uri, workspace};
    let base = std::fs::read_to_string(improvements("base")).unwrap();
    let (_dir, root) = workspace(&[("base.yaml", base.as_str())]);
    let path = root.join("base.yaml");
    let line = |text: &str| -> u64 {
        base.lines()
            .position(|l| l == text)
            .expect("the line is there") as u64
    };
    let (mut client, _) = Client::start(&root);

    let owner = line("    owner: telco-am");
    let found = client
        .request("textDocument/definition", at(&path, owner, 13))
        .unwrap();
    assert_eq!(found["uri"], uri(&path));
    assert_eq!(
        found["range"]["start"]["line"].as_u64(),
        Some(line(
            "  - { id: telco-am, name: Telco account manager, organization: telco }"
        ))
    );

    let mut params = at(&path, line("      counterpart: jane"), 20);
    params["newName"] = serde_json::json!("jane-doe");
    let edit = client.request("textDocument/rename", params).unwrap();
    let renamed = apply(&base, &edit["changes"][uri(&path)]);
    assert_eq!(renamed.matches("jane-doe").count(), 4, "{renamed}");
    assert!(renamed.contains("counterpart: jane-doe\n"));
    assert!(renamed.contains("    owner: jane-doe\n"));
    assert!(renamed.contains("customer: [jane-doe]"));
    client.stop();
}
