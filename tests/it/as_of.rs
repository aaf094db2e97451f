//! The as-of date of SPEC §4: `--as-of` wins over `catalogue.as_of`, which wins over
//! today in UTC; `svs assess --format json` says which date it judged at.

use crate::common::{catalog, fixture, run};

/// The `as_of` of an assessment document.
fn as_of(args: &[&str]) -> String {
    let output = run(args);
    assert!(output.status.success(), "{output:?}");
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    document["as_of"]
        .as_str()
        .expect("as_of is a date")
        .to_owned()
}

#[test]
fn the_command_line_wins_over_the_catalogue() {
    let path = catalog("");
    let path = path.to_str().unwrap();
    assert_eq!(as_of(&["assess", path, "--format", "json"]), "2026-12-01");
    for view in ["relationships", "providers", "consumers"] {
        assert_eq!(
            as_of(&[
                "assess",
                path,
                "--format",
                "json",
                "--view",
                view,
                "--as-of",
                "2027-01-31"
            ]),
            "2027-01-31",
            "{view}"
        );
    }
}

#[test]
fn without_either_the_date_is_today_in_utc() {
    let path = fixture("clean.yaml");
    let today = || {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .to_string()
    };
    let before = today();
    let judged = as_of(&["assess", path.to_str().unwrap(), "--format", "json"]);
    // Across midnight either day is today.
    assert!(judged == before || judged == today(), "{judged}");
}

#[test]
fn a_bad_date_on_the_command_line_is_a_usage_error_naming_the_form() {
    let path = catalog("");
    for command in ["assess", "lint"] {
        for (date, problem) in [
            ("2026-02-30", "is not a day of the calendar"),
            ("31/01/2027", "`YYYY-MM-DD`"),
        ] {
            let output = run(&[command, path.to_str().unwrap(), "--as-of", date]);
            assert_eq!(output.status.code(), Some(2), "{command} {date}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("--as-of") && stderr.contains(problem),
                "{command} {date}: {stderr}"
            );
        }
    }
    let output = run(&["lint", path.to_str().unwrap(), "--as-of", "2027-01-31"]);
    assert!(output.status.success(), "{output:?}");
}

/// `svs report` judges dates too: at a later date the catalogue's budgets have ended and
/// its evidence has stopped coming, and the page's findings say so.
#[test]
fn the_report_judges_budgets_and_evidence_at_the_as_of_date() {
    let path = catalog("");
    let path = path.to_str().unwrap();
    let page = |extra: &[&str]| {
        let mut args = vec!["report", path];
        args.extend(extra);
        let output = run(&args);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let now = page(&[]);
    assert!(!now.contains("SVS316") && !now.contains("SVS320"));
    let later = page(&["--as-of", "2027-06-01"]);
    assert!(later.contains("SVS316"), "a budget ended by 2027-06-01");
    assert!(later.contains("SVS320"), "evidence stopped coming");
}

/// `svs diff` judges both versions' findings at `--as-of`: at a later date the same
/// catalogue has the findings of ended budgets and stale evidence on both sides.
#[test]
fn the_diff_judges_both_versions_at_the_as_of_date() {
    let path = catalog("");
    let path = path.to_str().unwrap();
    let findings = |extra: &[&str]| {
        let mut args = vec!["diff", path, path, "--format", "json"];
        args.extend(extra);
        let output = run(&args);
        assert!(output.status.success(), "{output:?}");
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (
            document["old"]["findings"].clone(),
            document["new"]["findings"].clone(),
        )
    };
    let (old, new) = findings(&[]);
    assert_eq!(
        (old, new),
        (3.into(), 3.into()),
        "SVS321, SVS318 and SVS323 alone at 2026-12-01"
    );
    let (old, new) = findings(&["--as-of", "2027-06-01"]);
    assert_eq!(old, new);
    assert!(old.as_u64().is_some_and(|n| n > 1), "{old}");
}
