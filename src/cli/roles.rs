//! `svs roles PATH...`: who holds which role in each relationship, or (`--by-person`)
//! which roles each person holds.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus, load_resolved, unknown_id};
use crate::model::Kind;
use crate::report;
use crate::roles;

const EXAMPLES: &str = "\
Examples:
  svs roles catalog/                               Customer, user, sponsor and stakeholders per relationship
  svs roles catalog/ --by-person                   Every person and the roles they hold
  svs roles catalog/ --organization ledgerline     Relationships where ledgerline provides or consumes
  svs roles catalog/ --format json";

/// Arguments of `svs roles`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct RolesArgs {
    #[command(flatten)]
    input: super::Input,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// List every person with the relationships and roles they hold, directly or through
    /// a group (people with no role last)
    #[arg(long)]
    by_person: bool,

    /// Only this relationship (repeatable)
    #[arg(long = "relationship", value_name = "ID")]
    relationships: Vec<String>,

    /// Only relationships this organisation provides or consumes; with --by-person, only
    /// its people
    #[arg(long, value_name = "ORG")]
    organization: Option<String>,
}

/// Formats of `svs roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal
    Table,
    /// Stable JSON
    Json,
    /// Markdown
    Markdown,
}

pub(super) fn run(
    args: &RolesArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some((_, catalogue)) = load_resolved(&args.input, context, err)? else {
        return Ok(ExitStatus::Error);
    };
    let orgs = catalogue
        .organizations
        .iter()
        .map(|o| o.common.id.value.as_str());
    if let Some(org) = &args.organization {
        if let Some(message) = unknown_id("--organization", org, Kind::Organization.noun(), orgs) {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
    }
    let ids = || {
        catalogue
            .relationships
            .iter()
            .map(|r| r.common.id.value.as_str())
    };
    for id in &args.relationships {
        if let Some(message) = unknown_id("--relationship", id, "relationship", ids()) {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
    }
    let org = args.organization.as_deref();
    let selected: Vec<usize> = catalogue
        .relationships
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            args.relationships.is_empty() || args.relationships.contains(&r.common.id.value)
        })
        .filter(|(_, r)| org.is_none_or(|o| *r.provider.id == *o || *r.consumer.id == *o))
        .map(|(i, _)| i)
        .collect();
    if args.by_person {
        let held = roles::roles_by_person(&catalogue, &selected);
        let people: Vec<usize> = roles::person_order(&held)
            .into_iter()
            .filter(|&p| org.is_none_or(|o| *catalogue.people[p].organization.id == *o))
            .collect();
        match args.format {
            Format::Table => {
                report::table::render_people(out, &catalogue, &people, &held, context.color)?;
            }
            Format::Json => report::json::render_people(out, &catalogue, &people, &held)?,
            Format::Markdown => report::markdown::render_people(out, &catalogue, &people, &held)?,
        }
    } else {
        let roles = roles::relationship_roles(&catalogue, &selected)?;
        match args.format {
            Format::Table => report::table::render_roles(out, &catalogue, &roles, context.color)?,
            Format::Json => report::json::render_roles(out, &catalogue, &roles)?,
            Format::Markdown => report::markdown::render_roles(out, &catalogue, &roles)?,
        }
    }
    out.flush()?;
    if catalogue.relationships.is_empty() && !context.quiet {
        super::assess::no_relationships(err, &catalogue, "there are no roles to show")?;
    }
    Ok(ExitStatus::Success)
}
