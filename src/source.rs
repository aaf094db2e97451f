//! The source map: every catalogue file's text, and the translation of byte spans into
//! the `line:column` positions that diagnostics print.
//!
//! The loader records a [`Span`] (file and byte range) on every key and value it keeps,
//! so that lint rules and renderers can point at the exact place long after parsing.
//! Columns count characters, not bytes, from 1, as editors and rustc do.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Index of a file in the [`SourceMap`]; files are numbered in the order they are read,
/// which is the byte order of their paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// The largest file svs reads: spans hold 32-bit offsets, which halves the size of every
/// position the model keeps (most of a large catalogue's memory is positions).
pub const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    start: u32,
    end: u32,
}

impl Span {
    /// The bytes from `start` to `end` in `file`. Offsets past [`MAX_FILE_BYTES`], which
    /// the loader refuses, are held at it.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            file,
            start: offset(start),
            end: offset(end),
        }
    }

    /// First byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range, for slicing the file's text.
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }
}

/// A one-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One catalogue file: its path as the user wrote it (or as found under a directory) and
/// its text.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown in diagnostics.
    pub path: String,
    /// The whole text. Invalid UTF-8 is replaced before it lands here, so a file that
    /// failed to decode still renders. Shared, not copied, with an editor's buffer: the
    /// language server checks megabytes at every change.
    pub text: Arc<String>,
    /// Where each line starts, indexed on the first position asked for: a catalogue with
    /// no findings never needs it, and a large file's index is a fifth of its size.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// A file; its line starts are indexed once, when a position is first asked for, so
    /// that each position lookup is then a binary search.
    pub fn new(path: String, text: String) -> Self {
        Self::shared(path, Arc::new(text))
    }

    /// A file whose text is also held elsewhere, as an open buffer is.
    pub fn shared(path: String, text: Arc<String>) -> Self {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = Vec::with_capacity(1 + memchr::memchr_iter(b'\n', bytes).count());
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
            starts
        })
    }

    /// The line and column of a byte offset (clamped to the text, and to a character
    /// boundary). A byte order mark takes no column.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line_index = self.line_index(offset);
        let line_start = self
            .content_start(self.line_starts()[line_index])
            .min(offset);
        let column = self.text[line_start..offset].chars().count() + 1;
        Position {
            line: line_index + 1,
            column,
        }
    }

    /// The byte offset of a one-based line and character column, clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_start = self.content_start(line_start);
        let line_end = self.line_end(line_start);
        self.text[line_start..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(i, _)| line_start + i)
    }

    /// The zero-based line and UTF-16 column of a byte offset (clamped to the text), as
    /// the Language Server Protocol counts them. A byte order mark takes no column.
    pub fn utf16_position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line_index = self.line_index(offset);
        let line_start = self
            .content_start(self.line_starts()[line_index])
            .min(offset);
        let column = self.text[line_start..offset].encode_utf16().count();
        (line_index, column)
    }

    /// The byte offset of a zero-based line and UTF-16 column, or `None` when the line is
    /// past the end of the text or the column past the end of the line (or inside a
    /// character).
    pub fn utf16_offset(&self, line: usize, column: usize) -> Option<usize> {
        let line_start = self.content_start(*self.line_starts().get(line)?);
        let line_end = self.line_end(line_start);
        let mut units = 0;
        for (i, c) in self.text[line_start..line_end].char_indices() {
            if units == column {
                return Some(line_start + i);
            }
            if units > column {
                return None;
            }
            units += c.len_utf16();
        }
        (units == column).then_some(line_end)
    }

    /// The byte range of the whole lines that `range` touches, for a snippet: without the
    /// final line break (`\n` or `\r\n`) and without a byte order mark.
    pub fn line_range(&self, range: Range<usize>) -> Range<usize> {
        let start = range.start.min(self.text.len());
        let last = range.end.saturating_sub(1).max(start).min(self.text.len());
        let first_start = self.content_start(self.line_starts()[self.line_index(start)]);
        let last_start = self.line_starts()[self.line_index(last)];
        first_start..self.line_end(last_start).max(first_start)
    }

    /// Where a line's text starts: after the byte order mark on the first line.
    fn content_start(&self, line_start: usize) -> usize {
        if line_start == 0 && self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            line_start
        }
    }

    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The end of a line's text, before `\n` or `\r\n`.
    fn line_end(&self, line_start: usize) -> usize {
        let end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        if end > line_start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }
}

/// All files of one catalogue.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        self.files.push(file);
        id
    }

    /// The file with this id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The files in reading order.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The position of a span's start.
    pub fn position(&self, span: Span) -> Position {
        self.file(span.file).position(span.start())
    }

    /// The text a span covers.
    pub fn text(&self, span: Span) -> &str {
        self.file(span.file)
            .text
            .get(span.range())
            .unwrap_or_default()
    }
}

/// The byte order mark some editors write at the start of a UTF-8 file.
const BOM: char = '\u{feff}';

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("f.yaml".into(), text.into())
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let f = file("ab\ncé d\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(3), Position { line: 2, column: 1 });
        // "é" is two bytes: the space after it is the third character.
        assert_eq!(f.position(6), Position { line: 2, column: 3 });
        assert_eq!(f.position(100), Position { line: 3, column: 1 });
    }

    #[test]
    fn offsets_invert_positions() {
        let f = file("ab\ncé d\n");
        assert_eq!(f.offset(2, 3), 6);
        assert_eq!(f.offset(1, 1), 0);
        assert_eq!(f.offset(9, 1), f.text.len());
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_twice() {
        // "é" is one UTF-16 unit and two bytes; "😀" is two units and four bytes.
        let f = file("ab\né😀 x\n");
        assert_eq!(f.utf16_position(0), (0, 0));
        assert_eq!(f.utf16_position(3), (1, 0));
        assert_eq!(f.utf16_position(9), (1, 3));
        assert_eq!(f.utf16_position(10), (1, 4));
        assert_eq!(f.utf16_offset(1, 4), Some(10));
        assert_eq!(f.utf16_offset(1, 3), Some(9));
        assert_eq!(f.utf16_offset(1, 2), None);
        assert_eq!(f.utf16_offset(1, 5), Some(11));
        assert_eq!(f.utf16_offset(1, 6), None);
        assert_eq!(f.utf16_offset(9, 0), None);
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let f = file("\u{feff}ab\ncd");
        assert_eq!(f.position(3), Position { line: 1, column: 1 });
        assert_eq!(f.position(4), Position { line: 1, column: 2 });
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.offset(1, 2), 4);
        assert_eq!(&f.text[f.line_range(3..4)], "ab");
    }

    #[test]
    fn line_range_leaves_out_a_carriage_return() {
        let f = file("one\r\ntwo\r\n");
        assert_eq!(&f.text[f.line_range(0..1)], "one");
        assert_eq!(&f.text[f.line_range(1..7)], "one\r\ntwo");
    }

    #[test]
    fn line_range_covers_whole_lines() {
        let f = file("one\ntwo\nthree");
        assert_eq!(&f.text[f.line_range(5..6)], "two");
        assert_eq!(&f.text[f.line_range(1..9)], "one\ntwo\nthree");
        assert_eq!(&f.text[f.line_range(8..8)], "three");
    }
}
