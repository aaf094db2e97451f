//! The YAML layer: one file's text into a tree of [`Node`]s, each with its byte span.
//!
//! This is the only module that knows the YAML crate (serde-saphyr). It parses into a
//! generic tree rather than into the model's types because serde's derive stops at the
//! first error, while `svs` reports every unknown key, missing key and bad value of a file
//! in one run; the tree also keeps the span of every key and value, which the model's
//! diagnostics need long after parsing.
//!
//! Duplicate keys are passed through to the tree so that the decoder can report each one
//! (SVS007) and carry on. Numbers are not converted here: the decoder reads the exact
//! source text of a number as a decimal, so no amount ever passes through a binary float.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
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

/// Parses one file's text. Limits scale with the input so that a large honest catalogue
/// loads while an alias bomb or a deeply nested document is stopped early.
pub fn parse(file: FileId, source: &SourceFile) -> Result<Node, SyntaxError> {
    let text = source.text.as_str();
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options.budget = Some(budget(text.len()));
    let parsed: Result<serde_saphyr::Spanned<Tree>, _> =
        serde_saphyr::from_str_with_options(text, options);
    match parsed {
        Ok(root) => Ok(into_node(file, source, root)),
        Err(error) => Err(syntax_error(file, source, &error)),
    }
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

/// The tree as serde-saphyr hands it over: children carry saphyr's spans until
/// [`into_node`] turns them into ours.
enum Tree {
    Null,
    Bool(bool),
    Number,
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<Tree>>),
    Map(Vec<(serde_saphyr::Spanned<Tree>, serde_saphyr::Spanned<Tree>)>),
}

fn into_node(file: FileId, source: &SourceFile, tree: serde_saphyr::Spanned<Tree>) -> Node {
    let location = tree.referenced;
    let saphyr_span = location.span();
    let start = match saphyr_span.byte_offset() {
        Some(offset) if offset <= source.text.len() as u64 => usize::try_from(offset).unwrap_or(0),
        _ => source.offset(
            usize::try_from(location.line()).unwrap_or(1),
            usize::try_from(location.column()).unwrap_or(1),
        ),
    };
    let len = saphyr_span
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0);
    let end = start.saturating_add(len).min(source.text.len());
    let kind = match tree.value {
        Tree::Null => NodeKind::Null,
        Tree::Bool(b) => NodeKind::Bool(b),
        Tree::Number => NodeKind::Number,
        Tree::Str(s) => NodeKind::Str(s),
        Tree::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .map(|item| into_node(file, source, item))
                .collect(),
        ),
        Tree::Map(pairs) => NodeKind::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (into_node(file, source, k), into_node(file, source, v)))
                .collect(),
        ),
    };
    Node {
        kind,
        span: Span::new(file, start, end),
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Number)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Tree, E> {
        Ok(Tree::Number)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Tree, E> {
        Ok(Tree::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Number)
    }

    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Tree, E> {
        Ok(Tree::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(Tree::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Node, SyntaxError> {
        let source = SourceFile::new("t.yaml".into(), text.into());
        parse(FileId(0), &source)
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
