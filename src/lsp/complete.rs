//! Completion of ids at a reference: which kinds the key under the cursor accepts, and
//! the ids of those kinds in the catalogue's files.
//!
//! Completion is asked for while a reference is half typed, when the catalogue does not
//! resolve, so it reads the text rather than the model: the key is the last `key:` before
//! the cursor on its line (`provider: te`, `targets: [staff, `, `{ organization: `), or
//! for a block list item (`- `) the key of the nearest line above with less indentation;
//! ids are the `id:` of each item under a top-level section.

use crate::model::Kind;

/// The kinds a reference under `key` may name.
pub fn kinds_of(key: &str) -> &'static [Kind] {
    match key {
        "organization" | "provider" | "consumer" | "parent" => &[Kind::Organization],
        "members" => &[Kind::Person],
        "targets" => &[Kind::Group],
        "enables" | "outcome" => &[Kind::Outcome],
        "products" => &[Kind::Product],
        "services" => &[Kind::Service],
        "offering" => &[Kind::Offering],
        "depends_on" => &[Kind::Relationship],
        "customer" | "user" | "sponsor" => &[Kind::Person, Kind::Group],
        "party" => &[Kind::Organization, Kind::Person, Kind::Group],
        _ => &[],
    }
}

/// The key whose value the cursor is in: `text` up to the cursor.
pub fn key_at(text: &str) -> Option<&str> {
    let (before, line) = text.rsplit_once('\n').unwrap_or(("", text));
    if let Some(colon) = line.rfind(':') {
        return Some(last_word(&line[..colon]));
    }
    // A block list item: the key is on the nearest line above with less indentation.
    let indent = line.len() - line.trim_start().len();
    before
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && l.len() - l.trim_start().len() < indent)
        .and_then(|l| l.trim_end().strip_suffix(':'))
        .map(last_word)
}

fn last_word(text: &str) -> &str {
    let start = text
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    &text[start..]
}

/// The kind of a top-level section.
fn section(key: &str) -> Option<Kind> {
    Some(match key {
        "organizations" => Kind::Organization,
        "people" => Kind::Person,
        "groups" => Kind::Group,
        "outcomes" => Kind::Outcome,
        "products" => Kind::Product,
        "services" => Kind::Service,
        "offerings" => Kind::Offering,
        "relationships" => Kind::Relationship,
        _ => return None,
    })
}

/// The ids defined in a file's text, with their kinds, in order.
pub fn ids(text: &str) -> Vec<(Kind, String)> {
    let mut found = Vec::new();
    let mut kind = None;
    for line in text.lines() {
        if !line.starts_with([' ', '\t', '-', '#']) && !line.is_empty() {
            kind = line.split(':').next().and_then(|key| section(key.trim()));
            continue;
        }
        let Some(kind) = kind else { continue };
        let item = line.trim_start().trim_start_matches('-').trim_start();
        let item = item.trim_start_matches('{').trim_start();
        if !line.trim_start().starts_with('-') {
            continue;
        }
        if let Some(rest) = item.strip_prefix("id:") {
            let id: String = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect();
            if !id.is_empty() {
                found.push((kind, id));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_found_inline_in_flow_and_above_a_list_item() {
        assert_eq!(key_at("    provider: te"), Some("provider"));
        assert_eq!(key_at("    targets: [staff, "), Some("targets"));
        assert_eq!(key_at("  - { id: x, organization: "), Some("organization"));
        assert_eq!(
            key_at("    roles:\n      customer:\n        - "),
            Some("customer")
        );
    }

    #[test]
    fn ids_are_read_per_section() {
        let text = "svs: 1\norganizations:\n  - id: acme\n    name: A\n  - { id: telco }\npeople:\n  - id: \"jane\"\n";
        assert_eq!(
            ids(text),
            [
                (Kind::Organization, "acme".to_owned()),
                (Kind::Organization, "telco".to_owned()),
                (Kind::Person, "jane".to_owned()),
            ]
        );
    }
}
