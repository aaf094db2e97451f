//! Findings as rustc-style snippets: the code, the message, the file, line and column, the
//! source line with a caret under the offending key or value, related places and a
//! `help:` line.
//!
//! Each snippet holds only the lines it shows, so rendering stays cheap on a large file.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::LintReport;
use crate::source::{SourceMap, Span};

/// Writes every finding, then a one-line summary unless `quiet`.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
    color: bool,
    quiet: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in &report.findings {
        writeln!(
            out,
            "{}\n",
            render_diagnostic(&renderer, diagnostic, sources)
        )?;
    }
    if !quiet {
        writeln!(out, "{}", summary(report))?;
    }
    Ok(())
}

/// Renders findings for a command that needs a resolved catalogue and got none.
pub fn render_diagnostics(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    color: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in diagnostics {
        writeln!(
            out,
            "{}\n",
            render_diagnostic(&renderer, diagnostic, sources)
        )?;
    }
    Ok(())
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// One snippet showing the lines of `span` with one annotation.
fn snippet<'a>(
    sources: &'a SourceMap,
    span: Span,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let file = sources.file(span.file);
    let lines = file.line_range(span.range());
    let first_line = file.position(lines.start).line;
    let text = &file.text[lines.clone()];
    let start = span.start().clamp(lines.start, lines.end) - lines.start;
    let mut end = span.end().clamp(lines.start, lines.end) - lines.start;
    if end <= start {
        // Point at one character, when there is one on the line.
        end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    let annotation = kind.span(start..end);
    let annotation = match label {
        Some(label) => annotation.label(label),
        None => annotation,
    };
    Snippet::source(text)
        .line_start(first_line)
        .path(file.path.as_str())
        .annotation(annotation)
}

fn render_diagnostic(renderer: &Renderer, diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.code());
    let mut group = title.element(snippet(
        sources,
        diagnostic.span,
        AnnotationKind::Primary,
        None,
    ));
    for label in &diagnostic.labels {
        group = group.element(snippet(
            sources,
            label.span,
            AnnotationKind::Context,
            Some(label.message.as_str()),
        ));
    }
    let mut report: Vec<Group<'_>> = vec![group];
    if let Some(help) = &diagnostic.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&report)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning, 0 info in 3 files", with what was suppressed or baselined.
pub fn summary(report: &LintReport) -> String {
    let files = plural(report.files, "file");
    let mut text = if report.findings.is_empty() {
        format!("no findings in {files}")
    } else {
        format!(
            "{}, {}, {} info in {files}",
            plural(report.count(Severity::Error), "error"),
            plural(report.count(Severity::Warning), "warning"),
            report.count(Severity::Info),
        )
    };
    for (count, what) in [
        (report.suppressed, "suppressed"),
        (report.baselined, "baselined"),
    ] {
        if count > 0 {
            text = format!("{text}, {count} {what}");
        }
    }
    text
}
