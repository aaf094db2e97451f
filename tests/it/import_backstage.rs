//! `svs import backstage`: the mapping entity by entity, the derived value network, the
//! warnings for messy input, and that what is written is a catalogue `svs` loads.
//!
//! `tests/fixtures/backstage/tree/` is a small organisation (three levels of groups,
//! users, two systems, components of several types providing and consuming APIs across
//! and within owners, resources, a Location, a second namespace); `messy/` holds every
//! kind of bad input the import must pass over with a warning.

use crate::common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use common::{fixture, lint_json, svs};

pub(crate) fn tree() -> PathBuf {
    fixture("backstage/tree")
}

pub(crate) fn messy() -> PathBuf {
    fixture("backstage/messy")
}

pub(crate) fn import(args: &[&Path]) -> Output {
    svs()
        .args(["import", "backstage"])
        .args(args)
        .output()
        .expect("svs runs")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Imports to standard output and parses the catalogue.
pub(crate) fn imported(paths: &[&Path]) -> (Value, String) {
    let output = import(paths);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    let value = serde_saphyr::from_str(&text).expect("the output is YAML");
    (value, stderr(&output))
}

/// The entity of `section` with this id.
pub(crate) fn entity<'v>(catalogue: &'v Value, section: &str, id: &str) -> &'v Value {
    catalogue[section]
        .as_array()
        .unwrap_or_else(|| panic!("a {section} section"))
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{section} has `{id}`"))
}

pub(crate) fn ids(catalogue: &Value, section: &str) -> Vec<String> {
    catalogue[section]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|e| e["id"].as_str().expect("id").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().expect("a string"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn groups_become_organisations_with_their_parents() {
    let (catalogue, _) = imported(&[&tree()]);
    assert_eq!(
        ids(&catalogue, "organizations"),
        [
            "acme",
            "engineering",
            "team-payments",
            "team-web",
            "platform",
            "development.guests"
        ]
    );
    let acme = entity(&catalogue, "organizations", "acme");
    assert_eq!(
        acme["name"], "Acme Corp: the whole company",
        "displayName first"
    );
    assert_eq!(acme["description"], "Acme Corporation");
    assert!(acme.get("parent").is_none());
    let engineering = entity(&catalogue, "organizations", "engineering");
    assert_eq!(engineering["name"], "Engineering", "then metadata.title");
    assert_eq!(engineering["parent"], "acme");
    assert_eq!(
        entity(&catalogue, "organizations", "team-payments")["parent"],
        "engineering"
    );
    let platform = entity(&catalogue, "organizations", "platform");
    assert_eq!(
        platform["name"], "yes",
        "a name YAML would read as a boolean"
    );
    assert_eq!(
        platform["parent"], "engineering",
        "a parent named only by the parent's `children`"
    );
}

#[test]
fn users_become_people_of_their_first_imported_group() {
    let (catalogue, _) = imported(&[&tree()]);
    let jane = entity(&catalogue, "people", "jane");
    assert_eq!(jane["name"], "Jane O'Neil");
    assert_eq!(jane["organization"], "team-payments", "the first memberOf");
    assert_eq!(jane["description"], "email: jane@acme.example");
    let omar = entity(&catalogue, "people", "omar");
    assert_eq!(omar["name"], "-Omar-");
    assert_eq!(
        omar["description"],
        "Tech lead: web\nemail: omar@acme.example"
    );
    assert_eq!(entity(&catalogue, "people", "ana")["name"], "Ana Muñoz");
    let guest = entity(&catalogue, "people", "development.guest");
    assert_eq!(
        guest["name"], "guest",
        "metadata.name without a displayName"
    );
    assert_eq!(
        guest["organization"], "development.guests",
        "namespace prefix"
    );
}

#[test]
fn systems_become_products_of_their_owners_with_their_parts_as_resources() {
    let (catalogue, _) = imported(&[&tree()]);
    assert_eq!(
        ids(&catalogue, "products"),
        ["payments", "storefront", "platform-resources"]
    );
    let payments = entity(&catalogue, "products", "payments");
    assert_eq!(payments["provider"], "team-payments");
    let resources = payments["resources"].as_array().unwrap();
    let shown: Vec<(&str, &str)> = resources
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["dimension"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Payments #1 team", "organizations-and-people"),
            ("Payments service", "information-and-technology"),
            ("Ledger", "information-and-technology"),
            ("Payments database", "information-and-technology"),
        ]
    );
    let storefront = entity(&catalogue, "products", "storefront");
    let web_shop = &storefront["resources"][1];
    assert_eq!(web_shop["name"], "Web shop");
    assert_eq!(web_shop["visible"], true, "a website is seen by consumers");
    assert!(storefront["resources"][2].get("visible").is_none());
    let bucket = entity(&catalogue, "products", "platform-resources");
    assert_eq!(bucket["provider"], "platform");
    assert_eq!(bucket["resources"][0]["name"], "Shared bucket");
}

#[test]
fn components_become_services_with_their_apis_as_outputs() {
    let (catalogue, _) = imported(&[&tree()]);
    assert_eq!(
        ids(&catalogue, "services"),
        [
            "payments-service",
            "ledger",
            "web-shop",
            "mobile-app",
            "search",
            "auth",
            "development.sandbox"
        ]
    );
    let payments = entity(&catalogue, "services", "payments-service");
    assert_eq!(payments["provider"], "team-payments");
    assert_eq!(strings(&payments["products"]), ["payments"]);
    assert_eq!(payments["outputs"][0]["name"], "Payments API");
    assert!(
        payments.get("depends_on").is_none(),
        "consuming the ledger API of its own team makes no relationship"
    );
    let search = entity(&catalogue, "services", "search");
    assert!(search.get("products").is_none(), "no system, no product");
}

#[test]
fn consumption_across_owners_is_the_value_network() {
    let (catalogue, _) = imported(&[&tree()]);
    assert_eq!(
        ids(&catalogue, "offerings"),
        ["payments-api", "ledger-api", "auth-api", "search-access"]
    );
    let offering = entity(&catalogue, "offerings", "payments-api");
    assert_eq!(offering["provider"], "team-payments");
    assert_eq!(strings(&offering["services"]), ["payments-service"]);
    assert_eq!(offering["access"][0]["name"], "Payments API");
    assert_eq!(offering["access"][0]["ownership"], "retained");
    let search = entity(&catalogue, "offerings", "search-access");
    assert_eq!(search["provider"], "platform");
    assert_eq!(strings(&search["services"]), ["search"]);

    let relationships: Vec<(String, String, String, String)> = catalogue["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (s("id"), s("provider"), s("consumer"), s("offering"))
        })
        .collect();
    let expected = [
        (
            "team-web-uses-payments-api",
            "team-payments",
            "team-web",
            "payments-api",
        ),
        ("team-web-uses-auth-api", "platform", "team-web", "auth-api"),
        (
            "team-web-uses-search-access",
            "platform",
            "team-web",
            "search-access",
        ),
        (
            "development.guests-uses-auth-api",
            "platform",
            "development.guests",
            "auth-api",
        ),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| ((*a).into(), (*b).into(), (*c).into(), (*d).into()))
        .collect();
    assert_eq!(
        relationships, expected,
        "one per consuming organisation and offering"
    );
    assert_eq!(
        strings(&entity(&catalogue, "services", "web-shop")["depends_on"]),
        [
            "team-web-uses-payments-api",
            "team-web-uses-auth-api",
            "team-web-uses-search-access"
        ]
    );
    assert_eq!(
        strings(&entity(&catalogue, "services", "mobile-app")["depends_on"]),
        ["team-web-uses-payments-api"],
        "a second consumer in the same organisation shares the relationship"
    );
}

#[test]
fn every_entity_names_its_backstage_reference_and_file() {
    let output = import(&[&tree()]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(
        "  # component:default/web-shop, from \
         "
    ));
    let comment_before = |id: &str| {
        let at = text.find(&format!("  - id: {id}\n")).unwrap();
        text[..at].lines().last().unwrap().to_owned()
    };
    let line = comment_before("development.sandbox");
    assert!(
        line.starts_with("  # component:development/sandbox, from "),
        "{line}"
    );
    assert!(
        line.ends_with("tests/fixtures/backstage/tree/systems/storefront.yaml"),
        "{line}"
    );
    assert!(comment_before("jane").contains("user:default/jane"));
    assert!(
        comment_before("payments-api").contains("provided by component:default/payments-service")
    );
    assert!(
        comment_before("team-web-uses-search-access")
            .contains("depends on component:default/search")
    );
}

#[test]
fn a_location_given_alone_pulls_in_the_files_it_names_inside_its_directory() {
    let (mut from_location, warnings) = imported(&[&tree().join("catalog-info.yaml")]);
    let (mut from_directory, _) = imported(&[&tree()]);
    // Named after the first PATH: `catalog-info` and `tree`.
    from_location["catalogue"].take();
    from_directory["catalogue"].take();
    assert_eq!(
        from_location, from_directory,
        "the same entities either way"
    );
    assert!(
        warnings.contains(
            "Location target `https://github.com/acme/legacy/blob/main/catalog-info.yaml` is a URL"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("Location target `../outside.yaml` is outside the paths given"),
        "{warnings}"
    );
    assert!(
        !from_location.to_string().contains("outsiders"),
        "nothing outside is read"
    );
    assert!(
        warnings.contains("read 26 Backstage entities from 5 files"),
        "a file named twice is read once: {warnings}"
    );
}

#[test]
fn messy_input_is_a_warning_per_problem_and_the_rest_is_imported() {
    let (catalogue, warnings) = imported(&[&tree(), &messy()]);
    let expect = [
        "messy/a-services.yaml: group:default/someone@acme.example: is not among the entities read; imported as the organisation `someone-acme.example`, owner of 1 entity",
        "messy/a-services.yaml: user:default/team-web: is not among the entities read (a group `team-web` exists: write `group:team-web`); imported as the organisation `team-web-org`",
        "messy/a-services.yaml: group:default/team-paymnts: is not among the entities read; imported as the organisation `team-paymnts`",
        "messy/a-services.yaml: component:default/reconciler: consumesApis `search` names a component, not an API",
        "messy/a-services.yaml: component:default/Legacy Billing v2!: Backstage would reject the name",
        "messy/a-services.yaml: component:default/Legacy Billing v2!: `Legacy Billing v2!` is not a valid svs id; imported as `legacy-billing-v2`",
        "messy/a-services.yaml: component:default/?: has no `metadata.name`",
        "messy/a-services.yaml: api:default/petstore: the id `petstore` is already component:default/petstore's; this one is `petstore-api`",
        "messy/b-again.yaml:2: component:default/legacy-billing: defined again; the first definition wins (first at ",
        "messy/c-mixed.yaml:10: a document is not YAML",
        "messy/c-mixed.yaml: group:default/team-typo: is not among the entities read; imported as the organisation `team-typo`, the parent of 1 group",
        "messy/c-mixed.yaml: group:default/loop-b: parent `group:default/loop-a` would close a cycle",
        "messy/c-mixed.yaml: group:default/no-such-team: is not among the entities read; imported as the organisation `no-such-team`, the group of 1 user",
        "messy/d-openapi.yaml: holds a document that is not a Backstage entity or a Kubernetes manifest",
        "messy/e-notes.yaml: is not YAML",
    ];
    for line in expect {
        assert!(
            warnings
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(line)),
            "a warning with `{line}` in:\n{warnings}"
        );
    }
    // The first definition wins.
    let billing = entity(&catalogue, "services", "legacy-billing");
    assert_eq!(billing["name"], "Legacy billing");
    assert_eq!(billing["provider"], "team-payments");
    // Each owner that names nothing read is an organisation of its own.
    for (service, owner) in [
        ("owned-by-email", "someone-acme.example"),
        ("user-on-group", "team-web-org"),
        ("typo-owner", "team-paymnts"),
    ] {
        assert_eq!(
            entity(&catalogue, "services", service)["provider"],
            owner,
            "{service}"
        );
        assert!(
            entity(&catalogue, "organizations", owner)["description"]
                .as_str()
                .unwrap()
                .contains("not among the entities read")
        );
    }
    assert_eq!(
        entity(&catalogue, "people", "drifter")["organization"],
        "no-such-team"
    );
    assert!(
        !ids(&catalogue, "organizations").contains(&"unknown-owner".to_owned()),
        "every entity here names an owner"
    );
    // An owner that is a user stands for that user's organisation.
    assert_eq!(
        entity(&catalogue, "services", "owned-by-user")["provider"],
        "team-web"
    );
    // A consumesApis naming a component is taken as a dependency on it.
    assert_eq!(
        strings(&entity(&catalogue, "services", "reconciler")["depends_on"]),
        ["team-payments-uses-search-access"]
    );
    // The stream's good documents around a broken one are imported; cycles are cut.
    assert_eq!(entity(&catalogue, "people", "sam")["organization"], "sre");
    assert_eq!(
        entity(&catalogue, "organizations", "sre")["parent"],
        "team-typo"
    );
    assert_eq!(
        entity(&catalogue, "organizations", "loop-a")["parent"],
        "loop-b"
    );
    assert!(
        entity(&catalogue, "organizations", "loop-b")
            .get("parent")
            .is_none()
    );
    assert_eq!(
        entity(&catalogue, "offerings", "petstore-api")["name"],
        "Pet store API"
    );
    assert!(warnings.contains("skipped (not catalogue entities): 1 Domain, 1 Environment, 1 Location, 1 Template, 1 Widget"), "{warnings}");
}

/// The codes of a lint run's findings.
fn codes(paths: &[&Path]) -> Vec<String> {
    let (document, _) = lint_json(paths);
    common::findings(&document)
        .into_iter()
        .map(|(code, ..)| code)
        .collect()
}

#[test]
fn the_catalogue_written_lints_with_no_structural_finding_and_assesses() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("catalogue");
    let output = import(&[&tree(), &messy(), Path::new("-o"), &dir]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "the catalogue goes to DIR");
    let summary = stderr(&output);
    assert!(
        summary.contains(&format!("next: svs lint {}", dir.display())),
        "{summary}"
    );
    assert!(dir.join("catalogue.yaml").is_file());
    assert!(dir.join("owners/team-payments.yaml").is_file());
    let codes = codes(&[&dir]);
    assert!(!codes.is_empty(), "the owners have something to add");
    let structural: Vec<&String> = codes.iter().filter(|c| c.starts_with("SVS00")).collect();
    assert!(structural.is_empty(), "{structural:?}");
    assert!(
        codes.iter().any(|c| c == "SVS304"),
        "requirements are missing"
    );

    let assess = svs()
        .args(["assess", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(assess.status.code(), Some(0), "{}", stderr(&assess));
    let document: Value = serde_json::from_slice(&assess.stdout).unwrap();
    assert_eq!(document["summary"]["relationships"], 6);
    assert_eq!(document["summary"]["unassessed"], 6);

    let graph = svs().arg("graph").arg(&dir).output().unwrap();
    assert_eq!(graph.status.code(), Some(0));
    let graph = String::from_utf8(graph.stdout).unwrap();
    assert!(
        graph.contains("Payments API") && graph.contains("Access to Search"),
        "{graph}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_and_a_reimport_is_identical() {
    let first = import(&[&tree(), &messy()]);
    let second = import(&[&tree(), &messy()]);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);
    let out = tempfile::tempdir().unwrap();
    let a = out.path().join("a");
    let b = out.path().join("b");
    import(&[&tree(), &messy(), Path::new("-o"), &a]);
    import(&[&tree(), &messy(), Path::new("-o"), &b]);
    for file in [
        "catalogue.yaml",
        "owners/platform.yaml",
        "owners/team-paymnts.yaml",
    ] {
        let a_text = std::fs::read_to_string(a.join(file)).unwrap();
        let b_text = std::fs::read_to_string(b.join(file)).unwrap();
        // The catalogue is named after its directory; everything else is the same.
        assert_eq!(a_text.replace("name: a\n", "name: b\n"), b_text, "{file}");
    }
}

#[test]
fn quiet_keeps_the_warnings_and_drops_the_summary() {
    let output = svs()
        .args(["import", "backstage", "--quiet"])
        .arg(tree())
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("warning: "), "{text}");
    assert!(!text.contains("read 26"), "{text}");
    assert!(!text.contains("next:"), "{text}");
}

#[test]
fn awkward_names_round_trip_through_the_loader() {
    let names = [
        "key: value",
        "a # comment",
        "#hash",
        "'single'",
        "\"double\"",
        "-dash",
        "yes",
        "No",
        "on",
        "off",
        "null",
        "~",
        "123",
        "1e3",
        "0x1F",
        ".inf",
        "Zahlung 💶 über",
        "back\\slash",
        "tab\there",
        "[flow]",
        "{map}",
        "a, b",
        "* star",
        "& anchor",
        "! tag",
        "% directive",
        "@at",
        "`tick`",
        "| pipe",
        "> fold",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for (i, name) in names.iter().enumerate() {
        let quoted = serde_json::to_string(name).unwrap();
        write!(
            text,
            "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: g{i}\n  \
             description: {quoted}\nspec:\n  type: team\n  profile:\n    displayName: {quoted}\n"
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("groups.yaml"), text).unwrap();
    let out = dir.path().join("out.yaml");
    let output = import(&[dir.path()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    std::fs::write(&out, &output.stdout).unwrap();
    let codes = codes(&[&out]);
    assert!(codes.iter().all(|c| !c.starts_with("SVS00")), "{codes:?}");
    let catalogue: Value = serde_saphyr::from_slice(&output.stdout).unwrap();
    for (i, name) in names.iter().enumerate() {
        let org = entity(&catalogue, "organizations", &format!("g{i}"));
        assert_eq!(org["name"], *name);
        assert_eq!(org["description"], *name);
    }
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let output = import(&[Path::new("no/such/dir")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read no/such/dir"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_tree_without_backstage_entities_is_a_usage_error_that_says_what_one_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        messy().join("d-openapi.yaml"),
        dir.path().join("openapi.yaml"),
    )
    .unwrap();
    let output = import(&[dir.path()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(
        text.contains("error: no Backstage entity found in 1 file read"),
        "{text}"
    );
    assert!(text.contains("apiVersion: backstage.io/v1alpha1"), "{text}");
    assert!(
        text.contains("openapi.yaml: holds a document that is not a Backstage entity"),
        "the warnings say why: {text}"
    );
}

#[test]
fn an_alias_bomb_or_deep_nesting_is_a_warning_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = vec![String::from("a: &a [x, x, x, x, x, x, x, x, x, x]")];
    for i in 1..12u8 {
        let previous = char::from(b'a' + i - 1);
        let name = char::from(b'a' + i);
        bomb.push(format!(
            "{name}: &{name} [{}]",
            vec![format!("*{previous}"); 10].join(", ")
        ));
    }
    std::fs::write(dir.path().join("bomb.yaml"), bomb.join("\n")).unwrap();
    let deep_flow = format!(
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(dir.path().join("deep-flow.yaml"), deep_flow).unwrap();
    let mut deep_block = String::new();
    for depth in 0..10_000 {
        writeln!(deep_block, "{}k:", " ".repeat(depth)).unwrap();
    }
    std::fs::write(dir.path().join("deep-block.yaml"), deep_block).unwrap();
    std::fs::copy(
        tree().join("org/groups.yaml"),
        dir.path().join("groups.yaml"),
    )
    .unwrap();
    let output = import(&[dir.path(), Path::new("--verbose")]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("bomb.yaml: is not YAML; skipped (it exceeds the parser's resource limits"),
        "{text}"
    );
    assert!(text.contains("deep-flow.yaml: is not YAML"), "{text}");
    assert!(text.contains("deep-block.yaml: is not YAML"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn an_output_directory_that_is_not_empty_or_lies_inside_an_input_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let full = root.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("keep.txt"), "mine").unwrap();
    let output = import(&[&tree(), Path::new("-o"), &full]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not empty"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(full.join("keep.txt")).unwrap(),
        "mine"
    );

    let input = root.path().join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(tree().join("org/groups.yaml"), input.join("groups.yaml")).unwrap();
    let inside = input.join("svs");
    let output = import(&[&input, Path::new("-o"), &inside]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is inside the input"),
        "{}",
        stderr(&output)
    );
    assert!(!inside.exists(), "nothing written");

    let empty = root.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let output = import(&[&input, Path::new("-o"), &empty]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        empty.join("catalogue.yaml").is_file(),
        "an empty directory is filled"
    );
}

/// The whole of what an import of `tree/` and `messy/` writes, byte for byte: the
/// catalogue on standard output, the warnings and the summary on standard error. The
/// other tests check the mapping piece by piece; this one holds every byte still while
/// the importer's code is rearranged. When the output is meant to change, regenerate the
/// two files from the repository root:
///
/// ```text
/// cargo run -q -- import backstage tests/fixtures/backstage/tree \
///     tests/fixtures/backstage/messy \
///     >tests/fixtures/backstage/expected/tree-and-messy.stdout \
///     2>tests/fixtures/backstage/expected/tree-and-messy.stderr
/// ```
#[test]
fn the_output_of_tree_and_messy_is_pinned_byte_for_byte() {
    // Relative paths from the repository root, so that the file names shown are the same
    // on every machine.
    let output = svs()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "import",
            "backstage",
            "tests/fixtures/backstage/tree",
            "tests/fixtures/backstage/messy",
        ])
        .output()
        .expect("svs runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = |name: &str| {
        std::fs::read_to_string(fixture("backstage/expected").join(name)).expect("expected file")
    };
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        expected("tree-and-messy.stdout")
    );
    assert_eq!(stderr(&output), expected("tree-and-messy.stderr"));
}
