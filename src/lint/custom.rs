//! Custom rules: the catalogue's own `rules:`, CEL expressions checked on every entity of
//! one kind (docs/custom-rules.md). This module is their public face: each rule's finding
//! code and `svs explain` text, and [`check`], which runs them all.
//!
//! The expressions were compiled, and broken rules reported, by the loader
//! (`load::decode::rules`). Here the work has three rooms: `shape` reads from the
//! expressions and messages which keys each rule can observe; `values` builds each
//! entity the rules need as one CEL value holding only those keys, once per run;
//! `run` evaluates `when` and `assert` and makes the findings.
//!
//! Amounts reach CEL as doubles: inside a rule, money is compared in binary floating
//! point, for filtering only. Nothing computed here flows back into svs's own figures.

mod run;
mod shape;
#[cfg(test)]
mod testing;
mod values;

use std::sync::Arc;

use super::index::Index;
use crate::diagnostic::{CustomCode, Diagnostic};
use crate::model::{Catalogue, CustomRule};
pub use run::fill;
use shape::Reads;

/// The finding code of each custom rule, in catalogue order.
pub fn codes(catalogue: &Catalogue) -> Vec<Arc<CustomCode>> {
    catalogue.rules.iter().map(custom_code).collect()
}

/// The finding code of one rule.
pub fn custom_code(rule: &CustomRule) -> Arc<CustomCode> {
    let description = rule.common.description.clone();
    let name = rule.common.name.clone().unwrap_or_default();
    let summary = description
        .as_deref()
        .and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty()))
        .map_or_else(|| name.replace('-', " "), str::to_owned);
    let doc = doc(rule, &summary);
    Arc::new(CustomCode {
        code: rule.code.value.clone(),
        name,
        default: rule.severity,
        help: rule.help.clone(),
        summary,
        description,
        doc,
    })
}

/// A custom rule's `svs explain` text, in Markdown.
fn doc(rule: &CustomRule, summary: &str) -> String {
    use std::fmt::Write as _;
    let mut doc = String::new();
    let description = rule.common.description.as_deref().map(str::trim_end);
    let _ = writeln!(doc, "{}", description.unwrap_or(summary));
    let _ = writeln!(
        doc,
        "\nA custom rule of this catalogue (`{}`), checked on every entity of `{}`.",
        rule.common.id.value,
        crate::model::Section::of(rule.on).key
    );
    let _ = writeln!(doc, "\n## Rule\n");
    if let Some(when) = &rule.when {
        let _ = writeln!(doc, "When:\n\n```cel\n{}\n```\n", when.text.trim_end());
    }
    let _ = writeln!(
        doc,
        "Assert (a finding when false):\n\n```cel\n{}\n```\n",
        rule.assert.text.trim_end()
    );
    let _ = writeln!(doc, "Message: {}", rule.message);
    if let Some(help) = &rule.help {
        let _ = writeln!(doc, "\n## Help\n\n{help}");
    }
    doc
}

/// Adds every custom rule's findings, with default severities, to `out`.
pub fn check(index: &Index<'_>, codes: &[Arc<CustomCode>], out: &mut Vec<Diagnostic>) {
    let catalogue = index.catalogue;
    if catalogue.rules.is_empty() {
        return;
    }
    run::run(index, codes, &Reads::of(catalogue), out);
}
