//! Between the protocol's terms and the loader's: `file://` URIs and paths, and LSP
//! positions (zero-based lines, UTF-16 columns) and byte offsets.
//!
//! Kept apart so that every handler converts the same way: a column counted in characters
//! or bytes would point a finding at the wrong place after any non-ASCII text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::source::{SourceFile, SourceMap, Span};

/// The local path a `file://` URI names, or `None` for another scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` has an empty authority; `file://localhost/path` names this machine.
    let path = &rest[rest.find('/')?..];
    let bytes = percent_decode(path.split(['?', '#']).next().unwrap_or_default())?;
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

/// The `file://` URI of a path, with every byte outside the unreserved set and `/`
/// percent-encoded.
pub fn path_to_uri(path: &Path) -> Uri {
    let mut text = String::from("file://");
    let path = path.to_string_lossy();
    if !path.starts_with('/') {
        text.push('/');
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            text.push(char::from(byte));
        } else {
            let _ = write!(text, "%{byte:02X}");
        }
    }
    Uri::from_str(&text).expect("a percent-encoded file URI parses")
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        if byte == b'%' {
            let high = char::from(bytes.next()?).to_digit(16)?;
            let low = char::from(bytes.next()?).to_digit(16)?;
            out.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            out.push(byte);
        }
    }
    Some(out)
}

/// The LSP position of a byte offset in a file.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let (line, character) = file.utf16_position(offset);
    Position::new(saturate(line), saturate(character))
}

/// The LSP range of a span.
pub fn range(sources: &SourceMap, span: Span) -> Range {
    let file = sources.file(span.file);
    Range::new(position(file, span.start()), position(file, span.end()))
}

/// The byte offset of an LSP position, or `None` when it is outside the text.
pub fn offset(file: &SourceFile, position: Position) -> Option<usize> {
    file.utf16_offset(position.line as usize, position.character as usize)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/tmp/a dir/café.yaml");
        let uri = path_to_uri(path);
        assert_eq!(uri.as_str(), "file:///tmp/a%20dir/caf%C3%A9.yaml");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
