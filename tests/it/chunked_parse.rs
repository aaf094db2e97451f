//! A large file is cut into pieces at the items of its top-level lists and the pieces are
//! parsed in parallel: the result must be the sequential parse's exactly (every event,
//! every span, every finding), and every cut that is not plainly safe must fall back to
//! the sequential parse.

use std::fmt::Write as _;

use proptest::prelude::*;
use svs::load::decode::decode_file;
use svs::load::yaml::{self, Reading, parse_with};
use svs::model::Section;
use svs::source::{FileId, SourceFile};

/// Every event of a parse (as text: events carry every span), or its error, and how the
/// file was read in the end.
fn events(text: &str, reading: Reading) -> (String, Reading) {
    let source = SourceFile::new("t.yaml".into(), text.into());
    let mut out = String::new();
    let result = parse_with(FileId(0), &source, &Section::KEYS, reading, &mut |event| {
        writeln!(out, "{event:?}").expect("writing to a String");
    });
    match result {
        Ok(read) => (out, read),
        Err(error) => (format!("{error:?}"), Reading::Sequential),
    }
}

/// Every finding of decoding the file, and what it decodes to, read as `reading` says.
fn findings(text: &str, reading: Reading) -> String {
    let source = SourceFile::new("t.yaml".into(), text.into());
    yaml::with_reading(reading, || {
        let mut diagnostics = Vec::new();
        let decoded = decode_file(FileId(0), &source, &mut diagnostics);
        format!("{diagnostics:?}\n{decoded:?}")
    })
}

const SMALL_PIECES: Reading = Reading::Chunked { jobs: 3, piece: 1 };

/// Checks that chunked and sequential reading agree, and returns how the chunked one read.
fn agree(text: &str) -> Reading {
    let (sequential, _) = events(text, Reading::Sequential);
    let (chunked, read) = events(text, SMALL_PIECES);
    assert_eq!(chunked, sequential, "events differ for:\n{text}");
    assert_eq!(
        findings(text, SMALL_PIECES),
        findings(text, Reading::Sequential),
        "findings differ for:\n{text}"
    );
    read
}

fn chunked(text: &str) {
    assert_eq!(
        agree(text),
        SMALL_PIECES,
        "expected a chunked read of:\n{text}"
    );
}

fn falls_back(text: &str) {
    assert_eq!(
        agree(text),
        Reading::Sequential,
        "expected a fallback for:\n{text}"
    );
}

const ORGS: &str = "svs: 1\norganizations:\n  - id: a\n    name: A\n  - id: b\n    name: B\n  - { id: c, name: C }\n";

#[test]
fn a_plain_catalogue_is_cut() {
    chunked(ORGS);
    chunked(&format!("{ORGS}catalogue: {{ name: x }}\n"));
    chunked(&format!("# a comment\n\n{ORGS}\n# trailing\n"));
}

#[test]
fn edge_cases_read_the_same() {
    // Flow collections and quoted scalars across lines near item boundaries.
    chunked(
        "svs: 1\norganizations:\n  - id: a\n    name: [x,\n      y]\n  - id: b\n    name: \"two\n      lines\"\n  - id: c\n",
    );
    // Block scalars, with a line that looks like an item inside.
    chunked(
        "svs: 1\norganizations:\n  - id: a\n    description: |\n      - not an item\n      text\n  - id: b\n",
    );
    // Comments between and inside items, at column 0 too.
    chunked("svs: 1\norganizations:\n  - id: a # here\n# at column 0\n  # indented\n  - id: b\n");
    // Anchors and aliases inside one item.
    chunked("svs: 1\norganizations:\n  - id: &x a\n    name: *x\n  - id: b\n");
    // An indentless list.
    chunked("svs: 1\norganizations:\n- id: a\n  name: A\n- id: b\n  name: B\nofferings: []\n");
    // One item only.
    chunked("svs: 1\norganizations:\n  - id: a\n");
    // CRLF line ends and a byte order mark.
    chunked("\u{feff}svs: 1\r\norganizations:\r\n  - id: a\r\n    name: A\r\n  - id: b\r\n");
    // Two sections, and pairs between them.
    chunked(
        "svs: 1\npeople:\n  - id: p\n  - id: q\ncatalogue:\n  name: n\ngroups:\n  - id: g\n  - id: h\n",
    );
    // Errors inside items are findings, the same either way.
    chunked("svs: 1\norganizations:\n  - id: a\n    nmae: A\n  - id: B\n  - id: a\n");
}

#[test]
fn unsafe_cuts_fall_back() {
    // An empty file, and one without a list to cut.
    falls_back("");
    falls_back("svs: 1\ncatalogue: { name: x }\n");
    // Document markers and directives.
    falls_back("%YAML 1.2\n---\nsvs: 1\norganizations:\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\norganizations:\n  - id: a\n  - id: b\n...\n");
    // A tab, or an unusual token, at column 0.
    falls_back("svs: 1\norganizations:\n  - id: a\n\t- id: b\n");
    falls_back("svs: 1\n&top organizations:\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\n? organizations\n:\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\n[a]: b\norganizations:\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\n{a: b}\n");
    falls_back("svs: 1\n!tag organizations:\n  - id: a\n  - id: b\n");
    // A piece that ends inside a flow collection or a quoted scalar.
    falls_back("svs: 1\norganizations:\n  - id: a\n    name: [x,\n  - y]\n  - id: b\n");
    falls_back("svs: 1\norganizations:\n  - id: a\n    name: \"x\n  - y\"\n  - id: b\n");
    // An alias whose anchor is in another piece.
    falls_back("svs: 1\norganizations:\n  - id: &x a\n  - id: *x\n");
    falls_back("svs: 1\ncatalogue: &c { name: x }\norganizations:\n  - id: a\n    name: *c\n");
    // A line indented less than the dashes.
    falls_back("svs: 1\norganizations:\n    - id: a\n  - id: b\n");
    // Syntax errors are reported by the sequential parse.
    falls_back("svs: 1\norganizations:\n  - id: a\n  - id: [b\n");
    falls_back("svs: 1\norganizations:\n  - id: a\n  - {id: b\n");
}

#[test]
fn a_control_character_in_a_comment_is_reported_however_the_file_is_cut() {
    // On the section's key line, between the key and its first item, and before the
    // first section.
    falls_back("svs: 1\norganizations: # \0\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\norganizations:\n  # \u{10}\n  - id: a\n  - id: b\n");
    falls_back("svs: 1\norganizations:\n# \0\n  - id: a\n  - id: b\n");
    falls_back("# \u{10}\norganizations:\n  - id: a\n  - id: b\n");
    // Inside and after the items.
    falls_back("svs: 1\norganizations:\n  - id: a\n  # \0\n  - id: b\n");
    falls_back("svs: 1\norganizations:\n  - id: a\n  - id: b\n# \u{10}\nsvs: 1\n");
}

#[test]
fn a_stray_fragment_before_or_between_sections_is_reported_however_the_file_is_cut() {
    // An indented list, or a line whose key a bad merge dropped, before the first section.
    falls_back("  - stray\norganizations:\n  - id: a\n  - id: b\n");
    falls_back("# a comment\n  - stray\norganizations:\n  - id: a\n  - id: b\n");
    falls_back("    name: stray\norganizations:\n  - id: a\n  - id: b\n");
    // A dash at column 0 after an indented section, before the next one.
    falls_back(
        "svs: 1\norganizations:\n  - id: a\n  - id: b\n- stray\ngroups:\n  - id: g\n  - id: h\n",
    );
    falls_back("svs: 1\norganizations:\n  - id: a\n  - id: b\n- stray\n");
    falls_back("svs: 1\norganizations:\n  - id: a\n  - id: b\n-\nsvs: 1\n");
}

#[test]
fn comments_before_the_first_section_add_no_event() {
    chunked("# a comment\norganizations:\n  - id: a\n  - id: b\n");
    chunked(
        "\u{feff}# a comment\r\n\r\n  # indented\r\norganizations:\r\n  - id: a\r\n  - id: b\r\n",
    );
    chunked("# a comment\norganizations: # here\n# there\n\n  - id: a\n  - id: b\n");
}

/// One generated item, in one of several styles.
fn item() -> impl Strategy<Value = String> {
    let id = "[a-z]{1,6}";
    prop_oneof![
        id.prop_map(|id| format!("  - id: {id}\n    name: Name {id}\n")),
        id.prop_map(|id| format!("  - {{ id: {id}, name: \"N {id}\" }}\n")),
        id.prop_map(|id| format!("  - id: {id}\n    description: |\n      - {id}\n      more\n")),
        id.prop_map(|id| format!("  - id: {id}\n    name: 'quoted\n      {id}'\n")),
        id.prop_map(|id| format!("  - id: {id} # comment\n# column 0\n    tags: [a,\n      b]\n")),
        id.prop_map(|id| format!("  - id: &{id} {id}\n    name: *{id}\n")),
        Just("  - id: x\n    amount: 1_000\n    on: yes\n".to_owned()),
        Just("  -\n    id: y\n".to_owned()),
    ]
}

fn catalogue() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(item(), 0..12),
        proptest::collection::vec(item(), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(orgs, groups, crlf, bom)| {
            let mut text = String::from("svs: 1\norganizations:\n");
            text.extend(orgs);
            text.push_str("catalogue: { name: c }\ngroups:\n");
            text.extend(groups);
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_catalogues_read_the_same(text in catalogue()) {
        agree(&text);
    }
}

/// Runs `svs ARGS` and returns stdout, stderr and the exit code.
fn svs(args: &[&str]) -> (Vec<u8>, String, Option<i32>) {
    let output = assert_cmd::Command::cargo_bin("svs")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_large_file_gives_the_same_output_on_one_thread_and_on_several() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.yaml");
    let mut text = String::from("svs: 1\ncatalogue: { name: large }\norganizations:\n");
    let mut i = 0;
    while text.len() < 3 << 20 {
        // Every hundredth organisation has a misspelt key and a dangling parent.
        if i % 100 == 7 {
            writeln!(
                text,
                "  - id: org-{i}\n    nmae: Org {i}\n    parent: nowhere-{i}"
            )
            .unwrap();
        } else {
            writeln!(
                text,
                "  - id: org-{i}\n    name: \"Org {i}\"\n    description: |\n      - one\n      two"
            )
            .unwrap();
        }
        i += 1;
    }
    std::fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();
    for format in ["json", "sarif"] {
        let one = svs(&["lint", path, "--format", format, "--jobs", "1"]);
        let several = svs(&["lint", path, "--format", format, "--jobs", "4"]);
        assert_eq!(one.2, Some(1));
        assert!(!one.0.is_empty());
        assert_eq!(one, several, "{format}");
        assert_eq!(
            several.1, "",
            "nothing on stderr in a pipe: no progress line"
        );
    }
}

#[test]
fn the_hostile_corpus_and_the_fuzz_seeds_read_the_same_in_pieces() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["tests/hostile", "fuzz/seeds/load_lint_assess"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                agree(&text);
            }
        }
    }
}

/// `svs lint --format json --jobs JOBS FILE` under a 1 GiB address-space limit.
fn bounded_lint(path: &str, jobs: &str) -> (Vec<u8>, Option<i32>) {
    let svs = assert_cmd::cargo::cargo_bin("svs");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(svs)
        .args(["lint", path, "--format", "json", "--jobs", jobs])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    (output.stdout, output.status.code())
}

#[test]
fn hostile_items_in_a_large_file_are_stopped_the_same_way_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut padding = String::new();
    for i in 0..40_000 {
        writeln!(padding, "  - id: org-{i}\n    name: Org {i}").unwrap();
    }
    let mut bomb = String::from("  - id: bomb\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let refs = vec![format!("*l{}", level - 1); 10].join(", ");
        writeln!(bomb, "    l{level}: &l{level} [{refs}]").unwrap();
    }
    let bomb = bomb.replace("&a [", "&l0 [");
    let deep = format!(
        "  - id: deep\n    name: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    for (name, hostile) in [("bomb", bomb), ("deep", deep)] {
        let text = format!("svs: 1\norganizations:\n{padding}{hostile}{padding}");
        assert!(text.len() > 2 << 20);
        let path = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        let one = bounded_lint(path, "1");
        assert_eq!(one.1, Some(1), "{name}");
        assert!(String::from_utf8_lossy(&one.0).contains("SVS001"), "{name}");
        assert_eq!(bounded_lint(path, "2"), one, "{name}");
    }
}
