//! Broken input in every key of the provider's side (docs/format.md §8.1): a wrong type, a
//! value out of range, a word outside its list, an unknown key, `amount` without `per`,
//! an amount without a currency. Each is one structural finding at the value or key, with
//! its message and help; `svs lint` exits 1, `svs assess` exits 2 and prints nothing on
//! stdout, and nothing panics.

use crate::common;

use common::{Finding, at, findings, lint_json, svs};

/// A catalogue that uses every key of §8 and loads cleanly. Each case below changes one
/// piece of it; the line numbers in the cases are those of this text.
const BASE: &str = "svs: 1
catalogue:
  name: provision
  currency: GBP
  thresholds: { margin: 5 }
organizations:
  - { id: telco, name: Telco plc, target_margin: 15 }
  - { id: acme, name: Acme Ltd }
people:
  - { id: jane, name: Jane Doe, organization: telco }
services:
  - id: mobile
    name: Mobile voice and data
    provider: telco
    running_costs:
      - { name: network operations, dimension: organizations-and-people, amount: 240000, per: year }
offerings:
  - id: corporate-mobile
    name: Corporate mobile plan
    provider: telco
    services: [mobile]
    price:
      - { name: per-user fee, amount: 25, per: month, unit: user }
    cost_to_serve:
      - { name: handset, dimension: partners-and-suppliers, amount: 300, per: once, unit: handset }
relationships:
  - id: acme-mobile
    provider: telco
    consumer: acme
    offering: corporate-mobile
    quantity: 100
    provision:
      costs:
        - { name: account manager, dimension: organizations-and-people, amount: 30000, per: year }
      risks:
        - { name: SLA penalties, likelihood: 0.1, impact: 20000 }
      benefits:
        - { name: reference customer, kind: image, amount: 5000, per: year }
    stakeholders:
      - party: jane
        role: employee
        interest: stable employment
        effects:
          - { name: overtime pay, direction: gain, amount: 12000, per: year }
          - { name: sense of purpose }
";

/// The whole `provision` block of [`BASE`].
const PROVISION: &str = "    provision:
      costs:
        - { name: account manager, dimension: organizations-and-people, amount: 30000, per: year }
      risks:
        - { name: SLA penalties, likelihood: 0.1, impact: 20000 }
      benefits:
        - { name: reference customer, kind: image, amount: 5000, per: year }
";

/// What one broken input must report.
struct Case {
    /// The text replaced in [`BASE`] (once, and it must be there).
    old: &'static str,
    /// What replaces it.
    new: &'static str,
    /// The one structural finding.
    finding: Finding,
    /// Its message.
    message: &'static str,
    /// Its help, if any.
    help: Option<&'static str>,
}

fn case(old: &'static str, new: &'static str, finding: Finding, message: &'static str) -> Case {
    Case {
        old,
        new,
        finding,
        message,
        help: None,
    }
}

impl Case {
    fn help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }
}

/// Lints `text` and returns its structural findings (the whole documents' JSON objects)
/// and the exit code; then assesses it and requires exit 2, an empty stdout and no panic.
fn load_fails(text: &str) -> (Vec<serde_json::Value>, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    let (document, code) = lint_json(&[&path]);
    let structural = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap() < "SVS100")
        .cloned()
        .collect();
    for format in ["table", "json"] {
        let output = svs()
            .arg("assess")
            .arg(&path)
            .args(["--format", format])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}\n{text}");
        assert!(output.stdout.is_empty(), "{format}: {text}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains("input.yaml"), "{stderr}");
    }
    (structural, code)
}

fn check(cases: Vec<Case>) {
    for case in cases {
        assert!(BASE.contains(case.old), "not in the base: {}", case.old);
        let text = BASE.replacen(case.old, case.new, 1);
        let (structural, code) = load_fails(&text);
        let document = serde_json::json!({ "findings": structural });
        assert_eq!(findings(&document), vec![case.finding], "{}", case.new);
        let finding = &structural[0];
        assert_eq!(finding["message"], case.message, "{}", case.new);
        assert_eq!(finding["help"].as_str(), case.help, "{}", case.new);
        assert_eq!(code, 1, "{}", case.new);
    }
}

#[test]
fn the_base_catalogue_loads_and_assesses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, BASE).unwrap();
    let (document, _) = lint_json(&[&path]);
    assert!(
        findings(&document).iter().all(|f| f.0.as_str() >= "SVS100"),
        "{document:#}"
    );
    let output = svs()
        .arg("assess")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn values_of_the_wrong_type() {
    check(vec![
        case(
            "target_margin: 15 }",
            "target_margin: high }",
            at("SVS003", 7, 50, Some("telco")),
            "`target_margin` must be a number, found `high`",
        ),
        case(
            "target_margin: 15 }",
            "target_margin: '15' }",
            at("SVS003", 7, 50, Some("telco")),
            "`target_margin` must be a number, found the string \"15\"",
        )
        .help("remove the quotes"),
        case(
            "thresholds: { margin: 5 }",
            "thresholds: { margin: [5] }",
            at("SVS003", 5, 25, None),
            "`thresholds.margin` must be a number, found a list",
        ),
        case(
            "likelihood: 0.1",
            "likelihood: often",
            at("SVS003", 36, 46, Some("acme-mobile")),
            "`likelihood` must be a number, found `often`",
        ),
        case(
            "amount: 240000",
            "amount: lots",
            at("SVS003", 16, 82, Some("mobile")),
            "`amount` must be a number, found `lots`",
        ),
        case(
            "amount: 5000,",
            "amount: '5000',",
            at("SVS003", 38, 60, Some("acme-mobile")),
            "`amount` must be a number, found the string \"5000\"",
        )
        .help("remove the quotes"),
        case(
            "direction: gain",
            "direction: [gain]",
            at("SVS003", 44, 46, Some("acme-mobile")),
            "`direction` must be text, found a list",
        ),
        case(
            "running_costs:\n      - { name: network operations, dimension: \
             organizations-and-people, amount: 240000, per: year }",
            "running_costs: lots",
            at("SVS003", 15, 20, Some("mobile")),
            "`running_costs` must be a list, found a string",
        ),
        case(
            PROVISION,
            "    provision: true\n",
            at("SVS003", 32, 16, Some("acme-mobile")),
            "`provision` must be a mapping, found a boolean",
        ),
        case(
            "      benefits:\n",
            "      benefits:\n        - image\n",
            at("SVS003", 38, 11, Some("acme-mobile")),
            "a benefit must be a mapping, found a string",
        ),
    ]);
}

#[test]
fn values_out_of_range() {
    check(vec![
        case(
            "target_margin: 15 }",
            "target_margin: 250 }",
            at("SVS003", 7, 50, Some("telco")),
            "`target_margin` must be a percentage of revenue from -100 to 100, found 250",
        ),
        case(
            "target_margin: 15 }",
            "target_margin: 100.0001 }",
            at("SVS003", 7, 50, Some("telco")),
            "`target_margin` must be a percentage of revenue from -100 to 100, found 100.0001",
        ),
        case(
            "thresholds: { margin: 5 }",
            "thresholds: { margin: -101 }",
            at("SVS003", 5, 25, None),
            "`thresholds.margin` must be a percentage of revenue from -100 to 100, found -101",
        ),
        case(
            "likelihood: 0.1",
            "likelihood: 2",
            at("SVS003", 36, 46, Some("acme-mobile")),
            "`likelihood` must be a probability from 0 to 1, found 2",
        ),
        case(
            "impact: 20000",
            "impact: -1",
            at("SVS003", 36, 59, Some("acme-mobile")),
            "`impact` must be 0 or more, found -1",
        ),
    ]);
}

#[test]
fn a_negative_amount_anywhere_is_refused_at_the_value() {
    check(vec![
        // A running cost.
        case(
            "amount: 240000",
            "amount: -1",
            at("SVS003", 16, 82, Some("mobile")),
            "`amount` must be 0 or more, found -1",
        ),
        // A cost to serve.
        case(
            "amount: 300,",
            "amount: -300,",
            at("SVS003", 25, 69, Some("corporate-mobile")),
            "`amount` must be 0 or more, found -300",
        ),
        // A provision cost.
        case(
            "amount: 30000,",
            "amount: -30000,",
            at("SVS003", 34, 81, Some("acme-mobile")),
            "`amount` must be 0 or more, found -30000",
        ),
        // A benefit.
        case(
            "amount: 5000,",
            "amount: -5000,",
            at("SVS003", 38, 60, Some("acme-mobile")),
            "`amount` must be 0 or more, found -5000",
        ),
        // An effect: a loss is `direction: loss`, never a negative amount.
        case(
            "amount: 12000,",
            "amount: -12000,",
            at("SVS003", 44, 60, Some("acme-mobile")),
            "`amount` must be 0 or more, found -12000",
        ),
    ]);
}

#[test]
fn amount_and_per_come_together_on_a_benefit_and_an_effect() {
    const ADD_PER: &str =
        "add `per: once`, `month`, `quarter` or `year`, or remove `amount` to leave it unpriced";
    const ADD_AMOUNT: &str = "add the `amount`, or remove `per` to leave it unpriced";
    check(vec![
        case(
            "amount: 5000, per: year }",
            "amount: 5000 }",
            at("SVS003", 38, 60, Some("acme-mobile")),
            "a benefit has an `amount` but no `per`: they come together",
        )
        .help(ADD_PER),
        case(
            "kind: image, amount: 5000, per: year }",
            "kind: image, per: year }",
            at("SVS003", 38, 57, Some("acme-mobile")),
            "a benefit has a `per` but no `amount`: they come together",
        )
        .help(ADD_AMOUNT),
        case(
            "amount: 12000, per: year }",
            "amount: 12000 }",
            at("SVS003", 44, 60, Some("acme-mobile")),
            "an effect has an `amount` but no `per`: they come together",
        )
        .help(ADD_PER),
        case(
            "direction: gain, amount: 12000, per: year }",
            "direction: gain, per: year }",
            at("SVS003", 44, 57, Some("acme-mobile")),
            "an effect has a `per` but no `amount`: they come together",
        )
        .help(ADD_AMOUNT),
    ]);
}

#[test]
fn a_word_outside_its_list_suggests_the_nearest() {
    check(vec![
        case(
            "direction: gain",
            "direction: gian",
            at("SVS003", 44, 46, Some("acme-mobile")),
            "`direction` must be one of gain, loss, found `gian`",
        )
        .help("did you mean `gain`?"),
        case(
            "kind: image",
            "kind: imge",
            at("SVS003", 38, 45, Some("acme-mobile")),
            "the `kind` of a benefit must be one of funding, business-development, image, \
             knowledge, other, found `imge`",
        )
        .help("did you mean `image`?"),
        case(
            "dimension: partners-and-suppliers",
            "dimension: partners-and-supplier",
            at("SVS003", 25, 37, Some("corporate-mobile")),
            "`dimension` must be one of organizations-and-people, information-and-technology, \
             partners-and-suppliers, value-streams-and-processes, found `partners-and-supplier`",
        )
        .help("did you mean `partners-and-suppliers`?"),
        // Too far from every word for a suggestion.
        case(
            "dimension: organizations-and-people, amount: 240000",
            "dimension: people, amount: 240000",
            at("SVS003", 16, 48, Some("mobile")),
            "`dimension` must be one of organizations-and-people, information-and-technology, \
             partners-and-suppliers, value-streams-and-processes, found `people`",
        ),
        case(
            "per: once, unit",
            "per: weekly, unit",
            at("SVS003", 25, 79, Some("corporate-mobile")),
            "`per` must be one of once, month, quarter, year, found `weekly`",
        ),
    ]);
}

#[test]
fn an_unknown_key_in_each_new_mapping() {
    check(vec![
        case(
            "amount: 240000, per: year }",
            "amount: 240000, per: year, categry: technology }",
            at("SVS002", 16, 101, Some("mobile")),
            "unknown key `categry` in a running cost",
        )
        .help("known keys here: name, dimension, amount, per"),
        case(
            "unit: handset",
            "units: handset",
            at("SVS002", 25, 85, Some("corporate-mobile")),
            "unknown key `units` in a cost to serve",
        )
        .help("did you mean `unit`?"),
        case(
            "    provision:\n",
            "    provision:\n      cost: []\n",
            at("SVS002", 33, 7, Some("acme-mobile")),
            "unknown key `cost` in `provision`",
        )
        .help("did you mean `costs`?"),
        case(
            "kind: image, amount: 5000, per: year }",
            "kind: image, amount: 5000, per: year, knd: image }",
            at("SVS002", 38, 77, Some("acme-mobile")),
            "unknown key `knd` in a benefit",
        )
        .help("did you mean `kind`?"),
        case(
            "direction: gain",
            "directon: gain",
            at("SVS002", 44, 35, Some("acme-mobile")),
            "unknown key `directon` in an effect",
        )
        .help("did you mean `direction`?"),
        case(
            "        effects:\n",
            "        efects: []\n        effects:\n",
            at("SVS002", 43, 9, Some("acme-mobile")),
            "unknown key `efects` in a stakeholder",
        )
        .help("did you mean `effects`?"),
        case(
            "    running_costs:\n",
            "    running_cost: []\n    running_costs:\n",
            at("SVS002", 15, 5, Some("mobile")),
            "unknown key `running_cost` in service `mobile`",
        )
        .help("did you mean `running_costs`?"),
    ]);
}

#[test]
fn unit_belongs_to_a_cost_to_serve_only() {
    check(vec![
        case(
            "amount: 30000, per: year }",
            "amount: 30000, per: year, unit: seat }",
            at("SVS002", 34, 99, Some("acme-mobile")),
            "unknown key `unit` in a provision cost",
        )
        .help("known keys here: name, dimension, amount, per"),
        case(
            "amount: 240000, per: year }",
            "amount: 240000, per: year, unit: seat }",
            at("SVS002", 16, 101, Some("mobile")),
            "unknown key `unit` in a running cost",
        )
        .help("known keys here: name, dimension, amount, per"),
    ]);
}

#[test]
fn a_missing_required_key() {
    check(vec![
        case(
            "{ name: network operations, dimension: organizations-and-people, amount: 240000,",
            "{ name: network operations, amount: 240000,",
            at("SVS003", 16, 9, Some("mobile")),
            "a running cost is missing the required key `dimension`",
        ),
        case(
            "amount: 300, per: once, unit: handset }",
            "amount: 300, unit: handset }",
            at("SVS003", 25, 9, Some("corporate-mobile")),
            "a cost to serve is missing the required key `per`",
        ),
        case(
            "likelihood: 0.1, impact: 20000 }",
            "likelihood: 0.1 }",
            at("SVS003", 36, 11, Some("acme-mobile")),
            "a provision risk is missing the required key `impact`",
        ),
        case(
            "{ name: reference customer, kind: image,",
            "{ name: reference customer,",
            at("SVS003", 38, 11, Some("acme-mobile")),
            "a benefit is missing the required key `kind`",
        ),
        case(
            "{ name: sense of purpose }",
            "{ direction: loss }",
            at("SVS003", 45, 13, Some("acme-mobile")),
            "an effect is missing the required key `name`",
        ),
    ]);
}

/// The base without its currency, and with only the amount of `keep` left.
fn only_amount(keep: &str) -> String {
    let lines: [(&str, &str, &str); 6] = [
        (
            "running",
            "    running_costs:\n      - { name: network operations, dimension: \
             organizations-and-people, amount: 240000, per: year }\n",
            "",
        ),
        (
            "price",
            "    price:\n      - { name: per-user fee, amount: 25, per: month, unit: user }\n",
            "",
        ),
        (
            "serve",
            "    cost_to_serve:\n      - { name: handset, dimension: partners-and-suppliers, \
             amount: 300, per: once, unit: handset }\n",
            "",
        ),
        (
            "provision",
            "      costs:\n        - { name: account manager, dimension: \
             organizations-and-people, amount: 30000, per: year }\n",
            "",
        ),
        (
            "benefit",
            "kind: image, amount: 5000, per: year }",
            "kind: image }",
        ),
        (
            "effect",
            "direction: gain, amount: 12000, per: year }",
            "direction: gain }",
        ),
    ];
    let mut text = BASE
        .replacen("  currency: GBP\n", "", 1)
        // The provision risk's impact is an amount too.
        .replacen(
            "      risks:\n        - { name: SLA penalties, likelihood: 0.1, impact: 20000 }\n",
            "",
            1,
        );
    for (name, old, new) in lines {
        if name != keep {
            assert!(text.contains(old), "{old}");
            text = text.replacen(old, new, 1);
        }
    }
    text
}

#[test]
fn an_amount_without_a_currency_is_svs008_at_that_amount() {
    for (keep, expected) in [
        ("running", at("SVS008", 15, 82, Some("mobile"))),
        ("serve", at("SVS008", 20, 69, Some("corporate-mobile"))),
        ("provision", at("SVS008", 27, 81, Some("acme-mobile"))),
        ("benefit", at("SVS008", 27, 60, Some("acme-mobile"))),
        ("effect", at("SVS008", 33, 60, Some("acme-mobile"))),
    ] {
        let text = only_amount(keep);
        let (structural, code) = load_fails(&text);
        let document = serde_json::json!({ "findings": structural });
        assert_eq!(findings(&document), [expected], "{keep}:\n{text}");
        assert_eq!(
            structural[0]["message"],
            "amounts appear but `catalogue.currency` is not set"
        );
        assert_eq!(
            structural[0]["help"],
            "add an ISO 4217 code to the `catalogue:` block, such as `currency: GBP`"
        );
        assert_eq!(code, 1);
    }
}

#[test]
fn a_catalogue_without_any_amount_needs_no_currency() {
    let text = only_amount("none");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, &text).unwrap();
    let (document, _) = lint_json(&[&path]);
    assert!(
        findings(&document).iter().all(|f| f.0.as_str() >= "SVS100"),
        "{document:#}"
    );
}
