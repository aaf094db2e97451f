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

/// The warnings lines of an import's standard error.
fn warning_lines(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn warnings_are_one_line_per_cause_with_a_count_and_verbose_lists_each() {
    let root = fixture("backstage");
    let output = import_in(&root, &["flood"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = warning_lines(&output);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    let phoenix: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("team-phoenix"))
        .collect();
    assert_eq!(phoenix.len(), 1, "{lines:#?}");
    // The flood of definitions found again has a total and names both places by line.
    let again = lines
        .iter()
        .find(|l| l.contains("defined again"))
        .expect("a line for the entities defined again");
    assert!(
        again.starts_with(
            "warning: defined again; the first definition wins (5 entities: \
             component:default/cart at flood/b-copies.yaml:2, first at flood/a-services.yaml:2; \
             component:default/checkout at flood/b-copies.yaml:11, first at flood/a-services.yaml:11; \
             component:default/search at flood/b-copies.yaml:20"
        ),
        "{again}"
    );
    assert!(
        again.ends_with("; and 2 more: --verbose lists each)"),
        "{again}"
    );
    assert!(
        stderr(&output).contains("6 warnings, one line per cause (2 causes): --verbose lists each"),
        "{}",
        stderr(&output)
    );

    let verbose = import_in(&root, &["flood", "--verbose"]);
    let lines = warning_lines(&verbose);
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert!(lines.contains(
        &"warning: flood/b-copies.yaml:38: component:default/billing: defined again; the first \
          definition wins (first at flood/a-services.yaml:38)"
            .to_owned()
    ));
    // The owner no entity read names is one warning, with the number it owns.
    assert_eq!(
        lines.iter().filter(|l| l.contains("team-phoenix")).count(),
        1,
        "{lines:#?}"
    );
    assert!(stderr(&verbose).contains("\n6 warnings\n"));
}

#[test]
fn template_skeletons_are_skipped_and_counted() {
    let output = import_in(&fixture("backstage"), &["template"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let catalogue = stdout(&output);
    assert!(!catalogue.contains("values"), "{catalogue}");
    assert!(catalogue.contains("- id: scaffolder\n"), "{catalogue}");
    assert!(!catalogue.contains("my-api"), "{catalogue}");
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "\nskipped (template skeletons, fields holding `${{ … }}`): 1 API, 1 Component\n"
        ),
        "{errors}"
    );
    assert!(warning_lines(&output).is_empty(), "{errors}");
}

#[test]
fn kubernetes_manifests_and_configuration_files_are_counted_on_one_line() {
    let output = import_in(&fixture("backstage"), &["foreign", "--verbose"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "\nleft out (not Backstage files): 2 Kubernetes manifests, 2 app-config files, \
             1 mkdocs file\n"
        ),
        "{errors}"
    );
    // Only the OpenAPI definitions, which nothing tells apart from any other YAML, get a
    // warning; the stream of two gets one.
    let lines = warning_lines(&output);
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(lines[0].starts_with("warning: foreign/asyncapi.yaml: holds a document"));
    assert!(lines[0].ends_with("skipped (2 documents)"), "{errors}");
    assert!(lines[1].starts_with("warning: foreign/openapi.yaml: holds a document"));
    assert!(stdout(&output).contains("- id: web\n"));
}

#[test]
fn location_targets_are_quoted_as_written_and_a_literal_file_wins_over_a_glob() {
    let output = import_in(&fixture("backstage"), &["targets/catalog-info.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = warning_lines(&output);
    assert_eq!(
        lines,
        [
            "warning: targets/catalog-info.yaml: Location target `./missing/*.yaml` matches \
             nothing: no `targets/missing` to look in; skipped",
            "warning: targets/catalog-info.yaml: Location target `./teams/*.json` matches \
             nothing: no YAML file; skipped",
        ],
        "{}",
        stderr(&output)
    );
    // `systems/{legacy}.yaml` is a file of that name, read as it is written.
    let catalogue = stdout(&output);
    assert!(
        catalogue.contains("# component:default/legacy, from targets/systems/{legacy}.yaml\n"),
        "{catalogue}"
    );
    assert!(catalogue.contains("provider: team-a\n"), "{catalogue}");
}
