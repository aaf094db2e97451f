//! The catalogue format reference, `docs/format.md`, shipped inside the binary so that a
//! user who installed svs with `cargo install` has it too: as the manual page
//! svs-format(5) (`svs man format`) and as plain text (`svs help format`).
//!
//! The Markdown is the subset that document uses (headings, paragraphs, lists, fenced code
//! blocks, tables, inline code, emphasis and links); it is read into [`Block`]s once and
//! each output renders those. A table row becomes an entry named by its first cell, with
//! the other cells under it as `column: value`, which reads well at any width.

use std::fmt::Write as _;

/// The reference as written.
pub(super) const FORMAT_MD: &str = include_str!("../../docs/format.md");

/// Width of the plain text.
const WIDTH: usize = 80;

/// One block of the document.
#[derive(Debug, PartialEq, Eq)]
enum Block {
    /// A heading and its level (1 for `#`).
    Heading(usize, String),
    /// A paragraph, its lines joined.
    Paragraph(String),
    /// A list item and its marker (`-` or `1.`).
    Item(String, String),
    /// A fenced code block's lines.
    Code(Vec<String>),
    /// A table: the header's cells and each row's.
    Table(Vec<String>, Vec<Vec<String>>),
}

fn parse(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        // A thematic break (`---`) only separates; the headings do that here. A comment
        // (the markers around the generated key tables) is for the document's writers.
        if line.trim().is_empty() || line.trim() == "---" || is_comment(line) {
            continue;
        }
        if line.starts_with("```") {
            let mut code = Vec::new();
            for inner in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
                code.push(inner.to_owned());
            }
            blocks.push(Block::Code(code));
        } else if let Some(text) = heading(line) {
            blocks.push(Block::Heading(text.0, text.1.to_owned()));
        } else if line.starts_with('|') {
            let mut rows = vec![cells(line)];
            while let Some(next) = lines.next_if(|l| l.starts_with('|')) {
                if !next.trim_matches(|c| "|-: ".contains(c)).is_empty() {
                    rows.push(cells(next));
                }
            }
            let header = rows.remove(0);
            blocks.push(Block::Table(header, rows));
        } else if let Some((marker, first)) = item(line) {
            let mut text = first.to_owned();
            while let Some(next) = lines.next_if(|l| l.starts_with("  ") && !l.trim().is_empty()) {
                text.push(' ');
                text.push_str(next.trim());
            }
            blocks.push(Block::Item(marker.to_owned(), text));
        } else {
            let mut text = line.trim().to_owned();
            while let Some(next) = lines.next_if(|l| {
                !l.trim().is_empty()
                    && !is_comment(l)
                    && !l.starts_with("```")
                    && !l.starts_with('|')
                    && heading(l).is_none()
                    && item(l).is_none()
            }) {
                text.push(' ');
                text.push_str(next.trim());
            }
            blocks.push(Block::Paragraph(text));
        }
    }
    blocks
}

/// An HTML comment on a line of its own, which readers of the Markdown do not see.
fn is_comment(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<!--") && line.ends_with("-->")
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let text = line[level..].strip_prefix(' ')?;
    (level > 0).then_some((level, text))
}

fn item(line: &str) -> Option<(&str, &str)> {
    if let Some(text) = line.strip_prefix("- ") {
        return Some(("-", text));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let text = line[digits..].strip_prefix(". ")?;
    (digits > 0).then(|| (&line[..=digits], text))
}

/// The cells of a table row, with `\|` kept inside a cell.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// Inline Markdown as a sequence of spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Roman,
    Code,
    Bold,
    Italic,
}

/// Splits inline text into styled spans: `code`, **bold**, *italic*; a link keeps its
/// text and drops its target, which is a place in this document or in the repository.
fn spans(text: &str) -> Vec<(Style, String)> {
    let mut out: Vec<(Style, String)> = Vec::new();
    let mut push = |style: Style, s: &str| match out.last_mut() {
        Some((last, text)) if *last == style => text.push_str(s),
        _ => out.push((style, s.to_owned())),
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                push(Style::Code, &rest[1..=end]);
                rest = &rest[end + 2..];
                continue;
            }
        } else if let Some(inner) = rest.strip_prefix("**") {
            if let Some(end) = inner.find("**") {
                for (style, s) in spans(&inner[..end]) {
                    push(
                        if style == Style::Roman {
                            Style::Bold
                        } else {
                            style
                        },
                        &s,
                    );
                }
                rest = &inner[end + 2..];
                continue;
            }
        } else if c == '*' && rest.len() > 1 && !rest[1..].starts_with(' ') {
            if let Some(end) = rest[1..].find('*') {
                push(Style::Italic, &rest[1..=end]);
                rest = &rest[end + 2..];
                continue;
            }
        } else if c == '[' {
            if let Some((label, after)) = rest[1..].split_once("](") {
                if let Some(close) = after.find(')') {
                    for (style, s) in spans(label) {
                        push(style, &s);
                    }
                    rest = &after[close + 1..];
                    continue;
                }
            }
        }
        push(Style::Roman, &rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
    out
}

// --- roff ---------------------------------------------------------------------------

/// Escapes text for roff: backslashes, and hyphens as minus signs so that options and
/// code can be searched and copied.
/// Characters beyond ASCII are written as groff's `\[uXXXX]`, which does not depend on
/// the reader's locale or on `preconv`.
fn roff_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
        }
    }
    out
}

/// A line of roff text, safe from being read as a request.
fn roff_line(text: &str) -> String {
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text.to_owned()
    }
}

fn roff_inline(text: &str) -> String {
    let mut out = String::new();
    for (style, s) in spans(text) {
        let s = roff_escape(&s);
        match style {
            Style::Roman => out.push_str(&s),
            Style::Code | Style::Bold => {
                let _ = write!(out, "\\fB{s}\\fR");
            }
            Style::Italic => {
                let _ = write!(out, "\\fI{s}\\fR");
            }
        }
    }
    roff_line(&out)
}

/// svs-format(5), in roff.
pub(super) fn roff() -> String {
    let mut out = String::new();
    let version = env!("CARGO_PKG_VERSION");
    let _ = writeln!(out, ".TH svs-format 5 \"\" \"svs {version}\"");
    out.push_str(".SH NAME\nsvs\\-format \\- the svs catalogue format\n");
    out.push_str(".SH SYNOPSIS\n\\fBsvs help format\\fR, \\fBsvs man format\\fR\n");
    out.push_str(".SH DESCRIPTION\n");
    for block in parse(FORMAT_MD) {
        match block {
            Block::Heading(1, _) => {}
            Block::Heading(2, text) => {
                let _ = writeln!(out, ".SH {}", roff_escape(&plain(&text).to_uppercase()));
            }
            Block::Heading(_, text) => {
                let _ = writeln!(out, ".SS {}", roff_escape(&plain(&text)));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, ".PP\n{}", roff_inline(&text));
            }
            Block::Item(marker, text) => {
                let marker = if marker == "-" {
                    "\\(bu".to_owned()
                } else {
                    marker
                };
                let _ = writeln!(out, ".IP {marker} 4\n{}", roff_inline(&text));
            }
            Block::Code(lines) => {
                out.push_str(".PP\n.RS 4\n.nf\n");
                for line in lines {
                    let _ = writeln!(out, "{}", roff_line(&roff_escape(&line)));
                }
                out.push_str(".fi\n.RE\n");
            }
            Block::Table(header, rows) => {
                for row in rows {
                    let _ = writeln!(out, ".TP\n{}", roff_inline(&row[0]));
                    let mut first = true;
                    for (name, value) in header.iter().zip(&row).skip(1) {
                        if value.is_empty() {
                            continue;
                        }
                        if !first {
                            out.push_str(".br\n");
                        }
                        first = false;
                        let _ = writeln!(out, "{}", roff_inline(&format!("*{name}:* {value}")));
                    }
                }
            }
        }
    }
    out.push_str(".SH SEE ALSO\n\\fBsvs\\fR(1), \\fBsvs\\-lint\\fR(1), \\fBsvs\\-schema\\fR(1)\n");
    out
}

// --- plain text ---------------------------------------------------------------------

/// Inline Markdown as plain text: code keeps its backticks, emphasis and link targets go.
fn plain(text: &str) -> String {
    spans(text)
        .into_iter()
        .map(|(style, s)| match style {
            Style::Code => format!("`{s}`"),
            _ => s,
        })
        .collect()
}

/// `text` wrapped at [`WIDTH`], each line after `first` indented by `indent`.
fn wrap(out: &mut String, first: &str, indent: usize, text: &str) {
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The reference as plain text, wrapped for a terminal.
pub(super) fn text() -> String {
    let mut out = String::new();
    for block in parse(FORMAT_MD) {
        match block {
            Block::Heading(level, text) => {
                let text = plain(&text);
                if !out.is_empty() {
                    out.push('\n');
                }
                let _ = writeln!(out, "{text}");
                if level <= 2 {
                    let rule = if level == 1 { "=" } else { "-" };
                    let _ = writeln!(out, "{}", rule.repeat(text.chars().count()));
                }
                out.push('\n');
            }
            Block::Paragraph(text) => {
                wrap(&mut out, "", 0, &plain(&text));
                out.push('\n');
            }
            Block::Item(marker, text) => {
                let first = format!("  {marker} ");
                let indent = first.chars().count();
                wrap(&mut out, &first, indent, &plain(&text));
            }
            Block::Code(lines) => {
                for line in lines {
                    let _ = writeln!(out, "    {line}");
                }
                out.push('\n');
            }
            Block::Table(header, rows) => {
                for row in rows {
                    let _ = writeln!(out, "{}", plain(&row[0]));
                    for (name, value) in header.iter().zip(&row).skip(1) {
                        if !value.is_empty() {
                            wrap(&mut out, &format!("    {name}: "), 8, &plain(value));
                        }
                    }
                }
                out.push('\n');
            }
        }
    }
    // One blank line between blocks, and none at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_read_into_blocks() {
        let blocks = parse(
            "# T\n\nSome `code`\nand more.\n\n- one\n  two\n1. first\n\n```yaml\nsvs: 1\n```\n\n\
             <!-- keys: file -->\n\n| key | type |\n| --- | --- |\n| `id` | id \\| text |\n\n\
             <!-- /keys -->\nLast.\n<!-- a note -->\n",
        );
        assert_eq!(
            blocks,
            [
                Block::Heading(1, "T".into()),
                Block::Paragraph("Some `code` and more.".into()),
                Block::Item("-".into(), "one two".into()),
                Block::Item("1.".into(), "first".into()),
                Block::Code(vec!["svs: 1".into()]),
                Block::Table(
                    vec!["key".into(), "type".into()],
                    vec![vec!["`id`".into(), "id | text".into()]]
                ),
                Block::Paragraph("Last.".into()),
            ]
        );
    }

    #[test]
    fn inline_markup_becomes_plain_text_or_roff_fonts() {
        let text = "**Bold** *it* `a-b` [link](format.md#x) and 2 * 3";
        assert_eq!(plain(text), "Bold it `a-b` link and 2 * 3");
        assert_eq!(
            roff_inline(text),
            "\\fBBold\\fR \\fIit\\fR \\fBa\\-b\\fR link and 2 * 3"
        );
        assert_eq!(roff_inline(".hidden"), "\\&.hidden");
        assert_eq!(roff_escape("a – b"), "a \\[u2013] b");
    }

    #[test]
    fn the_plain_text_fits_a_terminal_except_for_code() {
        let text = text();
        for line in text.lines().filter(|l| !l.starts_with("    ")) {
            let words = line.split_whitespace().count();
            assert!(line.chars().count() <= WIDTH || words <= 2, "{line}");
        }
        assert!(text.contains("svs: 1"));
    }
}
