//! One fixture per structural code (SVS001–SVS009): each must fire at the right place and
//! name the right entity, and a clean catalogue must not fire at all.

use crate::common;

use common::{at, findings, fixture, lint_json};

fn lint_fixture(name: &str) -> (serde_json::Value, i32) {
    lint_json(&[&fixture(name)])
}

#[test]
fn a_clean_catalogue_has_no_findings() {
    let (document, code) = lint_fixture("clean.yaml");
    assert_eq!(findings(&document), vec![]);
    assert_eq!(document["summary"]["files"], 1);
    assert_eq!(code, 0);
}

#[test]
fn svs001_yaml_syntax() {
    let (document, code) = lint_fixture("structural/svs001.yaml");
    assert_eq!(findings(&document), vec![at("SVS001", 4, 11, None)]);
    assert_eq!(document["findings"][0]["rule"], "yaml-syntax");
    assert_eq!(code, 1);
}

#[test]
fn svs002_every_unknown_key_with_did_you_mean() {
    let (document, _) = lint_fixture("structural/svs002.yaml");
    assert_eq!(
        findings(&document),
        vec![
            at("SVS002", 4, 5, Some("acme")),
            at("SVS002", 6, 5, Some("acme")),
            at("SVS002", 7, 5, Some("acme")),
        ]
    );
    assert_eq!(document["findings"][0]["help"], "did you mean `name`?");
    assert_eq!(document["findings"][2]["help"], "did you mean `parent`?");
    assert!(
        document["findings"][1]["message"]
            .as_str()
            .unwrap()
            .contains("`colour`")
    );
}

/// Lints `text` written to a file of its own.
fn lint_text(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    lint_json(&[&path]).0
}

/// A catalogue with one price line written as `PRICE`.
const PRICED: &str = "svs: 1
catalogue: { name: t, currency: GBP }
organizations: [{ id: telco, name: Telco }]
services: [{ id: s, name: S, provider: telco }]
offerings:
  - id: o
    name: O
    provider: telco
    services: [s]
    price:
      - PRICE
";

#[test]
fn svs002_a_bare_word_after_a_comma_in_a_flow_mapping_suggests_quoting_the_value() {
    let document = lint_text(&PRICED.replace(
        "PRICE",
        "{ name: printing, couriers, amount: 5, per: month }",
    ));
    assert_eq!(findings(&document), vec![at("SVS002", 11, 27, Some("o"))]);
    assert_eq!(
        document["findings"][0]["message"],
        "unknown key `couriers` in a price line"
    );
    assert_eq!(
        document["findings"][0]["help"],
        "`couriers` has no value: if the comma before it belongs to `name`, quote the value: \
         `name: \"printing, couriers\"`"
    );
    // Every bare word after the value is part of it.
    let document = lint_text(&PRICED.replace(
        "PRICE",
        "{ name: printing, couriers, post, amount: 5, per: month }",
    ));
    assert_eq!(
        findings(&document),
        vec![
            at("SVS002", 11, 27, Some("o")),
            at("SVS002", 11, 37, Some("o"))
        ]
    );
    for finding in document["findings"].as_array().unwrap() {
        assert!(
            finding["help"]
                .as_str()
                .unwrap()
                .ends_with("`name: \"printing, couriers, post\"`"),
            "{finding}"
        );
    }
}

#[test]
fn svs002_an_unknown_key_with_a_value_or_first_in_its_mapping_keeps_the_usual_help() {
    for (price, column, help) in [
        // A key with a value: misspelt, not cut from a value.
        (
            "{ name: printing, couriers: 1, amount: 5, per: month }",
            27,
            "known keys here: name, amount, per, unit",
        ),
        // No value before it for the comma to belong to.
        (
            "{ couriers, name: printing, amount: 5, per: month }",
            11,
            "known keys here: name, amount, per, unit",
        ),
        // The value before it is quoted: the comma is not in it.
        (
            "{ name: \"printing\", couriers, amount: 5, per: month }",
            29,
            "known keys here: name, amount, per, unit",
        ),
    ] {
        let document = lint_text(&PRICED.replace("PRICE", price));
        assert_eq!(
            findings(&document),
            vec![at("SVS002", 11, column, Some("o"))],
            "{price}"
        );
        assert_eq!(document["findings"][0]["help"], help, "{price}");
    }
    // In a block mapping, `couriers:` was written with its colon.
    let block = PRICED.replace(
        "      - PRICE\n",
        "      - name: printing\n        couriers:\n        amount: 5\n        per: month\n",
    );
    let document = lint_text(&block);
    assert_eq!(findings(&document), vec![at("SVS002", 12, 9, Some("o"))]);
    assert_eq!(
        document["findings"][0]["help"],
        "known keys here: name, amount, per, unit"
    );
}

#[test]
fn svs003_a_word_practitioners_write_for_per_suggests_the_formats_word() {
    for (written, meant) in [
        ("annually", "year"),
        ("annual", "year"),
        ("Yearly", "year"),
        ("monthly", "month"),
        ("quarterly", "quarter"),
        ("one-off", "once"),
        ("oneoff", "once"),
        ("one-time", "once"),
    ] {
        let price = format!("{{ name: fee, amount: 5, per: {written} }}");
        let document = lint_text(&PRICED.replace("PRICE", &price));
        assert_eq!(
            findings(&document),
            vec![at("SVS003", 11, 38, Some("o"))],
            "{written}"
        );
        assert_eq!(
            document["findings"][0]["message"],
            format!("`per` must be one of once, month, quarter, year, found `{written}`")
        );
        assert_eq!(
            document["findings"][0]["help"],
            format!("did you mean `{meant}`?"),
            "{written}"
        );
    }
}

#[test]
fn svs003_a_currency_name_or_a_lower_case_code_suggests_the_iso_code() {
    for (written, meant) in [
        ("RMB", Some("CNY")),
        ("NTD", Some("TWD")),
        ("UKP", Some("GBP")),
        ("STG", Some("GBP")),
        ("yen", Some("JPY")),
        ("Euro", Some("EUR")),
        ("EUROS", Some("EUR")),
        ("gbp", Some("GBP")),
        ("XYZ", None),
    ] {
        let text = PRICED.replace("currency: GBP", &format!("currency: {written}"));
        let document = lint_text(&text.replace("PRICE", "{ amount: 5, per: month }"));
        assert_eq!(
            findings(&document),
            vec![at("SVS003", 2, 33, None)],
            "{written}"
        );
        assert_eq!(
            document["findings"][0]["help"].as_str(),
            meant.map(|m| format!("did you mean `{m}`?")).as_deref(),
            "{written}"
        );
    }
}

#[test]
fn svs003_invalid_values_are_all_reported() {
    let (document, _) = lint_fixture("structural/svs003.yaml");
    assert_eq!(
        findings(&document),
        vec![
            at("SVS003", 4, 13, None),               // currency: gbp
            at("SVS003", 5, 19, None),               // horizon_months: 0
            at("SVS003", 7, 9, None),                // id: Acme
            at("SVS003", 9, 5, Some("telco")),       // missing name
            at("SVS003", 13, 11, Some("reachable")), // kind: speed
        ]
    );
}

#[test]
fn svs004_duplicate_id_across_kinds_shows_both_places() {
    let (document, _) = lint_fixture("structural/svs004.yaml");
    assert_eq!(findings(&document), vec![at("SVS004", 6, 9, Some("acme"))]);
    let related = &document["findings"][0]["related"][0];
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(3), Some(9))
    );
}

#[test]
fn svs005_unknown_reference_points_at_the_reference() {
    let (document, _) = lint_fixture("structural/svs005.yaml");
    assert_eq!(findings(&document), vec![at("SVS005", 8, 19, Some("jane"))]);
    assert_eq!(document["findings"][0]["help"], "did you mean `acme`?");
}

#[test]
fn svs006_wrong_kind_reference_says_what_it_found() {
    let (document, _) = lint_fixture("structural/svs006.yaml");
    assert_eq!(
        findings(&document),
        vec![at("SVS006", 12, 19, Some("staff"))]
    );
    let message = document["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("is a person"), "{message}");
    let label = document["findings"][0]["related"][0]["message"]
        .as_str()
        .unwrap();
    assert!(label.ends_with("is defined here as a person"), "{label}");
}

#[test]
fn svs006_names_the_kind_defined_with_its_article() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("catalogue.yaml");
    std::fs::write(
        &path,
        "svs: 1\ncatalogue: { name: K, currency: GBP }\norganizations:\n  - { id: acme, name: Acme }\n\
         services:\n  - { id: s, name: S, provider: acme }\n\
         offerings:\n  - { id: o, name: O, provider: acme, services: [s], targets: [acme] }\n",
    )
    .unwrap();
    let output = common::run(&["lint", path.to_str().unwrap(), "--format", "json"]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "SVS006")
        .expect("SVS006");
    assert_eq!(
        finding["related"][0]["message"],
        "`acme` is defined here as an organization"
    );
}

#[test]
fn svs007_duplicate_key() {
    let (document, _) = lint_fixture("structural/svs007.yaml");
    assert_eq!(findings(&document), vec![at("SVS007", 5, 5, Some("acme"))]);
}

#[test]
fn svs008_missing_currency_points_at_the_first_amount() {
    let (document, _) = lint_fixture("structural/svs008.yaml");
    assert_eq!(
        findings(&document),
        vec![at("SVS008", 12, 17, Some("plan"))]
    );
}

#[test]
fn svs009_duplicate_metadata_across_files() {
    let (document, _) = lint_fixture("structural/svs009");
    assert_eq!(findings(&document), vec![at("SVS009", 2, 1, None)]);
    let finding = &document["findings"][0];
    assert!(finding["file"].as_str().unwrap().ends_with("b.yaml"));
    assert!(
        finding["related"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("a.yaml")
    );
    assert_eq!(document["summary"]["files"], 2);
}

#[test]
fn a_broken_file_does_not_hide_the_problems_of_the_others() {
    let (document, _) = lint_json(&[
        &fixture("structural/svs001.yaml"),
        &fixture("structural/svs002.yaml"),
    ]);
    let codes: Vec<String> = findings(&document).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["SVS001", "SVS002", "SVS002", "SVS002"]);
}
