//! `svs lint`'s engine: structural findings from the loader, then every lint rule on the
//! resolved catalogue, then severities, suppressions and the baseline.
//!
//! Rules run only on a resolved catalogue, so they never meet a dangling reference; they
//! share one [`index::Index`] of precomputed tables and each stays linear. The severity
//! of a finding is decided in one place, [`severity::Levels`]: the rule's default, then
//! the catalogue's `lint:` block, then the command line, then the entity's own
//! `lint: { allow: [...] }`, the most specific.

pub mod baseline;
pub mod custom;
pub mod index;
pub mod rules;
pub mod severity;

use std::sync::Arc;

use crate::diagnostic::{self, Code, CustomCode, Diagnostic, Severity};
use crate::load::Loaded;
use baseline::Baseline;
use index::Index;
use severity::Levels;

/// A lint rule: one code, its documentation (the text of `svs explain`), and the check.
pub trait Rule: Sync {
    /// The rule's code, name and default severity.
    fn code(&self) -> Code;

    /// What the rule does, why it matters, an example that fires and the fix, in Markdown.
    fn doc(&self) -> &'static str;

    /// Adds the rule's findings (with default severity) to `out`.
    fn check(&self, index: &Index<'_>, out: &mut Vec<Diagnostic>);
}

/// The findings of one run and what the summary counts.
#[derive(Debug)]
pub struct LintReport {
    /// Findings in force, sorted by file, line, column and code.
    pub findings: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// Findings silenced by an `allow` setting.
    pub suppressed: usize,
    /// Findings already recorded in a baseline.
    pub baselined: usize,
    /// The catalogue's own rules, in catalogue order, for renderers that list rules.
    pub custom_rules: Vec<Arc<CustomCode>>,
}

impl LintReport {
    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|d| d.severity >= threshold)
    }
}

/// What the command line adds to a lint run.
#[derive(Debug, Default)]
pub struct Options {
    /// `--allow`, `--warn` and `--deny`.
    pub levels: severity::CommandLine,
    /// `--baseline`.
    pub baseline: Option<Baseline>,
    /// `--as-of`: the date dates are judged at, over the catalogue's own.
    pub judged_at: Option<jiff::civil::Date>,
}

/// Every rule's findings on a resolved catalogue, the catalogue's own rules included,
/// with default severities, unsorted.
pub fn run_rules(index: &Index<'_>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for rule in rules::REGISTRY {
        rule.check(index, &mut findings);
    }
    let custom = custom::codes(index.catalogue);
    custom::check(index, &custom, &mut findings);
    findings
}

/// Lints a loaded catalogue.
pub fn lint(loaded: &Loaded, options: Options) -> LintReport {
    let mut findings = loaded.diagnostics.clone();
    let mut suppressed = 0;
    let mut custom_rules = Vec::new();
    if let Some(catalogue) = &loaded.catalogue {
        custom_rules = custom::codes(catalogue);
        let index = Index::at(catalogue, options.judged_at);
        let levels = Levels::new(catalogue, &options.levels);
        for mut finding in run_rules(&index) {
            match levels.level(&finding) {
                Some(severity) => {
                    finding.severity = severity;
                    findings.push(finding);
                }
                None => suppressed += 1,
            }
        }
    }
    let mut baselined = 0;
    if let Some(mut baseline) = options.baseline {
        findings.retain(|finding| {
            // Structural findings cannot be baselined: nothing is checked past them.
            let known = !finding.code.is_structural() && baseline.take(finding);
            baselined += usize::from(known);
            !known
        });
    }
    diagnostic::sort(&mut findings, &loaded.sources);
    LintReport {
        findings,
        files: loaded.sources.files().len(),
        suppressed,
        baselined,
        custom_rules,
    }
}
