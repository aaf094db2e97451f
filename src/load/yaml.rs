//! The YAML layer: one file's text into [`Node`]s, each with its byte span, handed to the
//! decoder one entity at a time.
//!
//! This is the only module that knows the YAML crate. It drives granit-parser's event
//! parser directly and builds a small tree per entity rather than deserialising into the
//! model's types: `svs` reports every unknown key, missing key and bad value of a file in
//! one run, and the tree keeps the span of every key and value, which the model's
//! diagnostics need long after parsing.
//!
//! The lists of entities (the sections named by the caller, such as `relationships`) are
//! not built as trees: each item is handed over as soon as its last event is read and
//! dropped once decoded, so memory holds the source text and the model, never a tree of the
//! whole file.
//!
//! Duplicate keys are passed through so that the decoder can report each one (SVS007) and
//! carry on. Numbers are not converted here: the decoder reads the exact source text of a
//! number ([`Node::text_span`]) as a decimal, so no amount ever passes through a binary
//! float. An alias is a copy of its anchor's node, placed at the alias; the nodes all
//! aliases of a file copy are counted and capped, so an alias bomb stops early, and
//! nesting is limited in depth.

mod chunks;
mod scalar;

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use granit_parser::ScalarStyle::{Folded, Literal};
use granit_parser::{Event as Yaml, Parser, ScanError};

use crate::source::{FileId, SourceFile, Span};

/// One YAML node with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where it was written (for a collection, where it starts; for an alias, the alias).
    pub span: Span,
    /// The bytes of the scalar's own text: the span itself, or the anchor's scalar when
    /// the node is an alias.
    text: Span,
}

/// The shape of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A plain scalar that YAML reads as a number; its exact text is
    /// [`Node::text_span`]'s text.
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

impl Node {
    /// A node whose text is its span.
    fn new(kind: NodeKind, span: Span) -> Self {
        Node {
            kind,
            span,
            text: span,
        }
    }

    /// Where the scalar's text was written: the node's own span, or through an alias the
    /// anchored scalar's. A number's exact decimal is read from here, while findings point
    /// at [`Node::span`].
    pub fn text_span(&self) -> Span {
        self.text
    }

    /// Whether this is a mapping written in flow style, `{ a: 1, b: 2 }`; `text` is the
    /// text of its file. Through an alias, the anchored mapping's style.
    pub fn is_flow_mapping(&self, text: &str) -> bool {
        matches!(self.kind, NodeKind::Map(_))
            && text
                .get(self.text.range())
                .is_some_and(|t| t.starts_with('{'))
    }

    /// Whether nothing at all was written for this value: a key without one, such as a
    /// bare word in a flow mapping (`{ a: 1, b }`) or `b:` at the end of a line. `~` and
    /// `null` are written, and are not empty.
    pub fn is_empty(&self) -> bool {
        self.kind == NodeKind::Null && self.span.range().is_empty()
    }

    /// How many nodes this tree holds.
    fn size(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Seq(items) => items.iter().map(Node::size).sum(),
            NodeKind::Map(pairs) => pairs.iter().map(|(k, v)| k.size() + v.size()).sum(),
            _ => 0,
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

/// Collections nested deeper than this are refused: an honest catalogue needs about ten
/// levels, and the limit keeps recursion over the tree shallow.
const MAX_DEPTH: usize = 64;

thread_local! {
    /// How this thread reads a file ([`with_reading`]).
    static READING: Cell<Reading> = const { Cell::new(Reading::Sequential) };
}

/// Bytes of text parsed so far by this process, for a progress line.
static PARSED: AtomicUsize = AtomicUsize::new(0);

/// How many bytes of text this process has parsed so far (items count as they end).
pub fn bytes_parsed() -> usize {
    PARSED.load(Ordering::Relaxed)
}

/// Runs `f` with one file's parse allowed `jobs` threads: a large file is then cut into
/// pieces parsed in parallel ([`chunks`]).
pub fn with_jobs<R>(jobs: usize, f: impl FnOnce() -> R) -> R {
    let reading = if jobs > 1 {
        Reading::Chunked { jobs, piece: 0 }
    } else {
        Reading::Sequential
    };
    with_reading(reading, f)
}

/// Runs `f` with files read as `reading` says on this thread. A chunked reading with an
/// explicit piece size cuts even a small file (for tests).
pub fn with_reading<R>(reading: Reading, f: impl FnOnce() -> R) -> R {
    let before = READING.with(|r| r.replace(reading));
    let result = f();
    READING.with(|r| r.set(before));
    result
}

/// Parses one file's text, handing every top-level pair and every item of the `sections`
/// to `sink` as it goes.
pub fn parse(
    file: FileId,
    source: &SourceFile,
    sections: &[&str],
    sink: &mut dyn FnMut(Event),
) -> Result<(), SyntaxError> {
    parse_batched(file, source, sections, &|_, items| items, &mut |handed| {
        unbatch(handed, sink);
    })
}

/// What a parse hands over, in document order.
#[derive(Debug)]
pub enum Handed<B> {
    /// One event.
    Event(Event),
    /// A run of `items` items of the last section, already made into a batch on the
    /// thread that parsed them; the text up to byte `end` has then been read.
    Batch {
        /// What [`parse_batched`]'s `batch` made of the items.
        batch: B,
        /// How many items it holds.
        items: usize,
        /// Where the last of them ends.
        end: usize,
    },
}

/// [`parse`], with the items of a large file's sections also turned into batches on the
/// threads that parse them: `batch` receives the section's name and a run of its items,
/// in the order written. A file read in one pass hands every item over as an event.
pub fn parse_batched<B: Send>(
    file: FileId,
    source: &SourceFile,
    sections: &[&str],
    batch: &(dyn Fn(&str, Vec<Node>) -> B + Sync),
    sink: &mut dyn FnMut(Handed<B>),
) -> Result<(), SyntaxError> {
    let reading = match READING.with(Cell::get) {
        Reading::Chunked { piece: 0, .. } if source.text.len() < chunks::MIN_PARALLEL => {
            Reading::Sequential
        }
        reading => reading,
    };
    read(file, source, sections, reading, batch, sink).map(|_| ())
}

/// Hands a batch of items over as one event each.
fn unbatch(handed: Handed<Vec<Node>>, sink: &mut dyn FnMut(Event)) {
    match handed {
        Handed::Event(event) => sink(event),
        Handed::Batch { batch, .. } => {
            for item in batch {
                sink(Event::Item(item));
            }
        }
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// In one pass.
    Sequential,
    /// Cut into pieces of about `piece` bytes (0: the default size) parsed on `jobs`
    /// threads, when the cut is safe.
    Chunked {
        /// Threads.
        jobs: usize,
        /// Bytes of text per piece.
        piece: usize,
    },
}

/// [`parse`], read as asked; returns how the file was read in the end (a chunked parse
/// falls back to a sequential one when the cut is not safe or a piece fails to parse).
pub fn parse_with(
    file: FileId,
    source: &SourceFile,
    sections: &[&str],
    reading: Reading,
    sink: &mut dyn FnMut(Event),
) -> Result<Reading, SyntaxError> {
    read(
        file,
        source,
        sections,
        reading,
        &|_, items| items,
        &mut |handed| {
            unbatch(handed, sink);
        },
    )
}

fn read<B: Send>(
    file: FileId,
    source: &SourceFile,
    sections: &[&str],
    reading: Reading,
    batch: &(dyn Fn(&str, Vec<Node>) -> B + Sync),
    sink: &mut dyn FnMut(Handed<B>),
) -> Result<Reading, SyntaxError> {
    let text = source.text.as_str();
    let cap = alias_cap(text.len());
    // Events handed over by a chunked parse, a batch counting as its items.
    let mut fed = 0usize;
    // Progress: each item adds the bytes from the last item's end to its own.
    let mut reported = 0usize;
    let mut progress = |at: usize| {
        let at = at.max(reported);
        PARSED.fetch_add(at - reported, Ordering::Relaxed);
        reported = at;
    };
    if let Reading::Chunked { jobs, piece } = reading {
        let piece = if piece == 0 { chunks::PIECE } else { piece };
        if let Some(pieces) = chunks::plan(text, sections, piece) {
            let counted = &mut |handed: Handed<B>| {
                match &handed {
                    Handed::Event(event) => {
                        fed += 1;
                        if let Event::Item(node) = event {
                            progress(node.span.start());
                        }
                    }
                    Handed::Batch { items, end, .. } => {
                        fed += items;
                        progress(*end);
                    }
                }
                sink(handed);
            };
            if chunks::run(file, text, sections, &pieces, jobs, cap, batch, counted).is_ok() {
                progress(text.len());
                return Ok(reading);
            }
        }
    }
    // Sequentially, skipping the events a chunked parse already handed over: they are a
    // prefix of these.
    let mut builder = Builder::new(file, 0, cap, sections);
    let mut skip = fed;
    builder.document(text, &mut |event| {
        if skip > 0 {
            skip -= 1;
        } else {
            if let Event::Item(node) = &event {
                progress(node.span.start());
            }
            sink(Handed::Event(event));
        }
    })?;
    progress(text.len());
    Ok(Reading::Sequential)
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
    Ok(root.unwrap_or_else(|| Node::new(NodeKind::Map(pairs), Span::new(file, 0, 0))))
}

/// How many nodes the aliases of a file may copy in all: far more than any honest use of
/// aliases, far less than an alias bomb's billions.
fn alias_cap(len: usize) -> usize {
    (len / 16).max(250_000)
}

/// The granit-parser options: comments are skipped, limits are the parser's own.
fn options() -> granit_parser::Options {
    let mut options = granit_parser::Options::default();
    options.set_emit_comments(false);
    options
}

/// A tab in the indentation of the line of `at` or of the next line: the usual cause of a
/// syntax error there, which the parser reports elsewhere.
fn indenting_tab(text: &str, at: usize) -> Option<usize> {
    let at = at.min(text.len());
    let mut line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..2 {
        let indent = text[line..]
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .position(|b| b == b'\t');
        if let Some(i) = indent {
            return Some(line + i);
        }
        line = line + text[line..].find('\n')? + 1;
    }
    None
}

/// Whether the value of a merge key `<<` can be merged: a mapping or a list of mappings.
/// Anything else stays an ordinary pair, for the decoder to report as an unknown key.
fn mergeable(value: &Node) -> bool {
    match &value.kind {
        NodeKind::Map(_) => true,
        NodeKind::Seq(items) => items.iter().all(|i| matches!(i.kind, NodeKind::Map(_))),
        _ => false,
    }
}

/// A mapping's own pairs, then the pairs of each merged mapping whose key is not set yet:
/// YAML's merge key, where the mapping's own keys win and earlier merged mappings win
/// over later ones. Merged pairs keep the spans of the anchored text.
fn merge(mut pairs: Vec<(Node, Node)>, merged: Vec<Node>) -> Vec<(Node, Node)> {
    for source in merged {
        let NodeKind::Map(more) = source.kind else {
            continue;
        };
        for (key, value) in more {
            if !pairs.iter().any(|(k, _)| k.kind == key.kind) {
                pairs.push((key, value));
            }
        }
    }
    pairs
}

/// Whether `key` names one of the streamed sections.
fn is_section(sections: &[&str], key: &Node) -> bool {
    matches!(&key.kind, NodeKind::Str(name) if sections.contains(&name.as_str()))
}

/// A collection being built, or one of the two levels that are streamed.
enum Frame {
    /// The document's top-level mapping: pairs go to the sink.
    Top { key: Option<Node> },
    /// A section's list: items go to the sink; kept too when the list is anchored.
    Section {
        kept: Option<(usize, Vec<Node>, Span)>,
    },
    /// A sequence.
    Seq {
        anchor: usize,
        span: Span,
        items: Vec<Node>,
    },
    /// A mapping; `key` waits for its value (and is a merge key `<<` or not); `merged`
    /// holds the mappings that merge keys name.
    Map {
        anchor: usize,
        span: Span,
        pairs: Vec<(Node, Node)>,
        key: Option<(Node, bool)>,
        merged: Vec<Node>,
    },
}

/// Builds nodes from parser events.
struct Builder<'s> {
    file: FileId,
    /// Where the parsed text starts in the file: spans are shifted by it.
    base: usize,
    sections: &'s [&'s str],
    stack: Vec<Frame>,
    /// Every anchored node, by the parser's anchor id, with its size.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes copied by aliases so far, and the most allowed.
    copied: usize,
    cap: usize,
    /// The document's root has been read.
    done: bool,
    /// The text is a run of a section's items (a chunk of a large file), one level below
    /// the top-level mapping: its root list streams items without a `Section` event.
    items: bool,
}

impl<'s> Builder<'s> {
    fn new(file: FileId, base: usize, cap: usize, sections: &'s [&'s str]) -> Self {
        Builder {
            file,
            base,
            sections,
            stack: Vec::new(),
            anchors: HashMap::new(),
            copied: 0,
            cap,
            done: false,
            items: false,
        }
    }

    fn span(&self, span: &granit_parser::Span) -> Span {
        let start = span.start.byte_offset().unwrap_or(0) + self.base;
        let end = span.end.byte_offset().unwrap_or(0) + self.base;
        Span::new(self.file, start, end.max(start))
    }

    fn error(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span: Span::new(self.file, at, at),
        }
    }

    fn scan_error(&self, text: &str, error: &ScanError) -> SyntaxError {
        let marker = error.marker();
        let at = marker.byte_offset().unwrap_or_else(|| {
            // Without a byte offset, the line and column locate it.
            let source = SourceFile::new(String::new(), text.to_owned());
            source.offset(marker.line(), marker.col() + 1)
        });
        // The parser says "found a tab" where it noticed one, often at the end of the line
        // before: point at the tab that indents a line.
        let tab = error
            .info()
            .contains("tab")
            .then(|| indenting_tab(text, at));
        if let Some(tab) = tab.flatten() {
            return self.error(
                tab + self.base,
                "a tab indents this line: YAML indents with spaces",
            );
        }
        let message = match error.kind() {
            granit_parser::ErrorKind::UnknownAnchor => "alias references unknown anchor".into(),
            granit_parser::ErrorKind::RecursionLimitExceeded => {
                "the document nests too deeply".into()
            }
            _ => error.info(),
        };
        self.error(at + self.base, message)
    }

    /// Parses `text` as one document whose top-level mapping is streamed.
    fn document(&mut self, text: &str, sink: &mut dyn FnMut(Event)) -> Result<(), SyntaxError> {
        let mut parser = Parser::new_from_str_with_options(text, options());
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| self.scan_error(text, &e))?;
            let mut at = self.span(&span);
            if let Yaml::Scalar(_, Literal | Folded, ..) = event {
                // A block scalar's span runs on over the next line's indentation: end it
                // at its last line break, as it ends where a piece of a file ends.
                let local = &text[..at.end() - self.base];
                let end = at.end() - (local.len() - local.trim_end_matches(' ').len());
                at = Span::new(at.file, at.start(), end);
            }
            self.event(event, at, sink)?;
        }
        if !self.done {
            sink(Event::Root(Node::new(
                NodeKind::Null,
                Span::new(self.file, 0, 0),
            )));
        }
        Ok(())
    }

    fn event(
        &mut self,
        event: Yaml<'_>,
        at: Span,
        sink: &mut dyn FnMut(Event),
    ) -> Result<(), SyntaxError> {
        match event {
            // A second document is reported where its content starts.
            Yaml::Scalar(..)
            | Yaml::Alias(_)
            | Yaml::SequenceStart(..)
            | Yaml::MappingStart(..)
                if self.done && self.stack.is_empty() =>
            {
                return Err(self.error(at.start(), "multiple YAML documents detected"));
            }
            Yaml::Scalar(value, style, anchor, tag) => {
                let merge =
                    style == granit_parser::ScalarStyle::Plain && tag.is_none() && value == "<<";
                let kind = scalar::kind(&value, style, tag.as_deref());
                self.complete_key(Node::new(kind, at), anchor, merge, sink);
            }
            Yaml::Alias(id) => self.alias(id, at, sink)?,
            Yaml::SequenceStart(_, anchor, _) => {
                self.enter(at)?;
                let section = match self.stack.last() {
                    Some(Frame::Top { key: Some(key) }) => self.is_section(key),
                    _ => false,
                };
                if self.items && self.stack.is_empty() && !self.done {
                    self.stack.push(Frame::Section { kept: None });
                } else if section {
                    let Some(Frame::Top { key }) = self.stack.last_mut() else {
                        unreachable!("checked above")
                    };
                    sink(Event::Section(key.take().expect("checked above")));
                    let kept = (anchor != 0).then(|| (anchor, Vec::new(), at));
                    self.stack.push(Frame::Section { kept });
                } else {
                    self.stack.push(Frame::Seq {
                        anchor,
                        span: at,
                        items: Vec::new(),
                    });
                }
            }
            Yaml::MappingStart(_, anchor, _) => {
                self.enter(at)?;
                if self.stack.is_empty() && !self.done {
                    self.stack.push(Frame::Top { key: None });
                } else {
                    self.stack.push(Frame::Map {
                        anchor,
                        span: at,
                        pairs: Vec::new(),
                        key: None,
                        merged: Vec::new(),
                    });
                }
            }
            Yaml::SequenceEnd | Yaml::MappingEnd => match self.stack.pop() {
                Some(Frame::Top { .. }) => self.done = true,
                Some(Frame::Section { kept: None }) if self.items && self.stack.is_empty() => {
                    self.done = true;
                }
                Some(Frame::Section {
                    kept: Some((anchor, items, span)),
                }) => self.anchor(anchor, &Node::new(NodeKind::Seq(items), span)),
                Some(Frame::Seq {
                    anchor,
                    span,
                    items,
                }) => self.complete(Node::new(NodeKind::Seq(items), span), anchor, sink),
                Some(Frame::Map {
                    anchor,
                    span,
                    pairs,
                    merged,
                    ..
                }) => {
                    let pairs = merge(pairs, merged);
                    self.complete(Node::new(NodeKind::Map(pairs), span), anchor, sink);
                }
                Some(Frame::Section { kept: None }) | None => {}
            },
            // Stream and document boundaries; comments and anchor names are not asked for.
            _ => {}
        }
        Ok(())
    }

    /// An alias: a copy of its anchor's node, counted against the cap.
    fn alias(
        &mut self,
        id: usize,
        at: Span,
        sink: &mut dyn FnMut(Event),
    ) -> Result<(), SyntaxError> {
        let Some((node, size)) = self.anchors.get(&id) else {
            return Err(self.error(at.start(), "an alias refers to a node that contains it"));
        };
        self.copied = self.copied.saturating_add(*size);
        if self.copied > self.cap {
            return Err(self.error(
                at.start(),
                format!(
                    "the document exceeds the parser's resource limits: its aliases \
                     copy more than {} nodes",
                    self.cap
                ),
            ));
        }
        let mut node = node.clone();
        node.span = at;
        self.complete(node, 0, sink);
        Ok(())
    }

    /// Checks the depth before a collection opens.
    fn enter(&self, at: Span) -> Result<(), SyntaxError> {
        if self.stack.len() + usize::from(self.items) >= MAX_DEPTH {
            return Err(self.error(
                at.start(),
                format!("the document nests too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        Ok(())
    }

    fn is_section(&self, key: &Node) -> bool {
        is_section(self.sections, key)
    }

    fn anchor(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), node.size()));
        }
    }

    /// A finished node goes to its parent, or to the sink.
    fn complete(&mut self, node: Node, anchor: usize, sink: &mut dyn FnMut(Event)) {
        self.complete_key(node, anchor, false, sink);
    }

    /// [`Self::complete`], for a scalar that may be the merge key `<<`.
    fn complete_key(
        &mut self,
        node: Node,
        anchor: usize,
        merge_key: bool,
        sink: &mut dyn FnMut(Event),
    ) {
        self.anchor(anchor, &node);
        let sections = self.sections;
        match self.stack.last_mut() {
            None => {
                self.done = true;
                let span = Span::new(self.file, 0, 0);
                sink(Event::Root(Node { span, ..node }));
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                pairs, key, merged, ..
            }) => match key.take() {
                None => *key = Some((node, merge_key)),
                Some((_, true)) if mergeable(&node) => match node.kind {
                    NodeKind::Seq(items) => merged.extend(items),
                    _ => merged.push(node),
                },
                Some((k, _)) => pairs.push((k, node)),
            },
            Some(Frame::Section { kept }) => {
                if let Some((_, items, _)) = kept {
                    items.push(node.clone());
                }
                sink(Event::Item(node));
            }
            Some(Frame::Top { key }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if is_section(sections, &k) {
                        if let NodeKind::Seq(items) = node.kind {
                            // An alias of a list under a section's key: its items stream.
                            sink(Event::Section(k));
                            for item in items {
                                sink(Event::Item(item));
                            }
                        } else {
                            // The value of a section that is not a list is placed at the key.
                            let span = k.span;
                            sink(Event::Pair(k, Node { span, ..node }));
                        }
                    } else {
                        sink(Event::Pair(k, node));
                    }
                }
            },
        }
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
    fn a_flow_mapping_and_a_bare_word_in_it_are_told_apart() {
        let text =
            "a: { name: printing, couriers, amount: ~ }\nb:\n  c:\n  d: 1\nc: &x { e: 1 }\nf: *x\n";
        let node = parse_text(text).unwrap();
        let pairs = map(&node);
        let flow = map(&pairs[0].1);
        assert!(pairs[0].1.is_flow_mapping(text));
        assert!(!flow[0].1.is_empty());
        assert!(flow[1].1.is_empty(), "`couriers` has no value");
        assert!(!flow[2].1.is_empty(), "`~` is written");
        assert!(!pairs[1].1.is_flow_mapping(text));
        assert!(map(&pairs[1].1)[0].1.is_empty(), "`c:` has no value");
        assert!(pairs[2].1.is_flow_mapping(text));
        assert!(
            pairs[3].1.is_flow_mapping(text),
            "an alias of a flow mapping"
        );
        assert!(!flow[0].1.is_flow_mapping(text));
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
        assert!(error.span.start() > 0);
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

#[cfg(test)]
mod race {
    use super::*;
    use crate::keys::names;

    /// A file of one section with many small items: cut into pieces of one item each.
    fn many_items(count: usize) -> String {
        use std::fmt::Write;
        let mut text = format!("svs: 1\n{}:\n", names::ORGANIZATIONS);
        for i in 0..count {
            writeln!(text, "  - {{ id: o{i}, name: O{i} }}").unwrap();
        }
        text
    }

    /// The workers wait while they are too far ahead of the reader, and all of them stop
    /// when it is done: a wake-up lost between a worker's look and its wait would leave it
    /// waiting for ever, and the read with it. Each worker pauses in that gap here, so a
    /// wake-up sent outside the lock the workers look under is lost, and the read hangs.
    #[test]
    fn every_chunked_read_ends_however_the_threads_interleave() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            chunks::PAUSE_BEFORE_WAIT.store(200, std::sync::atomic::Ordering::Relaxed);
            let good = SourceFile::new("many.yaml".into(), many_items(64));
            // A piece that does not parse on its own stops the chunked read early, while
            // the workers run ahead.
            let bad = many_items(64).replacen("- { id: o20,", "- {!%id: o20,", 1);
            let bad = SourceFile::new("bad.yaml".into(), bad);
            for source in [&good, &bad].repeat(20) {
                let reading = Reading::Chunked { jobs: 4, piece: 1 };
                // A reader slower than the workers, so that they wait on it.
                let slow = &mut |_| std::thread::sleep(std::time::Duration::from_micros(50));
                let _ = parse_with(FileId(0), source, &[names::ORGANIZATIONS], reading, slow);
            }
            chunks::PAUSE_BEFORE_WAIT.store(0, std::sync::atomic::Ordering::Relaxed);
            done.send(()).unwrap();
        });
        // Not a measure of speed: the reads take a fraction of a second; a read that never
        // ends is what this catches.
        finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("every chunked read ends");
    }
}
