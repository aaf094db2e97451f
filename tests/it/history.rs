//! `svs history`: each relationship's value along the first-parent git history of the
//! catalogue (SPEC §11.3). Each test builds a small repository in a temporary directory,
//! with fixed names and dates, so commit ids and output are the same on every run.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{catalog, copy_dir, svs};

/// Runs git in `dir`, dated `day` at noon UTC when given (see [`common::git_at`]).
fn git_at(dir: &Path, day: Option<&str>, args: &[&str]) -> String {
    common::git_at(dir, day.map(|d| format!("{d}T12:00:00Z")).as_deref(), args)
}

fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, None, args)
}

/// Commits everything in `dir` on `date` with `message`.
fn commit(dir: &Path, date: &str, message: &str) {
    git_at(dir, Some(date), &["add", "-A"]);
    git_at(dir, Some(date), &["commit", "-q", "-m", message]);
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn shop() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/history/shop.yaml")
}

/// A repository of `catalog/shop.yaml`, a one-file catalogue, with five commits: the
/// catalogue; a dearer user fee; a README only (no point); a broken file (does not
/// load); the file mended with `delta-mobile` renamed to `delta-phones`.
fn shop_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    fs::create_dir(repo.join("catalog")).unwrap();
    let file = repo.join("catalog/shop.yaml");
    fs::copy(shop(), &file).unwrap();
    commit(repo, "2026-01-05", "Shop: the first catalogue");
    edit(
        &file,
        "name: user fee, amount: 100,",
        "name: user fee, amount: 120,",
    );
    commit(repo, "2026-02-02", "Shop: a dearer user fee");
    fs::write(repo.join("README"), "the shop\n").unwrap();
    commit(repo, "2026-02-16", "A README");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{good}\nbroken: [\n")).unwrap();
    commit(repo, "2026-03-02", "Shop: a half-written key");
    fs::write(
        &file,
        good.replacen("id: delta-mobile", "id: delta-phones", 1),
    )
    .unwrap();
    commit(repo, "2026-04-06", "Shop: delta's relationship renamed");
    dir
}

fn history_in(dir: &Path, args: &[&str]) -> Output {
    svs()
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .arg("history")
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("svs runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
}

fn subjects(document: &serde_json::Value) -> Vec<String> {
    document["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap().to_owned())
        .collect()
}

fn points<'d>(document: &'d serde_json::Value, id: &str) -> &'d Vec<serde_json::Value> {
    document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {document:#}"))["points"]
        .as_array()
        .unwrap()
}

#[test]
fn commits_that_change_the_catalogue_oldest_first_and_a_broken_one_says_so() {
    let repo = shop_repository();
    let document = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    assert_eq!(
        subjects(&document),
        [
            "Shop: the first catalogue",
            "Shop: a dearer user fee",
            "Shop: a half-written key",
            "Shop: delta's relationship renamed"
        ],
        "the README commit changes no catalogue file"
    );
    let broken = &document["commits"][2];
    assert_eq!(broken["loads"], false);
    assert_eq!(broken["problems"], 1);
    assert_eq!(broken["date"], "2026-03-02");
    // The dearer fee moves acme-mobile's figures; hosting is another offering's.
    let acme: Vec<&str> = points(&document, "acme-mobile")
        .iter()
        .map(|p| p["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(acme, ["value", "value", "does-not-load", "value"]);
    let hosting = points(&document, "acme-hosting");
    assert_eq!(
        hosting.len(),
        3,
        "no point where nothing changed: {hosting:#?}"
    );
    let delta: Vec<&str> = points(&document, "delta-mobile")
        .iter()
        .map(|p| p["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(delta, ["no-value", "no-value", "does-not-load", "removed"]);
    let renamed = points(&document, "delta-phones");
    assert_eq!(renamed.len(), 1);
    assert_eq!(renamed[0]["rev"], document["commits"][3]["rev"]);
    let removed = &points(&document, "delta-mobile")[3];
    assert!(removed["net_value"].is_null() && removed["co_creation"].is_null());
}

#[test]
fn the_figures_at_each_commit_are_those_svs_assess_gives_as_of_its_date() {
    let repo = shop_repository();
    // The bundled catalogue too, in a directory of several files.
    copy_dir(&catalog(""), &repo.path().join("catalog/bundled"));
    fs::remove_file(repo.path().join("catalog/shop.yaml")).unwrap();
    commit(repo.path(), "2026-05-04", "The bundled catalogue instead");
    let mobile = repo.path().join("catalog/bundled/mobile-phones.yaml");
    edit(
        &mobile,
        "security: [encryption-in-transit, sim-pin-enforced, lost-device-barring]",
        "security: [sim-pin-enforced, lost-device-barring]",
    );
    commit(repo.path(), "2026-06-01", "Northwave: weaker security");
    let document = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    let commits = document["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 6);
    crate::history_again::assert_each_commit_assessed_as_its_checkout(repo.path(), &document);
    // The weaker security shows: Harbour's verdict falls at the last commit.
    let harbour = points(&document, "harbour-corporate-mobile");
    assert_eq!(harbour.last().unwrap()["rev"], commits[5]["rev"]);
    assert_eq!(harbour.last().unwrap()["verdict"], "no-value");
}

#[test]
fn outside_a_git_work_tree_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(shop(), dir.path().join("shop.yaml")).unwrap();
    let output = history_in(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not in a Git work tree"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_catalogue_in_another_work_tree_is_a_usage_error_that_names_it() {
    let repo = shop_repository();
    let elsewhere = tempfile::tempdir().unwrap();
    let catalogue = repo.path().join("catalog");
    let output = history_in(elsewhere.path(), &[catalogue.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not in a Git work tree"), "{stderr}");
    let top = fs::canonicalize(repo.path()).unwrap();
    assert!(
        stderr.contains(&format!("the catalogue is in the one at {}", top.display())),
        "{stderr}"
    );
    assert!(stderr.contains("run svs history from there"), "{stderr}");
    // From there it reads.
    let output = history_in(repo.path(), &[catalogue.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_shallow_clone_stops_at_its_first_commit_and_says_so() {
    let repo = shop_repository();
    let place = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        place.path(),
        &["clone", "-q", "--depth", "2", &url, "shallow"],
    );
    let output = history_in(&place.path().join("shallow"), &["--format", "json"]);
    let document = json(&output);
    assert_eq!(
        subjects(&document),
        [
            "Shop: a half-written key",
            "Shop: delta's relationship renamed"
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first = document["commits"][0]["rev"].as_str().unwrap();
    assert!(
        stderr.contains(&format!("the history is cut at {first}")),
        "{stderr}"
    );
    // A full clone says nothing of the kind.
    let full = history_in(repo.path(), &["--format", "json"]);
    assert!(!String::from_utf8_lossy(&full.stderr).contains("cut"));
}

#[test]
fn a_merge_is_followed_along_its_first_parent() {
    let repo = shop_repository();
    let file = repo.path().join("catalog/shop.yaml");
    git(repo.path(), &["checkout", "-q", "-b", "cheaper"]);
    edit(
        &file,
        "name: user fee, amount: 120,",
        "name: user fee, amount: 90,",
    );
    commit(
        repo.path(),
        "2026-04-20",
        "Shop: a cheaper fee, on a branch",
    );
    edit(
        &file,
        "name: user fee, amount: 90,",
        "name: user fee, amount: 80,",
    );
    commit(
        repo.path(),
        "2026-04-21",
        "Shop: cheaper still, on a branch",
    );
    git(repo.path(), &["checkout", "-q", "main"]);
    git_at(
        repo.path(),
        Some("2026-05-04"),
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge the cheaper fee",
            "cheaper",
        ],
    );
    let document = json(&history_in(repo.path(), &["--format", "json"]));
    let subjects = subjects(&document);
    assert_eq!(subjects.last().unwrap(), "Merge the cheaper fee");
    assert!(
        !subjects.iter().any(|s| s.contains("on a branch")),
        "{subjects:?}"
    );
    let acme = points(&document, "acme-mobile");
    assert_eq!(acme.last().unwrap()["date"], "2026-05-04");
}

#[test]
fn a_renamed_file_stays_in_a_directory_and_is_followed_as_a_single_file() {
    let repo = shop_repository();
    git(
        repo.path(),
        &["mv", "catalog/shop.yaml", "catalog/market.yaml"],
    );
    commit(repo.path(), "2026-05-04", "Shop: renamed to market");
    let file = repo.path().join("catalog/market.yaml");
    edit(
        &file,
        "name: user fee, amount: 120,",
        "name: user fee, amount: 110,",
    );
    commit(repo.path(), "2026-06-01", "Market: a new fee");
    // The directory: the rename is a commit of the catalogue that moves no figure.
    let document = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    assert_eq!(subjects(&document).len(), 6);
    let acme: Vec<&str> = points(&document, "acme-mobile")
        .iter()
        .map(|p| p["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        acme,
        [
            "2026-01-05",
            "2026-02-02",
            "2026-03-02",
            "2026-04-06",
            "2026-06-01"
        ]
    );
    // The file itself, from within its directory: followed back across the rename, whose
    // blob is the one before it.
    let single = json(&history_in(
        &repo.path().join("catalog"),
        &["market.yaml", "--format", "json"],
    ));
    assert_eq!(
        subjects(&single),
        [
            "Shop: the first catalogue",
            "Shop: a dearer user fee",
            "Shop: a half-written key",
            "Shop: delta's relationship renamed",
            "Market: a new fee"
        ]
    );
}

#[test]
fn a_since_that_names_no_commit_is_a_usage_error_with_gits_reason() {
    let repo = shop_repository();
    let output = history_in(repo.path(), &["--since", "no-such-tag"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--since no-such-tag") && stderr.contains("unknown revision"),
        "{stderr}"
    );
    // A revision that names one cuts the history there.
    let document = json(&history_in(
        repo.path(),
        &["--since", "HEAD~1", "--format", "json"],
    ));
    assert_eq!(
        subjects(&document),
        [
            "Shop: a half-written key",
            "Shop: delta's relationship renamed"
        ]
    );
}

#[test]
fn an_unknown_relationship_is_a_usage_error_with_a_suggestion() {
    let repo = shop_repository();
    let output = history_in(repo.path(), &["--relationship", "acme-mobil"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `acme-mobile`?"), "{stderr}");
    // One that only the past knows is known.
    let document = json(&history_in(
        repo.path(),
        &["--relationship", "delta-mobile", "--format", "json"],
    ));
    let ids: Vec<&str> = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["delta-mobile"]);
}

#[test]
fn the_work_tree_the_index_and_head_are_left_as_they_were() {
    let repo = shop_repository();
    let file = repo.path().join("catalog/shop.yaml");
    edit(
        &file,
        "name: user fee, amount: 120,",
        "name: user fee, amount: 70,",
    );
    git(repo.path(), &["add", "catalog/shop.yaml"]);
    edit(
        &file,
        "name: user fee, amount: 70,",
        "name: user fee, amount: 60,",
    );
    fs::write(repo.path().join("notes.txt"), "untracked\n").unwrap();
    let state = || {
        (
            git(repo.path(), &["status", "--porcelain"]),
            git(repo.path(), &["rev-parse", "HEAD"]),
            fs::read(repo.path().join(".git/index")).unwrap(),
            fs::read(&file).unwrap(),
        )
    };
    let before = state();
    let document = json(&history_in(repo.path(), &["--format", "json"]));
    assert_eq!(subjects(&document).len(), 4, "committed history only");
    assert_eq!(state(), before);
}

/// Compares `output` with the file `name` under tests/history, or saves it there with
/// `SVS_UPDATE_GOLDEN=1`.
fn golden(name: &str, output: &Output) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/history")
        .join(name);
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    if std::env::var_os("SVS_UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::write(&path, &text).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        text,
        expected,
        "{} differs (`SVS_UPDATE_GOLDEN=1 cargo test --test it history` saves it)",
        path.display()
    );
}

#[test]
fn golden_history_in_every_format() {
    let repo = shop_repository();
    for (format, name) in [
        ("table", "table.txt"),
        ("markdown", "markdown.md"),
        ("csv", "points.csv"),
        ("json", "history.json"),
    ] {
        golden(
            name,
            &history_in(repo.path(), &["catalog", "--format", format]),
        );
    }
    // The same repository read again, from another clone, gives the same bytes.
    let place = tempfile::tempdir().unwrap();
    git(
        place.path(),
        &["clone", "-q", repo.path().to_str().unwrap(), "again"],
    );
    let again = history_in(
        &place.path().join("again"),
        &["catalog", "--format", "json"],
    );
    let first = history_in(repo.path(), &["catalog", "--format", "json"]);
    assert_eq!(again.stdout, first.stdout);
}

#[test]
fn report_history_outside_git_is_a_usage_error_and_without_it_there_is_no_trend() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(shop(), dir.path().join("shop.yaml")).unwrap();
    let output = svs()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(["report", "shop.yaml", "--history"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--history: the current directory is not in a Git work tree"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    let repo = shop_repository();
    let plain = svs()
        .current_dir(repo.path())
        .args(["report", "catalog"])
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("chart history"));
}

#[test]
fn a_real_browser_draws_the_trend_points_where_their_values_are() {
    let repo = shop_repository();
    let document = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    let revs: Vec<String> = document["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rev"].as_str().unwrap().to_owned())
        .collect();
    let temp = tempfile::tempdir().unwrap();
    let page = temp.path().join("report.html");
    let output = svs()
        .current_dir(repo.path())
        .args(["report", "catalog", "--history", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let charts = drawn(&page, &revs);
    // Every assessed point of the relationships the page shows (those of the newest
    // catalogue: not delta-mobile, which left it) is drawn, net value and margin alike.
    let assessed: usize = document["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] != "delta-mobile")
        .flat_map(|r| r["points"].as_array().unwrap())
        .filter(|p| !p["net_value"].is_null())
        .count();
    assert_eq!(charts.values().map(Vec::len).sum::<usize>(), 2 * assessed);
    assert_eq!(
        charts.len(),
        5,
        "a chart per relationship: {:?}",
        charts.keys()
    );
    for (id, points) in &charts {
        // One scale per chart: height above the zero line in proportion to the value.
        let big = points
            .iter()
            .max_by(|a, b| a.value.abs().total_cmp(&b.value.abs()))
            .unwrap();
        assert!(big.value != 0.0, "{id}");
        let scale = (big.zero - big.y) / big.value;
        assert!(scale > 0.0, "{id}: higher values sit higher");
        for point in points {
            let wanted = point.zero - point.value * scale;
            assert!(
                (point.y - wanted).abs() < 0.6,
                "{id} {} at {}: y {}, not {wanted}",
                point.series,
                revs[point.place],
                point.y
            );
            // Commits sit across in order, evenly: the first at 78, the last at 344.
            #[allow(clippy::cast_precision_loss)]
            let wanted_x = 78.0 + point.place as f64 * (344.0 - 78.0) / (revs.len() - 1) as f64;
            assert!(
                (point.x - wanted_x).abs() < 0.6,
                "{id} {}: x {}, not {wanted_x}",
                point.series,
                point.x
            );
            assert_ne!(point.fill, "none");
        }
    }
    // acme-mobile's net value fell from 8,000 to 5,600 with the dearer fee.
    let acme = &charts["acme-mobile"];
    let net: Vec<(usize, f64)> = acme
        .iter()
        .filter(|p| p.series == "net-value")
        .map(|p| (p.place, p.value))
        .collect();
    assert_eq!(net, [(0, 8000.0), (1, 5600.0), (3, 5600.0)]);
    // A figure holds until it changes: the line runs level from a point and steps where
    // the figure changed; it stops before a commit where the catalogue does not load, so
    // acme-mobile's net value has one line, from the first commit to the second, and none
    // into the half-written third. No line is filled in.
    let lines = LINES.with(|kept| kept.borrow().clone());
    let acme_net: Vec<(f64, f64)> = lines
        .split(';')
        .filter_map(|row| {
            let fields: Vec<&str> = row.splitn(5, ' ').collect();
            assert_eq!(fields[4], "none", "a trend line is not filled: {row}");
            (fields[0] == "acme-mobile" && fields[1] == "net-value")
                .then(|| (fields[2].parse().unwrap(), fields[3].parse().unwrap()))
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let x1 = 78.0 + (344.0 - 78.0) / (revs.len() - 1) as f64;
    assert_eq!(acme_net.len(), 1, "{acme_net:?}");
    assert!(
        (acme_net[0].0 - 78.0).abs() < 1.5 && (acme_net[0].1 - x1).abs() < 1.5,
        "{acme_net:?}"
    );
}

thread_local! {
    /// The trend lines of the last page [`drawn`] laid out: `id series left right fill`,
    /// separated by `;`.
    static LINES: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A trend point as a browser drew it.
#[derive(Debug, Clone)]
struct Drawn {
    series: String,
    /// The commit's place in the history.
    place: usize,
    value: f64,
    y: f64,
    x: f64,
    /// Where the chart's zero line is.
    zero: f64,
    fill: String,
}

/// Every trend point of the report at `page`, per relationship, as Chromium lays it out.
fn drawn(page: &Path, revs: &[String]) -> std::collections::BTreeMap<String, Vec<Drawn>> {
    let temp = page.parent().unwrap();
    let dom = crate::report_html::probe_report(
        temp,
        r"
  var rows = [];
  doc.querySelectorAll('figure.history').forEach(function (figure) {
    var id = figure.getAttribute('data-relationship');
    var zero = figure.querySelector('svg.chart.history line.zero').getBBox();
    figure.querySelectorAll('g.series').forEach(function (g) {
      g.querySelectorAll('g.point').forEach(function (p) {
        var b = p.firstElementChild.getBBox();
        rows.push([id, g.getAttribute('data-series'), p.getAttribute('data-rev'),
                   p.getAttribute('data-value'), (b.y + b.height / 2).toFixed(2),
                   (b.x + b.width / 2).toFixed(2), zero.y.toFixed(2),
                   getComputedStyle(p.firstElementChild).fill].join(' '));
      });
    });
  });
  document.body.setAttribute('data-points', rows.join(';'));
  var lines = [];
  doc.querySelectorAll('figure.history g.series').forEach(function (g) {
    var id = g.closest('figure').getAttribute('data-relationship');
    g.querySelectorAll('.line').forEach(function (l) {
      var b = l.getBBox();
      lines.push([id, g.getAttribute('data-series'), b.x.toFixed(2),
                  (b.x + b.width).toFixed(2), getComputedStyle(l).fill].join(' '));
    });
  });
  document.body.setAttribute('data-lines', lines.join(';'));
",
    );
    let body = dom
        .select(&scraper::Selector::parse("body").unwrap())
        .next()
        .unwrap();
    let rows = body.value().attr("data-points").expect("the probe ran");
    let lines = body.value().attr("data-lines").expect("the probe ran");
    LINES.with(|kept| kept.replace(lines.to_owned()));
    // Per chart: (series, commit's place, value, y, x, zero's y, fill).
    let mut charts: std::collections::BTreeMap<String, Vec<Drawn>> =
        std::collections::BTreeMap::new();
    for row in rows.split(';') {
        let fields: Vec<&str> = row.splitn(8, ' ').collect();
        let [id, series, rev, value, y, x, zero, fill] = fields[..] else {
            panic!("{row}");
        };
        let place = revs
            .iter()
            .position(|r| r == rev)
            .expect("a commit of the history");
        charts.entry(id.to_owned()).or_default().push(Drawn {
            series: series.to_owned(),
            place,
            value: value.parse().unwrap(),
            y: y.parse().unwrap(),
            x: x.parse().unwrap(),
            zero: zero.parse().unwrap(),
            fill: fill.to_owned(),
        });
    }
    charts
}

#[test]
fn a_terminal_sees_a_progress_line_and_a_pipe_does_not() {
    let repo = shop_repository();
    let command = format!(
        "stty rows 40 cols 100; cd {} && timeout 120 {} history --format json > /dev/null; echo exit=$?",
        repo.path().display(),
        env!("CARGO_BIN_EXE_svs")
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("CI")
        .output()
        .expect("util-linux `script` runs the terminal tests (Debian: apt-get install bsdutils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("exit=0"), "{text}");
    assert!(text.contains("reading history: "), "{text}");
    assert!(text.contains("/4 commits"), "{text}");
    let piped = history_in(repo.path(), &["--format", "json"]);
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains("reading"),
        "never in a pipe"
    );
}

#[test]
fn a_revision_s_directory_reads_alike_from_a_subdirectory() {
    // `git ls-tree` lists only what lies below the current directory unless told
    // otherwise: `svs diff REV:PATH` and the history read the whole tree from anywhere.
    let repo = shop_repository();
    fs::create_dir(repo.path().join("notes")).unwrap();
    let from = |dir: &Path| {
        svs()
            .current_dir(dir)
            .args(["diff", "HEAD~3:catalog", "HEAD:catalog", "--format", "json"])
            .output()
            .unwrap()
    };
    let top = from(repo.path());
    let below = from(&repo.path().join("notes"));
    assert_eq!(
        top.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&top.stderr)
    );
    assert_eq!(
        below.status.code(),
        top.status.code(),
        "{}",
        String::from_utf8_lossy(&below.stderr)
    );
    assert_eq!(below.stdout, top.stdout);
    let document: serde_json::Value = serde_json::from_slice(&top.stdout).unwrap();
    assert!(
        !document["relationships"].as_array().unwrap().is_empty(),
        "the fee changed between them: {document:#}"
    );
}

#[test]
fn exclude_and_svsignore_leave_a_file_out_of_every_commit() {
    let repo = shop_repository();
    // A workflow file that is not a catalogue file: without a word about it, the
    // catalogue does not load from this commit on.
    fs::write(repo.path().join("catalog/ci.yaml"), "on: push\njobs: {}\n").unwrap();
    commit(repo.path(), "2026-05-04", "A workflow beside the catalogue");
    let plain = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    let last = plain["commits"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["subject"], "A workflow beside the catalogue");
    assert_eq!(last["loads"], false);
    // `--exclude` leaves it out: that commit changes no catalogue file.
    let excluded = json(&history_in(
        repo.path(),
        &["catalog", "--exclude", "ci.yaml", "--format", "json"],
    ));
    assert_eq!(subjects(&excluded).len(), 4);
    // So does a `.svsignore` committed with it, from its commit on.
    fs::write(repo.path().join("catalog/.svsignore"), "ci.yaml\n").unwrap();
    commit(repo.path(), "2026-05-11", "Ignore the workflow");
    let ignored = json(&history_in(repo.path(), &["catalog", "--format", "json"]));
    let subjects = subjects(&ignored);
    assert_eq!(subjects.len(), 6, "{subjects:?}");
    let last = ignored["commits"].as_array().unwrap().last().unwrap();
    assert_eq!(last["subject"], "Ignore the workflow");
    assert_eq!(last["loads"], true);
}
