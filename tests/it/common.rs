//! Helpers shared by the end-to-end tests: run the real `svs` binary and read its output.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The `svs` binary, with colour and the environment made predictable.
pub fn svs() -> Command {
    let mut command = Command::cargo_bin("svs").expect("the svs binary is built");
    command.env_remove("NO_COLOR").env("RUST_BACKTRACE", "1");
    command
}

/// A path under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A path under `catalog/`.
pub fn catalog(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("catalog")
        .join(path)
}

/// Runs `svs` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    svs().args(args).output().expect("svs runs")
}

/// Runs `svs lint --format json` on `paths` and returns the parsed document and exit code.
pub fn lint_json(paths: &[&Path]) -> (serde_json::Value, i32) {
    let output = svs()
        .arg("lint")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .expect("svs runs");
    let document = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}); stdout: {}; stderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (document, output.status.code().expect("exit code"))
}

/// A finding as `(code, line, column, entity)`.
pub type Finding = (String, u64, u64, Option<String>);

/// The findings of a JSON lint document.
pub fn findings(document: &serde_json::Value) -> Vec<Finding> {
    document["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("code").to_owned(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
                f["entity"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// Shorthand for an expected finding.
pub fn at(
    code: &str,
    line: u64,
    column: u64,
    entity: Option<&str>,
) -> (String, u64, u64, Option<String>) {
    (code.to_owned(), line, column, entity.map(str::to_owned))
}

/// Lints `tests/fixtures/rules/{name}` (a file or a directory) and returns the whole
/// document, which must hold no structural finding (the rules would not have run).
pub fn lint_rule_path(name: &str) -> serde_json::Value {
    let (document, _) = lint_json(&[&fixture(&format!("rules/{name}"))]);
    assert!(
        findings(&document)
            .iter()
            .all(|(code, ..)| !code.starts_with("SVS00")),
        "{name}: structural findings: {document:#}"
    );
    document
}

/// The findings of `code` in a document.
pub fn of_code(document: &serde_json::Value, code: &str) -> Vec<Finding> {
    findings(document)
        .into_iter()
        .filter(|(c, ..)| c == code)
        .collect()
}

/// The JSON object of the `n`th finding of `code`.
pub fn nth<'d>(document: &'d serde_json::Value, code: &str, n: usize) -> &'d serde_json::Value {
    document["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .filter(|f| f["code"] == code)
        .nth(n)
        .unwrap_or_else(|| panic!("no finding {n} of {code}: {document:#}"))
}

/// Asserts the exact findings of `code` in `rules/svsNNN.yaml` and none in
/// `rules/svsNNN-near-miss.yaml`; returns the first document.
pub fn check_rule(code: &str, expected: &[Finding]) -> serde_json::Value {
    let name = code.to_lowercase();
    let document = lint_rule_path(&format!("{name}.yaml"));
    assert_eq!(of_code(&document, code), expected, "{document:#}");
    let near_miss = lint_rule_path(&format!("{name}-near-miss.yaml"));
    assert_eq!(of_code(&near_miss, code), vec![], "{near_miss:#}");
    document
}

/// Asserts that the outside program `name` is on `PATH`, and says how to install it when
/// it is not. Tests that drive a program run it through `timeout`, which would only say
/// that it "failed to run command", so they call this first.
pub fn require_program(name: &str, debian_package: &str) {
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join(name)).is_ok_and(|m| {
                use std::os::unix::fs::PermissionsExt;
                m.is_file() && m.permissions().mode() & 0o111 != 0
            })
        })
    });
    assert!(
        found,
        "this test needs `{name}`, which is not installed: install it with \
         `apt-get install {debian_package}` (Debian or Ubuntu), or run the tests with \
         `bash .ci/run`, which installs it when it is missing"
    );
}

/// Runs git in `dir` with a fixed identity, `main` as the first branch and no signing;
/// with `date` (as git reads `GIT_COMMITTER_DATE`, e.g. `2026-01-05T12:00:00Z`), the
/// author and committer dates are that date, so commit ids are the same on every run.
/// Returns what git prints; a git that fails fails the test.
pub fn git_at(dir: &Path, date: Option<&str>, args: &[&str]) -> String {
    let mut command = std::process::Command::new("git");
    command
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("TZ", "UTC")
        .current_dir(dir);
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let output = command
        .output()
        .expect("git runs (`apt-get install git` installs it)");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Copies the directory `from`, with everything below it, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Lints `base.yaml` and `NAME.yaml` of the fixture folder `folder` together: the
/// document, and `code line:column entity | message` of each finding in `NAME.yaml`.
pub fn lint_beside_base(folder: &str, name: &str) -> (serde_json::Value, Vec<String>) {
    let file = |name: &str| fixture(&format!("{folder}/{name}.yaml"));
    let (document, _) = lint_json(&[&file("base"), &file(name)]);
    let lines = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["file"]
                .as_str()
                .is_some_and(|p| p.ends_with(&format!("/{name}.yaml")))
        })
        .map(|f| {
            format!(
                "{} {}:{} {} | {}",
                f["code"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["entity"].as_str().unwrap_or("-"),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    (document, lines)
}

/// The findings of `code` when `rules/{name}` is linted at `as_of` on the command line.
pub fn lint_at(name: &str, as_of: &str, code: &str) -> Vec<Finding> {
    let output = svs()
        .arg("lint")
        .arg(fixture(&format!("rules/{name}")))
        .args(["--format", "json", "--as-of", as_of])
        .output()
        .expect("svs runs");
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    of_code(&document, code)
}

/// `svs lint --format json` of `paths` with `rules` (a file of custom rules) beside them.
pub fn lint_with_rules(paths: &[&Path], rules: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("rules.yaml");
    fs::write(&file, rules).expect("write");
    let mut all = paths.to_vec();
    all.push(&file);
    lint_json(&all).0
}
