//! The one place where a finding's severity is decided.
//!
//! In order, each later source winning: the rule's default; the catalogue's
//! `lint: { allow, warn, deny }`; the command line's `--allow`, `--warn` and `--deny`;
//! and the entity's own `lint: { allow: [...] }`, the most specific of all. Within one
//! source a code listed twice takes the strictest level. Structural findings
//! (SVS001–SVS010) keep their severity: nothing can be resolved past them.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Catalogue, LintSettings};

/// `--allow`, `--warn` and `--deny` codes from the command line (validated codes).
#[derive(Debug, Default, Clone)]
pub struct CommandLine {
    /// Codes to silence.
    pub allow: Vec<String>,
    /// Codes to report as warnings.
    pub warn: Vec<String>,
    /// Codes to report as errors.
    pub deny: Vec<String>,
}

/// A level a setting can give: silenced, or a severity.
type Level = Option<Severity>;

/// Severity settings resolved for one run.
#[derive(Debug)]
pub struct Levels<'c> {
    overrides: HashMap<String, Level>,
    entity_allows: HashMap<&'c str, Vec<&'c str>>,
}

fn apply(
    overrides: &mut HashMap<String, Level>,
    allow: &[String],
    warn: &[String],
    deny: &[String],
) {
    let mut layer: HashMap<&str, Level> = HashMap::new();
    for (codes, level) in [
        (allow, None),
        (warn, Some(Severity::Warning)),
        (deny, Some(Severity::Error)),
    ] {
        for code in codes {
            let entry = layer.entry(code.as_str()).or_insert(level);
            // Within one source the strictest level wins (`None`, allow, is the least).
            *entry = (*entry).max(level);
        }
    }
    for (code, level) in layer {
        overrides.insert(code.to_owned(), level);
    }
}

fn codes(list: &[crate::model::Spanned<String>]) -> Vec<String> {
    list.iter().map(|c| c.value.clone()).collect()
}

impl<'c> Levels<'c> {
    /// Combines the catalogue's settings and the command line's.
    pub fn new(catalogue: &'c Catalogue, command_line: &CommandLine) -> Self {
        let mut overrides = HashMap::new();
        let LintSettings { allow, warn, deny } = &catalogue.metadata.lint;
        apply(&mut overrides, &codes(allow), &codes(warn), &codes(deny));
        apply(
            &mut overrides,
            &command_line.allow,
            &command_line.warn,
            &command_line.deny,
        );
        let mut entity_allows: HashMap<&str, Vec<&str>> = HashMap::new();
        for common in catalogue.commons() {
            if !common.lint.allow.is_empty() {
                entity_allows
                    .entry(common.id.value.as_str())
                    .or_default()
                    .extend(common.lint.allow.iter().map(|c| c.value.as_str()));
            }
        }
        Levels {
            overrides,
            entity_allows,
        }
    }

    /// The severity a finding is reported with, or `None` when it is silenced.
    pub fn level(&self, finding: &Diagnostic) -> Level {
        let code = &finding.code;
        if code.is_structural() {
            return Some(code.default());
        }
        let allowed_here = finding
            .entity
            .as_deref()
            .and_then(|entity| self.entity_allows.get(entity))
            .is_some_and(|codes| codes.contains(&code.code()));
        if allowed_here {
            return None;
        }
        self.overrides
            .get(code.code())
            .copied()
            .unwrap_or(Some(code.default()))
    }
}
