//! Running the custom rules: each rule's `when` and `assert` on every entity of its kind,
//! and a finding, its message filled from the entity, where the assertion is false.
//!
//! The expressions were compiled by the loader; here they run once per rule and entity,
//! so the work is linear in entities × rules. `catalogue` goes into the root context
//! once, and each rule gets one scope in which `self` is replaced entity by entity. An
//! expression that fails on one entity (an error, a value that is not a boolean, a panic
//! of the interpreter) is one finding for that entity and rule, and the run goes on. When
//! a message reads more than the expressions, only an entity with a finding is built
//! again to the message's shape (`Reads::message`), so placeholders cost nothing on the
//! entities that pass.

use std::sync::Arc;

use cel::objects::Key;
use cel::{Context, Value};

use super::shape::Reads;
use super::values::{Values, entity};
use crate::diagnostic::{CustomCode, Diagnostic};
use crate::keys::names;
use crate::lint::index::Index;
use crate::model::{Common, CustomRule, Expression};

/// [`super::check`] with the values built as far as `reads` says.
pub(super) fn run(
    index: &Index<'_>,
    codes: &[Arc<CustomCode>],
    reads: &Reads,
    out: &mut Vec<Diagnostic>,
) {
    let catalogue = index.catalogue;
    let mut values = Values::new(index, reads);
    let mut root = Context::default();
    if let Some(shape) = &reads.catalogue {
        root.add_variable_from_value(names::CATALOGUE, values.catalogue(shape));
    }
    for (rule, code) in catalogue.rules.iter().zip(codes) {
        let entities = values.of(rule.on);
        // One scope per rule, `self` replaced for each entity.
        let mut scope = root.new_inner_scope();
        for (i, this) in entities.iter().enumerate() {
            let common = catalogue.common(rule.on, i);
            scope.add_variable_from_value("self", this.clone());
            let applies = match &rule.when {
                None => Ok(true),
                Some(when) => truth(when, names::WHEN, &scope),
            };
            let holds = applies.and_then(|applies| {
                if applies {
                    truth(&rule.assert, names::ASSERT, &scope)
                } else {
                    Ok(true)
                }
            });
            match holds {
                Ok(true) => {}
                Ok(false) => {
                    let message = reads
                        .message
                        .get(&rule.on)
                        .map(|shape| entity(index, rule.on, i, shape));
                    out.push(finding(rule, code, common, message.as_ref().unwrap_or(this)));
                }
                Err((expression, problem)) => out.push(
                    Diagnostic::new(
                        Arc::clone(code),
                        common.id.span,
                        format!(
                            "rule {} could not be checked on {} `{}`: `{expression}` failed: {problem}",
                            code.code, rule.on, common.id.value
                        ),
                    )
                    .with_entity(Some(&common.id.value))
                    .with_help(
                        "guard keys that may be absent with `has(self.key)`; \
                         docs/custom-rules.md lists what a rule sees",
                    ),
                ),
            }
        }
    }
}

/// A rule's finding on one entity: its message with the placeholders filled.
fn finding(rule: &CustomRule, code: &Arc<CustomCode>, common: &Common, this: &Value) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::new(Arc::clone(code), common.id.span, fill(&rule.message, this))
            .with_entity(Some(&common.id.value));
    diagnostic.help.clone_from(&rule.help);
    diagnostic
}

/// Runs one expression; its value must be a boolean. An error names the key (`when` or
/// `assert`) and what went wrong.
fn truth(
    expression: &Expression,
    key: &'static str,
    scope: &Context<'_>,
) -> Result<bool, (&'static str, String)> {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        expression.program.execute(scope)
    }));
    match run {
        Ok(Ok(Value::Bool(b))) => Ok(b),
        Ok(Ok(other)) => Err((
            key,
            format!("it gave {}, not true or false", describe(&other)),
        )),
        Ok(Err(error)) => Err((key, error.to_string())),
        Err(_) => Err((key, "the CEL interpreter gave up".to_owned())),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Int(_) | Value::UInt(_) => "an integer",
        Value::Float(_) => "a number",
        Value::String(_) => "a string",
        Value::Bytes(_) => "bytes",
        Value::Null => "null",
        _ => "a value",
    }
}

/// Fills `{self}` and `{self.KEY.KEY}` placeholders from the entity; any other text in
/// braces stays as written, and a key the entity lacks reads `(none)`.
pub fn fill(template: &str, this: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = after[..close].trim();
        let path = inner
            .strip_prefix("self")
            .filter(|p| p.is_empty() || p.starts_with('.'));
        if let Some(path) = path {
            let mut value = Some(this);
            for key in path.split('.').filter(|k| !k.is_empty()) {
                value = value.and_then(|v| match v {
                    Value::Map(map) => map.map.get(&Key::String(Arc::new(key.to_owned()))),
                    _ => None,
                });
            }
            match value {
                Some(value) => render(value, &mut out),
                None => out.push_str("(none)"),
            }
        } else {
            out.push('{');
            out.push_str(&after[..close]);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn render(value: &Value, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        Value::String(s) => out.push_str(s),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::UInt(u) => {
            let _ = write!(out, "{u}");
        }
        Value::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Null => out.push_str("null"),
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
        }
        _ => out.push_str("{…}"),
    }
}
