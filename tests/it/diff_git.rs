//! `svs diff REV:PATH ...`: either side read from a Git repository, in git's own syntax,
//! without touching the work tree. Each test makes a small repository holding a copy of
//! the bundled catalogue.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{catalog, copy_dir, git_at, svs};

/// Northwave stops assuring encryption in transit, which Harbour requires.
const WEAKER_SECURITY: (&str, &str) = (
    "security: [encryption-in-transit, sim-pin-enforced, lost-device-barring]",
    "security: [sim-pin-enforced, lost-device-barring]",
);

fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, None, args)
}

/// A repository whose first commit holds `catalog/`, a copy of the bundled catalogue.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&catalog(""), &dir.path().join("catalog"));
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "catalogue"]);
    dir
}

fn weaken(dir: &Path) {
    let path = dir.join("catalog/mobile-phones.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace(WEAKER_SECURITY.0, WEAKER_SECURITY.1)).unwrap();
}

fn diff_in(dir: &Path, args: &[&str]) -> Output {
    svs()
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("svs runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)))
}

fn regressed(document: &serde_json::Value) -> Vec<String> {
    document["relationships"]
        .as_array()
        .unwrap_or_else(|| panic!("changed relationships: {document:#}"))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_last_commit_against_the_work_tree_without_touching_it() {
    let repo = repository();
    weaken(repo.path());
    let status_before = git(repo.path(), &["status", "--porcelain"]);
    let output = diff_in(
        repo.path(),
        &[
            "HEAD:catalog",
            "catalog",
            "--fail-on",
            "regression",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "a regression");
    assert_eq!(regressed(&json(&output)), ["harbour-corporate-mobile"]);
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), status_before);
    assert_eq!(git(repo.path(), &["worktree", "list"]).lines().count(), 1);
}

#[test]
fn two_revisions_read_alike_and_match_the_same_diff_from_disk() {
    let repo = repository();
    weaken(repo.path());
    git(repo.path(), &["commit", "-q", "-am", "weaker security"]);
    let from_git = diff_in(repo.path(), &["HEAD~1:catalog", "HEAD:catalog"]);
    assert_eq!(
        from_git.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_git.stderr)
    );
    // The same two versions on disk give the same changes (findings differ only in the
    // file names they show).
    copy_dir(&catalog(""), &repo.path().join("old"));
    let from_disk = diff_in(repo.path(), &["old", "catalog"]);
    let relationships_table = |output: &std::process::Output| {
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let end = text.find("┘\n").expect("the relationships table ends");
        text[..end].to_owned()
    };
    assert_eq!(
        relationships_table(&from_git),
        relationships_table(&from_disk)
    );
    let json_of = |args: &[&str]| json(&diff_in(repo.path(), args))["relationships"].clone();
    assert_eq!(
        json_of(&["HEAD~1:catalog", "HEAD:catalog", "--format", "json"]),
        json_of(&["old", "catalog", "--format", "json"])
    );
    // A single file and `./` paths, relative to the current directory, work as in git.
    let file = diff_in(
        &repo.path().join("catalog"),
        &["HEAD~1:./mobile-phones.yaml", "HEAD:./mobile-phones.yaml"],
    );
    assert_ne!(file.status.code(), Some(0), "one file alone does not load");
    assert!(
        String::from_utf8_lossy(&file.stderr).contains("HEAD~1:./mobile-phones.yaml"),
        "{}",
        String::from_utf8_lossy(&file.stderr)
    );
}

#[test]
fn findings_name_the_revision_and_path() {
    let repo = repository();
    let path = repo.path().join("catalog/extra.yaml");
    fs::write(
        &path,
        "svs: 1\norganizations:\n  - { id: lonely, name: Lonely Ltd }\n",
    )
    .unwrap();
    git(repo.path(), &["add", "."]);
    git(
        repo.path(),
        &["commit", "-q", "-m", "a lonely organisation"],
    );
    let output = diff_in(
        repo.path(),
        &["HEAD~1:catalog", "HEAD:catalog", "--format", "json"],
    );
    let document = json(&output);
    let text = document.to_string();
    assert!(text.contains("HEAD:catalog/extra.yaml"), "{document:#}");
}

#[test]
fn a_svsignore_and_exclude_apply_to_a_tree_too() {
    let repo = repository();
    fs::create_dir(repo.path().join("catalog/deploy")).unwrap();
    fs::write(
        repo.path().join("catalog/deploy/pod.yaml"),
        "apiVersion: v1\nkind: Pod\n",
    )
    .unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "a manifest"]);
    let refused = diff_in(repo.path(), &["HEAD:catalog", "HEAD:catalog"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("HEAD:catalog/deploy/pod.yaml"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let excluded = diff_in(
        repo.path(),
        &["HEAD:catalog", "HEAD:catalog", "--exclude", "deploy"],
    );
    assert_eq!(excluded.status.code(), Some(0));
    // A `.svsignore` at the top of the repository, above the tree read, applies too.
    fs::write(repo.path().join(".svsignore"), "deploy/\n").unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "ignore it"]);
    let ignored = diff_in(repo.path(), &["HEAD:catalog", "catalog"]);
    assert_eq!(
        ignored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ignored.stderr)
    );
}

#[test]
fn an_unknown_revision_or_path_is_a_clear_error() {
    let repo = repository();
    let output = diff_in(repo.path(), &["no-such-rev:catalog", "catalog"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: OLD catalogue: no-such-rev:catalog: unknown revision `no-such-rev`\n"
    );
    let output = diff_in(repo.path(), &["HEAD:catalogue", "catalog"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: OLD catalogue: HEAD:catalogue: no `catalogue` in revision `HEAD`\n"
    );
}

#[test]
fn outside_a_repository_rev_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("catalog")).unwrap();
    fs::copy(
        catalog("broadband.yaml"),
        dir.path().join("catalog/broadband.yaml"),
    )
    .unwrap();
    let output = svs()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["diff", "HEAD:catalog", "catalog"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("HEAD:catalog: the current directory is not in a Git repository"),
        "{message}"
    );
}

#[test]
fn a_path_that_exists_wins_over_rev_path() {
    let repo = repository();
    // A directory really named `HEAD:catalog` is read from disk, not from git.
    let odd = repo.path().join("HEAD:catalog");
    copy_dir(&repo.path().join("catalog"), &odd);
    let path = odd.join("mobile-phones.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace(WEAKER_SECURITY.0, WEAKER_SECURITY.1)).unwrap();
    let output = diff_in(
        repo.path(),
        &["catalog", "HEAD:catalog", "--format", "json"],
    );
    assert_eq!(regressed(&json(&output)), ["harbour-corporate-mobile"]);
}

#[test]
fn causes_read_from_git_match_those_read_from_disk() {
    // Harbour asks for more than the offering assures, committed after ten lines of
    // comment were added above it: the cause is the requirement, not the moved lines.
    let repo = repository();
    copy_dir(&catalog(""), &repo.path().join("old"));
    let path = repo.path().join("catalog/mobile-phones.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace("availability: 99.5\n", "availability: 99.95\n")
        .replacen("\nsvs: 1\n", &format!("\n{}svs: 1\n", "#\n".repeat(10)), 1);
    fs::write(&path, text).unwrap();
    git(
        repo.path(),
        &["commit", "-q", "-am", "stricter availability"],
    );
    let causes_of = |args: &[&str]| {
        let document = json(&diff_in(repo.path(), args));
        document["relationships"]
            .as_array()
            .unwrap_or_else(|| panic!("relationships: {document:#}"))
            .iter()
            .map(|r| (r["id"].clone(), r["causes"].clone()))
            .collect::<Vec<_>>()
    };
    let from_git = causes_of(&["HEAD~1:catalog", "HEAD:catalog", "--format", "json"]);
    assert_eq!(
        from_git,
        [(
            serde_json::json!("harbour-corporate-mobile"),
            serde_json::json!(["requirements"])
        )]
    );
    assert_eq!(from_git, causes_of(&["old", "catalog", "--format", "json"]));
}
