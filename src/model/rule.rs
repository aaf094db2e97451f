//! The catalogue's own lint rules (the `rules:` section): each a CEL condition checked on
//! every entity of one kind, compiled once when the file is read.

use super::{Common, Kind, Spanned};
use crate::source::Span;

/// One CEL expression of a custom rule, compiled once when the file is read.
#[derive(Debug, Clone)]
pub struct Expression {
    /// The expression as written.
    pub text: String,
    /// The scalar it was written in.
    pub span: Span,
    /// The compiled program.
    pub program: std::sync::Arc<cel::Program>,
}

impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.span == other.span
    }
}

impl Eq for Expression {}

/// A rule of the catalogue's `rules:` section: an organisation's own policy, checked on
/// every entity of one kind (docs/custom-rules.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRule {
    /// Id, the rule's kebab-case `name` as its name, description.
    pub common: Common,
    /// `ACME001`.
    pub code: Spanned<String>,
    /// The default severity.
    pub severity: crate::diagnostic::Severity,
    /// The kind of entity checked.
    pub on: Kind,
    /// Which entities the rule applies to; all when absent.
    pub when: Option<Expression>,
    /// What must hold; a finding when it is false.
    pub assert: Expression,
    /// The finding's message, with `{self.KEY}` placeholders.
    pub message: String,
    /// The finding's help line.
    pub help: Option<String>,
}
