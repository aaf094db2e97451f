//! Tables fit the terminal they are printed on, and keep every column when piped. The
//! binary runs in a pseudo terminal of a chosen width, made by util-linux's `script`.

use crate::common;

use common::catalog;

/// Runs `svs ARGS` in a pseudo terminal `columns` wide and returns what it printed, one
/// entry per line.
fn in_terminal(columns: usize, args: &str) -> Vec<String> {
    in_terminal_shell(columns, &format!("{} {args}", env!("CARGO_BIN_EXE_svs")))
}

/// Runs a shell command line in a pseudo terminal `columns` wide, as a person at a
/// terminal would (so without CI's `CI` variable, which turns the progress line off).
fn in_terminal_shell(columns: usize, shell: &str) -> Vec<String> {
    let command = format!("stty rows 40 cols {columns}; {shell}");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("CI")
        .output()
        .expect("util-linux `script` runs the terminal tests (Debian: apt-get install bsdutils)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| line.trim_end_matches('\r').to_owned())
        .collect()
}

fn widest(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_assessment_table_fits_a_100_column_terminal() {
    let all = catalog("").display().to_string();
    let lines = in_terminal(100, &format!("assess {all} --color never"));
    assert!(widest(&lines) <= 100, "{}", lines.join("\n"));
    let header = &lines[1];
    for kept in ["Relationship", "Net value / yr", "Verdict", "Co-creation"] {
        assert!(header.contains(kept), "{header}");
    }
    assert!(
        !header.contains("Offering"),
        "the first column to go: {header}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("left out to fit the terminal")),
        "the table says what it left out"
    );
}

#[test]
fn wide_and_portfolio_tables_fit_too() {
    let all = catalog("").display().to_string();
    for args in [
        format!("assess {all} --wide --color never"),
        format!("assess {all} --view providers --color never"),
    ] {
        let lines = in_terminal(80, &args);
        assert!(widest(&lines) <= 80, "{args}:\n{}", lines.join("\n"));
    }
}

#[test]
fn a_wide_terminal_shows_every_column() {
    let all = catalog("").display().to_string();
    let lines = in_terminal(400, &format!("assess {all} --color never"));
    assert!(lines[1].contains("Offering"), "{}", lines[1]);
    assert!(!lines.iter().any(|l| l.contains("left out")));
}

#[test]
fn piped_tables_keep_whole_lines() {
    let all = catalog("").display().to_string();
    let output = common::run(&["assess", &all, "--color", "never"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert!(widest(&lines) > 100, "every column, whatever the width");
    assert!(lines[1].contains("Offering"));
}

/// A catalogue large enough to take more than the progress line's second to load in a
/// debug build: `count` organisations, each with a long description.
fn large_catalogue(dir: &std::path::Path, count: usize) -> String {
    use std::fmt::Write;
    let mut text = String::from("svs: 1\norganizations:\n");
    for i in 0..count {
        let _ = writeln!(
            text,
            "  - id: org-{i}\n    name: Organisation {i}\n    description: {}",
            "a long description of what this organisation does ".repeat(8)
        );
    }
    let path = dir.join("large.yaml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_long_load_shows_progress_on_a_terminal_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_catalogue(dir.path(), 40_000);
    // The line is drawn on standard error from another thread while the command writes
    // there too: the run must end (a held lock once made it wait forever). One thread,
    // so that loading surely takes longer than the second before the line appears.
    let lines = in_terminal_shell(
        100,
        &format!(
            "timeout 120 {} lint {path} --jobs 1 --color never > /dev/null; echo exit=$?",
            env!("CARGO_BIN_EXE_svs")
        ),
    );
    let text = lines.join("\n");
    assert!(text.contains("exit=0"), "the run ends: {text}");
    assert!(text.contains("reading"), "{text}");
    assert!(text.contains("/1 files"), "{text}");
    let piped = common::run(&["lint", &path]);
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains("reading"),
        "never in a pipe"
    );
    let in_ci = in_terminal_shell(
        100,
        &format!(
            "CI=true timeout 120 {} lint {path} --color never > /dev/null; echo exit=$?",
            env!("CARGO_BIN_EXE_svs")
        ),
    )
    .join("\n");
    assert!(in_ci.contains("exit=0"), "{in_ci}");
    assert!(!in_ci.contains("reading"), "never in CI logs: {in_ci}");
}
