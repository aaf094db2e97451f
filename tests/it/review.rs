//! `svs review`: the pack for a relationship's joint review (SPEC §11.4), run on copies of
//! the bundled catalogue, some of them in small git repositories whose commits have fixed
//! dates, so that "since the last review" and the pack itself are the same on every run.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{catalog, copy_dir, svs};

/// The relationship the bundled catalogue finds a lint finding on (SVS318).
const CALDER: &str = "calder-business-account";

/// A directory holding `catalog/`, a copy of the bundled catalogue without its
/// `management` blocks and improvement register (each test gives the ones it is about),
/// outside any git repository.
fn catalogue_copy() -> tempfile::TempDir {
    let dir = bundled_copy();
    strip_management(&dir.path().join("catalog"));
    fs::remove_file(dir.path().join("catalog/improvements.yaml")).unwrap();
    dir
}

/// A directory holding `catalog/`, a copy of the bundled catalogue as it is.
fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&catalog(""), &dir.path().join("catalog"));
    dir
}

/// Runs `svs review ARGS` in `dir`.
fn review_in(dir: &Path, args: &[&str]) -> Output {
    svs()
        .current_dir(dir)
        .arg("review")
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("svs runs")
}

/// `svs review harbour-corporate-mobile` of the catalogue under `dir`, as of 1 December 2026.
fn harbour_pack(dir: &Path) -> Output {
    review_in(
        dir,
        &[
            "harbour-corporate-mobile",
            "-C",
            "catalog",
            "--as-of",
            "2026-12-01",
        ],
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8")
}

/// The `###` headings of a Markdown pack, in order.
fn headings(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect()
}

#[test]
fn help_shows_an_example_and_how_the_catalogue_is_given() {
    let output = svs().args(["review", "--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    assert!(help.contains("svs review -C catalog/"), "{help}");
    assert!(help.contains("--due"), "{help}");
    assert!(help.contains("relationship ids"), "{help}");
}

#[test]
fn a_named_relationship_gets_the_six_sections_in_order() {
    let dir = catalogue_copy();
    let output = review_in(
        dir.path(),
        &[CALDER, "-C", "catalog", "--as-of", "2026-12-01"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    assert!(
        pack.starts_with(
            "# Review pack: itil4-teaching-cases\n\nAs of 2026-12-01: 1 relationship.\n"
        )
    );
    assert!(pack.contains(&format!("## Review: `{CALDER}`")));
    assert_eq!(
        headings(&pack),
        [
            "1. The relationship",
            "2. Value now",
            "3. Since the last review",
            "4. Evidence",
            "5. Improvements",
            "6. Lint findings",
        ]
    );
    // Without a management block, nothing is agreed and nothing is compared.
    assert!(
        pack.contains(
            "- Management: none: no manager, counterpart or cadence is agreed for this \
             relationship\n"
        ),
        "{pack}"
    );
    assert!(pack.contains("No review yet"), "{pack}");
}

#[test]
fn value_now_is_the_assessment_of_svs_assess() {
    let dir = catalogue_copy();
    let output = harbour_pack(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    let assess = svs()
        .current_dir(dir.path())
        .args([
            "assess",
            "catalog",
            "--format",
            "json",
            "--as-of",
            "2026-12-01",
        ])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&assess.stdout).unwrap();
    let harbour = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "harbour-corporate-mobile")
        .unwrap();
    assert_eq!(harbour["verdict"], "value");
    assert_eq!(harbour["net_value"], 31026.67);
    assert!(
        pack.contains("| ✅ value | 88.89 ✓ | 100.00 ✓ (6/6) | 31,026.67 GBP | 68,353.33 GBP (26.34 %) | ✅ sustainable | 🤝 mutual | ✅ as-agreed 2026-Q3 |"),
        "{pack}"
    );
}

#[test]
fn the_evidence_shows_agreed_against_achieved_spend_and_perception_per_role() {
    let dir = catalogue_copy();
    let output = harbour_pack(dir.path());
    let pack = stdout(&output);
    // Every period with evidence, without a last review to start from.
    for period in ["2026-Q1", "2026-Q2", "2026-Q3"] {
        assert!(
            pack.contains(&format!("| {period} | ✅ as-agreed | — | ")),
            "{period}: {pack}"
        );
    }
    assert!(pack.contains("| 2026-Q3 | ✅ as-agreed | — | 66,000.00 GBP | 66,133.33 GBP | -133.33 GBP | 67,500.00 GBP | 0.00 GBP | 0.00 GBP | 2,750.00 GBP |"), "{pack}");
    assert!(
        pack.contains("| 2026-Q1 | `availability` | 99.5 | 99.82 | ✓ met |"),
        "{pack}"
    );
    assert!(pack.contains("| 2026-Q3 | users | 77.50 | 265 |"), "{pack}");
    assert!(
        pack.contains("| 2026-Q3 | customers | 80.00 | 2 |"),
        "{pack}"
    );
}

#[test]
fn the_findings_are_those_on_the_relationship_and_its_offering() {
    let dir = bundled_copy();
    let calder = stdout(&review_in(
        dir.path(),
        &[CALDER, "-C", "catalog", "--as-of", "2026-12-01"],
    ));
    let findings = calder.split("### 6. Lint findings").nth(1).unwrap();
    assert!(
        findings.contains("`SVS318 value-not-perceived`"),
        "{findings}"
    );
    assert!(
        findings.contains("| catalog/evidence.yaml:100:9 |"),
        "{findings}"
    );
    let harbour = stdout(&harbour_pack(dir.path()));
    assert!(harbour.contains("No finding on the relationship or its offering."));
    assert!(!harbour.contains("SVS318"));
}

#[test]
fn an_unknown_id_is_a_usage_error_with_the_closest_id() {
    let dir = catalogue_copy();
    let output = review_in(dir.path(), &["calder-business-acount", "-C", "catalog"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: svs review calder-business-acount: no relationship has this id (did you \
         mean `calder-business-account`?)\n"
    );
}

#[test]
fn a_catalogue_path_where_an_id_goes_says_to_give_it_with_dash_c() {
    let dir = catalogue_copy();
    let output = review_in(dir.path(), &["catalog/"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`svs review -C catalog/`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_catalogue_without_management_says_how_to_add_a_block() {
    let dir = catalogue_copy();
    let output = review_in(dir.path(), &["-C", "catalog"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("no relationship of the catalogue has a `management` block"));
    assert!(
        message.contains("    management:"),
        "a block to paste: {message}"
    );
    assert!(message.contains("      cadence: quarter"), "{message}");
    assert!(output.stdout.is_empty());
}

/// Leaves the catalogue under `dir` without any `management` block.
fn strip_management(dir: &Path) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            strip_management(&path);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let text = fs::read_to_string(&path).unwrap();
            let mut kept = Vec::new();
            let mut skipping: Option<usize> = None;
            for line in text.lines() {
                let indent = line.len() - line.trim_start().len();
                if let Some(level) = skipping {
                    if line.trim().is_empty() || indent > level {
                        continue;
                    }
                    skipping = None;
                }
                if line.trim_start().starts_with("management:") {
                    skipping = Some(indent);
                    continue;
                }
                kept.push(line);
            }
            fs::write(&path, kept.join("\n") + "\n").unwrap();
        }
    }
}

#[test]
fn output_is_a_new_file_written_whole_and_never_overwritten() {
    let dir = catalogue_copy();
    let target = dir.path().join("pack.md");
    let output = review_in(
        dir.path(),
        &[
            CALDER,
            "-C",
            "catalog",
            "--as-of",
            "2026-12-01",
            "-o",
            "pack.md",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "wrote pack.md: As of 2026-12-01: 1 relationship.\n"
    );
    let written = fs::read_to_string(&target).unwrap();
    let printed = stdout(&review_in(
        dir.path(),
        &[CALDER, "-C", "catalog", "--as-of", "2026-12-01"],
    ));
    assert_eq!(written, printed);

    // A second run refuses the file that exists and leaves it as it was.
    fs::write(&target, "kept").unwrap();
    let output = review_in(dir.path(), &[CALDER, "-C", "catalog", "-o", "pack.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("-o pack.md: the file exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "kept");
    // No temporary file is left beside it.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // A YAML name would join the catalogue the next time a directory is read.
    let output = review_in(
        dir.path(),
        &[CALDER, "-C", "catalog", "-o", "catalog/pack.yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("catalog/pack.yaml").exists());
}

#[test]
fn the_same_input_and_date_give_the_same_bytes() {
    let dir = catalogue_copy();
    for format in ["markdown", "html"] {
        let args = [
            CALDER,
            "-C",
            "catalog",
            "--as-of",
            "2026-12-01",
            "--format",
            format,
        ];
        let first = review_in(dir.path(), &args);
        let second = review_in(dir.path(), &args);
        assert_eq!(first.status.code(), Some(0));
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn the_html_pack_fetches_nothing_and_renders_in_a_real_browser() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    fs::write(dir.path().join("catalog/improvements.yaml"), REGISTER).unwrap();
    let output = review_in(
        dir.path(),
        &[
            CALDER,
            "harbour-corporate-mobile",
            "-C",
            "catalog",
            "--as-of",
            "2026-12-01",
            "--format",
            "html",
            "-o",
            "pack.html",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page_path = dir.path().join("pack.html");
    let page = fs::read_to_string(&page_path).unwrap();
    for fetch in [
        "<script", "<link", "src=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!page.contains(fetch), "the page fetches nothing: {fetch}");
    }
    let dom =
        crate::report_html::chromium(&["--dump-dom", &crate::report_html::url(&page_path)]).stdout;
    let dom = scraper::Html::parse_document(&String::from_utf8(dom).unwrap());
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let articles: Vec<_> = dom.select(&select("article.review")).collect();
    let ids: Vec<&str> = articles
        .iter()
        .map(|a| a.value().attr("data-relationship").unwrap())
        .collect();
    // Catalogue order, whatever the order named.
    assert_eq!(ids, [CALDER, "harbour-corporate-mobile"]);
    for article in &articles {
        let sections: Vec<String> = article
            .select(&select("section > h3"))
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(
            sections,
            [
                "1. The relationship",
                "2. Value now",
                "3. Since the last review",
                "4. Evidence",
                "5. Improvements",
                "6. Lint findings",
            ]
        );
    }
    let harbour: String = articles[1].text().collect();
    assert!(harbour.contains("31,026.67 GBP"), "{harbour}");
    assert!(harbour.contains("✓ value"));
    let verdicts: Vec<_> = articles[1].select(&select("span.verdict.value")).collect();
    assert_eq!(verdicts.len(), 1);
    assert!(
        harbour.contains(
            "Net value if the open improvements land: 38,026.67 GBP a year (now 31,026.67 \
             GBP, expected 7,000.00 GBP)"
        ),
        "{harbour}"
    );
    let open: Vec<String> = articles[1]
        .select(&select("tbody tr"))
        .map(|row| row.text().collect::<String>())
        .filter(|row| row.starts_with("esim-rollout"))
        .collect();
    assert_eq!(open.len(), 1, "the open improvement's row");
    assert!(open[0].contains("⚠️ overdue"), "{}", open[0]);
}

// --- With a management block, and the catalogue's history --------------------------

/// Northwave stops assuring encryption in transit, which Harbour requires.
const WEAKER_SECURITY: (&str, &str) = (
    "security: [encryption-in-transit, sim-pin-enforced, lost-device-barring]",
    "security: [sim-pin-enforced, lost-device-barring]",
);

const HARBOUR: &str = "harbour-corporate-mobile";

/// Gives Harbour's relationship a quarterly review, last held on `last_review` when given.
fn manage(dir: &Path, last_review: Option<&str>) {
    let path = dir.join("catalog/mobile-phones.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let last_review = last_review
        .map(|day| format!("      last_review: {day}\n"))
        .unwrap_or_default();
    let block = format!(
        "    management:\n      manager: dan-osei\n      counterpart: priya-raman\n      \
         cadence: quarter\n{last_review}"
    );
    let anchor = format!("  - id: {HARBOUR}\n");
    assert!(text.contains(&anchor));
    fs::write(&path, text.replace(&anchor, &format!("{anchor}{block}"))).unwrap();
}

fn edit(dir: &Path, (from, to): (&str, &str)) {
    let path = dir.join("catalog/mobile-phones.yaml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(&path, text.replace(from, to)).unwrap();
}

/// Runs git in `dir` dated `date` (see [`common::git_at`]).
fn git(dir: &Path, date: &str, args: &[&str]) -> String {
    common::git_at(dir, Some(date), args)
}

fn commit(dir: &Path, date: &str, message: &str) -> String {
    git(dir, date, &["add", "."]);
    git(dir, date, &["commit", "-q", "-m", message]);
    git(dir, date, &["rev-parse", "--short", "HEAD"])
        .trim()
        .to_owned()
}

/// A repository whose history is: the catalogue with Harbour's review last held on
/// 5 October 2026 (1 September); Northwave drops encryption in transit (6 October at
/// 01:30 in UTC+2, still the 5th in UTC); it restores it (5 October at 22:30 in UTC-5,
/// already the 6th in UTC). Returns the repository and the commits' short hashes.
fn history() -> (tempfile::TempDir, [String; 3]) {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    git(dir.path(), "2026-09-01T12:00:00+00:00", &["init", "-q"]);
    let first = commit(dir.path(), "2026-09-01T12:00:00+00:00", "Catalogue");
    edit(dir.path(), WEAKER_SECURITY);
    let weaker = commit(
        dir.path(),
        "2026-10-06T01:30:00+02:00",
        "Northwave drops encryption in transit",
    );
    edit(dir.path(), (WEAKER_SECURITY.1, WEAKER_SECURITY.0));
    let restored = commit(
        dir.path(),
        "2026-10-05T22:30:00-05:00",
        "Northwave restores encryption in transit",
    );
    (dir, [first, weaker, restored])
}

/// The text of section 3 of a Markdown pack.
fn section_3(pack: &str) -> &str {
    let from = pack
        .find("### 3. Since the last review")
        .expect("section 3");
    let to = pack.find("### 4. Evidence").expect("section 4");
    &pack[from..to]
}

#[test]
fn since_the_last_review_is_the_diff_from_the_last_commit_on_or_before_it_in_utc() {
    let (repo, [_, weaker, _]) = history();
    let output = review_in(repo.path(), &["-C", "catalog", "--as-of", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    let since = section_3(&pack);
    assert!(
        since.contains(&format!(
            "**From commit {weaker} (2026-10-05, Northwave drops encryption in transit) to \
             the catalogue now:**"
        )),
        "{since}"
    );
    // As `svs diff` reports it: the encryption restored since is an improvement.
    assert!(
        since.contains(&format!("| `{HARBOUR}` | 🔺 improved |")),
        "{since}"
    );
    // The work tree is read as it is: an uncommitted change shows too.
    edit(repo.path(), WEAKER_SECURITY);
    let pack = stdout(&review_in(
        repo.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    let since = section_3(&pack);
    assert!(
        since.contains("No relationship changed") || !since.contains("🔺 improved"),
        "{since}"
    );
}

#[test]
fn since_the_last_review_matches_svs_diff_of_that_commit() {
    let (repo, [_, weaker, _]) = history();
    let pack = stdout(&review_in(
        repo.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    let diff = svs()
        .current_dir(repo.path())
        .args([
            "diff",
            &format!("{weaker}:catalog"),
            "catalog",
            "--format",
            "markdown",
        ])
        .args(["--as-of", "2026-12-01"])
        .output()
        .unwrap();
    let diff = stdout(&diff);
    // Every table row of the diff's Markdown is in the pack's section 3.
    let since = section_3(&pack);
    let rows: Vec<&str> = diff.lines().filter(|l| l.starts_with("| `")).collect();
    assert!(!rows.is_empty(), "{diff}");
    for row in rows {
        assert!(since.contains(row), "{row}\n{since}");
    }
}

#[test]
fn a_last_review_before_the_first_commit_has_nothing_to_compare_with() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-08-31"));
    git(dir.path(), "2026-09-01T00:30:00+00:00", &["init", "-q"]);
    commit(dir.path(), "2026-09-01T00:30:00+00:00", "Catalogue");
    let pack = stdout(&review_in(
        dir.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    assert!(
        section_3(&pack)
            .contains("No commit of the catalogue's history is on or before 2026-08-31."),
        "{pack}"
    );
}

#[test]
fn outside_a_git_work_tree_the_history_is_not_available_and_that_is_no_error() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    let output = review_in(dir.path(), &["-C", "catalog", "--as-of", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        section_3(&stdout(&output)).contains(
            "The history is not available: the current directory is not in a Git work tree."
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_catalogue_in_another_work_tree_is_named_where_the_history_is_not_available() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    crate::common::git_at(dir.path(), None, &["init", "-q"]);
    crate::common::git_at(dir.path(), None, &["add", "-A"]);
    crate::common::git_at(
        dir.path(),
        Some("2026-09-01T12:00:00Z"),
        &["commit", "-q", "-m", "c"],
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("catalog");
    let output = review_in(
        elsewhere.path(),
        &["-C", catalogue.to_str().unwrap(), "--as-of", "2026-12-01"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let top = fs::canonicalize(dir.path()).unwrap();
    let expected = format!(
        "The history is not available: the current directory is not in a Git work tree; \
         the catalogue is in the one at {}: run svs review from there.",
        top.display()
    );
    assert!(
        section_3(&stdout(&output)).contains(&expected),
        "{}",
        stdout(&output)
    );
}

#[test]
fn without_ids_every_managed_relationship_is_reviewed_with_its_schedule() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    let output = review_in(dir.path(), &["-C", "catalog", "--as-of", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    assert!(
        pack.contains("As of 2026-12-01: 1 relationship.\n"),
        "{pack}"
    );
    assert_eq!(pack.matches("## Review: ").count(), 1);
    for line in [
        "- Relationship manager: `dan-osei`",
        "- Counterpart: `priya-raman`",
        "- Cadence: quarter",
        "- Last review: 2026-10-05",
        "- Next review: 2027-01-05",
    ] {
        assert!(pack.contains(&format!("{line}\n")), "{line}: {pack}");
    }
    let late = stdout(&review_in(
        dir.path(),
        &["-C", "catalog", "--as-of", "2027-02-01"],
    ));
    assert!(
        late.contains("- Next review: 2027-01-05, overdue at 2027-02-01\n"),
        "{late}"
    );
}

#[test]
fn due_reviews_only_those_due_and_says_when_none_is() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    let output = review_in(
        dir.path(),
        &["--due", "-C", "catalog", "--as-of", "2027-01-04"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "No review is due at 2027-01-04.\n");
    // With -o, nothing is written and the word goes to standard error.
    let output = review_in(
        dir.path(),
        &[
            "--due",
            "-C",
            "catalog",
            "--as-of",
            "2027-01-04",
            "-o",
            "due.md",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "No review is due at 2027-01-04.\n");
    assert!(!dir.path().join("due.md").exists());
    // Due on the day itself.
    let output = review_in(
        dir.path(),
        &["--due", "-C", "catalog", "--as-of", "2027-01-05"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(&format!("## Review: `{HARBOUR}`")));
    // A named relationship that is not due is not reviewed under --due.
    let output = review_in(
        dir.path(),
        &[HARBOUR, "--due", "-C", "catalog", "--as-of", "2026-12-01"],
    );
    assert_eq!(stdout(&output), "No review is due at 2026-12-01.\n");
}

#[test]
fn a_relationship_never_reviewed_is_due_now_with_all_its_evidence() {
    let dir = catalogue_copy();
    manage(dir.path(), None);
    let output = review_in(
        dir.path(),
        &["--due", "-C", "catalog", "--as-of", "2026-12-01"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    assert!(
        pack.contains("- Next review: due now: no review yet\n"),
        "{pack}"
    );
    for period in ["2026-Q1", "2026-Q2", "2026-Q3"] {
        assert!(
            pack.contains(&format!("| {period} | ✅ as-agreed |")),
            "{period}"
        );
    }
}

#[test]
fn the_evidence_is_of_the_periods_that_end_after_the_last_review() {
    let dir = catalogue_copy();
    // 2026-Q2 ends on the day of the review: it was reviewed then.
    manage(dir.path(), Some("2026-06-30"));
    let pack = stdout(&review_in(
        dir.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    assert!(pack.contains("| 2026-Q3 | ✅ as-agreed |"), "{pack}");
    assert!(!pack.contains("| 2026-Q2 |"), "{pack}");
    assert!(!pack.contains("| 2026-Q1 |"), "{pack}");
    manage_again(dir.path(), "2026-06-30", "2026-10-05");
    let pack = stdout(&review_in(
        dir.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    assert!(
        pack.contains("No period with evidence ends after 2026-10-05."),
        "{pack}"
    );
}

fn manage_again(dir: &Path, from: &str, to: &str) {
    edit(
        dir,
        (
            &format!("last_review: {from}"),
            &format!("last_review: {to}"),
        ),
    );
}

#[test]
fn the_review_pack_snapshot() {
    let (repo, _) = history();
    let output = review_in(
        repo.path(),
        &[HARBOUR, "-C", "catalog", "--as-of", "2026-12-01"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

/// Harbour's register: one open improvement overdue at 2026-12-01 with an expected value
/// (5,000 of costs a year, 500 of risks a quarter), one done after the last review, one
/// done before it, one dropped.
const REGISTER: &str = "\
svs: 1
improvements:
  - id: esim-rollout
    relationship: harbour-corporate-mobile
    name: Move handsets to eSIM
    owner: dan-osei
    status: agreed
    raised: 2026-07-01
    due: 2026-11-30
    expected:
      costs_removed: { amount: 5000, per: year }
      risks_removed: { amount: 500, per: quarter }
  - id: remote-wipe
    relationship: harbour-corporate-mobile
    name: Wipe lost handsets remotely
    owner: priya-raman
    status: done
    raised: 2026-06-01
    done: 2026-10-20
  - id: roaming-alerts
    relationship: harbour-corporate-mobile
    name: Alert users before roaming charges
    owner: dan-osei
    status: done
    raised: 2026-05-01
    done: 2026-09-15
  - id: paper-bills
    relationship: harbour-corporate-mobile
    name: Stop paper bills
    owner: dan-osei
    status: dropped
    raised: 2026-05-01
";

#[test]
fn improvements_open_and_done_since_and_the_net_value_if_they_land() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    fs::write(dir.path().join("catalog/improvements.yaml"), REGISTER).unwrap();
    let output = review_in(dir.path(), &["-C", "catalog", "--as-of", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    let from = pack.find("### 5. Improvements").unwrap();
    let to = pack.find("### 6. Lint findings").unwrap();
    let section = &pack[from..to];
    // 31,026.67 now, plus 5,000 + 4 × 500 a year.
    assert!(
        section.contains(
            "- Net value if the open improvements land: 38,026.67 GBP a year (now 31,026.67 \
             GBP, expected 7,000.00 GBP)\n"
        ),
        "{section}"
    );
    assert!(
        section.contains(
            "| `esim-rollout` | Move handsets to eSIM | agreed | `dan-osei` | 2026-07-01 | \
             2026-11-30 | ⚠️ overdue | 7,000.00 GBP |"
        ),
        "{section}"
    );
    assert!(
        section.contains(
            "| `remote-wipe` | Wipe lost handsets remotely | `priya-raman` | 2026-10-20 | — |"
        ),
        "{section}"
    );
    // Done before the last review, or dropped: not part of this review.
    assert!(!section.contains("roaming-alerts"), "{section}");
    assert!(!section.contains("paper-bills"), "{section}");
}

#[test]
fn without_improvements_the_net_value_stays_as_it_is() {
    let dir = catalogue_copy();
    manage(dir.path(), Some("2026-10-05"));
    let pack = stdout(&review_in(
        dir.path(),
        &["-C", "catalog", "--as-of", "2026-12-01"],
    ));
    assert!(
        pack.contains(
            "- Net value if the open improvements land: 31,026.67 GBP a year (now 31,026.67 \
             GBP, expected 0.00 GBP)\n\n- Open: none\n"
        ),
        "{pack}"
    );
    assert!(pack.contains("- Done since 2026-10-05: none\n"), "{pack}");
}

#[test]
fn a_catalogue_not_yet_in_the_commit_of_the_last_review_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("NOTES.md"), "notes\n").unwrap();
    git(dir.path(), "2026-09-01T12:00:00+00:00", &["init", "-q"]);
    let first = commit(dir.path(), "2026-09-01T12:00:00+00:00", "Notes");
    let copy = catalogue_copy();
    copy_dir(&copy.path().join("catalog"), &dir.path().join("catalog"));
    manage(dir.path(), Some("2026-10-05"));
    commit(dir.path(), "2026-10-10T12:00:00+00:00", "Catalogue");
    let output = review_in(dir.path(), &["-C", "catalog", "--as-of", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pack = stdout(&output);
    assert!(
        section_3(&pack).contains(&format!(
            "**The catalogue at {first} (2026-09-01) cannot be compared: no `catalog` in \
             revision `{first}`.**"
        )),
        "{pack}"
    );
}

#[test]
fn the_bundled_catalogue_has_three_reviews_and_calder_s_is_due() {
    let dir = bundled_copy();
    let every = stdout(&review_in(dir.path(), &["-C", "catalog"]));
    let reviewed: Vec<&str> = every
        .lines()
        .filter_map(|l| l.strip_prefix("## Review: "))
        .collect();
    // Catalogue order; the as-of date is the catalogue's own, 2026-12-01.
    assert_eq!(
        reviewed,
        [
            "`calder-business-account`",
            "`harbour-corporate-mobile`",
            "`meridian-paperless-office`"
        ]
    );
    assert!(every.starts_with(
        "# Review pack: itil4-teaching-cases\n\nAs of 2026-12-01: 3 relationships.\n"
    ));
    let due = stdout(&review_in(dir.path(), &["--due", "-C", "catalog"]));
    let reviewed: Vec<&str> = due
        .lines()
        .filter_map(|l| l.strip_prefix("## Review: "))
        .collect();
    assert_eq!(reviewed, ["`calder-business-account`"]);
    // Harbour's register: 4 × 1,500 + 4,000 and 12 × 600 a year on top of 31,026.67.
    assert!(
        every.contains(
            "- Net value if the open improvements land: 48,226.67 GBP a year (now 31,026.67 \
             GBP, expected 17,200.00 GBP)\n"
        ),
        "{every}"
    );
}

#[test]
fn a_catalogue_of_several_paths_has_no_history_to_compare() {
    let (repo, _) = history();
    fs::write(repo.path().join("extra.yaml"), "svs: 1\n").unwrap();
    let output = review_in(
        repo.path(),
        &["-C", "catalog", "-C", "extra.yaml", "--as-of", "2026-12-01"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        section_3(&stdout(&output)).contains(
            "The history is not available: it is read only for a catalogue given as one \
             PATH (-C)."
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_block_to_paste_names_the_first_relationship_and_a_person_of_each_side() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("catalogue.yaml"),
        "svs: 1
catalogue: { name: Paste, currency: GBP }
organizations:
  - { id: telco, name: Telco }
  - { id: acme, name: Acme }
  - { id: shop, name: Shop }
people:
  - { id: kim, name: Kim, organization: acme }
  - { id: pat, name: Pat, organization: telco }
outcomes:
  - { id: calls, name: Calls, kind: performance }
services:
  - { id: mobile, name: Mobile, provider: telco, outputs: [{ name: calls, enables: [calls] }] }
offerings:
  - { id: plan, name: Plan, provider: telco, services: [mobile] }
relationships:
  - { id: acme-mobile, provider: telco, consumer: acme, offering: plan, roles: { customer: [kim] } }
  - { id: shop-mobile, provider: telco, consumer: shop, offering: plan }
",
    )
    .unwrap();
    let output = review_in(dir.path(), &["-C", "."]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let block = &message[message.find("relationships:").expect("a block")..];
    assert!(
        block.starts_with("relationships:\n  - id: acme-mobile\n"),
        "{block}"
    );
    assert!(
        block.contains("      manager: pat             # the provider's"),
        "{block}"
    );
    assert!(
        block.contains("      counterpart: kim         # the consumer's"),
        "{block}"
    );
    // With no person of the consumer, the place to fill in says whose it is.
    fs::write(
        dir.path().join("catalogue.yaml"),
        fs::read_to_string(dir.path().join("catalogue.yaml"))
            .unwrap()
            .replace("  - { id: kim, name: Kim, organization: acme }\n", "")
            .replace("roles: { customer: [kim] } ", ""),
    )
    .unwrap();
    let message = stderr(&review_in(dir.path(), &["-C", "."]));
    assert!(
        message.contains("      counterpart: CONSUMER-PERSON # the consumer's"),
        "{message}"
    );
}
