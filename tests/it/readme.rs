//! The README's tour shows real output: these tests fail when the program and the README
//! drift apart.

use crate::common;

use common::run;

/// The output shown under `$ <command>` in the README's first console block that runs it.
fn shown_output(command: &str) -> String {
    let readme = include_str!("../../README.md");
    let marker = format!("$ {command}\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README shows `{command}`"))
        + marker.len();
    let end = start + readme[start..].find("```").expect("the block ends");
    readme[start..end].to_owned()
}

fn actual(args: &[&str]) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut full = vec![];
    for arg in args {
        full.push(if *arg == "catalog/" {
            format!("{root}/catalog/")
        } else {
            (*arg).to_owned()
        });
    }
    let refs: Vec<&str> = full.iter().map(String::as_str).collect();
    String::from_utf8(run(&refs).stdout).expect("UTF-8")
}

#[test]
fn the_assessment_table_in_the_readme_is_real() {
    assert_eq!(
        shown_output("svs assess catalog/"),
        actual(&["assess", "catalog/", "--color", "never"])
    );
}

#[test]
fn the_json_example_in_the_readme_is_real() {
    let command = "svs assess catalog/ --relationship fairlie-moss-office-broadband --format json";
    assert_eq!(
        shown_output(command),
        actual(&[
            "assess",
            "catalog/",
            "--relationship",
            "fairlie-moss-office-broadband",
            "--format",
            "json"
        ])
    );
}

#[test]
fn the_lint_of_the_catalogue_in_the_readme_is_real() {
    // Run from the repository's root, as the README does, so that places read `catalog/…`.
    let output = common::svs()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "catalog/"])
        .output()
        .expect("svs runs");
    assert_eq!(
        shown_output("svs lint catalog/"),
        String::from_utf8(output.stdout).expect("UTF-8")
    );
}

/// Runs `svs` in `tests/fixtures/readme`, where the README's small examples live.
fn actual_in_fixtures(args: &[&str]) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme");
    let output = common::svs()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("svs runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_structural_findings_in_the_readme_are_real() {
    assert_eq!(
        shown_output("svs lint shop/"),
        actual_in_fixtures(&["lint", "shop/", "--color", "never"])
    );
}

#[test]
fn the_rule_findings_in_the_readme_are_real() {
    assert_eq!(
        shown_output("svs lint lease.yaml"),
        actual_in_fixtures(&["lint", "lease.yaml", "--color", "never"])
    );
}

#[test]
fn the_custom_rule_finding_in_the_readme_is_real() {
    assert_eq!(
        shown_output("svs lint mfa.yaml"),
        actual_in_fixtures(&["lint", "mfa.yaml", "--color", "never"])
    );
}

#[test]
fn the_custom_rule_in_the_readme_is_the_one_its_example_carries() {
    let readme = include_str!("../../README.md");
    let fixture = include_str!("../fixtures/readme/mfa.yaml");
    let shown = readme
        .split("```yaml\nrules:\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a rules block in the README");
    let carried = fixture.split("rules:\n").nth(1).expect("a rules section");
    assert_eq!(shown, carried);
}

#[test]
fn the_roles_examples_in_the_readme_are_real() {
    assert_eq!(
        shown_output("svs roles catalog/ --relationship harbour-corporate-mobile"),
        actual(&[
            "roles",
            "catalog/",
            "--relationship",
            "harbour-corporate-mobile",
            "--color",
            "never"
        ])
    );
    assert_eq!(
        shown_output("svs roles catalog/ --by-person --organization meridian"),
        actual(&[
            "roles",
            "catalog/",
            "--by-person",
            "--organization",
            "meridian",
            "--color",
            "never"
        ])
    );
}

#[test]
fn the_graph_example_in_the_readme_is_real() {
    assert_eq!(
        shown_output("svs graph catalog/ --focus fenwick"),
        actual(&["graph", "catalog/", "--focus", "fenwick"])
    );
}

#[test]
fn the_init_example_in_the_readme_is_real() {
    let dir = tempfile::tempdir().unwrap();
    let output = common::svs()
        .current_dir(dir.path())
        .args(["init", "demo-init"])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    // Status and next steps go to standard error; the console shows both streams.
    let shown = format!(
        "{}{}",
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    );
    assert_eq!(shown_output("svs init demo-init"), shown);
}

/// The lines of the README's first console block.
fn quick_start() -> Vec<&'static str> {
    let readme = include_str!("../../README.md");
    let start = readme.find("## Quick start").expect("a quick start");
    let block = &readme[start..];
    let block = &block[block.find("```console\n").expect("a console block") + 11..];
    block[..block.find("```").expect("the block ends")]
        .lines()
        .collect()
}

#[test]
fn the_quick_start_test_command_installs_what_the_tests_need() {
    // `cargo test` alone fails on a machine without Graphviz and Chromium; `.ci/run`
    // installs them first.
    let commands = quick_start();
    assert!(
        commands.iter().any(|l| l.starts_with("$ bash .ci/run ")),
        "{commands:?}"
    );
    assert!(
        !commands.iter().any(|l| l.contains("cargo test")),
        "{commands:?}"
    );
    let script = include_str!("../../.ci/run");
    let readme = include_str!("../../README.md");
    let quick =
        &readme[readme.find("## Quick start").unwrap()..readme.find("## A short tour").unwrap()];
    for line in script.lines().filter(|l| l.contains("apt-get install")) {
        let package = line
            .split_whitespace()
            .rfind(|w| !w.starts_with('-') && !w.starts_with('>'))
            .expect("a package");
        assert!(
            quick.contains(&format!("`{package}`")),
            "the quick start names `{package}`, which .ci/run installs"
        );
    }
}

#[test]
fn the_benchmark_honours_cargo_target_dir() {
    let script = include_str!("../../benches/scale.sh");
    assert!(
        script.lines().any(|l| l
            .trim_start()
            .starts_with("bin=${CARGO_TARGET_DIR:-target}/")),
        "benches/scale.sh finds the binaries where cargo puts them"
    );
}

#[test]
fn a_missing_outside_program_says_how_to_install_it() {
    let missing = std::panic::catch_unwind(|| {
        common::require_program("svs-test-no-such-program", "no-such-package");
    })
    .expect_err("a missing program fails the test");
    let message = missing.downcast_ref::<String>().expect("a message").clone();
    assert!(
        message.contains("apt-get install no-such-package") && message.contains("bash .ci/run"),
        "{message}"
    );
    common::require_program("sh", "dash");
}

#[test]
fn the_provider_portfolio_in_the_readme_is_real() {
    assert_eq!(
        shown_output("svs assess catalog/ --view providers"),
        actual(&[
            "assess",
            "catalog/",
            "--view",
            "providers",
            "--color",
            "never"
        ])
    );
}

#[test]
fn the_backstage_import_in_the_readme_is_real() {
    // Run where the README's paths hold: a copy of tests/fixtures/backstage, so that the
    // catalogue is written to a fresh `demo-import`.
    let root = tempfile::tempdir().unwrap();
    let fixtures = root.path().join("tests/fixtures/backstage");
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backstage");
    for file in [
        "outside.yaml",
        "tree/catalog-info.yaml",
        "tree/org/groups.yaml",
        "tree/org/users.yaml",
        "tree/systems/payments.yaml",
        "tree/systems/storefront.yaml",
    ] {
        let to = fixtures.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(source.join(file), to).unwrap();
    }
    let run_here = |args: &[&str]| {
        common::svs()
            .current_dir(root.path())
            .args(args)
            .output()
            .expect("svs runs")
    };
    let import = run_here(&[
        "import",
        "backstage",
        "tests/fixtures/backstage/tree",
        "-o",
        "demo-import",
    ]);
    assert!(import.stdout.is_empty());
    assert_eq!(
        shown_output("svs import backstage tests/fixtures/backstage/tree -o demo-import"),
        String::from_utf8(import.stderr).unwrap()
    );
    assert_eq!(
        shown_output("svs graph demo-import"),
        String::from_utf8(run_here(&["graph", "demo-import"]).stdout).unwrap()
    );
    let lint =
        String::from_utf8(run_here(&["lint", "demo-import", "--color", "never"]).stdout).unwrap();
    assert_eq!(
        shown_output("svs lint demo-import | tail -1"),
        format!("{}\n", lint.lines().last().unwrap())
    );
}

#[test]
fn the_quarterly_review_in_the_readme_is_real() {
    let command = "svs assess catalog/ --period 2026-Q2 --relationship harbour-corporate-mobile \
                   --relationship meridian-paperless-office --relationship calder-business-account";
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let mut with_colour = args.clone();
    with_colour.extend(["--color", "never"]);
    assert_eq!(shown_output(command), actual(&with_colour));
}

#[test]
fn the_review_pack_in_the_readme_is_real() {
    // The README runs it in a clone of this repository, whose first commit is later than
    // Calder's last review. The test gives the same history without depending on how this
    // checkout was made (a shallow clone, an exported tree): `catalog/` committed once, on
    // the day the repository began.
    let dir = tempfile::tempdir().expect("temporary directory");
    common::copy_dir(&common::catalog(""), &dir.path().join("catalog"));
    let day = Some("2026-11-22T10:00:00Z");
    common::git_at(dir.path(), day, &["init", "-q"]);
    common::git_at(dir.path(), day, &["add", "catalog"]);
    common::git_at(
        dir.path(),
        day,
        &["commit", "-q", "-m", "The bundled catalogue"],
    );
    let output = common::svs()
        .current_dir(dir.path())
        .args(["review", "calder-business-account", "-C", "catalog/"])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0));
    let pack = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        pack.contains("No commit of the catalogue's history is on or before 2026-07-14"),
        "the review is compared with the repository's history:\n{pack}"
    );
    assert_eq!(
        shown_output("svs review calder-business-account -C catalog/"),
        pack
    );
}
