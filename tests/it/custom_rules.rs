//! Custom rules (`rules:`, docs/custom-rules.md): findings of each kind of rule with their
//! placeholders filled, a rule following a reference and one reading an assessment
//! figure, evaluation errors per entity, severities and suppression by custom code,
//! baselines, SARIF, `svs explain`, and every broken rule at its own position.

use crate::common;

use common::{fixture, run, svs};
use serde_json::Value;

fn rules() -> String {
    fixture("custom/rules.yaml").display().to_string()
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

/// `(code, severity, line, column, entity, message)` of every custom finding.
fn custom(document: &Value) -> Vec<(String, String, u64, u64, String, String)> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["code"].as_str().unwrap().starts_with("SVS"))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["entity"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn finding(
    code: &str,
    severity: &str,
    line: u64,
    column: u64,
    entity: &str,
    message: &str,
) -> (String, String, u64, u64, String, String) {
    (
        code.to_owned(),
        severity.to_owned(),
        line,
        column,
        entity.to_owned(),
        message.to_owned(),
    )
}

#[test]
fn custom_rules_report_findings_at_the_entity_with_their_placeholders_filled() {
    let (document, code) = lint(&[&rules()]);
    assert_eq!(code, 1, "ACME001 is an error");
    assert_eq!(
        custom(&document),
        vec![
            finding(
                "ACME006",
                "info",
                14,
                9,
                "cfo",
                "rule ACME006 could not be checked on person `cfo`: `assert` failed: No such key: title"
            ),
            finding(
                "ACME001",
                "error",
                36,
                9,
                "plan",
                "offering plan (Corporate plan) targets external customers but offers only encryption"
            ),
            finding(
                "ACME002",
                "warning",
                61,
                9,
                "acme-plan",
                "relationship acme-plan is worth over 50,000 a year but has no sponsor ((none))"
            ),
            finding(
                "ACME004",
                "warning",
                72,
                9,
                "acme-secure",
                "relationship acme-secure is unassessed"
            ),
        ]
    );
    let first = &document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "ACME001")
        .unwrap();
    assert_eq!(first["rule"], "external-offering-needs-mfa");
    assert_eq!(
        first["help"],
        "add `mfa` to the offering's warranty.security"
    );
}

#[test]
fn severities_of_custom_codes_follow_the_command_line_and_the_entity() {
    let (document, code) = lint(&[&rules(), "--allow", "ACME001", "--deny", "ACME002"]);
    let found = custom(&document);
    assert!(found.iter().all(|f| f.0 != "ACME001"));
    assert!(found.iter().any(|f| f.0 == "ACME002" && f.1 == "error"));
    assert_eq!(code, 1);
    assert_eq!(
        document["summary"]["suppressed"],
        1 + 1,
        "ACME001, and ACME003 on staff-plan"
    );
    let (document, code) = lint(&[&rules(), "--warn", "ACME001", "--fail-on", "error"]);
    assert!(
        custom(&document)
            .iter()
            .any(|f| f.0 == "ACME001" && f.1 == "warning")
    );
    assert_eq!(code, 0);
    let output = run(&["lint", &rules(), "--deny", "ACME999"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("ACME999"));
}

#[test]
fn a_baseline_absorbs_custom_findings() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let output = run(&["lint", &rules(), "--format", "json"]);
    std::fs::write(&baseline, &output.stdout).unwrap();
    let (document, code) = lint(&[&rules(), "--baseline", baseline.to_str().unwrap()]);
    assert_eq!(custom(&document), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn sarif_lists_the_custom_rules_with_their_help() {
    let output = run(&["lint", &rules(), "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = rules.iter().position(|r| r["id"] == "ACME001").unwrap();
    assert_eq!(rules[index]["name"], "external-offering-needs-mfa");
    assert!(
        rules[index]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("'mfa' in self.offered_warranty.security")
    );
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ACME001")
        .unwrap();
    assert_eq!(result["ruleIndex"], index);
    assert_eq!(result["level"], "error");
}

#[test]
fn github_and_junit_name_custom_codes() {
    let output = run(&["lint", &rules(), "--format", "github"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("ACME001"));
    let output = run(&["lint", &rules(), "--format", "junit"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("ACME001"));
}

#[test]
fn broken_rules_are_structural_findings_at_their_own_position() {
    let (document, code) = lint(&[&fixture("custom/broken.yaml").display().to_string()]);
    assert_eq!(code, 1);
    let found: Vec<(String, u64, u64)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = |code: &str, line, column| (code.to_owned(), line, column);
    assert_eq!(
        found,
        vec![
            at("SVS003", 7, 11),  // an SVS code
            at("SVS003", 13, 11), // not the shape of a code
            at("SVS003", 21, 9),  // an unknown kind
            at("SVS010", 28, 23), // plain scalar: the end of the expression
            at("SVS010", 34, 20), // quoted scalar: the `)`
            at("SVS010", 42, 7),  // literal block
            at("SVS010", 52, 11), // a duplicate code
        ]
    );
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages[4].contains("Syntax error"), "{}", messages[4]);
}

#[test]
fn explain_prints_a_custom_rule_and_lists_them() {
    let output = run(&["explain", "ACME001", &rules()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("ACME001 external-offering-needs-mfa\nDefault severity: error\n"));
    assert!(text.contains("External customers expect multi-factor authentication."));
    assert!(text.contains("self.targets.exists(t, t.startsWith('ext-'))"));
    let output = run(&["explain", "--list", &rules()]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("SVS104"));
    assert!(text.contains("ACME002  big-relationship-needs-sponsor"));
    let output = run(&["explain", "ACME999", &rules()]);
    assert_eq!(output.status.code(), Some(2));
}

mod random_expressions {
    use super::svs;
    use proptest::prelude::*;

    /// A small catalogue with something of every kind a rule can be on.
    const SMALL: &str = "svs: 1
catalogue: { name: p, currency: GBP }
organizations:
  - { id: p, name: P }
  - { id: c, name: C, parent: p }
people:
  - { id: ann, name: Ann, organization: c }
groups:
  - { id: g, name: G, organization: c }
services:
  - { id: s, name: S, provider: p }
offerings:
  - { id: o, name: O, provider: p, services: [s], targets: [g], access: [{ name: a, period: month }], price: [{ amount: 10, per: month }] }
relationships:
  - { id: r, provider: p, consumer: c, offering: o, roles: { customer: [ann] } }
";

    /// CEL's tokens and a few traps, separated by spaces.
    const TOKENS: &str = r#"self catalogue . id targets price amount roles assessment offerings
        size has ( ) [ ] { } , : ? && || ! == != < >= + - * / % in 'o' "x" '' 0 1 1.5 1e308
        0x7fffffffffffffff 9223372036854775807 1u true false null exists all map filter
        exists_one t startsWith matches '(' '[a-' int double string b'\xff' \ ' " # {self.id}"#;

    fn token_expression() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(TOKENS.split_whitespace().collect::<Vec<_>>()),
                any::<bool>(),
            ),
            0..16,
        )
        .prop_map(|tokens| {
            tokens
                .into_iter()
                .map(|(token, space)| {
                    if space {
                        format!("{token} ")
                    } else {
                        token.to_owned()
                    }
                })
                .collect()
        })
    }

    fn expression() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => token_expression(),
            1 => any::<String>(),
            1 => prop::collection::vec(any::<u8>(), 0..40)
                .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn random_expressions_never_crash_lint(
            when in expression(),
            assert in expression(),
            on in prop::sample::select(&["offerings", "relationships", "people", "groups", "organizations", "services"][..]),
            with_when in any::<bool>(),
        ) {
            // A JSON string is a YAML double-quoted scalar: any text survives the trip.
            let quote = |text: &str| serde_json::to_string(text).unwrap();
            let when = if with_when {
                format!("    when: {}\n", quote(&when))
            } else {
                String::new()
            };
            let rule = format!(
                "rules:\n  - id: r\n    code: RND001\n    name: random\n    on: {on}\n{when}    assert: {}\n    message: \"{{self.id}} {{self.id.x}}\"\n",
                quote(&assert)
            );
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("catalogue.yaml");
            std::fs::write(&path, format!("{SMALL}{rule}")).unwrap();
            for format in ["human", "json", "sarif"] {
                let output = svs()
                    .args(["lint", path.to_str().unwrap(), "--format", format, "--color", "never"])
                    .output()
                    .unwrap();
                let stderr = String::from_utf8_lossy(&output.stderr);
                prop_assert!(
                    matches!(output.status.code(), Some(0..=2)),
                    "exit {:?} on\n{rule}\n{stderr}", output.status.code()
                );
                prop_assert!(!stderr.contains("panicked"), "{rule}\n{stderr}");
            }
        }
    }
}

#[test]
fn an_expression_that_fails_on_a_multi_byte_character_is_shown_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.yaml");
    std::fs::write(
        &path,
        "svs: 1\norganizations:\n  - { id: p, name: P }\nrules:\n  - id: r\n    code: RND001\n    name: random\n    on: organizations\n    when: \"\u{11150}\"\n    assert: \"true\"\n    message: m\n",
    )
    .unwrap();
    let output = run(&["lint", path.to_str().unwrap(), "--color", "never"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(matches!(output.status.code(), Some(1 | 2)), "{stdout}");
    assert!(stdout.contains("error[SVS010]"), "{stdout}");
    assert!(stdout.contains(":9:12\n"), "{stdout}");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn rules_read_the_co_creation_verdict_and_the_cost_by_dimension() {
    // tests/fixtures/co-creation.yaml, one relationship more (no value for Gamma from a
    // provider that declares nothing: not-mutual), and two rules reading what `svs assess`
    // computes: the co-creation verdict and a part of the cost of provision.
    let text = std::fs::read_to_string(fixture("co-creation.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.yaml");
    std::fs::write(
        &path,
        format!(
            "{text}  - id: gamma-hosting
    provider: hoster
    consumer: gamma
    offering: hosting
    requirements:
      outcomes: [{{ outcome: reachable, priority: must, weight: 1 }}]
      warranty: {{ availability: 99.5 }}
rules:
  - id: known-failures
    code: VAL001
    name: known-failures
    on: relationships
    assert: \"self.assessment.co_creation != 'not-mutual'\"
    message: \"{{self.id}} does not co-create value\"
  - id: people-heavy
    code: VAL002
    name: people-heavy
    on: relationships
    when: \"self.assessment.provider_side.verdict != 'unassessed'\"
    assert: \"self.assessment.provider_side.cost_by_dimension['organizations-and-people'] < 6000.0\"
    message: \"{{self.id}} costs its provider much in people\"
"
        ),
    )
    .unwrap();
    let (document, _) = lint(&[path.to_str().unwrap()]);
    let found: Vec<(String, String)> = custom(&document).into_iter().map(|f| (f.0, f.4)).collect();
    // acme-mobile and gamma-mobile: support 10 × 20 × 12 = 2,400 + network operations
    // 12,000 × 10 / 40 = 3,000, 5,400 of people; beta-mobile and delta-mobile add an
    // account manager (6,000 once, 500 a month): 11,400.
    assert_eq!(
        found,
        [
            ("VAL002".to_owned(), "beta-mobile".to_owned()),
            ("VAL002".to_owned(), "delta-mobile".to_owned()),
            ("VAL001".to_owned(), "gamma-hosting".to_owned()),
        ]
    );
}
