//! Golden outputs: every command's output on `catalog/`, on a set of fixtures and in the
//! docs' examples, compared byte for byte with a transcript saved under `tests/golden/`, one
//! file per case named after it. Where the other tests check what an output means, these
//! pin what it is, so that a change of the code behind the renderers that is meant to
//! change nothing visible can show that it did not.
//!
//! A transcript holds the command line, the exit code, standard output and standard
//! error, and for `svs import` and `svs init` the files written. Commands run in the
//! repository's root on relative paths; a temporary directory is written `$TMP` and the
//! repository's root `$ROOT`, so that the transcripts do not depend on the machine.
//! Standard output is a pipe, so tables keep every column; two tables fitted to a
//! terminal's width are run through the library's `run`, which takes the width as input.
//!
//! After a change meant to alter an output, `SVS_UPDATE_GOLDEN=1 cargo test --test it
//! golden` writes the transcripts again (and removes those no case names any more);
//! review them with `git diff tests/golden`. Otherwise a case that differs fails with
//! its name and its first differing line.

use crate::common;
use crate::lsp::{Client, at, uri};

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::json;

use common::svs;

/// The repository's root, where every command runs.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

/// `SVS_UPDATE_GOLDEN=1`: save the outputs instead of comparing them.
fn updating() -> bool {
    std::env::var_os("SVS_UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
}

// --- The cases --------------------------------------------------------------------

/// A case run as `svs ARGS` in the repository's root.
struct Case {
    /// The saved file's name, without `.txt`.
    name: String,
    args: Vec<String>,
}

fn case(name: impl Into<String>, args: &[&str]) -> Case {
    Case {
        name: name.into(),
        args: args.iter().map(|&a| a.to_owned()).collect(),
    }
}

/// `svs assess catalog/`: each view in each format, the wide table, and colour.
fn assess_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for view in ["relationships", "providers", "consumers"] {
        for format in ["table", "json", "markdown", "csv"] {
            let name = if view == "relationships" {
                format!("assess-{format}")
            } else {
                format!("assess-{view}-{format}")
            };
            let mut args = vec!["assess", "catalog/", "--format", format];
            if view != "relationships" {
                args.extend(["--view", view]);
            }
            if format == "table" {
                args.extend(["--color", "never"]);
            }
            cases.push(case(name, &args));
        }
    }
    cases.push(case(
        "assess-wide",
        &["assess", "catalog/", "--wide", "--color", "never"],
    ));
    cases.push(case(
        "assess-table-colour",
        &["assess", "catalog/", "--color", "always"],
    ));
    cases.push(case(
        "assess-for-harbour-json",
        &["assess", "catalog/", "--for", "harbour", "--format", "json"],
    ));
    cases.push(case(
        "assess-relationship-json",
        &[
            "assess",
            "catalog/",
            "--relationship",
            "fairlie-moss-office-broadband",
            "--format",
            "json",
        ],
    ));
    cases
}

/// `svs roles catalog/` and `svs graph catalog/` in each format.
fn roles_and_graph_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for format in ["table", "json", "markdown"] {
        cases.push(case(
            format!("roles-{format}"),
            &["roles", "catalog/", "--format", format, "--color", "never"],
        ));
        cases.push(case(
            format!("roles-by-person-{format}"),
            &[
                "roles",
                "catalog/",
                "--by-person",
                "--format",
                format,
                "--color",
                "never",
            ],
        ));
    }
    cases.push(case(
        "roles-relationship",
        &[
            "roles",
            "catalog/",
            "--relationship",
            "harbour-corporate-mobile",
            "--color",
            "never",
        ],
    ));
    cases.push(case(
        "roles-by-person-organization",
        &[
            "roles",
            "catalog/",
            "--by-person",
            "--organization",
            "meridian",
            "--color",
            "never",
        ],
    ));
    for format in ["mermaid", "dot"] {
        cases.push(case(
            format!("graph-{format}"),
            &["graph", "catalog/", "--format", format],
        ));
    }
    cases.push(case(
        "graph-focus-fenwick",
        &["graph", "catalog/", "--focus", "fenwick"],
    ));
    cases
}

/// What `svs lint` is run on: `catalog/` and fixtures that between them fire rules of
/// every family, structural findings, and a catalogue's own rules.
const LINTED: &[(&str, &str)] = &[
    ("catalog", "catalog/"),
    ("svs101", "tests/fixtures/rules/svs101.yaml"),
    ("svs204-network", "tests/fixtures/rules/svs204-network"),
    ("svs401", "tests/fixtures/rules/svs401.yaml"),
    ("retained", "tests/fixtures/lint/retained.yaml"),
    ("co-creation", "tests/fixtures/co-creation.yaml"),
    ("svs003", "tests/fixtures/structural/svs003.yaml"),
    ("custom-rules", "tests/fixtures/custom/rules.yaml"),
];

/// SARIF repeats every rule's description whatever the findings (some 140 kB), so only
/// these of [`LINTED`] are saved in it.
const LINTED_AS_SARIF: &[&str] = &["catalog", "svs204-network", "svs003", "custom-rules"];

/// `svs lint` of [`LINTED`] in each format, colour and the severity flags once.
fn lint_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for &(name, path) in LINTED {
        for format in ["human", "json", "sarif", "github", "junit"] {
            if format == "sarif" && !LINTED_AS_SARIF.contains(&name) {
                continue;
            }
            let mut args = vec!["lint", path, "--format", format];
            if format == "human" {
                args.extend(["--color", "never"]);
            }
            cases.push(case(format!("lint-{name}-{format}"), &args));
        }
    }
    // The catalogues of the README's tour.
    for name in ["mfa.yaml", "lease.yaml", "shop"] {
        let stem = name.trim_end_matches(".yaml");
        let path = format!("tests/fixtures/readme/{name}");
        cases.push(case(
            format!("lint-readme-{stem}"),
            &["lint", &path, "--color", "never"],
        ));
    }
    cases.push(case(
        "lint-svs204-network-colour",
        &[
            "lint",
            "tests/fixtures/rules/svs204-network",
            "--color",
            "always",
        ],
    ));
    cases.push(case(
        "lint-svs204-network-severities",
        &[
            "lint",
            "tests/fixtures/rules/svs204-network",
            "--allow",
            "SVS301",
            "--deny",
            "SVS302",
            "--warn",
            "offering-without-target",
            "--fail-on",
            "warning",
            "--color",
            "never",
        ],
    ));
    cases
}

/// The reference texts: help, the schema, completions, `svs explain`, `svs help format`,
/// the manual pages, and the HTML reports.
fn reference_cases() -> Vec<Case> {
    vec![
        case("help", &["--help"]),
        case("schema", &["schema"]),
        case("completions-bash", &["completions", "bash"]),
        case("completions-zsh", &["completions", "zsh"]),
        case("completions-fish", &["completions", "fish"]),
        case("completions-elvish", &["completions", "elvish"]),
        case("explain-svs101", &["explain", "SVS101"]),
        case("explain-svs204", &["explain", "SVS204"]),
        case(
            "explain-goods-ownership-retained",
            &["explain", "goods-ownership-retained"],
        ),
        case(
            "explain-acme001",
            &["explain", "ACME001", "tests/fixtures/custom/rules.yaml"],
        ),
        case("explain-list", &["explain", "--list", "catalog/"]),
        case("help-format", &["help", "format"]),
        case("man", &["man"]),
        case("man-schema", &["man", "schema"]),
        case("report", &["report", "catalog/"]),
        case(
            "report-for-harbour",
            &["report", "catalog/", "--for", "harbour"],
        ),
    ]
}

fn cli_cases() -> Vec<Case> {
    [
        assess_cases(),
        roles_and_graph_cases(),
        lint_cases(),
        reference_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The cases that are not a plain `svs ARGS` in the repository's root: each test below
/// that saves one names it here.
const OTHER_CASES: &[&str] = &[
    "assess-table-100-columns",
    "assess-wide-80-columns",
    "diff-table",
    "diff-json",
    "diff-markdown",
    "diff-co-creation-table",
    "diff-co-creation-json",
    "diff-co-creation-markdown",
    "import-backstage-tree",
    "init",
    "lsp-hover-relationship",
    "lsp-hover-reference",
    "lsp-completion",
];

fn case_names() -> Vec<String> {
    cli_cases()
        .into_iter()
        .map(|c| c.name)
        .chain(OTHER_CASES.iter().map(|&n| n.to_owned()))
        .collect()
}

// --- Transcripts -----------------------------------------------------------------

/// The text a case is compared on.
struct Transcript(Vec<u8>);

impl Transcript {
    /// Starts with `$ command`.
    fn new(command: &str) -> Self {
        Transcript(format!("$ {command}\n").into_bytes())
    }

    /// The transcript of a finished command: exit code, standard output and error.
    fn of(command: &str, output: &Output) -> Self {
        let mut transcript = Transcript::new(command);
        transcript.exit(output.status.code());
        transcript.section("stdout", &output.stdout);
        transcript.section("stderr", &output.stderr);
        transcript
    }

    fn exit(&mut self, code: Option<i32>) {
        let line = match code {
            Some(code) => format!("exit: {code}\n"),
            None => "exit: killed by a signal\n".to_owned(),
        };
        self.0.extend_from_slice(line.as_bytes());
    }

    /// `--- name` and the bytes as they are; a missing final newline is said so, so that
    /// no two outputs give the same transcript.
    fn section(&mut self, name: &str, bytes: &[u8]) {
        if bytes.is_empty() {
            self.0
                .extend_from_slice(format!("--- {name} (empty)\n").as_bytes());
            return;
        }
        self.0.extend_from_slice(format!("--- {name}\n").as_bytes());
        self.0.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            self.0.extend_from_slice(b"\n\\ no newline at the end\n");
        }
    }

    /// Every file under `dir`, in byte order of path, as a section each.
    fn files(&mut self, dir: &Path) {
        for path in files_under(dir) {
            let relative = path.strip_prefix(dir).unwrap().display().to_string();
            self.section(&format!("file {relative}"), &fs::read(&path).unwrap());
        }
    }

    /// Writes `token` for every occurrence of `path` (as given and canonical).
    fn hide(mut self, path: &Path, token: &str) -> Self {
        let mut forms = vec![path.display().to_string()];
        if let Ok(canonical) = path.canonicalize() {
            forms.push(canonical.display().to_string());
        }
        // The longer first, when one is a prefix of the other.
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        for form in forms {
            self.0 = replace(&self.0, form.as_bytes(), token.as_bytes());
        }
        self
    }
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut result = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        result.extend_from_slice(&rest[..at]);
        result.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    result.extend_from_slice(rest);
    result
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Compares `transcript` with the saved `tests/golden/{name}.txt`, or saves it when
/// updating; returns what differs, if anything.
fn compare(name: &str, transcript: &Transcript) -> Option<String> {
    assert!(
        case_names().iter().any(|n| n == name),
        "the case `{name}` is missing from the lists of cases in golden.rs"
    );
    let path = golden_dir().join(format!("{name}.txt"));
    let now = &transcript.0;
    if updating() {
        fs::create_dir_all(golden_dir()).unwrap();
        if fs::read(&path).ok().as_ref() != Some(now) {
            fs::write(&path, now).unwrap();
        }
        return None;
    }
    let Ok(saved) = fs::read(&path) else {
        return Some(format!("{name}: nothing saved in tests/golden/{name}.txt"));
    };
    (&saved != now).then(|| first_difference(name, &saved, now))
}

/// The case's name and its first differing line, saved and now: at most [`SHOWN`]
/// characters of each, from a little before the first that differs.
fn first_difference(name: &str, saved: &[u8], now: &[u8]) -> String {
    let mut saved_lines = saved.split(|&b| b == b'\n');
    let mut now_lines = now.split(|&b| b == b'\n');
    let mut number = 1;
    let (old, new) = loop {
        let (old, new) = (saved_lines.next(), now_lines.next());
        if old != new {
            break (
                old.map(String::from_utf8_lossy),
                new.map(String::from_utf8_lossy),
            );
        }
        number += 1;
    };
    let same = match (&old, &new) {
        (Some(old), Some(new)) => old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .count(),
        _ => 0,
    };
    let from = same.saturating_sub(SHOWN / 4);
    let shown = |line: Option<&str>| match line {
        Some(line) => {
            let mut shown: String = line.chars().skip(from).take(SHOWN).collect();
            if from > 0 {
                shown.insert(0, '…');
            }
            if line.chars().count() > from + SHOWN {
                shown.push('…');
            }
            format!("{shown:?}")
        }
        None => "(the end)".to_owned(),
    };
    let mut message = format!(
        "{name}: tests/golden/{name}.txt differs at line {number}, column {}",
        same + 1
    );
    let _ = write!(
        message,
        "\n  saved: {}\n  now:   {}",
        shown(old.as_deref()),
        shown(new.as_deref())
    );
    message
}

/// How much of a differing line a failure shows.
const SHOWN: usize = 160;

/// Fails with every case that differs.
fn check(differences: impl IntoIterator<Item = Option<String>>) {
    let differences: Vec<String> = differences.into_iter().flatten().collect();
    assert!(
        differences.is_empty(),
        "{} output(s) differ from those saved (after an intended change, run \
         `SVS_UPDATE_GOLDEN=1 cargo test --test it golden` and review `git diff tests/golden`):\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// Runs each case as `svs ARGS` in the repository's root and compares it.
fn check_cli(cases: &[Case]) {
    check(cases.iter().map(|case| {
        let output = svs()
            .current_dir(root())
            .args(&case.args)
            .output()
            .expect("svs runs");
        let command = format!("svs {}", case.args.join(" "));
        compare(
            &case.name,
            &Transcript::of(&command, &output).hide(root(), "$ROOT"),
        )
    }));
}

// --- The tests -------------------------------------------------------------------

#[test]
fn assess_outputs() {
    check_cli(&assess_cases());
}

#[test]
fn roles_and_graph_outputs() {
    check_cli(&roles_and_graph_cases());
}

#[test]
fn lint_outputs() {
    check_cli(&lint_cases());
}

#[test]
fn reference_outputs() {
    check_cli(&reference_cases());
}

/// Tables fitted to a terminal: the library's `run` told that standard output is a
/// terminal of this width, as `main` tells it.
#[test]
fn fitted_table_outputs() {
    use svs::cli::Environment;
    let cases: [(&str, usize, &[&str]); 2] = [
        ("assess-table-100-columns", 100, &[]),
        ("assess-wide-80-columns", 80, &["--wide"]),
    ];
    check(cases.into_iter().map(|(name, width, extra)| {
        let args: Vec<&str> = ["assess", "catalog/"]
            .into_iter()
            .chain(extra.iter().copied())
            .chain(["--color", "never"])
            .collect();
        // Relative to the repository's root rather than the test's directory.
        let catalog = common::catalog("");
        let arguments = std::iter::once("svs".into()).chain(args.iter().map(|&arg| {
            if arg == "catalog/" {
                catalog.clone().into_os_string()
            } else {
                arg.into()
            }
        }));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let environment = Environment {
            stdout_is_terminal: true,
            terminal_width: Some(width),
            ..Environment::default()
        };
        let status = svs::cli::run(arguments, &mut out, &mut err, environment);
        let command = format!(
            "svs {} # in a terminal {width} columns wide",
            args.join(" ")
        );
        let mut transcript = Transcript::new(&command);
        transcript.exit(Some(status as i32));
        transcript.section("stdout", &out);
        transcript.section("stderr", &err);
        compare(name, &transcript.hide(root(), "$ROOT"))
    }));
}

/// Copies `from` to `to`; each edit `(file, old, new)` replaces `old`, which must occur
/// once, by `new` in `file`.
fn copy_dir(from: &Path, to: &Path, edits: &[(&str, &str, &str)]) {
    fs::create_dir_all(to).unwrap();
    for path in files_under(from) {
        let relative = path.strip_prefix(from).unwrap();
        let target = to.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        let mut text = fs::read_to_string(&path).unwrap();
        for &(file, old, new) in edits {
            if Path::new(file) == relative {
                assert_eq!(text.matches(old).count(), 1, "`{old}` once in {file}");
                text = text.replace(old, new);
            }
        }
        fs::write(&target, text).unwrap();
    }
}

/// `svs diff` of two copies of `catalog/` and of two of `tests/fixtures/co-creation.yaml`,
/// edited as `tests/it/diff.rs` edits them: a weaker warranty, a sponsor lost and one
/// found, dearer penalties for the provider.
#[test]
fn diff_outputs() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &common::catalog(""),
        &dir.path().join("old"),
        &[(
            "mobile-phones.yaml",
            "sponsor: [tom-whitaker]",
            "sponsor: []",
        )],
    );
    copy_dir(
        &common::catalog(""),
        &dir.path().join("new"),
        &[
            (
                "mobile-phones.yaml",
                "security: [encryption-in-transit, sim-pin-enforced, lost-device-barring]",
                "security: [sim-pin-enforced, lost-device-barring]",
            ),
            ("car-rental.yaml", "sponsor: [alan-mcleod]", "sponsor: []"),
        ],
    );
    let co_creation = common::fixture("co-creation.yaml");
    let text = fs::read_to_string(&co_creation).unwrap();
    let penalties = "{ name: SLA penalties, likelihood: 0.1, impact: 10000 }";
    assert_eq!(text.matches(penalties).count(), 1);
    fs::write(dir.path().join("old.yaml"), &text).unwrap();
    fs::write(
        dir.path().join("new.yaml"),
        text.replace(
            penalties,
            "{ name: SLA penalties, likelihood: 0.1, impact: 60000 }",
        ),
    )
    .unwrap();

    let mut differences = Vec::new();
    for (name, old, new, note) in [
        ("diff", "old", "new", "copies of catalog/, edited"),
        (
            "diff-co-creation",
            "old.yaml",
            "new.yaml",
            "copies of tests/fixtures/co-creation.yaml, edited",
        ),
    ] {
        for format in ["table", "json", "markdown"] {
            let args = ["diff", old, new, "--format", format, "--color", "never"];
            let output = svs()
                .current_dir(dir.path())
                .args(args)
                .output()
                .expect("svs runs");
            let command = format!("svs {} # {old} and {new}: {note}", args.join(" "));
            let transcript = Transcript::of(&command, &output).hide(dir.path(), "$TMP");
            differences.push(compare(&format!("{name}-{format}"), &transcript));
        }
    }
    check(differences);
}

/// `svs import backstage` writing a directory: its messages and every file it wrote.
#[test]
fn import_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = [
        "import",
        "backstage",
        "tests/fixtures/backstage/tree",
        "-o",
        &out.display().to_string(),
    ]
    .map(str::to_owned);
    let output = svs()
        .current_dir(root())
        .args(&args)
        .output()
        .expect("svs runs");
    let mut transcript = Transcript::of(&format!("svs {}", args.join(" ")), &output);
    transcript.files(&out);
    let transcript = transcript.hide(dir.path(), "$TMP").hide(root(), "$ROOT");
    check([compare("import-backstage-tree", &transcript)]);
}

/// `svs init`: its messages and the starter catalogue. It runs in a temporary directory
/// on a relative path, as its messages align on the length of the path.
#[test]
fn init_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = svs()
        .current_dir(dir.path())
        .args(["init", "starter"])
        .output()
        .expect("svs runs");
    let mut transcript = Transcript::of("svs init starter # in an empty directory", &output);
    transcript.files(&dir.path().join("starter"));
    check([compare("init", &transcript.hide(dir.path(), "$TMP"))]);
}

/// The language server on `catalog/`: hover on a relationship's id and on a reference,
/// and completion of the reference.
#[test]
fn language_server_responses() {
    let catalog = common::catalog("").canonicalize().unwrap();
    let file = catalog.join("mobile-phones.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let line_of = |wanted: &str| {
        text.lines()
            .position(|l| l == wanted)
            .unwrap_or_else(|| panic!("`{wanted}` in mobile-phones.yaml")) as u64
    };
    let relationship = line_of("  - id: harbour-corporate-mobile");
    // The first `provider:` after it; its value starts at character 14.
    let provider = relationship + 1;
    assert_eq!(
        text.lines().nth(usize::try_from(provider).unwrap()),
        Some("    provider: northwave")
    );
    let (mut client, _) = Client::start(&catalog);
    let mut differences = Vec::new();
    for (name, method, line, character) in [
        (
            "lsp-hover-relationship",
            "textDocument/hover",
            relationship,
            10,
        ),
        ("lsp-hover-reference", "textDocument/hover", provider, 16),
        ("lsp-completion", "textDocument/completion", provider, 16),
    ] {
        let response = client.request(method, at(&file, line, character));
        let response = match response {
            Ok(result) => json!({ "result": result }),
            Err(error) => json!({ "error": { "code": error.code, "message": error.message } }),
        };
        let command = format!(
            "svs lsp # on catalog/: {method} at mobile-phones.yaml, line {line}, character {character} (from 0)"
        );
        let mut transcript = Transcript::new(&command);
        let mut body = serde_json::to_string_pretty(&response).unwrap();
        body.push('\n');
        transcript.section("response", body.as_bytes());
        let transcript = Transcript(replace(
            &transcript.0,
            uri(&catalog).as_bytes(),
            b"file://$ROOT/catalog",
        ))
        .hide(&catalog, "$ROOT/catalog");
        differences.push(compare(name, &transcript));
    }
    client.stop();
    check(differences);
}

/// Every file under `tests/golden/` is a case's; when updating, the others are removed.
#[test]
fn every_saved_output_has_a_case() {
    let names = case_names();
    let mut seen = std::collections::BTreeSet::new();
    for name in &names {
        assert!(seen.insert(name), "two cases named `{name}`");
    }
    let Ok(entries) = fs::read_dir(golden_dir()) else {
        assert!(updating(), "no tests/golden/ directory");
        return;
    };
    let mut strays = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let known = file
            .strip_suffix(".txt")
            .is_some_and(|stem| names.iter().any(|n| n == stem));
        if !known {
            if updating() {
                fs::remove_file(&path).unwrap();
            } else {
                strays.push(file);
            }
        }
    }
    assert!(
        strays.is_empty(),
        "tests/golden/ holds files no case saves (`SVS_UPDATE_GOLDEN=1` removes them): {strays:?}"
    );
}
