//! Widths of text in the report's SVG drawings, estimated without a font at hand, and text
//! wrapped to a width.
//!
//! The page names no web font (it fetches nothing), so the reader's browser draws its
//! text in its own `system-ui` face, and the drawings are laid out before any browser
//! sees them. Widths are estimated from the advance widths of `DejaVu Sans`, wider than
//! the usual system faces (Segoe UI, San Francisco, Roboto, Noto Sans), so that a box
//! sized from them holds its text whichever of those draws it. A character outside
//! ASCII counts as a full em, the widest a common glyph is.

/// Advance widths of `DejaVu Sans` for the printable ASCII characters, from the space to
/// `~`, in thousandths of an em, rounded up.
const ADVANCE: [u16; 95] = [
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337, 637, 637, 637,
    637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, 1000, 685, 687, 699, 771, 632,
    576, 775, 752, 295, 295, 656, 558, 863, 749, 788, 604, 788, 695, 635, 611, 732, 685, 989, 686,
    611, 686, 391, 337, 391, 838, 500, 500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580,
    278, 975, 634, 612, 635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
];

/// The advance of one character, in thousandths of an em.
fn advance(c: char) -> u32 {
    match u32::from(c) {
        code @ 32..=126 => u32::from(ADVANCE[(code - 32) as usize]),
        _ => 1000,
    }
}

/// The width of `text` at a font size of `size` pixels, at most what a browser draws.
pub fn width(text: &str, size: f64) -> f64 {
    f64::from(text.chars().map(advance).sum::<u32>()) * size / 1000.0
}

/// `text` in lines no wider than `max` pixels at `size`: broken after a space, a hyphen,
/// an underscore or a slash where it can be, and inside a word only where the word alone
/// is wider than `max`. Nothing is left out but the spaces at the breaks.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        let joined = format!("{line}{word}");
        if line.is_empty() || width(joined.trim_end(), size) <= max {
            line = joined;
        } else {
            lines.push(line.trim_end().to_owned());
            word.clone_into(&mut line);
        }
        // A word too wide on its own is cut where it must be, a character at least a line.
        while width(line.trim_end(), size) > max {
            let mut cut = 0;
            let mut used = 0.0;
            for (at, c) in line.char_indices() {
                let next = used + width(&c.to_string(), size);
                if next > max && cut > 0 {
                    break;
                }
                used = next;
                cut = at + c.len_utf8();
            }
            let rest = line.split_off(cut);
            lines.push(line);
            line = rest;
        }
    }
    let last = line.trim_end();
    if !last.is_empty() || lines.is_empty() {
        lines.push(last.to_owned());
    }
    lines
}

/// `text` cut after each space, hyphen, underscore and slash, each piece keeping its
/// break.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive([' ', '-', '_', '/'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up_the_characters_and_scale_with_the_size() {
        assert!((width("iii", 10.0) - 3.0 * 2.78).abs() < 1e-9);
        assert!((width("W", 12.0) - 2.0 * width("W", 6.0)).abs() < 1e-9);
        assert!(width("é", 12.0) >= width("e", 12.0));
    }

    #[test]
    fn text_that_fits_stays_on_one_line() {
        assert_eq!(
            wrap("Kestrel Broadband Ltd", 12.0, 200.0),
            ["Kestrel Broadband Ltd"]
        );
        assert_eq!(wrap("", 12.0, 100.0), [""]);
    }

    #[test]
    fn long_text_breaks_after_spaces_and_hyphens_and_loses_nothing() {
        let text = "Amalgamated Infrastructure, Hosting and Managed-Network Services plc";
        let lines = wrap(text, 12.0, 120.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(width(line, 12.0) <= 120.0, "{line:?} is too wide");
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
        }
        assert_eq!(lines.join(" ").replace("- ", "-"), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_inside() {
        let lines = wrap("abcdefghijklmnopqrstuvwxyz", 12.0, 50.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 12.0) <= 50.0), "{lines:?}");
        assert_eq!(lines.concat(), "abcdefghijklmnopqrstuvwxyz");
        // Even a line narrower than one character holds a character.
        assert_eq!(wrap("ab", 12.0, 1.0), ["a", "b"]);
    }
}
