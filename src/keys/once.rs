//! Each key of the format is declared once: its name is spelled as a string in one source
//! file ([`super::names`]) and is a struct field in one place (the model, `src/model*`).
//!
//! The test scans the crate's sources. A word that is a key's name may still mean something
//! else in a file (the program's name `svs`, JSON-RPC's `id`, a report's own field); such
//! files are listed below with the words and the reason.

use std::collections::BTreeSet;
use std::path::Path;

use super::{MAPPINGS, names};

/// Sources outside the scan, with the reason.
const OUTSIDE: &[(&str, &str)] = &[
    (
        "src/report/",
        "the reports' JSON fields and CSV columns are the output's own contract \
         (docs/json.md), not keys of the catalogue format",
    ),
    (
        "src/keys/once.rs",
        "the lists here name the words they allow",
    ),
];

/// Files where a key's name is written as a string meaning something else.
const OTHER_STRINGS: &[(&str, &[&str], &str)] = &[
    (
        "src/cli.rs",
        &[names::SVS, names::HELP],
        "the program's name, and `svs help format`",
    ),
    (
        "src/cli/completions.rs",
        &[names::SVS],
        "the program's name",
    ),
    (
        "src/cli/explain.rs",
        &[names::SVS],
        "the prefix of svs's own codes",
    ),
    (
        "src/cli/man.rs",
        &[names::SVS, names::LINT, names::ROLES, names::EVIDENCE],
        "the program and its commands",
    ),
    (
        "src/diagnostic.rs",
        &[names::SVS],
        "the prefix of svs's own codes",
    ),
    ("src/lsp.rs", &[names::SVS], "the server's name"),
    (
        "src/lsp/actions.rs",
        &[names::SVS],
        "the source of the server's findings",
    ),
    (
        "src/lsp/diagnostics.rs",
        &[names::SVS],
        "the source of the server's findings",
    ),
    ("src/lsp/frame.rs", &[names::ID], "JSON-RPC's message id"),
    (
        "src/lsp/complete.rs",
        &[names::DESCRIPTION],
        "a JSON Schema keyword",
    ),
    (
        "src/schema.rs",
        &[names::TITLE, names::DESCRIPTION],
        "JSON Schema keywords",
    ),
    (
        "src/load/yaml/scalar.rs",
        &[names::ON],
        "a YAML 1.1 boolean",
    ),
    (
        "src/load/decode/relationships.rs",
        &[names::RESOURCES, names::PRICE],
        "words of a cost's `category`",
    ),
    (
        "src/model/section.rs",
        &[
            names::ORGANIZATION,
            names::OUTCOME,
            names::OFFERING,
            names::RELATIONSHIP,
        ],
        "the nouns messages use for an entity",
    ),
    (
        "src/diff/causes.rs",
        &[names::REQUIREMENTS, names::OFFERING],
        "the names of the causes of a change, in the diff's output",
    ),
    (
        "src/diff.rs",
        &[names::REMOVED, names::UTILITY, names::WARRANTY],
        "words of the diff's output",
    ),
    ("src/assess.rs", &[names::VALUE], "the verdict `value`"),
    (
        "src/cli/import/evidence.rs",
        &[names::RELATIONSHIP, names::RELATIONSHIPS],
        "the words of the summary: how many relationships the records are about",
    ),
    (
        "src/assess/delivered/tests.rs",
        &[names::AVAILABILITY, names::RTO_HOURS, names::RPO_HOURS],
        "the names of warranty checks, as the assessment names them (SPEC §5.6)",
    ),
    (
        "src/cli/assess.rs",
        &[names::RELATIONSHIP],
        "the command line's `--relationship` filter",
    ),
    (
        "src/cli/roles.rs",
        &[names::RELATIONSHIP],
        "the command line's `--relationship` filter",
    ),
    (
        "src/lint/custom/values/relationship.rs",
        &[names::SCORE, names::LOSSES],
        "the assessment's figures, named as `svs assess --format json` names them",
    ),
    (
        "src/write.rs",
        &[names::ON],
        "a YAML 1.1 boolean, quoted when written",
    ),
    (
        "src/write/tests.rs",
        &[names::ON],
        "a YAML 1.1 boolean, quoted when written",
    ),
    (
        "src/keys/reference.rs",
        &[
            names::ID,
            names::NAME,
            names::GROUPS,
            names::OUTCOMES,
            names::PRODUCTS,
            names::SERVICES,
            names::OFFERINGS,
            names::RELATIONSHIPS,
            names::PEOPLE,
            names::RULES,
            names::PERIOD,
            names::IMPROVEMENTS,
        ],
        "the words of the key reference's type column",
    ),
    (
        "src/cli/import.rs",
        &[
            names::ORGANIZATION,
            names::ORGANIZATIONS,
            names::PEOPLE,
            names::PRODUCTS,
            names::SERVICES,
            names::OFFERING,
            names::OFFERINGS,
            names::RELATIONSHIP,
            names::RELATIONSHIPS,
            names::GROUPS,
        ],
        "the nouns of the import's summary",
    ),
    (
        "src/import/backstage/",
        &[
            names::KIND,
            names::NAME,
            names::TITLE,
            names::DESCRIPTION,
            names::TARGETS,
            names::PARENT,
            names::USER,
            names::OFFERING,
            names::RELATIONSHIP,
            names::MEMBERS,
            names::OWNER,
        ],
        "Backstage's own keys and words (`kind`, `metadata.title`, `spec.parent`, \
         `spec.owner`, `user:` references); what is written goes through src/write",
    ),
    (
        "src/cli/history.rs",
        &[names::RELATIONSHIP],
        "the noun of an unknown `--relationship`'s message",
    ),
    (
        "src/history.rs",
        &[names::REMOVED],
        "the verdict of a relationship no longer in the catalogue (SPEC §11.3)",
    ),
];

/// Files whose structs have fields named like a key, meaning something else.
const OTHER_FIELDS: &[(&str, &[&str], &str)] = &[
    (
        "src/keys.rs",
        &[names::NAME, names::VALUE, names::MIN, names::MAX],
        "a key's declaration, and the bounds of a number",
    ),
    (
        "src/diagnostic.rs",
        &[
            names::CODE,
            names::SEVERITY,
            names::MESSAGE,
            names::HELP,
            names::DESCRIPTION,
            names::NAME,
        ],
        "a finding, and a rule's code",
    ),
    (
        "src/lint/baseline.rs",
        &[names::CODE, names::MESSAGE],
        "a baselined finding",
    ),
    ("src/cli/explain.rs", &[names::CODE], "the code asked for"),
    (
        "src/cli/lint.rs",
        &[names::ALLOW, names::WARN, names::DENY],
        "the command line's severity flags",
    ),
    (
        "src/lint/severity.rs",
        &[names::ALLOW, names::WARN, names::DENY],
        "the command line's severity overrides",
    ),
    (
        "src/cli/assess.rs",
        &[
            names::PROVIDER,
            names::CONSUMER,
            names::RELATIONSHIPS,
            names::PERIOD,
        ],
        "the command line's filters, what they select, and `--period`",
    ),
    (
        "src/cli/roles.rs",
        &[names::ORGANIZATION, names::RELATIONSHIPS],
        "the command line's filter, and what it selects",
    ),
    (
        "src/assess.rs",
        &[
            names::COSTS,
            names::REMOVED,
            names::IMPOSED,
            names::RISKS,
            names::PROVIDER,
            names::RELATIONSHIPS,
            names::STAKEHOLDERS,
            names::UTILITY,
            names::WARRANTY,
            names::RELATIONSHIP,
            names::SCORE,
            names::PERIOD,
        ],
        "the assessment's figures, named as SPEC §5 names them, and the period whose \
         evidence it judges (§10.3)",
    ),
    (
        "src/assess/provision.rs",
        &[
            names::BENEFITS,
            names::IMPOSED,
            names::MARGIN,
            names::ORGANIZATION,
            names::PARTY,
            names::QUANTITY,
            names::RISKS,
            names::ROLE,
            names::SERVICES,
            names::TARGET_MARGIN,
            names::LOSSES,
        ],
        "the provider's side of the assessment, named as SPEC §5 names it",
    ),
    (
        "src/assess/offered.rs",
        &[
            names::AVAILABILITY,
            names::CAPACITY,
            names::SERVICE_LEVELS,
            names::RTO_HOURS,
            names::RPO_HOURS,
            names::SECURITY,
        ],
        "the offered warranty, which custom rules read as a warranty block (SPEC §5.1)",
    ),
    (
        "src/assess/delivered.rs",
        &[
            names::ACHIEVED,
            names::BUDGET,
            names::LOSSES,
            names::OUTCOMES,
            names::PERCEPTION,
            names::PERIOD,
            names::RESPONSES,
            names::SCORE,
            names::SPEND,
            names::WARRANTY,
        ],
        "the delivered assessment's figures, named as SPEC §10.3 names them",
    ),
    (
        "src/assess/consumers.rs",
        &[names::ORGANIZATION, names::BUDGET, names::COSTS_REMOVED],
        "a consumer of the report, its budget and the costs removed for it (SPEC §8.9)",
    ),
    (
        "src/audience.rs",
        &[names::CATALOGUE, names::MEMBERS, names::ORGANIZATION],
        "the audience a report is for",
    ),
    (
        "src/diff.rs",
        &[
            names::CATALOGUE,
            names::CODE,
            names::CONSUMER,
            names::CURRENCY,
            names::HORIZON_MONTHS,
            names::ID,
            names::MARGIN,
            names::MESSAGE,
            names::OFFERING,
            names::PROVIDER,
            names::RELATIONSHIPS,
            names::SEVERITY,
            names::UTILITY,
            names::WARRANTY,
            names::RELATIONSHIP,
            names::IMPROVEMENTS,
        ],
        "the diff's own output (docs/json.md), whose improvements are changes for the better",
    ),
    (
        "src/diff/delivered.rs",
        &[names::ID, names::PERIOD],
        "the delivered verdicts a diff compares, named as in its output (docs/diff.md)",
    ),
    (
        "src/roles.rs",
        &[
            names::NAME,
            names::ROLE,
            names::DIRECTION,
            names::EFFECTS,
            names::STAKEHOLDERS,
            names::VALUE,
            names::RELATIONSHIP,
        ],
        "the roles report",
    ),
    (
        "src/graph.rs",
        &[names::ORGANIZATIONS, names::RELATIONSHIPS, names::SERVICES],
        "the value network's nodes and edges",
    ),
    ("src/load.rs", &[names::CATALOGUE], "the loaded catalogue"),
    (
        "src/lint/index.rs",
        &[names::CATALOGUE],
        "the catalogue checked",
    ),
    (
        "src/lint/custom/shape.rs",
        &[names::CATALOGUE, names::MESSAGE],
        "what custom rules read of the catalogue, and a rule's message",
    ),
    (
        "src/load/decode.rs",
        &[
            names::NAME,
            names::CURRENCY,
            names::HORIZON_MONTHS,
            names::LINT,
            names::KIND,
            names::ORGANIZATIONS,
            names::PEOPLE,
            names::GROUPS,
            names::OUTCOMES,
            names::PRODUCTS,
            names::SERVICES,
            names::OFFERINGS,
            names::RELATIONSHIPS,
            names::RULES,
            names::EVIDENCE,
            names::AS_OF,
            names::IMPROVEMENTS,
        ],
        "one file's contents as decoded, before the files merge into the model",
    ),
    (
        "src/load/yaml.rs",
        &[names::KIND, names::MESSAGE, names::DONE],
        "a YAML node, a syntax error, and whether the reader is done",
    ),
    ("src/lsp/symbols.rs", &[names::KIND], "an LSP symbol's kind"),
    (
        "src/lsp/complete.rs",
        &[names::VALUE],
        "a completion's value",
    ),
    (
        "src/import.rs",
        &[
            names::NAME,
            names::ORGANIZATIONS,
            names::PEOPLE,
            names::GROUPS,
            names::PRODUCTS,
            names::SERVICES,
            names::OFFERINGS,
            names::RELATIONSHIPS,
        ],
        "a draft holds the model's own values section by section, each with where it \
         came from",
    ),
    (
        "src/import/backstage/",
        &[
            names::CONSUMER,
            names::OFFERING,
            names::OFFERINGS,
            names::RELATIONSHIPS,
            names::OUTPUTS,
            names::GROUPS,
            names::KIND,
            names::NAME,
            names::RESOURCES,
            names::VALUE,
            names::ORGANIZATION,
            names::PARENT,
            names::MESSAGE,
            names::PRODUCTS,
            names::MEMBERS,
            names::OWNER,
        ],
        "Backstage's entities as read, and the stages' indexes over them (which \
         component consumes which API, each owner's parent); what is written is the \
         model's values, through src/write",
    ),
    (
        "src/diff/causes.rs",
        &[names::COSTS_REMOVED, names::RISKS_REMOVED],
        "the causes of a change of net value, named as SPEC §5.4 names the figures",
    ),
    (
        "src/cli/history.rs",
        &[names::RELATIONSHIPS, names::UNTIL],
        "the command line's filter, and `--until REV`",
    ),
    (
        "src/history.rs",
        &[
            names::CURRENCY,
            names::ID,
            names::NAME,
            names::RELATIONSHIPS,
            names::UNTIL,
            names::WARRANTY,
        ],
        "a history's commits and relationships, and the figures of each point (SPEC §11.3)",
    ),
    ("src/history/git.rs", &[names::ID], "a commit's object id"),
];

/// Where a struct field may be declared: the model, one module over several files, or
/// the file itself.
fn place(path: &str) -> &str {
    if path == "src/model.rs" || path.starts_with("src/model/") {
        "src/model"
    } else {
        path
    }
}

/// Each key's name with the files spelling it `"name"`, and with the places declaring a
/// struct field of that name, beyond what the lists above allow, where either is more
/// than one.
fn spelled_again<'s>(
    names: &[&str],
    sources: &'s [(String, String)],
) -> Vec<(String, Vec<&'s str>)> {
    let allowed = |list: &[(&str, &[&str], &str)], path: &str, name: &str| {
        list.iter().any(|(file, words, _)| {
            (*file == path || (file.ends_with('/') && path.starts_with(file)))
                && words.contains(&name)
        })
    };
    let fields_of: Vec<Vec<&str>> = sources
        .iter()
        .map(|(_, text)| struct_fields(text))
        .collect();
    let mut again = Vec::new();
    for name in names {
        let quoted = format!("\"{name}\"");
        let strings: Vec<&str> = sources
            .iter()
            .filter(|(path, text)| text.contains(&quoted) && !allowed(OTHER_STRINGS, path, name))
            .map(|(path, _)| path.as_str())
            .collect();
        if strings.len() > 1 {
            again.push((format!("`{name}` as a string"), strings));
        }
        let mut fields: Vec<&str> = Vec::new();
        for ((path, _), declared) in sources.iter().zip(&fields_of) {
            let place = place(path);
            if declared.contains(name)
                && !allowed(OTHER_FIELDS, path, name)
                && !fields.contains(&place)
            {
                fields.push(place);
            }
        }
        if fields.len() > 1 {
            again.push((format!("`{name}` as a struct field"), fields));
        }
    }
    again
}

/// The names of the fields of the structs declared in `text` with braces, one field a line.
fn struct_fields(text: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut depth = 0usize;
    for line in text.lines() {
        let code = line.trim();
        if depth == 0 {
            let declared = code
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub(super) ");
            if declared.starts_with("struct ") && code.ends_with('{') {
                depth = 1;
            }
            continue;
        }
        if depth == 1 {
            let field = code
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub(super) ");
            if let Some((name, _)) = field.split_once(':') {
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    fields.push(name);
                }
            }
        }
        depth += code.matches('{').count();
        depth = depth.saturating_sub(code.matches('}').count());
    }
    fields
}

/// Every `.rs` file under `dir`, by its path from the crate's root, with its text.
fn sources(root: &Path, dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under the root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            if OUTSIDE
                .iter()
                .all(|(outside, _)| !relative.starts_with(outside))
            {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((relative, text));
            }
        }
    }
}

/// Each name declared by the mappings, once.
fn declared_names() -> Vec<&'static str> {
    let names: BTreeSet<&str> = MAPPINGS.iter().flat_map(|m| m.names()).collect();
    names.into_iter().collect()
}

#[test]
fn each_key_is_spelled_once_and_a_field_of_the_model_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    sources(root, &root.join("src"), &mut found);
    found.sort();
    assert!(found.len() > 100, "the sources are found ({})", found.len());
    let names = declared_names();
    assert!(names.len() > 90, "the names are found ({})", names.len());
    let again = spelled_again(&names, &found);
    assert!(again.is_empty(), "spelled again: {again:#?}");
}

#[test]
fn a_key_spelled_in_a_second_file_or_a_field_of_a_copy_is_found() {
    let name = names::DEPENDS_ON;
    let file = |path: &str, text: String| (path.to_owned(), text);
    let sources = [
        file("src/keys/names.rs", format!("const X: &str = \"{name}\";")),
        file(
            "src/model/service.rs",
            format!("pub struct S {{\n    pub {name}: u8,\n}}"),
        ),
        file("src/model.rs", format!("struct T {{\n    {name}: u8,\n}}")),
        file(
            "src/diff/causes.rs",
            format!("fn f() {{ g(\"{name}\") }}\nstruct U {{\n    {name}: Vec<String>,\n}}"),
        ),
    ];
    let again = spelled_again(&[name], &sources);
    let places: Vec<&[&str]> = again.iter().map(|(_, p)| p.as_slice()).collect();
    assert_eq!(
        places,
        [
            &["src/keys/names.rs", "src/diff/causes.rs"][..],
            &["src/model", "src/diff/causes.rs"][..],
        ]
    );
    // A struct literal or a parameter is not a field's declaration.
    assert!(struct_fields(&format!("fn f({name}: u8) {{ S {{ {name}: 1 }} }}")).is_empty());
}
