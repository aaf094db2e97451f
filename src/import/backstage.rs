//! `svs import backstage`: a catalogue from Backstage descriptor files.
//!
//! Platform teams already describe their organisation and software in Backstage
//! descriptors (`catalog-info.yaml` and friends): groups and users, systems, components,
//! APIs and resources, and who owns and consumes what. Read with ITIL 4 eyes, that is an
//! organisation chart, the products and services of each team, and the internal value
//! network: a team whose component consumes another team's API is a consumer in a
//! service relationship with that team. This module derives all of it and leaves the
//! value data (outcomes, warranty, costs, risks, roles) to the service owners, whom
//! `svs lint` then tells exactly what is missing.
//!
//! Real descriptor trees are messy, so the import never gives up on one bad entity:
//! every problem (a file that is not YAML, a document that is not an entity, an entity
//! defined twice, an owner that names nothing, a name Backstage would reject) becomes a
//! [`Warning`] naming the file and the entity, and the rest is imported. What is written
//! is always a catalogue that loads: references are only written once they resolve, ids
//! are mended and made unique, group parents that would form a cycle are cut.
//!
//! The work is linear in the number of entities: entities are indexed by reference once,
//! and every reference is then one hash lookup. The output is deterministic: files are
//! read in byte order of their paths, and everything is emitted in that order.
//!
//! The mapping, kind by kind, is documented in `docs/import-backstage.md`.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::fs;
use std::path::{Component as PathComponent, Path, PathBuf};

use serde_json::Value;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Options};

use super::{
    Dimension, Draft, Offering, Organization, Person, Product, Relationship, Resource, Service,
};
use crate::load::LoadError;
use crate::load::files::{self, Exclude};

/// Something the import passed over or mended; the rest was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file it is about, as shown.
    pub file: String,
    /// The entity reference it is about (`component:default/web`), when it is one entity.
    pub entity: Option<String>,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entity {
            Some(entity) => write!(f, "{}: {entity}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What was read and what it became, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read, Location targets included.
    pub files: usize,
    /// Entities read, by kind (duplicates included).
    pub read: BTreeMap<String, usize>,
    /// Entities of kinds that are not catalogue entities, by kind.
    pub skipped: BTreeMap<String, usize>,
}

/// The result of an import: the catalogue, the warnings, the summary.
#[derive(Debug, Clone)]
pub struct Import {
    /// The catalogue to write.
    pub draft: Draft,
    /// Everything passed over or mended, in the order it was met.
    pub warnings: Vec<Warning>,
    /// Counts for the summary.
    pub summary: Summary,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A PATH could not be read, or a directory holds no YAML file.
    #[error(transparent)]
    Input(#[from] LoadError),
    /// No file holds a Backstage entity that becomes part of a catalogue.
    #[error(
        "no Backstage entity found in {files} file{plural} read: a descriptor is a YAML \
         document with `apiVersion: backstage.io/v1alpha1` (or v1beta1), a `kind` such as \
         Group, User, System or Component, and `metadata.name`"
    )]
    NoEntity {
        /// How many files were read.
        files: usize,
        /// `s` or nothing.
        plural: &'static str,
        /// What was passed over on the way (files that are not YAML, for example).
        warnings: Vec<Warning>,
    },
}

/// Reads the descriptors under `paths` (files, or directories walked for `*.yaml` /
/// `*.yml`, following `Location` entities) and maps them onto a catalogue named `name`.
pub fn import(paths: &[PathBuf], name: &str) -> Result<Import, ImportError> {
    let mut warnings = Vec::new();
    let files = read_files(paths, &mut warnings)?;
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let mut files = files;
    let entities = entities(&mut files, &mut warnings, &mut summary);
    let draft = Mapper::new(&files, entities, &mut warnings).map(name);
    // Grouped by file, in the order files were read; within a file, as they were met.
    warnings.sort_by(|a, b| a.file.as_bytes().cmp(b.file.as_bytes()));
    let empty = draft.organizations.is_empty()
        && draft.people.is_empty()
        && draft.products.is_empty()
        && draft.services.is_empty();
    if empty {
        return Err(ImportError::NoEntity {
            files: files.len(),
            plural: if files.len() == 1 { "" } else { "s" },
            warnings,
        });
    }
    Ok(Import {
        draft,
        warnings,
        summary,
    })
}

// ---------------------------------------------------------------------------------------
// Reading files and following locations
// ---------------------------------------------------------------------------------------

/// One file read: its path as shown and its documents.
struct File {
    shown: String,
    documents: Vec<Value>,
}

/// Reads every file under `paths`, then every file a `Location` entity points at inside
/// them, each once; returns them in byte order of their shown paths.
fn read_files(paths: &[PathBuf], warnings: &mut Vec<Warning>) -> Result<Vec<File>, ImportError> {
    let initial = files::collect(paths, &Exclude::default())?;
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|path| {
            let canonical = fs::canonicalize(path).ok()?;
            if canonical.is_dir() {
                Some(canonical)
            } else {
                canonical.parent().map(Path::to_path_buf)
            }
        })
        .collect();
    let mut queue: VecDeque<PathBuf> = initial.into();
    let mut seen = HashSet::new();
    let mut read = Vec::new();
    while let Some(path) = queue.pop_front() {
        let shown = path.display().to_string();
        let warn = |warnings: &mut Vec<Warning>, message: String| {
            warnings.push(Warning {
                file: shown.clone(),
                entity: None,
                message,
            });
        };
        let canonical = match fs::canonicalize(&path) {
            Ok(canonical) => canonical,
            Err(error) => {
                warn(warnings, format!("cannot be read ({error}); skipped"));
                continue;
            }
        };
        if !seen.insert(canonical) {
            continue;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                warn(warnings, format!("cannot be read ({error}); skipped"));
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            warn(warnings, "is not UTF-8 text; skipped".to_owned());
            continue;
        };
        let (documents, errors) = parse_documents(&text);
        for error in errors {
            warn(warnings, error);
        }
        for document in &documents {
            for target in location_targets(document) {
                follow(&path, &target, &roots, &mut queue, warnings);
            }
        }
        read.push(File { shown, documents });
    }
    read.sort_by(|a, b| a.shown.as_bytes().cmp(b.shown.as_bytes()));
    Ok(read)
}

/// Parses every document of a multi-document stream. When the stream as a whole does
/// not parse, each document (split at `---` lines) is tried alone, so that one broken
/// document does not hide the others; every failure is a message.
fn parse_documents(text: &str) -> (Vec<Value>, Vec<String>) {
    match parse_stream(text) {
        Ok(documents) => (documents, Vec::new()),
        Err(error) => {
            let chunks = split_documents(text);
            if chunks.len() <= 1 {
                let error = describe_error(&error, 0);
                return (Vec::new(), vec![format!("is not YAML ({error}); skipped")]);
            }
            let mut documents = Vec::new();
            let mut errors = Vec::new();
            for (line, chunk) in chunks {
                match parse_stream(chunk) {
                    Ok(parsed) => documents.extend(parsed),
                    Err(error) => errors.push(format!(
                        "the document starting at line {line} is not YAML ({}); skipped",
                        describe_error(&error, line - 1)
                    )),
                }
            }
            (documents, errors)
        }
    }
}

/// The documents of a stream, each a JSON value; null documents are left out.
fn parse_stream(text: &str) -> Result<Vec<Value>, serde_saphyr::Error> {
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::FirstWins;
    options.budget = Some(budget(text.len()));
    options.with_snippet = false;
    serde_saphyr::from_multiple_with_options::<Value>(text, options)
        .map(|values| values.into_iter().filter(|v| !v.is_null()).collect())
}

/// Resource limits proportional to the input, as the catalogue loader sets them: an
/// honest file loads whatever its size, an alias bomb or deep nesting is stopped.
fn budget(len: usize) -> Budget {
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len.saturating_mul(2));
    budget.max_anchors = budget.max_anchors.max(len / 8);
    budget.max_aliases = budget.max_aliases.max(len / 8);
    budget
}

/// The parser's message on one line, with resource limits said plainly and the line
/// counted from the start of the file (`lines_before` precede the text parsed).
fn describe_error(error: &serde_saphyr::Error, lines_before: usize) -> String {
    let text = error.without_snippet().to_string();
    if text.starts_with("budget breached") || text.contains("alias expansion limit") {
        return "it exceeds the parser's resource limits: too many nodes, too deep, or an \
                alias expanded too often"
            .to_owned();
    }
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with("recursion limit exceeded") {
        return "it nests too deeply".to_owned();
    }
    let message = first
        .find(" at line ")
        .map_or(first, |i| &first[..i])
        .trim();
    match error.location() {
        Some(location) if location.line() > 0 => format!(
            "{message} at line {}, column {}",
            usize::try_from(location.line()).unwrap_or(0) + lines_before,
            location.column()
        ),
        _ => message.to_owned(),
    }
}

/// A stream cut at its `---` document markers: each piece with the line it starts on.
fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if (trimmed == "---" || trimmed.starts_with("--- ")) && offset > start {
            chunks.push((start_line, &text[start..offset]));
            start = offset;
            start_line = index + 1;
        }
        offset += line.len();
    }
    chunks.push((start_line, &text[start..]));
    chunks
}

/// The `spec.target` and `spec.targets` of a `Location` entity.
fn location_targets(document: &Value) -> Vec<String> {
    let is_location = string(document, &["kind"])
        .is_some_and(|k| k.eq_ignore_ascii_case("location"))
        && string(document, &["apiVersion"]).is_some_and(|v| v.contains("backstage.io/"));
    if !is_location {
        return Vec::new();
    }
    let mut targets: Vec<String> = string(document, &["spec", "target"]).into_iter().collect();
    if let Some(Value::Array(items)) = get(document, &["spec", "targets"]) {
        targets.extend(items.iter().filter_map(scalar_text));
    }
    targets
}

/// Queues the file(s) a Location target names, when they stay inside the input.
fn follow(
    location_file: &Path,
    target: &str,
    roots: &[PathBuf],
    queue: &mut VecDeque<PathBuf>,
    warnings: &mut Vec<Warning>,
) {
    let shown = location_file.display().to_string();
    let mut warn = |message: String| {
        warnings.push(Warning {
            file: shown.clone(),
            entity: None,
            message,
        });
    };
    if target.contains("://") {
        warn(format!(
            "Location target `{target}` is a URL; svs reads local files only: skipped"
        ));
        return;
    }
    let base = location_file.parent().unwrap_or(Path::new(""));
    let joined = normalize(&base.join(target));
    let inside = |path: &Path| {
        fs::canonicalize(path)
            .is_ok_and(|canonical| roots.iter().any(|root| canonical.starts_with(root)))
    };
    if target.contains(['*', '?', '[', '{']) {
        follow_glob(&joined, &inside, queue, &mut warn);
        return;
    }
    if fs::metadata(&joined).is_err() {
        warn(format!(
            "Location target `{target}` does not exist: skipped"
        ));
        return;
    }
    if !inside(&joined) {
        warn(format!(
            "Location target `{target}` is outside the paths given: skipped"
        ));
        return;
    }
    if joined.is_dir() {
        if let Ok(found) = files::collect(std::slice::from_ref(&joined), &Exclude::default()) {
            queue.extend(found);
        }
    } else {
        queue.push_back(joined);
    }
}

/// A Location target with a glob (`./teams/*.yaml`): the YAML files it matches below its
/// directory part.
fn follow_glob(
    pattern: &Path,
    inside: &dyn Fn(&Path) -> bool,
    queue: &mut VecDeque<PathBuf>,
    warn: &mut dyn FnMut(String),
) {
    let text = pattern.to_string_lossy();
    let glob = match globset::GlobBuilder::new(&text)
        .literal_separator(true)
        .build()
    {
        Ok(glob) => glob.compile_matcher(),
        Err(error) => {
            warn(format!(
                "Location target `{text}` is not a valid glob ({error}): skipped"
            ));
            return;
        }
    };
    let mut dir = PathBuf::new();
    for component in pattern.components() {
        if component
            .as_os_str()
            .to_string_lossy()
            .contains(['*', '?', '[', '{'])
        {
            break;
        }
        dir.push(component);
    }
    if dir.as_os_str().is_empty() {
        dir.push(".");
    }
    if !inside(&dir) {
        warn(format!(
            "Location target `{text}` is outside the paths given: skipped"
        ));
        return;
    }
    let found = files::collect(std::slice::from_ref(&dir), &Exclude::default()).unwrap_or_default();
    let before = queue.len();
    queue.extend(found.into_iter().filter(|f| glob.is_match(f) && inside(f)));
    if queue.len() == before {
        warn(format!(
            "Location target `{text}` matches no YAML file: skipped"
        ));
    }
}

/// A path with `.` removed and `..` applied to what precedes it, without touching the
/// file system (the path is shown as the user would write it).
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<PathComponent> = Vec::new();
    for component in path.components() {
        match component {
            PathComponent::CurDir => {}
            PathComponent::ParentDir if matches!(parts.last(), Some(PathComponent::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let normalized: PathBuf = parts.iter().collect();
    if normalized.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        normalized
    }
}

// ---------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------

/// The kinds the import maps; the others are counted and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Group,
    User,
    System,
    Component,
    Api,
    Resource,
    /// Domain, Location, Template, Environment and unknown kinds.
    Other,
}

/// One Backstage entity.
struct Entity {
    file: usize,
    kind: Kind,
    /// The kind in lower case, as references write it.
    kind_key: String,
    namespace: String,
    name: String,
    value: Value,
}

impl Entity {
    /// `kind:namespace/name`, as Backstage writes a full reference.
    fn reference(&self) -> String {
        format!("{}:{}/{}", self.kind_key, self.namespace, self.name)
    }

    fn spec(&self, key: &str) -> Option<&Value> {
        get(&self.value, &["spec", key])
    }

    fn spec_string(&self, key: &str) -> Option<String> {
        self.spec(key).and_then(scalar_text)
    }

    /// A spec field that holds one reference or a list of them.
    fn spec_list(&self, key: &str) -> Vec<String> {
        match self.spec(key) {
            Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(value) => scalar_text(value).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// `metadata.title`, else `metadata.name`.
    fn title(&self) -> String {
        string(&self.value, &["metadata", "title"]).unwrap_or_else(|| self.name.clone())
    }

    fn description(&self) -> Option<String> {
        string(&self.value, &["metadata", "description"])
    }

    fn display_name(&self) -> Option<String> {
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

/// The entities of every file, in file order then document order; documents that are
/// not entities are reported once per file.
fn entities(files: &mut [File], warnings: &mut Vec<Warning>, summary: &mut Summary) -> Vec<Entity> {
    let mut entities = Vec::new();
    for (index, file) in files.iter_mut().enumerate() {
        let mut not_entities = 0;
        // Each document moves into its entity: memory holds one copy of the input.
        for document in std::mem::take(&mut file.documents) {
            let api_version = string(&document, &["apiVersion"]);
            let kind = string(&document, &["kind"]);
            let (Some(api_version), Some(kind)) = (api_version, kind) else {
                not_entities += 1;
                continue;
            };
            if !api_version.contains("backstage.io/") {
                not_entities += 1;
                continue;
            }
            let (mapped, shown) = canonical_kind(&kind);
            *summary.read.entry(shown.clone()).or_default() += 1;
            if mapped == Kind::Other {
                *summary.skipped.entry(shown).or_default() += 1;
            }
            let namespace = string(&document, &["metadata", "namespace"])
                .unwrap_or_else(|| "default".to_owned());
            let Some(name) = string(&document, &["metadata", "name"]) else {
                warnings.push(Warning {
                    file: file.shown.clone(),
                    entity: Some(format!("{}:{namespace}/?", kind.to_ascii_lowercase())),
                    message: "has no `metadata.name`; skipped".to_owned(),
                });
                continue;
            };
            let entity = Entity {
                file: index,
                kind: mapped,
                kind_key: kind.to_ascii_lowercase(),
                namespace,
                name,
                value: document,
            };
            if mapped != Kind::Other {
                check_names(&entity, &file.shown, warnings);
            }
            entities.push(entity);
        }
        if not_entities > 0 {
            let what = if not_entities == 1 {
                "a document".to_owned()
            } else {
                format!("{not_entities} documents")
            };
            warnings.push(Warning {
                file: file.shown.clone(),
                entity: None,
                message: format!(
                    "{what} without `apiVersion: backstage.io/…` and `kind` (not a Backstage \
                     entity, an OpenAPI definition perhaps); skipped"
                ),
            });
        }
    }
    entities
}

/// Warns about names and namespaces Backstage itself would reject; they are imported.
fn check_names(entity: &Entity, file: &str, warnings: &mut Vec<Warning>) {
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
        warnings.push(Warning {
            file: file.to_owned(),
            entity: Some(entity.reference()),
            message: format!(
                "Backstage would reject the name `{}` (1 to 63 letters and digits, separated \
                 by single `-`, `_` or `.`); imported anyway",
                entity.name
            ),
        });
    }
    if !valid_namespace(&entity.namespace) {
        warnings.push(Warning {
            file: file.to_owned(),
            entity: Some(entity.reference()),
            message: format!(
                "Backstage would reject the namespace `{}` (lower-case letters and digits \
                 separated by `-`); imported anyway",
                entity.namespace
            ),
        });
    }
}

/// The value at `path` in nested mappings.
fn get<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// A scalar as text: strings (trimmed, not empty), numbers and booleans.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn string(value: &Value, path: &[&str]) -> Option<String> {
    get(value, path).and_then(scalar_text)
}

/// A parsed entity reference, in lower case for lookups.
struct Ref {
    kind: Option<String>,
    namespace: String,
    name: String,
}

/// Parses `[kind:][namespace/]name`, defaulting the kind and namespace as Backstage does
/// for the field (the namespace defaults to the referring entity's).
fn parse_ref(text: &str, default_kind: Option<&str>, default_namespace: &str) -> Ref {
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

// ---------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------

/// The organisation something belongs to: an imported group, or the placeholder for
/// owners that name nothing imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Org {
    Group(usize),
    Placeholder,
}

/// An offering derived from the value network.
struct DerivedOffering {
    /// What is offered: an API (by reference key, with its entity when imported) or
    /// access to a component.
    subject: Subject,
    org: Org,
    /// The components whose services it describes.
    components: Vec<usize>,
}

enum Subject {
    Api {
        key: String,
        entity: Option<usize>,
        shown: String,
    },
    Component(usize),
}

/// A relationship derived from consumption across organisations.
struct DerivedRelationship {
    consumer: Org,
    offering: usize,
    /// The first consuming component, for the comment.
    via: usize,
}

struct Mapper<'a> {
    files: &'a [File],
    entities: Vec<Entity>,
    warnings: &'a mut Vec<Warning>,
    /// Every imported entity by `(kind, namespace, name)`, lower case.
    index: HashMap<(String, String, String), usize>,
    /// Entities defined again later: skipped.
    duplicate: Vec<bool>,
    placeholder_used: bool,
}

impl<'a> Mapper<'a> {
    fn new(files: &'a [File], entities: Vec<Entity>, warnings: &'a mut Vec<Warning>) -> Self {
        let mut index = HashMap::with_capacity(entities.len());
        let mut duplicate = vec![false; entities.len()];
        for (i, entity) in entities.iter().enumerate() {
            let key = (
                entity.kind_key.clone(),
                entity.namespace.to_lowercase(),
                entity.name.to_lowercase(),
            );
            if let Some(&first) = index.get(&key) {
                duplicate[i] = true;
                let first: &Entity = &entities[first];
                warnings.push(Warning {
                    file: files[entity.file].shown.clone(),
                    entity: Some(entity.reference()),
                    message: format!(
                        "is defined again (first in {}); the first definition wins",
                        files[first.file].shown
                    ),
                });
            } else {
                index.insert(key, i);
            }
        }
        Mapper {
            files,
            entities,
            warnings,
            index,
            duplicate,
            placeholder_used: false,
        }
    }

    fn warn(&mut self, entity: usize, message: String) {
        let e = &self.entities[entity];
        self.warnings.push(Warning {
            file: self.files[e.file].shown.clone(),
            entity: Some(e.reference()),
            message,
        });
    }

    fn find(&self, kind: &str, reference: &Ref) -> Option<usize> {
        self.index
            .get(&(
                kind.to_owned(),
                reference.namespace.clone(),
                reference.name.clone(),
            ))
            .copied()
    }

    /// The imported entities of a kind, in order.
    fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.entities.len())
            .filter(|&i| self.entities[i].kind == kind && !self.duplicate[i])
            .collect()
    }

    /// `where` in a message: the file and entity an origin comment names.
    fn origin(&self, entity: usize) -> String {
        let e = &self.entities[entity];
        format!("{}, from {}", e.reference(), self.files[e.file].shown)
    }

    #[allow(clippy::too_many_lines)]
    fn map(mut self, name: &str) -> Draft {
        let groups = self.of_kind(Kind::Group);
        let users = self.of_kind(Kind::User);
        let systems = self.of_kind(Kind::System);
        let components = self.of_kind(Kind::Component);
        let resources = self.of_kind(Kind::Resource);
        let n = self.entities.len();

        // Organisations and their parents, cycles cut.
        let mut parent: Vec<Option<usize>> = vec![None; n];
        for &g in &groups {
            let Some(text) = self.entities[g].spec_string("parent") else {
                continue;
            };
            let reference = parse_ref(&text, Some("group"), &self.entities[g].namespace);
            match reference
                .kind
                .as_deref()
                .and_then(|k| (k == "group").then_some(()))
                .and_then(|()| self.find("group", &reference))
            {
                Some(p) if p != g => parent[g] = Some(p),
                _ => self.warn(
                    g,
                    format!("parent `{text}` names no imported group; imported without a parent"),
                ),
            }
        }
        for &g in &groups {
            for text in self.entities[g].spec_list("children") {
                let reference = parse_ref(&text, Some("group"), &self.entities[g].namespace);
                if let Some(child) = self.find("group", &reference) {
                    if parent[child].is_none() && child != g {
                        parent[child] = Some(g);
                    }
                }
            }
        }
        self.cut_cycles(&groups, &mut parent);

        // People and the organisation of each.
        let mut user_org: Vec<Org> = vec![Org::Placeholder; n];
        for &u in &users {
            let member_of = self.entities[u].spec_list("memberOf");
            let found = member_of.iter().find_map(|text| {
                let reference = parse_ref(text, Some("group"), &self.entities[u].namespace);
                (reference.kind.as_deref() == Some("group"))
                    .then(|| self.find("group", &reference))
                    .flatten()
            });
            if let Some(g) = found {
                user_org[u] = Org::Group(g);
            } else {
                self.placeholder_used = true;
                let message = if member_of.is_empty() {
                    "is a member of no group; placed in the placeholder organisation".to_owned()
                } else {
                    format!(
                        "memberOf {} names no imported group; placed in the placeholder organisation",
                        member_of
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                self.warn(u, message);
            }
        }

        // Owners of systems, components and resources.
        let mut owner: Vec<Org> = vec![Org::Placeholder; n];
        let mut owner_name: Vec<String> = vec![String::new(); n];
        for &e in systems.iter().chain(&components).chain(&resources) {
            let (org, shown) = self.owner(e, &user_org);
            owner[e] = org;
            owner_name[e] = shown;
        }

        // Which system each component and resource is part of.
        let mut system_of: Vec<Option<usize>> = vec![None; n];
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &e in components.iter().chain(&resources) {
            let Some(text) = self.entities[e].spec_string("system") else {
                continue;
            };
            let reference = parse_ref(&text, Some("system"), &self.entities[e].namespace);
            let found = (reference.kind.as_deref() == Some("system"))
                .then(|| self.find("system", &reference))
                .flatten();
            if let Some(s) = found {
                system_of[e] = Some(s);
            } else {
                self.warn(
                    e,
                    format!(
                        "system `{text}` names no imported system; it is left out of any product"
                    ),
                );
            }
        }
        // Parts in entity order: components and resources as they were read.
        let mut in_order: Vec<usize> = components.iter().chain(&resources).copied().collect();
        in_order.sort_unstable();
        for &e in &in_order {
            if let Some(s) = system_of[e] {
                parts[s].push(e);
            }
        }

        // Provided APIs: outputs and offerings.
        let mut offerings: Vec<DerivedOffering> = Vec::new();
        let mut api_offerings: HashMap<String, Vec<usize>> = HashMap::new();
        let mut offering_of: HashMap<(String, Org), usize> = HashMap::new();
        let mut outputs: Vec<Vec<String>> = vec![Vec::new(); n];
        for &c in &components {
            for text in self.entities[c].spec_list("providesApis") {
                let reference = parse_ref(&text, Some("api"), &self.entities[c].namespace);
                if reference.kind.as_deref() != Some("api") {
                    self.warn(
                        c,
                        format!("providesApis `{text}` does not name an API; skipped"),
                    );
                    continue;
                }
                let api = self.find("api", &reference);
                let key = format!("api:{}/{}", reference.namespace, reference.name);
                let shown = if let Some(a) = api {
                    self.entities[a].title()
                } else {
                    self.warn(
                        c,
                        format!(
                            "providesApis `{text}` names no imported API; offered under that name"
                        ),
                    );
                    text.rsplit(['/', ':']).next().unwrap_or(&text).to_owned()
                };
                if !outputs[c].contains(&shown) {
                    outputs[c].push(shown.clone());
                }
                let slot = *offering_of
                    .entry((key.clone(), owner[c]))
                    .or_insert_with(|| {
                        offerings.push(DerivedOffering {
                            subject: Subject::Api {
                                key: key.clone(),
                                entity: api,
                                shown,
                            },
                            org: owner[c],
                            components: Vec::new(),
                        });
                        api_offerings
                            .entry(key.clone())
                            .or_default()
                            .push(offerings.len() - 1);
                        offerings.len() - 1
                    });
                if !offerings[slot].components.contains(&c) {
                    offerings[slot].components.push(c);
                }
            }
        }

        // Consumption across organisations: the internal value network.
        let mut relationships: Vec<DerivedRelationship> = Vec::new();
        let mut relationship_of: HashMap<(Org, usize), usize> = HashMap::new();
        let mut component_offering: HashMap<usize, usize> = HashMap::new();
        let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &k in &components {
            let consumer = owner[k];
            let mut used: Vec<usize> = Vec::new();
            let mut depended: Vec<usize> = Vec::new();
            for text in self.entities[k].spec_list("consumesApis") {
                let reference = parse_ref(&text, Some("api"), &self.entities[k].namespace);
                let key = format!("api:{}/{}", reference.namespace, reference.name);
                let kind = reference.kind.as_deref().unwrap_or("api");
                if kind == "api" {
                    if let Some(slots) = api_offerings.get(&key) {
                        used.extend(slots);
                        continue;
                    }
                    if self.find("api", &reference).is_some() {
                        self.warn(
                            k,
                            format!("consumesApis `{text}`: no imported component provides this API; no relationship"),
                        );
                        continue;
                    }
                }
                if let Some(c) = self.find("component", &reference) {
                    self.warn(
                        k,
                        format!("consumesApis `{text}` names a component, not an API; taken as a dependency on it"),
                    );
                    depended.push(c);
                } else {
                    self.warn(
                        k,
                        format!("consumesApis `{text}` names no imported API; skipped"),
                    );
                }
            }
            for text in self.entities[k].spec_list("dependsOn") {
                let reference = parse_ref(&text, None, &self.entities[k].namespace);
                let found = match reference.kind.as_deref() {
                    Some("component") => self
                        .find("component", &reference)
                        .map(|c| (Kind::Component, c)),
                    Some("resource") => self
                        .find("resource", &reference)
                        .map(|r| (Kind::Resource, r)),
                    Some(other) => self.find(other, &reference).map(|e| (Kind::Other, e)),
                    None => self
                        .find("component", &reference)
                        .map(|c| (Kind::Component, c))
                        .or_else(|| {
                            self.find("resource", &reference)
                                .map(|r| (Kind::Resource, r))
                        }),
                };
                match found {
                    Some((Kind::Component, c)) => depended.push(c),
                    Some(_) => {}
                    None => self.warn(
                        k,
                        format!("dependsOn `{text}` names no imported entity; skipped"),
                    ),
                }
            }
            for c in depended {
                if owner[c] == consumer || self.duplicate[c] {
                    continue;
                }
                let slot = *component_offering.entry(c).or_insert_with(|| {
                    offerings.push(DerivedOffering {
                        subject: Subject::Component(c),
                        org: owner[c],
                        components: vec![c],
                    });
                    offerings.len() - 1
                });
                used.push(slot);
            }
            for slot in used {
                if offerings[slot].org == consumer {
                    continue;
                }
                let r = *relationship_of.entry((consumer, slot)).or_insert_with(|| {
                    relationships.push(DerivedRelationship {
                        consumer,
                        offering: slot,
                        via: k,
                    });
                    relationships.len() - 1
                });
                if !depends_on[k].contains(&r) {
                    depends_on[k].push(r);
                }
            }
        }

        // Resources outside any system: one product per owner.
        let mut owner_products: Vec<(Org, Vec<usize>)> = Vec::new();
        let mut owner_product_of: HashMap<Org, usize> = HashMap::new();
        for &r in &resources {
            if system_of[r].is_some() {
                continue;
            }
            let slot = *owner_product_of.entry(owner[r]).or_insert_with(|| {
                owner_products.push((owner[r], Vec::new()));
                owner_products.len() - 1
            });
            owner_products[slot].1.push(r);
        }

        // Ids, claimed in the order entities are written.
        let mut ids = Ids::default();
        let mut id_of: Vec<String> = vec![String::new(); n];
        for &g in &groups {
            id_of[g] = self.claim_entity(&mut ids, g, "group");
        }
        let placeholder_id = self.placeholder_used.then(|| {
            ids.claim(
                "unknown-owner",
                "org",
                "the placeholder organisation",
                self.warnings,
                None,
            )
        });
        let org_id = |org: Org, id_of: &[String]| match org {
            Org::Group(g) => id_of[g].clone(),
            Org::Placeholder => placeholder_id.clone().unwrap_or_default(),
        };
        for &u in &users {
            id_of[u] = self.claim_entity(&mut ids, u, "user");
        }
        for &s in &systems {
            id_of[s] = self.claim_entity(&mut ids, s, "system");
        }
        let owner_product_ids: Vec<String> = owner_products
            .iter()
            .map(|(org, _)| {
                let base = format!("{}-resources", org_id(*org, &id_of));
                ids.claim(
                    &base,
                    "product",
                    "a product of resources",
                    self.warnings,
                    None,
                )
            })
            .collect();
        for &c in &components {
            id_of[c] = self.claim_entity(&mut ids, c, "component");
        }
        let offering_ids: Vec<String> = offerings
            .iter()
            .map(|o| match &o.subject {
                Subject::Api { key, entity, .. } => {
                    let (namespace, name) = key
                        .trim_start_matches("api:")
                        .split_once('/')
                        .unwrap_or(("default", key));
                    let (base, _) = mend_id(namespace, name);
                    let who = entity.map_or_else(|| key.clone(), |a| self.entities[a].reference());
                    ids.claim(
                        &base,
                        "api",
                        &who,
                        self.warnings,
                        Some(&self.files[self.entities[o.components[0]].file].shown),
                    )
                }
                Subject::Component(c) => {
                    let base = format!("{}-access", id_of[*c]);
                    ids.claim(&base, "offering", "an offering", self.warnings, None)
                }
            })
            .collect();
        let relationship_ids: Vec<String> = relationships
            .iter()
            .map(|r| {
                let base = format!(
                    "{}-uses-{}",
                    org_id(r.consumer, &id_of),
                    offering_ids[r.offering]
                );
                let (base, _) = mend_id("default", &base);
                ids.claim(&base, "relationship", "a relationship", self.warnings, None)
            })
            .collect();

        // The catalogue.
        let mut draft = Draft {
            name: name.to_owned(),
            ..Draft::default()
        };
        for &g in &groups {
            let e = &self.entities[g];
            draft.organizations.push(Organization {
                origin: self.origin(g),
                id: id_of[g].clone(),
                name: e.display_name().unwrap_or_else(|| e.title()),
                parent: parent[g].map(|p| id_of[p].clone()),
                description: e.description(),
            });
        }
        if let Some(id) = &placeholder_id {
            draft.organizations.push(Organization {
                origin:
                    "no Backstage entity: stands in for owners that name no imported group or user"
                        .to_owned(),
                id: id.clone(),
                name: "Unknown owner".to_owned(),
                parent: None,
                description: Some(
                    "Placeholder: the Backstage owner (or group) of the entities placed here \
                     names no imported Group or User; `svs import backstage` warned about \
                     each. Give each its real organisation."
                        .to_owned(),
                ),
            });
        }
        for &u in &users {
            let e = &self.entities[u];
            let email =
                string(&e.value, &["spec", "profile", "email"]).map(|m| format!("email: {m}"));
            let description = match (e.description(), email) {
                (Some(d), Some(m)) => Some(format!("{d}\n{m}")),
                (d, m) => d.or(m),
            };
            draft.people.push(Person {
                origin: self.origin(u),
                id: id_of[u].clone(),
                name: e.display_name().unwrap_or_else(|| e.name.clone()),
                organization: org_id(user_org[u], &id_of),
                description,
            });
        }
        let part = |this: &Self, e: usize| {
            let entity = &this.entities[e];
            Resource {
                origin: this.origin(e),
                name: entity.title(),
                dimension: Dimension::InformationAndTechnology,
                visible: entity.kind == Kind::Component
                    && entity
                        .spec_string("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("website")),
            }
        };
        for &s in &systems {
            let e = &self.entities[s];
            let mut resources = vec![Resource {
                origin: format!("the owner, spec.owner of {}", e.reference()),
                name: owner_name[s].clone(),
                dimension: Dimension::OrganizationsAndPeople,
                visible: false,
            }];
            resources.extend(parts[s].iter().map(|&p| part(&self, p)));
            draft.products.push(Product {
                origin: self.origin(s),
                id: id_of[s].clone(),
                name: e.title(),
                provider: org_id(owner[s], &id_of),
                description: e.description(),
                resources,
            });
        }
        for ((org, list), id) in owner_products.iter().zip(&owner_product_ids) {
            let owner_shown = match org {
                Org::Group(g) => self.entities[*g]
                    .display_name()
                    .unwrap_or_else(|| self.entities[*g].title()),
                Org::Placeholder => "Unknown owner".to_owned(),
            };
            draft.products.push(Product {
                origin: format!(
                    "the Backstage resources of {owner_shown} that are part of no imported system"
                ),
                id: id.clone(),
                name: format!("{owner_shown} resources"),
                provider: org_id(*org, &id_of),
                description: None,
                resources: list.iter().map(|&r| part(&self, r)).collect(),
            });
        }
        for &c in &components {
            let e = &self.entities[c];
            draft.services.push(Service {
                origin: self.origin(c),
                id: id_of[c].clone(),
                name: e.title(),
                provider: org_id(owner[c], &id_of),
                description: e.description(),
                products: system_of[c].map(|s| id_of[s].clone()).into_iter().collect(),
                outputs: outputs[c].clone(),
                depends_on: depends_on[c]
                    .iter()
                    .map(|&r| relationship_ids[r].clone())
                    .collect(),
            });
        }
        for (o, id) in offerings.iter().zip(&offering_ids) {
            let services = o.components.iter().map(|&c| id_of[c].clone()).collect();
            let providers = o
                .components
                .iter()
                .map(|&c| self.entities[c].reference())
                .collect::<Vec<_>>()
                .join(", ");
            let (origin, name, description, access) = match &o.subject {
                Subject::Api { key, entity, shown } => {
                    let origin = match entity {
                        Some(a) => format!("{}, provided by {providers}", self.origin(*a)),
                        None => format!("{key} (not imported), provided by {providers}"),
                    };
                    let access = if shown.to_ascii_lowercase().ends_with("api") {
                        shown.clone()
                    } else {
                        format!("{shown} API")
                    };
                    (
                        origin,
                        shown.clone(),
                        entity.and_then(|a| self.entities[a].description()),
                        access,
                    )
                }
                Subject::Component(c) => {
                    let title = self.entities[*c].title();
                    (
                        format!(
                            "{}: components of other organisations depend on it",
                            self.origin(*c)
                        ),
                        format!("Access to {title}"),
                        None,
                        title,
                    )
                }
            };
            draft.offerings.push(Offering {
                origin,
                id: id.clone(),
                name,
                provider: org_id(o.org, &id_of),
                description,
                services,
                access: vec![access],
            });
        }
        for (r, id) in relationships.iter().zip(&relationship_ids) {
            let o = &offerings[r.offering];
            let what = match &o.subject {
                Subject::Api { key, entity, .. } => {
                    let api = entity.map_or_else(|| key.clone(), |a| self.entities[a].reference());
                    format!("consumes {api}")
                }
                Subject::Component(c) => format!("depends on {}", self.entities[*c].reference()),
            };
            draft.relationships.push(Relationship {
                origin: {
                    let via = &self.entities[r.via];
                    let file = &self.files[via.file].shown;
                    format!("{} {what}, from {file}", via.reference())
                },
                id: id.clone(),
                provider: org_id(o.org, &id_of),
                consumer: org_id(r.consumer, &id_of),
                offering: offering_ids[r.offering].clone(),
                description: None,
            });
        }
        draft
    }

    /// The organisation that owns entity `e`, and the owner as shown in its product.
    fn owner(&mut self, e: usize, user_org: &[Org]) -> (Org, String) {
        let Some(text) = self.entities[e].spec_string("owner") else {
            self.placeholder_used = true;
            self.warn(
                e,
                "has no `spec.owner`; placed in the placeholder organisation".to_owned(),
            );
            return (Org::Placeholder, "unknown owner".to_owned());
        };
        let reference = parse_ref(&text, Some("group"), &self.entities[e].namespace);
        match reference.kind.as_deref() {
            Some("group") => {
                if let Some(g) = self.find("group", &reference) {
                    let g_entity = &self.entities[g];
                    return (
                        Org::Group(g),
                        g_entity.display_name().unwrap_or_else(|| g_entity.title()),
                    );
                }
            }
            Some("user") => {
                if let Some(u) = self.find("user", &reference) {
                    let shown = self.entities[u]
                        .display_name()
                        .unwrap_or_else(|| self.entities[u].name.clone());
                    return (user_org[u], shown);
                }
            }
            _ => {}
        }
        self.placeholder_used = true;
        let hint = match reference.kind.as_deref() {
            Some("user") if self.find("group", &reference).is_some() => {
                format!(
                    " (a group `{}` exists: write `group:{}`)",
                    reference.name, reference.name
                )
            }
            Some("group") if self.find("user", &reference).is_some() => String::new(),
            _ => String::new(),
        };
        self.warn(
            e,
            format!(
                "owner `{text}` names no imported group or user{hint}; placed in the \
                 placeholder organisation"
            ),
        );
        (Org::Placeholder, text)
    }

    /// Removes the parent link that closes each cycle of groups, with a warning.
    fn cut_cycles(&mut self, groups: &[usize], parent: &mut [Option<usize>]) {
        // 0: not visited, 1: on the current chain, 2: done.
        let mut state = vec![0u8; parent.len()];
        for &start in groups {
            let mut chain: Vec<usize> = Vec::new();
            let mut current = start;
            loop {
                match state[current] {
                    2 => break,
                    1 => {
                        let last = *chain.last().expect("a cycle has a link");
                        let to = parent[last].take();
                        let to = to.map(|t| self.entities[t].reference()).unwrap_or_default();
                        self.warn(
                            last,
                            format!("parent `{to}` would close a cycle of groups; imported without a parent"),
                        );
                        break;
                    }
                    _ => {}
                }
                state[current] = 1;
                chain.push(current);
                match parent[current] {
                    Some(p) => current = p,
                    None => break,
                }
            }
            for c in chain {
                state[c] = 2;
            }
        }
    }

    /// The id of an entity, mended and made unique, with warnings.
    fn claim_entity(&mut self, ids: &mut Ids, e: usize, suffix: &str) -> String {
        let entity = &self.entities[e];
        let (base, mended) = mend_id(&entity.namespace, &entity.name);
        let reference = entity.reference();
        let file = self.files[entity.file].shown.clone();
        if mended {
            self.warnings.push(Warning {
                file: file.clone(),
                entity: Some(reference.clone()),
                message: format!(
                    "`{}` is not a valid svs id; imported as `{base}`",
                    entity.name
                ),
            });
        }
        ids.claim(&base, suffix, &reference, self.warnings, Some(&file))
    }
}

/// The id for a Backstage name: lower case, namespace prefix, mended to
/// `^[a-z0-9][a-z0-9._-]{0,62}$`; and whether mending changed more than the case.
fn mend_id(namespace: &str, name: &str) -> (String, bool) {
    let raw = if namespace.eq_ignore_ascii_case("default") {
        name.to_lowercase()
    } else {
        format!("{}.{}", namespace.to_lowercase(), name.to_lowercase())
    };
    let replaced: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = replaced
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches(['.', '_', '-']);
    let mut id: String = trimmed.chars().take(63).collect();
    if id.is_empty() {
        "entity".clone_into(&mut id);
    }
    let mended = id != raw;
    (id, mended)
}

/// Ids given so far, and to whom.
#[derive(Default)]
struct Ids {
    taken: HashMap<String, String>,
}

impl Ids {
    /// `base` when free; otherwise `base-SUFFIX`, then `base-SUFFIX-2`, … with a warning.
    fn claim(
        &mut self,
        base: &str,
        suffix: &str,
        who: &str,
        warnings: &mut Vec<Warning>,
        file: Option<&str>,
    ) -> String {
        if !self.taken.contains_key(base) {
            self.taken.insert(base.to_owned(), who.to_owned());
            return base.to_owned();
        }
        let fit = |stem: &str, tail: &str| {
            let keep = 63usize.saturating_sub(tail.len());
            let stem: String = stem.chars().take(keep).collect();
            format!("{stem}{tail}")
        };
        let mut candidate = fit(base, &format!("-{suffix}"));
        let mut number = 2;
        while self.taken.contains_key(&candidate) {
            candidate = fit(base, &format!("-{suffix}-{number}"));
            number += 1;
        }
        let holder = self.taken[base].clone();
        warnings.push(Warning {
            file: file.unwrap_or("(derived)").to_owned(),
            entity: Some(who.to_owned()),
            message: format!("the id `{base}` is already {holder}'s; this one is `{candidate}`"),
        });
        self.taken.insert(candidate.clone(), who.to_owned());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn ids_are_lower_case_prefixed_and_mended() {
        assert_eq!(mend_id("default", "Guest"), ("guest".to_owned(), false));
        assert_eq!(
            mend_id("development", "guest"),
            ("development.guest".to_owned(), false)
        );
        assert_eq!(
            mend_id("default", "My Service"),
            ("my-service".to_owned(), true)
        );
        assert_eq!(mend_id("default", &"a".repeat(80)).0.len(), 63);
        assert_eq!(mend_id("default", "__x").0, "x");
    }

    #[test]
    fn a_taken_id_gets_a_suffix_and_a_warning() {
        let mut ids = Ids::default();
        let mut warnings = Vec::new();
        assert_eq!(
            ids.claim(
                "petstore",
                "component",
                "component:default/petstore",
                &mut warnings,
                None
            ),
            "petstore"
        );
        assert_eq!(
            ids.claim(
                "petstore",
                "api",
                "api:default/petstore",
                &mut warnings,
                None
            ),
            "petstore-api"
        );
        assert_eq!(
            ids.claim("petstore", "api", "api:x/petstore", &mut warnings, None),
            "petstore-api-2"
        );
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn paths_are_normalised_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.yaml")),
            PathBuf::from("a/c.yaml")
        );
        assert_eq!(normalize(Path::new("../x")), PathBuf::from("../x"));
    }

    #[test]
    fn a_broken_document_does_not_hide_the_others() {
        let (documents, errors) = parse_documents("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(documents.len(), 2);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("line 3"), "{errors:?}");
    }
}
