//! `svs init`: the starter catalogue lints clean and co-creates value, and `init` never
//! overwrites a file, creates its directory, and leaves nothing behind when it refuses.

use crate::common;

use std::fs;
use std::path::Path;

use common::{run, svs};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

/// Every entry of `dir`, with its bytes, hidden ones included (a temporary file left
/// behind would show here).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut entries: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("readable directory")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let bytes = fs::read(&path).unwrap_or_default();
            (path.display().to_string(), bytes)
        })
        .collect();
    entries.sort();
    entries
}

fn starter_template() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/init/starter.yaml"))
        .expect("the template is readable")
}

#[test]
fn init_into_a_new_directory_writes_a_starter_that_lints_clean_and_has_value() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("services/catalogue-as-code");
    let dir_text = dir.to_str().unwrap();

    let output = run(&["init", dir_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "status goes to stderr");
    assert!(stderr(&output).contains("catalogue.yaml"));
    let written = dir.join("catalogue.yaml");
    assert_eq!(fs::read(&written).unwrap(), starter_template());
    assert_eq!(
        snapshot(&dir).len(),
        1,
        "only catalogue.yaml, no temporary file"
    );

    // No finding at all, not even info, and nothing silenced to get there.
    let (document, code) = common::lint_json(&[&dir]);
    assert_eq!(code, 0);
    assert_eq!(document["findings"], serde_json::json!([]), "{document:#}");
    assert_eq!(document["summary"]["suppressed"], 0);
    assert_eq!(document["summary"]["baselined"], 0);
    let strict = run(&["lint", dir_text, "--fail-on", "info"]);
    assert_eq!(strict.status.code(), Some(0));

    let assess = run(&["assess", dir_text, "--format", "json"]);
    assert_eq!(assess.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&assess.stdout).expect("JSON");
    let verdicts: Vec<&str> = document["relationships"]
        .as_array()
        .expect("relationships")
        .iter()
        .map(|r| r["verdict"].as_str().expect("verdict"))
        .collect();
    assert!(verdicts.contains(&"value"), "{verdicts:?}");
    let strict = run(&["assess", dir_text, "--fail-on", "unassessed"]);
    assert_eq!(
        strict.status.code(),
        Some(0),
        "every relationship has value"
    );

    // What `init` says of the starter is what `assess` finds: both relationships
    // co-create value, for the consumer and for the provider.
    assert!(
        stderr(&output).contains("both relationships co-create value (mutual)"),
        "{}",
        stderr(&output)
    );
    let together: Vec<&str> = document["relationships"]
        .as_array()
        .expect("relationships")
        .iter()
        .map(|r| r["co_creation"].as_str().expect("co_creation"))
        .collect();
    assert_eq!(together, ["mutual", "mutual"]);
    assert_eq!(document["summary"]["co_creation"]["mutual"], 2);
}

#[test]
fn init_twice_refuses_and_leaves_the_file_byte_for_byte() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_str().unwrap();
    assert_eq!(run(&["init", dir]).status.code(), Some(0));
    let before = snapshot(temp.path());

    let again = run(&["init", dir]);
    assert_eq!(again.status.code(), Some(2));
    let message = stderr(&again);
    assert!(
        message.contains(&format!("{}", temp.path().join("catalogue.yaml").display())),
        "{message}"
    );
    assert!(message.contains("never overwrites"), "{message}");
    assert!(again.stdout.is_empty());
    assert_eq!(snapshot(temp.path()), before);
}

#[test]
fn init_refuses_an_unrelated_existing_catalogue_yaml() {
    let temp = tempfile::tempdir().unwrap();
    let mine = "svs: 1\ncatalogue: { name: mine }\n# my own notes\n";
    fs::write(temp.path().join("catalogue.yaml"), mine).unwrap();
    let before = snapshot(temp.path());

    let output = run(&["init", temp.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("catalogue.yaml already exists"));
    assert_eq!(snapshot(temp.path()), before);
    assert_eq!(
        fs::read_to_string(temp.path().join("catalogue.yaml")).unwrap(),
        mine
    );
}

#[test]
fn init_refuses_a_dangling_symbolic_link_in_the_way() {
    #[cfg(unix)]
    {
        let temp = tempfile::tempdir().unwrap();
        let link = temp.path().join("catalogue.yaml");
        std::os::unix::fs::symlink(temp.path().join("nowhere.yaml"), &link).unwrap();
        let output = run(&["init", temp.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            !temp.path().join("nowhere.yaml").exists(),
            "nothing written"
        );
    }
}

#[test]
fn init_without_a_directory_writes_in_the_current_one() {
    let temp = tempfile::tempdir().unwrap();
    let output = svs()
        .arg("init")
        .current_dir(temp.path())
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        fs::read(temp.path().join("catalogue.yaml")).unwrap(),
        starter_template()
    );
}

#[test]
fn init_into_a_file_is_a_usage_error() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("notes.txt");
    fs::write(&file, "x").unwrap();
    let output = run(&["init", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not a directory"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn quiet_init_prints_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(&["init", "-q", temp.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

#[test]
fn init_beside_other_catalogue_files_says_they_would_be_read_together() {
    let temp = tempfile::tempdir().unwrap();
    fs::write(temp.path().join("compose.yml"), "services: {}\n").unwrap();
    let output = run(&["init", temp.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let message = stderr(&output);
    assert!(message.contains("1 other *.yaml / *.yml file"), "{message}");
    let file = temp.path().join("catalogue.yaml");
    assert!(
        message.contains(&format!("svs lint {}", file.display())),
        "the next steps name the starter's file: {message}"
    );
}

#[test]
fn every_rule_the_starter_mentions_can_be_explained() {
    let text = String::from_utf8(starter_template()).unwrap();
    let codes: Vec<&str> = text
        .match_indices("SVS")
        .map(|(at, _)| &text[at..at + 6])
        .collect();
    assert!(!codes.is_empty());
    for code in codes {
        let output = run(&["explain", code]);
        assert_eq!(output.status.code(), Some(0), "svs explain {code}");
    }
}

/// The starter with its commented-out `rules:` section turned on.
fn starter_with_its_rule() -> String {
    let text = String::from_utf8(starter_template()).unwrap();
    let at = text.find("\n# rules:\n").expect("the starter shows a rule") + 1;
    let mut on = text[..at].to_owned();
    for line in text[at..].lines() {
        on.push_str(
            line.strip_prefix("# ")
                .unwrap_or(line.trim_start_matches('#')),
        );
        on.push('\n');
    }
    on
}

#[test]
fn the_starters_commented_rule_loads_holds_and_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.yaml");
    let on = starter_with_its_rule();
    fs::write(&path, &on).unwrap();
    let output = run(&["lint", path.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let untitled = on.replacen("    title: Chief Financial Officer\n", "", 1);
    assert_ne!(untitled, on);
    fs::write(&path, untitled).unwrap();
    let output = run(&["lint", path.to_str().unwrap(), "--color", "never"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("warning[ACME001]"), "{stdout}");
}

#[test]
fn help_shows_an_example() {
    let output = run(&["init", "--help"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("Examples:"));
}

#[test]
fn the_example_in_the_docs_is_real() {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/init.md"))
        .expect("docs/init.md");
    let shown = |command: &str| {
        let marker = format!("$ {command}\n");
        let start = docs.find(&marker).expect("shown") + marker.len();
        let end = start + docs[start..].find("\n$ ").expect("another command follows");
        docs[start..=end].to_owned()
    };
    let temp = tempfile::tempdir().unwrap();
    let output = svs()
        .args(["init", "demo/"])
        .current_dir(temp.path())
        .output()
        .expect("svs runs");
    assert_eq!(shown("svs init demo/"), stderr(&output));
    let lint = svs()
        .args(["lint", "demo/"])
        .current_dir(temp.path())
        .output()
        .expect("svs runs");
    assert_eq!(
        shown("svs lint demo/"),
        String::from_utf8(lint.stdout).unwrap()
    );
}
