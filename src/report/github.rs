//! Findings as GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`),
//! which GitHub shows as annotations on the pull request's changed lines.

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::lint::LintReport;
use crate::source::SourceMap;

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per finding.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
) -> io::Result<()> {
    for finding in &report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let file = sources.file(finding.span.file);
        let start = file.position(finding.span.start());
        let end = file.position(finding.span.end().max(finding.span.start()));
        let message = match &finding.help {
            Some(help) => format!("{}\nhelp: {help}", finding.message),
            None => finding.message.clone(),
        };
        write!(
            out,
            "::{command} file={},line={},col={}",
            property(&file.path),
            start.line,
            start.column
        )?;
        if end.line == start.line && end.column > start.column {
            write!(out, ",endLine={},endColumn={}", end.line, end.column)?;
        }
        writeln!(
            out,
            ",title={}::{}",
            property(&format!("{} {}", finding.code.code(), finding.code.name())),
            data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
