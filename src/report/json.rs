//! Findings as JSON (SPEC §6): a stable shape for CI and for baselines.
//!
//! Keys are never renamed; new keys may be added. `help` and `entity` are `null` when
//! absent, so every finding has the same keys.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::LintReport;
use crate::source::SourceMap;

#[derive(Serialize)]
struct Document<'a> {
    findings: Vec<Finding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    entity: Option<&'a str>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    error: usize,
    warning: usize,
    info: usize,
    suppressed: usize,
    baselined: usize,
}

fn finding<'a>(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Finding<'a> {
    let position = sources.position(diagnostic.span);
    Finding {
        code: diagnostic.code.code,
        rule: diagnostic.code.name,
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        file: &sources.file(diagnostic.span.file).path,
        line: position.line,
        column: position.column,
        entity: diagnostic.entity.as_deref(),
        related: diagnostic
            .labels
            .iter()
            .map(|label| {
                let position = sources.position(label.span);
                Related {
                    message: &label.message,
                    file: &sources.file(label.span.file).path,
                    line: position.line,
                    column: position.column,
                }
            })
            .collect(),
    }
}

/// Writes the findings document, pretty-printed, with a final newline.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
) -> io::Result<()> {
    let document = Document {
        findings: report
            .findings
            .iter()
            .map(|d| finding(d, sources))
            .collect(),
        summary: Summary {
            files: report.files,
            error: report.count(Severity::Error),
            warning: report.count(Severity::Warning),
            info: report.count(Severity::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
