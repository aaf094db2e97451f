//! The writer's contract: what it writes loads back as the same model, every time.

use std::path::{Path, PathBuf};

use super::*;
use crate::load::{Loaded, load_files};
use crate::model::{Common, Organization, Person, Spanned};

/// Loads catalogue text as one file.
pub(super) fn load_text(text: &str) -> Loaded {
    load_files(
        vec![("written.yaml".to_owned(), text.as_bytes().to_vec())],
        "written".into(),
    )
}

/// The model's debug form with every span left out: two catalogues read from different
/// text are the same model when these agree.
pub(super) fn without_spans(catalogue: &Catalogue) -> String {
    let debug = format!("{catalogue:?}");
    let mut plain = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span { file: ") {
        plain.push_str(&rest[..at]);
        let end = rest[at..].find(" }").expect("a span closes") + 2;
        plain.push('_');
        rest = &rest[at + end..];
    }
    plain.push_str(rest);
    plain
}

/// Writes a catalogue, loads what was written, and checks that it is the same model and
/// that writing it again gives the same text.
fn round_trip(what: &str, catalogue: &Catalogue) {
    let text = super::catalogue(catalogue);
    let loaded = load_text(&text);
    assert_eq!(loaded.diagnostics, [], "{what} as written:\n{text}");
    let again = loaded.catalogue.expect("a resolved catalogue");
    assert_eq!(
        without_spans(&again),
        without_spans(catalogue),
        "{what} comes back as the same model; written:\n{text}"
    );
    assert_eq!(
        super::catalogue(&again),
        text,
        "{what} is written the same twice"
    );
}

/// Every file and directory under `dir`, recursively.
fn everything_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a directory")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            everything_under(&path, found);
            found.push(path);
        } else if crate::load::files::is_yaml(&path) {
            found.push(path);
        }
    }
}

#[test]
fn every_catalogue_of_the_repository_comes_back_as_the_same_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["catalog", "tests/fixtures", "docs"] {
        everything_under(&root.join(dir), &mut paths);
    }
    let exclude = crate::load::files::Exclude::new(&[]).expect("no globs");
    let mut written = 0;
    for path in &paths {
        let Ok(loaded) = crate::load::load(std::slice::from_ref(path), &exclude) else {
            continue;
        };
        let Some(catalogue) = loaded.catalogue else {
            continue;
        };
        round_trip(&path.display().to_string(), &catalogue);
        written += 1;
    }
    assert!(
        written >= 20,
        "the repository's catalogues are found ({written})"
    );
}

/// An organisation named `name`, described by `description`, and a person in it.
fn named(name: &str, description: &str) -> Catalogue {
    Catalogue {
        organizations: vec![Organization {
            common: Common::unplaced("o", Some(name.to_owned()), Some(description.to_owned())),
            parent: None,
            target_margin: None,
        }],
        people: vec![Person {
            common: Common::unplaced("p", Some(description.to_owned()), None),
            organization: Ref::unplaced("o"),
            title: Some(name.to_owned()),
        }],
        ..Catalogue::named(name)
    }
}

/// The names and descriptions read back from what was written.
fn read_back(catalogue: &Catalogue) -> (String, String, Option<String>, Option<String>) {
    let text = super::catalogue(catalogue);
    let loaded = load_text(&text);
    assert_eq!(loaded.diagnostics, [], "as written:\n{text}");
    let again = loaded.catalogue.expect("a resolved catalogue");
    (
        again.metadata.name,
        again.organizations[0]
            .common
            .name
            .clone()
            .unwrap_or_default(),
        again.organizations[0].common.description.clone(),
        again.people[0].title.clone(),
    )
}

#[test]
fn hostile_scalars_come_back_as_the_same_strings() {
    for hostile in [
        "yes",
        "No",
        "on",
        "~",
        "null",
        "1e3",
        "0x1F",
        "0o17",
        ".inf",
        "-.nan",
        "12:30",
        "a: b",
        "a:b",
        "#1",
        "a #b",
        "- item",
        "? key",
        "[x]",
        "{x}",
        "a, b",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "%YAML",
        "@at",
        "`tick`",
        "'single'",
        "\"double\"",
        "back\\slash",
        "  leading spaces",
        "trailing spaces  ",
        "\ttab",
        "line\nbreak",
        "carriage\r\nreturn",
        "next\u{85}line",
        "line\u{2028}separator",
        "paragraph\u{2029}separator",
        "bell\u{7}",
        "\u{feff}bom",
        "Ana Muñoz",
        "日本語",
        "emoji 🎉",
        "---",
        "...",
    ] {
        let catalogue = named(hostile, hostile);
        let (name, organization, description, title) = read_back(&catalogue);
        assert_eq!(name, hostile, "the catalogue's name {hostile:?}");
        assert_eq!(organization, hostile, "a name {hostile:?}");
        assert_eq!(
            description.as_deref(),
            Some(hostile),
            "a description {hostile:?}"
        );
        assert_eq!(title.as_deref(), Some(hostile), "a title {hostile:?}");
    }
}

#[test]
fn an_empty_description_comes_back_empty() {
    let (_, _, description, _) = read_back(&named("n", ""));
    assert_eq!(description.as_deref(), Some(""));
}

#[test]
fn keys_follow_their_declaration_and_defaults_are_left_out() {
    let text = super::catalogue(&named("Acme", "The whole company"));
    assert_eq!(
        text,
        "svs: 1\ncatalogue:\n  name: Acme\n\n\
         organizations:\n  - id: o\n    name: Acme\n    description: The whole company\n\n\
         people:\n  - id: p\n    name: The whole company\n    organization: o\n    title: Acme\n"
    );
}

#[test]
fn comments_go_above_entities_and_the_items_of_their_lists() {
    let mut catalogue = named("Acme", "d");
    catalogue.organizations[0].common.description = None;
    let comments = Comments::above("from\nsomewhere");
    let text = File::new()
        .comment("first\nsecond")
        .section(catalogue.organizations.iter().map(|o| (o, &comments)))
        .text();
    assert_eq!(
        text,
        "# first\n# second\nsvs: 1\n\norganizations:\n  # from somewhere\n  - id: o\n    name: Acme\n"
    );
}

#[test]
fn every_key_written_is_declared_in_its_mapping() {
    // `Map::put` checks each key against its mapping's declaration (in debug builds, as
    // the tests run): the richest catalogues of the repository exercise every key.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exclude = crate::load::files::Exclude::new(&[]).expect("no globs");
    let loaded = crate::load::load(&[root.join("catalog")], &exclude).expect("catalog/");
    let catalogue = loaded.catalogue.expect("catalog/ loads");
    let text = super::catalogue(&catalogue);
    for key in [
        "target_margin:",
        "members:",
        "size:",
        "kind:",
        "targets:",
        "visible: true",
        "enables:",
        "running_costs:",
        "service_levels:",
        "continuity:",
        "security:",
        "goods:",
        "actions:",
        "price:",
        "cost_to_serve:",
        "roles:",
        "stakeholders:",
        "effects:",
        "requirements:",
        "priority:",
        "removed:",
        "imposed:",
        "provision:",
        "benefits:",
        "rules:",
        "assert:",
    ] {
        assert!(text.contains(key), "catalog/ writes `{key}`");
    }
}

#[test]
fn safe_words_are_plain_and_everything_else_is_quoted() {
    assert_eq!(scalar("team-a"), "team-a");
    assert_eq!(scalar("Payments Team"), "Payments Team");
    for tricky in [
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "null",
        "",
        "1",
        "1e3",
        "0x1F",
        ".inf",
        "a: b",
        "#1",
        "a #b",
        "-lead",
        "'q'",
        "\"q\"",
        "trailing ",
        "é",
        "[x]",
        "a,b",
        "~",
    ] {
        assert!(scalar(tricky).starts_with('"'), "{tricky:?} is quoted");
    }
    assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    assert_eq!(scalar("a\u{7}b"), "\"a\\u0007b\"");
}

#[test]
fn comments_stay_on_one_line() {
    assert_eq!(comment("a\nb\u{2028}c"), "a b c");
}

#[test]
fn spanned_values_built_by_a_program_are_nowhere() {
    let value = Spanned::unplaced(1);
    assert_eq!(value.span, crate::model::nowhere());
}

#[test]
fn a_description_follows_what_names_and_places_the_entity() {
    let mut catalogue = named("Acme", "The whole company");
    catalogue.organizations[0].target_margin = Some(Spanned::unplaced(Decimal::from(15)));
    catalogue.organizations[0].parent = Some(Ref::unplaced("group"));
    catalogue.people[0].common.description = Some("Runs the desk".to_owned());
    let text = super::catalogue(&catalogue);
    assert!(
        text.contains(
            "  - id: o\n    name: Acme\n    parent: group\n    description: The whole company\n    \
             target_margin: 15\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("    organization: o\n    description: Runs the desk\n    title: Acme\n"),
        "{text}"
    );
}

#[test]
fn an_offering_item_says_its_ownership_even_at_the_default() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exclude = crate::load::files::Exclude::new(&[]).expect("no globs");
    let loaded = crate::load::load(&[root.join("catalog")], &exclude).expect("catalog/");
    let catalogue = loaded.catalogue.expect("catalog/ loads");
    let accesses: usize = catalogue.offerings.iter().map(|o| o.access.len()).sum();
    let goods: usize = catalogue.offerings.iter().map(|o| o.goods.len()).sum();
    let text = super::catalogue(&catalogue);
    assert!(accesses > 0 && goods > 0);
    assert_eq!(
        text.matches("ownership: retained").count(),
        accesses,
        "{text}"
    );
    assert_eq!(
        text.matches("ownership: transferred").count(),
        goods,
        "{text}"
    );
}
