//! Findings as SARIF 2.1.0, the format code-scanning services read (GitHub's among them):
//! one run, the tool's rules with their help text, and one result per finding with its
//! physical location.
//!
//! The types below are the part of the SARIF object model `svs` fills in; the tests
//! validate the output against the official schema.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, codes};
use crate::lint::LintReport;
use crate::source::{SourceMap, Span};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    properties: Properties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    /// Code, entity and message: what a baseline matches on, stable across edits
    /// elsewhere in the file.
    #[serde(rename = "svs/v1")]
    svs: String,
}

#[derive(Serialize)]
struct Properties<'a> {
    entity: Option<&'a str>,
    rule: &'a str,
}

// SARIF names the field `physicalLocation` inside a `location`.
#[allow(clippy::struct_field_names)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: forward slashes, reserved characters escaped.
fn uri(path: &str) -> String {
    // An absolute path becomes a `file://` URI; a relative one stays relative to the run's
    // directory, where code scanning resolves it against the repository.
    let mut out = if path.starts_with('/') {
        String::from("file://")
    } else {
        String::with_capacity(path.len())
    };
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            c => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
        }
    }
    out
}

fn physical(sources: &SourceMap, span: Span) -> PhysicalLocation {
    let file = sources.file(span.file);
    let start = file.position(span.start());
    let end = file.position(span.end().max(span.start()));
    let end = if end == start {
        crate::source::Position {
            line: start.line,
            column: start.column + 1,
        }
    } else {
        end
    };
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&file.path),
        },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

fn rule_help(code: &crate::diagnostic::Code) -> String {
    crate::lint::rules::find(code.code).map_or_else(
        || {
            format!(
                "{}. A structural check: fix the catalogue at the place shown.",
                code.summary
            )
        },
        |rule| rule.doc().to_owned(),
    )
}

fn result<'a>(
    diagnostic: &'a Diagnostic,
    sources: &SourceMap,
    rules: &[ReportingDescriptor<'_>],
) -> SarifResult<'a> {
    let rule_index = rules
        .iter()
        .position(|r| r.id == diagnostic.code.code())
        .unwrap_or_default();
    let text = match &diagnostic.help {
        Some(help) => format!("{} (help: {help})", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    SarifResult {
        rule_id: diagnostic.code.code(),
        rule_index,
        level: level(diagnostic.severity),
        message: Text { text },
        locations: vec![Location {
            id: None,
            physical_location: physical(sources, diagnostic.span),
            message: None,
        }],
        related_locations: diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| Location {
                id: Some(i),
                physical_location: physical(sources, label.span),
                message: Some(Text {
                    text: label.message.clone(),
                }),
            })
            .collect(),
        partial_fingerprints: Fingerprints {
            svs: format!(
                "{}/{}/{}",
                diagnostic.code.code(),
                diagnostic.entity.as_deref().unwrap_or_default(),
                diagnostic.message
            ),
        },
        properties: Properties {
            entity: diagnostic.entity.as_deref(),
            rule: diagnostic.code.name(),
        },
    }
}

/// Writes one SARIF log with one run.
pub fn render_lint(
    out: &mut dyn Write,
    report: &LintReport,
    sources: &SourceMap,
) -> io::Result<()> {
    let mut rules: Vec<ReportingDescriptor<'_>> = codes::ALL
        .iter()
        .map(|code| ReportingDescriptor {
            id: code.code,
            name: code.name,
            short_description: Text {
                text: code.summary.to_owned(),
            },
            full_description: Text {
                text: code.summary.to_owned(),
            },
            help: Help {
                text: rule_help(code),
                markdown: rule_help(code),
            },
            default_configuration: Configuration {
                level: level(code.default),
            },
        })
        .collect();
    // The catalogue's own rules follow svs's, with their explain text as help.
    rules.extend(report.custom_rules.iter().map(|code| {
        ReportingDescriptor {
            id: &code.code,
            name: &code.name,
            short_description: Text {
                text: code.summary.clone(),
            },
            full_description: Text {
                text: code
                    .description
                    .clone()
                    .unwrap_or_else(|| code.summary.clone()),
            },
            help: Help {
                text: code.doc.clone(),
                markdown: code.doc.clone(),
            },
            default_configuration: Configuration {
                level: level(code.default),
            },
        }
    }));
    let results = report
        .findings
        .iter()
        .map(|d| result(d, sources, &rules))
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "svs",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("catalog/a b.yaml"), "catalog/a%20b.yaml");
        assert_eq!(uri("dir\\file.yaml"), "dir/file.yaml");
        assert_eq!(uri("café.yaml"), "caf%C3%A9.yaml");
        assert_eq!(uri("a#b?.yaml"), "a%23b%3F.yaml");
        // A colon would read as a URI scheme.
        assert_eq!(uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(uri("/srv/catalog/a.yaml"), "file:///srv/catalog/a.yaml");
    }
}
