//! What a scalar is: null, a boolean, a number or text, decided from its text, its quoting
//! and its tag, as the YAML reader of [`super`] hands it over.
//!
//! Only plain (unquoted) scalars are typed by their text; quoted and block scalars are
//! always text. Numbers are not converted here: a number keeps its source text, which the
//! decoder reads as an exact decimal.

use granit_parser::{ScalarStyle, Tag};

use super::NodeKind;

/// The kind of a scalar with this text, style and tag.
pub(super) fn kind(value: &str, style: ScalarStyle, tag: Option<&Tag>) -> NodeKind {
    let core = tag.and_then(|t| t.suffix_in_namespace("tag:yaml.org,2002:"));
    match core.as_deref() {
        Some("str") => return NodeKind::Str(value.to_owned()),
        Some("null") => return NodeKind::Null,
        Some("bool") => {
            if let Some(b) = boolean(value) {
                return NodeKind::Bool(b);
            }
        }
        Some("int" | "float") if number(value) => return NodeKind::Number,
        Some("binary") => {
            if let Some(bytes) = base64(value) {
                return NodeKind::Str(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        _ => {}
    }
    // The non-specific tag `!` makes a scalar text, as YAML says.
    if style != ScalarStyle::Plain
        || tag.is_some_and(|t| t.handle() == "!" && t.suffix().is_empty())
    {
        return NodeKind::Str(value.to_owned());
    }
    if matches!(value, "" | "~" | "null" | "Null" | "NULL") {
        return NodeKind::Null;
    }
    if let Some(b) = boolean(value) {
        return NodeKind::Bool(b);
    }
    if number(value) {
        return NodeKind::Number;
    }
    NodeKind::Str(value.to_owned())
}

/// The boolean words of YAML 1.2's core schema. `yes`, `no`, `on`, `off`, `y` and `n`
/// were booleans in YAML 1.1 only: here they are text, as for editors.
fn boolean(value: &str) -> Option<bool> {
    match value {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Whether a plain scalar is a number in YAML 1.2's core schema: a decimal integer or
/// fraction with an optional sign and exponent, `0x` hexadecimal or `0o` octal digits
/// (unsigned), or `.inf` / `.nan`. `1_000` and `0b101` are text.
pub(super) fn number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(value, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(digits) = value.strip_prefix(prefix) {
            return !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
        }
    }
    decimal(unsigned)
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| from + n)
    };
    let mut i = digits(0);
    let whole = i > 0;
    let mut fraction = false;
    if bytes.get(i) == Some(&b'.') {
        let end = digits(i + 1);
        fraction = end > i + 1;
        i = end;
    }
    if !whole && !fraction {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = digits(j);
        if end == j {
            return false;
        }
        i = end;
    }
    i == bytes.len()
}

/// Decodes a `!!binary` scalar (base64, whitespace ignored).
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).expect("masked to a byte"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_recognised_by_their_shape() {
        for yes in [
            "1", "-1", "+2.5", ".5", "1.", "2.5e3", "1E-4", "0x1F", "0o17", ".inf",
        ] {
            assert!(number(yes), "{yes}");
        }
        for no in [
            "", ".", "e3", "1e", "1_000", "0x", "1.2.3", "inf", "twenty", "- 1",
        ] {
            assert!(!number(no), "{no}");
        }
        for no in ["0b101", "-0x1F", "+0o17"] {
            assert!(!number(no), "{no}");
        }
    }

    #[test]
    fn only_true_and_false_are_booleans() {
        for word in ["on", "off", "y", "n", "yes", "no", "Yes", "ON"] {
            assert_eq!(
                kind(word, ScalarStyle::Plain, None),
                NodeKind::Str(word.into())
            );
        }
        for word in ["true", "True", "TRUE"] {
            assert_eq!(kind(word, ScalarStyle::Plain, None), NodeKind::Bool(true));
        }
        assert_eq!(
            kind("tRue", ScalarStyle::Plain, None),
            NodeKind::Str("tRue".into())
        );
    }

    #[test]
    fn binary_is_base64() {
        assert_eq!(base64("aGVsbG8=").unwrap(), b"hello");
        assert!(base64("a*").is_none());
    }
}
