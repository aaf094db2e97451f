//! Findings as `JUnit` XML, which most CI systems show as a test report: one test case per
//! catalogue file, one failure per finding in it.

use std::io::{self, Write};

use crate::lint::LintReport;
use crate::source::SourceMap;

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes one test suite with a test case per file.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
) -> io::Result<()> {
    let files = sources.files();
    let failures = report.findings.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="svs lint" tests="{}" failures="{failures}" errors="0">"#,
        files.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="svs lint" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        files.len()
    )?;
    for (index, file) in files.iter().enumerate() {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|d| d.span.file.0 as usize == index)
            .collect();
        let name = xml(&file.path);
        if findings.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="svs.lint"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase name="{name}" classname="svs.lint">"#)?;
        for finding in findings {
            let position = file.position(finding.span.start());
            let mut body = format!(
                "{}:{}:{}: {} {} ({}): {}",
                file.path,
                position.line,
                position.column,
                finding.severity,
                finding.code.code(),
                finding.code.name(),
                finding.message
            );
            if let Some(help) = &finding.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                finding.code.code(),
                xml(&format!(
                    "{} {}: {}",
                    finding.severity,
                    finding.code.code(),
                    finding.message
                )),
                xml(&body)
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(
            xml(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
        );
        assert_eq!(xml("bell\u{7}"), "bell\u{FFFD}");
    }
}
