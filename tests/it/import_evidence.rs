//! `svs import evidence` (SPEC §10.6): tidy CSV rows into an `evidence:` file.
//!
//! `tests/fixtures/evidence/csv/` holds the rows a team would export from three tools:
//! `monitoring.csv` (a byte order mark and CRLF line ends, as a spreadsheet saves it),
//! `finance.csv` (its columns in another order, quoted fields holding commas, quotes and
//! a line break) and `survey.csv`; `imported.yaml` is what the three become, byte for
//! byte. `bad.csv` has a fault on every row, `missing-column.csv` a header without
//! `value`. `catalog/evidence/harbour-2026.csv` is the source of one file of `catalog/`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use proptest::prelude::*;

use common::{catalog, fixture, lint_json, svs};
use svs::import::evidence::{Imported, Input, import};

fn csv(name: &str) -> PathBuf {
    fixture(&format!("evidence/csv/{name}"))
}

fn run_import(args: &[&Path]) -> Output {
    svs()
        .args(["import", "evidence"])
        .args(args)
        .output()
        .expect("svs runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The three exports, in the order a team would give them.
fn exports() -> [PathBuf; 3] {
    [csv("monitoring.csv"), csv("finance.csv"), csv("survey.csv")]
}

/// Every file in `dir`, by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_fixtures_are_what_they_claim() {
    let monitoring = fs::read(csv("monitoring.csv")).unwrap();
    assert!(monitoring.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    assert!(monitoring.ends_with(b"\r\n") && monitoring.windows(2).any(|w| w == b"\r\n"));
    let finance = fs::read_to_string(csv("finance.csv")).unwrap();
    assert!(
        finance.starts_with("value,kind,period,relationship,"),
        "another order"
    );
    assert!(finance.contains("\"per-user fee, October to December\""));
}

#[test]
fn several_exports_become_one_evidence_file_byte_for_byte() {
    let [monitoring, finance, survey] = exports();
    let output = run_import(&[&monitoring, &finance, &survey]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = fs::read_to_string(csv("imported.yaml")).unwrap();
    assert_eq!(String::from_utf8(output.stdout.clone()).unwrap(), expected);
    assert_eq!(
        stderr(&output),
        "read 17 rows from 3 files: 2 evidence records of 1 relationship\n"
    );
    // What the quoting and the byte order mark must not lose or add.
    assert!(expected.contains("  - relationship: acme-mobile\n    period: 2026-Q4\n"));
    assert!(expected.contains("name: \"per-user fee, October to December\""));
    assert!(expected.contains("name: \"availability credit, \\\"gold\\\" tier\""));
    assert!(expected.contains("name: \"handset training\\nfor new starters\""));
    assert!(!expected.contains('\u{feff}') && !expected.contains('\r'));
}

#[test]
fn each_list_keeps_the_order_of_its_rows_whatever_the_order_of_the_files() {
    // Each kind comes from one export, and each record first appears in its first file:
    // the files given the other way round write the same file.
    let [monitoring, finance, survey] = exports();
    let output = run_import(&[&survey, &finance, &monitoring]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text, fs::read_to_string(csv("imported.yaml")).unwrap());
    let fee = text.find("per-user fee, October").unwrap();
    let training = text.find("handset training").unwrap();
    assert!(fee < training, "spend lines in the order of their rows");
}

#[test]
fn the_imported_file_loads_and_lints_with_no_structural_finding_beside_its_catalogue() {
    let (document, _) = lint_json(&[&fixture("evidence/base.yaml"), &csv("imported.yaml")]);
    let codes: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.is_empty(),
        "the small catalogue has its own findings"
    );
    assert!(codes.iter().all(|c| !c.starts_with("SVS0")), "{codes:?}");
    let loaded = svs::load::load_files(
        vec![
            (
                "base.yaml".to_owned(),
                fs::read(fixture("evidence/base.yaml")).unwrap(),
            ),
            (
                "imported.yaml".to_owned(),
                fs::read(csv("imported.yaml")).unwrap(),
            ),
        ],
        "e".into(),
    );
    let catalogue = loaded.catalogue.expect("it loads");
    let mut records = catalogue.evidence.clone();
    records.retain(|r| r.span.file.0 == 1);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].perception.len(), 3);
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("evidence.yaml");
    let bad = csv("bad.csv");
    let missing = csv("missing-column.csv");
    let [monitoring, ..] = exports();
    let output = svs()
        .current_dir(fixture("evidence/csv"))
        .args(["import", "evidence", "bad.csv", "missing-column.csv"])
        .arg(&monitoring)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(bad.is_file() && missing.is_file());
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: bad.csv:2: column `period`: `2026-Q5` is not a period: write `YYYY`, `YYYY-Qn` \
         (n from 1 to 4) or `YYYY-MM`\n\
         error: bad.csv:3: column `value`: must be a number: `ninety-nine` is not a decimal \
         number\n\
         error: bad.csv:4: column `kind`: must be one of availability, capacity, service_level, \
         rto_hours, rpo_hours, security_failed, outcome, spend, credit, loss, perception, found \
         `availabilty`; did you mean `availability`?\n\
         error: bad.csv:5: column `value`: must be true or false, found `yes`\n\
         error: bad.csv:6: column `max`: a `perception` row needs the top of the scale\n\
         error: bad.csv:6: column `responses`: a `perception` row needs the number of \
         responses\n\
         error: bad.csv:7: column `category`: a `spend` row needs a category, one of price, \
         allocation, network, procurement, training, other: it is empty\n\
         error: missing-column.csv:1: column `value`: the header lacks this required column \
         (every file needs `relationship`, `period`, `kind`, `name` and `value`)\n\
         8 faults on 7 lines; nothing was written\n"
    );
    assert!(
        listing(dir.path()).is_empty(),
        "nothing written, nothing left"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("evidence.yaml");
    fs::write(&out, "mine\n").unwrap();
    let [monitoring, ..] = exports();
    let output = run_import(&[&monitoring, Path::new("-o"), &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("exists; `svs import evidence` writes a new file and never overwrites"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine\n");
    assert_eq!(listing(dir.path()), ["evidence.yaml"]);
}

#[test]
fn a_new_file_is_written_whole_with_what_standard_output_would_show() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("evidence-2026-q4.yaml");
    let [monitoring, finance, survey] = exports();
    let output = run_import(&[&monitoring, &finance, &survey, Path::new("-o"), &out]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        fs::read_to_string(csv("imported.yaml")).unwrap()
    );
    assert_eq!(
        listing(dir.path()),
        ["evidence-2026-q4.yaml"],
        "no temporary file left"
    );
    assert!(stderr(&output).contains(&format!("wrote {}", out.display())));
}

#[test]
fn an_unreadable_file_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("e.yaml");
    let output = run_import(&[&dir.path().join("missing.csv"), Path::new("-o"), &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: cannot read "),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn the_help_shows_an_example_and_the_kinds() {
    let output = svs()
        .args(["import", "evidence", "--help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("svs import evidence uptime.csv finance.csv survey.csv -o"));
    assert!(help.contains("relationship,period,kind,name,value,category,min,max,responses"));
    for (kind, _) in svs::import::evidence::KINDS {
        assert!(help.contains(kind), "{kind} in the help");
    }
}

#[test]
fn the_harbour_rows_of_the_catalog_become_its_evidence_file_byte_for_byte() {
    let output = run_import(&[&catalog("evidence/harbour-2026.csv")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        fs::read_to_string(catalog("evidence/harbour-2026.yaml")).unwrap()
    );
    // The file is part of the catalogue, which loads with no structural finding.
    let (document, _) = lint_json(&[&catalog("")]);
    let structural: Vec<&serde_json::Value> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("SVS0"))
        .collect();
    assert!(structural.is_empty(), "{structural:?}");
    let loaded = svs::load::load(&[catalog("")], &svs::load::files::Exclude::default()).unwrap();
    let catalogue = loaded.catalogue.expect("catalog/ loads");
    let harbour: Vec<String> = catalogue
        .evidence
        .iter()
        .filter(|r| &*r.relationship.id == "harbour-corporate-mobile")
        .map(|r| r.period.value.to_string())
        .collect();
    assert_eq!(harbour, ["2026-Q1", "2026-Q2", "2026-Q3"]);
}

/// Any text a tool may export, close to the form and far from it.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("acme-mobile".to_owned()),
        Just("2026-Q4".to_owned()),
        Just("2026-Q5".to_owned()),
        Just("2027".to_owned()),
        Just("true".to_owned()),
        Just("yes".to_owned()),
        Just("user".to_owned()),
        Just("acme-staff".to_owned()),
        Just("price".to_owned()),
        Just("a: b, \"c\"\n#1".to_owned()),
        prop::sample::select(
            svs::import::evidence::KINDS
                .map(|(word, _)| word.to_owned())
                .to_vec()
        ),
        (0u32..200, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
        "\\PC{0,12}",
    ]
}

/// A good row of each kind, in the columns of [`table`].
const GOOD: [[&str; 9]; 12] = [
    [
        "acme-mobile",
        "2026-Q4",
        "availability",
        "",
        "99.5",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2027",
        "capacity",
        "a: b, \"c\"\n#1",
        "1e3",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-11",
        "service_level",
        "yes",
        "-2.50",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-Q4",
        "rto_hours",
        "",
        "-0",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2027",
        "rpo_hours",
        "",
        "0.000",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-11",
        "security_failed",
        "mfa",
        "TRUE",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-Q4",
        "outcome",
        "staff-reachable",
        "false",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2027",
        "spend",
        "fee, \"monthly\"",
        "12.50",
        "training",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-11",
        "credit",
        "#1",
        "0",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2026-Q4",
        "loss",
        "\u{feff}x\u{85}",
        "7",
        "",
        "",
        "",
        "",
    ],
    [
        "acme-mobile",
        "2027",
        "perception",
        "user",
        "4",
        "",
        "",
        "5",
        "3",
    ],
    [
        "acme-mobile",
        "2026-11",
        "perception",
        "acme-staff",
        "0",
        "",
        "0",
        "10",
        "1",
    ],
];

/// A row: a good one of some kind, with at times one cell replaced by any cell.
fn row() -> impl Strategy<Value = Vec<String>> {
    (
        0..GOOD.len(),
        prop::option::weighted(0.3, (0..9usize, cell())),
    )
        .prop_map(|(good, spoiled)| {
            let mut row: Vec<String> = GOOD[good].iter().map(|c| (*c).to_owned()).collect();
            if let Some((column, cell)) = spoiled {
                row[column] = cell;
            }
            row
        })
}

/// A CSV whose header names every column, in the canonical order, and rows of cells.
fn table(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "relationship",
            "period",
            "kind",
            "name",
            "value",
            "category",
            "min",
            "max",
            "responses",
        ])
        .unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400),
                                   text in "[a-z0-9_,\"\r\n\u{feff} .:-]{0,300}") {
        for input in [bytes.as_slice(), text.as_bytes()] {
            let headed = [b"relationship,period,kind,name,value,min,max\n", input].concat();
            for bytes in [input, headed.as_slice()] {
                let lines = u64::try_from(bytes.split(|b| *b == b'\n').count()).unwrap();
                if let Err(bad) = import(&[Input { file: "x.csv", bytes }]) {
                    prop_assert!(!bad.is_empty());
                    for row in bad {
                        prop_assert!((1..=lines).contains(&row.line), "{row} of {lines} lines");
                    }
                }
            }
        }
    }

    #[test]
    fn what_is_imported_loads_beside_its_catalogue_and_writes_back_the_same(
        rows in prop::collection::vec(row(), 1..12)
    ) {
        let bytes = table(&rows);
        let Ok(imported) = import(&[Input { file: "x.csv", bytes: &bytes }]) else {
            return Ok(());
        };
        let text = imported.text();
        let base = fs::read(fixture("evidence/base.yaml")).unwrap();
        let loaded = svs::load::load_files(
            vec![("base.yaml".to_owned(), base), ("x.yaml".to_owned(), text.clone().into_bytes())],
            "x".into(),
        );
        // Only a reference to what the small catalogue lacks may be found.
        let unexpected: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| !matches!(d.code.code(), "SVS005" | "SVS006"))
            .map(|d| format!("{} {}", d.code.code(), d.message))
            .collect();
        prop_assert!(unexpected.is_empty(), "{unexpected:?}\n{text}");
        if let Some(catalogue) = loaded.catalogue {
            let mut records = catalogue.evidence;
            records.retain(|r| r.span.file.0 == 1);
            let again = Imported { records, rows: imported.rows }.text();
            prop_assert_eq!(again, text);
        }
    }
}

/// Each `$ svs import evidence FILE` of a console block in `doc`, with what it shows.
fn shown_runs(doc: &str) -> Vec<(Vec<String>, String)> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    text.split("```console\n")
        .skip(1)
        .filter_map(|block| {
            let block = &block[..block.find("```").expect("the block ends")];
            let (command, shown) = block.split_once('\n')?;
            let args = command.strip_prefix("$ svs ")?;
            (!args.contains('[')).then(|| {
                (
                    args.split_whitespace().map(str::to_owned).collect(),
                    shown.to_owned(),
                )
            })
        })
        .collect()
}

#[test]
fn the_runs_in_the_docs_are_real() {
    for doc in ["docs/import-evidence.md", "README.md"] {
        let runs = shown_runs(doc);
        let imports: Vec<_> = runs
            .iter()
            .filter(|(args, _)| args[..2] == ["import", "evidence"])
            .collect();
        assert!(!imports.is_empty(), "{doc} shows a run");
        for (args, shown) in imports {
            let output = svs()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(args)
                .output()
                .unwrap();
            let actual = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                stderr(&output)
            );
            assert_eq!(&actual, shown, "{doc}: svs {}", args.join(" "));
        }
    }
}
