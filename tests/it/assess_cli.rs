//! `svs assess` from the command line: formats pinned by snapshots, filters, `--fail-on`,
//! catalogues that do not load, and determinism.

use crate::common;

use common::{catalog, fixture, run, svs};

/// The car-rental story with the catalogue's metadata: one `value` and one `no-value`
/// relationship.
fn car_rental() -> [String; 2] {
    [
        catalog("catalogue.yaml").display().to_string(),
        catalog("car-rental.yaml").display().to_string(),
    ]
}

fn assess(extra: &[&str]) -> std::process::Output {
    svs()
        .arg("assess")
        .args(car_rental())
        .args(extra)
        .output()
        .expect("svs runs")
}

fn text(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn table_snapshot() {
    let output = assess(&["--color", "never"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(text(&output));
}

#[test]
fn wide_table_snapshot() {
    let output = assess(&["--wide", "--color", "never"]);
    insta::assert_snapshot!(text(&output));
}

#[test]
fn json_snapshot() {
    let output = assess(&["--format", "json"]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(document["summary"]["relationships"], 2);
    insta::assert_snapshot!(text(&output));
}

#[test]
fn markdown_snapshot() {
    let output = assess(&["--format", "markdown"]);
    let markdown = text(&output);
    assert!(markdown.contains("```mermaid\nquadrantChart\n"));
    insta::assert_snapshot!(markdown);
}

#[test]
fn csv_snapshot() {
    let output = assess(&["--format", "csv"]);
    let csv = text(&output);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3, "a header and two rows");
    assert!(lines.iter().all(|l| l.split(',').count() == 48));
    insta::assert_snapshot!(csv);
}

#[test]
fn colour_marks_verdicts_only_when_asked() {
    let coloured = text(&assess(&["--color", "always"]));
    assert!(coloured.contains('\u{1b}'));
    let plain = text(&assess(&["--color", "never"]));
    assert!(!plain.contains('\u{1b}'));
}

#[test]
fn fail_on_turns_verdicts_into_exit_codes() {
    assert_eq!(assess(&["--fail-on", "no-value"]).status.code(), Some(1));
    assert_eq!(assess(&["--fail-on", "unassessed"]).status.code(), Some(1));
    let only_value = ["--relationship", "calder-business-account"];
    let output = assess(&[&only_value[..], &["--fail-on", "unassessed"]].concat());
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn unassessed_fails_only_with_fail_on_unassessed() {
    // The structural fixture's relationship has requirements; one without is unassessed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.yaml");
    std::fs::write(
        &path,
        "svs: 1
organizations: [{ id: a, name: A }, { id: b, name: B }]
offerings: [{ id: o, name: O, provider: a }]
relationships: [{ id: r, provider: a, consumer: b, offering: o }]
",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(
        run(&["assess", path, "--fail-on", "no-value"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["assess", path, "--fail-on", "unassessed"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(run(&["assess", path]).status.code(), Some(0));
}

#[test]
fn filters_select_relationships() {
    let ids = |output: &std::process::Output| -> Vec<String> {
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        document["relationships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = catalog("").display().to_string();
    let by = |flags: &[&str]| {
        svs()
            .args(["assess", &all, "--format", "json"])
            .args(flags)
            .output()
            .unwrap()
    };
    assert_eq!(
        ids(&by(&["--consumer", "ledgerline"])),
        ["ledgerline-stratus-iaas", "ledgerline-keystone-licences"]
    );
    assert_eq!(
        ids(&by(&["--provider", "ledgerline"])),
        ["fenwick-erp", "brindley-erp"]
    );
    assert_eq!(
        ids(&by(&[
            "--relationship",
            "fenwick-erp",
            "--relationship",
            "meridian-onboarding"
        ])),
        ["meridian-onboarding", "fenwick-erp"],
        "catalogue order, whatever the order of the flags"
    );
}

#[test]
fn an_unknown_filter_id_is_a_usage_error_with_a_suggestion() {
    let all = catalog("").display().to_string();
    let output = run(&["assess", &all, "--relationship", "fenwick-erb"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("did you mean `fenwick-erp`?"), "{errors}");
    let output = run(&["assess", &all, "--consumer", "nobody-at-all"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_catalogue_that_does_not_load_prints_findings_and_exits_2() {
    let path = fixture("structural/svs005.yaml");
    let output = run(&["assess", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("error[SVS005]"), "{errors}");
    assert!(errors.contains("does not load"), "{errors}");
}

#[test]
fn the_whole_catalogue_assesses_identically_twice() {
    let all = catalog("").display().to_string();
    for format in ["table", "json", "markdown", "csv"] {
        let once = run(&["assess", &all, "--format", format]);
        let twice = run(&["assess", &all, "--format", format]);
        assert_eq!(once.status.code(), Some(0), "{format}");
        assert_eq!(once.stdout, twice.stdout, "{format}");
    }
}

/// A value relationship and an unassessed one, each with a net value of its own.
const ONE_ASSESSED_ONE_NOT: &str = "svs: 1
catalogue: { name: half, currency: GBP }
organizations: [{ id: a, name: A }, { id: b, name: B }, { id: c, name: C }]
outcomes: [{ id: x, name: X, kind: performance }]
services:
  - { id: s, name: S, provider: a, outputs: [{ name: out, enables: [x] }], warranty: { availability: 99 } }
offerings: [{ id: o, name: O, provider: a, services: [s] }]
relationships:
  - id: judged
    provider: a
    consumer: b
    offering: o
    requirements: { outcomes: [{ outcome: x }], warranty: { availability: 99 } }
    costs: { removed: [{ name: old kit, category: technology, amount: 100, per: year }] }
  - id: unjudged
    provider: a
    consumer: c
    offering: o
    costs: { removed: [{ name: old kit, category: technology, amount: 5000, per: year }] }
";

#[test]
fn unassessed_relationships_are_shown_as_not_assessed_and_left_out_of_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half.yaml");
    std::fs::write(&path, ONE_ASSESSED_ONE_NOT).unwrap();
    let path = path.to_str().unwrap();

    let table = run(&["assess", path, "--color", "never"]);
    let table = String::from_utf8(table.stdout).unwrap();
    let unjudged = table
        .lines()
        .find(|l| l.contains("unjudged"))
        .expect("a row for the unassessed relationship");
    assert!(!unjudged.contains("0.00 ✗"), "{unjudged}");
    assert!(!unjudged.contains("(0/0)"), "{unjudged}");
    assert!(unjudged.contains('—'), "{unjudged}");
    assert!(
        table.contains("sum of 1 consumer's net value 100.00 GBP a year\n"),
        "{table}"
    );

    let json = run(&["assess", path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["summary"]["net_value"].to_string(), "100.00");
    assert_eq!(json["relationships"][1]["net_value"].to_string(), "5000.00");
}

#[test]
fn fail_on_says_which_relationships_fail_and_why() {
    let output = assess(&["--fail-on", "no-value"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("1 relationship fails --fail-on no-value"),
        "{errors}"
    );
    assert!(
        errors.contains("bell-holiday-rental: no-value (not-fit-for-purpose, negative-balance)"),
        "{errors}"
    );
    assert!(!errors.contains("calder-business-account"), "{errors}");
}

#[test]
fn a_catalogue_that_does_not_load_prints_each_diagnostic_once() {
    let path = fixture("structural/svs005.yaml");
    for command in ["assess", "roles", "graph", "report"] {
        let output = run(&[command, path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            errors.matches("error[SVS005]").count(),
            1,
            "{command}: {errors}"
        );
        assert_eq!(
            errors.matches("does not load").count(),
            1,
            "{command}: {errors}"
        );
    }
}

/// `svs assess` of tests/fixtures/report/for.yaml (Telco sells one plan to Acme, to
/// Acme's lab and to Brightwater) with `flags`.
fn partly_visible(flags: &[&str]) -> std::process::Output {
    svs()
        .arg("assess")
        .arg(fixture("report/for.yaml"))
        .args(flags)
        .output()
        .expect("svs runs")
}

#[test]
fn for_a_consumer_hides_the_provider_side_of_what_it_consumes_in_json() {
    let output = partly_visible(&["--for", "acme", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let relationships = document["relationships"].as_array().expect("a list");
    let ids: Vec<&str> = relationships
        .iter()
        .map(|r| r["id"].as_str().expect("an id"))
        .collect();
    // Acme's own and its lab's (a unit of Acme through `parent`); not Brightwater's.
    assert_eq!(ids, ["acme-mobile", "lab-mobile"]);
    for r in relationships {
        assert_eq!(r["verdict"], "value", "the consumer's side stays");
        assert!(r["provider_side"].is_null(), "{r}");
        assert!(r["co_creation"].is_null(), "{r}");
        assert!(r["stakeholders"].is_null(), "{r}");
    }
    assert_eq!(document["providers"], serde_json::json!([]));
    // The consumer portfolio: Acme and its lab, no other consumer.
    let consumers: Vec<&str> = document["consumers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(consumers, ["acme", "acme-lab"]);
    assert_eq!(document["summary"]["relationships"], 2);
    assert_eq!(document["summary"]["co_creation"]["mutual"], 0);
    let text = text(&output);
    for hidden in ["brightwater", "margin", "revenue", "6300", "sam"] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
}

#[test]
fn for_the_provider_keeps_both_sides_and_its_own_portfolio() {
    let output = partly_visible(&["--for", "telco", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let relationships = document["relationships"].as_array().expect("a list");
    assert_eq!(relationships.len(), 3);
    assert_eq!(relationships[0]["provider_side"]["margin"], 6300.0);
    assert_eq!(relationships[0]["co_creation"], "mutual");
    assert_eq!(relationships[0]["stakeholders"][0]["party"], "sam");
    assert_eq!(document["providers"][0]["id"], "telco");
    assert_eq!(document["summary"]["co_creation"]["mutual"], 3);
}

#[test]
fn for_a_consumer_says_not_shown_in_every_other_format() {
    let table = text(&partly_visible(&[
        "--for", "acme", "--color", "never", "--wide",
    ]));
    assert!(table.contains("not shown"), "{table}");
    assert!(
        !table.contains("6,300") && !table.contains("mutual "),
        "{table}"
    );
    assert!(
        table.contains("not shown for 2 consumed relationships"),
        "{table}"
    );
    let markdown = text(&partly_visible(&["--for", "acme", "--format", "markdown"]));
    assert!(markdown.contains("| not shown | not shown |"), "{markdown}");
    assert!(!markdown.contains("6,300"), "{markdown}");
    let csv = text(&partly_visible(&["--for", "acme", "--format", "csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[1].starts_with("acme-mobile,telco,acme,plan,"), "{csv}");
    // Every column from `revenue` to the delivered ones is empty, the four dimensions of
    // the cost included; nothing was delivered on record (no period, `unmeasured`).
    assert!(
        rows[1].ends_with(",value,,,,,,,,,,,,,,,,,unmeasured,,,,,,,,,,,,,,"),
        "{csv}"
    );
    let providers = text(&partly_visible(&[
        "--for",
        "acme",
        "--view",
        "providers",
        "--format",
        "csv",
    ]));
    assert_eq!(providers.lines().count(), 1, "only the header: {providers}");
}

#[test]
fn for_a_consumer_fails_on_no_provider_verdict_it_does_not_see() {
    // Telco's target margin is 20 %; a stricter one makes every relationship
    // unsustainable for it, which Acme does not see.
    let temp = tempfile::tempdir().expect("temporary directory");
    let strict = temp.path().join("strict.yaml");
    let source = std::fs::read_to_string(fixture("report/for.yaml")).expect("fixture");
    std::fs::write(
        &strict,
        source.replace("target_margin: 20", "target_margin: 90"),
    )
    .expect("write");
    let output = svs()
        .arg("assess")
        .arg(&strict)
        .args(["--fail-on", "unsustainable"])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(1));
    let output = svs()
        .arg("assess")
        .arg(&strict)
        .args(["--for", "acme", "--fail-on", "unsustainable"])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty());
}

#[test]
fn an_unknown_for_organisation_is_a_usage_error_with_a_suggestion() {
    let output = partly_visible(&["--for", "acmee"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("--for acmee: no organization has this id (did you mean `acme`?)"),
        "{errors}"
    );
}
