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
use super::warnings::{Warning, Warnings};
use crate::load::files::{self, Exclude};

/// One file read: its path as shown and its documents.
pub(super) struct File {
    /// The path as shown in warnings and origin comments.
    pub(super) shown: String,
    /// Its YAML documents, null documents left out.
    pub(super) documents: Vec<Value>,
    /// The line each document starts on, when the stream could be cut at its `---`
    /// markers with certainty.
    pub(super) lines: Vec<Option<usize>>,
    /// What the file is when its name says it is no Backstage file (`app-config.yaml`,
    /// `mkdocs.yml`): it is counted, not parsed.
    pub(super) known: Option<&'static str>,
}

/// What a file is when its name says it is a well-known file that holds no Backstage
/// entity: Backstage's own configuration, or the `mkdocs.yml` of a documentation site.
fn known_by_name(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))?;
    if stem == "app-config" || stem.starts_with("app-config.") {
        Some("app-config file")
    } else if stem == "mkdocs" {
        Some("mkdocs file")
    } else {
        None
    }
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
        if let Some(known) = known_by_name(&path) {
            read.push(File {
                shown,
                documents: Vec::new(),
                lines: Vec::new(),
                known: Some(known),
            });
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
        let (documents, lines) = parse_text(&text, json, &shown, warnings);
        if !json {
            for document in &documents {
                for target in location_targets(document) {
                    follow(&path, &target, &roots, &mut queue, warnings);
                }
            }
        }
        read.push(File {
            shown,
            documents,
            lines,
            known: None,
        });
    }
    read.sort_by(|a, b| a.shown.as_bytes().cmp(b.shown.as_bytes()));
    Ok(read)
}

/// The documents of one file's text with the line each starts on: the catalog API's
/// JSON when `json`, else a YAML stream; each problem is a warning about the file
/// `shown`.
fn parse_text(
    text: &str,
    json: bool,
    shown: &str,
    warnings: &mut Warnings,
) -> (Vec<Value>, Vec<Option<usize>>) {
    let parsed = if json {
        let (documents, problems) = catalog_api_entities(text);
        for problem in problems {
            warnings.file(shown, problem);
        }
        Parsed {
            lines: vec![None; documents.len()],
            documents,
            unparsed: Vec::new(),
            twice: None,
        }
    } else {
        parse_documents(text)
    };
    if let Some(twice) = parsed.twice {
        warnings.file(shown, twice);
    }
    for (line, error) in parsed.unparsed {
        warnings.push(Warning {
            file: shown.to_owned(),
            line,
            entity: None,
            message: if line.is_some() {
                "a document is not YAML; skipped"
            } else {
                "is not YAML; skipped"
            }
            .to_owned(),
            detail: Some(error),
        });
    }
    (parsed.documents, parsed.lines)
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

/// What a stream parsed to: its documents with the line each starts on, the documents
/// (or the whole file) that are not YAML, and a key given twice in one mapping.
struct Parsed {
    documents: Vec<Value>,
    lines: Vec<Option<usize>>,
    unparsed: Vec<Unparsed>,
    /// The message for a key given twice in one mapping (Backstage rejects the entity;
    /// the first value is kept).
    twice: Option<String>,
}

/// Parses every document of a multi-document stream, with the line each starts on. When
/// the stream as a whole does not parse, each document (split at `---` lines) is tried
/// alone, so that one broken document does not hide the others; every failure is the
/// parser's message, with the line of the document when the stream was cut. A key given
/// twice in one mapping is a message too, and the first value is kept.
fn parse_documents(text: &str) -> Parsed {
    if let Err(error) = parse_stream(text, DuplicateKeyPolicy::Error)
        && let serde_saphyr::Error::DuplicateMappingKey { key, location } = error.without_snippet()
    {
        let key = key
            .as_deref()
            .map_or_else(String::new, |k| format!(" `{k}`"));
        let mut parsed = parse_lenient(text);
        parsed.twice = Some(format!(
            "the key{key} is given twice in one mapping at line {}, which Backstage rejects; \
             the first value is used",
            location.line()
        ));
        return parsed;
    }
    parse_lenient(text)
}

/// The documents of a stream with the first of duplicate keys kept, and the documents
/// that are not YAML.
fn parse_lenient(text: &str) -> Parsed {
    let parsed = |documents, lines, unparsed| Parsed {
        documents,
        lines,
        unparsed,
        twice: None,
    };
    match parse_stream(text, DuplicateKeyPolicy::FirstWins) {
        Ok(documents) => {
            let lines = document_lines(text, 1, documents.len());
            parsed(documents, lines, Vec::new())
        }
        Err(error) => {
            let chunks = split_documents(text);
            if chunks.len() <= 1 {
                let error = describe_error(&error, 0);
                return parsed(Vec::new(), Vec::new(), vec![(None, error)]);
            }
            let mut documents = Vec::new();
            let mut lines = Vec::new();
            let mut errors = Vec::new();
            for (line, chunk) in chunks {
                match parse_stream(chunk, DuplicateKeyPolicy::FirstWins) {
                    Ok(parsed) => {
                        lines.extend(document_lines(chunk, line, parsed.len()));
                        documents.extend(parsed);
                    }
                    Err(error) => errors.push((Some(line), describe_error(&error, line - 1))),
                }
            }
            parsed(documents, lines, errors)
        }
    }
}

/// A document, or a whole file, that is not YAML: the line the document starts on
/// (none for the whole file), and the parser's message.
type Unparsed = (Option<usize>, String);

/// The line each of the `count` documents of `text` starts on (its first line that is
/// not a marker, a comment or blank), counted from `first_line`; all unknown when the
/// `---` markers do not account for exactly `count` documents (a document that is only
/// `null`, say).
fn document_lines(text: &str, first_line: usize, count: usize) -> Vec<Option<usize>> {
    let starts: Vec<usize> = split_documents(text)
        .into_iter()
        .filter_map(|(start, chunk)| {
            chunk.lines().enumerate().find_map(|(i, line)| {
                let content = line
                    .strip_prefix("---")
                    .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
                    .unwrap_or(line)
                    .trim();
                let empty = content.is_empty()
                    || content.starts_with('#')
                    || content.starts_with('%')
                    || content == "...";
                (!empty).then_some(start + i + first_line - 1)
            })
        })
        .collect();
    if starts.len() == count {
        starts.into_iter().map(Some).collect()
    } else {
        vec![None; count]
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
    // A file may be named `{legacy}.yaml`: what exists as written is not a glob.
    if target.contains(['*', '?', '[', '{']) && fs::symlink_metadata(&joined).is_err() {
        follow_glob(target, &joined, &inside, queue, &mut warn);
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

/// A Location target with a glob (`./teams/*.yaml`), `pattern` once resolved: the YAML
/// files it matches below its directory part. Messages quote the target as written.
fn follow_glob(
    target: &str,
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
                "Location target `{target}` is not a valid glob ({error}): skipped"
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
    if fs::metadata(&dir).is_err() {
        warn(format!(
            "Location target `{target}` matches nothing: no `{}` to look in; skipped",
            dir.display()
        ));
        return;
    }
    if !inside(&dir) {
        warn(format!(
            "Location target `{target}` is outside the paths given: skipped"
        ));
        return;
    }
    let found = files::collect(std::slice::from_ref(&dir), &Exclude::default()).unwrap_or_default();
    let before = queue.len();
    queue.extend(found.into_iter().filter(|f| glob.is_match(f) && inside(f)));
    if queue.len() == before {
        warn(format!(
            "Location target `{target}` matches nothing: no YAML file; skipped"
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
    fn backstage_and_techdocs_configuration_are_known_by_name() {
        let known = |name: &str| known_by_name(Path::new(name));
        assert_eq!(known("a/app-config.yaml"), Some("app-config file"));
        assert_eq!(known("app-config.production.YML"), Some("app-config file"));
        assert_eq!(known("docs/mkdocs.yml"), Some("mkdocs file"));
        assert_eq!(known("app-configs.yaml"), None);
        assert_eq!(known("catalog-info.yaml"), None);
    }

    #[test]
    fn each_document_starts_on_its_first_line_of_content() {
        let text = "# a comment\n---\napiVersion: v1\n---\n\n# another\nkind: Group\n---\n";
        let Parsed {
            documents, lines, ..
        } = parse_documents(text);
        assert_eq!(documents.len(), 2);
        assert_eq!(lines, [Some(3), Some(7)]);
        // A document that is only `null` is left out, and the lines are not guessed.
        let Parsed {
            documents, lines, ..
        } = parse_documents("a: 1\n---\n~\n---\nb: 2\n");
        assert_eq!(documents.len(), 2);
        assert_eq!(lines, [None, None]);
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
        let Parsed {
            documents,
            lines,
            unparsed: errors,
            ..
        } = parse_documents("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(documents.len(), 2);
        assert_eq!(lines, [Some(1), Some(5)]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, Some(2), "the line of its `---`: {errors:?}");
        assert!(errors[0].1.contains("line 3"), "{errors:?}");
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
        let parsed = parse_documents("a: 1\n---\nb: 2\nc: 3\nb: 4\n");
        assert_eq!(parsed.documents.len(), 2);
        assert_eq!(parsed.documents[1]["b"], 2);
        assert_eq!(
            parsed.twice.as_slice(),
            [
                "the key `b` is given twice in one mapping at line 5, which Backstage rejects; \
              the first value is used"
            ]
        );
    }
}
