//! `svs assess` from the command line: formats pinned by snapshots, filters, `--fail-on`,
//! catalogues that do not load, and determinism.

mod common;

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
    assert!(lines.iter().all(|l| l.split(',').count() == 28));
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
