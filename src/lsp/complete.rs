//! Completion: the keys a mapping accepts where a key is typed, the words of a closed set
//! after its key, and ids at a reference (which kinds the key under the cursor accepts,
//! and the ids of those kinds in the catalogue's files).
//!
//! Completion is asked for while something is half typed, when the catalogue does not
//! resolve, so it reads the text rather than the model. For a reference, the key is the
//! last `key:` before the cursor on its line (`provider: te`, `targets: [staff, `,
//! `{ organization: `), or for a block list item (`- `) the key of the nearest line above
//! with less indentation; ids are the `id:` of each item under a top-level section.
//!
//! For keys and words, the chain of parent keys and list items above the cursor, read by
//! indentation (`offerings:`, an item, `warranty:`), is followed through the JSON Schema
//! of `svs schema` to the mapping or the value typed. The keys offered are the loader's
//! declared keys for that mapping ([`crate::keys`]) less those already written,
//! each with its declared description (the schema's); the words are the schema's, which are the
//! loader's tables of words. So completion, the schema and the loader cannot disagree.

use std::sync::OnceLock;

use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};
use serde_json::Value;

use crate::model::Kind;

/// The kinds a reference under `key` may name: those its declaration names
/// ([`crate::keys::kinds_of`]).
pub fn kinds_of(key: &str) -> &'static [Kind] {
    crate::keys::kinds_of(key)
}

/// The key whose value the cursor is in: `text` up to the cursor.
pub fn key_at(text: &str) -> Option<&str> {
    let (before, line) = text.rsplit_once('\n').unwrap_or(("", text));
    if let Some(colon) = line.rfind(':') {
        return Some(last_word(&line[..colon]));
    }
    // A block list item: the key is on the nearest line above with less indentation.
    let indent = line.len() - line.trim_start().len();
    before
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && l.len() - l.trim_start().len() < indent)
        .and_then(|l| l.trim_end().strip_suffix(':'))
        .map(last_word)
}

fn last_word(text: &str) -> &str {
    let start = text
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    &text[start..]
}

/// The ids defined in a file's text, with their kinds, in order.
pub fn ids(text: &str) -> Vec<(Kind, String)> {
    let mut found = Vec::new();
    let mut kind = None;
    for line in text.lines() {
        if !line.starts_with([' ', '\t', '-', '#']) && !line.is_empty() {
            kind = line
                .split(':')
                .next()
                .and_then(|key| crate::model::Section::named(key.trim()))
                .map(|section| section.kind);
            continue;
        }
        let Some(kind) = kind else { continue };
        let item = line.trim_start().trim_start_matches('-').trim_start();
        let item = item.trim_start_matches('{').trim_start();
        if !line.trim_start().starts_with('-') {
            continue;
        }
        if let Some(rest) = item.strip_prefix("id:") {
            let id: String = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect();
            if !id.is_empty() {
                found.push((kind, id));
            }
        }
    }
    found
}

/// One line of block YAML as the context reads it: blank lines and comments have none.
struct Line<'t> {
    /// Where the line's text starts.
    indent: usize,
    /// Whether the line starts a list item (`- `).
    dash: bool,
    /// Where the key (or the item's first key) starts, after any `- `.
    key_column: usize,
    /// The key, when the line writes `key:`.
    key: Option<&'t str>,
    /// What follows the key's colon.
    value: &'t str,
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'t> Line<'t> {
    fn read(line: &'t str) -> Option<Line<'t>> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        if rest.trim().is_empty() || rest.starts_with('#') {
            return None;
        }
        let mut dash = false;
        while let Some(after) = rest.strip_prefix('-') {
            if !(after.is_empty() || after.starts_with(' ')) {
                break;
            }
            dash = true;
            rest = after.trim_start_matches(' ');
        }
        let key_column = line.len() - rest.len();
        let word = rest.len() - rest.trim_start_matches(is_key_char).len();
        let (key, value) = match rest[word..].strip_prefix(':') {
            Some(value) if word > 0 && (value.is_empty() || value.starts_with(' ')) => {
                (Some(&rest[..word]), value)
            }
            _ => (None, ""),
        };
        Some(Line {
            indent,
            dash,
            key_column,
            key,
            value,
        })
    }

    /// Whether the key's value is below it (nothing but a comment follows the colon).
    fn opens_block(&self) -> bool {
        let value = self.value.trim();
        self.key.is_some() && (value.is_empty() || value.starts_with('#'))
    }
}

/// A step from a mapping to what is inside it.
#[derive(Debug, PartialEq, Eq)]
enum Step<'t> {
    /// The value of a key.
    Key(&'t str),
    /// An item of a list.
    Item,
}

/// The steps from the file's top level to the mapping whose keys are at `column`, read
/// from the lines `above` it; `item` when the cursor's line starts a list item. Also the
/// keys of that mapping written above. `None` when the indentation does not say.
fn steps_to<'t>(
    above: &[&'t str],
    mut column: usize,
    item: Option<usize>,
) -> Option<(Vec<Step<'t>>, Vec<&'t str>)> {
    let mut steps = Vec::new();
    let mut present = Vec::new();
    if let Some(dash) = item {
        steps.push(Step::Item);
        column = dash;
    }
    for text in above.iter().rev() {
        if column == 0 && !steps.is_empty() && matches!(steps.last(), Some(Step::Key(_))) {
            break;
        }
        let Some(line) = Line::read(text) else {
            continue;
        };
        let level = steps.is_empty();
        if line.indent >= column {
            if level && line.indent == column && !line.dash {
                present.extend(line.key);
            }
            continue;
        }
        if line.key_column > column {
            return None;
        }
        if line.key_column < column {
            if !line.opens_block() {
                return None;
            }
            steps.push(Step::Key(line.key?));
            column = line.key_column;
        } else if level {
            present.extend(line.key);
        }
        if line.dash {
            // The line starts a list item whose first key is at `column`.
            steps.push(Step::Item);
            column = line.indent;
        }
    }
    (column == 0).then(|| {
        steps.reverse();
        (steps, present)
    })
}

/// The schema of `svs schema`, made once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::schema::catalogue_schema)
}

/// Follows references and optional values (`anyOf` with `null`) to what a schema node
/// describes, with the name of the last definition reached.
fn resolve<'s>(mut name: &'s str, mut node: &'s Value) -> (&'s str, &'s Value) {
    let root = schema();
    for _ in 0..16 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            name = reference.strip_prefix("#/$defs/").unwrap_or(reference);
            node = &root["$defs"][name];
        } else if let Some(branch) = node
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|branches| branches.iter().find(|b| b.get("$ref").is_some()))
        {
            node = branch;
        } else {
            break;
        }
    }
    (name, node)
}

/// The schema of the mapping the steps lead to, and its definition's name.
fn mapping_at(steps: &[Step<'_>]) -> Option<(&'static str, &'static Value)> {
    let mut at = ("", schema());
    for step in steps {
        let (name, node) = resolve(at.0, at.1);
        let next = match step {
            Step::Key(key) => node.get("properties")?.get(*key)?,
            Step::Item => node.get("items")?,
        };
        at = (name, next);
    }
    let (name, node) = resolve(at.0, at.1);
    (node.get("properties").is_some()).then_some((name, node))
}

fn markdown(text: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text.to_owned(),
    })
}

/// The keys or the words that may be typed at the cursor, `before` being the text up to
/// it and `after` the text from it; `None` where neither is typed (a reference, say).
pub fn keys_or_words(before: &str, after: &str) -> Option<Vec<CompletionItem>> {
    let (above, line) = before.rsplit_once('\n').unwrap_or(("", before));
    let above: Vec<&str> = above.lines().collect();
    if line.contains(['"', '\'', '#']) {
        return None;
    }
    if line.contains(['{', '[']) {
        return in_flow_mapping(&above, line);
    }
    let typed = Line::read(line);
    match typed {
        // A key is being typed: a blank line, or a word with no colon yet.
        None if line.trim().is_empty() => keys(&above, after, line.len(), None),
        Some(l) if l.key.is_none() && line[l.key_column..].chars().all(is_key_char) => {
            keys(&above, after, l.key_column, l.dash.then_some(l.indent))
        }
        // A word after `key: `.
        Some(l) if is_word(l.value) => {
            let (steps, _) = steps_to(&above, l.key_column, l.dash.then_some(l.indent))?;
            words(&steps, l.key?)
        }
        _ => None,
    }
}

/// Whether `text` is a word half typed (or nothing yet).
fn is_word(text: &str) -> bool {
    text.trim_start()
        .chars()
        .all(|c| is_key_char(c) || c == '-')
}

/// A key or a word typed inside a flow mapping that opens on the cursor's line, as a
/// price line is often written: `- { amount: 10, per: mo`, or `warranty: { avail`.
fn in_flow_mapping(above: &[&str], line: &str) -> Option<Vec<CompletionItem>> {
    let open = line.rfind('{')?;
    let inside = &line[open + 1..];
    if inside.contains(['{', '}', '[', ']']) || line[..open].contains(['{', '[']) {
        return None;
    }
    let prefix = Line::read(&line[..open]);
    let steps = match &prefix {
        // `- {`: the mapping is a list item.
        Some(l) if l.key.is_none() && l.dash && line[l.key_column..open].trim().is_empty() => {
            steps_to(above, open, Some(l.indent))?.0
        }
        // `key: {`: the mapping is the key's value.
        Some(l) if l.key.is_some() && l.value.trim().is_empty() => {
            let (mut steps, _) = steps_to(above, l.key_column, l.dash.then_some(l.indent))?;
            steps.push(Step::Key(l.key?));
            steps
        }
        _ => return None,
    };
    let (written, typed) = inside.rsplit_once(',').unwrap_or(("", inside));
    let present: Vec<&str> = written
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .map(|(key, _)| key.trim())
        .collect();
    match typed.split_once(':') {
        Some((key, value)) if is_word(value) => words(&steps, key.trim()),
        None if typed.trim().chars().all(is_key_char) => key_items(&steps, &present),
        _ => None,
    }
}

/// The words of the closed set `key` takes in the mapping the steps lead to.
fn words(steps: &[Step<'_>], key: &str) -> Option<Vec<CompletionItem>> {
    let (_, mapping) = mapping_at(steps)?;
    let (_, value) = resolve("", mapping["properties"].get(key)?);
    let words = value.get("enum")?.as_array()?;
    let about = value.get("description").and_then(Value::as_str);
    Some(
        words
            .iter()
            .filter_map(Value::as_str)
            .map(|word| CompletionItem {
                label: word.to_owned(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some(format!("`{key}`")),
                documentation: about.map(markdown),
                ..CompletionItem::default()
            })
            .collect(),
    )
}

/// The keys of the block mapping whose keys are at `column`, less those written in it.
fn keys(
    above: &[&str],
    after: &str,
    column: usize,
    item: Option<usize>,
) -> Option<Vec<CompletionItem>> {
    let (steps, mut present) = steps_to(above, column, item)?;
    // The keys below the cursor, to the end of the mapping.
    for text in after.lines().skip(1) {
        let Some(line) = Line::read(text) else {
            continue;
        };
        if line.indent < column || (line.indent == column && line.dash) {
            break;
        }
        if line.indent == column {
            present.extend(line.key);
        }
    }
    key_items(&steps, &present)
}

/// The keys the loader accepts in the mapping the steps lead to, but those `present`.
fn key_items(steps: &[Step<'_>], present: &[&str]) -> Option<Vec<CompletionItem>> {
    let (name, _) = mapping_at(steps)?;
    let mapping = crate::keys::mapping(name)?;
    Some(
        mapping
            .keys
            .iter()
            .filter(|key| !present.contains(&key.name))
            .map(|key| {
                let key_name = key.name;
                CompletionItem {
                    label: key_name.to_owned(),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: Some(if name.is_empty() {
                        "top-level key".to_owned()
                    } else {
                        format!("{name} key")
                    }),
                    documentation: Some(markdown(key.doc)),
                    insert_text: Some(format!("{key_name}: ")),
                    ..CompletionItem::default()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::names;

    fn labels(items: Option<Vec<CompletionItem>>) -> Vec<String> {
        items
            .expect("completions")
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn the_steps_to_a_mapping_follow_the_indentation() {
        let above = [
            "svs: 1",
            "offerings:",
            "  - id: a",
            "    warranty:",
            "      availability: 99",
        ];
        let (steps, present) = steps_to(&above, 6, None).unwrap();
        assert_eq!(
            steps,
            [
                Step::Key(names::OFFERINGS),
                Step::Item,
                Step::Key(names::WARRANTY)
            ]
        );
        assert_eq!(present, [names::AVAILABILITY]);
        let (steps, present) = steps_to(&above[..3], 4, None).unwrap();
        assert_eq!(steps, [Step::Key(names::OFFERINGS), Step::Item]);
        assert_eq!(present, [names::ID]);
        let (steps, _) = steps_to(&above[..3], 4, Some(2)).unwrap();
        assert_eq!(steps, [Step::Key(names::OFFERINGS), Step::Item]);
    }

    #[test]
    fn the_keys_and_words_of_evidence_and_budgets_are_completed() {
        let text = "svs: 1\nevidence:\n  - relationship: r\n    ";
        let keys = labels(keys_or_words(text, ""));
        assert_eq!(
            keys,
            [
                names::PERIOD,
                names::WARRANTY,
                names::OUTCOMES,
                names::SPEND,
                names::CREDITS,
                names::LOSSES,
                names::PERCEPTION,
                names::NOTE
            ]
        );
        let text = "svs: 1\nevidence:\n  - relationship: r\n    perception:\n      - { role: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            [names::CUSTOMER, names::USER, names::SPONSOR]
        );
        let text = "svs: 1\nrelationships:\n  - id: r\n    budget: { amount: 1, per: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["month", "quarter", "year"]
        );
        let text = "svs: 1\ncatalogue:\n  name: c\n  thresholds: { ";
        assert!(labels(keys_or_words(text, "")).contains(&names::PERCEPTION.to_owned()));
    }

    #[test]
    fn the_keys_and_words_of_a_management_block_are_completed() {
        let text = "svs: 1\nrelationships:\n  - id: r\n    management:\n      ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            [
                names::MANAGER,
                names::COUNTERPART,
                names::CADENCE,
                names::LAST_REVIEW
            ]
        );
        let text = "svs: 1\nrelationships:\n  - id: r\n    management: { cadence: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["month", "quarter", "year"]
        );
    }

    #[test]
    fn the_keys_and_words_of_an_improvement_are_completed() {
        let text = "svs: 1\nimprovements:\n  - id: i\n    relationship: r\n    ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            [
                names::NAME,
                names::OWNER,
                names::STATUS,
                names::RAISED,
                names::DUE,
                names::DONE,
                names::EXPECTED,
                names::DESCRIPTION,
                names::LINT
            ]
        );
        let text = "svs: 1\nimprovements:\n  - { id: i, status: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["proposed", "agreed", "in-progress", names::DONE, "dropped"]
        );
        let text = "svs: 1\nimprovements:\n  - id: i\n    expected:\n      costs_removed: { per: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["month", "quarter", "year"]
        );
    }

    #[test]
    fn keys_and_words_come_from_the_loader_tables() {
        let text = "svs: 1\nofferings:\n  - id: a\n    name: A\n    pr";
        let keys = labels(keys_or_words(text, ""));
        assert!(
            keys.contains(&names::PRICE.to_owned()) && keys.contains(&names::PROVIDER.to_owned())
        );
        assert!(!keys.contains(&names::ID.to_owned()) && !keys.contains(&names::NAME.to_owned()));
        let text = "svs: 1\nofferings:\n  - id: a\n    price:\n      - per: ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["once", "month", "quarter", "year"]
        );
        // In a flow mapping, as price lines are often written.
        let text = "svs: 1\nofferings:\n  - id: a\n    price:\n      - { amount: 1, per: q";
        assert_eq!(
            labels(keys_or_words(text, "")),
            ["once", "month", "quarter", "year"]
        );
        let text = "svs: 1\nofferings:\n  - id: a\n    price:\n      - { amount: 1, ";
        assert_eq!(
            labels(keys_or_words(text, "")),
            [names::NAME, names::PER, names::UNIT]
        );
        let text = "svs: 1\nofferings:\n  - id: a\n    warranty: { availability: 99, c";
        assert_eq!(
            labels(keys_or_words(text, "")),
            [
                names::CAPACITY,
                names::SERVICE_LEVELS,
                names::CONTINUITY,
                names::SECURITY
            ]
        );
        let text = "svs: 1\nofferings:\n  - { id: a, ";
        assert!(labels(keys_or_words(text, "")).contains(&names::PROVIDER.to_owned()));
        // A reference is not a word: the ids are completed instead.
        let text = "svs: 1\nofferings:\n  - id: a\n    provider: ";
        assert!(keys_or_words(text, "").is_none());
        let text = "svs: 1\nofferings:\n  - id: a\n    services:\n      - ";
        assert!(keys_or_words(text, "").is_none());
    }

    #[test]
    fn the_key_is_found_inline_in_flow_and_above_a_list_item() {
        assert_eq!(key_at("    provider: te"), Some(names::PROVIDER));
        assert_eq!(key_at("    targets: [staff, "), Some(names::TARGETS));
        assert_eq!(
            key_at("  - { id: x, organization: "),
            Some(names::ORGANIZATION)
        );
        assert_eq!(
            key_at("    roles:\n      customer:\n        - "),
            Some(names::CUSTOMER)
        );
    }

    #[test]
    fn ids_are_read_per_section() {
        let text = "svs: 1\norganizations:\n  - id: acme\n    name: A\n  - { id: telco }\npeople:\n  - id: \"jane\"\n";
        assert_eq!(
            ids(text),
            [
                (Kind::Organization, "acme".to_owned()),
                (Kind::Organization, "telco".to_owned()),
                (Kind::Person, "jane".to_owned()),
            ]
        );
    }
}
