//! `svs lsp`: starts the language server ([`crate::lsp`]) on standard input and output.

use std::io::Write;

use clap::Args;

use super::{Context, ExitStatus};

const EXAMPLES: &str = "\
Examples:
  svs lsp    Started by an editor, never by hand: docs/editors.md has the set-ups";

/// Arguments of `svs lsp`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct LspArgs {}

pub(super) fn run(
    _args: &LspArgs,
    _context: &Context,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    // The protocol owns standard output: nothing else may be written there.
    let (connection, io_threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection)?;
    drop(connection);
    io_threads.join()?;
    Ok(ExitStatus::Success)
}
