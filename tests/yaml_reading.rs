//! How `svs` reads YAML text: byte order marks, line endings, tabs, aliases, merge keys
//! and the YAML 1.2 words, each pinned where it used to go wrong.

mod common;

use std::path::PathBuf;

use common::{Finding, at, findings, lint_json, svs};

/// Writes `text` to a fresh file; the directory lives as long as the returned guard.
fn write(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The findings and the whole JSON document of `svs lint` on `text`.
fn lint(text: &[u8]) -> (Vec<Finding>, serde_json::Value) {
    let (_dir, path) = write(text);
    let (document, _) = lint_json(&[&path]);
    (findings(&document), document)
}

/// `svs lint` in the human format (no colour).
fn lint_human(text: &[u8]) -> String {
    let (_dir, path) = write(text);
    let output = svs()
        .arg("lint")
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Only the structural findings (SVS001–SVS009).
fn structural(found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| f.0.as_str() < "SVS100")
        .collect()
}

#[test]
fn a_byte_order_mark_takes_no_column_and_is_not_echoed() {
    let (found, _) = lint("\u{feff}svs: 2\n".as_bytes());
    assert_eq!(found, [at("SVS003", 1, 6, None)]);
    let human = lint_human("\u{feff}svs: 2\n".as_bytes());
    assert!(human.contains(":1:6"), "{human}");
    assert!(!human.contains('\u{feff}'), "{human}");
}

#[test]
fn a_byte_order_mark_leaves_other_lines_alone() {
    let (found, _) = lint("\u{feff}svs: 1\nbogus: 1\n".as_bytes());
    assert_eq!(found, [at("SVS002", 2, 1, None)]);
}

#[test]
fn crlf_line_ends_are_not_shown_in_snippets() {
    let human = lint_human(b"svs: 1\r\nbogus: 1\r\n");
    assert!(human.contains("bogus: 1"), "{human}");
    assert!(!human.contains('\u{240d}'), "{human}");
    assert!(!human.contains('\r'), "{human}");
}

#[test]
fn a_tab_indenting_a_line_is_reported_at_the_tab() {
    let text = "svs: 1\norganizations:\n  - id: acme\n    name: Acme\n\tparent: x\n";
    let (found, document) = lint(text.as_bytes());
    assert_eq!(found, [at("SVS001", 5, 1, None)]);
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("tab") && message.contains("spaces"),
        "{message}"
    );
}

#[test]
fn a_tab_after_spaces_of_indentation_is_reported_at_the_tab() {
    let text = "svs: 1\norganizations:\n  - id: acme\n  \t name: Acme\n";
    let (found, document) = lint(text.as_bytes());
    assert_eq!(found, [at("SVS001", 4, 3, None)]);
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("spaces"), "{message}");
}

#[test]
fn a_tab_inside_a_value_is_text() {
    let text = "svs: 1\norganizations:\n  - { id: acme, name: \"A\tcme\" }\n";
    let (found, _) = lint(text.as_bytes());
    assert_eq!(structural(found), []);
}
