//! `svs diff`: a change of what a relationship delivered (SPEC §10.4). Meridian's
//! 2026-Q3 record is added to a version whose latest is the outage quarter: the diff
//! lists the delivered verdict old → new in every format, counts it, and does not call
//! it a regression.

use std::fs;
use std::process::Output;

use crate::common::{catalog, svs};

/// `old/` is catalog/ without Meridian's 2026-Q3 record, `new/` is catalog/.
fn versions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for side in ["old", "new"] {
        let copied = std::process::Command::new("cp")
            .arg("-r")
            .arg(catalog(""))
            .arg(dir.path().join(side))
            .status()
            .expect("cp runs");
        assert!(copied.success());
    }
    let evidence = dir.path().join("old/evidence.yaml");
    let yaml = fs::read_to_string(&evidence).expect("read");
    let start = yaml
        .find("  - relationship: meridian-paperless-office\n    period: 2026-Q3")
        .expect("Meridian's 2026-Q3 record");
    let end = start + yaml[start..].find("\n\n").expect("a blank line after it") + 2;
    fs::write(&evidence, format!("{}{}", &yaml[..start], &yaml[end..])).expect("write");
    dir
}

fn diff(dir: &tempfile::TempDir, extra: &[&str]) -> Output {
    svs()
        .current_dir(dir.path())
        .args(["diff", "old", "new", "--color", "never"])
        .args(extra)
        .output()
        .expect("svs runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn a_changed_delivered_verdict_is_reported_in_json_and_is_not_a_regression() {
    let dir = versions();
    let output = diff(&dir, &["--format", "json", "--fail-on", "regression"]);
    assert_eq!(output.status.code(), Some(0), "news, not a regression");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        json["delivered"],
        serde_json::json!([{
            "id": "meridian-paperless-office",
            "old": {
                "period": "2026-Q2",
                "verdict": "short",
                "reasons": ["warranty-breached", "outcome-not-achieved", "perceived-poorly"]
            },
            "new": { "period": "2026-Q3", "verdict": "as-agreed", "reasons": [] }
        }])
    );
    assert_eq!(json["summary"]["delivered_changed"], 1);
    assert_eq!(json["summary"]["regression"], false);
    assert_eq!(
        json["relationships"],
        serde_json::json!([]),
        "the value is unchanged"
    );

    // The other way round: back to the outage quarter.
    let output = svs()
        .current_dir(dir.path())
        .args(["diff", "new", "old", "--format", "json"])
        .output()
        .expect("svs runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["delivered"][0]["new"]["verdict"], "short");
    assert_eq!(json["delivered"][0]["old"]["period"], "2026-Q3");
}

#[test]
fn the_table_and_markdown_show_the_delivered_verdict_old_to_new() {
    let dir = versions();
    let wanted = "short 2026-Q2 (warranty-breached, outcome-not-achieved, perceived-poorly) → \
                  ✅ as-agreed 2026-Q3";
    let markdown = stdout(&diff(&dir, &["--format", "markdown"]));
    assert!(markdown.contains("### Delivered"), "{markdown}");
    assert!(
        markdown.contains(&format!("| `meridian-paperless-office` | ❌ {wanted} |")),
        "{markdown}"
    );
    assert!(
        markdown.contains("delivered: 1 relationship changed"),
        "{markdown}"
    );
    let table = stdout(&diff(&dir, &[]));
    let row = table
        .lines()
        .find(|l| l.contains("meridian-paperless-office"))
        .unwrap_or_else(|| panic!("a row for Meridian: {table}"));
    assert!(
        row.contains("short 2026-Q2 (warranty-breached, outcome-not-achieved, perceived-poorly) → as-agreed 2026-Q3"),
        "{row}"
    );
    assert!(
        table.contains("delivered: 1 relationship changed"),
        "{table}"
    );

    // The same evidence on both sides: nothing to report.
    let same = svs()
        .current_dir(dir.path())
        .args(["diff", "new", "new"])
        .output()
        .expect("svs runs");
    assert!(
        stdout(&same).starts_with("no change in value"),
        "{}",
        stdout(&same)
    );
}
