//! Arbitrary bytes as a catalogue file: loading, linting, assessing and rendering must
//! never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = svs::load::load_files(vec![("fuzz.yaml".into(), data.to_vec())], "fuzz".into());
    let report = svs::lint::lint(&loaded, svs::lint::Options::default());
    let mut sink = Vec::new();
    let _ = svs::report::human::render_lint(&mut sink, &report, &loaded.sources, false, false);
    let _ = svs::report::sarif::render_lint(&mut sink, &report, &loaded.sources);
    if let Some(catalogue) = &loaded.catalogue {
        let all: Vec<usize> = (0..catalogue.relationships.len()).collect();
        if let Ok(assessments) = svs::assess::assess(catalogue, &all) {
            let _ = svs::report::json::render_assessment(&mut sink, catalogue, &assessments);
            let _ = svs::report::table::render_assessment(&mut sink, catalogue, &assessments, false, true, false);
        }
        let _ = svs::lint::run_rules(&svs::lint::index::Index::new(catalogue));
    }
});
