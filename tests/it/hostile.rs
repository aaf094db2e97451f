//! The hostile-input corpus under `tests/hostile/`, plus inputs too large to keep in the
//! repository, generated here. Each must end in findings or an error with a location and
//! exit 1 or 2 — never a panic — and stay within bounded memory: every run here is made
//! under `ulimit -v` (1 GiB of address space).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

/// Runs `svs ARGS` with at most 1 GiB of address space.
fn bounded(args: &[&str]) -> Output {
    let svs = assert_cmd::cargo::cargo_bin("svs");
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(svs)
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("sh runs")
}

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

/// `(code, line, column)` of the first finding, and the exit code.
fn first_finding(path: &Path) -> ((String, u64, u64), i32) {
    let output = bounded(&["lint", path.to_str().unwrap(), "--format", "json"]);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(!errors.contains("panicked"), "{}: {errors}", path.display());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}; stderr: {errors}", path.display()));
    let finding = &document["findings"][0];
    (
        (
            finding["code"].as_str().unwrap_or("none").to_owned(),
            finding["line"].as_u64().unwrap_or(0),
            finding["column"].as_u64().unwrap_or(0),
        ),
        output.status.code().expect("exited normally"),
    )
}

#[test]
fn every_file_of_the_corpus_is_located_and_fails() {
    let expected: &[(&str, &str, u64, u64)] = &[
        ("a-list.yaml", "SVS003", 1, 1),
        ("alias-bomb.yaml", "SVS001", 7, 14),
        ("deep-block.yaml", "SVS001", 66, 65),
        ("deep-flow.yaml", "SVS001", 2, 259),
        ("duplicate-keys.yaml", "SVS007", 5, 5),
        ("empty.yaml", "SVS003", 1, 1),
        // Found by the fuzzer: a parent cycle through an organisation that fails to decode.
        ("fuzz-dropped-parent-in-a-cycle.yaml", "SVS003", 4, 5),
        ("horizon-zero.yaml", "SVS003", 2, 39),
        ("huge-number.yaml", "SVS003", 5, 54),
        ("infinity.yaml", "SVS003", 5, 54),
        ("invalid-utf8.yaml", "SVS001", 3, 14),
        ("keys-not-text.yaml", "SVS003", 2, 3),
        ("likelihood-above-one.yaml", "SVS003", 10, 52),
        ("long-id.yaml", "SVS003", 2, 23),
        ("multiple-documents.yaml", "SVS001", 3, 1),
        ("nan.yaml", "SVS003", 5, 54),
        ("negative-amount.yaml", "SVS003", 5, 54),
        ("not-yaml.yaml", "SVS001", 3, 11),
        ("only-comments.yaml", "SVS003", 1, 1),
        ("parent-cycle.yaml", "SVS003", 4, 31),
        ("unknown-anchor.yaml", "SVS001", 2, 16),
        ("wrong-version.yaml", "SVS003", 1, 6),
    ];
    let corpus: Vec<PathBuf> = std::fs::read_dir(hostile(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    for (name, code, line, column) in expected {
        let (found, exit) = first_finding(&hostile(name));
        assert_eq!(found, ((*code).to_owned(), *line, *column), "{name}");
        assert_eq!(exit, 1, "{name}");
    }
    // Every file of the corpus is checked (tagged-values.yaml below).
    assert_eq!(corpus.len(), expected.len() + 1, "{corpus:?}");
}

#[test]
fn yaml_tags_are_read_as_plain_values() {
    // `!!binary` and unknown tags do not crash the loader; the values load as text.
    let output = bounded(&[
        "lint",
        hostile("tagged-values.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        document["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"].as_str().unwrap() >= "SVS100"),
        "{document:#}"
    );
}

#[test]
fn a_fifty_megabyte_single_line_scalar_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    let mut text = String::with_capacity(50 * 1024 * 1024 + 100);
    text.push_str("svs: 1\norganizations: [{ id: a, name: ");
    text.extend(std::iter::repeat_n('x', 50 * 1024 * 1024));
    text.push_str(" }]\n");
    std::fs::write(&path, text).unwrap();
    let (found, exit) = first_finding(&path);
    // One organisation that nothing refers to: a finding about it, not a crash.
    assert_eq!(found, ("SVS401".to_owned(), 2, 23));
    assert_eq!(exit, 0, "info findings do not fail a run");
}

#[test]
fn a_directory_of_five_thousand_tiny_files_loads() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5000 {
        std::fs::write(
            dir.path().join(format!("org-{i:04}.yaml")),
            format!("svs: 1\norganizations: [{{ id: org-{i}, name: Org {i} }}]\n"),
        )
        .unwrap();
    }
    let output = bounded(&[
        "lint",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--allow",
        "SVS401",
    ]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["summary"]["files"], 5000);
    assert_eq!(document["summary"]["suppressed"], 5000);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_symlink_loop_and_a_directory_named_like_a_file_end_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "svs: 1\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    std::fs::create_dir(dir.path().join("b.yaml")).unwrap();
    let output = bounded(&["lint", dir.path().to_str().unwrap(), "--format", "json"]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["summary"]["files"], 1);
    assert_eq!(output.status.code(), Some(0));

    // Named on the command line, a directory called `x.yaml` is a directory: here an
    // empty one, which is a usage error naming it.
    let output = bounded(&["lint", dir.path().join("b.yaml").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("b.yaml"));
}

#[test]
fn nesting_ten_thousand_blocks_deep_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.yaml");
    let mut text = String::from("svs: 1\n");
    for depth in 0..10_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("k:\n");
    }
    std::fs::write(&path, text).unwrap();
    let ((code, line, _), exit) = first_finding(&path);
    assert_eq!((code.as_str(), line), ("SVS001", 66));
    assert_eq!(exit, 1);
}

#[test]
fn no_command_writes_to_a_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("catalogue");
    std::fs::create_dir(&catalogue).unwrap();
    for entry in std::fs::read_dir(common::catalog("")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), catalogue.join(entry.file_name())).unwrap();
        }
    }
    let snapshot = || -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut files: Vec<_> = std::fs::read_dir(&catalogue)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let meta = std::fs::metadata(&path).unwrap();
                (
                    path.clone(),
                    std::fs::read(&path).unwrap(),
                    meta.modified().unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    let path = catalogue.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["lint", path],
        &["lint", path, "--format", "sarif"],
        &["assess", path, "--format", "csv"],
        &["roles", path, "--by-person"],
        &["graph", path, "--format", "dot"],
        &["report", path],
        &["diff", path, path, "--format", "json"],
        &["schema"],
        &["explain", "SVS104"],
    ];
    for args in commands {
        let output = bounded(args);
        assert!(output.status.code().is_some(), "{args:?}");
    }
    assert_eq!(
        snapshot(),
        before,
        "inputs unchanged, byte for byte, with the same times"
    );
}
