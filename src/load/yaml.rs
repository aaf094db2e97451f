//! The YAML layer: one file's text into [`Node`]s, each with its byte span, handed to the
//! decoder one entity at a time.
//!
//! This is the only module that knows the YAML crate (serde-saphyr). It parses into a
//! generic tree rather than into the model's types because serde's derive stops at the
//! first error, while `svs` reports every unknown key, missing key and bad value of a file
//! in one run; the tree also keeps the span of every key and value, which the model's
//! diagnostics need long after parsing.
//!
//! The lists of entities (the sections named by the caller, such as `relationships`) are
//! not built as trees: each item is handed over as soon as it is parsed and dropped once
//! decoded, so memory holds the source text and the model, never a tree of the whole
//! file.
//!
//! Duplicate keys are passed through so that the decoder can report each one (SVS007) and
//! carry on. Numbers are not converted here: the decoder reads the exact source text of a
//! number as a decimal, so no amount ever passes through a binary float.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, NonFiniteFloatPolicy, Options};

use crate::source::{FileId, SourceFile, Span};

/// One YAML node with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where it was written (for a collection, where it starts).
    pub span: Span,
}

/// The shape of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A plain scalar that YAML reads as a number; its exact text is the span's text.
    Number,
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, every pair kept in order, duplicates included.
    Map(Vec<(Node, Node)>),
}

impl NodeKind {
    /// What the node is, for "expected …, found …" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// Why a file could not be parsed as YAML, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What went wrong, without position (the span carries it).
    pub message: String,
    /// Where.
    pub span: Span,
}

/// What the parser hands to the decoder, in document order.
#[derive(Debug)]
pub enum Event {
    /// A key of the top-level mapping that is not a streamed section (or whose value is
    /// not a list), with its whole value.
    Pair(Node, Node),
    /// A streamed section's key; its items follow.
    Section(Node),
    /// One item of the last section.
    Item(Node),
    /// The document is not a mapping (an empty file is `Null`).
    Root(Node),
}

thread_local! {
    /// The file being parsed, for the spans of its nodes.
    static FILE: Cell<FileId> = const { Cell::new(FileId(0)) };
}

/// Parses one file's text, handing every top-level pair and every item of the `sections`
/// to `sink` as it goes. Limits scale with the input so that a large honest catalogue
/// loads while an alias bomb or a deeply nested document is stopped early.
pub fn parse(
    file: FileId,
    source: &SourceFile,
    sections: &[&str],
    sink: &mut dyn FnMut(Event),
) -> Result<(), SyntaxError> {
    let text = source.text.as_str();
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options.budget = Some(budget(text.len()));
    FILE.with(|f| f.set(file));
    let root = RootSeed { sections, sink };
    serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| root.deserialize(de))
        .map_err(|error| syntax_error(file, source, &error))
}

/// Parses a whole document into one tree (for tests and small inputs).
pub fn parse_tree(file: FileId, source: &SourceFile) -> Result<Node, SyntaxError> {
    let mut pairs = Vec::new();
    let mut root = None;
    parse(file, source, &[], &mut |event| match event {
        Event::Pair(key, value) => pairs.push((key, value)),
        Event::Root(node) => root = Some(node),
        Event::Section(_) | Event::Item(_) => {}
    })?;
    Ok(root.unwrap_or(Node {
        kind: NodeKind::Map(pairs),
        span: Span::new(file, 0, 0),
    }))
}

/// Resource limits proportional to the input: every node of an honest file takes at least
/// a byte or two of text, so only alias expansion can exceed these.
fn budget(len: usize) -> Budget {
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len.saturating_mul(2));
    budget.max_anchors = budget.max_anchors.max(len / 8);
    budget.max_aliases = budget.max_aliases.max(len / 8);
    budget
}

fn syntax_error(file: FileId, source: &SourceFile, error: &serde_saphyr::Error) -> SyntaxError {
    let inner = error.without_snippet();
    let start = error
        .location()
        .and_then(|location| {
            let line = usize::try_from(location.line()).ok()?;
            let column = usize::try_from(location.column()).ok()?;
            (line > 0).then(|| source.offset(line, column.max(1)))
        })
        .unwrap_or(0);
    SyntaxError {
        message: describe_error(inner),
        span: Span::new(file, start, start),
    }
}

/// The parser's message without its trailing "at line …, column …" (the span says that).
fn describe_error(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    if text.starts_with("budget breached") || text.contains("alias expansion limit") {
        return "the document exceeds the parser's resource limits (too many nodes, \
                too deep, or an alias expanded too often)"
            .to_owned();
    }
    let text = text.lines().next().unwrap_or_default();
    if text.starts_with("recursion limit exceeded") {
        return "the document nests too deeply".to_owned();
    }
    let text = match text.find(" at line ") {
        Some(i) => &text[..i],
        None => text,
    };
    let text = text.split("; use from_str_multiple").next().unwrap_or(text);
    text.trim().to_owned()
}

/// A node from serde-saphyr's spanned value: our span from its byte offsets.
fn node(spanned: serde_saphyr::Spanned<NodeKind>) -> Node {
    let span = spanned.referenced.span();
    let start = span
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(0);
    let len = span
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0);
    Node {
        kind: spanned.value,
        span: Span::new(FILE.with(Cell::get), start, start.saturating_add(len)),
    }
}

impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Builds a [`NodeKind`]; children are deserialised with their spans.
struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_unit<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }

    fn visit_none<E>(self) -> Result<NodeKind, E> {
        Ok(NodeKind::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<NodeKind, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, v: bool) -> Result<NodeKind, E> {
        Ok(NodeKind::Bool(v))
    }

    fn visit_i64<E>(self, _: i64) -> Result<NodeKind, E> {
        Ok(NodeKind::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<NodeKind, E> {
        Ok(NodeKind::Number)
    }

    fn visit_i128<E>(self, _: i128) -> Result<NodeKind, E> {
        Ok(NodeKind::Number)
    }

    fn visit_u128<E>(self, _: u128) -> Result<NodeKind, E> {
        Ok(NodeKind::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<NodeKind, E> {
        Ok(NodeKind::Number)
    }

    fn visit_str<E>(self, v: &str) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<NodeKind, E> {
        Ok(NodeKind::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeKind, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(node(item));
        }
        Ok(NodeKind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeKind, A::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((key, value)) = map.next_entry()? {
            pairs.push((node(key), node(value)));
        }
        Ok(NodeKind::Map(pairs))
    }
}

/// The document: a mapping whose sections are streamed item by item.
struct RootSeed<'s, 'f> {
    sections: &'s [&'s str],
    sink: &'f mut dyn FnMut(Event),
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// The scalar `visit_*` methods of a seed that hands a value of the wrong shape over
/// whole: each builds the [`NodeKind`] and passes it to the seed's `whole`.
macro_rules! whole_scalars {
    () => {
        whole_scalars! {
            visit_unit();
            visit_none();
            visit_bool(v: bool);
            visit_i64(v: i64);
            visit_u64(v: u64);
            visit_i128(v: i128);
            visit_u128(v: u128);
            visit_f64(v: f64);
            visit_str(v: &str);
            visit_string(v: String);
            visit_bytes(v: &[u8]);
        }
    };
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<E: de::Error>(self, $($arg: $ty),*) -> Result<(), E> {
            self.whole(NodeVisitor.$method($($arg),*)?);
            Ok(())
        }
    )*};
}

impl RootSeed<'_, '_> {
    /// A document that is not a mapping becomes one [`Event::Root`].
    fn whole(self, kind: NodeKind) {
        let span = Span::new(FILE.with(Cell::get), 0, 0);
        (self.sink)(Event::Root(Node { kind, span }));
    }
}

impl<'de> Visitor<'de> for RootSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping")
    }

    whole_scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.whole(NodeVisitor.visit_seq(seq)?);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<NodeKind>>()? {
            let key = node(key);
            let streamed =
                matches!(&key.kind, NodeKind::Str(name) if self.sections.contains(&name.as_str()));
            if streamed {
                map.next_value_seed(SectionSeed {
                    key,
                    sink: &mut *self.sink,
                })?;
            } else {
                let value = node(map.next_value()?);
                (self.sink)(Event::Pair(key, value));
            }
        }
        Ok(())
    }
}

/// A section's value: a list is streamed item by item; anything else is handed over
/// whole, for the decoder to reject.
struct SectionSeed<'f> {
    key: Node,
    sink: &'f mut dyn FnMut(Event),
}

impl<'de> DeserializeSeed<'de> for SectionSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl SectionSeed<'_> {
    /// A section value that is not a list becomes one [`Event::Pair`].
    fn whole(self, kind: NodeKind) {
        let span = self.key.span;
        (self.sink)(Event::Pair(self.key, Node { kind, span }));
    }
}

impl<'de> Visitor<'de> for SectionSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    whole_scalars!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.whole(NodeVisitor.visit_map(map)?);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        (self.sink)(Event::Section(self.key));
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<NodeKind>>()? {
            (self.sink)(Event::Item(node(item)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Node, SyntaxError> {
        let source = SourceFile::new("t.yaml".into(), text.into());
        parse_tree(FileId(0), &source)
    }

    fn map(node: &Node) -> &[(Node, Node)] {
        match &node.kind {
            NodeKind::Map(pairs) => pairs,
            other => panic!("expected a mapping, got {other:?}"),
        }
    }

    #[test]
    fn keys_and_values_keep_byte_spans() {
        let node = parse_text("svs: 1\nname: \"Acme\"\n").unwrap();
        let pairs = map(&node);
        assert_eq!(pairs[0].0.span.range(), 0..3);
        assert_eq!(pairs[0].1.kind, NodeKind::Number);
        assert_eq!(pairs[0].1.span.range(), 5..6);
        assert_eq!(pairs[1].1.kind, NodeKind::Str("Acme".into()));
        assert_eq!(pairs[1].1.span.range(), 13..19);
    }

    #[test]
    fn duplicate_keys_reach_the_tree() {
        let node = parse_text("a: 1\na: 2\n").unwrap();
        assert_eq!(map(&node).len(), 2);
    }

    #[test]
    fn non_finite_numbers_are_numbers_not_errors() {
        let node = parse_text("a: .nan\nb: 1e400\n").unwrap();
        assert!(map(&node).iter().all(|(_, v)| v.kind == NodeKind::Number));
    }

    #[test]
    fn syntax_errors_carry_a_position_and_no_line_numbers_in_text() {
        let error = parse_text("svs: 1\na: [1, 2\nb: c\n").unwrap_err();
        assert!(error.span.start > 0);
        assert!(!error.message.contains("line"), "{}", error.message);
    }

    #[test]
    fn an_alias_bomb_is_stopped() {
        let mut lines = vec![String::from("a: &a [x, x, x, x, x, x, x, x, x, x]")];
        for i in 1..12 {
            let prev = char::from(b'a' + i - 1);
            let name = char::from(b'a' + i);
            let refs = vec![format!("*{prev}"); 10].join(", ");
            lines.push(format!("{name}: &{name} [{refs}]"));
        }
        let text = lines.join("\n");
        let error = parse_text(&text).unwrap_err();
        assert!(
            error.message.contains("resource limits"),
            "{}",
            error.message
        );
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_text(&text).is_err());
    }
}
