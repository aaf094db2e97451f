//! Escaping for HTML text and attribute values.
//!
//! Every piece of catalogue text (names, ids, metric names, messages) reaches the page
//! through [`esc`], whether it lands between tags, in a double-quoted attribute or inside
//! inline SVG. The five characters that can end a text run or an attribute value are
//! replaced by character references, so a name such as `<script>alert(1)</script>` or
//! `" onmouseover="…` is shown as text and never becomes markup.

use std::fmt;

/// Text that is written escaped; see [`esc`].
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(&'a str);

/// `text`, escaped for HTML text and double- or single-quoted attribute values.
pub fn esc(text: &str) -> Escaped<'_> {
    Escaped(text)
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_and_quotes_become_character_references() {
        assert_eq!(
            esc(r#"<script>alert("x" & 'y')</script>"#).to_string(),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn other_text_is_unchanged() {
        assert_eq!(
            esc("Kestrel → Ökafor £5").to_string(),
            "Kestrel → Ökafor £5"
        );
        assert_eq!(esc("").to_string(), "");
    }
}
