//! `svs diff --format json`: the diff with stable keys, for scripts and bots.
//!
//! Keys are never renamed; new keys may be added. Scores, money and deltas are JSON
//! numbers rounded half away from zero to two decimals, from their exact text. The shape
//! is documented in `docs/diff.md`.

use std::io::{self, Write};

use serde::Serialize;

use crate::diff::{DeliveredValue, Diff, Finding, RelationshipValue, Version};
use crate::report::json::Rounded;

#[derive(Serialize)]
struct Document<'a> {
    old: VersionValue<'a>,
    new: VersionValue<'a>,
    relationships: Vec<ChangeValue<'a>>,
    delivered: Vec<DeliveredChangeValue<'a>>,
    findings: FindingsValue<'a>,
    summary: Summary,
}

#[derive(Serialize)]
struct VersionValue<'a> {
    catalogue: &'a str,
    currency: Option<&'a str>,
    horizon_months: u32,
    relationships: usize,
    net_value: Option<Rounded>,
    findings: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct ChangeValue<'a> {
    id: &'a str,
    change: &'static str,
    causes: Vec<&'static str>,
    regressions: Vec<&'static str>,
    improvements: Vec<&'static str>,
    old: Option<AssessmentValue<'a>>,
    new: Option<AssessmentValue<'a>>,
    delta: Option<DeltaValue>,
}

#[derive(Serialize)]
struct AssessmentValue<'a> {
    provider: &'a str,
    consumer: &'a str,
    offering: &'a str,
    verdict: &'static str,
    reasons: Vec<&'static str>,
    utility: ScoreValue,
    warranty: WarrantyValue,
    net_value: Rounded,
    provider_side: ProviderValue,
    co_creation: &'static str,
}

/// The provider's side as far as a diff compares it, named as in `svs assess`.
#[derive(Serialize)]
struct ProviderValue {
    margin: Rounded,
    margin_pct: Option<Rounded>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct ScoreValue {
    score: Rounded,
    fit_for_purpose: bool,
}

#[derive(Serialize)]
struct WarrantyValue {
    score: Rounded,
    fit_for_use: bool,
}

#[derive(Serialize)]
struct DeltaValue {
    utility: Rounded,
    warranty: Rounded,
    net_value: Rounded,
    margin: Rounded,
}

/// A change of what a relationship delivered (SPEC §10.4).
#[derive(Serialize)]
struct DeliveredChangeValue<'a> {
    id: &'a str,
    old: DeliveredValueOut<'a>,
    new: DeliveredValueOut<'a>,
}

/// The period judged, the delivered verdict and its reasons, named as in `svs assess`.
#[derive(Serialize)]
struct DeliveredValueOut<'a> {
    period: Option<&'a str>,
    verdict: &'static str,
    reasons: Vec<&'static str>,
}

fn delivered(value: &DeliveredValue) -> DeliveredValueOut<'_> {
    DeliveredValueOut {
        period: value.period.as_deref(),
        verdict: value.verdict.as_str(),
        reasons: value.reasons.iter().map(|r| r.as_str()).collect(),
    }
}

#[derive(Serialize)]
struct FindingsValue<'a> {
    introduced: Vec<FindingValue<'a>>,
    fixed: Vec<FindingValue<'a>>,
}

#[derive(Serialize)]
struct FindingValue<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    entity: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Summary {
    changed: usize,
    regressed: usize,
    improved: usize,
    newly_assessed: usize,
    added: usize,
    removed: usize,
    unchanged: usize,
    introduced: usize,
    introduced_errors: usize,
    fixed: usize,
    delivered_changed: usize,
    regression: bool,
}

fn version(version: &Version) -> VersionValue<'_> {
    VersionValue {
        catalogue: &version.catalogue,
        currency: version.currency.as_deref(),
        horizon_months: version.horizon_months,
        relationships: version.relationships.len(),
        net_value: version.net_value().map(Rounded),
        findings: version.findings.len(),
        suppressed: version.suppressed,
    }
}

fn assessment(value: &RelationshipValue) -> AssessmentValue<'_> {
    AssessmentValue {
        provider: &value.provider,
        consumer: &value.consumer,
        offering: &value.offering,
        verdict: value.verdict.as_str(),
        reasons: value.reasons.iter().map(|r| r.as_str()).collect(),
        utility: ScoreValue {
            score: Rounded(value.utility),
            fit_for_purpose: value.fit_for_purpose,
        },
        warranty: WarrantyValue {
            score: Rounded(value.warranty),
            fit_for_use: value.fit_for_use,
        },
        net_value: Rounded(value.net_value),
        provider_side: ProviderValue {
            margin: Rounded(value.margin),
            margin_pct: value.margin_pct.map(Rounded),
            verdict: value.provider_verdict.as_str(),
        },
        co_creation: value.co_creation.as_str(),
    }
}

fn finding(finding: &Finding) -> FindingValue<'_> {
    FindingValue {
        code: &finding.code,
        rule: &finding.rule,
        severity: finding.severity.as_str(),
        message: &finding.message,
        entity: finding.entity.as_deref(),
        file: &finding.file,
        line: finding.line,
        column: finding.column,
    }
}

/// Writes the diff document, pretty-printed, with a final newline.
pub fn render(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    use crate::diff::Change;
    let document = Document {
        old: version(&diff.old),
        new: version(&diff.new),
        relationships: diff
            .relationships
            .iter()
            .map(|c| ChangeValue {
                id: &c.id,
                change: c.change.as_str(),
                causes: c.causes.iter().map(|c| c.as_str()).collect(),
                regressions: c.regressions.iter().map(|a| a.as_str()).collect(),
                improvements: c.improvements.iter().map(|a| a.as_str()).collect(),
                old: c.old.as_ref().map(assessment),
                new: c.new.as_ref().map(assessment),
                delta: c.delta.map(|d| DeltaValue {
                    utility: Rounded(d.utility),
                    warranty: Rounded(d.warranty),
                    net_value: Rounded(d.net_value),
                    margin: Rounded(d.margin),
                }),
            })
            .collect(),
        delivered: diff
            .delivered
            .iter()
            .map(|c| DeliveredChangeValue {
                id: &c.id,
                old: delivered(&c.old),
                new: delivered(&c.new),
            })
            .collect(),
        findings: FindingsValue {
            introduced: diff.introduced.iter().map(finding).collect(),
            fixed: diff.fixed.iter().map(finding).collect(),
        },
        summary: Summary {
            changed: diff.count(Change::Changed),
            regressed: diff.regressed(),
            improved: diff.improved(),
            newly_assessed: diff.newly_assessed(),
            added: diff.count(Change::Added),
            removed: diff.count(Change::Removed),
            unchanged: diff.unchanged,
            introduced: diff.introduced.len(),
            introduced_errors: diff.introduced_errors(),
            fixed: diff.fixed.len(),
            delivered_changed: diff.delivered.len(),
            regression: diff.regression(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
