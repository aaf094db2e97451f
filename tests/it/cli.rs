//! End-to-end behaviour of the command line: exit codes, formats, colour, the directory
//! merge, determinism and closed pipes.

use crate::common;

use std::fmt::Write;
use std::io::Read;
use std::process::Stdio;

use common::{fixture, lint_json, run, svs};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

#[test]
fn exit_codes_follow_the_spec() {
    let clean = fixture("clean.yaml");
    let broken = fixture("structural/svs002.yaml");
    assert_eq!(
        run(&["lint", clean.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["lint", broken.to_str().unwrap()]).status.code(),
        Some(1)
    );

    let missing = run(&["lint", "no/such/catalogue.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no/such/catalogue.yaml"),
        "{}",
        stderr(&missing)
    );

    let usage = run(&["lint", "--format", "yaml", clean.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(run(&["lint", "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn a_directory_without_yaml_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "nothing here").unwrap();
    let output = run(&["lint", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no *.yaml or *.yml file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_directory_merges_yaml_files_recursively_in_path_order() {
    let (document, code) = lint_json(&[&fixture("merge")]);
    assert_eq!(code, 0, "{document}");
    // a-organizations.yaml and people/jane.yml; notes.txt is not a catalogue file.
    assert_eq!(document["summary"]["files"], 2);

    // Alone, the person's file has a dangling reference: the merge is what resolves it.
    let (alone, code) = lint_json(&[&fixture("merge/people/jane.yml")]);
    assert_eq!(code, 1);
    assert_eq!(alone["findings"][0]["code"], "SVS005");
}

#[test]
fn findings_are_sorted_by_file_then_position() {
    let (document, _) = lint_json(&[
        &fixture("structural/svs007.yaml"),
        &fixture("structural/svs002.yaml"),
        &fixture("structural/svs001.yaml"),
    ]);
    let files: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "svs001.yaml",
            "svs002.yaml",
            "svs002.yaml",
            "svs002.yaml",
            "svs007.yaml", // `acme` again: SVS004 at line 3
            "svs007.yaml", // the repeated `name`: SVS007 at line 5
        ]
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let broken = fixture("structural/svs002.yaml");
    let broken = broken.to_str().unwrap();
    for threshold in ["error", "warning", "info"] {
        let output = run(&["lint", broken, "--fail-on", threshold]);
        assert_eq!(output.status.code(), Some(1), "--fail-on {threshold}");
    }
}

#[test]
fn human_output_is_a_rustc_style_snippet() {
    let path = fixture("structural/svs005.yaml");
    let output = run(&["lint", path.to_str().unwrap(), "--color", "never"]);
    let text = stdout(&output);
    let expected = format!(
        "error[SVS005]: unknown organization `acmee` in `organization` of person `jane`
 --> {}:8:19
  |
8 |     organization: acmee
  |                   ^^^^^
  |
help: did you mean `acme`?

1 error, 0 warnings, 0 info in 1 file
",
        path.display()
    );
    assert_eq!(text, expected);
}

#[test]
fn quiet_drops_the_summary_line() {
    let path = fixture("clean.yaml");
    let loud = run(&["lint", path.to_str().unwrap()]);
    assert_eq!(stdout(&loud), "no findings in 1 file\n");
    let quiet = run(&["lint", "-q", path.to_str().unwrap()]);
    assert_eq!(stdout(&quiet), "");
}

#[test]
fn colour_is_on_only_when_asked_or_on_a_terminal() {
    let path = fixture("structural/svs005.yaml");
    let path = path.to_str().unwrap();
    let always = run(&["lint", path, "--color", "always"]);
    assert!(stdout(&always).contains('\u{1b}'), "--color always colours");
    let never = run(&["lint", path, "--color", "never"]);
    assert!(!stdout(&never).contains('\u{1b}'));
    // Not a terminal here, so auto is plain; NO_COLOR must not change that either.
    let auto = svs()
        .args(["lint", path])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&auto).contains('\u{1b}'));
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let paths = [
        fixture("structural/svs003.yaml"),
        fixture("structural/svs004.yaml"),
        fixture("structural/svs009"),
    ];
    for format in ["human", "json"] {
        let once = svs()
            .arg("lint")
            .args(&paths)
            .args(["--format", format])
            .output()
            .unwrap();
        let twice = svs()
            .arg("lint")
            .args(&paths)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(once.stdout, twice.stdout, "{format}");
        assert!(!once.stdout.is_empty());
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // Thousands of findings: far more output than a pipe buffers.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("svs: 1\norganizations:\n");
    for i in 0..5000 {
        writeln!(text, "  - id: org-{i}\n    name: Org {i}\n    colour: blue").unwrap();
    }
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, text).unwrap();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("svs"))
        .args(["lint", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut errors = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(errors, "", "nothing on stderr");
    assert!(status.code().is_some(), "exited, not killed by a signal");
    assert_ne!(status.code(), Some(101), "no panic");
}

#[test]
fn help_shows_examples() {
    let top = run(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    assert!(stdout(&top).contains("Examples:"));
    let lint = run(&["lint", "--help"]);
    assert!(stdout(&lint).contains("svs lint catalog/"));
}

#[test]
fn explain_list_outside_a_catalogue_still_lists_the_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("workflow.yml"), "on: push\njobs: {}\n").unwrap();
    let output = common::svs()
        .current_dir(dir.path())
        .args(["explain", "--list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(
        listed.contains("SVS104  goods-ownership-retained"),
        "{listed}"
    );
    let note = String::from_utf8_lossy(&output.stderr);
    assert!(note.contains("pass the catalogue's PATH"), "{note}");
}
