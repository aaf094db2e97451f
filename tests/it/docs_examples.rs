//! The examples of docs/format.md are real: the files of its reference section, saved
//! side by side as the text says, form one catalogue that loads and lints cleanly.

use crate::common;

use std::path::Path;

/// Every fenced YAML block whose first line names a file under `example/`.
fn example_files() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
            .expect("docs/format.md");
    text.split("```yaml\n")
        .skip(1)
        .filter_map(|block| {
            let block = &block[..block.find("```").expect("the block ends")];
            let name = block.lines().next()?.strip_prefix("# example/")?;
            Some((name.to_owned(), block.to_owned()))
        })
        .collect()
}

#[test]
fn the_reference_examples_form_one_clean_catalogue() {
    let files = example_files();
    assert!(files.len() >= 10, "found {} example files", files.len());
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let lint = common::run(&["lint", path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&lint.stdout).expect("JSON");
    assert_eq!(
        json["summary"]["error"], 0,
        "the examples lint without errors: {json:#}"
    );
    assert_eq!(lint.status.code(), Some(0));
}

#[test]
fn the_reference_examples_show_the_providers_side() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in example_files() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().to_str().unwrap();
    let assess = common::run(&["assess", path, "--format", "json"]);
    assert_eq!(
        assess.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&assess.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&assess.stdout).expect("JSON");
    let kiln = json["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "kiln-practice-files")
        .expect("the Kiln relationship");
    let side = &kiln["provider_side"];
    // One small customer carries the whole platform: see docs/format.md §5.8.
    assert_eq!(side["verdict"], "unsustainable", "{side:#}");
    assert_eq!(side["cost_of_provision"]["shared"].to_string(), "21600.00");
    assert_eq!(side["target_margin"].to_string(), "15.00");
    assert_eq!(
        kiln["stakeholders"][0]["unpriced"][0],
        "fewer breach reports to handle"
    );
}

/// Every rule shown in docs/custom-rules.md: the fenced YAML blocks that carry a `code:`,
/// each as the items of a `rules:` section.
fn custom_rule_examples() -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/custom-rules.md"))
            .expect("docs/custom-rules.md");
    text.split("```yaml\n")
        .skip(1)
        .map(|block| &block[..block.find("```").expect("the block ends")])
        .filter(|block| block.contains("\n    code: "))
        .map(|block| block.strip_prefix("rules:\n").unwrap_or(block).to_owned())
        .collect()
}

#[test]
fn every_custom_rule_in_the_docs_compiles_and_runs() {
    let rules = custom_rule_examples();
    assert!(rules.len() >= 6, "found {} rules", rules.len());
    let clean = std::fs::read_to_string(common::fixture("clean.yaml")).unwrap();
    for rule in rules {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalogue.yaml");
        std::fs::write(&path, format!("{clean}rules:\n{rule}")).unwrap();
        let lint = common::run(&["lint", path.to_str().unwrap(), "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&lint.stdout).expect("JSON");
        for finding in json["findings"].as_array().unwrap() {
            let code = finding["code"].as_str().unwrap();
            let message = finding["message"].as_str().unwrap();
            assert!(
                !code.starts_with("SVS0") && !message.contains("could not be checked"),
                "the rule\n{rule}\ndoes not compile or run: {finding:#}"
            );
        }
        assert!(
            matches!(lint.status.code(), Some(0 | 1)),
            "the rule\n{rule}\nloads: {json:#}"
        );
    }
}
