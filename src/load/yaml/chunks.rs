//! One large file on every core: the text is cut into pieces at the items of its top-level
//! lists, the pieces are parsed on several threads, and their events are handed to the
//! sink in document order, with the spans a sequential parse gives.
//!
//! A cheap scan of the lines at column 0 decides where to cut, and refuses whenever the
//! cut is not plainly safe: a document marker or directive, a tab, or any token other than
//! a plain key, a comment or an item of an indentless list at column 0; an item list whose
//! lines are less indented than its dashes; a run of top-level pairs whose first line is
//! not a key at column 0 (an indented fragment or a stray item, as a bad merge leaves
//! them). What the scan cannot see (a quoted scalar or a flow collection running across a
//! cut, an alias of an anchor in another piece, a character YAML forbids in a comment)
//! makes the piece fail to parse on its own, and then the caller parses the file
//! sequentially. Every byte of the text is parsed by exactly one piece: the comments and
//! blank lines around a section's key are parsed with it. So the pieces handed over before
//! a failure are always a prefix of what the sequential parse gives, and every syntax
//! error comes from the sequential parse.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use super::{Builder, Event, Handed, Node, NodeKind, SyntaxError};
use crate::source::FileId;

/// Files smaller than this are parsed sequentially: below it, starting threads costs
/// more than it saves (measured on the generated catalogues, see `benches/scale.sh`).
pub(super) const MIN_PARALLEL: usize = 2 << 20;

/// How large a piece of items is, in bytes of text: large enough that a piece is parsed
/// in well under a millisecond's overhead, small enough that the pieces waiting to be
/// decoded hold little memory.
pub(super) const PIECE: usize = 256 << 10;

/// A part of the file, parsed on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// Top-level pairs (one or more keys, some of which may be whole sections).
    Pairs(Range<usize>),
    /// A section's key, written plainly at column 0 (`key`), with the comments and blank
    /// lines before it and up to its first item (`text`): its items follow in `Items`
    /// pieces.
    Section {
        /// The key's name.
        key: Range<usize>,
        /// The key's line and the lines around it that hold no token.
        text: Range<usize>,
    },
    /// A run of a section's items.
    Items(Range<usize>),
}

/// One line of the file: its range without the line break, and its indentation.
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 24);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Line { start, end });
        start = end + 1;
    }
    if start < text.len() {
        lines.push(Line {
            start,
            end: text.len(),
        });
    }
    lines
}

/// What a line that starts at column 0 is.
enum Top<'t> {
    /// A comment.
    Comment,
    /// `name:` with nothing after but a comment: a key whose value follows on the next
    /// lines.
    OpenKey(&'t str),
    /// `name: value`.
    Pair,
    /// `- …`: an item of an indentless list.
    Item,
}

/// Classifies a line that starts at column 0, or `None` for anything that is not a plain
/// key, a comment or a dash: a document marker, a directive, a tab, a quoted or complex
/// key, a flow collection, an anchor, tag or alias.
fn classify(line: &str) -> Option<Top<'_>> {
    let &first = line.as_bytes().first()?;
    match first {
        b'#' => Some(Top::Comment),
        b'-' if line == "-" || line.starts_with("- ") => Some(Top::Item),
        b if b.is_ascii_alphanumeric() || b == b'_' => {
            let name_end = line
                .bytes()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
                .unwrap_or(line.len());
            let value = line[name_end..].strip_prefix(':')?;
            if !(value.is_empty() || value.starts_with(' ')) {
                return None;
            }
            let value = value.trim_start_matches(' ');
            if value.is_empty() || value.starts_with('#') {
                Some(Top::OpenKey(&line[..name_end]))
            } else if value.starts_with(['&', '!', '*', '|', '>', '?']) {
                // Properties, aliases or block scalars on a key line: keep the file whole.
                None
            } else {
                Some(Top::Pair)
            }
        }
        _ => None,
    }
}

/// A line's text without its line break, a carriage return or (on the first line) a
/// byte order mark.
fn content<'t>(text: &'t str, line: &Line) -> &'t str {
    let content = &text[line.start..line.end];
    let content = content.strip_suffix('\r').unwrap_or(content);
    if line.start == 0 {
        content.strip_prefix('\u{feff}').unwrap_or(content)
    } else {
        content
    }
}

/// Cuts `text` into pieces of about `piece` bytes, or `None` when the cut would not be
/// plainly safe or would not pay (no section long enough to split).
pub(super) fn plan(text: &str, sections: &[&str], piece: usize) -> Option<Vec<Piece>> {
    let lines = lines(text);
    let mut pieces = Vec::new();
    // Where the current run of top-level pairs began, and whether it holds a key. A run
    // is parsed on its own as the rest of the top-level mapping, so its first token must
    // be a key at column 0: anything else (an indented line, an item) continues what came
    // before it, or is an error that only the sequential parse reports.
    let mut pairs_from = 0;
    let mut pairs_key = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let content = content(text, line);
        i += 1;
        if content.is_empty() || content.starts_with(' ') {
            // Blank, or part of a top-level value.
            let body = content.trim_start_matches(' ');
            if !pairs_key && !body.is_empty() && !body.starts_with('#') {
                return None;
            }
            continue;
        }
        let top = classify(content)?;
        let name = match top {
            Top::Comment => continue,
            Top::Item if !pairs_key => return None,
            Top::Pair | Top::Item => {
                pairs_key = true;
                continue;
            }
            Top::OpenKey(name) => name,
        };
        let list = if sections.contains(&name) {
            section_items(text, &lines, i)
        } else {
            List::Other
        };
        // A key whose value is not cut is one more pair of the run.
        let (items, next) = match list {
            List::Items(items, next) if span(&items) >= piece * 2 => (items, next),
            List::Items(_, next) => {
                pairs_key = true;
                i = next;
                continue;
            }
            List::Other => {
                pairs_key = true;
                continue;
            }
            List::Unsafe => return None,
        };
        let key_start = line.end - content.len() - usize::from(text[..line.end].ends_with('\r'));
        // The comments before the key (a run without a key) and those between the key and
        // the first item are parsed with the key.
        let mut section_from = pairs_from;
        if pairs_key {
            pieces.push(Piece::Pairs(pairs_from..line.start));
            section_from = line.start;
        }
        pieces.push(Piece::Section {
            key: key_start..key_start + name.len(),
            text: section_from..items[0].start,
        });
        let mut run = items[0].start..items[0].start;
        for item in &items {
            if run.end - run.start >= piece {
                pieces.push(Piece::Items(run.clone()));
                run = item.start..item.start;
            }
            run.end = item.end;
        }
        pieces.push(Piece::Items(run));
        pairs_from = lines.get(next).map_or(text.len(), |l| l.start);
        pairs_key = false;
        i = next;
    }
    if pieces.is_empty() {
        return None;
    }
    if pairs_key {
        pieces.push(Piece::Pairs(pairs_from..text.len()));
    }
    debug_assert!(
        tiles(&pieces, text.len()),
        "every byte in one piece: {pieces:?}"
    );
    Some(pieces)
}

/// How many bytes a run of items spans.
fn span(items: &[Range<usize>]) -> usize {
    items.last().map_or(0, |r| r.end) - items.first().map_or(0, |r| r.start)
}

/// Whether `pieces` follow each other without a gap or an overlap from the start of the
/// text to its end: no byte goes unparsed, none is parsed twice.
fn tiles(pieces: &[Piece], len: usize) -> bool {
    let mut at = 0;
    for piece in pieces {
        let range = match piece {
            Piece::Pairs(range) | Piece::Items(range) => range,
            Piece::Section { text, .. } => text,
        };
        if range.start != at {
            return false;
        }
        at = range.end;
    }
    at == len
}

/// The items of the section whose key is on the line before `first`: each item's range
/// (from the start of its dash's line to the end of its last line), and the index of the
/// first line after the section.
fn section_items(text: &str, lines: &[Line], first: usize) -> List {
    let is_dash = |body: &str| body == "-" || body.starts_with("- ");
    // The first line with content gives the indentation of the dashes.
    let mut i = first;
    let indent = loop {
        let Some(line) = lines.get(i) else {
            return List::Other;
        };
        let content = content(text, line);
        let body = content.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            i += 1;
            continue;
        }
        if !is_dash(body) {
            return List::Other;
        }
        break content.len() - body.len();
    };
    let mut items: Vec<Range<usize>> = Vec::new();
    while let Some(line) = lines.get(i) {
        let content = content(text, line);
        let body = content.trim_start_matches(' ');
        let depth = content.len() - body.len();
        let end = (line.end + 1).min(text.len());
        if body.starts_with('\t') {
            return List::Unsafe;
        }
        if depth == indent && is_dash(body) {
            items.push(line.start..end);
        } else if body.is_empty() || body.starts_with('#') || depth > indent {
            // A blank, a comment or a line of the current item.
            if let Some(last) = items.last_mut() {
                last.end = end;
            }
        } else if depth == 0 {
            // The next top-level key ends the section.
            break;
        } else {
            return List::Unsafe;
        }
        i += 1;
    }
    List::Items(items, i)
}

/// What follows a section's key.
enum List {
    /// A block list: each item's range, and the index of the first line after it.
    Items(Vec<Range<usize>>, usize),
    /// Something else: the section is not cut.
    Other,
    /// A line indented less than the dashes, or by a tab: the file is not cut.
    Unsafe,
}

/// A parsed piece: its events, or its items' batch with their count and where they end.
enum Parsed<B> {
    Events(Vec<Event>),
    Batch(B, usize, usize),
}

/// A parsed piece, with the nodes its aliases copied.
type Outcome<B> = Result<(Parsed<B>, usize), SyntaxError>;

/// What every piece of one file is parsed with.
struct Read<'t> {
    file: FileId,
    text: &'t str,
    sections: &'t [&'t str],
    cap: usize,
}

impl Read<'_> {
    /// Parses one piece; the items of a section (`name`) become one batch.
    fn piece<B>(
        &self,
        piece: &Piece,
        name: &str,
        batch: &(dyn Fn(&str, Vec<Node>) -> B + Sync),
    ) -> Outcome<B> {
        let Read {
            file,
            text,
            sections,
            cap,
        } = *self;
        let mut events = Vec::new();
        let mut builder = Builder::new(file, 0, cap, sections);
        match piece {
            Piece::Pairs(range) => {
                builder.base = range.start;
                builder.document(&text[range.clone()], &mut |e| events.push(e))?;
            }
            Piece::Section { key, text: range } => {
                // The key's line and the comments around it parse to the key alone, with
                // no value; anything else (a character YAML forbids in a comment, a token
                // the scan missed) is left to the sequential parse.
                builder.base = range.start;
                builder.document(&text[range.clone()], &mut |e| events.push(e))?;
                let name = &text[key.clone()];
                let section = match events.pop() {
                    Some(Event::Pair(k, v))
                        if events.is_empty()
                            && k.kind == NodeKind::Str(name.to_owned())
                            && k.span.range() == *key
                            && v.kind == NodeKind::Null =>
                    {
                        k
                    }
                    _ => {
                        return Err(builder.error(
                            range.start,
                            "the lines around a section's key hold more than the key",
                        ));
                    }
                };
                events.push(Event::Section(section));
            }
            Piece::Items(range) => {
                builder.base = range.start;
                builder.items = true;
                let mut items = Vec::new();
                builder.document(&text[range.clone()], &mut |e| {
                    if let Event::Item(node) = e {
                        items.push(node);
                    }
                })?;
                let count = items.len();
                return Ok((
                    Parsed::Batch(batch(name, items), count, range.end),
                    builder.copied,
                ));
            }
        }
        Ok((Parsed::Events(events), builder.copied))
    }
}

/// For tests: how long, in microseconds, a worker pauses between finding itself too far
/// ahead and waiting, which widens the gap a lost wake-up would fall in.
#[cfg(test)]
pub(super) static PAUSE_BEFORE_WAIT: AtomicUsize = AtomicUsize::new(0);

#[cfg(test)]
fn pause_before_wait() {
    let micros = PAUSE_BEFORE_WAIT.load(Ordering::Relaxed);
    if micros > 0 {
        std::thread::sleep(std::time::Duration::from_micros(micros as u64));
    }
}

/// Why a chunked parse stopped: the caller parses sequentially instead.
#[derive(Debug)]
pub(super) struct Fallback;

/// Parses `pieces` of `text` on `jobs` threads and hands what they hold to `sink` in
/// order: the events of top-level pairs, and each run of a section's items as one batch,
/// made by `batch` on the thread that parsed it (so decoding, too, runs on every core).
/// Returns [`Fallback`] when a piece failed to parse on its own; what was handed over
/// before that is a prefix of the sequential parse's events.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub(super) fn run<B: Send>(
    file: FileId,
    text: &str,
    sections: &[&str],
    pieces: &[Piece],
    jobs: usize,
    cap: usize,
    batch: &(dyn Fn(&str, Vec<Node>) -> B + Sync),
    sink: &mut dyn FnMut(Handed<B>),
) -> Result<(), Fallback> {
    // The section each run of items belongs to: the name of the section piece before it.
    let mut section = "";
    let names: Vec<&str> = pieces
        .iter()
        .map(|piece| {
            if let Piece::Section { key, .. } = piece {
                section = &text[key.clone()];
            }
            section
        })
        .collect();
    let window = jobs * 2;
    let results: Mutex<Vec<Option<Outcome<B>>>> =
        Mutex::new((0..pieces.len()).map(|_| None).collect());
    let ready = Condvar::new();
    let next = AtomicUsize::new(0);
    let consumed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let parse_piece = |index: usize| -> Outcome<B> {
        let read = Read {
            file,
            text,
            sections,
            cap,
        };
        read.piece(&pieces[index], names[index], batch)
    };
    let mut outcome = Ok(());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= pieces.len() {
                        break;
                    }
                    // Wait while too far ahead of the consumer, so that memory holds a few
                    // pieces at most.
                    {
                        let mut guard = results.lock().expect("no panic while locked");
                        while index >= consumed.load(Ordering::SeqCst) + window
                            && !stop.load(Ordering::SeqCst)
                        {
                            #[cfg(test)]
                            pause_before_wait();
                            guard = ready.wait(guard).expect("no panic while locked");
                        }
                    }
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let parsed = parse_piece(index);
                    results.lock().expect("no panic while locked")[index] = Some(parsed);
                    ready.notify_all();
                }
            });
        }
        let mut copied = 0usize;
        for index in 0..pieces.len() {
            let parsed = {
                let mut guard = results.lock().expect("no panic while locked");
                loop {
                    if let Some(parsed) = guard[index].take() {
                        break parsed;
                    }
                    guard = ready.wait(guard).expect("no panic while locked");
                }
            };
            // Told under the lock a waiting worker looks under: told outside it, the news
            // could fall between a worker's look and its wait, and be lost to it.
            {
                let _guard = results.lock().expect("no panic while locked");
                consumed.store(index + 1, Ordering::SeqCst);
            }
            ready.notify_all();
            let Ok((parsed, piece_copied)) = parsed else {
                outcome = Err(Fallback);
                break;
            };
            copied = copied.saturating_add(piece_copied);
            if copied > cap {
                outcome = Err(Fallback);
                break;
            }
            match parsed {
                Parsed::Events(events) => {
                    for event in events {
                        sink(Handed::Event(event));
                    }
                }
                Parsed::Batch(batch, items, end) => sink(Handed::Batch { batch, items, end }),
            }
        }
        {
            let _guard = results.lock().expect("no panic while locked");
            stop.store(true, Ordering::SeqCst);
        }
        ready.notify_all();
    });
    outcome
}
