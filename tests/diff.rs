//! `svs diff`: two versions of the bundled catalogue, copied into a temporary directory
//! and edited, compared through the real binary. Relationships added, removed and
//! regressed, findings introduced and fixed, `--fail-on regression`, catalogues that do
//! not load, and snapshots of the three formats.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{catalog, run, svs};

/// Two copies of `catalog/`, `old/` and `new/`, side by side in a temporary directory,
/// compared with relative paths so that file names in the output are stable.
struct Versions {
    dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

impl Versions {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&catalog(""), &dir.path().join("old"));
        copy_dir(&catalog(""), &dir.path().join("new"));
        Versions { dir }
    }

    /// Replaces `from`, which must occur exactly once, by `to` in `side/file`.
    fn edit(&self, side: &str, file: &str, from: &str, to: &str) -> &Self {
        let path = self.dir.path().join(side).join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
        fs::write(&path, text.replace(from, to)).unwrap();
        self
    }

    fn diff(&self, extra: &[&str]) -> Output {
        svs()
            .current_dir(self.dir.path())
            .args(["diff", "old", "new", "--color", "never"])
            .args(extra)
            .output()
            .expect("svs runs")
    }

    fn json(&self) -> serde_json::Value {
        let output = self.diff(&["--format", "json"]);
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)))
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

/// Northwave stops assuring encryption in transit, which Harbour requires: its warranty
/// falls from 6/6 to 5/6 and its verdict from `value` to `no-value`.
const WEAKER_SECURITY: (&str, &str) = (
    "security: [encryption-in-transit, sim-pin-enforced, lost-device-barring]",
    "security: [sim-pin-enforced, lost-device-barring]",
);

/// Calder's business account loses its sponsor: a new SVS302 warning, no change in value.
const NO_SPONSOR: (&str, &str) = ("sponsor: [alan-mcleod]", "sponsor: []");

fn worse_warranty() -> Versions {
    let versions = Versions::new();
    versions.edit(
        "new",
        "mobile-phones.yaml",
        WEAKER_SECURITY.0,
        WEAKER_SECURITY.1,
    );
    versions
}

#[test]
fn a_worse_warranty_is_a_regression_and_fails_with_fail_on_regression() {
    let versions = worse_warranty();
    let document = versions.json();
    let changes = document["relationships"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{document:#}");
    let change = &changes[0];
    assert_eq!(change["id"], "harbour-corporate-mobile");
    assert_eq!(change["change"], "changed");
    assert_eq!(
        change["regressions"],
        serde_json::json!(["verdict", "warranty"])
    );
    assert_eq!(change["old"]["verdict"], "value");
    assert_eq!(change["new"]["verdict"], "no-value");
    assert_eq!(
        change["new"]["reasons"],
        serde_json::json!(["not-fit-for-use"])
    );
    // 100 × 5/6 = 83.333…: the delta is exact and rounded only when printed.
    assert_eq!(change["delta"]["warranty"].to_string(), "-16.67");
    assert_eq!(change["delta"]["net_value"].to_string(), "0.00");
    assert_eq!(document["summary"]["unchanged"], 13);
    assert_eq!(document["summary"]["regression"], true);

    assert_eq!(
        versions.diff(&[]).status.code(),
        Some(0),
        "no gate asked for"
    );
    let gated = versions.diff(&["--fail-on", "regression"]);
    assert_eq!(gated.status.code(), Some(1));
    assert!(stdout(&gated).contains("1 regressed"));
}

#[test]
fn the_same_change_the_other_way_is_an_improvement() {
    let versions = Versions::new();
    versions.edit(
        "old",
        "mobile-phones.yaml",
        WEAKER_SECURITY.0,
        WEAKER_SECURITY.1,
    );
    let document = versions.json();
    assert_eq!(
        document["relationships"][0]["improvements"],
        serde_json::json!(["verdict", "warranty"])
    );
    assert_eq!(document["summary"]["regression"], false);
    assert_eq!(
        versions.diff(&["--fail-on", "regression"]).status.code(),
        Some(0)
    );
}

#[test]
fn identical_versions_report_nothing_and_pass() {
    let versions = Versions::new();
    let output = versions.diff(&["--fail-on", "regression"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "no change in value: 14 relationships unchanged; no finding introduced or fixed\n"
    );
    let quiet = versions.diff(&["-q"]);
    assert!(
        quiet.stdout.is_empty(),
        "nothing to report, nothing printed"
    );
    let document = versions.json();
    assert_eq!(document["relationships"], serde_json::json!([]));
    assert_eq!(document["findings"]["introduced"], serde_json::json!([]));
    assert_eq!(document["findings"]["fixed"], serde_json::json!([]));
    assert_eq!(document["summary"]["unchanged"], 14);
}

#[test]
fn a_renamed_relationship_is_one_added_and_one_removed() {
    let versions = Versions::new();
    versions.edit(
        "new",
        "training.yaml",
        "- id: orbis-itil4-foundation",
        "- id: orbis-itil4-foundation-2026",
    );
    let document = versions.json();
    let listed: Vec<(&str, &str)> = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [
            ("orbis-itil4-foundation-2026", "added"),
            ("orbis-itil4-foundation", "removed")
        ]
    );
    let added = &document["relationships"][0];
    assert_eq!(added["old"], serde_json::Value::Null);
    assert_eq!(added["new"]["verdict"], "value");
    assert_eq!(added["delta"], serde_json::Value::Null);
    assert_eq!(document["relationships"][1]["new"], serde_json::Value::Null);
    assert_eq!(document["summary"]["regression"], false);

    let table = stdout(&versions.diff(&[]));
    assert!(table.contains("┆ added "), "{table}");
    assert!(table.contains("┆ removed "), "{table}");
}

#[test]
fn findings_are_introduced_and_fixed_matched_like_a_baseline() {
    let versions = Versions::new();
    // Old: Harbour has no sponsor. New: Harbour has one again, Calder lost its own.
    versions
        .edit(
            "old",
            "mobile-phones.yaml",
            "sponsor: [tom-whitaker]",
            "sponsor: []",
        )
        .edit("new", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1);
    let document = versions.json();
    let introduced = &document["findings"]["introduced"];
    let fixed = &document["findings"]["fixed"];
    assert_eq!(introduced.as_array().unwrap().len(), 1, "{document:#}");
    assert_eq!(introduced[0]["code"], "SVS302");
    assert_eq!(introduced[0]["entity"], "calder-business-account");
    assert_eq!(introduced[0]["file"], "new/car-rental.yaml");
    assert_eq!(fixed.as_array().unwrap().len(), 1);
    assert_eq!(fixed[0]["entity"], "harbour-corporate-mobile");
    assert_eq!(fixed[0]["file"], "old/mobile-phones.yaml");
    assert_eq!(
        document["relationships"],
        serde_json::json!([]),
        "roles are not value"
    );
    // A warning is not a regression.
    assert_eq!(
        versions.diff(&["--fail-on", "regression"]).status.code(),
        Some(0)
    );
}

#[test]
fn a_finding_that_only_moved_is_neither_introduced_nor_fixed() {
    let versions = Versions::new();
    versions
        .edit("old", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1)
        .edit("new", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1)
        // Ten lines above it in the new version: the finding's line moves.
        .edit(
            "new",
            "car-rental.yaml",
            "\nsvs: 1\n",
            &format!("\n{}svs: 1\n", "#\n".repeat(10)),
        );
    let document = versions.json();
    assert_eq!(document["findings"]["introduced"], serde_json::json!([]));
    assert_eq!(document["findings"]["fixed"], serde_json::json!([]));
    assert_eq!(document["old"]["findings"], 1);
    assert_eq!(document["new"]["findings"], 1);
}

#[test]
fn a_new_error_finding_is_a_regression_even_without_a_change_in_value() {
    let versions = Versions::new();
    // Goods whose ownership stays with the provider: SVS104, an error.
    versions.edit(
        "new",
        "mobile-phones.yaml",
        "ownership: transferred       # Harbour owns",
        "ownership: retained       # Harbour owns",
    );
    let document = versions.json();
    assert_eq!(document["relationships"], serde_json::json!([]));
    assert_eq!(document["findings"]["introduced"][0]["code"], "SVS104");
    assert_eq!(document["summary"]["introduced_errors"], 1);
    assert_eq!(
        versions.diff(&["--fail-on", "regression"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_side_that_does_not_load_is_named_and_exits_2() {
    let versions = Versions::new();
    versions.edit(
        "new",
        "training.yaml",
        "offering: itil4-foundation-onsite",
        "offering: itil4-foundation-onsight",
    );
    let output = versions.diff(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let message = stderr(&output);
    assert!(message.contains("error[SVS005]"), "{message}");
    assert!(message.contains("new/training.yaml"), "{message}");
    assert!(
        message.contains("the NEW catalogue new does not load"),
        "{message}"
    );
    assert!(!message.contains("OLD"), "{message}");

    let missing = run(&["diff", "definitely-missing-old", "definitely-missing-new"]);
    assert_eq!(missing.status.code(), Some(2));
    let message = stderr(&missing);
    assert!(
        message.contains("OLD catalogue: cannot read definitely-missing-old"),
        "{message}"
    );
    assert!(
        message.contains("NEW catalogue: cannot read definitely-missing-new"),
        "{message}"
    );
}

#[test]
fn output_is_deterministic() {
    let versions = worse_warranty();
    versions.edit("new", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1);
    for format in ["table", "json", "markdown"] {
        let first = versions.diff(&["--format", format]);
        let second = versions.diff(&["--format", format]);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

/// One change for the snapshots: Harbour's warranty regresses, Calder loses its sponsor.
fn one_change() -> Versions {
    let versions = worse_warranty();
    versions.edit("new", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1);
    versions
}

#[test]
fn table_snapshot() {
    let output = one_change().diff(&[]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_snapshot() {
    let output = one_change().diff(&["--format", "json"]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn markdown_snapshot() {
    let output = one_change().diff(&["--format", "markdown"]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn help_shows_an_example() {
    let output = run(&["diff", "--help"]);
    assert!(stdout(&output).contains("Examples:"));
}

/// The output shown under `$ <command>` in docs/diff.md.
fn shown_in_docs(command: &str) -> String {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff.md"))
        .expect("docs/diff.md");
    let marker = format!("$ {command}\n");
    let start = docs
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/diff.md shows `{command}`"))
        + marker.len();
    let end = start + docs[start..].find("```").expect("the block ends");
    docs[start..end].to_owned()
}

#[test]
fn the_examples_in_the_docs_are_real() {
    let versions = worse_warranty();
    versions
        .edit("new", "car-rental.yaml", NO_SPONSOR.0, NO_SPONSOR.1)
        .edit(
            "new",
            "broadband.yaml",
            "consumer: fairlie-moss\n    offering: home-fibre-500",
            "consumer: fairlie-moss\n    offering: business-fibre-pro",
        );
    let run_in = |args: &[&str]| {
        let output = svs()
            .current_dir(versions.dir.path())
            .args(args)
            .args(["--color", "never"])
            .output()
            .expect("svs runs");
        stdout(&output)
    };
    for command in [
        "svs diff old/ new/",
        "svs diff old/ new/ --format markdown",
        "svs diff new/ old/",
    ] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        assert_eq!(shown_in_docs(command), run_in(&args), "{command}");
    }
}

#[test]
fn colour_marks_regressions_only_when_asked() {
    let versions = worse_warranty();
    let coloured = svs()
        .current_dir(versions.dir.path())
        .args(["diff", "old", "new", "--color", "always"])
        .output()
        .expect("svs runs");
    assert!(stdout(&coloured).contains('\u{1b}'));
    assert!(!stdout(&versions.diff(&[])).contains('\u{1b}'));
}
