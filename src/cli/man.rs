//! `svs man [COMMAND]`: the manual page, in roff, from the same clap definitions as
//! `--help`, so the page can never describe options the program does not have.
//!
//! `svs man` is svs(1), which lists the commands by the names of their own pages;
//! `svs man lint` is one of those, svs-lint(1), with that command's options. The examples
//! of each `--help` become the page's EXAMPLES section.

use std::io::Write;

use clap::Args;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use super::{Context, ExitStatus};

const EXAMPLES: &str = "\
Examples:
  svs man | man -l -                         Read the manual page now
  svs man > ~/.local/share/man/man1/svs.1    Install it for `man svs`
  svs man lint > ~/.local/share/man/man1/svs-lint.1";

/// Arguments of `svs man`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// Print the page of this command (svs-COMMAND(1)) instead of svs(1)
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub(super) fn run(
    args: &ManArgs,
    _context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    // The `help` pseudo-command has no page of its own: `--help` is on every page.
    let mut svs = super::command().disable_help_subcommand(true);
    svs.build();
    let page = match &args.command {
        None => svs,
        Some(name) => {
            let Some(command) = svs.find_subcommand(name) else {
                writeln!(err, "{}", unknown_command(&svs, name))?;
                return Ok(ExitStatus::Error);
            };
            command.clone()
        }
    };
    // Rendered whole before writing, so that a failure never leaves half a page.
    let mut page_text = Vec::new();
    render(&page, &mut page_text)?;
    out.write_all(&page_text)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// Why `name` has no page, with the closest command's name and the list of them.
fn unknown_command(svs: &clap::Command, name: &str) -> String {
    let known: Vec<&str> = svs.get_subcommands().map(clap::Command::get_name).collect();
    let hint = crate::suggest::closest(name, known.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!(
        "error: svs has no command `{name}`{hint}; the commands are {}",
        known.join(", ")
    )
}

/// The page of `command`: `clap_mangen`'s sections, with the `--help` examples as an
/// EXAMPLES section set without filling, so each example keeps its own line.
fn render(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    // A command's page names the program and its version in the footer, as svs(1) does.
    let man = Man::new(command.clone()).source(concat!("svs ", env!("CARGO_PKG_VERSION")));
    let mut sections: Vec<u8> = Vec::new();
    man.render_title(&mut sections)?;
    man.render_name_section(&mut sections)?;
    man.render_synopsis_section(&mut sections)?;
    man.render_description_section(&mut sections)?;
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        man.render_options_section(&mut sections)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut sections)?;
    }
    if let Some(after_help) = command.get_after_help() {
        let text = after_help.to_string();
        let mut roff = Roff::default();
        roff.control("SH", ["EXAMPLES"]).control("nf", []);
        for line in text.lines().filter(|l| l.trim_end() != "Examples:") {
            roff.text([roman(line)]);
        }
        roff.control("fi", []);
        roff.to_writer(&mut sections)?;
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut sections)?;
    }
    // Each section rendered on its own repeats roff's two-line preamble: keep the first.
    let text = String::from_utf8_lossy(&sections);
    let mut lines = text.lines().peekable();
    let mut preamble_seen = false;
    while let Some(line) = lines.next() {
        if line.starts_with(".ie \\n(.g .ds Aq")
            && lines.peek().is_some_and(|l| l.starts_with(".el .ds Aq"))
        {
            if preamble_seen {
                lines.next();
                continue;
            }
            preamble_seen = true;
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
