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

/// A decimal printed as a JSON number rounded half away from zero to two decimals, from
/// its exact text (never through a binary float).
struct Rounded(rust_decimal::Decimal);

impl Serialize for Rounded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = super::plain(self.0)
            .parse()
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

#[derive(Serialize)]
struct AssessmentDocument<'a> {
    catalogue: &'a str,
    currency: Option<&'a str>,
    horizon_months: u32,
    relationships: Vec<RelationshipValue<'a>>,
    summary: AssessmentSummary,
}

#[derive(Serialize)]
struct RelationshipValue<'a> {
    id: &'a str,
    provider: &'a str,
    consumer: &'a str,
    offering: &'a str,
    utility: UtilityValue<'a>,
    warranty: WarrantyValue<'a>,
    costs: SumsValue,
    risks: SumsValue,
    net_value: Rounded,
    verdict: &'static str,
    reasons: Vec<&'static str>,
}

#[derive(Serialize)]
struct UtilityValue<'a> {
    score: Rounded,
    fit_for_purpose: bool,
    facilitated: &'a [String],
    missing: &'a [String],
}

#[derive(Serialize)]
struct WarrantyValue<'a> {
    score: Rounded,
    fit_for_use: bool,
    checks: usize,
    met: usize,
    unmet: Vec<UnmetValue<'a>>,
}

#[derive(Serialize)]
struct UnmetValue<'a> {
    check: &'a str,
    required: &'a str,
    offered: Option<&'a str>,
}

#[derive(Serialize)]
struct SumsValue {
    removed: Rounded,
    imposed: Rounded,
    net: Rounded,
}

impl From<crate::assess::Sums> for SumsValue {
    fn from(sums: crate::assess::Sums) -> Self {
        SumsValue {
            removed: Rounded(sums.removed),
            imposed: Rounded(sums.imposed),
            net: Rounded(sums.net()),
        }
    }
}

#[derive(Serialize)]
struct AssessmentSummary {
    relationships: usize,
    value: usize,
    no_value: usize,
    unassessed: usize,
}

/// Writes the assessment document of SPEC §5.6, pretty-printed, with a final newline.
pub fn render_assessment(
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    assessments: &[crate::assess::Assessment],
) -> io::Result<()> {
    use crate::assess::Verdict;
    let count = |verdict| assessments.iter().filter(|a| a.verdict == verdict).count();
    let document = AssessmentDocument {
        catalogue: &catalogue.metadata.name,
        currency: catalogue.metadata.currency.as_deref(),
        horizon_months: catalogue.metadata.horizon_months,
        relationships: assessments
            .iter()
            .map(|a| {
                let r = &catalogue.relationships[a.relationship];
                RelationshipValue {
                    id: &r.common.id.value,
                    provider: &r.provider.id,
                    consumer: &r.consumer.id,
                    offering: &r.offering.id,
                    utility: UtilityValue {
                        score: Rounded(a.utility.score),
                        fit_for_purpose: a.utility.fit_for_purpose,
                        facilitated: &a.utility.facilitated,
                        missing: &a.utility.missing,
                    },
                    warranty: WarrantyValue {
                        score: Rounded(a.warranty.score),
                        fit_for_use: a.warranty.fit_for_use,
                        checks: a.warranty.checks,
                        met: a.warranty.met,
                        unmet: a
                            .warranty
                            .unmet
                            .iter()
                            .map(|u| UnmetValue {
                                check: &u.check,
                                required: &u.required,
                                offered: u.offered.as_deref(),
                            })
                            .collect(),
                    },
                    costs: a.costs.into(),
                    risks: a.risks.into(),
                    net_value: Rounded(a.net_value),
                    verdict: a.verdict.as_str(),
                    reasons: a.reasons.iter().map(|r| r.as_str()).collect(),
                }
            })
            .collect(),
        summary: AssessmentSummary {
            relationships: assessments.len(),
            value: count(Verdict::Value),
            no_value: count(Verdict::NoValue),
            unassessed: count(Verdict::Unassessed),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
