//! `svs history` keeps a relationship's assessment from the commit before when nothing it
//! reads changed (src/history/again.rs). These tests walk a history of varied edits and
//! check that every commit's figures are still exactly those `svs assess` gives for that
//! commit's checkout, as of its date.

use crate::common;

use std::fs;
use std::path::Path;

use common::{catalog, copy_dir, svs};

/// Replaces the first `from` in `path` by `to`, which must be there.
/// Runs git in `dir`, dated `day` at noon UTC when given (see [`common::git_at`]).
fn git_at(dir: &Path, day: Option<&str>, args: &[&str]) -> String {
    common::git_at(dir, day.map(|d| format!("{d}T12:00:00Z")).as_deref(), args)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The training relationship, again under another id and for 12 delegates: a second
/// consumer of the same service, so the first one's share of its pool moves.
const SECOND: &str = "
  - id: orbis-itil4-second-wave
    provider: clearpath
    consumer: orbis
    offering: itil4-foundation-onsite
    quantity: 12
    roles:
      customer: [helen-marsh]
      sponsor: [raj-patel]
      user: [orbis-it-staff]
    requirements:
      outcomes:
        - { outcome: staff-certified, priority: must, weight: 2 }
      warranty:
        service_levels:
          - { metric: first-time-pass-pct, min: 85 }
";

/// A running cost of the training course.
const ROOM: &str = "    running_costs:
      - { name: course room hire, dimension: partners-and-suppliers, amount: 6000, per: year }
";

/// A record of the training relationship for 2026-Q2 that spends more than its budget.
const RECORD: &str = "
  - relationship: orbis-itil4-foundation
    period: 2026-Q2
    outcomes:
      - { outcome: staff-certified, achieved: true }
    spend:
      - { name: course, category: price, amount: 40000 }
";

/// Commits, one a fortnight, each making one kind of edit; returns how many.
fn varied_history(repo: &Path) -> usize {
    let dir = repo.join("catalog");
    copy_dir(&catalog(""), &dir);
    let training = dir.join("training.yaml");
    let mut edits: Vec<Box<dyn Fn()>> = vec![
        // The course's room hire, a pool its consumers share by quantity.
        Box::new(|| {
            edit(
                &training,
                "    warranty:\n      capacity:",
                &format!("{ROOM}    warranty:\n      capacity:"),
            );
        }),
        // A figure: more delegates.
        Box::new(|| edit(&training, "quantity: 24", "quantity: 30")),
        // A relationship added, sharing the service's pool.
        Box::new(|| {
            let text = fs::read_to_string(&training).unwrap();
            fs::write(&training, format!("{text}{SECOND}")).unwrap();
        }),
        // Its quantity: the first relationship's share of the room hire moves alone.
        Box::new(|| edit(&training, "quantity: 12", "quantity: 36")),
        // An offering's price and a service's warranty.
        Box::new(|| edit(&training, "amount: 1150", "amount: 1250")),
        Box::new(|| {
            edit(
                &training,
                "first-time-pass-pct, min: 92",
                "first-time-pass-pct, min: 80",
            );
        }),
        // An organisation's target margin and an outcome's name.
        Box::new(|| {
            edit(
                &training,
                "name: Clearpath Learning Ltd",
                "name: Clearpath Learning Ltd\n    target_margin: 40",
            );
        }),
        Box::new(|| {
            edit(
                &training,
                "name: Staff hold the ITIL 4",
                "name: Staff now hold the ITIL 4",
            );
        }),
        // A budget that ends mid-year, then a record over it, then the budget lasting longer.
        Box::new(|| {
            edit(
                &training,
                "      user: [orbis-it-staff]\n    provision:",
                "      user: [orbis-it-staff]\n    budget: { amount: 1000, per: month, authorised_by: raj-patel, until: 2026-03-31 }\n    provision:",
            );
        }),
        Box::new(|| {
            edit(
                &dir.join("evidence.yaml"),
                "evidence:\n",
                &format!("evidence:{RECORD}"),
            );
        }),
        Box::new(|| edit(&training, "until: 2026-03-31", "until: 2026-12-31")),
        // A file that stops loading, and loads again.
        Box::new(|| {
            let text = fs::read_to_string(&training).unwrap();
            fs::write(&training, format!("{text}broken: [\n")).unwrap();
        }),
        Box::new(|| edit(&training, "broken: [\n", "")),
        // The added relationship removed; lines moved within a file.
        Box::new(|| {
            edit(
                &training,
                &SECOND.replace("quantity: 12", "quantity: 36"),
                "",
            );
        }),
        Box::new(|| {
            let text = fs::read_to_string(&training).unwrap();
            fs::write(&training, format!("# moved down a line\n{text}")).unwrap();
        }),
        // A file renamed, so the files are read in another order.
        Box::new(|| fs::rename(&training, dir.join("a-training.yaml")).unwrap()),
    ];
    let count = edits.len();
    for (i, make) in edits.drain(..).enumerate() {
        make();
        let date = format!(
            "2026-{:02}-{:02}",
            1 + i / 2,
            if i % 2 == 0 { 5 } else { 19 }
        );
        git_at(repo, None, &["add", "-A"]);
        git_at(
            repo,
            Some(&date),
            &["commit", "-q", "-m", &format!("edit {i}")],
        );
    }
    count
}

/// The figures a history point shows, named as `svs assess` names them.
fn assessed_figures(r: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "verdict": r["verdict"],
        "net_value": r["net_value"],
        "utility": r["utility"]["score"],
        "warranty": r["warranty"]["score"],
        "margin": r["provider_side"]["margin"],
        "co_creation": r["co_creation"],
        "delivered": r["delivered"]["verdict"],
    })
}

fn point_figures(p: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "verdict": p["verdict"],
        "net_value": p["net_value"],
        "utility": p["utility"],
        "warranty": p["warranty"],
        "margin": p["margin"],
        "co_creation": p["co_creation"],
        "delivered": p["delivered"],
    })
}

/// Each relationship's figures at commit `step` of a history document: its last point
/// at or before it, unless that point says it was removed.
fn figures_at(document: &serde_json::Value, step: usize) -> Vec<(String, serde_json::Value)> {
    let revs: Vec<&serde_json::Value> = document["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["rev"])
        .collect();
    let mut figures = Vec::new();
    for series in document["relationships"].as_array().unwrap() {
        let last = series["points"]
            .as_array()
            .unwrap()
            .iter()
            .rfind(|p| revs.iter().position(|r| **r == p["rev"]).unwrap() <= step);
        if let Some(point) = last.filter(|p| p["verdict"] != "removed") {
            figures.push((series["id"].as_str().unwrap().to_owned(), point.clone()));
        }
    }
    figures
}

/// Checks every commit of `document` (the history of `catalog` in `repo`) that loads
/// against `svs assess` of its checkout as of its date: the same relationships with the
/// same figures. Returns how many points came after the first commit.
pub fn assert_each_commit_assessed_as_its_checkout(
    repo: &Path,
    document: &serde_json::Value,
) -> usize {
    let checkout = tempfile::tempdir().unwrap();
    let clone = checkout.path().join("clone");
    git_at(
        checkout.path(),
        None,
        &["clone", "-q", repo.to_str().unwrap(), "clone"],
    );
    let mut moved = 0;
    for (step, commit) in document["commits"].as_array().unwrap().iter().enumerate() {
        if commit["loads"] == false {
            continue;
        }
        git_at(
            &clone,
            None,
            &["checkout", "-q", commit["rev"].as_str().unwrap()],
        );
        let output = svs()
            .current_dir(&clone)
            .args(["assess", "catalog", "--format", "json", "--as-of"])
            .arg(commit["date"].as_str().unwrap())
            .output()
            .unwrap();
        let assessed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let relationships = assessed["relationships"].as_array().unwrap();
        let history = figures_at(document, step);
        let mut ids: Vec<&str> = history.iter().map(|(id, _)| id.as_str()).collect();
        let mut expected: Vec<&str> = relationships
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        ids.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids, expected, "the relationships at {commit}");
        for (id, point) in &history {
            let r = relationships
                .iter()
                .find(|r| r["id"] == id.as_str())
                .unwrap();
            assert_eq!(
                point_figures(point),
                assessed_figures(r),
                "{id} at {commit}"
            );
            moved += usize::from(step > 0 && point["rev"] == commit["rev"]);
        }
    }
    moved
}

/// `svs history catalog --format json` in `repo`, which must succeed.
fn history_json(repo: &Path) -> serde_json::Value {
    history_of(repo, "catalog")
}

/// `svs history PATH --format json` in `dir`, which must succeed.
fn history_of(dir: &Path, path: &str) -> serde_json::Value {
    let output = svs()
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(["history", path, "--format", "json", "--color", "never"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// An edit of a repository's files, made before its commit.
type Edit<'a> = Box<dyn Fn() + 'a>;

#[test]
fn a_directory_followed_from_commit_to_commit_holds_what_each_checkout_holds() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_at(repo, None, &["init", "-q"]);
    let catalog_dir = repo.join("catalog");
    copy_dir(&catalog(""), &catalog_dir);
    let deep = catalog_dir.join("more/deep");
    let training = deep.join("training.yaml");
    let foreign = "on: push\njobs: {}\n";
    let edits: Vec<(&str, Edit)> = vec![
        ("the bundled catalogue", Box::new(|| {})),
        (
            "a file moved into a new directory",
            Box::new(|| {
                fs::create_dir_all(&deep).unwrap();
                fs::rename(catalog_dir.join("training.yaml"), &training).unwrap();
            }),
        ),
        (
            "a file removed",
            Box::new(|| fs::remove_file(catalog_dir.join("improvements.yaml")).unwrap()),
        ),
        (
            "a directory left out by a .svsignore in the catalogue",
            Box::new(|| fs::write(catalog_dir.join(".svsignore"), "evidence/\n").unwrap()),
        ),
        (
            "a foreign file, left out by a .svsignore above the catalogue",
            Box::new(|| {
                fs::write(catalog_dir.join("notes.yaml"), foreign).unwrap();
                fs::write(repo.join(".svsignore"), "notes.yaml\n").unwrap();
            }),
        ),
        (
            "the .svsignore above no longer leaves it out",
            Box::new(|| fs::write(repo.join(".svsignore"), "other.yaml\n").unwrap()),
        ),
        (
            "and again",
            Box::new(|| fs::write(repo.join(".svsignore"), "notes.yaml\n").unwrap()),
        ),
        (
            "a price in the moved file",
            Box::new(|| edit(&training, "amount: 1150", "amount: 1250")),
        ),
        (
            "a file that is not YAML, and a hidden one",
            Box::new(|| {
                fs::write(catalog_dir.join("README.md"), "# notes\n").unwrap();
                fs::create_dir_all(catalog_dir.join(".hidden")).unwrap();
                fs::write(catalog_dir.join(".hidden/x.yaml"), foreign).unwrap();
            }),
        ),
        (
            "the evidence back",
            Box::new(|| fs::remove_file(catalog_dir.join(".svsignore")).unwrap()),
        ),
        (
            "the moved file removed with its directory",
            Box::new(|| fs::remove_dir_all(catalog_dir.join("more")).unwrap()),
        ),
    ];
    for (i, (subject, make)) in edits.iter().enumerate() {
        make();
        git_at(repo, None, &["add", "-A"]);
        let date = format!("2026-{:02}-10", 1 + i);
        git_at(repo, Some(&date), &["commit", "-q", "-m", subject]);
    }
    let document = history_json(repo);
    let commits = document["commits"].as_array().unwrap();
    let subjects: Vec<&str> = commits
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    // A file left out from the start, a non-YAML and a hidden file change no catalogue
    // file.
    let expected: Vec<&str> = edits
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| !s.starts_with("a file that is not YAML") && !s.starts_with("a foreign"))
        .collect();
    assert_eq!(subjects, expected);
    let loads: Vec<bool> = commits.iter().map(|c| c["loads"] == true).collect();
    // The foreign file is read where the .svsignore above no longer leaves it out.
    assert_eq!(
        loads,
        [true, true, true, true, false, true, true, true, true]
    );
    let moved = assert_each_commit_assessed_as_its_checkout(repo, &document);
    assert!(moved >= 3, "{moved} points after the first commit");
    // The same, read as the whole repository and from within the directory.
    for (dir, path) in [(repo.to_path_buf(), "."), (catalog_dir.clone(), ".")] {
        let again = history_of(&dir, path);
        assert_eq!(
            again["commits"],
            document["commits"],
            "{path} in {}",
            dir.display()
        );
        assert_eq!(again["relationships"], document["relationships"]);
    }
}

#[test]
fn kept_assessments_give_what_a_full_assessment_of_each_commit_gives() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_at(repo, None, &["init", "-q"]);
    let count = varied_history(repo);
    let document = history_json(repo);
    let commits = document["commits"].as_array().unwrap();
    assert_eq!(commits.len(), count);
    let broken: Vec<usize> = (0..count)
        .filter(|&i| commits[i]["loads"] == false)
        .collect();
    assert_eq!(broken, [11], "only the half-written file does not load");
    let moved = assert_each_commit_assessed_as_its_checkout(repo, &document);
    // The edits move figures: the walk does not compare a history that stands still.
    assert!(moved >= 8, "{moved} points after the first commit");
    let second = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "orbis-itil4-second-wave")
        .expect("the added relationship has a series");
    let verdicts: Vec<&str> = second["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts.last(), Some(&"removed"), "{verdicts:?}");
}
