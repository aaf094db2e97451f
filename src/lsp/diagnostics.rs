//! `svs lint`'s findings as LSP diagnostics, one list per file of the catalogue.
//!
//! Every file of a checked catalogue gets a list, an empty one included: publishing is
//! per file and replaces what the editor showed, so an empty list is how a fixed finding
//! disappears, in the file edited and in the files it made wrong.

use std::path::PathBuf;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use super::convert;
use super::workspace::Checked;
use crate::diagnostic::Severity;

/// The diagnostics of every file of the catalogue, by path, in reading order.
pub fn by_file(checked: &Checked) -> Vec<(PathBuf, Vec<Diagnostic>)> {
    let sources = &checked.loaded.sources;
    let mut files: Vec<(PathBuf, Vec<Diagnostic>)> = sources
        .files()
        .iter()
        .map(|file| (PathBuf::from(&file.path), Vec::new()))
        .collect();
    for finding in &checked.report.findings {
        let related = finding
            .labels
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location::new(
                    convert::path_to_uri(sources.file(label.span.file).path.as_ref()),
                    convert::range(sources, label.span),
                ),
                message: label.message.clone(),
            })
            .collect::<Vec<_>>();
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let diagnostic = Diagnostic {
            range: convert::range(sources, finding.span),
            severity: Some(match finding.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(finding.code.code().to_owned())),
            source: Some("svs".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        };
        files[finding.span.file.0 as usize].1.push(diagnostic);
    }
    files
}
