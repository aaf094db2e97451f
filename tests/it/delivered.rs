//! The delivered assessment from the command line (SPEC §10.3, §10.4): `--period`, each
//! relationship's latest record without it, and `--fail-on short`.

use crate::common;

use common::{catalog, run};

fn assess(extra: &[&str]) -> std::process::Output {
    let path = catalog("").display().to_string();
    run(&[&["assess", path.as_str()][..], extra].concat())
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_period_that_is_not_a_calendar_period_is_a_usage_error_naming_the_forms() {
    for bad in ["2026-Q5", "2026-13", "Q3", "2026-7"] {
        let output = assess(&["--period", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("`{bad}` is not a period")),
            "{message}"
        );
        assert!(message.contains("`YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`"));
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn fail_on_short_fails_on_each_relationship_that_delivered_short_and_says_why() {
    // Latest records: Harbour and Meridian delivered as agreed in 2026-Q3, Calder's users
    // perceive it poorly.
    let output = assess(&["--fail-on", "short"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: 1 relationship fails --fail-on short:\n  calder-business-account: short in \
         2026-Q3 (perceived-poorly)\n"
    );
    let output = assess(&["--fail-on", "short", "--period", "2026-Q2"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(
        "  meridian-paperless-office: short in 2026-Q2 (warranty-breached, \
         outcome-not-achieved, perceived-poorly)\n"
    ));
    let output = assess(&[
        "--fail-on",
        "short",
        "--relationship",
        "harbour-corporate-mobile",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // A period no record covers: every relationship is unmeasured, none short.
    let output = assess(&["--fail-on", "short", "--period", "2025"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
