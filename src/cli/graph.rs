//! `svs graph PATH...`: the value network, as Mermaid or Graphviz DOT.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus, load_resolved, unknown_id};
use crate::model::Kind;
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs graph catalog/                                 Mermaid, for GitHub Markdown
  svs graph catalog/ --format dot | dot -Tsvg > network.svg
  svs graph catalog/ --focus ledgerline              Only what is connected to ledgerline";

/// Arguments of `svs graph`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct GraphArgs {
    #[command(flatten)]
    input: super::Input,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,

    /// Keep only what is connected to this organisation through relationships and
    /// `depends_on` links, in either direction
    #[arg(long, value_name = "ORG")]
    focus: Option<String>,
}

/// Formats of `svs graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A Mermaid flowchart (renders in GitHub Markdown)
    Mermaid,
    /// Graphviz DOT
    Dot,
}

pub(super) fn run(
    args: &GraphArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some((_, catalogue)) = load_resolved(&args.input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let mut focus = None;
    if let Some(org) = &args.focus {
        let ids = catalogue
            .organizations
            .iter()
            .map(|o| o.common.id.value.as_str());
        if let Some(message) = unknown_id("--focus", org, Kind::Organization.noun(), ids.clone()) {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
        focus = ids.clone().position(|id| id == org);
    }
    let network = crate::graph::network(&catalogue, focus);
    match args.format {
        Format::Mermaid => report::mermaid::render_graph(out, &catalogue, &network)?,
        Format::Dot => report::dot::render_graph(out, &catalogue, &network)?,
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
