//! Arbitrary bytes as a catalogue file: loading, linting, assessing and rendering must
//! never panic, whatever the input; and reading the file cut into pieces on several
//! threads must give exactly what reading it in one pass gives. The input may carry a
//! `rules:` section; and, as text, it is also the `assert` of a custom rule on a small
//! catalogue, which must lint without panicking whatever the expression. A catalogue that
//! loads is written by `svs::write` and loaded again, and must come back the same. And as
//! the new text of one file of a catalogue of two, loaded again after the catalogue it
//! changes (as `svs history` loads each commit, patching where it can), it must give what
//! a full load gives, and so must the old text after it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use svs::load::yaml::{Reading, parse_with};
use svs::source::{FileId, SourceFile};

/// Every event of reading `text` as `reading` says, as text, or the error.
fn events(text: &str, reading: Reading) -> String {
    let source = SourceFile::new("fuzz.yaml".into(), text.into());
    let sections = ["organizations", "people", "groups", "outcomes", "products", "services", "offerings", "relationships", "rules", "evidence", "improvements"];
    let mut out = String::new();
    match parse_with(FileId(0), &source, &sections, reading, &mut |e| out.push_str(&format!("{e:?}\n"))) {
        Ok(_) => out,
        Err(error) => format!("{error:?}"),
    }
}

/// Every finding of decoding `text`, and what it decodes to, read as `reading` says: the
/// pieces of a chunked read are decoded on the threads that parse them.
fn decoded(text: &str, reading: Reading) -> String {
    let source = SourceFile::new("fuzz.yaml".into(), text.into());
    svs::load::yaml::with_reading(reading, || {
        let mut diagnostics = Vec::new();
        let contents = svs::load::decode::decode_file(FileId(0), &source, &mut diagnostics);
        format!("{diagnostics:?}\n{contents:?}")
    })
}

/// A small catalogue with one offering, for a custom rule to check.
const SMALL: &str = "svs: 1
organizations:
  - { id: p, name: P }
services:
  - { id: s, name: S, provider: p }
groups:
  - { id: g, name: G }
offerings:
  - { id: o, name: O, provider: p, services: [s], targets: [g], access: [{ name: a, period: month }] }
";

/// `SMALL` with a custom rule on offerings whose `assert` is `expression`.
fn with_rule(expression: &str) -> String {
    let body: String = expression.lines().map(|line| format!("      {line}\n")).collect();
    format!("{SMALL}rules:\n  - id: r\n    code: FUZ001\n    name: fuzzed\n    on: offerings\n    assert: |\n{body}    message: \"{{self.id}}\"\n")
}

/// The bundled catalogue's settings and training files: a catalogue of two files.
const SETTINGS: &str = include_str!("../../catalog/catalogue.yaml");
const TRAINING: &str = include_str!("../../catalog/training.yaml");

/// The training file, then `data` in its place, then the training file again, each loaded
/// again after the one before: patched or in full, each must be what a full load gives.
fn reload_as_a_full_load(data: &[u8]) {
    use std::sync::Arc;
    use svs::load::Content;
    use svs::load::reload::{Reader, Reload, Reloaded};
    let settings = Arc::new(SETTINGS.to_owned());
    let training = Arc::new(TRAINING.to_owned());
    let fuzzed = std::str::from_utf8(data).ok().map(|text| Arc::new(text.to_owned()));
    let second = |text: Option<&Arc<String>>| match text {
        Some(text) => Content::Shared(Arc::clone(text)),
        None => Content::Bytes(data.to_vec()),
    };
    // On one thread: a thread started per file and per load is most of what this costs
    // the fuzzer, and chunked reading has checks of its own below.
    svs::load::set_jobs(std::num::NonZeroUsize::new(1));
    let (mut reader, mut reload) = (Reader::default(), Reload::default());
    let mut last = None;
    for text in [Some(&training), fuzzed.as_ref(), Some(&training)] {
        let inputs = || -> Vec<(String, Content)> {
            vec![("catalogue.yaml".into(), Content::Shared(Arc::clone(&settings))), ("training.yaml".into(), second(text))]
        };
        let full = svs::load::load_files(inputs(), "fuzz".into());
        match reload.load(reader.read(inputs()), "fuzz".into(), last.take()) {
            Reloaded::Patched { catalogue, .. } => {
                assert_eq!(Some(&catalogue), full.catalogue.as_ref(), "patched");
                last = Some(catalogue);
            }
            Reloaded::Loaded(loaded) => {
                assert_eq!(loaded.diagnostics, full.diagnostics);
                assert_eq!(loaded.catalogue, full.catalogue);
                last = loaded.catalogue;
            }
        }
    }
    svs::load::set_jobs(None);
}

fuzz_target!(|data: &[u8]| {
    reload_as_a_full_load(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let ruled = svs::load::load_files(vec![("rule.yaml".into(), with_rule(text).into_bytes())], "fuzz".into());
        let report = svs::lint::lint(&ruled, svs::lint::Options::default());
        let _ = svs::report::human::render_lint(&mut Vec::new(), &report, &ruled.sources, false, false);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let chunked = Reading::Chunked { jobs: 2, piece: 1 };
        assert_eq!(events(text, chunked), events(text, Reading::Sequential));
        assert_eq!(decoded(text, chunked), decoded(text, Reading::Sequential));
    }
    let loaded = svs::load::load_files(vec![("fuzz.yaml".into(), data.to_vec())], "fuzz".into());
    let report = svs::lint::lint(&loaded, svs::lint::Options::default());
    let mut sink = Vec::new();
    let _ = svs::report::human::render_lint(&mut sink, &report, &loaded.sources, false, false);
    let _ = svs::report::sarif::render_lint(&mut sink, &report, &loaded.sources);
    if let Some(catalogue) = &loaded.catalogue {
        let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
        if let Ok(evaluation) = svs::assess::evaluate(catalogue, &all) {
            let owners = svs::audience::Audience::owners();
            let as_of = svs::calendar::as_of(None, &catalogue.metadata);
            let _ = svs::report::json::render_assessment(&mut sink, catalogue, &evaluation, &owners, as_of);
            let layout = svs::report::table::Layout { color: false, quiet: true, width: Some(80) };
            for view in [
                svs::report::views::assessment(catalogue, &evaluation.relationships, &owners, false),
                svs::report::views::providers(catalogue, &evaluation.providers),
                svs::report::views::consumers(catalogue, &evaluation.consumers),
            ] {
                let _ = svs::report::table::write(&mut sink, &view, layout);
                let _ = svs::report::markdown::write(&mut sink, &view);
                let _ = svs::report::csv::write(&mut sink, &view);
            }
        }
        let _ = svs::lint::run_rules(&svs::lint::index::Index::new(catalogue));
        // What the writer makes of a catalogue loads again as the same catalogue: writing
        // it again gives the same text.
        let written = svs::write::catalogue(catalogue);
        let again = svs::load::load_files(vec![("written.yaml".into(), written.clone().into_bytes())], "fuzz".into());
        let Some(again) = &again.catalogue else {
            panic!("what was written does not load: {:?}\n{written}", again.diagnostics);
        };
        assert_eq!(svs::write::catalogue(again), written);
    }
});
