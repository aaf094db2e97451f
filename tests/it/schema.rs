//! `svs schema`: the JSON Schema of the file format is valid draft 2020-12, accepts every
//! catalogue the loader accepts (the bundled one, the clean fixture and every rule
//! fixture) and rejects what the loader rejects for its keys and words.

use crate::common;

use std::path::{Path, PathBuf};

use common::{catalog, fixture, run};
use serde_json::Value;

/// The schema, as `svs schema` prints it.
fn schema() -> Value {
    let output = run(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "svs schema exits 0");
    assert!(output.stderr.is_empty(), "nothing on stderr");
    serde_json::from_slice(&output.stdout).expect("svs schema prints JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// A YAML catalogue file as the JSON an editor's schema check sees.
fn yaml_to_json(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the file is YAML")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every schema error for `document`, one a line.
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_accepted(validator: &jsonschema::Validator, path: &Path) {
    let text = std::fs::read_to_string(path).expect("readable file");
    let problems = errors(validator, &yaml_to_json(&text));
    assert!(
        problems.is_empty(),
        "{} is refused by the schema:\n{}",
        path.display(),
        problems.join("\n")
    );
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!("the schema breaks the draft 2020-12 meta-schema: {error}");
    }
}

#[test]
fn the_schema_is_printed_identically_every_time() {
    assert_eq!(run(&["schema"]).stdout, run(&["schema"]).stdout);
}

#[test]
fn every_file_of_the_bundled_catalogue_is_accepted() {
    let validator = validator();
    let files = yaml_files(&catalog(""));
    assert_eq!(files.len(), 21, "the bundled catalogue has 21 files");
    for path in files {
        assert_accepted(&validator, &path);
    }
}

#[test]
fn the_clean_fixture_is_accepted() {
    assert_accepted(&validator(), &fixture("clean.yaml"));
}

#[test]
fn every_rule_fixture_is_accepted() {
    // The rule fixtures load without structural findings, so the schema must take them.
    let validator = validator();
    let files = yaml_files(&fixture("rules"));
    assert!(files.len() > 50, "the rule fixtures are found");
    for path in files {
        assert_accepted(&validator, &path);
    }
}

const SMALL: &str = "\
svs: 1
catalogue: { name: small, currency: GBP }
organizations:
  - { id: telco, name: Telco plc }
outcomes:
  - { id: staff-reachable, name: Staff reachable, kind: performance }
";

#[test]
fn the_small_catalogue_used_below_is_accepted() {
    assert_eq!(
        errors(&validator(), &yaml_to_json(SMALL)),
        Vec::<String>::new()
    );
}

#[test]
fn a_misspelt_key_is_refused() {
    let text = SMALL.replace("name: Telco plc", "nmae: Telco plc");
    let problems = errors(&validator(), &yaml_to_json(&text));
    assert!(
        problems.iter().any(|p| p.contains("nmae")),
        "the misspelt key is named: {problems:?}"
    );
    let text = SMALL.replace("organizations:", "organisations:");
    assert!(!errors(&validator(), &yaml_to_json(&text)).is_empty());
}

#[test]
fn a_word_outside_its_set_is_refused() {
    let text = SMALL.replace("kind: performance", "kind: Performance");
    let problems = errors(&validator(), &yaml_to_json(&text));
    assert!(
        problems.iter().any(|p| p.starts_with("/outcomes/0/kind")),
        "the bad word is found: {problems:?}"
    );
}

#[test]
fn ids_values_and_versions_follow_the_loader() {
    let validator = validator();
    let refused = |text: String| !errors(&validator, &yaml_to_json(&text)).is_empty();
    assert!(refused(SMALL.replace("id: telco", "id: Telco")), "bad id");
    assert!(refused(SMALL.replace("svs: 1", "svs: 2")), "wrong version");
    assert!(refused(SMALL.replace("svs: 1\n", "")), "no version");
    assert!(refused(SMALL.replace("GBP", "XYZ")), "not an ISO 4217 code");
    assert!(
        refused(SMALL.replace("{ name: small, currency: GBP }", "~")),
        "an empty catalogue block"
    );
    assert!(
        refused(SMALL.replace("name: small", "name: ~")),
        "required key empty"
    );
    assert!(!refused(SMALL.replace(
        "kind: performance",
        "kind: performance, description: ~"
    )));
}

#[test]
fn numbers_keep_the_loader_ranges() {
    let validator = validator();
    let with_relationship = |line: &str| {
        let text = format!(
            "{SMALL}relationships:\n  - {{ id: r, provider: telco, consumer: telco, offering: o, {line} }}\n"
        );
        errors(&validator, &yaml_to_json(&text))
    };
    assert!(with_relationship("quantity: 0").is_empty());
    assert!(!with_relationship("quantity: -1").is_empty());
    let risk = |likelihood: &str| {
        with_relationship(&format!(
            "risks: {{ removed: [{{ name: outage, likelihood: {likelihood}, impact: 10 }}] }}"
        ))
    };
    assert!(risk("1").is_empty());
    assert!(!risk("1.5").is_empty());
    assert!(
        !risk("\"0.5\"").is_empty(),
        "a quoted number is refused, as by svs"
    );
    let required =
        |warranty: &str| with_relationship(&format!("requirements: {{ warranty: {warranty} }}"));
    assert!(required("{ availability: 100 }").is_empty());
    assert!(!required("{ availability: 0 }").is_empty());
    assert!(required("{ service_levels: [{ metric: fix-hours, max: 8 }] }").is_empty());
    assert!(required("{ service_levels: [{ metric: fix-hours, max: 8, min: ~ }] }").is_empty());
    assert!(!required("{ service_levels: [{ metric: fix-hours, max: 8, min: 2 }] }").is_empty());
    assert!(!required("{ service_levels: [{ metric: fix-hours }] }").is_empty());
}

#[test]
fn lint_codes_are_those_svs_accepts() {
    let validator = validator();
    let with_allow = |codes: &str| {
        let text = SMALL.replace(
            "currency: GBP",
            &format!("currency: GBP, lint: {{ allow: [{codes}] }}"),
        );
        errors(&validator, &yaml_to_json(&text))
    };
    assert!(with_allow("SVS109, svs401").is_empty());
    assert!(!with_allow("SVS999").is_empty(), "an unknown code");
    assert!(!with_allow("SVS002").is_empty(), "a structural code");
}

#[test]
fn every_property_is_described() {
    fn walk(schema: &Value, at: &str, missing: &mut Vec<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        if property.get("description").is_none() && at != "oneOf" {
                            missing.push(format!("{at}.{name}"));
                        }
                    }
                }
                for (key, value) in map {
                    walk(value, key, missing);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, at, missing)),
            _ => {}
        }
    }
    let schema = schema();
    let mut missing = Vec::new();
    walk(&schema, "", &mut missing);
    assert!(
        missing.is_empty(),
        "properties without a description: {missing:?}"
    );
    for (name, definition) in schema["$defs"].as_object().expect("$defs") {
        assert!(
            definition.get("description").is_some(),
            "definition {name} has no description"
        );
    }
}

/// Every schema object below `schema`, the schema itself included.
fn every_object(schema: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut found = Vec::new();
    let mut pending = vec![schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(map) => {
                found.push(map);
                pending.extend(map.values());
            }
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    found
}

#[test]
fn every_description_has_its_markdown_form_for_editors() {
    let schema = schema();
    let objects = every_object(&schema);
    // A `properties` map is an object too, with a key named `description` at times.
    for object in objects
        .into_iter()
        .filter(|o| o.get("description").is_some_and(Value::is_string))
    {
        assert_eq!(
            object.get("markdownDescription"),
            object.get("description"),
            "the two descriptions differ in {object:?}"
        );
    }
}

/// Editors show the first description on the way to a value; for a key that may be null
/// that is inside its `anyOf`, so the key's own description stands beside the `$ref`
/// there (`tests/editor_hover.rs` checks what a real editor then shows).
#[test]
fn a_key_that_may_be_empty_keeps_its_own_description_beside_the_ref() {
    let schema = schema();
    let mut checked = 0;
    for object in every_object(&schema) {
        let Some(description) = object.get("description").filter(|d| d.is_string()) else {
            continue;
        };
        for keyword in ["anyOf", "oneOf"] {
            let branches = object.get(keyword).and_then(Value::as_array);
            for branch in branches.into_iter().flatten() {
                if branch.get("$ref").is_some() {
                    assert_eq!(branch.get("description"), Some(description), "{object:?}");
                    checked += 1;
                }
            }
        }
    }
    let priority = &schema["$defs"]["RequiredOutcome"]["properties"]["priority"];
    assert_eq!(
        priority["anyOf"][0]["description"],
        "How much it matters. Default `should`."
    );
    assert!(checked > 20, "only {checked} keys refer to a definition");
}

#[test]
fn the_help_shows_how_to_use_it() {
    let output = run(&["schema", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.contains("svs schema > svs.schema.json"), "{help}");
    assert!(help.contains("yaml-language-server"), "{help}");
}

#[test]
fn the_documented_schema_line_names_the_file_written() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md"))
            .expect("docs/schema.md");
    assert!(docs.contains("svs schema > svs.schema.json"));
    let line = "# yaml-language-server: $schema=./svs.schema.json";
    assert!(docs.contains(line));
    // The line is a comment to svs: a file that starts with it loads as before.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small.yaml");
    std::fs::write(&file, format!("{line}\n{SMALL}")).unwrap();
    let output = run(&["lint", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let findings: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings["summary"]["error"], 0);
}

/// Where each closed set of words is written, as a catalogue line with `WORD` in place
/// of the word.
// Only the word matters: svs reports a bad word whatever else is missing around it.
const WORD_PLACES: &[(&str, &str)] = &[
    ("OutcomeKind", "outcomes: [{ id: o, kind: WORD }]"),
    (
        "Dimension",
        "products: [{ id: p, resources: [{ name: r, dimension: WORD }] }]",
    ),
    (
        "Ownership",
        "offerings: [{ id: f, goods: [{ name: g, ownership: WORD }] }]",
    ),
    (
        "Per",
        "offerings: [{ id: f, price: [{ amount: 1, per: WORD }] }]",
    ),
    (
        "StakeholderRole",
        "relationships: [{ id: r, stakeholders: [{ party: p, role: WORD }] }]",
    ),
    (
        "Priority",
        "relationships: [{ id: r, requirements: { outcomes: [{ outcome: o, priority: WORD }] } }]",
    ),
    (
        "RemovedCostCategory",
        "relationships: [{ id: r, costs: { removed: [{ name: c, category: WORD }] } }]",
    ),
    (
        "ImposedCostCategory",
        "relationships: [{ id: r, costs: { imposed: [{ name: c, category: WORD }] } }]",
    ),
    (
        "BenefitKind",
        "relationships: [{ id: r, provision: { benefits: [{ name: b, kind: WORD }] } }]",
    ),
    (
        "EffectDirection",
        "relationships: [{ id: r, stakeholders: [{ party: p, role: other, effects: [{ name: e, direction: WORD }] }] }]",
    ),
    ("RuleKind", "rules: [{ id: r, on: WORD }]"),
    (
        "BudgetPer",
        "relationships: [{ id: r, budget: { amount: 1, per: WORD, authorised_by: p } }]",
    ),
    (
        "PerceiverRole",
        "evidence: [{ relationship: r, period: 2026, perception: [{ role: WORD, score: 1, max: 5, responses: 1 }] }]",
    ),
    ("RuleSeverity", "rules: [{ id: r, severity: WORD }]"),
    (
        "Cadence",
        "relationships: [{ id: r, management: { manager: p, counterpart: p, cadence: WORD } }]",
    ),
    (
        "ImprovementStatus",
        "improvements: [{ id: i, status: WORD }]",
    ),
];

#[test]
fn every_closed_set_holds_the_words_svs_accepts() {
    // svs names the words it accepts when it refuses one ("must be one of a, b, found
    // `x`"): compare that list with the schema's enum, for every closed set.
    let schema = schema();
    let definitions = schema["$defs"].as_object().expect("$defs");
    let enums: Vec<&String> = definitions
        .iter()
        .filter(|(_, d)| d.get("enum").is_some() && d["type"] == "string")
        .map(|(name, _)| name)
        .collect();
    let places: Vec<&str> = WORD_PLACES.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        enums,
        {
            let mut sorted = places.clone();
            sorted.sort_unstable();
            sorted
        },
        "every closed set of the schema is checked here"
    );
    let dir = tempfile::tempdir().unwrap();
    for (definition, place) in WORD_PLACES {
        let file = dir.path().join(format!("{definition}.yaml"));
        let header = "svs: 1\ncatalogue: { name: words, currency: GBP }\n";
        let text = format!("{header}{}\n", place.replace("WORD", "zzz"));
        std::fs::write(&file, text).unwrap();
        let (document, _) = common::lint_json(&[&file]);
        let message = document["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["message"].as_str())
            .find(|m| m.contains("must be one of"))
            .unwrap_or_else(|| panic!("svs refuses `zzz` as {definition}: {document}"));
        let listed = message
            .split_once("must be one of ")
            .and_then(|(_, rest)| rest.split_once(", found `"))
            .expect("the words are listed")
            .0;
        let accepted: Vec<&str> = listed.split(", ").collect();
        let offered: Vec<&str> = definitions[*definition]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert_eq!(offered, accepted, "the words of {definition}");
    }
}

/// A period is accepted by the schema in every form the loader reads: a year as a number
/// or quoted, a quarter, a month; and refused where the loader refuses it.
#[test]
fn the_schema_takes_a_period_as_the_loader_does() {
    let validator = validator();
    let record = |period: &str| {
        yaml_to_json(&format!(
            "svs: 1\nevidence: [{{ relationship: r, period: {period} }}]\n"
        ))
    };
    for good in ["2026", "\"2026\"", "2026-Q3", "2026-07", "0001"] {
        assert_eq!(
            errors(&validator, &record(good)),
            Vec::<String>::new(),
            "{good}"
        );
    }
    for bad in ["2026-Q5", "2026-13", "\"0000\"", "26-Q1", "\"2026-\""] {
        assert!(!errors(&validator, &record(bad)).is_empty(), "{bad}");
    }
}
