//! `svs lint`'s engine: the findings of a loaded catalogue and their summary.
//!
//! Structural findings (SVS001–SVS009) come from the loader. The lint rules of SPEC §6
//! run only on a resolved catalogue, so they never meet a dangling reference.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Loaded;

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

/// Lints a loaded catalogue.
pub fn lint(loaded: &Loaded) -> LintReport {
    LintReport {
        findings: loaded.diagnostics.clone(),
        files: loaded.sources.files().len(),
        suppressed: 0,
        baselined: 0,
    }
}
