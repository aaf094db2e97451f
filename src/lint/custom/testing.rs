//! Helpers for the unit tests of custom rules: the custom-rules fixture with other rules
//! in place of its own, and a rule written in a line.

use crate::model::Catalogue;

/// The custom-rules fixture with `rules` in place of its own.
pub(super) fn catalogue(rules: &str) -> Catalogue {
    let fixture = include_str!("../../../tests/fixtures/custom/rules.yaml");
    // The fixture's own rules go, and with them its suppression of one of their codes.
    let entities =
        fixture[..fixture.find("\nrules:").unwrap()].replace("lint: { allow: [ACME003] }", "");
    let yaml = format!("{entities}\nrules:\n{rules}");
    let loaded =
        crate::load::load_files(vec![("rules.yaml".into(), yaml.into_bytes())], "t".into());
    let messages: Vec<_> = loaded.diagnostics.iter().map(|d| &d.message).collect();
    let catalogue = loaded
        .catalogue
        .unwrap_or_else(|| panic!("the test catalogue does not load: {messages:?}"));
    assert_eq!(
        catalogue.rules.len(),
        rules.matches("- id:").count(),
        "{messages:?}"
    );
    catalogue
}

/// Rule `n` (code `TTnnn`) on the section `on`; its message reads `{self.id} {self.name}`.
pub(super) fn rule(n: usize, on: &str, when: Option<&str>, assert: &str) -> String {
    let when = when.map_or(String::new(), |w| format!("    when: {w:?}\n"));
    format!(
        "  - id: r{n}\n    code: TT{n:03}\n    name: rule-{n}\n    on: {on}\n{when}    \
         assert: {assert:?}\n    message: \"{{self.id}} {{self.name}}\"\n"
    )
}
