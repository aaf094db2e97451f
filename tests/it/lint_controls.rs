//! Lint controls and CI formats: severities from the catalogue, the command line and the
//! entity; baselines; SARIF validated against the official schema; `JUnit` parsed as XML;
//! GitHub workflow commands.

use crate::common;

use std::path::Path;

use common::{fixture, lint_json, run, svs};
use serde_json::Value;

fn retained() -> String {
    fixture("lint/retained.yaml").display().to_string()
}

/// `(code, severity, entity)` of every finding with `code`.
fn of_code(document: &Value, code: &str) -> Vec<(String, String)> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_owned(),
                f["entity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn lint(args: &[&str]) -> (Value, i32) {
    let output = svs()
        .arg("lint")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let document = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    (document, output.status.code().unwrap())
}

#[test]
fn an_entity_allow_silences_its_own_findings_and_counts_them() {
    let (document, code) = lint(&[&retained()]);
    // `loan-phones` allows SVS104 for itself; `corporate-mobile` does not.
    assert_eq!(
        of_code(&document, "SVS104"),
        [("error".into(), "corporate-mobile".into())]
    );
    assert_eq!(document["summary"]["suppressed"], 1);
    assert_eq!(code, 1);
}

#[test]
fn command_line_levels_win_over_defaults_but_not_over_the_entity() {
    let (document, code) = lint(&[&retained(), "--warn", "SVS104"]);
    assert_eq!(
        of_code(&document, "SVS104"),
        [("warning".into(), "corporate-mobile".into())]
    );
    assert_eq!(code, 0, "warnings pass with the default --fail-on error");

    let (document, _) = lint(&[&retained(), "--allow", "svs104"]);
    assert_eq!(of_code(&document, "SVS104"), []);
    assert_eq!(document["summary"]["suppressed"], 2);

    // --deny does not override the entity's own allow: the most specific setting wins.
    let (document, _) = lint(&[&retained(), "--deny", "SVS104"]);
    assert_eq!(
        of_code(&document, "SVS104"),
        [("error".into(), "corporate-mobile".into())]
    );
}

#[test]
fn the_catalogue_lint_block_sets_levels_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.yaml");
    let text = std::fs::read_to_string(fixture("lint/retained.yaml"))
        .unwrap()
        .replace(
            "  currency: GBP\n",
            "  currency: GBP\n  lint: { warn: [SVS104] }\n",
        );
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    let (document, _) = lint(&[&path]);
    assert_eq!(
        of_code(&document, "SVS104"),
        [("warning".into(), "corporate-mobile".into())]
    );
    let (document, _) = lint(&[&path, "--deny", "SVS104"]);
    assert_eq!(
        of_code(&document, "SVS104"),
        [("error".into(), "corporate-mobile".into())]
    );
}

#[test]
fn level_flags_take_known_rule_codes_only() {
    let output = run(&["lint", &retained(), "--allow", "SVS003"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("structural"));
    let output = run(&["lint", &retained(), "--deny", "SVS1044"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("did you mean `SVS104` (goods-ownership-retained)?")
    );
}

#[test]
fn a_level_flag_far_from_any_code_still_gets_the_nearest_one() {
    for flag in ["--allow", "--warn", "--deny"] {
        let output = run(&["lint", &retained(), flag, "SVS9999"]);
        assert_eq!(output.status.code(), Some(2));
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            message,
            format!(
                "error: {flag} SVS9999: no rule has this code or name (did you mean `SVS319` \
                 (evidence-not-required)?)\n"
            )
        );
    }
}

#[test]
fn level_flags_take_rule_names_and_suggest_on_partial_ones() {
    let (by_name, _) = lint(&[&retained(), "--warn", "goods-ownership-retained"]);
    let (by_code, _) = lint(&[&retained(), "--warn", "SVS104"]);
    assert_eq!(by_name, by_code);
    let output = run(&["lint", &retained(), "--deny", "ownership"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(
            "did you mean `goods-ownership-retained` (SVS104) or \
             `access-ownership-transferred` (SVS105)?"
        ),
        "{message}"
    );
}

#[test]
fn explain_takes_a_rule_name_and_suggests_on_a_partial_or_misspelt_one() {
    let by_name = run(&["explain", "goods-ownership-retained"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(by_name.stdout, run(&["explain", "SVS104"]).stdout);
    for (given, hint) in [
        (
            "ownership",
            "did you mean `goods-ownership-retained` (SVS104) or `access-ownership-transferred` (SVS105)?",
        ),
        ("negative", "did you mean `negative-value` (SVS308)?"),
        (
            "goods-ownersip-retained",
            "did you mean `goods-ownership-retained` (SVS104)?",
        ),
        ("SVS9999", "did you mean `SVS319` (evidence-not-required)?"),
        ("svs0009", "did you mean `SVS009` (duplicate-metadata)?"),
    ] {
        let output = run(&["explain", given]);
        assert_eq!(output.status.code(), Some(2), "{given}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(hint), "{given}: {message}");
    }
}

#[test]
fn fail_on_warning_fails_on_a_warning() {
    let (_, code) = lint(&[&retained(), "--warn", "SVS104", "--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn a_baseline_hides_recorded_findings_even_after_unrelated_edits() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("c.yaml");
    let baseline = dir.path().join("baseline.json");
    std::fs::copy(fixture("lint/retained.yaml"), &catalogue).unwrap();
    let output = run(&["lint", catalogue.to_str().unwrap(), "--format", "json"]);
    std::fs::write(&baseline, &output.stdout).unwrap();

    // Edit an unrelated line (every line below it moves) and add a new problem.
    let text = std::fs::read_to_string(&catalogue).unwrap();
    let text = text
        .replace("  name: retained\n", "  name: retained\n  # reviewed in March\n  # by the service owner\n")
        .replace(
            "      - name: leased laptop\n        ownership: retained\n",
            "      - name: leased laptop\n        ownership: retained\n      - name: docking station\n        ownership: retained\n",
        );
    std::fs::write(&catalogue, text).unwrap();

    let (document, code) = lint(&[
        catalogue.to_str().unwrap(),
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    let findings = document["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{document:#}");
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("docking station")
    );
    assert_eq!(document["summary"]["baselined"], 1);
    assert_eq!(code, 1);
}

#[test]
fn a_baseline_never_hides_structural_findings() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let broken = fixture("structural/svs005.yaml");
    let output = run(&["lint", broken.to_str().unwrap(), "--format", "json"]);
    std::fs::write(&baseline, &output.stdout).unwrap();
    let (document, code) = lint(&[
        broken.to_str().unwrap(),
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(document["findings"].as_array().unwrap().len(), 1);
    assert_eq!(document["summary"]["baselined"], 0);
    assert_eq!(code, 1);
}

#[test]
fn an_unreadable_baseline_is_a_usage_error() {
    let output = run(&["lint", &retained(), "--baseline", "no-such-baseline.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-baseline.json"));
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "[1, 2]").unwrap();
    let output = run(&["lint", &retained(), "--baseline", junk.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a findings document"));
}

fn sarif_validator() -> jsonschema::Validator {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = sarif_validator();
    for target in [
        retained(),
        fixture("structural/svs004.yaml").display().to_string(),
        fixture("custom/rules.yaml").display().to_string(),
        common::catalog("").display().to_string(),
    ] {
        let output = run(&["lint", &target, "--format", "sarif"]);
        let log: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{target}: {errors:#?}");
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    }
    let output = run(&["lint", &retained(), "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "SVS104");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(38), Some(20))
    );
    let rule_index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
    let rule = &run["tool"]["driver"]["rules"][rule_index];
    assert_eq!(rule["id"], "SVS104");
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## Why it matters")
    );
}

#[test]
fn the_sarif_check_rejects_a_broken_log() {
    // The validator is not vacuous: a result without a message is refused.
    let validator = sarif_validator();
    let output = run(&["lint", &retained(), "--format", "sarif"]);
    let mut log: Value = serde_json::from_slice(&output.stdout).unwrap();
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&log));
}

#[test]
fn junit_output_is_xml_with_a_test_case_per_file_and_a_failure_per_finding() {
    // Two files of one catalogue: one with a finding, one without.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("lint/retained.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::write(dir.path().join("b.yaml"), "svs: 1\noutcomes: []\n").unwrap();
    let output = run(&["lint", dir.path().to_str().unwrap(), "--format", "junit"]);
    let xml = String::from_utf8(output.stdout).unwrap();
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    let failures: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].attribute("type"), Some("SVS104"));
    assert!(
        failures[0]
            .parent()
            .unwrap()
            .attribute("name")
            .unwrap()
            .ends_with("a.yaml")
    );
    let suite = document
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("failures"), Some("1"));
}

#[test]
fn github_output_is_one_workflow_command_per_finding() {
    let output = run(&["lint", &retained(), "--format", "github"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let line = lines[0];
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("retained.yaml,line=38,col=20,"), "{line}");
    assert!(
        line.contains(",title=SVS104 goods-ownership-retained::offering `corporate-mobile`"),
        "{line}"
    );
    assert!(!line.contains('\n'));
}

#[test]
fn json_output_is_its_own_valid_baseline_and_deterministic() {
    let (once, _) = lint_json(&[&fixture("lint/retained.yaml")]);
    let (twice, _) = lint_json(&[&fixture("lint/retained.yaml")]);
    assert_eq!(once, twice);
    for finding in once["findings"].as_array().unwrap() {
        for key in [
            "code", "rule", "severity", "message", "help", "file", "line", "column", "entity",
        ] {
            assert!(finding.get(key).is_some(), "{key}");
        }
    }
}
