//! Writing catalogue YAML from the model: one writer for every command that produces a
//! catalogue file (`svs import backstage` today, the evidence import next).
//!
//! A command builds the model's own values ([`crate::model`]) and hands them to a
//! [`File`]; each key is then written under its one name in [`crate::keys::names`],
//! checked (in debug builds, as the tests run) against its mapping's declaration in
//! [`crate::keys`], and in the order its [`Mapping`] lists them (an entity's description
//! comes up to follow what names it: [`place`]), so that the format's keys are declared
//! once and read back by the loader through the same declarations. What is absent is left
//! out, and so is a value equal to its key's declared default (`visible: false`,
//! `priority: should`, `quantity: 1`), so that a written file holds what was said and
//! nothing the loader would assume anyway; only an offering item's `ownership` is always
//! written, since it is what tells goods from access.
//!
//! The text is written by hand rather than through a serialiser: an entity may carry a
//! comment saying where it came from (no serde serialiser writes comments), and every
//! scalar that is not a plain safe word is double-quoted ([`scalar`]), so that a name such
//! as `yes`, `1e3`, `a: b` or `#1` comes back from `svs`'s own loader as the same string.
//! What is written is checked by loading it, in the tests, never by trusting the writer:
//! every catalogue of the repository goes through load, write and load again and comes
//! back as the same model.
//!
//! The layout is the one `svs init` and the documentation use: two spaces of indentation,
//! a blank line before each section, lists of references inline (`products: [a, b]`),
//! lists of mappings as block items.

mod entities;
mod evidence;
mod improvement;
mod relationships;

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::keys::{self, Mapping, names};
use crate::model::{Catalogue, Evidence, Kind, Metadata, Ref, Section, Target};

pub use entities::Entity;

/// Comment lines written with an entity: one above it, and one above each item of some of
/// its lists (a product's resources, each from its own source).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    /// The line above the entity: where it came from.
    pub above: Option<String>,
    /// For a list of the entity's mappings, the line above each item in order; an empty
    /// line writes no comment.
    pub items: Vec<(List, Vec<String>)>,
}

impl Comments {
    /// A comment above the entity alone.
    pub fn above(text: impl Into<String>) -> Self {
        Comments {
            above: Some(text.into()),
            items: Vec::new(),
        }
    }
}

/// A list of an entity's mappings whose items [`Comments::items`] may annotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// A product's `resources`.
    Resources,
    /// A service's `outputs`.
    Outputs,
    /// An offering's `access`.
    Access,
}

impl List {
    /// The list's key.
    fn key(self) -> &'static str {
        match self {
            List::Resources => names::RESOURCES,
            List::Outputs => names::OUTPUTS,
            List::Access => names::ACCESS,
        }
    }
}

/// One catalogue file being put together: comment lines at the top, `svs: 1`, the
/// `catalogue:` block when given, then the sections in the format's order.
#[derive(Debug)]
pub struct File {
    header: Vec<String>,
    top: Map,
}

impl Default for File {
    fn default() -> Self {
        File::new()
    }
}

impl File {
    /// A file that declares `svs: 1` and nothing else yet.
    pub fn new() -> Self {
        File {
            header: Vec::new(),
            top: Map::new(&keys::FILE).word(names::SVS, "1"),
        }
    }

    /// Adds comment lines at the top of the file, one per line of `text`.
    #[must_use]
    pub fn comment(mut self, text: &str) -> Self {
        self.header.extend(text.lines().map(comment));
        self
    }

    /// The `catalogue:` block.
    #[must_use]
    pub fn metadata(mut self, metadata: &Metadata) -> Self {
        self.top = self.top.map(names::CATALOGUE, entities::metadata(metadata));
        self
    }

    /// The section of `E`'s kind with these entities, each with its comments; no section
    /// when there are none.
    #[must_use]
    pub fn section<'e, E: Entity + 'e>(
        mut self,
        entities: impl IntoIterator<Item = (&'e E, &'e Comments)>,
    ) -> Self {
        let items = entities
            .into_iter()
            .map(|(entity, comments)| {
                let mut map = entity.map();
                for (list, lines) in &comments.items {
                    map.annotate(list.key(), lines);
                }
                Item {
                    comment: comments.above.as_deref().map(comment),
                    map,
                }
            })
            .collect();
        self.top = self.top.items(Section::of(E::KIND).key, items);
        self
    }

    /// The `evidence:` section with these records; no section when there are none.
    #[must_use]
    pub fn evidence<'e>(mut self, records: impl IntoIterator<Item = &'e Evidence>) -> Self {
        let items = records
            .into_iter()
            .map(|record| Item {
                comment: None,
                map: evidence::record(record),
            })
            .collect();
        self.top = self.top.items(Section::EVIDENCE, items);
        self
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.header {
            let _ = writeln!(text, "# {line}");
        }
        for field in self.top.ordered() {
            // A blank line before each section sets the lists apart.
            if matches!(field.node, Node::Items(_)) {
                text.push('\n');
            }
            field.write(&mut text, 0);
        }
        text
    }
}

/// A whole catalogue as one file, entities in the catalogue's order, with no comments.
pub fn catalogue(catalogue: &Catalogue) -> String {
    let none = Comments::default();
    File::new()
        .metadata(&catalogue.metadata)
        .section(catalogue.organizations.iter().map(|e| (e, &none)))
        .section(catalogue.people.iter().map(|e| (e, &none)))
        .section(catalogue.groups.iter().map(|e| (e, &none)))
        .section(catalogue.outcomes.iter().map(|e| (e, &none)))
        .section(catalogue.products.iter().map(|e| (e, &none)))
        .section(catalogue.services.iter().map(|e| (e, &none)))
        .section(catalogue.offerings.iter().map(|e| (e, &none)))
        .section(catalogue.relationships.iter().map(|e| (e, &none)))
        .section(catalogue.improvements.iter().map(|e| (e, &none)))
        .section(catalogue.rules.iter().map(|e| (e, &none)))
        .evidence(&catalogue.evidence)
        .text()
}

/// A mapping about to be written: its declaration and the keys given so far.
#[derive(Debug)]
pub struct Map {
    mapping: &'static Mapping,
    fields: Vec<Field>,
}

/// Where a key is written in its mapping: in the order of the declaration, except that a
/// `description` comes right after what names the entity and places it (its `id`, its
/// `name`, and the references that follow them: a provider, an organisation, a parent, a
/// relationship's parties and offering), as the catalogues of this repository write it,
/// so that a reader meets the entity's description before its details. `index` is the
/// key's place in the declaration; each key's place is twice its index, leaving a place
/// between two keys for the description.
fn place(mapping: &Mapping, key: &str, index: usize) -> usize {
    if key != names::DESCRIPTION {
        return 2 * index;
    }
    let head = mapping
        .keys
        .iter()
        .take_while(|k| {
            matches!(k.value, keys::Value::Id | keys::Value::Ref(_)) || k.name == names::NAME
        })
        .count();
    (2 * head).saturating_sub(1).min(2 * index)
}

/// One key of a [`Map`] with its value, and its place in the mapping's written order.
#[derive(Debug)]
struct Field {
    position: usize,
    key: &'static str,
    node: Node,
}

/// A value as written under a key.
#[derive(Debug)]
enum Node {
    /// A scalar in its YAML form: a word, a number, or a string as [`scalar`] writes it.
    Scalar(String),
    /// A list of scalars, inline: `[a, b]`.
    Inline(Vec<String>),
    /// A mapping of its own (`{}` when it holds nothing).
    Map(Map),
    /// A list of mappings, each an item of its own.
    Items(Vec<Item>),
}

/// One item of a list of mappings, with the comment line above it.
#[derive(Debug)]
struct Item {
    comment: Option<String>,
    map: Map,
}

impl Map {
    /// An empty mapping of `mapping`'s declaration.
    fn new(mapping: &'static Mapping) -> Self {
        Map {
            mapping,
            fields: Vec::new(),
        }
    }

    /// Whether no key was given.
    fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Adds `key`, unless it is a scalar equal to the key's declared default. An offering
    /// item's `ownership` is written even then: it is what tells goods from access, and a
    /// reader of the file should not have to know the default to see it.
    fn put(mut self, key: &'static str, node: Node) -> Self {
        let index = self.mapping.keys.iter().position(|k| k.name == key);
        debug_assert!(
            index.is_some(),
            "`{key}` is not a key of {:?}",
            self.mapping.name
        );
        let default = index.and_then(|p| self.mapping.keys[p].default);
        if let (Node::Scalar(text), Some(default)) = (&node, default)
            && text == default
            && key != names::OWNERSHIP
        {
            return self;
        }
        self.fields.push(Field {
            position: index.map_or(usize::MAX, |index| place(self.mapping, key, index)),
            key,
            node,
        });
        self
    }

    /// A word of the format (a closed set's, or a number) as it is.
    fn word(self, key: &'static str, word: &str) -> Self {
        self.put(key, Node::Scalar(word.to_owned()))
    }

    /// Text, quoted where it must be.
    fn text(self, key: &'static str, text: &str) -> Self {
        self.put(key, Node::Scalar(scalar(text)))
    }

    /// Text when there is some.
    fn maybe_text(self, key: &'static str, text: Option<&str>) -> Self {
        match text {
            Some(text) => self.text(key, text),
            None => self,
        }
    }

    /// An exact decimal, without trailing zeros, as the loader reads every number
    /// (`12.50` is read, and written, as `12.5`).
    fn number(self, key: &'static str, number: Decimal) -> Self {
        self.put(key, Node::Scalar(number.normalize().to_string()))
    }

    /// A word when there is one.
    fn maybe_word(self, key: &'static str, word: Option<String>) -> Self {
        match word {
            Some(word) => self.put(key, Node::Scalar(word)),
            None => self,
        }
    }

    /// A decimal when there is one.
    fn maybe_number(self, key: &'static str, number: Option<Decimal>) -> Self {
        match number {
            Some(number) => self.number(key, number),
            None => self,
        }
    }

    /// A list of texts, inline; nothing when it is empty.
    fn texts<'t>(self, key: &'static str, texts: impl IntoIterator<Item = &'t str>) -> Self {
        let texts: Vec<String> = texts.into_iter().map(scalar).collect();
        if texts.is_empty() {
            return self;
        }
        self.put(key, Node::Inline(texts))
    }

    /// A list of references, inline; nothing when it is empty.
    fn refs<T: Target>(self, key: &'static str, refs: &[Ref<T>]) -> Self {
        self.texts(key, refs.iter().map(|r| &*r.id))
    }

    /// A mapping of its own, written even when it holds nothing (`{}`).
    fn map(self, key: &'static str, map: Map) -> Self {
        self.put(key, Node::Map(map))
    }

    /// A mapping of its own when there is one.
    fn maybe_map(self, key: &'static str, map: Option<Map>) -> Self {
        match map {
            Some(map) => self.map(key, map),
            None => self,
        }
    }

    /// A mapping of its own when it holds anything.
    fn map_if_any(self, key: &'static str, map: Map) -> Self {
        if map.is_empty() {
            return self;
        }
        self.map(key, map)
    }

    /// A list of mappings; nothing when it is empty.
    fn list(self, key: &'static str, maps: impl IntoIterator<Item = Map>) -> Self {
        let items: Vec<Item> = maps
            .into_iter()
            .map(|map| Item { comment: None, map })
            .collect();
        self.items(key, items)
    }

    fn items(self, key: &'static str, items: Vec<Item>) -> Self {
        if items.is_empty() {
            return self;
        }
        self.put(key, Node::Items(items))
    }

    /// Puts a comment line above each item of the list under `key`.
    fn annotate(&mut self, key: &str, lines: &[String]) {
        for field in &mut self.fields {
            if let (true, Node::Items(items)) = (field.key == key, &mut field.node) {
                for (item, line) in items.iter_mut().zip(lines) {
                    item.comment = (!line.is_empty()).then(|| comment(line));
                }
            }
        }
    }

    /// The keys in their written order ([`place`]).
    fn ordered(&self) -> impl Iterator<Item = &Field> {
        let mut fields: Vec<&Field> = self.fields.iter().collect();
        fields.sort_by_key(|f| f.position);
        fields.into_iter()
    }

    /// Every key, each on its own line at `indent`.
    fn write(&self, text: &mut String, indent: usize) {
        for field in self.ordered() {
            field.write(text, indent);
        }
    }
}

impl Field {
    /// `key: value` at `indent`, a nested mapping or list below it.
    fn write(&self, text: &mut String, indent: usize) {
        let _ = write!(text, "{:indent$}{}:", "", self.key);
        match &self.node {
            Node::Scalar(value) => {
                let _ = writeln!(text, " {value}");
            }
            Node::Inline(values) => {
                let _ = writeln!(text, " [{}]", values.join(", "));
            }
            Node::Map(map) if map.is_empty() => text.push_str(" {}\n"),
            Node::Map(map) => {
                text.push('\n');
                map.write(text, indent + 2);
            }
            Node::Items(items) => {
                text.push('\n');
                for item in items {
                    item.write(text, indent + 2);
                }
            }
        }
    }
}

impl Item {
    /// The comment line and `- ` at `indent`, the item's keys aligned after it.
    fn write(&self, text: &mut String, indent: usize) {
        if let Some(line) = &self.comment {
            let _ = writeln!(text, "{:indent$}# {line}", "");
        }
        if self.map.is_empty() {
            let _ = writeln!(text, "{:indent$}- {{}}", "");
            return;
        }
        // The keys are written two columns in, then the first line's indentation takes
        // the dash: `- id: x` with `name:` below `id:`.
        let start = text.len();
        self.map.write(text, indent + 2);
        text.replace_range(start + indent..start + indent + 2, "- ");
    }
}

/// The word a table of the decoder gives a value: the format's words are declared once,
/// with the decoder that reads them.
fn word_of<T: PartialEq>(table: &'static [(&'static str, T)], value: &T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| v == value)
        .map_or("", |(word, _)| word)
}

/// The word of an entity's kind in a custom rule's `on`: its section's key.
fn kind_word(kind: Kind) -> &'static str {
    Section::of(kind).key
}

/// A comment's text on one line: line breaks and other control characters become spaces.
pub fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Characters YAML treats as line breaks besides `\n` and `\r`.
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Words a YAML parser may read as something other than a string.
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity",
];

/// A scalar as YAML text: plain when it is a safe word (starts with a letter; letters,
/// digits, spaces inside, `.`, `_`, `-`, `/`; not a word YAML reads as a boolean or
/// null), double-quoted with escapes otherwise.
pub fn scalar(value: &str) -> String {
    let plain = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !value.ends_with(' ')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-' | '/'))
        && !RESERVED.contains(&value.to_ascii_lowercase().as_str());
    if plain {
        return value.to_owned();
    }
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() || is_line_break(c) || c == '\u{feff}' => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod generated;
#[cfg(test)]
mod tests;
