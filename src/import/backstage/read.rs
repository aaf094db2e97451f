//! Reading: the descriptor files under the paths given, and the files their `Location`
//! entities point at, each parsed into its YAML documents.
//!
//! This stage owns the file system and the YAML parser; the stages after it see only
//! [`File`]s of JSON values, in byte order of their paths, and never a path or a parse
//! error. A file that cannot be read, is not UTF-8 or is not YAML is a warning, and a
//! broken document in a stream does not hide the others. Location targets are followed
//! only inside the paths given, so an import reads nothing it was not pointed at.
//!
//! A `.json` file named on the command line is what a running Backstage serves: the
//! whole catalogue, org data included, as the catalog API's JSON, either a JSON array of
//! entities (`/api/catalog/entities`) or one page of `{"items": [...], "totalItems",
//! "pageInfo"}` (`/api/catalog/entities/by-query`; several pages are several files). Its
//! entities are documents like any other, so they map exactly as the same entities in
//! YAML. Its Locations are not followed: the API has already read what they register.
//!
//! The few helpers that read a field of a document ([`get`], [`string`],
//! [`scalar_text`]) live here too: Location targets are the first fields read, and the
//! entity stage reads the rest with the same helpers.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::path::{Component as PathComponent, Path, PathBuf};

use serde_json::Value;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Options};

use super::ImportError;
use super::warnings::Warnings;
use crate::load::files::{self, Exclude};

/// One file read: its path as shown and its documents.
pub(super) struct File {
    /// The path as shown in warnings and origin comments.
    pub(super) shown: String,
    /// Its YAML documents, null documents left out.
    pub(super) documents: Vec<Value>,
}

/// Reads every file under `paths`, then every file a `Location` entity points at inside
/// them, each once; returns them in byte order of their shown paths.
pub(super) fn read_files(
    paths: &[PathBuf],
    warnings: &mut Warnings,
) -> Result<Vec<File>, ImportError> {
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
        let warn = |warnings: &mut Warnings, message: String| warnings.file(&shown, message);
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
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let (documents, errors) = if json {
            catalog_api_entities(&text)
        } else {
            parse_documents(&text)
        };
        for error in errors {
            warn(warnings, error);
        }
        if !json {
            for document in &documents {
                for target in location_targets(document) {
                    follow(&path, &target, &roots, &mut queue, warnings);
                }
            }
        }
        read.push(File { shown, documents });
    }
    read.sort_by(|a, b| a.shown.as_bytes().cmp(b.shown.as_bytes()));
    Ok(read)
}

/// The entities of a catalog API response: a JSON array of entities, or a page
/// `{"items": [...], ...}`; a single entity is taken too. Anything else is a message
/// that says what was expected.
fn catalog_api_entities(text: &str) -> (Vec<Value>, Vec<String>) {
    const EXPECTED: &str = "expected the catalog API's JSON: an array of entities \
        (`/api/catalog/entities`) or an object with `items` (`/api/catalog/entities/by-query`)";
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return (
                Vec::new(),
                vec![format!("is not JSON ({error}); {EXPECTED}; skipped")],
            );
        }
    };
    let found = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => match map.remove("items") {
            Some(Value::Array(items)) => items,
            Some(_) => {
                return (
                    Vec::new(),
                    vec![format!(
                        "has `items` that is not an array; {EXPECTED}; skipped"
                    )],
                );
            }
            None if map.contains_key("kind") && map.contains_key("apiVersion") => {
                vec![Value::Object(map)]
            }
            None => {
                let mut keys: Vec<&str> = map.keys().map(String::as_str).take(5).collect();
                keys.sort_unstable();
                let keys = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let what = if keys.is_empty() {
                    "an empty object".to_owned()
                } else {
                    format!("an object with {keys}")
                };
                return (Vec::new(), vec![format!("is {what}; {EXPECTED}; skipped")]);
            }
        },
        other => {
            let what = match other {
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return (Vec::new(), vec![format!("is {what}; {EXPECTED}; skipped")]);
        }
    };
    (
        found.into_iter().filter(|v| !v.is_null()).collect(),
        Vec::new(),
    )
}

/// Parses every document of a multi-document stream. When the stream as a whole does
/// not parse, each document (split at `---` lines) is tried alone, so that one broken
/// document does not hide the others; every failure is a message. A key given twice in
/// one mapping is a message too (Backstage rejects the entity), and the first value is
/// kept.
fn parse_documents(text: &str) -> (Vec<Value>, Vec<String>) {
    match parse_stream(text, DuplicateKeyPolicy::Error) {
        Ok(documents) => return (documents, Vec::new()),
        Err(error) => {
            if let serde_saphyr::Error::DuplicateMappingKey { key, location } =
                error.without_snippet()
            {
                let (documents, mut errors) = parse_lenient(text);
                let key = key
                    .as_deref()
                    .map_or_else(String::new, |k| format!(" `{k}`"));
                errors.insert(
                    0,
                    format!(
                        "the key{key} is given twice in one mapping at line {}, which \
                         Backstage rejects; the first value is used",
                        location.line()
                    ),
                );
                return (documents, errors);
            }
        }
    }
    parse_lenient(text)
}

/// The documents of a stream with the first of duplicate keys kept, each broken
/// document a message.
fn parse_lenient(text: &str) -> (Vec<Value>, Vec<String>) {
    match parse_stream(text, DuplicateKeyPolicy::FirstWins) {
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
                match parse_stream(chunk, DuplicateKeyPolicy::FirstWins) {
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
fn parse_stream(
    text: &str,
    duplicate_keys: DuplicateKeyPolicy,
) -> Result<Vec<Value>, serde_saphyr::Error> {
    let mut options = Options::default();
    options.duplicate_keys = duplicate_keys;
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
    warnings: &mut Warnings,
) {
    let shown = location_file.display().to_string();
    let mut warn = |message: String| warnings.file(&shown, message);
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

/// The value at `path` in nested mappings.
pub(super) fn get<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// A scalar as text: strings (trimmed, not empty), numbers and booleans.
pub(super) fn scalar_text(value: &Value) -> Option<String> {
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

/// The scalar at `path`, as text.
pub(super) fn string(value: &Value, path: &[&str]) -> Option<String> {
    get(value, path).and_then(scalar_text)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_catalog_api_json_of_either_shape_is_a_list_of_entities() {
        let entity = r#"{"apiVersion": "backstage.io/v1alpha1", "kind": "Group", "metadata": {"name": "a"}}"#;
        let (array, errors) = catalog_api_entities(&format!("[{entity}, {entity}]"));
        assert_eq!((array.len(), errors.len()), (2, 0));
        let page = format!(
            r#"{{"items": [{entity}], "totalItems": 3, "pageInfo": {{"nextCursor": "x"}}}}"#
        );
        let (items, errors) = catalog_api_entities(&page);
        assert_eq!((items.len(), errors.len()), (1, 0));
        assert_eq!(items, array[..1]);
        let (one, _) = catalog_api_entities(entity);
        assert_eq!(
            one.len(),
            1,
            "a single entity, as /entities/by-name serves it"
        );
        let (none, errors) = catalog_api_entities(r#"{"name": "app", "version": "1.0.0"}"#);
        assert!(none.is_empty());
        assert_eq!(
            errors,
            [
                "is an object with `name`, `version`; expected the catalog API's JSON: an array \
              of entities (`/api/catalog/entities`) or an object with `items` \
              (`/api/catalog/entities/by-query`); skipped"
            ]
        );
        let (_, errors) = catalog_api_entities("{ nope");
        assert!(
            errors[0].starts_with("is not JSON (key must be a string at line 1"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_key_given_twice_is_a_message_and_the_first_value_is_kept() {
        let (documents, errors) = parse_documents("a: 1\n---\nb: 2\nc: 3\nb: 4\n");
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[1]["b"], 2);
        assert_eq!(
            errors,
            [
                "the key `b` is given twice in one mapping at line 5, which Backstage rejects; \
              the first value is used"
            ]
        );
    }
}
