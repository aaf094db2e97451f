//! `svs diff`: two versions of the bundled catalogue, copied into a temporary directory
//! and edited, compared through the real binary. Relationships added, removed and
//! regressed, findings introduced and fixed, `--fail-on regression`, catalogues that do
//! not load, the causes of each change, and snapshots of the three formats.

use crate::common;

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
    // Harbour's relationship was mutual: losing the consumer's value leaves it
    // provider-only.
    assert_eq!(
        change["regressions"],
        serde_json::json!(["verdict", "warranty", "co_creation"])
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
        serde_json::json!(["verdict", "warranty", "co_creation"])
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
    // Old: Harbour has no sponsor. New: Harbour has one again, Calder lost its own. Each
    // has a budget, which without its sponsor is authorised by nobody's sponsor (SVS315).
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
    assert_eq!(introduced.as_array().unwrap().len(), 2, "{document:#}");
    for (finding, code) in introduced
        .as_array()
        .unwrap()
        .iter()
        .zip(["SVS302", "SVS315"])
    {
        assert_eq!(finding["code"], code);
        assert_eq!(finding["entity"], "calder-business-account");
        assert_eq!(finding["file"], "new/car-rental.yaml");
    }
    assert_eq!(fixed.as_array().unwrap().len(), 2);
    for (finding, code) in fixed.as_array().unwrap().iter().zip(["SVS302", "SVS315"]) {
        assert_eq!(finding["code"], code);
        assert_eq!(finding["entity"], "harbour-corporate-mobile");
        assert_eq!(finding["file"], "old/mobile-phones.yaml");
    }
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
    // SVS302 and SVS315 (the budget's authoriser is no longer a sponsor), and the
    // catalogue's own SVS321, SVS318 and SVS323 (its story of operation), in both.
    assert_eq!(document["old"]["findings"], 5);
    assert_eq!(document["new"]["findings"], 5);
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

/// Asserts that docs/diff.md shows `real` under `$ <command>`. With `SVS_UPDATE_DOCS=1`
/// it writes `real` there instead, like insta's snapshots; the change is then reviewed as
/// any other.
fn assert_docs_show(command: &str, real: &str) {
    let shown = shown_in_docs(command);
    if std::env::var_os("SVS_UPDATE_DOCS").is_some() && shown != real {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff.md");
        let docs = fs::read_to_string(&path).unwrap();
        let marker = format!("$ {command}\n");
        let start = docs.find(&marker).unwrap() + marker.len();
        let end = start + docs[start..].find("```").unwrap();
        fs::write(&path, format!("{}{real}{}", &docs[..start], &docs[end..])).unwrap();
        return;
    }
    assert_eq!(shown, real, "{command}");
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
        assert_docs_show(command, &run_in(&args));
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

// --- The provider's side (docs/format.md §8) ---------------------------------------

/// Two copies of tests/fixtures/co-creation.yaml, `old.yaml` and `new.yaml`, in a
/// temporary directory, so that figures stay put while `catalog/` grows.
struct Fixtures {
    dir: tempfile::TempDir,
}

impl Fixtures {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let text = fs::read_to_string(common::fixture("co-creation.yaml")).unwrap();
        fs::write(dir.path().join("old.yaml"), &text).unwrap();
        fs::write(dir.path().join("new.yaml"), &text).unwrap();
        Fixtures { dir }
    }

    /// Replaces `from`, which must occur exactly once, by `to` in `new.yaml`.
    fn edit(&self, from: &str, to: &str) -> &Self {
        self.edit_file("new.yaml", from, to)
    }

    /// Replaces `from`, which must occur exactly once, by `to` in `old.yaml`.
    fn edit_old(&self, from: &str, to: &str) -> &Self {
        self.edit_file("old.yaml", from, to)
    }

    /// The same edit in both versions.
    fn edit_both(&self, from: &str, to: &str) -> &Self {
        self.edit_file("old.yaml", from, to)
            .edit_file("new.yaml", from, to)
    }

    fn edit_file(&self, file: &str, from: &str, to: &str) -> &Self {
        let path = self.dir.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
        fs::write(&path, text.replace(from, to)).unwrap();
        self
    }

    fn diff(&self, extra: &[&str]) -> Output {
        svs()
            .current_dir(self.dir.path())
            .args(["diff", "old.yaml", "new.yaml", "--color", "never"])
            .args(extra)
            .output()
            .expect("svs runs")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.diff(&["--format", "json"]).stdout).expect("JSON")
    }
}

/// Telco's SLA penalties for Acme rise from 0.1 × 10,000 to 0.1 × 60,000: its margin
/// falls from 12,000 − 5,400 − 1,000 + 500 = 6,100 (50.83 %) to 1,100 (9.17 %), short
/// of its 20 % target.
fn dearer_penalties() -> Fixtures {
    let fixtures = Fixtures::new();
    fixtures.edit(
        "{ name: SLA penalties, likelihood: 0.1, impact: 10000 }",
        "{ name: SLA penalties, likelihood: 0.1, impact: 60000 }",
    );
    fixtures
}

#[test]
fn a_move_away_from_mutual_is_a_regression_and_fails_the_gate() {
    let fixtures = dearer_penalties();
    let document = fixtures.json();
    let changes = document["relationships"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{document:#}");
    let change = &changes[0];
    assert_eq!(change["id"], "acme-mobile");
    assert_eq!(
        change["regressions"],
        serde_json::json!(["provider_verdict", "co_creation"])
    );
    assert_eq!(change["improvements"], serde_json::json!([]));
    let side = |version: &str, key: &str| change[version]["provider_side"][key].to_string();
    assert_eq!(side("old", "margin"), "6100.00");
    assert_eq!(side("new", "margin"), "1100.00");
    assert_eq!(side("old", "margin_pct"), "50.83");
    assert_eq!(side("new", "margin_pct"), "9.17");
    assert_eq!(side("old", "verdict"), r#""sustainable""#);
    assert_eq!(side("new", "verdict"), r#""unsustainable""#);
    assert_eq!(change["old"]["co_creation"], "mutual");
    assert_eq!(change["new"]["co_creation"], "consumer-only");
    assert_eq!(change["delta"]["margin"].to_string(), "-5000.00");
    // The consumer's side is untouched.
    assert_eq!(change["delta"]["net_value"].to_string(), "0.00");
    assert_eq!(change["old"]["verdict"], "value");
    assert_eq!(change["new"]["verdict"], "value");
    assert_eq!(document["summary"]["regression"], true);

    let plain = fixtures.diff(&[]);
    assert_eq!(plain.status.code(), Some(0), "no gate asked for");
    assert_docs_show("svs diff old.yaml new.yaml", &stdout(&plain));
    let gated = fixtures.diff(&["--fail-on", "regression"]);
    assert_eq!(gated.status.code(), Some(1));

    let table = stdout(&gated);
    let row = table
        .lines()
        .find(|line| line.contains("acme-mobile"))
        .expect("a row for acme-mobile");
    for shown in [
        "regressed",
        "6,100.00 → 1,100.00 GBP (-5,000.00)",
        "sustainable → unsustainable",
        "mutual → consumer-only",
        "8,000.00 GBP",
    ] {
        assert!(row.contains(shown), "{shown:?} in {row}");
    }
    let header = table.lines().nth(1).unwrap();
    for column in ["Provider margin / yr", "Provider verdict", "Co-creation"] {
        assert!(header.contains(column), "{column} in {header}");
    }

    let markdown = stdout(&fixtures.diff(&["--format", "markdown"]));
    assert!(markdown.contains("| Provider margin / year | Provider verdict | Co-creation |"));
    assert!(
        markdown.contains(
            "| 6,100.00 → 1,100.00 GBP (-5,000.00) | ✅ sustainable → ❌ unsustainable | mutual → consumer-only |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("co-creation stopped being mutual"));
}

#[test]
fn reaching_mutual_is_an_improvement_and_a_margin_change_alone_is_only_reported() {
    let fixtures = Fixtures::new();
    // Beta's account manager goes: Telco's margin 600 → 6,600, consumer-only → mutual.
    fixtures.edit(
        "      costs:\n        - { name: account manager, dimension: organizations-and-people, amount: 6000, per: once }\n",
        "",
    );
    // Gamma gets a 1,000-a-year courier: 6,600 → 5,600, still 46.67 % ≥ 20 %.
    fixtures.edit(
        "      warranty: { availability: 99.99 }\n    costs:\n      removed:\n        - { name: desk phones, category: technology, amount: 20000, per: year }\n  # Neither",
        "      warranty: { availability: 99.99 }\n    costs:\n      removed:\n        - { name: desk phones, category: technology, amount: 20000, per: year }\n    provision:\n      costs:\n        - { name: courier, dimension: partners-and-suppliers, amount: 1000, per: year }\n  # Neither",
    );
    let document = fixtures.json();
    let changes = document["relationships"].as_array().unwrap();
    let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["beta-mobile", "gamma-mobile"], "{document:#}");

    let beta = &changes[0];
    assert_eq!(
        beta["improvements"],
        serde_json::json!(["provider_verdict", "co_creation"])
    );
    assert_eq!(beta["old"]["co_creation"], "consumer-only");
    assert_eq!(beta["new"]["co_creation"], "mutual");
    assert_eq!(beta["delta"]["margin"].to_string(), "6000.00");
    assert_eq!(
        beta["new"]["provider_side"]["margin_pct"].to_string(),
        "55.00"
    );

    let gamma = &changes[1];
    assert_eq!(gamma["regressions"], serde_json::json!([]));
    assert_eq!(gamma["improvements"], serde_json::json!([]));
    assert_eq!(gamma["delta"]["margin"].to_string(), "-1000.00");
    assert_eq!(
        gamma["new"]["provider_side"]["margin"].to_string(),
        "5600.00"
    );
    assert_eq!(gamma["new"]["provider_side"]["verdict"], "sustainable");
    assert_eq!(gamma["new"]["co_creation"], "provider-only");
    assert_eq!(document["summary"]["regression"], false);

    let gated = fixtures.diff(&["--fail-on", "regression"]);
    assert_eq!(gated.status.code(), Some(0));
    let table = stdout(&gated);
    let row = |id: &str| {
        table
            .lines()
            .find(|line| line.contains(id))
            .unwrap_or_else(|| panic!("a row for {id}"))
            .to_owned()
    };
    assert!(row("beta-mobile").contains("improved"));
    assert!(row("beta-mobile").contains("600.00 → 6,600.00 GBP (+6,000.00)"));
    assert!(row("beta-mobile").contains("consumer-only → mutual"));
    let gamma = row("gamma-mobile");
    assert!(gamma.contains("changed"), "{gamma}");
    assert!(
        gamma.contains("6,600.00 → 5,600.00 GBP (-1,000.00)"),
        "{gamma}"
    );
    assert!(gamma.contains("sustainable"), "{gamma}");
    assert!(!gamma.contains("→ unsustainable"), "{gamma}");
}

#[test]
fn a_margin_not_assessed_is_shown_as_a_dash() {
    // Hoster starts to declare a cost: its side goes from unassessed to judged, which
    // is news but not a regression.
    let fixtures = Fixtures::new();
    fixtures.edit(
        "    offering: hosting\n",
        "    offering: hosting\n    provision:\n      costs:\n        - { name: servers, dimension: information-and-technology, amount: 100, per: year }\n",
    );
    let output = fixtures.diff(&["--fail-on", "regression"]);
    assert_eq!(output.status.code(), Some(0));
    let table = stdout(&output);
    let row = table
        .lines()
        .find(|line| line.contains("acme-hosting"))
        .expect("a row for acme-hosting");
    assert!(row.contains("— → 400.00 GBP"), "{row}");
    assert!(row.contains("unassessed → sustainable"), "{row}");
    assert!(row.contains("unassessed"), "{row}");
}

// --- Why: causes (docs/format.md §8.6) ---------------------------------------------

/// The causes of each listed relationship, by id.
fn causes(document: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    document["relationships"]
        .as_array()
        .unwrap_or_else(|| panic!("relationships: {document:#}"))
        .iter()
        .map(|r| {
            let causes = r["causes"]
                .as_array()
                .unwrap_or_else(|| panic!("causes on every relationship: {r:#}"))
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect();
            (r["id"].as_str().unwrap().to_owned(), causes)
        })
        .collect()
}

/// The table's row for a relationship.
fn row(table: &str, id: &str) -> String {
    table
        .lines()
        .find(|line| line.contains(&format!("│ {id} ")))
        .unwrap_or_else(|| panic!("a row for {id} in {table}"))
        .to_owned()
}

/// Harbour asks for 99.95 % availability where Northwave's offering assures 99.9.
const STRICTER_AVAILABILITY: (&str, &str) = ("availability: 99.5\n", "availability: 99.95\n");

#[test]
fn a_stricter_requirement_is_the_customer_asking_more() {
    let versions = Versions::new();
    versions.edit(
        "new",
        "mobile-phones.yaml",
        STRICTER_AVAILABILITY.0,
        STRICTER_AVAILABILITY.1,
    );
    let document = versions.json();
    assert_eq!(
        causes(&document),
        [(
            "harbour-corporate-mobile".to_owned(),
            vec!["requirements".to_owned()]
        )]
    );
    // The relationship lost its value: still a regression, told by its cause.
    let change = &document["relationships"][0];
    assert_eq!(change["old"]["verdict"], "value");
    assert_eq!(change["new"]["verdict"], "no-value");
    assert_eq!(document["summary"]["regressed"], 1);

    let table = stdout(&versions.diff(&[]));
    let harbour = row(&table, "harbour-corporate-mobile");
    assert!(
        harbour.contains("┆ regressed ┆ requirements ┆"),
        "{harbour}"
    );
    assert!(!harbour.contains("offering,"), "{harbour}");
    let markdown = stdout(&versions.diff(&["--format", "markdown"]));
    assert!(
        markdown.contains("| `harbour-corporate-mobile` | 🔻 regressed | requirements |"),
        "{markdown}"
    );
}

#[test]
fn provider_data_only_added_is_newly_assessed_not_improved() {
    // The old version declares nothing on Telco's side: no cost to serve, no running
    // cost, no provision. The new one is the fixture as it is.
    let fixtures = Fixtures::new();
    fixtures
        .edit_old(
            "    cost_to_serve:\n      - { name: support, dimension: organizations-and-people, amount: 20, per: month, unit: user }\n",
            "",
        )
        .edit_old(
            "    running_costs:\n      - { name: network operations, dimension: organizations-and-people, amount: 1000, per: month }\n",
            "",
        )
        .edit_old(
            "    provision:\n      risks:\n        - { name: SLA penalties, likelihood: 0.1, impact: 10000 }\n      benefits:\n        - { name: reference customer, kind: image, amount: 500, per: year }\n        - { name: lessons learnt, kind: knowledge }\n",
            "",
        )
        .edit_old(
            "    provision:\n      costs:\n        - { name: account manager, dimension: organizations-and-people, amount: 6000, per: once }\n",
            "",
        )
        .edit_old(
            "    provision:\n      costs:\n        - { name: account manager, dimension: organizations-and-people, amount: 500, per: month }\n",
            "",
        );
    let document = fixtures.json();
    let listed = causes(&document);
    let ids: Vec<&str> = listed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["acme-mobile", "beta-mobile", "gamma-mobile", "delta-mobile"],
        "{document:#}"
    );
    for (id, causes) in &listed {
        assert_eq!(causes[0], "newly-assessed", "{id}: {causes:?}");
        assert!(
            causes.contains(&"provider-side".to_owned()),
            "{id}: {causes:?}"
        );
    }
    // Acme's co-creation reaches `mutual`: news, not an improvement.
    let acme = &document["relationships"][0];
    assert_eq!(acme["old"]["co_creation"], "unassessed");
    assert_eq!(acme["new"]["co_creation"], "mutual");
    assert_eq!(acme["improvements"], serde_json::json!([]));
    assert_eq!(acme["regressions"], serde_json::json!([]));
    let summary = &document["summary"];
    assert_eq!(summary["improved"], 0);
    assert_eq!(summary["regressed"], 0);
    assert_eq!(summary["newly_assessed"], 4);
    assert_eq!(summary["regression"], false);

    let output = fixtures.diff(&["--fail-on", "regression"]);
    assert_eq!(output.status.code(), Some(0));
    let table = stdout(&output);
    let acme = row(&table, "acme-mobile");
    assert!(
        acme.contains("┆ newly assessed ┆ newly-assessed, provider-side ┆"),
        "{acme}"
    );
    assert!(!table.contains("improved ┆"), "{table}");
    assert!(
        table.contains("(0 regressed, 0 improved, 4 newly assessed)"),
        "{table}"
    );
}

#[test]
fn a_price_change_is_a_prices_and_costs_cause() {
    let fixtures = Fixtures::new();
    fixtures.edit(
        "{ name: user fee, amount: 100, per: month, unit: user }",
        "{ name: user fee, amount: 110, per: month, unit: user }",
    );
    let document = fixtures.json();
    let expected: Vec<(String, Vec<String>)> =
        ["acme-mobile", "beta-mobile", "gamma-mobile", "delta-mobile"]
            .iter()
            .map(|id| ((*id).to_owned(), vec!["prices-and-costs".to_owned()]))
            .collect();
    assert_eq!(causes(&document), expected);
}

#[test]
fn a_dearer_upstream_relationship_is_an_upstream_and_provider_side_cause() {
    // Telco's `mobile` service runs on hosting Telco buys from Hoster.
    let fixtures = Fixtures::new();
    fixtures
        .edit_both(
            "amount: 1000, per: month }\n",
            "amount: 1000, per: month }\n    depends_on: [telco-hosting]\n",
        )
        .edit_both(
            "    offering: hosting\n",
            "    offering: hosting\n  - { id: telco-hosting, provider: hoster, consumer: telco, offering: hosting }\n",
        )
        .edit(
            "{ name: hosting fee, amount: 500, per: year }",
            "{ name: hosting fee, amount: 900, per: year }",
        );
    let document = fixtures.json();
    let listed = causes(&document);
    let of = |id: &str| {
        listed
            .iter()
            .find(|(listed, _)| listed == id)
            .unwrap_or_else(|| panic!("{id} listed: {document:#}"))
            .1
            .clone()
    };
    // Hoster's two customers pay more.
    assert_eq!(of("acme-hosting"), ["prices-and-costs"]);
    assert_eq!(of("telco-hosting"), ["prices-and-costs"]);
    // The pool of `mobile` grows by 400 a year, shared by the four plan relationships.
    for id in ["acme-mobile", "beta-mobile", "gamma-mobile", "delta-mobile"] {
        assert_eq!(of(id), ["provider-side", "upstream"], "{id}");
    }
    let acme = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "acme-mobile")
        .unwrap();
    assert_eq!(acme["delta"]["margin"].to_string(), "-100.00");
}

#[test]
fn a_weaker_service_warranty_is_an_offering_cause() {
    // `mobile` assures 99.0 % instead of 99.9: Acme and Beta (who need 99.5) lose.
    let fixtures = Fixtures::new();
    fixtures.edit(
        "warranty: { availability: 99.9 }",
        "warranty: { availability: 99.0 }",
    );
    let document = fixtures.json();
    assert_eq!(
        causes(&document),
        [
            ("acme-mobile".to_owned(), vec!["offering".to_owned()]),
            ("beta-mobile".to_owned(), vec!["offering".to_owned()]),
        ]
    );
}

#[test]
fn lines_that_only_moved_are_no_cause() {
    // Ten comment lines above everything, and one real change below them.
    let versions = Versions::new();
    versions
        .edit(
            "new",
            "mobile-phones.yaml",
            "\nsvs: 1\n",
            &format!("\n{}svs: 1\n", "#\n".repeat(10)),
        )
        .edit(
            "new",
            "mobile-phones.yaml",
            STRICTER_AVAILABILITY.0,
            STRICTER_AVAILABILITY.1,
        );
    assert_eq!(
        causes(&versions.json()),
        [(
            "harbour-corporate-mobile".to_owned(),
            vec!["requirements".to_owned()]
        )]
    );
}
