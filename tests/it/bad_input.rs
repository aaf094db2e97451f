//! Hostile and broken input: every case ends in a finding or an error that names the file
//! and the place, with exit 1 or 2, and never a panic.

use crate::common;

use std::fmt::Write;
use std::path::Path;

use common::{Finding, findings, lint_json, run};

/// Writes `bytes` to a file in a fresh directory and lints it as JSON.
fn lint_bytes(bytes: &[u8]) -> (Vec<Finding>, serde_json::Value, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, bytes).unwrap();
    let (document, code) = lint_json(&[&path]);
    for finding in document["findings"].as_array().unwrap() {
        assert!(finding["file"].as_str().unwrap().ends_with("input.yaml"));
    }
    (findings(&document), document, code)
}

/// Only the structural findings (SVS001–SVS009): what loading the catalogue reports.
fn structural(found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| f.0.as_str() < "SVS100")
        .collect()
}

fn codes_and_lines(found: &[Finding]) -> Vec<(&str, u64)> {
    found.iter().map(|f| (f.0.as_str(), f.1)).collect()
}

#[test]
fn an_empty_file_is_invalid() {
    let (found, document, code) = lint_bytes(b"");
    assert_eq!(codes_and_lines(&found), [("SVS003", 1)]);
    assert!(
        document["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    assert_eq!(code, 1);
}

#[test]
fn a_file_that_is_not_yaml_is_a_syntax_error() {
    let (found, _, code) = lint_bytes(b"svs: 1\norganizations: [ {id: a\n  - name: \"\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "SVS001");
    assert_eq!(code, 1);
}

#[test]
fn invalid_utf8_is_located() {
    let (found, document, code) = lint_bytes(b"svs: 1\norganizations:\n  - id: caf\xe9\n");
    // The twelfth character of line 3 is the first byte that is not UTF-8.
    assert_eq!(found, [common::at("SVS001", 3, 12, None)]);
    assert!(
        document["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
    assert_eq!(code, 1);
}

#[test]
fn a_wrong_or_missing_format_version_is_invalid() {
    let (found, _, _) = lint_bytes(b"svs: 2\n");
    assert_eq!(found, [common::at("SVS003", 1, 6, None)]);
    let (found, _, _) = lint_bytes(b"organizations: []\n");
    assert_eq!(found, [common::at("SVS003", 1, 1, None)]);
}

#[test]
fn an_alias_bomb_is_stopped_with_a_location() {
    let mut text = String::from(
        "svs: 1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in "bcdefghij".chars() {
        let refs = vec![format!("*{previous}"); 9].join(",");
        writeln!(text, "{name}: &{name} [{refs}]").unwrap();
        previous = name;
    }
    let (found, _, code) = lint_bytes(text.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "SVS001");
    assert!(found[0].1 > 1, "points into the document");
    assert_eq!(code, 1);
}

#[test]
fn nesting_ten_thousand_deep_is_stopped() {
    let flow = format!("svs: 1\na: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (found, _, code) = lint_bytes(flow.as_bytes());
    assert_eq!(codes_and_lines(&found), [("SVS001", 2)]);
    assert_eq!(code, 1);

    let mut block = String::from("svs: 1\n");
    for depth in 0..10_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("k:\n");
    }
    let (found, _, code) = lint_bytes(block.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "SVS001");
    assert_eq!(code, 1);
}

const AMOUNT: &str = "svs: 1
catalogue: { name: amounts, currency: GBP }
organizations:
  - { id: telco, name: Telco }
offerings:
  - id: plan
    name: Plan
    provider: telco
    price:
      - amount: AMOUNT
        per: month
";

#[test]
fn amounts_that_are_not_finite_decimals_are_refused_at_the_value() {
    for (amount, words) in [
        ("1e400", "does not fit"),
        (".nan", "not a finite number"),
        (".inf", "not a finite number"),
        ("-5", "0 or more"),
        ("12345678901234567890123456789012", "does not fit"),
    ] {
        let text = AMOUNT.replace("AMOUNT", amount);
        let (found, document, code) = lint_bytes(text.as_bytes());
        assert_eq!(
            found,
            [common::at("SVS003", 10, 17, Some("plan"))],
            "{amount}"
        );
        let message = document["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{amount}: {message}");
        assert_eq!(code, 1);
    }
}

#[test]
fn exact_decimals_load_without_findings() {
    let text = AMOUNT.replace("AMOUNT", "0.30000000000000004");
    let (found, _, _) = lint_bytes(text.as_bytes());
    assert_eq!(structural(found), []);
}

#[test]
fn horizon_months_out_of_range() {
    for horizon in ["0", "601", "1.5"] {
        let text = format!("svs: 1\ncatalogue:\n  name: x\n  horizon_months: {horizon}\n");
        let (found, _, _) = lint_bytes(text.as_bytes());
        assert_eq!(found, [common::at("SVS003", 4, 19, None)], "{horizon}");
    }
}

#[test]
fn likelihood_above_one_is_refused() {
    let text = "svs: 1
catalogue: { name: r, currency: GBP }
organizations:
  - { id: a, name: A }
  - { id: b, name: B }
relationships:
  - id: r
    provider: a
    consumer: b
    offering: none
    risks:
      imposed:
        - { name: breach, likelihood: 1.5, impact: 10 }
";
    let (found, _, _) = lint_bytes(text.as_bytes());
    assert_eq!(
        found,
        [
            common::at("SVS005", 10, 15, Some("r")), // offering `none` is not defined
            common::at("SVS003", 13, 39, Some("r")),
        ]
    );
}

#[test]
fn a_parent_cycle_is_invalid() {
    let text = "svs: 1
organizations:
  - { id: a, name: A, parent: b }
  - { id: b, name: B, parent: a }
";
    let (found, document, _) = lint_bytes(text.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "SVS003");
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("own ancestor"), "{message}");
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error_naming_it() {
    let output = run(&["lint", "definitely-missing.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("definitely-missing.yaml"), "{errors}");
    assert!(!errors.contains("panicked"));
}

#[test]
fn a_symlink_loop_in_a_directory_ends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "svs: 1\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let (document, code) = lint_json(&[Path::new(dir.path())]);
    assert_eq!(code, 0, "{document}");
    assert_eq!(document["summary"]["files"], 1);
}

#[test]
fn an_entity_that_fails_to_decode_does_not_cascade_into_unknown_references() {
    // `acme` lacks its name: that is the one finding, not also an unknown reference
    // from `jane`.
    let (found, _, _) = lint_bytes(
        b"svs: 1\norganizations:\n  - { id: acme }\npeople:\n  - { id: jane, name: Jane, organization: acme }\n",
    );
    assert_eq!(found, [common::at("SVS003", 3, 5, Some("acme"))]);
}

#[test]
fn a_currency_must_be_an_iso_4217_code_and_a_bad_one_is_not_also_missing() {
    let text = AMOUNT
        .replace("AMOUNT", "10")
        .replace("currency: GBP", "currency: XYZ");
    let (found, document, _) = lint_bytes(text.as_bytes());
    assert_eq!(found, [common::at("SVS003", 2, 39, None)]);
    assert!(
        document["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ISO 4217")
    );
}

#[test]
fn a_security_control_listed_twice_is_invalid() {
    let text = "svs: 1
organizations: [{ id: a, name: A }]
services:
  - { id: s, name: S, provider: a, warranty: { security: [mfa, mfa] } }
";
    let (found, _, _) = lint_bytes(text.as_bytes());
    assert_eq!(found, [common::at("SVS003", 4, 64, Some("s"))]);
}

#[test]
fn structural_codes_cannot_be_allowed() {
    let text = "svs: 1\ncatalogue: { name: x, lint: { allow: [SVS003, SVS109] } }\n";
    let (found, document, _) = lint_bytes(text.as_bytes());
    assert_eq!(found, [common::at("SVS003", 2, 39, None)]);
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("structural"), "{message}");
}

#[test]
fn an_unquoted_number_with_digit_separators_is_text_as_in_yaml_1_2() {
    let text = AMOUNT.replace("AMOUNT", "1_000.50");
    let (found, document, _) = lint_bytes(text.as_bytes());
    assert_eq!(
        structural(found),
        [common::at("SVS003", 10, 17, Some("plan"))]
    );
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("must be a number"), "{message}");
}

#[test]
fn a_file_over_four_gibibytes_is_refused_before_it_is_read() {
    // A sparse file: its size is 4 GiB, its blocks none.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(u64::from(u32::MAX) + 1).unwrap();
    let out = run(&["lint", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.yaml is 4294967296 bytes: svs reads files of up to 4 GiB"),
        "{stderr}"
    );
}
