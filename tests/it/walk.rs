//! Which files a directory contributes: `.svsignore`, `.gitignore` inside a Git
//! repository, `--exclude GLOB` on every command that reads a catalogue, the help line on
//! a file that is not an svs file, and the current directory when no PATH is given.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{findings, fixture, svs};

/// A catalogue directory holding one clean catalogue file and, under `deploy/`, a
/// Kubernetes manifest of two documents and a single-document one.
fn catalogue_with_foreign_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("clean.yaml"), dir.path().join("catalogue.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("deploy")).unwrap();
    std::fs::write(
        dir.path().join("deploy/pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: { name: web }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deploy/stack.yml"),
        "apiVersion: v1\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\n",
    )
    .unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    svs()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("svs runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The files of a JSON lint document's findings, and its file count.
fn files_read(document: &serde_json::Value) -> u64 {
    document["summary"]["files"].as_u64().expect("a file count")
}

const FOREIGN: &str = "this file does not look like an svs catalogue file; add it to \
`.svsignore` or pass `--exclude PATTERN`";

#[test]
fn a_foreign_file_says_it_does_not_look_like_an_svs_file_and_how_to_leave_it_out() {
    let dir = catalogue_with_foreign_files();
    let document = json(&run_in(dir.path(), &["lint", ".", "--format", "json"]));
    let helps: Vec<(&str, &str, &str)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["help"] == FOREIGN)
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        helps,
        [
            (
                "deploy/pod.yaml",
                "SVS003",
                "the file does not declare its format version: add `svs: 1`"
            ),
            (
                "deploy/stack.yml",
                "SVS001",
                "multiple YAML documents detected"
            ),
        ],
        "{document:#}"
    );
}

#[test]
fn a_list_is_not_an_svs_file_either() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("playbook.yaml"), "- hosts: all\n").unwrap();
    let document = json(&run_in(dir.path(), &["lint", "--format", "json"]));
    assert_eq!(document["findings"][0]["help"], FOREIGN, "{document:#}");
}

#[test]
fn a_real_catalogue_file_with_a_wrong_version_gets_no_such_help() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "svs: 2\n").unwrap();
    let document = json(&run_in(dir.path(), &["lint", "--format", "json"]));
    assert_eq!(document["findings"][0]["code"], "SVS003");
    assert_ne!(document["findings"][0]["help"], FOREIGN, "{document:#}");
}

#[test]
fn an_svsignore_file_leaves_its_matches_out() {
    let dir = catalogue_with_foreign_files();
    std::fs::write(dir.path().join(".svsignore"), "# not ours\ndeploy/\n").unwrap();
    let output = run_in(dir.path(), &["lint", ".", "--format", "json"]);
    let document = json(&output);
    assert_eq!(output.status.code(), Some(0), "{document:#}");
    assert_eq!(files_read(&document), 1);
}

#[test]
fn an_svsignore_in_a_subdirectory_applies_below_it() {
    let dir = catalogue_with_foreign_files();
    std::fs::write(dir.path().join("deploy/.svsignore"), "*\n").unwrap();
    let output = run_in(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(files_read(&json(&output)), 1);
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs (install it with `apt-get install git`)");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_gitignore_applies_inside_a_git_repository() {
    let dir = catalogue_with_foreign_files();
    std::fs::write(dir.path().join(".gitignore"), "deploy/\n").unwrap();
    // Outside a repository, git itself ignores a `.gitignore`, and so does svs.
    let outside = run_in(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(files_read(&json(&outside)), 3);
    git(dir.path(), &["init", "-q"]);
    let inside = run_in(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(inside.status.code(), Some(0));
    assert_eq!(files_read(&json(&inside)), 1);
}

#[test]
fn exclude_is_repeatable_and_matches_names_and_paths() {
    let dir = catalogue_with_foreign_files();
    let both = run_in(
        dir.path(),
        &[
            "lint",
            ".",
            "--exclude",
            "pod.yaml",
            "--exclude",
            "deploy/*.yml",
            "--format",
            "json",
        ],
    );
    assert_eq!(both.status.code(), Some(0));
    assert_eq!(files_read(&json(&both)), 1);
    // A directory matched is left out whole; the path as shown matches too.
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let shown = format!("{name}/deploy");
    let whole = run_in(
        parent,
        &["lint", name, "--exclude", &shown, "--format", "json"],
    );
    assert_eq!(whole.status.code(), Some(0), "{}", json(&whole));
    assert_eq!(files_read(&json(&whole)), 1);
}

#[test]
fn every_command_that_reads_a_catalogue_takes_exclude() {
    let dir = catalogue_with_foreign_files();
    let report = dir.path().join("report.html");
    let report = report.to_str().unwrap();
    for args in [
        &["lint", "--exclude", "deploy"][..],
        &["assess", "--exclude", "deploy"],
        &["roles", "--exclude", "deploy"],
        &["graph", "--exclude", "deploy"],
        &["report", "--exclude", "deploy", "-o", report],
        &["diff", ".", ".", "--exclude", "deploy"],
    ] {
        let output = run_in(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "svs {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        // Without it, the manifests stop the catalogue from loading.
        let without: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !["--exclude", "deploy"].contains(a))
            .collect();
        assert_ne!(
            run_in(dir.path(), &without).status.code(),
            Some(0),
            "{without:?}"
        );
    }
}

#[test]
fn a_file_named_on_the_command_line_is_read_even_when_ignored_or_excluded() {
    let dir = catalogue_with_foreign_files();
    std::fs::write(dir.path().join(".svsignore"), "deploy/\n").unwrap();
    let output = run_in(
        dir.path(),
        &[
            "lint",
            ".",
            "deploy/pod.yaml",
            "--exclude",
            "pod.yaml",
            "--format",
            "json",
        ],
    );
    let document = json(&output);
    assert_eq!(files_read(&document), 2, "{document:#}");
    assert!(
        findings(&document)
            .iter()
            .any(|(code, ..)| code == "SVS003"),
        "{document:#}"
    );
}

#[test]
fn an_invalid_exclude_glob_is_a_usage_error_naming_it() {
    let output = svs()
        .args([
            "lint",
            fixture("clean.yaml").to_str().unwrap(),
            "--exclude",
            "a[",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("--exclude a["), "{message}");
}

#[test]
fn only_yaml_files_are_read_from_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("clean.yaml"), dir.path().join("c.yaml")).unwrap();
    std::fs::write(dir.path().join("c.json"), "{}").unwrap();
    std::fs::write(dir.path().join("README.md"), "# notes").unwrap();
    std::fs::create_dir(dir.path().join(".hidden")).unwrap();
    std::fs::write(dir.path().join(".hidden/x.yaml"), "not: svs").unwrap();
    let output = run_in(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(files_read(&json(&output)), 1);
}

#[test]
fn with_no_path_the_current_directory_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("clean.yaml"), dir.path().join("catalogue.yaml")).unwrap();
    for command in ["lint", "assess", "roles", "graph"] {
        let output = run_in(dir.path(), &[command]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "svs {command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.stdout, run_in(dir.path(), &[command, "."]).stdout);
    }
    let lint = run_in(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(
        json(&lint)["findings"].as_array().unwrap().len(),
        json(&run_in(dir.path(), &["lint", ".", "--format", "json"]))["findings"]
            .as_array()
            .unwrap()
            .len()
    );
    let report = run_in(dir.path(), &["report", "-o", "report.html"]);
    assert_eq!(report.status.code(), Some(0));
    assert!(dir.path().join("report.html").is_file());
    // Paths under the current directory are shown without `./`.
    std::fs::write(dir.path().join("broken.yaml"), "svs: 1\nnope: 1\n").unwrap();
    let broken = json(&run_in(dir.path(), &["lint", "--format", "json"]));
    assert_eq!(broken["findings"][0]["file"], "broken.yaml", "{broken:#}");
}

#[test]
fn an_empty_current_directory_says_there_is_no_catalogue_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["lint"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("no *.yaml or *.yml file under ."),
        "{message}"
    );
}

#[test]
fn overlapping_paths_are_one_catalogue_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::copy(
        fixture("clean.yaml"),
        dir.path().join("more/catalogue.yaml"),
    )
    .unwrap();
    let report = dir.path().join("report.html");
    for args in [
        &["lint", ".", "more"][..],
        &["lint", "more", "more/", "./more/catalogue.yaml"],
        &["assess", ".", "."],
        &["roles", "more", "."],
        &["graph", ".", "more"],
        &["report", "more", "more", "-o", report.to_str().unwrap()],
    ] {
        let output = run_in(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "svs {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let document = json(&run_in(
        dir.path(),
        &[
            "lint",
            "more",
            ".",
            "more/catalogue.yaml",
            "--format",
            "json",
        ],
    ));
    assert_eq!(files_read(&document), 1, "{document:#}");
}

/// A file reached through a linked folder is read once and named by its real path,
/// whichever way the walk meets it first: below the directory given, or beside it.
#[cfg(unix)]
#[test]
fn a_file_reached_through_a_linked_folder_is_shown_at_its_real_path() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "svs: 1\norganizations:\n  - { id: ID }\n";
    std::fs::create_dir_all(dir.path().join("catalog/teams")).unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    std::fs::write(
        dir.path().join("catalog/teams/a.yaml"),
        bad.replace("ID", "a"),
    )
    .unwrap();
    std::fs::write(dir.path().join("shared/b.yaml"), bad.replace("ID", "b")).unwrap();
    std::os::unix::fs::symlink("teams", dir.path().join("catalog/alias")).unwrap();
    std::os::unix::fs::symlink("../shared", dir.path().join("catalog/shared")).unwrap();
    let files = |document: &serde_json::Value| -> Vec<String> {
        document["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["file"].as_str().expect("a file").to_owned())
            .collect()
    };
    for args in [&["catalog"][..], &["catalog", "catalog/teams", "catalog/"]] {
        let mut args = args.to_vec();
        args.insert(0, "lint");
        args.extend(["--format", "json"]);
        let document = json(&run_in(dir.path(), &args));
        assert_eq!(files_read(&document), 2, "{args:?}: {document:#}");
        assert_eq!(
            files(&document),
            ["catalog/teams/a.yaml", "shared/b.yaml"],
            "{args:?}"
        );
    }
    // Given as an absolute path, a file outside it is shown absolute.
    let absolute = dir.path().canonicalize().unwrap();
    let document = json(&run_in(
        Path::new("/"),
        &[
            "lint",
            absolute.join("catalog").to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        files(&document),
        [
            absolute.join("catalog/teams/a.yaml").display().to_string(),
            absolute.join("shared/b.yaml").display().to_string()
        ]
    );
}
