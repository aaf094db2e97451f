//! `svs diff --format markdown`: the diff as GitHub-flavoured Markdown, made for a
//! pull-request comment. A regression is called out first; then the summary, the
//! relationships that changed and the findings introduced and fixed.

use std::io::{self, Write};

use super::table::location;
use super::{Label, Words, catalogue_name, causes, cells, label, summary};
use crate::assess::Verdict;
use crate::assess::provision::ProviderVerdict;
use crate::diff::Diff;
use crate::report::markdown::escape as cell;

fn verdict(verdict: Verdict) -> String {
    match verdict {
        Verdict::Value => "✅ value",
        Verdict::NoValue => "❌ no-value",
        Verdict::Unassessed => "❔ unassessed",
    }
    .to_owned()
}

fn provider_verdict(verdict: ProviderVerdict) -> String {
    match verdict {
        ProviderVerdict::Sustainable => "✅ sustainable",
        ProviderVerdict::Unsustainable => "❌ unsustainable",
        ProviderVerdict::Unassessed => "❔ unassessed",
    }
    .to_owned()
}

/// Writes the Markdown report.
pub fn render(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    writeln!(out, "## Value diff: {}\n", cell(&catalogue_name(diff)))?;
    if diff.regression() {
        writeln!(
            out,
            "⚠️ **Regression:** a verdict, score or net value got worse, a provider's \
             verdict went from sustainable to unsustainable, co-creation stopped being \
             mutual, or a new error finding appeared.\n"
        )?;
    }
    writeln!(out, "**{}**", cell(&summary(diff)))?;
    if !diff.relationships.is_empty() {
        writeln!(
            out,
            "\n| Relationship | Change | Causes | Provider → Consumer | Offering | Verdict | Utility | Warranty | Net value / year | Provider margin / year | Provider verdict | Co-creation |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|--:|--:|--:|--:|---|---|")?;
        for change in &diff.relationships {
            let text = cells(
                diff,
                change,
                Words {
                    verdict,
                    provider: provider_verdict,
                },
            );
            let word = match label(change) {
                Label::Regressed => "🔻 regressed",
                Label::Improved => "🔺 improved",
                other => other.as_str(),
            };
            writeln!(
                out,
                "| `{}` | {word} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                change.id,
                causes(change),
                cell(&text.parties),
                cell(&text.offering),
                text.verdict,
                text.utility,
                text.warranty,
                text.net_value,
                text.margin,
                text.provider_verdict,
                text.co_creation,
            )?;
        }
    }
    if !diff.introduced.is_empty() || !diff.fixed.is_empty() {
        writeln!(out, "\n### Lint findings\n")?;
        writeln!(
            out,
            "| Finding | Severity | Code | Entity | Message | Location |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        let rows = diff
            .introduced
            .iter()
            .map(|f| ("introduced", f))
            .chain(diff.fixed.iter().map(|f| ("fixed", f)));
        for (word, finding) in rows {
            let entity = finding
                .entity
                .as_deref()
                .map_or_else(|| "—".to_owned(), |e| format!("`{e}`"));
            writeln!(
                out,
                "| {word} | {} | `{}` | {entity} | {} | `{}` |",
                finding.severity,
                &finding.code,
                cell(&finding.message),
                cell(&location(finding)),
            )?;
        }
    }
    Ok(())
}
