//! The key tables of docs/format.md are the key declarations: each marked block is what
//! `svs::keys::reference` writes for its mapping, and every mapping with keys has one.
//! With `SVS_UPDATE_DOCS=1` the blocks are written again instead, like insta's snapshots;
//! the change is then reviewed as any other.

use std::fs;
use std::path::{Path, PathBuf};

use svs::keys::reference;

fn format_md() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md")
}

#[test]
fn the_key_tables_are_written_from_the_declarations() {
    let path = format_md();
    let doc = fs::read_to_string(&path).expect("docs/format.md");
    let fresh = reference::regenerate(&doc).unwrap_or_else(|e| panic!("docs/format.md: {e}"));
    if fresh == doc {
        return;
    }
    if std::env::var_os("SVS_UPDATE_DOCS").is_some() {
        fs::write(&path, &fresh).expect("docs/format.md is written");
        return;
    }
    let stale: Vec<String> = reference::blocks(&doc)
        .expect("marked")
        .iter()
        .filter(|b| b.text != reference::contents(b.mapping))
        .map(|b| {
            let line = doc[..b.span.0].lines().count();
            format!(
                "  the block of `{}` after line {line}",
                reference::marker_name(b.mapping)
            )
        })
        .collect();
    panic!(
        "docs/format.md's key tables differ from the key declarations in src/keys/:\n{}\n\
         run `SVS_UPDATE_DOCS=1 cargo test --test it format_doc` and review `git diff docs`",
        stale.join("\n")
    );
}

#[test]
fn every_mapping_with_keys_has_a_table() {
    let doc = fs::read_to_string(format_md()).expect("docs/format.md");
    let unlisted: Vec<&str> = reference::unlisted(&doc)
        .expect("marked")
        .iter()
        .map(|m| reference::marker_name(m))
        .collect();
    assert!(
        unlisted.is_empty(),
        "docs/format.md has no `<!-- keys: NAME -->` block for {unlisted:?}: add one where \
         the prose describes the mapping"
    );
}

#[test]
fn every_block_holds_a_table_of_keys() {
    let doc = fs::read_to_string(format_md()).expect("docs/format.md");
    let blocks = reference::blocks(&doc).expect("marked");
    assert!(blocks.len() >= 30, "{} blocks", blocks.len());
    for block in &blocks {
        let rows = block.text.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(
            rows,
            block.mapping.keys.len(),
            "the block of `{}` has a row per key",
            reference::marker_name(block.mapping)
        );
        assert!(
            rows > 0,
            "the block of `{}` is empty",
            reference::marker_name(block.mapping)
        );
    }
}
