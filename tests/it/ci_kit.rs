//! The CI integration kit: the pre-commit hook in `.pre-commit-hooks.yaml` and the GitHub
//! Actions workflow documented in docs/ci.md. The workflow's `svs` steps are run as
//! written, with bash, against the bundled catalogue, so the documented commands are known
//! to work and to produce what the later steps read.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("valid YAML")
}

#[test]
fn the_pre_commit_hook_lints_the_catalogue_as_a_whole() {
    let text = std::fs::read_to_string(repository(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml at the repository root");
    let hooks = yaml(&text);
    let hooks = hooks.as_array().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h["id"] == "svs-lint")
        .expect("a hook with id svs-lint");
    assert_eq!(hook["name"], "svs lint");
    assert_eq!(hook["entry"], "svs lint");
    assert_eq!(hook["language"], "rust", "pre-commit builds svs with cargo");
    assert_eq!(
        hook["pass_filenames"], false,
        "the catalogue is linted whole"
    );
    assert_eq!(hook["args"], serde_json::json!(["catalog/"]));
    assert_eq!(
        hook["types"],
        serde_json::json!(["yaml"]),
        ".yaml and .yml files"
    );
    assert!(hook["description"].is_string());
}

#[test]
fn the_hook_command_passes_on_the_bundled_catalogue() {
    // What pre-commit runs: entry, then args, from the repository root.
    let hooks = yaml(&std::fs::read_to_string(repository(".pre-commit-hooks.yaml")).unwrap());
    let hook = &hooks[0];
    let mut words: Vec<String> = hook["entry"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(words.remove(0), "svs");
    words.extend(
        hook["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned()),
    );
    let output = common::svs()
        .args(&words)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{words:?} passes on catalog/"
    );
}

/// The `yaml` block of docs/ci.md that is a workflow (it has `jobs`).
fn workflow() -> Value {
    let docs = std::fs::read_to_string(repository("docs/ci.md")).expect("docs/ci.md");
    let mut blocks = docs.split("```yaml\n").skip(1).map(|rest| {
        rest.split_once("\n```")
            .expect("a closed code block")
            .0
            .to_owned()
    });
    let block = blocks
        .find(|b| b.lines().any(|l| l.starts_with("jobs:")))
        .expect("a workflow in docs/ci.md");
    yaml(&block)
}

/// Every step of every job of the workflow.
fn steps(workflow: &Value) -> Vec<&Value> {
    workflow["jobs"]
        .as_object()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_array().expect("steps"))
        .collect()
}

fn run_lines(workflow: &Value) -> Vec<&str> {
    steps(workflow)
        .into_iter()
        .filter_map(|step| step["run"].as_str())
        .collect()
}

#[test]
fn the_documented_workflow_runs_the_three_commands() {
    let workflow = workflow();
    assert!(workflow["on"].is_object(), "the workflow has triggers");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let runs = run_lines(&workflow);
    let has = |parts: &[&str]| runs.iter().any(|r| parts.iter().all(|p| r.contains(p)));
    assert!(has(&["svs lint ", "--format github"]), "{runs:?}");
    assert!(
        has(&["svs lint ", "--format sarif > svs.sarif"]),
        "{runs:?}"
    );
    assert!(
        has(&[
            "svs assess ",
            "--format markdown >> \"$GITHUB_STEP_SUMMARY\""
        ]),
        "{runs:?}"
    );
    let upload = steps(&workflow)
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("a step uploads the SARIF");
    assert_eq!(upload["with"]["sarif_file"], "svs.sarif");
}

#[test]
fn the_workflow_steps_work_as_written() {
    let workflow = workflow();
    // A checkout of a catalogue repository: catalog/ at its root, nothing else.
    let checkout = tempfile::tempdir().unwrap();
    copy_dir(&common::catalog(""), &checkout.path().join("catalog"));
    let summary = checkout.path().join("summary.md");
    let path = path_with_svs();
    let svs_steps: Vec<&str> = run_lines(&workflow)
        .into_iter()
        .filter(|r| r.starts_with("svs "))
        .collect();
    assert_eq!(svs_steps.len(), 3, "{svs_steps:?}");
    for step in svs_steps {
        // GitHub's default shell for `run` on Linux.
        let output = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", step])
            .current_dir(checkout.path())
            .env("PATH", &path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{step}` fails: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(checkout.path().join("svs.sarif")).unwrap())
            .expect("svs.sarif is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let summary = std::fs::read_to_string(summary).unwrap();
    assert!(
        summary.starts_with("## Value assessment: itil4-teaching-cases"),
        "{summary}"
    );
}

#[test]
fn the_sarif_step_tolerates_findings_but_not_failures() {
    let workflow = workflow();
    let step = run_lines(&workflow)
        .into_iter()
        .find(|r| r.contains("--format sarif"))
        .unwrap();
    let path = path_with_svs();
    let run_in = |dir: &Path| {
        Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", step])
            .current_dir(dir)
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    // Findings (exit 1): the step passes and the SARIF holds them.
    let with_findings = tempfile::tempdir().unwrap();
    std::fs::create_dir(with_findings.path().join("catalog")).unwrap();
    std::fs::copy(
        common::fixture("structural/svs002.yaml"),
        with_findings.path().join("catalog/svs002.yaml"),
    )
    .unwrap();
    assert!(run_in(with_findings.path()).status.success());
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(with_findings.path().join("svs.sarif")).unwrap())
            .unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    // No catalogue at all (exit 2): the step fails.
    let empty = tempfile::tempdir().unwrap();
    assert!(!run_in(empty.path()).status.success());
}

/// `PATH` with the directory of the `svs` under test first, as after `cargo install`.
fn path_with_svs() -> std::ffi::OsString {
    let svs = assert_cmd::cargo::cargo_bin("svs");
    let directory = svs.parent().expect("the binary's directory").to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(directory).chain(std::env::split_paths(&rest)))
        .expect("a valid PATH")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
