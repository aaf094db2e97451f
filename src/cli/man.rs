//! `svs man [COMMAND]`: the manual page, in roff, from the same clap definitions as
//! `--help`, so the page can never describe options the program does not have.
//!
//! `svs man` is svs(1), which lists the commands by the names of their own pages;
//! `svs man lint` is one of those, svs-lint(1), with that command's options. The examples
//! of each `--help` become the page's EXAMPLES section, and each page says what its exit
//! codes mean. `svs man format` is svs-format(5), the catalogue format reference
//! ([`super::reference`]).

use std::io::Write;

use clap::Args;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use super::{Context, ExitStatus};

const EXAMPLES: &str = "\
Examples:
  svs man | man -l -                         Read the manual page now
  svs man > ~/.local/share/man/man1/svs.1    Install it for `man svs`
  svs man lint > ~/.local/share/man/man1/svs-lint.1
  svs man format > ~/.local/share/man/man5/svs-format.5  The catalogue format, svs-format(5)";

/// Arguments of `svs man`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// Print the page of this command (svs-COMMAND(1)) instead of svs(1); `format` prints
    /// svs-format(5), the catalogue format reference. A nested command is named in full
    /// (`import backstage`) or as its page is (`import-backstage`)
    #[arg(value_name = "COMMAND")]
    command: Vec<String>,
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
    let page = match args.command.as_slice() {
        [] => svs,
        [name] if name == FORMAT_PAGE => {
            out.write_all(super::reference::roff().as_bytes())?;
            out.flush()?;
            return Ok(ExitStatus::Success);
        }
        names => {
            let Some(command) = find_command(&svs, names) else {
                writeln!(err, "{}", unknown_command(&svs, &names.join(" ")))?;
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

/// The command at the end of `names` (`["import", "backstage"]`), or named as its page
/// is (`import-backstage`).
fn find_command<'c>(svs: &'c clap::Command, names: &[String]) -> Option<&'c clap::Command> {
    let path: Vec<&str> = match names {
        [one] if svs.find_subcommand(one).is_none() => one.split('-').collect(),
        names => names.iter().map(String::as_str).collect(),
    };
    path.iter()
        .try_fold(svs, |command, name| command.find_subcommand(name))
}

/// The page that is not a command's: svs-format(5).
const FORMAT_PAGE: &str = "format";

/// Why `name` has no page, with the closest command's name and the list of them.
fn unknown_command(svs: &clap::Command, name: &str) -> String {
    let mut known: Vec<&str> = svs.get_subcommands().map(clap::Command::get_name).collect();
    known.push(FORMAT_PAGE);
    let hint = crate::suggest::closest(name, known.iter().copied())
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!(
        "error: svs has no page `{name}`{hint}; the pages are {}",
        known.join(", ")
    )
}

/// The page of `command`: `clap_mangen`'s sections, with the `--help` examples as an
/// EXAMPLES section set without filling, so each example keeps its own line.
fn render(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    // A command's page names the program and its version in the footer, as svs(1) does.
    // The synopsis is clap's usage line (`svs lint [OPTIONS] [PATH]...`), which marks
    // repeatable arguments, rather than clap_mangen's, which does not.
    let usage = command
        .clone()
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .to_owned();
    let command = &command.clone().override_usage(usage);
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
        nested_subcommands(command).to_writer(&mut sections)?;
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
    exit_status(command.get_name()).to_writer(&mut sections)?;
    let mut see_also = Roff::default();
    see_also.control("SH", ["SEE ALSO"]).text([roman(
        "svs-format(5), the catalogue format: `svs man format`, or `svs help format` as plain text",
    )]);
    see_also.to_writer(&mut sections)?;
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

/// The pages of nested commands (`svs-import-backstage(1)`), listed after the commands
/// they belong to, which `clap_mangen` does not go down to.
fn nested_subcommands(command: &clap::Command) -> Roff {
    let mut roff = Roff::default();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let parent = sub.get_display_name().unwrap_or_else(|| sub.get_name());
        for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            roff.control("TP", [])
                .text([roman(format!("{parent}-{}(1)", nested.get_name()))]);
            if let Some(about) = nested.get_about() {
                for line in about.to_string().lines() {
                    roff.text([roman(line)]);
                }
            }
        }
    }
    roff
}

/// The EXIT STATUS section of a command's page (or of svs(1), for `svs`).
fn exit_status(command: &str) -> Roff {
    let failure = match command {
        "svs" => Some(
            "lint found a finding at or above --fail-on, assess --fail-on found a \
             failing verdict, or diff --fail-on regression found a regression.",
        ),
        "lint" => Some("A finding at or above --fail-on (error unless told otherwise)."),
        "assess" => Some(
            "--fail-on no-value found a no-value verdict, or --fail-on unassessed a \
             no-value or unassessed one.",
        ),
        "diff" => Some("--fail-on regression found a regression."),
        _ => None,
    };
    let usage = match command {
        "assess" | "roles" | "graph" | "report" | "diff" | "svs" => {
            "A usage error, an unreadable path, or a catalogue that does not load."
        }
        "lint" => "A usage error or an unreadable path (findings, even structural ones, are 1).",
        "init" => "A usage error, a file that is already there, or one that cannot be written.",
        "import" | "backstage" => {
            "A usage error, an unreadable path, no Backstage entity in the input, or an \
             output directory that is not empty, lies inside an input or cannot be written."
        }
        "evidence" => {
            "A usage error, an unreadable file, a bad row or header (nothing is written), or \
             an output file that exists or cannot be written."
        }
        "review" => {
            "A usage error, a catalogue that does not load, no relationship matched (an \
             unknown id, or no management block), or an output file that exists."
        }
        _ => "A usage error.",
    };
    let mut roff = Roff::default();
    roff.control("SH", ["EXIT STATUS"]);
    roff.control("TP", [])
        .text([roman("0")])
        .text([roman("Success.")]);
    if let Some(failure) = failure {
        roff.control("TP", [])
            .text([roman("1")])
            .text([roman(failure)]);
    }
    roff.control("TP", [])
        .text([roman("2")])
        .text([roman(usage)]);
    roff
}
