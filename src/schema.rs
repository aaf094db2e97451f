//! The JSON Schema (draft 2020-12) of the catalogue file format, for editors.
//!
//! An editor given the schema completes keys, shows what each key means and marks an
//! unknown key or a word outside its set as the file is typed, before `svs lint` runs.
//! The schema is generated from the format's key declarations ([`crate::keys`]), which
//! the loader checks keys against too, so the two cannot drift apart: each mapping is a
//! definition, each key a property with its declaration's description, and the sets of
//! words, lint codes and currencies are taken from the loader's own tables.
//!
//! What a schema cannot express stays with `svs lint`: that references name an entity of
//! the right kind, that ids are unique, that a currency is set once an amount appears,
//! that a capacity metric appears once per block, and that numbers fit an exact decimal.

use serde_json::{Map, Value, json};

use crate::diagnostic::codes;
use crate::keys::{self, Mapping, Presence, Range, Rule, Words};

/// The pattern every id and every reference matches.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]{0,62}$";

/// The form of a calendar date; that the day exists is the loader's to check.
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// The form of a period written as text: a quarter or a month of a year.
/// A period written as text: `2026-Q3`, `2026-07`, or a quoted year (`"2026"`), each year
/// from 0001 to 9999, as the loader reads it.
const PERIOD_PATTERN: &str =
    "^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])(-(Q[1-4]|0[1-9]|1[0-2]))?$";

/// A custom rule's code, `^[A-Z]{2,8}[0-9]{3}$`, not starting with `SVS` (written
/// without look-ahead, which not every validator supports).
const CUSTOM_CODE_PATTERN: &str =
    "^(?:[A-RT-Z][A-Z]{1,7}|S[A-UW-Z][A-Z]{0,6}|SV|SV[A-RT-Z][A-Z]{0,5})[0-9]{3}$";

/// The largest exact decimal: an editor's `.inf` is out of range, as it is for the loader.
const LARGEST: i128 = 79_228_162_514_264_337_593_543_950_335;

/// The JSON Schema of one catalogue file.
pub fn catalogue_schema() -> Value {
    let mut definitions = Map::new();
    let mut root = mapping(&keys::FILE, &mut definitions);
    root.insert(
        "$schema".to_owned(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("title".to_owned(), json!("svs catalogue file"));
    root.insert("$defs".to_owned(), Value::Object(definitions));
    Value::Object(root)
}

/// The schema of a mapping: an object with exactly its keys. The definitions it refers to
/// are added to `definitions`.
fn mapping(mapping: &Mapping, definitions: &mut Map<String, Value>) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for key in mapping.keys {
        let mut schema = value(&key.value, definitions);
        match key.presence {
            Presence::Required => required.push(json!(key.name)),
            Presence::Optional => nullable(&mut schema),
            Presence::Omissible => {}
        }
        describe(&mut schema, key.doc);
        properties.insert(key.name.to_owned(), Value::Object(schema));
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("additionalProperties".to_owned(), json!(false));
    describe(&mut schema, mapping.doc);
    schema.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".to_owned(), Value::Array(required));
    }
    match mapping.rule {
        Rule::None => {}
        // One branch per key, each requiring it: exactly one is written.
        Rule::OneOf(keys) => {
            let branches: Vec<Value> = keys
                .iter()
                .map(|k| json!({ "properties": { *k: { "type": "number" } }, "required": [k] }))
                .collect();
            schema.insert("oneOf".to_owned(), Value::Array(branches));
        }
        // One branch per key, each requiring it: exactly one is written.
        Rule::Either(keys) => {
            let branches: Vec<Value> = keys.iter().map(|k| json!({ "required": [k] })).collect();
            schema.insert("oneOf".to_owned(), Value::Array(branches));
        }
        // Each key requires every other.
        Rule::Together(keys) => {
            let dependent: Map<String, Value> = keys
                .iter()
                .map(|k| {
                    let others: Vec<&str> = keys.iter().copied().filter(|o| o != k).collect();
                    ((*k).to_owned(), json!(others))
                })
                .collect();
            schema.insert("dependentRequired".to_owned(), Value::Object(dependent));
        }
    }
    schema
}

/// The schema of a value of one kind, without its description.
fn value(value: &keys::Value, definitions: &mut Map<String, Value>) -> Map<String, Value> {
    let schema = match *value {
        keys::Value::Text => json!({ "type": ["string", "number", "boolean"] }),
        keys::Value::Name => json!({ "type": "string" }),
        keys::Value::Pattern(pattern) => json!({ "type": "string", "pattern": pattern }),
        keys::Value::Number(range) => number(range),
        keys::Value::Whole(range) => whole(range),
        keys::Value::Boolean => json!({ "type": "boolean" }),
        keys::Value::Date => json!({ "type": "string", "pattern": DATE_PATTERN }),
        // `2026` is a number in YAML, `2026-Q3` and `2026-07` are text.
        keys::Value::Period => json!({
            "anyOf": [
                { "type": "string", "pattern": PERIOD_PATTERN },
                { "type": "integer", "minimum": 1, "maximum": 9999 }
            ]
        }),
        keys::Value::Id | keys::Value::Ref(_) => json!({ "type": "string", "pattern": ID_PATTERN }),
        keys::Value::Version => json!({ "const": 1 }),
        keys::Value::Currency => json!({ "type": "string", "enum": currencies() }),
        keys::Value::CustomCode => json!({ "type": "string", "pattern": CUSTOM_CODE_PATTERN }),
        keys::Value::Cel => json!({ "type": "string", "minLength": 1 }),
        keys::Value::LintCode => {
            definitions.entry("LintCode").or_insert_with(lint_code);
            reference("LintCode")
        }
        keys::Value::Words(set) => {
            if !definitions.contains_key(set.name) {
                definitions.insert(set.name.to_owned(), words(set));
            }
            reference(set.name)
        }
        keys::Value::Map(inner) => {
            if !definitions.contains_key(inner.name) {
                let schema = mapping(inner, definitions);
                definitions.insert(inner.name.to_owned(), Value::Object(schema));
            }
            reference(inner.name)
        }
        keys::Value::List(item) | keys::Value::Set(item) => {
            let items = self::value(item, definitions);
            let mut list = json!({ "type": "array", "items": items });
            if matches!(value, keys::Value::Set(_)) {
                list["uniqueItems"] = json!(true);
            }
            list
        }
    };
    match schema {
        Value::Object(map) => map,
        _ => unreachable!("every schema above is an object"),
    }
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// An exact decimal: always within the largest one, and within the key's own range.
fn number(range: Range) -> Value {
    let mut schema = json!({
        "type": "number",
        "minimum": range.min.map_or(-LARGEST, i128::from),
        "maximum": range.max.map_or(LARGEST, i128::from),
    });
    if let Some(above) = range.above {
        schema["exclusiveMinimum"] = json!(above);
    }
    schema
}

/// A whole number within the key's own range.
fn whole(range: Range) -> Value {
    let mut schema = json!({ "type": "integer" });
    if let Some(min) = range.min {
        schema["minimum"] = json!(min);
    }
    if let Some(max) = range.max {
        schema["maximum"] = json!(max);
    }
    schema
}

/// Lets a value be null, as a key left without a value is: a `$ref` becomes one branch of
/// two, any other type gains `null`.
fn nullable(schema: &mut Map<String, Value>) {
    if let Some(target) = schema.remove("$ref") {
        schema.insert(
            "anyOf".to_owned(),
            json!([{ "$ref": target }, { "type": "null" }]),
        );
        return;
    }
    match schema.get_mut("type") {
        Some(Value::String(single)) => {
            let single = std::mem::take(single);
            schema.insert("type".to_owned(), json!([single, "null"]));
        }
        Some(Value::Array(types)) => types.push(json!("null")),
        _ => {}
    }
    if let Some(Value::Array(words)) = schema.get_mut("enum") {
        words.push(Value::Null);
    }
}

/// Sets a description, and makes it the one an editor shows, rendered as Markdown.
///
/// yaml-language-server shows on hover the first description it meets on the way to the
/// value, and for a key that may be null (`anyOf: [{ $ref }, { type: null }]`) that is
/// the referenced definition's, not the key's: every `warranty` would read alike and
/// `priority` would lose "Default `should`". A description beside a `$ref` wins over the
/// definition's, so the key's is copied into each branch that refers to one. Editors show
/// a plain `description` as text, its backticks included, and render a
/// `markdownDescription`: every description gets one, the same text.
fn describe(schema: &mut Map<String, Value>, description: &str) {
    if let Some(Value::Array(branches)) = schema.get_mut("anyOf") {
        for branch in branches {
            if let Some(branch) = branch.as_object_mut().filter(|b| b.contains_key("$ref")) {
                describe(branch, description);
            }
        }
    }
    schema.insert("description".to_owned(), json!(description));
    schema.insert("markdownDescription".to_owned(), json!(description));
}

/// A closed set of words, as a definition of its own.
fn words(set: &Words) -> Value {
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("string"));
    schema.insert("enum".to_owned(), json!((set.words)()));
    describe(&mut schema, set.doc);
    Value::Object(schema)
}

/// The ISO 4217 codes the loader accepts. Every three-letter word is tried (17,576
/// look-ups in a sorted table), which keeps the table private to the loader.
fn currencies() -> Vec<String> {
    let letters = || (b'A'..=b'Z').map(char::from);
    letters()
        .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])))
        .map(String::from_iter)
        .filter(|code| crate::load::currency::is_iso_4217(code))
        .collect()
}

/// A lint code that may be allowed or re-levelled: every code but the structural ones
/// (SVS001–SVS010). The loader matches codes without regard to case, so the list of
/// codes (for completion) comes with a pattern that accepts any case. Used in four
/// places, so it is one definition rather than inlined.
fn lint_code() -> Value {
    let configurable = || {
        codes::ALL
            .iter()
            .filter(|c| !c.is_structural())
            .map(|c| c.code)
    };
    let numbers: Vec<&str> = configurable()
        .filter_map(|code| code.strip_prefix("SVS"))
        .collect();
    let any_case = format!("^[Ss][Vv][Ss](?:{})$", numbers.join("|"));
    let canonical: Vec<&str> = configurable().collect();
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("string"));
    schema.insert(
        "anyOf".to_owned(),
        json!([
            { "enum": canonical },
            { "pattern": any_case },
            { "pattern": CUSTOM_CODE_PATTERN },
        ]),
    );
    describe(
        &mut schema,
        "A lint code (`svs explain CODE` describes it), matched without regard to case, or \
         the code of one of the catalogue's own rules. The structural codes SVS001–SVS010 \
         cannot be allowed or re-levelled.",
    );
    Value::Object(schema)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::catalogue_schema;
    use crate::keys::MAPPINGS;
    use crate::load::decode;

    fn property_names(definition: &Value) -> BTreeSet<&str> {
        definition["properties"]
            .as_object()
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_id_pattern_is_the_loader_rule() {
        let schema = serde_json::json!({ "type": "string", "pattern": super::ID_PATTERN });
        let long = "a".repeat(63);
        let too_long = "a".repeat(64);
        let ids = [
            "acme",
            "acme-mobile",
            "9.a_b-c",
            "2024-renewal",
            "a",
            "0",
            &long,
            &too_long,
            "",
            "Acme",
            "-acme",
            ".acme",
            "_acme",
            "acme mobile",
            "acme/x",
            "café",
            "acme\n",
        ];
        for id in ids {
            assert_eq!(
                jsonschema::is_valid(&schema, &serde_json::json!(id)),
                decode::is_valid_id(id),
                "{id:?}"
            );
        }
    }

    #[test]
    fn every_mapping_has_its_declared_keys() {
        let schema = catalogue_schema();
        for mapping in MAPPINGS {
            let node = if mapping.name.is_empty() {
                &schema
            } else {
                &schema["$defs"][mapping.name]
            };
            let declared: BTreeSet<&str> = mapping.names().collect();
            assert_eq!(property_names(node), declared, "{:?}", mapping.name);
            assert_eq!(
                node["additionalProperties"],
                Value::Bool(false),
                "{:?} refuses unknown keys",
                mapping.name
            );
        }
    }

    #[test]
    fn every_mapping_of_the_schema_is_declared() {
        let schema = catalogue_schema();
        let declared: BTreeSet<&str> = MAPPINGS.iter().map(|m| m.name).collect();
        for (name, definition) in schema["$defs"].as_object().expect("$defs") {
            if definition["type"] == "object" {
                assert!(declared.contains(name.as_str()), "{name} is not declared");
            }
        }
    }
}
