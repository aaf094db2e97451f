//! `svs assess PATH...`: the value assessment of every relationship, from both sides
//! (docs/format.md §5 and §8), or the provider or consumer portfolio with `--view
//! providers` or `--view consumers`.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus, audience, load_resolved, unknown_id};
use crate::assess::delivered::DeliveredVerdict;
use crate::assess::provision::ProviderVerdict;
use crate::assess::{Assessment, Verdict};
use crate::audience::Audience;
use crate::model::{Kind, Period};
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs assess catalog/                              Every relationship, as a table
  svs assess catalog/ --wide                       With reasons, unmet checks and cost by dimension
  svs assess catalog/ --format json                The stable JSON report
  svs assess catalog/ --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  svs assess catalog/ --view providers             Each provider's revenue, cost by dimension and margin
  svs assess catalog/ --view consumers             Each consumer's costs, risks and net value
  svs assess catalog/ --consumer acme --fail-on no-value
  svs assess catalog/ --for harbour                Harbour's relationships, for its eyes
  svs assess catalog/ --fail-on unsustainable      Exit 1 when a provider cannot sustain a relationship
  svs assess catalog/ --period 2026-Q2             What was delivered in that quarter
  svs assess catalog/ --fail-on short              Exit 1 when a relationship delivered short
  svs assess catalog/ --as-of 2027-01-31 --format json   Budgets and evidence judged on that day";

/// Arguments of `svs assess`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct AssessArgs {
    #[command(flatten)]
    input: super::Input,

    #[command(flatten)]
    judged_at: super::AsOf,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Add the reasons, missing outcomes, unmet warranty checks and the provider's cost of
    /// provision by dimension to the table
    #[arg(long)]
    wide: bool,

    /// What to show: each relationship from both sides, or each provider's or consumer's
    /// portfolio
    #[arg(long, value_enum, default_value_t = View::Relationships)]
    view: View,

    /// Assess only this relationship (repeatable)
    #[arg(long = "relationship", value_name = "ID")]
    relationships: Vec<String>,

    /// Assess only relationships with this consumer organisation
    #[arg(long, value_name = "ORG")]
    consumer: Option<String>,

    /// Assess only relationships with this provider organisation
    #[arg(long, value_name = "ORG")]
    provider: Option<String>,

    /// For this organisation's eyes: only its relationships (and its units'), without
    /// the provider's side of those it consumes, and only its own portfolio entry
    #[arg(long = "for", value_name = "ORG")]
    for_organization: Option<String>,

    /// Judge what was delivered in this period (YYYY, YYYY-Qn or YYYY-MM); without it,
    /// each relationship's latest period with evidence
    #[arg(long, value_name = "PERIOD", value_parser = Period::parse)]
    period: Option<Period>,

    /// Exit 1 when a verdict is this bad: `no-value`, `unassessed` (which also fails on
    /// `no-value`), `unsustainable` (a provider verdict) or `short` (a delivered verdict)
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
}

/// What `svs assess` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum View {
    /// Each relationship: the consumer's side, the provider's, and co-creation
    Relationships,
    /// Each provider's revenue, cost of provision and margin over its relationships
    Providers,
    /// Each consumer's costs, risks and net value over its relationships
    Consumers,
}

/// Formats of `svs assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal
    Table,
    /// The stable JSON report
    Json,
    /// Markdown with a quadrant chart, for pull requests and job summaries
    Markdown,
    /// One row per relationship, for spreadsheets
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// A consumer verdict `no-value`
    NoValue,
    /// A consumer verdict `no-value` or `unassessed`
    Unassessed,
    /// A provider verdict `unsustainable`
    Unsustainable,
    /// A delivered verdict `short`
    Short,
}

impl FailOn {
    /// Why an assessment fails this threshold, or `None` when it passes. A provider's
    /// side the audience does not see fails nothing.
    fn failure(self, a: &Assessment, provider_side: bool) -> Option<String> {
        let reasons = |list: Vec<&str>| list.join(", ");
        match self {
            FailOn::NoValue | FailOn::Unassessed
                if a.verdict == Verdict::NoValue
                    || (self == FailOn::Unassessed && a.verdict == Verdict::Unassessed) =>
            {
                Some(format!(
                    "{} ({})",
                    a.verdict.as_str(),
                    reasons(a.reasons.iter().map(|r| r.as_str()).collect())
                ))
            }
            FailOn::Unsustainable
                if provider_side && a.provider.verdict == ProviderVerdict::Unsustainable =>
            {
                Some(format!(
                    "unsustainable for the provider ({})",
                    reasons(a.provider.reasons.iter().map(|r| r.as_str()).collect())
                ))
            }
            FailOn::Short if a.delivered.verdict == DeliveredVerdict::Short => {
                let period = a
                    .delivered
                    .period
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                Some(format!(
                    "short in {period} ({})",
                    reasons(a.delivered.reasons.iter().map(|r| r.as_str()).collect())
                ))
            }
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FailOn::NoValue => "no-value",
            FailOn::Unassessed => "unassessed",
            FailOn::Unsustainable => "unsustainable",
            FailOn::Short => "short",
        }
    }
}

pub(super) fn run(
    args: &AssessArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some((_, catalogue)) = load_resolved(&args.input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let orgs = || {
        catalogue
            .organizations
            .iter()
            .map(|o| o.common.id.value.as_str())
    };
    let ids = || {
        catalogue
            .relationships
            .iter()
            .map(|r| r.common.id.value.as_str())
    };
    let problems = [
        ("--consumer", &args.consumer),
        ("--provider", &args.provider),
    ]
    .into_iter()
    .filter_map(|(flag, id)| Some((flag, id.as_deref()?)))
    .filter_map(|(flag, id)| unknown_id(flag, id, Kind::Organization.noun(), orgs()))
    .chain(
        args.relationships
            .iter()
            .filter_map(|id| unknown_id("--relationship", id, "relationship", ids())),
    );
    if let Some(message) = problems.into_iter().next() {
        writeln!(err, "{message}")?;
        return Ok(ExitStatus::Error);
    }
    let audience = match audience(&catalogue, args.for_organization.as_deref()) {
        Ok(audience) => audience,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let selected: Vec<usize> = catalogue
        .relationships
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            args.relationships.is_empty() || args.relationships.contains(&r.common.id.value)
        })
        .filter(|(_, r)| args.consumer.as_ref().is_none_or(|c| **c == *r.consumer.id))
        .filter(|(_, r)| args.provider.as_ref().is_none_or(|p| **p == *r.provider.id))
        .filter(|(_, r)| audience.keeps(r))
        .map(|(i, _)| i)
        .collect();
    let as_of = args.judged_at.resolve(&catalogue);
    let mut evaluation = crate::assess::evaluate_at(&catalogue, &selected, args.period, as_of)?;
    evaluation.providers.retain(|p| audience.sees_portfolio(p));
    render(args, context, out, &catalogue, &evaluation, &audience)?;
    out.flush()?;
    if catalogue.relationships.is_empty() && !context.quiet {
        no_relationships(err, &catalogue, "there is nothing to assess")?;
    }
    let Some(fail_on) = args.fail_on else {
        return Ok(ExitStatus::Success);
    };
    fail(
        fail_on,
        &catalogue,
        &evaluation.relationships,
        &audience,
        err,
    )
}

/// Why a table of relationships is empty when the catalogue has none, and how to add
/// one: the first thing a fresh catalogue (an import without consumption across owners,
/// a new file) lacks. The example names the catalogue's own first offering when it has
/// one, so that it can be pasted.
pub(super) fn no_relationships(
    err: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    consequence: &str,
) -> std::io::Result<()> {
    writeln!(
        err,
        "note: the catalogue has no service relationships, so {consequence}: a relationship \
         is a consumer organisation using a provider's offering"
    )?;
    let (provider, consumer, offering) = match catalogue.offerings.first() {
        Some(o) => (
            &*o.provider.id,
            catalogue
                .organizations
                .iter()
                .map(|org| org.common.id.value.as_str())
                .find(|&id| id != &*o.provider.id)
                .unwrap_or("CONSUMER"),
            o.common.id.value.as_str(),
        ),
        None => ("PROVIDER", "CONSUMER", "OFFERING"),
    };
    writeln!(
        err,
        "help: add one under `relationships:` (`svs help format` describes its keys), for \
         example:\n  relationships:\n    - id: {consumer}-uses-{offering}\n      provider: \
         {provider}\n      consumer: {consumer}\n      offering: {offering}"
    )
}

fn render(
    args: &AssessArgs,
    context: &Context,
    out: &mut dyn Write,
    catalogue: &crate::model::Catalogue,
    evaluation: &crate::assess::Evaluation,
    audience: &Audience,
) -> std::io::Result<()> {
    let assessments = &evaluation.relationships;
    let view = match (args.view, args.format) {
        (View::Relationships, Format::Json) => {
            let as_of = args.judged_at.resolve(catalogue);
            return report::json::render_assessment(out, catalogue, evaluation, audience, as_of);
        }
        (View::Providers, Format::Json) => {
            let as_of = args.judged_at.resolve(catalogue);
            return report::json::render_providers(out, catalogue, &evaluation.providers, as_of);
        }
        (View::Consumers, Format::Json) => {
            let as_of = args.judged_at.resolve(catalogue);
            return report::json::render_consumers(out, catalogue, &evaluation.consumers, as_of);
        }
        (View::Relationships, _) => {
            report::views::assessment(catalogue, assessments, audience, args.wide)
        }
        (View::Providers, _) => report::views::providers(catalogue, &evaluation.providers),
        (View::Consumers, _) => report::views::consumers(catalogue, &evaluation.consumers),
    };
    match args.format {
        Format::Table => report::table::write(out, &view, context.layout()),
        Format::Markdown => report::markdown::write(out, &view),
        Format::Csv => report::csv::write(out, &view),
        Format::Json => Ok(()),
    }
}

/// Exit 1, saying which relationships fail `--fail-on` and why, when any does.
fn fail(
    fail_on: FailOn,
    catalogue: &crate::model::Catalogue,
    assessments: &[Assessment],
    audience: &Audience,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let failures: Vec<(&str, String)> = assessments
        .iter()
        .filter_map(|a| {
            let r = &catalogue.relationships[a.relationship];
            let id = r.common.id.value.as_str();
            Some((id, fail_on.failure(a, audience.sees_provider_side(r))?))
        })
        .collect();
    if failures.is_empty() {
        return Ok(ExitStatus::Success);
    }
    let noun = if failures.len() == 1 {
        "relationship fails"
    } else {
        "relationships fail"
    };
    writeln!(
        err,
        "error: {} {noun} --fail-on {}:",
        failures.len(),
        fail_on.as_str()
    )?;
    for (id, why) in &failures {
        writeln!(err, "  {id}: {why}")?;
    }
    Ok(ExitStatus::Failure)
}
