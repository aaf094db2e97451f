//! Entities: the Backstage entities in the documents read, classified by kind, checked
//! and indexed by reference.
//!
//! This stage decides what counts as an entity (`apiVersion: backstage.io/…`, a `kind`
//! and a `metadata.name`), which kinds become part of a catalogue and which are only
//! counted, which names Backstage itself would reject, and which definition wins when an
//! entity is defined twice (the first). It hands the later stages [`Entities`]: every
//! entity in file order then document order, the imported ones of each kind, and an
//! index so that each reference is one hash lookup ([`Entities::find`]).

use std::collections::HashMap;
use std::ops::Index;

use serde_json::Value;

use super::Summary;
use super::read::{File, get, scalar_text, string};
use super::warnings::{Warning, Warnings};

/// The kinds the import maps; the others are counted and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An organisation.
    Group,
    /// A person.
    User,
    /// A product.
    System,
    /// A service.
    Component,
    /// What a component offers to others.
    Api,
    /// A product resource.
    Resource,
    /// Domain, Location, Template, Environment and unknown kinds.
    Other,
}

/// One Backstage entity.
pub(super) struct Entity {
    /// The file it is in, an index into [`Entities::files`].
    pub(super) file: usize,
    /// The line its document starts on, when known.
    pub(super) line: Option<usize>,
    /// Its kind, as the import maps it.
    pub(super) kind: Kind,
    /// The kind in lower case, as references write it.
    pub(super) kind_key: String,
    /// `metadata.namespace`, `default` when absent.
    pub(super) namespace: String,
    /// `metadata.name`.
    pub(super) name: String,
    /// The whole document.
    pub(super) value: Value,
}

impl Entity {
    /// `kind:namespace/name`, as Backstage writes a full reference.
    pub(super) fn reference(&self) -> String {
        format!("{}:{}/{}", self.kind_key, self.namespace, self.name)
    }

    fn spec(&self, key: &str) -> Option<&Value> {
        get(&self.value, &["spec", key])
    }

    /// A scalar spec field, as text.
    pub(super) fn spec_string(&self, key: &str) -> Option<String> {
        self.spec(key).and_then(scalar_text)
    }

    /// A spec field that holds one reference or a list of them.
    pub(super) fn spec_list(&self, key: &str) -> Vec<String> {
        match self.spec(key) {
            Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(value) => scalar_text(value).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// `metadata.title`, else `metadata.name`.
    pub(super) fn title(&self) -> String {
        string(&self.value, &["metadata", "title"]).unwrap_or_else(|| self.name.clone())
    }

    /// `metadata.description`.
    pub(super) fn description(&self) -> Option<String> {
        string(&self.value, &["metadata", "description"])
    }

    /// `spec.profile.displayName`, of a group or a user.
    pub(super) fn display_name(&self) -> Option<String> {
        string(&self.value, &["spec", "profile", "displayName"])
    }
}

/// The kind's usual spelling, for the summary.
fn canonical_kind(kind: &str) -> (Kind, String) {
    let (mapped, shown) = match kind.to_ascii_lowercase().as_str() {
        "group" => (Kind::Group, "Group"),
        "user" => (Kind::User, "User"),
        "system" => (Kind::System, "System"),
        "component" => (Kind::Component, "Component"),
        "api" => (Kind::Api, "API"),
        "resource" => (Kind::Resource, "Resource"),
        "domain" => (Kind::Other, "Domain"),
        "location" => (Kind::Other, "Location"),
        "template" => (Kind::Other, "Template"),
        "environment" => (Kind::Other, "Environment"),
        _ => (Kind::Other, kind),
    };
    (mapped, shown.to_owned())
}

/// The entities of every file, in file order then document order, and the files as
/// shown; documents that are not entities are reported once per file.
fn read_entities(
    files: Vec<File>,
    warnings: &mut Warnings,
    summary: &mut Summary,
) -> (Vec<String>, Vec<Entity>) {
    let mut entities = Vec::new();
    let mut shown_files = Vec::with_capacity(files.len());
    for (index, file) in files.into_iter().enumerate() {
        let File {
            shown: file_shown,
            documents,
            lines,
            known,
        } = file;
        if let Some(known) = known {
            *summary.not_backstage.entry(known.to_owned()).or_default() += 1;
            shown_files.push(file_shown);
            continue;
        }
        let mut not_entities = 0;
        let mut kubernetes = 0;
        // Each document moves into its entity: memory holds one copy of the input.
        for (document, line) in documents.into_iter().zip(lines) {
            let api_version = string(&document, &["apiVersion"]);
            let kind = string(&document, &["kind"]);
            let (Some(api_version), Some(kind)) = (api_version, kind) else {
                not_entities += 1;
                continue;
            };
            if !api_version.contains("backstage.io/") {
                // `apiVersion: apps/v1` and a `kind`: a Kubernetes manifest.
                kubernetes += 1;
                continue;
            }
            let (mapped, shown) = canonical_kind(&kind);
            *summary.read.entry(shown.clone()).or_default() += 1;
            if mapped == Kind::Other {
                *summary.skipped.entry(shown.clone()).or_default() += 1;
            } else if holds_template_expression(&document) {
                // A Scaffolder skeleton: filled in when a service is created, and no
                // part of the catalogue until then.
                *summary.templates.entry(shown).or_default() += 1;
                continue;
            }
            let namespace = string(&document, &["metadata", "namespace"])
                .unwrap_or_else(|| "default".to_owned());
            let Some(name) = string(&document, &["metadata", "name"]) else {
                if mapped != Kind::Other {
                    *summary.unnamed.entry(shown).or_default() += 1;
                }
                warnings.entity(
                    &file_shown,
                    format!("{}:{namespace}/?", kind.to_ascii_lowercase()),
                    "has no `metadata.name`; skipped".to_owned(),
                );
                continue;
            };
            let entity = Entity {
                file: index,
                line,
                kind: mapped,
                kind_key: kind.to_ascii_lowercase(),
                namespace,
                name,
                value: document,
            };
            if mapped != Kind::Other {
                check_names(&entity, &file_shown, warnings);
                check_substitution(&entity, &file_shown, warnings);
            }
            entities.push(entity);
        }
        if kubernetes > 0 {
            *summary
                .not_backstage
                .entry("Kubernetes manifest".to_owned())
                .or_default() += 1;
        }
        if not_entities > 0 {
            warnings.push(Warning {
                file: file_shown.clone(),
                line: None,
                entity: None,
                message: "holds a document that is not a Backstage entity or a Kubernetes \
                          manifest (no `apiVersion` and `kind`: an OpenAPI definition \
                          perhaps); skipped"
                    .to_owned(),
                detail: (not_entities > 1).then(|| format!("{not_entities} documents")),
            });
        }
        shown_files.push(file_shown);
    }
    (shown_files, entities)
}

/// Whether any string of the document holds a Scaffolder template expression
/// (`${{ values.name }}`): the document is a skeleton a template fills in, not an entity.
fn holds_template_expression(value: &Value) -> bool {
    match value {
        Value::String(text) => text.contains("${{"),
        Value::Array(items) => items.iter().any(holds_template_expression),
        Value::Object(fields) => fields
            .iter()
            .any(|(key, value)| key.contains("${{") || holds_template_expression(value)),
        _ => false,
    }
}

/// Warns about a `metadata.description` that is a placeholder substitution
/// (`$text: ./README.md`): Backstage reads it from a file at ingestion, svs leaves it out.
fn check_substitution(entity: &Entity, file: &str, warnings: &mut Warnings) {
    let Some(Value::Object(map)) = get(&entity.value, &["metadata", "description"]) else {
        return;
    };
    let Some((key, target)) = map.iter().find(|(k, _)| k.starts_with('$')) else {
        return;
    };
    let target = scalar_text(target).unwrap_or_default();
    warnings.entity(
        file,
        entity.reference(),
        format!(
            "`metadata.description` is a `{key}: {target}` substitution, which Backstage \
             reads from that file; left out"
        ),
    );
}

/// Warns about names and namespaces Backstage itself would reject; they are imported.
fn check_names(entity: &Entity, file: &str, warnings: &mut Warnings) {
    let valid_name = |s: &str| {
        s.len() <= 63
            && !s.is_empty()
            && s.split(['-', '_', '.'])
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
    };
    let valid_namespace = |s: &str| {
        s.len() <= 63
            && !s.is_empty()
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    if !valid_name(&entity.name) {
        warnings.entity(
            file,
            entity.reference(),
            "Backstage would reject the name (1 to 63 letters and digits, separated by \
             single `-`, `_` or `.`); imported anyway",
        );
    }
    if !valid_namespace(&entity.namespace) {
        warnings.entity(
            file,
            entity.reference(),
            "Backstage would reject the namespace (lower-case letters and digits separated \
             by `-`); imported anyway",
        );
    }
}
/// A parsed entity reference, in lower case for lookups.
pub(super) struct Ref {
    /// The kind, when written or defaulted for the field.
    pub(super) kind: Option<String>,
    /// The namespace, the referring entity's when not written.
    pub(super) namespace: String,
    /// The name.
    pub(super) name: String,
}

/// Parses `[kind:][namespace/]name`, defaulting the kind and namespace as Backstage does
/// for the field (the namespace defaults to the referring entity's).
pub(super) fn parse_ref(text: &str, default_kind: Option<&str>, default_namespace: &str) -> Ref {
    let (kind, rest) = match text.split_once(':') {
        Some((kind, rest)) => (Some(kind.trim().to_ascii_lowercase()), rest),
        None => (default_kind.map(str::to_owned), text),
    };
    let (namespace, name) = match rest.split_once('/') {
        Some((namespace, name)) => (namespace.trim(), name.trim()),
        None => (default_namespace, rest.trim()),
    };
    Ref {
        kind,
        namespace: namespace.to_lowercase(),
        name: name.to_lowercase(),
    }
}

/// The entities read, and the imported ones of each kind: what every later stage reads.
pub(super) struct Entities {
    /// The files read, as shown, in byte order of their paths.
    files: Vec<String>,
    /// Every entity, in file order then document order, duplicates included.
    all: Vec<Entity>,
    /// Every imported entity by `(kind, namespace, name)`, lower case.
    index: HashMap<(String, String, String), usize>,
    /// Entities defined again later: skipped.
    duplicate: Vec<bool>,
    /// The imported groups, in the order read.
    pub(super) groups: Vec<usize>,
    /// The imported users, in the order read.
    pub(super) users: Vec<usize>,
    /// The imported systems, in the order read.
    pub(super) systems: Vec<usize>,
    /// The imported components, in the order read.
    pub(super) components: Vec<usize>,
    /// The imported resources, in the order read.
    pub(super) resources: Vec<usize>,
    /// The imported APIs, in the order read.
    pub(super) apis: Vec<usize>,
}

impl Entities {
    /// The entities of the files read, counted in `summary`; then indexed, each entity
    /// defined twice reported once and its first definition kept.
    pub(super) fn read(files: Vec<File>, warnings: &mut Warnings, summary: &mut Summary) -> Self {
        let (files, all) = read_entities(files, warnings, summary);
        let mut index = HashMap::with_capacity(all.len());
        let mut duplicate = vec![false; all.len()];
        for (i, entity) in all.iter().enumerate() {
            let key = (
                entity.kind_key.clone(),
                entity.namespace.to_lowercase(),
                entity.name.to_lowercase(),
            );
            if let Some(&first) = index.get(&key) {
                duplicate[i] = true;
                let (mapped, shown) = canonical_kind(&entity.kind_key);
                if mapped != Kind::Other {
                    *summary.defined_again.entry(shown).or_default() += 1;
                }
                let first: &Entity = &all[first];
                let first_place = match first.line {
                    Some(line) => format!("{}:{line}", files[first.file]),
                    None => files[first.file].clone(),
                };
                warnings.push(Warning {
                    file: files[entity.file].clone(),
                    line: entity.line,
                    entity: Some(entity.reference()),
                    message: "defined again; the first definition wins".to_owned(),
                    detail: Some(format!("first at {first_place}")),
                });
            } else {
                index.insert(key, i);
            }
        }
        let of_kind = |kind: Kind| -> Vec<usize> {
            (0..all.len())
                .filter(|&i| all[i].kind == kind && !duplicate[i])
                .collect()
        };
        Entities {
            groups: of_kind(Kind::Group),
            users: of_kind(Kind::User),
            systems: of_kind(Kind::System),
            components: of_kind(Kind::Component),
            resources: of_kind(Kind::Resource),
            apis: of_kind(Kind::Api),
            files,
            all,
            index,
            duplicate,
        }
    }

    /// How many entities were read, duplicates included: the length of a table indexed
    /// by entity.
    pub(super) fn len(&self) -> usize {
        self.all.len()
    }

    /// Whether entity `e` is a later definition of an entity, and skipped.
    pub(super) fn is_duplicate(&self, e: usize) -> bool {
        self.duplicate[e]
    }

    /// The file entity `e` is in, as shown.
    pub(super) fn file_of(&self, e: usize) -> &str {
        &self.files[self.all[e].file]
    }

    /// The imported entity of `kind` a reference names.
    pub(super) fn find(&self, kind: &str, reference: &Ref) -> Option<usize> {
        self.index
            .get(&(
                kind.to_owned(),
                reference.namespace.clone(),
                reference.name.clone(),
            ))
            .copied()
    }

    /// What an origin comment says of entity `e`: its reference and its file.
    pub(super) fn origin(&self, e: usize) -> String {
        format!("{}, from {}", self.all[e].reference(), self.file_of(e))
    }
}

impl Index<usize> for Entities {
    type Output = Entity;

    fn index(&self, e: usize) -> &Entity {
        &self.all[e]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_expression_anywhere_makes_a_skeleton() {
        let skeleton = serde_json::json!({
            "metadata": {"name": "web"},
            "spec": {"providesApis": ["a", "${{ values.name }}-api"]}
        });
        assert!(holds_template_expression(&skeleton));
        let entity = serde_json::json!({"metadata": {"name": "web", "description": "costs ${5}"}});
        assert!(!holds_template_expression(&entity));
    }

    #[test]
    fn references_default_kind_and_namespace() {
        let r = parse_ref("team-a", Some("group"), "default");
        assert_eq!(
            (r.kind.as_deref(), r.namespace.as_str(), r.name.as_str()),
            (Some("group"), "default", "team-a")
        );
        let r = parse_ref("User:Ops/Jane", Some("group"), "default");
        assert_eq!(
            (r.kind.as_deref(), r.namespace.as_str(), r.name.as_str()),
            (Some("user"), "ops", "jane")
        );
        let r = parse_ref("jane@example.com", Some("group"), "dev");
        assert_eq!(
            (r.kind.as_deref(), r.namespace.as_str(), r.name.as_str()),
            (Some("group"), "dev", "jane@example.com")
        );
    }
}
