//! `svs schema`: the JSON Schema of the catalogue file format, for editors.
//!
//! The schema itself is built by [`crate::schema`]; this command only prints it, so that
//! it can be saved next to a catalogue (`svs schema > svs.schema.json`) and named by a
//! `# yaml-language-server: $schema=…` line or an editor's settings.

use std::io::Write;

use clap::Args;

use super::{Context, ExitStatus};

const EXAMPLES: &str = "\
Examples:
  svs schema > svs.schema.json    Save the schema next to the catalogue
  Then start each catalogue file with:
    # yaml-language-server: $schema=./svs.schema.json";

/// Arguments of `svs schema`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SchemaArgs {}

pub(super) fn run(
    _args: &SchemaArgs,
    _context: &Context,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let schema = crate::schema::catalogue_schema();
    // Rendered whole before writing, so that a failure never leaves half a schema.
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
