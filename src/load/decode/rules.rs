//! The `rules` section: the catalogue's own lint rules, each a CEL expression checked on
//! every entity of one kind (docs/format.md §3.12, docs/custom-rules.md).
//!
//! Each expression is compiled here, once per run; one that does not compile is SVS010
//! at the place CEL names, mapped from the expression onto the file: exactly for a
//! plain or quoted scalar on one line and for a literal block (`|`), at the scalar's
//! start otherwise (a folded or escaped scalar no longer matches its source text
//! character for character).

use crate::keys::{self, names};
use std::sync::Arc;

use super::{Decoder, Fields, is_valid_id};
use crate::diagnostic::{Severity, codes, is_custom_code};
use crate::load::yaml::Node;
use crate::model::{CustomRule, Expression, Kind, Section, Spanned};
use crate::source::Span;

/// The kinds a rule may check, by the name of their section: every kind but rules.
pub(crate) const RULE_KINDS: &[(&str, Kind)] = &{
    let mut kinds = [("", Kind::Rule); Kind::CHECKED.len()];
    let mut i = 0;
    while i < kinds.len() {
        let section = Section::of(Kind::CHECKED[i]);
        kinds[i] = (section.key, section.kind);
        i += 1;
    }
    kinds
};

/// The words of a rule's `severity`.
pub(crate) const SEVERITIES: &[(&str, Severity)] = &[
    ("error", Severity::Error),
    ("warning", Severity::Warning),
    ("info", Severity::Info),
];

/// The longest expression accepted, in bytes: a policy is a line or two, and a bound
/// keeps the parser's and the evaluator's recursion well inside the stack.
const MAX_EXPRESSION_BYTES: usize = 4096;

/// The deepest nesting of brackets accepted in an expression.
const MAX_NESTING: usize = 32;

impl Decoder<'_> {
    pub(super) fn rule(&mut self, node: &Node) -> Option<CustomRule> {
        let fields = self.mapping(node, &self.entity_what(Kind::Rule.noun()), &keys::RULE)?;
        let id = self.id(&fields, "a rule");
        let what = match &id {
            Some(id) => format!("rule `{}`", id.value),
            None => "a rule".to_owned(),
        };
        let code = self.rule_code(&fields, &what);
        let name = self.required_string(&fields, names::NAME, &what);
        let name = name.filter(|name| {
            let ok = is_kebab_case(&name.value);
            if !ok {
                self.invalid(
                    name.span,
                    format!(
                        "the name of {what} must be kebab-case, found `{}`",
                        name.value
                    ),
                )
                .help = Some(
                    "lower-case letters and digits in words joined by `-`, such as \
                     `external-offering-needs-mfa`"
                        .to_owned(),
                );
            }
            ok
        });
        let severity = match fields.get(names::SEVERITY) {
            None => Some(Severity::Warning),
            Some(n) => self.choice(n, "`severity`", SEVERITIES),
        };
        let on = self
            .required(&fields, names::ON, &what)
            .and_then(|n| self.choice(n, "`on`", RULE_KINDS));
        let when = match fields.get(names::WHEN) {
            None => Some(None),
            Some(n) => self.expression(n, names::WHEN, &what).map(Some),
        };
        let assert = self
            .required(&fields, names::ASSERT, &what)
            .and_then(|n| self.expression(n, names::ASSERT, &what));
        let message = self.required_string(&fields, names::MESSAGE, &what);
        let help = self.optional_string(&fields, names::HELP, &what);
        let description = self.optional_string(&fields, names::DESCRIPTION, &what);
        let id = id?;
        let name = name?;
        Some(CustomRule {
            common: crate::model::Common {
                id,
                name: Some(name.value),
                description,
                lint: crate::model::EntityLint::default(),
                span: fields.span,
            },
            code: code?,
            severity: severity?,
            on: on?,
            when: when?,
            assert: assert?,
            message: message?.value,
            help,
        })
    }

    fn rule_code(&mut self, fields: &Fields<'_>, what: &str) -> Option<Spanned<String>> {
        let code = self.required_string(fields, names::CODE, what)?;
        if code.value.starts_with("SVS") {
            self.invalid(
                code.span,
                format!(
                    "the code of {what} is `{}`, but `SVS` codes belong to svs's own rules",
                    code.value
                ),
            )
            .help = Some("use your organisation's own prefix, such as `ACME001`".to_owned());
            return None;
        }
        if !is_custom_code(&code.value) {
            self.invalid(
                code.span,
                format!(
                    "the code of {what} must be 2 to 8 capital letters and 3 digits, found `{}`",
                    code.value
                ),
            )
            .help = Some("such as `ACME001`".to_owned());
            return None;
        }
        Some(code)
    }

    /// Compiles one expression; SVS010 at CEL's position when it does not compile.
    fn expression(&mut self, node: &Node, key: &str, what: &str) -> Option<Expression> {
        let text = self.string(node, &format!("`{key}` of {what}"))?;
        let refuse = |decoder: &mut Self, span: Span, problem: String| {
            decoder
                .report(
                    codes::INVALID_CUSTOM_RULE,
                    span,
                    format!("the `{key}` expression of {what} does not compile: {problem}"),
                )
                .help =
                Some("docs/custom-rules.md describes the language and what a rule sees".to_owned());
        };
        if text.value.trim().is_empty() {
            refuse(self, text.span, "it is empty".to_owned());
            return None;
        }
        if text.value.len() > MAX_EXPRESSION_BYTES {
            refuse(
                self,
                text.span,
                format!("it is longer than {MAX_EXPRESSION_BYTES} bytes"),
            );
            return None;
        }
        if nesting(&text.value) > MAX_NESTING {
            refuse(
                self,
                text.span,
                format!("it nests brackets deeper than {MAX_NESTING} levels"),
            );
            return None;
        }
        let compiled = std::panic::catch_unwind(|| cel::Program::compile(&text.value));
        match compiled {
            Ok(Ok(program)) => Some(Expression {
                text: text.value,
                span: text.span,
                program: Arc::new(program),
            }),
            Ok(Err(errors)) => {
                let first = errors.errors.first();
                let message =
                    first.map_or_else(|| "a syntax error".to_owned(), |e| e.msg.trim().to_owned());
                let span = first.map_or(text.span, |e| {
                    self.position_in(text.span, &text.value, e.pos.0, e.pos.1)
                });
                refuse(self, span, message);
                None
            }
            Err(_) => {
                refuse(self, text.span, "the CEL parser gave up on it".to_owned());
                None
            }
        }
    }

    /// The place in the file of CEL's `line` (from 1) and `column` (characters, from 1)
    /// inside an expression written in the scalar at `span`: exact for a plain or quoted
    /// scalar whose source text is the expression and for a literal block scalar, the
    /// scalar's start otherwise.
    fn position_in(&self, span: Span, expression: &str, line: isize, column: isize) -> Span {
        let at = |offset: usize| Span::new(span.file, offset, self.char_end(offset));
        let start = at(span.start());
        let (Ok(line), Ok(column)) = (usize::try_from(line), usize::try_from(column)) else {
            return start;
        };
        if line == 0 {
            return start;
        }
        let Some(expression_line) = expression.split('\n').nth(line - 1) else {
            return start;
        };
        let in_line = byte_of_char(expression_line, column.saturating_sub(1));
        let raw = self.text.get(span.range()).unwrap_or_default();
        if line == 1 && raw == expression {
            return at(span.start() + in_line);
        }
        let quoted = raw.len() == expression.len() + 2
            && (raw.starts_with('"') || raw.starts_with('\''))
            && raw.get(1..raw.len() - 1) == Some(expression);
        if line == 1 && quoted {
            return at(span.start() + 1 + in_line);
        }
        if raw.starts_with('|') {
            if let Some(offset) = self.in_literal_block(span.start(), line, expression_line) {
                return at(offset + in_line);
            }
        }
        start
    }

    /// The end of the character that starts at `offset`: a span of one character never
    /// ends inside a multi-byte one.
    fn char_end(&self, offset: usize) -> usize {
        self.text
            .get(offset..)
            .and_then(|rest| rest.chars().next())
            .map_or(offset + 1, |c| offset + c.len_utf8())
    }

    /// The offset of the start of the expression's line `line` (from 1) in a literal
    /// block scalar whose indicator is at `start`, when the source line holds it.
    fn in_literal_block(&self, start: usize, line: usize, expected: &str) -> Option<usize> {
        let rest = self.text.get(start..)?;
        let body = start + rest.find('\n')? + 1;
        let mut offset = body;
        let mut indent = None;
        for (i, source_line) in self.text.get(body..)?.split('\n').enumerate() {
            let trimmed = source_line.trim_start_matches(' ');
            if indent.is_none() && !trimmed.is_empty() {
                indent = Some(source_line.len() - trimmed.len());
            }
            if i + 1 == line {
                let indent = indent?;
                let content = source_line.get(indent..)?.trim_end_matches('\r');
                return (content == expected).then_some(offset + indent);
            }
            offset += source_line.len() + 1;
        }
        None
    }
}

/// The byte offset of the character at `index` in `line`, or the line's end.
fn byte_of_char(line: &str, index: usize) -> usize {
    line.char_indices()
        .nth(index)
        .map_or(line.len(), |(offset, _)| offset)
}

/// How deeply brackets nest in `text` (quotes are not told apart: a bracket in a string
/// counts too, which only makes the bound a little stricter).
fn nesting(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Whether `name` is kebab-case: lower-case words of letters and digits joined by `-`.
fn is_kebab_case(name: &str) -> bool {
    is_valid_id(name)
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && name.as_bytes()[0].is_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case() {
        assert!(is_kebab_case("external-offering-needs-mfa"));
        assert!(is_kebab_case("rule2"));
        assert!(!is_kebab_case("Rule"));
        assert!(!is_kebab_case("a--b"));
        assert!(!is_kebab_case("a_b"));
        assert!(!is_kebab_case("-a"));
        assert!(!is_kebab_case("2a"));
    }

    #[test]
    fn nesting_counts_brackets() {
        assert_eq!(nesting("a"), 0);
        assert_eq!(nesting("f([1, (2)])"), 3);
    }
}
