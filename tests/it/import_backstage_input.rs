//! `svs import backstage` on what real descriptor trees hold besides entities: paths that
//! overlap and folders reached through symbolic links.
//!
//! The reduced trees are under `tests/fixtures/backstage/`; trees that need a symbolic
//! link are built in a temporary directory, since a link does not survive every checkout.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{fixture, svs};

/// `svs import backstage ARGS…` run in `dir`.
fn import_in(dir: &Path, args: &[&str]) -> Output {
    svs()
        .current_dir(dir)
        .args(["import", "backstage"])
        .args(args)
        .output()
        .expect("svs runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn overlapping_paths_read_each_file_once() {
    let root = fixture("backstage");
    let alone = import_in(&root, &["tree"]);
    assert_eq!(alone.status.code(), Some(0), "{}", stderr(&alone));
    for paths in [
        &["tree", "tree/org"][..],
        &["tree", "tree"],
        &["tree", "./tree/systems"],
    ] {
        let output = import_in(&root, paths);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{paths:?}: {}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), stdout(&alone), "{paths:?}");
        assert_eq!(stderr(&output), stderr(&alone), "{paths:?}");
        assert!(!stderr(&output).contains("defined again"), "{paths:?}");
    }
}

/// `catalog/teams/team.yaml`, `catalog/alias` a link to `teams`, `catalog/shared` a link
/// to `shared/` beside the catalogue holding `api.yaml`.
#[cfg(unix)]
fn linked_tree() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("catalog/teams")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
        dir.join("catalog/teams/team.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\n\
         spec: { type: team, children: [] }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shared/web.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: web }\n\
         spec: { type: service, lifecycle: production, owner: team-a }\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("teams", dir.join("catalog/alias")).unwrap();
    std::os::unix::fs::symlink("../shared", dir.join("catalog/shared")).unwrap();
    temp
}

#[cfg(unix)]
#[test]
fn a_file_reached_through_a_linked_folder_is_read_once_at_its_real_path() {
    let temp = linked_tree();
    for paths in [&["catalog"][..], &["catalog", "catalog/teams"]] {
        let output = import_in(temp.path(), paths);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{paths:?}: {}",
            stderr(&output)
        );
        let catalogue = stdout(&output);
        assert!(
            catalogue.contains("# group:default/team-a, from catalog/teams/team.yaml\n"),
            "{paths:?}: {catalogue}"
        );
        assert!(
            catalogue.contains("# component:default/web, from shared/web.yaml\n"),
            "{paths:?}: {catalogue}"
        );
        assert!(!catalogue.contains("alias"), "{paths:?}: {catalogue}");
        assert!(!stderr(&output).contains("defined again"), "{paths:?}");
        assert!(
            stderr(&output).starts_with("read 2 Backstage entities from 2 files"),
            "{paths:?}: {}",
            stderr(&output)
        );
    }
}
