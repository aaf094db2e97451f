//! How `svs` reads YAML text: byte order marks, line endings, tabs, aliases, merge keys
//! and the YAML 1.2 words, each pinned where it used to go wrong.

use crate::common;

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

fn clean() -> String {
    std::fs::read_to_string(common::fixture("clean.yaml")).unwrap()
}

#[test]
fn a_number_through_an_alias_is_the_anchors_number() {
    let text = clean()
        .replace("availability: 99.9", "availability: &av 99.9")
        .replace("availability: 99.5", "availability: *av");
    let (found, _) = lint(text.as_bytes());
    assert_eq!(structural(found), []);
}

#[test]
fn a_bad_number_through_an_alias_is_reported_at_the_alias_with_the_anchors_text() {
    let text = clean()
        .replace(
            "availability: 99.9",
            "availability: 99.9\n      capacity_anchor: &big 150",
        )
        .replace("availability: 99.5", "availability: *big");
    let text = text.replace("\n      capacity_anchor: &big 150", "");
    // The anchor sits on a price amount instead, which takes any number of 0 or more.
    let text = text.replacen("amount: 25.50", "amount: &big 150", 1);
    assert!(text.contains("&big 150"), "the fixture has a price of 25");
    let (found, document) = lint(text.as_bytes());
    let line = text.lines().position(|l| l.contains("*big")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("*big").unwrap() + 1;
    assert_eq!(structural(found).len(), 1, "{document:#}");
    let finding = &document["findings"][0];
    assert_eq!(finding["line"], line);
    assert_eq!(finding["column"], column);
    assert!(
        finding["message"].as_str().unwrap().contains("150"),
        "{finding}"
    );
}

#[test]
fn a_merge_key_merges_the_anchored_mapping() {
    let text = clean()
        .replace("continuity: {", "continuity: &cont {")
        .replace(
            "        availability: 99.5",
            "        availability: 99.5\n        continuity: { <<: *cont, rto_hours: 4 }",
        );
    let (found, document) = lint(text.as_bytes());
    assert_eq!(structural(found), [], "{document:#}");
}

#[test]
fn a_merge_key_with_a_list_of_mappings_merges_each() {
    let text = "svs: 1\n\
                a: &a { name: A, description: first }\n\
                b: &b { id: acme, description: second }\n\
                organizations:\n  - { <<: [*a, *b], name: Acme }\n";
    let (found, document) = lint(text.as_bytes());
    // `a` and `b` are unknown top-level keys; the organisation itself is complete.
    assert_eq!(
        structural(found),
        [at("SVS002", 2, 1, None), at("SVS002", 3, 1, None)],
        "{document:#}"
    );
}

#[test]
fn a_quoted_merge_key_is_an_ordinary_key() {
    let text = "svs: 1\nc: &c { id: x }\norganizations:\n  - { '<<': *c, id: acme, name: A }\n";
    let (found, _) = lint(text.as_bytes());
    assert!(
        structural(found).contains(&at("SVS002", 4, 7, Some("acme"))),
        "`<<` in quotes is unknown"
    );
}

// ---- YAML 1.2 words: the loader and the JSON Schema agree --------------------------

use svs::load::yaml::{Node, NodeKind, parse_tree};
use svs::source::{FileId, SourceFile};

/// A file as the JSON an editor following YAML 1.2's core schema checks against the JSON
/// Schema: `yes` and `on` are text, `0x1F` is 31, `1_000` is text.
fn yaml12_json(text: &str) -> serde_json::Value {
    let source = SourceFile::new("t.yaml".into(), text.into());
    let root = parse_tree(FileId(0), &source).expect("YAML");
    to_json(&root, text)
}

fn to_json(node: &Node, text: &str) -> serde_json::Value {
    use serde_json::Value;
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number => {
            let written = &text[node.text_span().range()];
            let unsigned = written.trim_start_matches('+');
            let radix = [("0x", 16), ("0o", 8)]
                .iter()
                .find_map(|(p, r)| unsigned.strip_prefix(p).map(|d| (d, *r)));
            match radix {
                Some((digits, radix)) => u64::from_str_radix(digits, radix).unwrap().into(),
                None => serde_json::from_str(unsigned).expect("a JSON number"),
            }
        }
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => items.iter().map(|i| to_json(i, text)).collect(),
        NodeKind::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| {
                let key = match &k.kind {
                    NodeKind::Str(s) => s.clone(),
                    _ => text[k.span.range()].to_owned(),
                };
                (key, to_json(v, text))
            })
            .collect(),
    }
}

fn schema_validator() -> jsonschema::Validator {
    let output = common::run(&["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

/// The clean fixture with one change: whether `svs` loads it without a structural
/// finding, and whether the schema accepts it.
fn verdicts(validator: &jsonschema::Validator, text: &str) -> (bool, bool) {
    let (found, _) = lint(text.as_bytes());
    let loads = structural(found).is_empty();
    let valid = validator.is_valid(&yaml12_json(text));
    (loads, valid)
}

#[test]
fn keys_are_names_whatever_they_spell() {
    for key in ["on", "y", "yes", "no", "off", "n"] {
        let text =
            format!("svs: 1\n{key}: x\norganizations:\n  - {{ id: a, name: A, {key}: y }}\n");
        let (found, document) = lint(text.as_bytes());
        assert_eq!(
            structural(found),
            [at("SVS002", 2, 1, None), at("SVS002", 4, 23, Some("a"))],
            "{key}: {document:#}"
        );
    }
}

#[test]
fn the_loader_and_the_schema_agree_on_the_yaml_12_words() {
    let validator = schema_validator();
    let clean = clean();
    assert_eq!(verdicts(&validator, &clean), (true, true));
    let cases: &[(&str, &str, bool)] = &[
        ("svs: 1\n", "svs: 1.0\n", true),
        ("svs: 1\n", "svs: +1\n", true),
        ("svs: 1\n", "svs: '1'\n", false),
        ("amount: 25.50", "amount: 0x1F", true),
        ("amount: 25.50", "amount: 0o17", true),
        ("amount: 25.50", "amount: 1_000", false),
        ("amount: 25.50", "amount: '25.50'", false),
        ("amount: 25.50", "amount: 0b101", false),
        ("security: [mfa]", "security: [1, '1']", false),
        ("security: [mfa]", "security: [1]", false),
        ("security: [mfa]", "security: ['1']", true),
    ];
    for (from, to, accepted) in cases {
        assert!(clean.contains(from), "{from}");
        let text = clean.replacen(from, to, 1);
        assert_eq!(verdicts(&validator, &text), (*accepted, *accepted), "{to}");
    }
}

#[test]
fn visible_takes_true_or_false_only() {
    let validator = schema_validator();
    let text = "svs: 1\norganizations: [{ id: t, name: T }]\nproducts:\n  - id: p\n    \
                name: P\n    provider: t\n    resources:\n      - { name: r, dimension: \
                organizations-and-people, visible: VALUE }\n";
    for (value, accepted) in [
        ("true", true),
        ("False", true),
        ("yes", false),
        ("on", false),
    ] {
        let text = text.replace("VALUE", value);
        let (found, document) = lint(text.as_bytes());
        assert_eq!(
            structural(found).is_empty(),
            accepted,
            "{value}: {document:#}"
        );
        assert_eq!(validator.is_valid(&yaml12_json(&text)), accepted, "{value}");
    }
}

#[test]
fn infinity_is_refused_by_the_loader_and_out_of_the_schemas_range() {
    let text = clean().replacen("amount: 25.50", "amount: .inf", 1);
    let (found, _) = lint(text.as_bytes());
    assert_eq!(structural(found).len(), 1);
    // JSON has no infinity: the schema bounds every number by the largest exact decimal,
    // which an editor's infinity exceeds.
    let output = common::run(&["schema"]);
    let schema = String::from_utf8(output.stdout).unwrap();
    assert!(
        schema.contains("\"maximum\": 79228162514264337593543950335"),
        "{schema}"
    );
}
