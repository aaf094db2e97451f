//! The key tables of docs/format.md, written from the key declarations.
//!
//! The format's reference is prose a person writes, around tables of keys that must say
//! what the loader accepts. So that the tables cannot drift from the declarations that
//! the decoder, `svs schema` and the language server read, each table sits between
//! markers naming the mapping it lists,
//!
//! ```markdown
//! <!-- keys: Service -->
//!
//! | key | type | required | default | allowed | meaning |
//! …
//!
//! <!-- /keys -->
//! ```
//!
//! and [`regenerate`] writes every marked block again from [`table`]. A test compares the
//! checked-in document with its regenerated self. The markers name a mapping by its
//! schema name ([`Mapping::name`]); the file's top level, which has none, is `file`.
//!
//! A table says what the declarations say: the kind of value, whether the key must be
//! written, its default, the values allowed and the key's description, which is also the
//! description `svs schema` gives editors. What the document says beyond that (why, how
//! the assessment uses a key, which lint rule watches it) is the prose around the block.

use std::fmt::Write as _;

use super::{MAPPINGS, Mapping, Presence, Range, Rule, Value, mapping};
use crate::model::Kind;

/// The opening marker's text before the mapping's name.
const OPEN: &str = "<!-- keys: ";

/// The end of a marker line.
const CLOSE: &str = " -->";

/// The marker that ends a block.
const END: &str = "<!-- /keys -->";

/// The name the markers give the file's top level, which the schema leaves unnamed.
const FILE: &str = "file";

/// The name a marker gives `mapping`.
pub fn marker_name(mapping: &Mapping) -> &'static str {
    if mapping.name.is_empty() {
        FILE
    } else {
        mapping.name
    }
}

/// The mapping a marker names.
fn named(name: &str) -> Option<&'static Mapping> {
    match name {
        FILE => mapping(""),
        "" => None,
        name => mapping(name),
    }
}

/// The Markdown table of a mapping's keys, in their declared order, ending in a newline.
pub fn table(mapping: &Mapping) -> String {
    let mut out = String::from(
        "| key | type | required | default | allowed | meaning |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for key in mapping.keys {
        let cells = [
            format!("`{}`", key.name),
            kind(&key.value),
            required(mapping, key.name, key.presence),
            key.default
                .map_or_else(|| "—".to_owned(), |d| format!("`{d}`")),
            allowed(&key.value),
            key.doc.to_owned(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// One marked block of a document.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// The mapping the opening marker names.
    pub mapping: &'static Mapping,
    /// The text between the two markers, as written.
    pub text: &'a str,
    /// Where that text starts and ends in the document, in bytes.
    pub span: (usize, usize),
}

/// Every marked block of `doc`, in order; an error names the line of a marker that
/// names no mapping, or of one left open.
///
/// # Errors
///
/// A marker naming no mapping, a block without its end marker, or an end marker
/// without a block.
pub fn blocks(doc: &str) -> Result<Vec<Block<'_>>, String> {
    let mut found = Vec::new();
    let mut open: Option<(usize, &'static Mapping, usize)> = None;
    let mut offset = 0;
    for (index, line) in doc.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if let Some(name) = trimmed
            .strip_prefix(OPEN)
            .and_then(|rest| rest.strip_suffix(CLOSE))
        {
            if let Some((opened, ..)) = open {
                return Err(format!(
                    "line {number}: a block opens inside the one opened on line {opened}"
                ));
            }
            let mapping = named(name)
                .ok_or_else(|| format!("line {number}: `{name}` names no mapping of the format"))?;
            open = Some((number, mapping, offset));
        } else if trimmed == END {
            let (_, mapping, from) = open
                .take()
                .ok_or_else(|| format!("line {number}: `{END}` closes no block"))?;
            found.push(Block {
                mapping,
                text: &doc[from..start],
                span: (from, start),
            });
        }
    }
    match open {
        Some((opened, ..)) => Err(format!("line {opened}: the block is not closed by `{END}`")),
        None => Ok(found),
    }
}

/// `doc` with every marked block written again from the declarations.
///
/// # Errors
///
/// As [`blocks`].
pub fn regenerate(doc: &str) -> Result<String, String> {
    let mut out = String::with_capacity(doc.len());
    let mut written = 0;
    for block in blocks(doc)? {
        out.push_str(&doc[written..block.span.0]);
        out.push_str(&contents(block.mapping));
        written = block.span.1;
    }
    out.push_str(&doc[written..]);
    Ok(out)
}

/// What a block of `mapping` holds: its table, between blank lines so that Markdown
/// readers end the table before the end marker rather than take it for a row.
pub fn contents(mapping: &Mapping) -> String {
    format!("\n{}\n", table(mapping))
}

/// The mappings with keys that no block of `doc` lists, in the order of [`MAPPINGS`]. A
/// mapping is known by its name: the declarations are constants, not one place in memory.
///
/// # Errors
///
/// As [`blocks`].
pub fn unlisted(doc: &str) -> Result<Vec<&'static Mapping>, String> {
    let listed = blocks(doc)?;
    Ok(MAPPINGS
        .iter()
        .copied()
        .filter(|m| !m.keys.is_empty())
        .filter(|m| !listed.iter().any(|b| b.mapping.name == m.name))
        .collect())
}

/// Whether a key must be written: as declared, or with another key of its mapping.
fn required(mapping: &Mapping, name: &str, presence: Presence) -> String {
    match (presence, mapping.rule) {
        (Presence::Required, _) => "required".to_owned(),
        (_, Rule::Together(keys)) if keys.contains(&name) => {
            let others: Vec<String> = keys
                .iter()
                .filter(|k| **k != name)
                .map(|k| format!("`{k}`"))
                .collect();
            format!("with {}", others.join(", "))
        }
        (_, Rule::OneOf(keys) | Rule::Either(keys)) if keys.contains(&name) => {
            format!("exactly one of {}", code_list(keys.iter().copied()))
        }
        (Presence::Omissible, _) => "optional, never empty".to_owned(),
        (Presence::Optional, _) => "optional".to_owned(),
    }
}

/// What a value is, in words: `number`, `id of an organisation`, `list of mappings`.
fn kind(value: &Value) -> String {
    match value {
        Value::Text | Value::Pattern(_) | Value::Currency | Value::CustomCode => "text".to_owned(),
        Value::Name => "name".to_owned(),
        Value::Number(_) => "number".to_owned(),
        Value::Whole(_) | Value::Version => "whole number".to_owned(),
        Value::Boolean => "boolean".to_owned(),
        Value::Date => "date".to_owned(),
        Value::Period => "period".to_owned(),
        Value::Id => "id".to_owned(),
        Value::Ref(kinds) => format!("id of {}", choice(kinds.iter().map(|k| noun(*k).0))),
        Value::LintCode => "lint code".to_owned(),
        Value::Cel => "CEL expression".to_owned(),
        Value::Words(_) => "word".to_owned(),
        Value::Map(_) => "mapping".to_owned(),
        Value::List(item) | Value::Set(item) => format!("list of {}", kinds(item)),
    }
}

/// What several values are, in words: `numbers`, `ids of people or groups`.
fn kinds(value: &Value) -> String {
    match value {
        Value::Text | Value::Pattern(_) | Value::Currency | Value::CustomCode => "text".to_owned(),
        Value::Name => "names".to_owned(),
        Value::Number(_) => "numbers".to_owned(),
        Value::Whole(_) | Value::Version => "whole numbers".to_owned(),
        Value::Boolean => "booleans".to_owned(),
        Value::Date => "dates".to_owned(),
        Value::Period => "periods".to_owned(),
        Value::Id => "ids".to_owned(),
        Value::Ref(kinds) => format!("ids of {}", choice(kinds.iter().map(|k| noun(*k).1))),
        Value::LintCode => "lint codes".to_owned(),
        Value::Cel => "CEL expressions".to_owned(),
        Value::Words(_) => "words".to_owned(),
        Value::Map(_) => "mappings".to_owned(),
        Value::List(_) | Value::Set(_) => "lists".to_owned(),
    }
}

/// The values allowed, in words; `—` for a reference, which may name any entity of its
/// kinds.
fn allowed(value: &Value) -> String {
    match value {
        Value::Text => "any".to_owned(),
        Value::Name => "any name, written as text".to_owned(),
        Value::Pattern(pattern) => format!("`{pattern}`"),
        Value::Number(range) | Value::Whole(range) => bounds(*range),
        Value::Boolean => "`true`, `false`".to_owned(),
        Value::Date => "`YYYY-MM-DD`, a day of the calendar".to_owned(),
        Value::Period => "`YYYY`, `YYYY-Qn`, `YYYY-MM`".to_owned(),
        Value::Id => format!("`{}`", crate::schema::ID_PATTERN),
        Value::Ref(_) | Value::Cel => "—".to_owned(),
        Value::Version => "`1`".to_owned(),
        Value::Currency => "an ISO 4217 code, such as `GBP`".to_owned(),
        Value::LintCode => "any lint code but SVS001–SVS010, or a custom rule's code".to_owned(),
        Value::CustomCode => {
            "2 to 8 capital letters and 3 digits, not starting with `SVS`".to_owned()
        }
        Value::Words(set) => code_list((set.words)().into_iter()),
        Value::Map(inner) if inner.keys.len() == 1 => {
            format!("the key {}", code_list(inner.names()))
        }
        Value::Map(inner) => format!("the keys {}", code_list(inner.names())),
        Value::List(item) => allowed(item),
        Value::Set(item) => format!("{}, each at most once", allowed(item)),
    }
}

/// A number's bounds, in words: `0 to 100`, `0 or more`, `above 0, at most 100`.
fn bounds(range: Range) -> String {
    match (range.min, range.above, range.max) {
        (Some(min), _, Some(max)) => format!("{min} to {max}"),
        (Some(min), _, None) => format!("{min} or more"),
        (None, Some(above), Some(max)) => format!("above {above}, at most {max}"),
        (None, Some(above), None) => format!("above {above}"),
        (None, None, Some(max)) => format!("at most {max}"),
        (None, None, None) => "any".to_owned(),
    }
}

/// Words in backticks, separated by commas: `` `once`, `month` ``.
fn code_list<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Alternatives in prose: `a`, `a or b`, `a, b or c`.
fn choice<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    match words.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A kind of entity as the document's prose names it: one of them, and several.
fn noun(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Organization => ("an organisation", "organisations"),
        Kind::Person => ("a person", "people"),
        Kind::Group => ("a group", "groups"),
        Kind::Outcome => ("an outcome", "outcomes"),
        Kind::Product => ("a product", "products"),
        Kind::Service => ("a service", "services"),
        Kind::Offering => ("an offering", "offerings"),
        Kind::Relationship => ("a relationship", "relationships"),
        Kind::Improvement => ("an improvement", "improvements"),
        Kind::Rule => ("a rule", "rules"),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAPPINGS, blocks, regenerate, table, unlisted};
    use crate::keys::{BENEFIT, FILE, SERVICE, SERVICE_LEVEL, THRESHOLDS, WARRANTY};

    /// A table is a header and one row per key, in the declared order, each cell derived
    /// from the declaration.
    #[test]
    fn a_table_lists_each_key_with_its_declaration() {
        assert_eq!(
            table(&THRESHOLDS),
            "| key | type | required | default | allowed | meaning |\n\
             | --- | --- | --- | --- | --- | --- |\n\
             | `utility` | number | optional | `50` | 0 to 100 | The minimum utility score, 0 \
             to 100, for a relationship to be fit for purpose. Default 50. |\n\
             | `margin` | number | optional | `0` | -100 to 100 | The provider's minimum \
             margin, in percent of revenue, for a relationship to be sustainable, unless the \
             provider sets its own `target_margin`. From -100 to 100; a negative margin is a \
             planned subsidy. Default 0. |\n\
             | `perception` | number | optional | `60` | 0 to 100 | The lowest acceptable \
             perceived score, 0 to 100, once each score is brought to that scale. Default 60. |\n"
        );
    }

    /// References name their kinds, nested mappings their keys, and a constraint between
    /// keys shows in the required column.
    #[test]
    fn the_cells_say_what_a_value_is_in_words() {
        let service = table(&SERVICE);
        for row in [
            "| `provider` | id of an organisation | required | — | — |",
            "| `products` | list of ids of products | optional | — | — |",
            "| `depends_on` | list of ids of relationships | optional | — | — |",
            "| `outputs` | list of mappings | optional | — | the keys `name`, `enables` |",
            "| `id` | id | required | — | `^[a-z0-9][a-z0-9._-]{0,62}$` |",
        ] {
            assert!(service.contains(row), "{row}\nin\n{service}");
        }
        let warranty = table(&WARRANTY);
        assert!(
            warranty.contains("| `availability` | number | optional | — | above 0, at most 100 |")
        );
        assert!(warranty.contains("| `security` | list of names | optional | — | any name, written as text, each at most once |"));
        assert!(table(&SERVICE_LEVEL).contains("| `max` | number | exactly one of `max`, `min` |"));
        assert!(
            table(&BENEFIT).contains(
                "| `per` | word | with `amount` | — | `once`, `month`, `quarter`, `year` |"
            )
        );
        assert!(table(&FILE).contains("| `svs` | whole number | required | — | `1` |"));
        assert!(table(&FILE).contains("| `catalogue` | mapping | optional, never empty |"));
    }

    /// Every mapping with keys has a table with a row per key.
    #[test]
    fn every_mapping_has_a_row_per_key() {
        for mapping in MAPPINGS {
            assert_eq!(
                table(mapping).lines().count(),
                2 + mapping.keys.len(),
                "{:?}",
                mapping.name
            );
        }
    }

    /// Regenerating rewrites what lies between the markers and nothing else.
    #[test]
    fn regenerating_rewrites_only_the_marked_blocks() {
        let doc = "Before.\n<!-- keys: Thresholds -->\n| stale |\n<!-- /keys -->\nAfter.\n\
                   <!-- keys: file -->\n<!-- /keys -->\n";
        let fresh = regenerate(doc).expect("well marked");
        assert_eq!(
            fresh,
            format!(
                "Before.\n<!-- keys: Thresholds -->\n\n{}\n<!-- /keys -->\nAfter.\n\
                 <!-- keys: file -->\n\n{}\n<!-- /keys -->\n",
                table(&THRESHOLDS),
                table(&FILE)
            )
        );
        assert_eq!(regenerate(&fresh).as_deref(), Ok(fresh.as_str()));
        let found = blocks(doc).expect("well marked");
        assert_eq!(found[0].text, "| stale |\n");
        assert_eq!(found[1].text, "");
        let unlisted = unlisted(doc).expect("well marked");
        assert!(
            !unlisted
                .iter()
                .any(|m| m.name == "Thresholds" || m.name.is_empty())
        );
        assert!(unlisted.iter().any(|m| m.name == "Service"));
    }

    /// A marker that names no mapping, or a block left open, is an error naming its line.
    #[test]
    fn a_bad_marker_is_an_error_with_its_line() {
        assert_eq!(
            regenerate("x\n<!-- keys: Servce -->\n<!-- /keys -->\n"),
            Err("line 2: `Servce` names no mapping of the format".to_owned())
        );
        assert_eq!(
            regenerate("<!-- keys: Service -->\n| x |\n"),
            Err("line 1: the block is not closed by `<!-- /keys -->`".to_owned())
        );
        assert_eq!(
            regenerate("<!-- /keys -->\n"),
            Err("line 1: `<!-- /keys -->` closes no block".to_owned())
        );
        assert!(regenerate("<!-- keys: Service -->\n<!-- keys: Offering -->\n").is_err());
    }
}
