//! The command line: clap types, and [`run`], which parses arguments, runs one command
//! and turns its result into an [`ExitStatus`].
//!
//! Each command lives in its own file under `cli/` and follows the same path: load the
//! catalogue, compute, render to the writer it is given. `run` takes its writers and
//! environment as arguments, so the whole program can be driven from tests.

mod assess;
mod completions;
mod diff;
mod explain;
mod graph;
mod history;
mod import;
mod init;
mod lint;
mod lsp;
mod man;
mod reference;
mod report;
mod review;
mod roles;
mod schema;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Kind;

/// How a run ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success.
    Success = 0,
    /// 1: findings at or above `--fail-on` (or a failing verdict).
    Failure = 1,
    /// 2: usage error, unreadable input, or a catalogue that does not load.
    Error = 2,
}

/// What the process knows about where its output goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal.
    pub stderr_is_terminal: bool,
    /// The width of the terminal standard output goes to, when it goes to one.
    pub terminal_width: Option<usize>,
    /// Tunes the binary's allocator for a process that runs for hours and frees a whole
    /// catalogue at every change (`svs lsp`), when the allocator has something to tune.
    pub for_a_server: Option<fn()>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

const ABOUT: &str = "Service catalogue as code: lint ITIL 4 service definitions and assess \
the value of every service relationship";

const EXAMPLES: &str = "\
Examples:
  svs assess catalog/                    Does each relationship co-create value?
  svs assess catalog/ --format markdown  The same, for a pull request or job summary
  svs roles catalog/ --by-person         Who is customer, user or sponsor where
  svs graph catalog/ --format dot        The value network, for Graphviz
  svs lint catalog/                      Check every *.yaml file under catalog/
  svs lint catalog/ --format json        Findings as JSON, for CI or a baseline
  svs explain SVS104                     Why a rule matters and how to fix what it finds
  svs help format                        The catalogue format: every key, its range and default";

#[derive(Debug, Parser)]
#[command(name = "svs", version, about = ABOUT, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to use colour (auto honours `NO_COLOR` and whether stdout is a terminal)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print only what was asked for: no summary lines, no progress
    #[arg(short, long, global = true)]
    quiet: bool,

    /// Use at most N threads to read catalogue files: the files of a directory are read
    /// side by side, and a large file is cut into pieces read in parallel (default: one
    /// thread per core; 1 reads each file in one pass)
    #[arg(short, long, global = true, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess the value of every service relationship: utility, warranty, costs, risks
    Assess(assess::AssessArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// What changed in value between two versions of a catalogue
    Diff(diff::DiffArgs),
    /// Explain a rule: what it checks, why it matters, an example and the fix
    Explain(explain::ExplainArgs),
    /// Draw the value network: organisations, relationships and their dependencies
    Graph(graph::GraphArgs),
    /// Start a catalogue from another format's files (Backstage descriptors)
    Import(import::ImportArgs),
    /// Write a small, valid, commented starter catalogue
    Init(init::InitArgs),
    /// Check catalogue files: structure, references and lint rules (the CI entry point)
    Lint(lint::LintArgs),
    /// Run the language server on standard input and output, for editors
    Lsp(lsp::LspArgs),
    /// Print the manual page (roff)
    Man(man::ManArgs),
    /// Write a self-contained HTML value report for sponsors and customers
    Report(report::ReportArgs),
    /// Who holds which role (customer, user, sponsor, stakeholders) in each relationship
    Roles(roles::RolesArgs),
    /// Print the JSON Schema of the catalogue format, for editors
    Schema(schema::SchemaArgs),
    /// Each relationship's value along the catalogue's git history
    History(history::HistoryArgs),
    /// Write the pack for each relationship's joint review, in Markdown or HTML
    Review(review::ReviewArgs),
}

/// The whole command-line interface, for completions and the manual page.
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Options every command sees.
struct Context {
    /// Colour what goes to standard output.
    color: bool,
    /// Colour diagnostics on standard error.
    color_err: bool,
    quiet: bool,
    /// The terminal's width, when standard output is one.
    width: Option<usize>,
}

impl Context {
    /// How tables are laid out for standard output.
    fn layout(&self) -> crate::report::table::Layout {
        crate::report::table::Layout {
            color: self.color,
            quiet: self.quiet,
            width: self.width,
        }
    }
}

/// Parses `args` (including the program name), runs the command and reports how it
/// ended. Output goes to `out`, diagnostics to `err`.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    environment: Environment,
) -> ExitStatus {
    let args: Vec<OsString> = args.into_iter().collect();
    // `svs help format`, as `git help revisions`: a guide rather than a command's help.
    if args.len() == 3 && args[1] == "help" && args[2] == "format" {
        return match out
            .write_all(reference::text().as_bytes())
            .and_then(|()| out.flush())
        {
            Ok(()) => ExitStatus::Success,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success,
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                ExitStatus::Error
            }
        };
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let text = error.render().to_string();
            let (written, status) = if error.use_stderr() {
                (err.write_all(text.as_bytes()), ExitStatus::Error)
            } else {
                (out.write_all(text.as_bytes()), ExitStatus::Success)
            };
            return match written {
                Ok(()) => status,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
                Err(_) => ExitStatus::Error,
            };
        }
    };
    crate::load::set_jobs(cli.jobs);
    // A progress line only where a person watches: a terminal, not `--quiet`, not CI.
    crate::load::progress::enable(
        environment.stderr_is_terminal && !cli.quiet && std::env::var_os("CI").is_none(),
    );
    let context = Context {
        color: use_color(
            cli.color,
            environment.stdout_is_terminal,
            environment.no_color,
        ),
        color_err: use_color(
            cli.color,
            environment.stderr_is_terminal,
            environment.no_color,
        ),
        quiet: cli.quiet,
        width: environment
            .stdout_is_terminal
            .then_some(environment.terminal_width)
            .flatten(),
    };
    let result = match &cli.command {
        Command::Assess(args) => assess::run(args, &context, out, err),
        Command::Completions(args) => completions::run(args, &context, out, err),
        Command::Diff(args) => diff::run(args, &context, out, err),
        Command::Explain(args) => explain::run(args, &context, out, err),
        Command::Graph(args) => graph::run(args, &context, out, err),
        Command::Import(args) => import::run(args, &context, out, err),
        Command::Init(args) => init::run(args, &context, out, err),
        Command::Lint(args) => lint::run(args, &context, out, err),
        Command::Lsp(args) => {
            if let Some(tune) = environment.for_a_server {
                tune();
            }
            lsp::run(args, &context, out, err)
        }
        Command::Man(args) => man::run(args, &context, out, err),
        Command::Report(args) => report::run(args, &context, out, err),
        Command::Roles(args) => roles::run(args, &context, out, err),
        Command::Schema(args) => schema::run(args, &context, out, err),
        Command::History(args) => history::run(args, &context, out, err),
        Command::Review(args) => review::run(args, &context, out, err),
    };
    match result {
        Ok(status) => status,
        // A closed pipe (`svs lint | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitStatus::Success,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitStatus::Error
        }
    }
}

/// Whether to colour a stream: `--color` wins; `auto` colours a terminal unless
/// `NO_COLOR` is set.
fn use_color(choice: ColorChoice, is_terminal: bool, no_color: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    }
}

/// The message for a command-line id that names nothing, with a suggestion, or `None`
/// when `id` is one of `known`.
fn unknown_id<'a>(
    flag: &str,
    id: &str,
    kind: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    if known.clone().any(|k| k == id) {
        return None;
    }
    let hint = crate::suggest::closest(id, known)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Some(format!("error: {flag} {id}: no {kind} has this id{hint}"))
}

/// The audience of `--for ORG`, or the owners' when it is not given; a usage error
/// message when ORG names no organisation.
fn audience(
    catalogue: &crate::model::Catalogue,
    organization: Option<&str>,
) -> Result<crate::audience::Audience, String> {
    let Some(id) = organization else {
        return Ok(crate::audience::Audience::owners());
    };
    let ids = catalogue
        .organizations
        .iter()
        .map(|o| o.common.id.value.as_str());
    if let Some(message) = unknown_id("--for", id, Kind::Organization.noun(), ids.clone()) {
        return Err(message);
    }
    let index = ids.into_iter().position(|o| o == id).unwrap_or_default();
    Ok(crate::audience::Audience::organization(catalogue, index))
}

/// The date a command that judges dates (budgets, evidence, reviews, improvements) judges
/// them at: flattened into each such command, resolved by [`crate::calendar::as_of`].
#[derive(Debug, Clone, Copy, Default, Args)]
struct AsOf {
    /// Judge budgets, evidence and reviews at this date (YYYY-MM-DD), over the
    /// catalogue's `as_of`; default today (UTC)
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_as_of)]
    date: Option<jiff::civil::Date>,
}

impl AsOf {
    /// The as-of date for `catalogue`.
    fn resolve(self, catalogue: &crate::model::Catalogue) -> jiff::civil::Date {
        crate::calendar::as_of(self.date, &catalogue.metadata)
    }
}

/// Reads `--as-of`: an ISO 8601 calendar date that exists.
fn parse_as_of(text: &str) -> Result<jiff::civil::Date, String> {
    crate::model::parse_date(text)
}

/// The catalogue a command reads: its PATHs (the current directory when none is given)
/// and what to leave out of the directories among them.
#[derive(Debug, Args)]
struct Input {
    /// Catalogue files or directories, read together as one catalogue; a directory is
    /// walked for *.yaml / *.yml files, honouring `.svsignore` and, in a Git repository,
    /// `.gitignore`
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<std::path::PathBuf>,

    /// Leave out of directories the files and directories this glob matches (repeatable):
    /// it is tried on the name, the path below the directory given, and the path as shown
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl Input {
    /// Reads, parses and resolves the catalogue.
    fn load(&self) -> Result<crate::load::Loaded, crate::load::LoadError> {
        let exclude = crate::load::files::Exclude::new(&self.exclude)?;
        crate::load::load(&self.paths, &exclude)
    }
}

/// Loads a catalogue for a command that needs it resolved: when it does not
/// load, prints the findings to `err` and returns `None` (exit 2).
fn load_resolved(
    input: &Input,
    context: &Context,
    err: &mut dyn Write,
) -> anyhow::Result<Option<(crate::load::Loaded, crate::model::Catalogue)>> {
    let mut loaded = input.load()?;
    if let Some(catalogue) = loaded.catalogue.take() {
        return Ok(Some((loaded, catalogue)));
    }
    crate::report::human::render_diagnostics(
        err,
        &loaded.diagnostics,
        &loaded.sources,
        context.color_err,
    )?;
    let count = loaded.diagnostics.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    writeln!(
        err,
        "error: the catalogue does not load ({count} {noun}); `svs lint` lists them"
    )?;
    Ok(None)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_turns_auto_off_even_on_a_terminal() {
        assert!(use_color(ColorChoice::Auto, true, false));
        assert!(!use_color(ColorChoice::Auto, true, true));
        assert!(!use_color(ColorChoice::Auto, false, false));
        assert!(use_color(ColorChoice::Always, true, true));
        assert!(use_color(ColorChoice::Always, false, false));
        assert!(!use_color(ColorChoice::Never, true, false));
    }
}
