//! `svs lsp` helping to write the catalogue: keys and words completed from the loader's
//! tables, and the quick fix that allows a rule for one entity, checked by applying its
//! edit and checking the catalogue again.

use std::path::Path;

use serde_json::{Value, json};

use crate::lsp::{Client, apply, at, codes, start, uri, workspace};

/// The labels of a completion answer.
fn labels(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .expect("a list of completions")
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect()
}

/// An offering being written, with lines that end in spaces where the cursor will be.
fn offering() -> String {
    let lines = [
        "svs: 1",
        "offerings:",
        "  - id: web",
        "    name: Web",
        "    pr",
        "    targets: [staff]",
        "    warranty:",
        "      availability: 99.5",
        "      ",
        "    price:",
        "      - amount: 10",
        "        per: mo",
        "outcomes:",
        "  - id: fast",
        "    name: Fast",
        "    kind: ",
    ];
    lines.map(|line| format!("{line}\n")).concat()
}

#[test]
fn keys_are_completed_from_the_loader_tables_without_those_written() {
    let (_dir, root) = workspace(&[("catalogue.yaml", &offering())]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("catalogue.yaml");
    client.open(&file, &offering());
    // An offering item: `id`, `name` (above), `targets`, `warranty` and `price` (below)
    // are written.
    let items = client
        .request("textDocument/completion", at(&file, 4, 6))
        .unwrap();
    assert_eq!(
        labels(&items),
        [
            "provider",
            "services",
            "goods",
            "access",
            "actions",
            "cost_to_serve",
            "description",
            "lint",
        ]
    );
    let provider = &items[0];
    assert_eq!(provider["detail"], "Offering key");
    assert_eq!(provider["insertText"], "provider: ");
    assert_eq!(
        provider["documentation"]["value"],
        "The id of the organisation that offers it."
    );
    // The nested `warranty` mapping, on a blank line: `availability` is written.
    let items = client
        .request("textDocument/completion", at(&file, 8, 6))
        .unwrap();
    assert_eq!(
        labels(&items),
        ["capacity", "service_levels", "continuity", "security"]
    );
    assert_eq!(items[0]["detail"], "Warranty key");
    // A new price line's first key.
    let text = offering().replace("        per: mo\n", "        per: mo\n      - \n");
    client.change(&file, &text);
    let items = client
        .request("textDocument/completion", at(&file, 12, 8))
        .unwrap();
    assert_eq!(labels(&items), ["name", "amount", "per", "unit"]);
    // A list of references is not a mapping: ids, not keys.
    let text = "svs: 1\nofferings:\n  - id: web\n    targets:\n      - \ngroups:\n  - { id: staff, name: Staff }\n";
    client.change(&file, text);
    let items = client
        .request("textDocument/completion", at(&file, 4, 8))
        .unwrap();
    assert_eq!(labels(&items), ["staff"]);
    client.stop();
}

#[test]
fn words_are_completed_after_a_key_that_takes_one_of_a_set() {
    let (_dir, root) = workspace(&[("catalogue.yaml", &offering())]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("catalogue.yaml");
    client.open(&file, &offering());
    let items = client
        .request("textDocument/completion", at(&file, 11, 15))
        .unwrap();
    assert_eq!(labels(&items), ["once", "month", "quarter", "year"]);
    assert_eq!(items[0]["kind"], 20, "an enum member");
    let items = client
        .request("textDocument/completion", at(&file, 15, 10))
        .unwrap();
    assert_eq!(labels(&items), ["performance", "constraint"]);
    let rules = "svs: 1\nrules:\n  - id: r\n    severity: \n    on: \n";
    client.change(&file, rules);
    let items = client
        .request("textDocument/completion", at(&file, 3, 14))
        .unwrap();
    assert_eq!(labels(&items), ["error", "warning", "info"]);
    let items = client
        .request("textDocument/completion", at(&file, 4, 8))
        .unwrap();
    assert_eq!(labels(&items)[..2], ["organizations", "people"]);
    // In a flow mapping, as price lines are often written.
    let flow = "svs: 1\nofferings:\n  - id: web\n    price:\n      - { amount: 10, per: y }\n";
    client.change(&file, flow);
    let items = client
        .request("textDocument/completion", at(&file, 4, 28))
        .unwrap();
    assert_eq!(labels(&items), ["once", "month", "quarter", "year"]);
    let items = client
        .request("textDocument/completion", at(&file, 4, 22))
        .unwrap();
    assert_eq!(labels(&items), ["name", "per", "unit"]);
    client.change(&file, rules);
    // A key whose value is free text: nothing.
    let items = client
        .request("textDocument/completion", at(&file, 2, 9))
        .unwrap();
    assert_eq!(items, Value::Null);
    client.stop();
}

/// Outcomes nothing refers to (SVS401), each with its `lint` written another way, and
/// one whose name breaks a custom rule.
const UNUSED: &str = "svs: 1
catalogue:
  name: shop
outcomes:
  - id: plain
    name: Plain
    kind: performance
  - { id: flow, name: Flow, kind: performance }
  - id: empty
    name: Empty
    kind: constraint
    lint:
  - id: inline
    name: Inline
    lint: { allow: [SVS203] }
    kind: performance
  - id: listed
    name: Listed
    lint:
      allow:
        - SVS203
    kind: performance
  - id: long-one
    name: A name that is rather long
    kind: performance
    lint: { allow: [SVS401] }
rules:
  - id: names-are-short
    code: ACME001
    name: names-are-short
    on: outcomes
    assert: size(self.name) < 20
    message: the name is long
";

/// The code actions for one diagnostic.
fn actions_for(client: &mut Client, path: &Path, diagnostic: &Value) -> Value {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri(path) },
                "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic] },
            }),
        )
        .unwrap()
}

/// The finding with `code` whose message names `id`.
fn finding<'d>(diagnostics: &'d [Value], code: &str, id: &str) -> Option<&'d Value> {
    diagnostics
        .iter()
        .find(|d| d["code"] == code && d["message"].as_str().unwrap().contains(&format!("`{id}`")))
}

#[test]
fn allowing_a_rule_for_an_entity_writes_its_lint_allow_in_the_entity_s_style() {
    let (_dir, root) = workspace(&[("catalogue.yaml", UNUSED)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("catalogue.yaml");
    client.open(&file, UNUSED);
    assert_eq!(
        codes(client.diagnostics(&file)),
        ["SVS401", "SVS401", "SVS401", "SVS401", "SVS401", "ACME001"]
    );
    // (entity, code, where the edit goes, what it writes), in turn: each edit that adds a
    // line moves the ones below it.
    let cases = [
        (
            "plain",
            "SVS401",
            (6, 21),
            "\n    lint: { allow: [SVS401] }",
        ),
        ("flow", "SVS401", (8, 45), ", lint: { allow: [SVS401] }"),
        ("empty", "SVS401", (12, 9), "\n      allow: [SVS401]"),
        ("inline", "SVS401", (16, 26), ", SVS401"),
        ("listed", "SVS401", (22, 16), "\n        - SVS401"),
        ("long-one", "ACME001", (28, 26), ", ACME001"),
    ];
    let mut text = UNUSED.to_owned();
    for (id, code, (line, character), written) in cases {
        let diagnostics = client.diagnostics(&file).to_vec();
        // The custom rule's message does not name the entity; it fires once.
        let found = finding(&diagnostics, code, id)
            .or_else(|| {
                diagnostics
                    .iter()
                    .find(|d| code == "ACME001" && d["code"] == code)
            })
            .unwrap_or_else(|| panic!("{code} for {id}"));
        let actions = actions_for(&mut client, &file, found);
        let title = format!("Allow {code} for {id}");
        let action = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title.as_str())
            .unwrap_or_else(|| panic!("{title} in {actions}"));
        assert_eq!(action["kind"], "quickfix");
        let edits = &action["edit"]["changes"][uri(&file)];
        assert_eq!(edits[0]["range"]["start"], start(line, character), "{id}");
        assert_eq!(edits[0]["range"]["end"], start(line, character), "{id}");
        assert_eq!(edits[0]["newText"], written, "{id}");
        text = apply(&text, edits);
        client.change(&file, &text);
        let after = client.diagnostics(&file);
        assert!(
            code == "ACME001" || finding(after, code, id).is_none(),
            "{code} for {id} is allowed: {after:?}"
        );
    }
    assert_eq!(codes(client.diagnostics(&file)), Vec::<&str>::new());
    assert!(
        text.contains(
            "  - { id: flow, name: Flow, kind: performance, lint: { allow: [SVS401] } }\n"
        )
    );
    assert!(text.contains(
        "    lint:\n      allow:\n        - SVS203\n        - SVS401\n    kind: performance\n"
    ));
    assert!(text.contains("    lint: { allow: [SVS401, ACME001] }\n"));
    client.stop();
}

#[test]
fn a_structural_finding_cannot_be_allowed() {
    let text = "svs: 1\noutcomes:\n  - id: fast\n    nmae: Fast\n    kind: performance\n";
    let (_dir, root) = workspace(&[("catalogue.yaml", text)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("catalogue.yaml");
    client.open(&file, text);
    let diagnostics = client.diagnostics(&file).to_vec();
    let mut found = codes(&diagnostics);
    found.sort_unstable();
    assert_eq!(found, ["SVS002", "SVS003"]);
    for diagnostic in &diagnostics {
        let actions = actions_for(&mut client, &file, diagnostic);
        let titles: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert!(titles.iter().all(|t| !t.starts_with("Allow")), "{titles:?}");
    }
    client.stop();
}
