//! `svs import backstage` on real installations: owners and parents that live in an
//! organisation provider, a Group's members as people, the catalog API's JSON, a summary
//! that accounts for every entity read, and the next steps a new user is told.
//!
//! `tests/fixtures/backstage/orgless/` is a product's descriptors whose owners come from
//! an organisation provider (no Group names them) and two guilds whose parent lives
//! there too; `api/` is the same entities as two pages of the catalog API; `silent/`
//! holds what used to vanish without a word.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{fixture, svs};
use crate::import_backstage::{entity, ids, import, imported, messy, stderr, strings, tree};

fn orgless() -> PathBuf {
    fixture("backstage/orgless")
}

#[test]
fn each_owner_outside_the_files_read_is_an_organisation_of_its_own() {
    let (catalogue, warnings) = imported(&[&orgless()]);
    assert_eq!(
        ids(&catalogue, "organizations"),
        [
            "docs-guild",
            "sre-guild",
            "employees",
            "team-phoenix",
            "redhat.one-platform-devs",
            "unknown-owner"
        ],
        "one per distinct owner or parent, however written; the placeholder only for no owner"
    );
    let phoenix = entity(&catalogue, "organizations", "team-phoenix");
    assert_eq!(phoenix["name"], "team-phoenix");
    assert_eq!(
        entity(&catalogue, "organizations", "redhat.one-platform-devs")["name"],
        "redhat/one-platform-devs"
    );
    for service in ["search-service", "indexer"] {
        assert_eq!(
            entity(&catalogue, "services", service)["provider"],
            "team-phoenix"
        );
    }
    assert_eq!(
        entity(&catalogue, "services", "orphan-script")["provider"],
        "unknown-owner"
    );
    // The consumer and the provider stay two teams, and the relationship between them.
    let relationship = entity(
        &catalogue,
        "relationships",
        "redhat.one-platform-devs-uses-search-api",
    );
    assert_eq!(relationship["provider"], "team-phoenix");
    assert_eq!(relationship["consumer"], "redhat.one-platform-devs");
    assert_eq!(ids(&catalogue, "relationships").len(), 1);
    // Said once per owner, with what it owns.
    let said: Vec<&str> = warnings
        .lines()
        .filter(|l| l.contains("is not among the entities read"))
        .collect();
    assert_eq!(said.len(), 3, "{warnings}");
    assert!(
        said[0].ends_with(
            "group:default/team-phoenix: is not among the entities read; imported as the \
             organisation `team-phoenix`, owner of 4 entities"
        ),
        "{warnings}"
    );
    assert!(said[1].ends_with("owner of 1 entity"), "{warnings}");
    assert!(
        warnings.contains("component:default/orphan-script: has no `spec.owner`; placed in the placeholder organisation"),
        "{warnings}"
    );
}

#[test]
fn a_parent_outside_the_files_read_is_an_organisation_too() {
    let (catalogue, warnings) = imported(&[&orgless()]);
    for guild in ["docs-guild", "sre-guild"] {
        assert_eq!(
            entity(&catalogue, "organizations", guild)["parent"],
            "employees",
            "{guild}: the hierarchy is kept"
        );
    }
    assert!(
        entity(&catalogue, "organizations", "employees")
            .get("parent")
            .is_none()
    );
    assert!(
        warnings.contains(
            "orgless/teams.yaml: group:default/employees: is not among the entities read; \
             imported as the organisation `employees`, the parent of 2 groups\n"
        ),
        "{warnings}"
    );
    assert!(
        !warnings.contains("imported without a parent"),
        "{warnings}"
    );
}

#[test]
fn group_members_are_people_each_in_one_organisation() {
    let (catalogue, warnings) = imported(&[&orgless()]);
    assert_eq!(
        ids(&catalogue, "people"),
        ["carol", "alice", "bob", "dana"],
        "the User first, then each member once, however written"
    );
    // A member that is a User is that person, in the first group that lists it.
    let carol = entity(&catalogue, "people", "carol");
    assert_eq!(carol["name"], "Carol Diaz");
    assert_eq!(carol["organization"], "sre-guild");
    // A member of two groups is a person of the first, by reading order.
    for id in ["alice", "bob", "dana"] {
        assert_eq!(
            entity(&catalogue, "people", id)["organization"],
            "docs-guild",
            "{id}"
        );
    }
    // The other membership is a group membership.
    assert_eq!(ids(&catalogue, "groups"), ["sre-guild-members"]);
    let guild = entity(&catalogue, "groups", "sre-guild-members");
    assert_eq!(guild["organization"], "sre-guild");
    assert_eq!(strings(&guild["members"]), ["bob", "carol", "alice"]);
    assert!(
        warnings.contains("4 people             from Users, and members Groups list"),
        "{warnings}"
    );
    assert!(
        warnings.contains("1 group              from Groups with members of other organisations"),
        "{warnings}"
    );
}

#[test]
fn a_users_second_memberof_is_a_group_membership() {
    let (catalogue, _) = imported(&[&tree()]);
    assert_eq!(
        entity(&catalogue, "people", "jane")["organization"],
        "team-payments"
    );
    let web = entity(&catalogue, "groups", "team-web-members");
    assert_eq!(web["organization"], "team-web");
    assert_eq!(strings(&web["members"]), ["jane", "omar"]);
}

/// The number before the first space after `prefix` on the line that starts with it, and
/// the sum of the counts in the rest of that line (`4 API, 17 Component`).
fn counted_line(summary: &str, prefix: &str) -> Option<(usize, usize)> {
    let line = summary.lines().find(|l| l.starts_with(prefix))?;
    let rest = &line[prefix.len()..];
    let head: usize = rest
        .split([' ', ':'])
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let list = rest.split_once(": ").map_or("", |(_, list)| list);
    let sum = list
        .split(", ")
        .filter_map(|item| item.split(' ').next()?.parse::<usize>().ok())
        .sum();
    Some((head, sum))
}

#[test]
fn the_summary_accounts_for_every_entity_read() {
    for paths in [
        vec![tree(), messy()],
        vec![orgless()],
        vec![fixture("backstage/silent")],
    ] {
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let (_, summary) = imported(&paths);
        let (read, by_kind) = counted_line(&summary, "read ").expect("a read line");
        assert_eq!(read, by_kind, "{summary}");
        let (imported, by_kind) = counted_line(&summary, "imported ").expect("an imported line");
        assert_eq!(imported, by_kind, "{summary}");
        let skipped: usize = summary
            .lines()
            .filter(|l| l.starts_with("skipped ("))
            .map(|l| counted_line(l, "skipped").unwrap().1)
            .sum();
        assert_eq!(read, imported + skipped, "{paths:?}:\n{summary}");
    }
}

#[test]
fn the_organisations_are_counted_by_where_they_came_from() {
    // No Group among the files: none is counted as from Groups.
    let (_, summary) = imported(&[&orgless().join("catalog-info.yaml")]);
    for line in [
        "      0 organizations      from Groups\n",
        "      2 organizations      from owners, parents and groups named but not read\n",
        "      1 organization       from entities with no owner: the placeholder\n",
    ] {
        assert!(summary.contains(line), "{line:?} in:\n{summary}");
    }
}

#[test]
fn what_backstage_rejects_or_drops_is_said_not_silent() {
    let (catalogue, warnings) = imported(&[&fixture("backstage/silent")]);
    for line in [
        "silent/catalog-info.yaml: component:default/two-owners: `metadata.description` is a `$text: ./README.md` substitution, which Backstage reads from that file; left out",
        "silent/catalog-info.yaml: component:default/two-owners: `spec.owner` is a list, which Backstage rejects: an entity has one owner; the first, `team-a`, is taken",
        "silent/catalog-info.yaml: api:default/orphan-api: no imported component provides it (`spec.providesApis`), so it is no offering; not imported",
        "silent/twice.yaml: the key `owner` is given twice in one mapping at line 9, which Backstage rejects; the first value is used",
        "skipped (provided by no imported component): 1 API",
    ] {
        assert!(warnings.contains(line), "{line}\nin:\n{warnings}");
    }
    assert_eq!(
        entity(&catalogue, "services", "two-owners")["provider"],
        "team-a"
    );
    assert_eq!(
        entity(&catalogue, "services", "twice")["provider"],
        "team-a"
    );
    assert!(
        entity(&catalogue, "services", "two-owners")
            .get("description")
            .is_none()
    );
}

/// A catalogue as text without its comments and its name: what the entities became,
/// whichever files they came from.
fn without_origins(text: &[u8]) -> String {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.starts_with("  name: "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_catalog_apis_json_maps_exactly_like_the_same_entities_in_yaml() {
    let api = fixture("backstage/api");
    let from_yaml = import(&[&orgless()]);
    // Two pages of /api/catalog/entities/by-query, the same entities as orgless/.
    let pages = import(&[&api.join("page-1.json"), &api.join("page-2.json")]);
    assert_eq!(pages.status.code(), Some(0), "{}", stderr(&pages));
    assert_eq!(
        without_origins(&pages.stdout),
        without_origins(&from_yaml.stdout)
    );
    let summary = stderr(&pages);
    assert!(
        summary.contains("read 11 Backstage entities from 2 files"),
        "{summary}"
    );
    assert!(
        summary.contains("skipped (not catalogue entities): 1 Location"),
        "{summary}"
    );
    assert!(
        !summary.contains("is a URL"),
        "the API's Locations are not followed: {summary}"
    );
    // The same entities as one JSON array, as /api/catalog/entities serves them.
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for page in ["page-1.json", "page-2.json"] {
        let text = std::fs::read_to_string(api.join(page)).unwrap();
        let page: Value = serde_json::from_str(&text).unwrap();
        all.extend(page["items"].as_array().unwrap().iter().cloned());
    }
    let entities = dir.path().join("entities.json");
    std::fs::write(&entities, serde_json::to_string(&all).unwrap()).unwrap();
    let array = import(&[&entities]);
    assert_eq!(array.status.code(), Some(0), "{}", stderr(&array));
    assert_eq!(
        without_origins(&array.stdout),
        without_origins(&from_yaml.stdout)
    );
}

#[test]
fn a_json_file_of_neither_shape_is_named_with_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package.json");
    std::fs::write(&package, r#"{"name": "app", "version": "1.0.0"}"#).unwrap();
    let output = import(&[&orgless(), &package]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "warning: {}: is an object with `name`, `version`; expected the catalog API's \
             JSON: an array of entities (`/api/catalog/entities`) or an object with `items` \
             (`/api/catalog/entities/by-query`); skipped",
            package.display()
        )),
        "{text}"
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"items\": [").unwrap();
    let output = import(&[&broken]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.json: is not JSON ("),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_next_steps_say_what_to_add_first_and_how_to_adopt_gradually() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("catalogue");
    let output = import(&[&tree(), Path::new("-o"), &dir]);
    let summary = stderr(&output);
    let shown = dir.display();
    for line in [
        format!("next: svs lint {shown}   lists what the service owners must add"),
        "next: first give each of the 4 offerings its target consumer groups (`targets:`, a \
         group under `groups:` for each consuming team): until then SVS101 is an error and \
         `svs lint` exits 1"
            .to_owned(),
        format!(
            "next: to adopt the rest gradually, record today's findings and see only new ones: \
             svs lint {shown} --format json >baseline.json && svs lint {shown} --baseline \
             baseline.json"
        ),
    ] {
        assert!(summary.contains(&line), "{line}\nin:\n{summary}");
    }
    // What the lines say is so: lint exits 1 for SVS101, and the baseline adopts it.
    let lint = svs().arg("lint").arg(&dir).output().unwrap();
    assert_eq!(lint.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&lint.stdout).contains("SVS101"));
    let baseline = out.path().join("baseline.json");
    let json = svs()
        .args(["lint", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::write(&baseline, &json.stdout).unwrap();
    let adopted = svs()
        .arg("lint")
        .arg(&dir)
        .arg("--baseline")
        .arg(&baseline)
        .output()
        .unwrap();
    assert_eq!(adopted.status.code(), Some(0), "{}", stderr(&adopted));
    // Nothing to target, nothing said about targets.
    let output = import(&[&fixture("backstage/silent")]);
    assert!(!stderr(&output).contains("SVS101"), "{}", stderr(&output));
}

#[test]
fn assess_and_roles_on_a_catalogue_without_relationships_say_why_and_how_to_add_one() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("catalogue");
    let output = import(&[&orgless().join("teams.yaml"), Path::new("-o"), &dir]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (command, consequence) in [
        ("assess", "there is nothing to assess"),
        ("roles", "there are no roles to show"),
    ] {
        let run = svs().arg(command).arg(&dir).output().unwrap();
        assert_eq!(run.status.code(), Some(0));
        let text = stderr(&run);
        assert!(
            text.starts_with(&format!(
                "note: the catalogue has no service relationships, so {consequence}: a \
                 relationship is a consumer organisation using a provider's offering\n\
                 help: add one under `relationships:` (`svs help format` describes its keys), \
                 for example:\n  relationships:\n    - id: CONSUMER-uses-OFFERING\n"
            )),
            "{command}: {text}"
        );
        let quiet = svs()
            .arg(command)
            .arg("--quiet")
            .arg(&dir)
            .output()
            .unwrap();
        assert!(quiet.stderr.is_empty(), "{command} --quiet");
    }
    // The example names the catalogue's own offering when there is one.
    let dir = out.path().join("silent");
    let with_offering = tempfile::tempdir().unwrap();
    std::fs::write(
        with_offering.path().join("catalog-info.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: api-server}\n\
         spec: {type: service, owner: team-a, providesApis: [orders]}\n---\n\
         apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-b}\n\
         spec: {type: team, children: []}\n",
    )
    .unwrap();
    import(&[with_offering.path(), Path::new("-o"), &dir]);
    let run = svs().arg("assess").arg(&dir).output().unwrap();
    assert!(
        stderr(&run).contains(
            "    - id: team-b-uses-orders\n      provider: team-a\n      consumer: team-b\n      \
             offering: orders\n"
        ),
        "{}",
        stderr(&run)
    );
    // With relationships, nothing is said.
    let full = out.path().join("tree");
    import(&[&tree(), Path::new("-o"), &full]);
    for command in ["assess", "roles"] {
        let run = svs().arg(command).arg(&full).output().unwrap();
        assert!(run.stderr.is_empty(), "{command}: {}", stderr(&run));
    }
}

#[test]
fn the_import_shown_in_the_docs_is_real() {
    let command = "svs import backstage tests/fixtures/backstage/api/page-1.json \
                   tests/fixtures/backstage/api/page-2.json -o catalogue";
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import-backstage.md"),
    )
    .unwrap();
    let marker = format!("$ {command}\n");
    let start = doc.find(&marker).expect("the docs show the command") + marker.len();
    let shown = &doc[start..start + doc[start..].find("```").unwrap()];
    let root = tempfile::tempdir().unwrap();
    let api = root.path().join("tests/fixtures/backstage/api");
    std::fs::create_dir_all(&api).unwrap();
    for page in ["page-1.json", "page-2.json"] {
        std::fs::copy(fixture("backstage/api").join(page), api.join(page)).unwrap();
    }
    let output = svs()
        .current_dir(root.path())
        .args(command.split(' ').skip(1))
        .output()
        .unwrap();
    assert_eq!(stderr(&output), shown);
}
