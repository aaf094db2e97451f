//! `svs lint PATH...`: structural checks and lint rules, the CI entry point.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, ExitStatus};
use crate::diagnostic::{Code, Severity, codes, find_rule, suggest_rules};
use crate::lint::baseline::Baseline;
use crate::lint::severity::CommandLine;
use crate::report;

const EXAMPLES: &str = "\
Examples:
  svs lint catalog/                            Every *.yaml / *.yml file under catalog/, as one catalogue
  svs lint                                     The same for the current directory
  svs lint catalog/ --exclude 'deploy/**'      Leave out other YAML (or list it in .svsignore)
  svs lint catalog/ --format github            Annotations on a GitHub pull request
  svs lint catalog/ --format sarif > svs.sarif Code scanning upload
  svs lint catalog/ --fail-on warning          Exit 1 on warnings too
  svs lint catalog/ --allow SVS109 --deny SVS302
  svs lint catalog/ --format json > baseline.json && svs lint catalog/ --baseline baseline.json";

/// Arguments of `svs lint`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct LintArgs {
    #[command(flatten)]
    input: super::Input,

    #[command(flatten)]
    judged_at: super::AsOf,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    fail_on: FailOn,

    /// Silence a rule, by code or name, the catalogue's own rules by code (repeatable); wins
    /// over the catalogue's `lint:` block
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,

    /// Report a rule as a warning, by code or name (repeatable)
    #[arg(long, value_name = "CODE")]
    warn: Vec<String>,

    /// Report a rule as an error, by code or name (repeatable)
    #[arg(long, value_name = "CODE")]
    deny: Vec<String>,

    /// Report only findings not recorded in this file (written earlier by `--format json`)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

/// Formats of `svs lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Snippets in the style of rustc, each with its file, line and column
    Human,
    /// Stable JSON: findings and a summary (also a baseline)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands, which annotate pull requests
    Github,
    /// `JUnit` XML: one test case per file, a failure per finding
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Checks codes given to `--allow`, `--warn` or `--deny`: known (by code or rule name),
/// and not structural.
fn rule_codes(flag: &str, given: &[String]) -> Result<Vec<String>, String> {
    given
        .iter()
        .map(|text| match find_rule(text) {
            Some(code) if code.is_structural() => Err(format!(
                "error: {flag} {text}: structural checks (SVS001–SVS010) cannot be re-levelled"
            )),
            Some(code) => Ok(code.code.to_owned()),
            // A custom rule's code: checked against the catalogue's rules once it is read.
            None if crate::diagnostic::is_custom_code(text) => Ok(text.clone()),
            None => {
                let rules: Vec<&'static Code> =
                    codes::ALL.iter().filter(|c| !c.is_structural()).collect();
                let hint = super::explain::did_you_mean(text, &suggest_rules(text, &rules));
                Err(format!(
                    "error: {flag} {text}: no rule has this code or name{hint}"
                ))
            }
        })
        .collect()
}

pub(super) fn run(
    args: &LintArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let levels = (|| {
        Ok::<_, String>(CommandLine {
            allow: rule_codes("--allow", &args.allow)?,
            warn: rule_codes("--warn", &args.warn)?,
            deny: rule_codes("--deny", &args.deny)?,
        })
    })();
    let levels = match levels {
        Ok(levels) => levels,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let loaded = args.input.load()?;
    if let Some(catalogue) = &loaded.catalogue {
        let flags = [
            ("--allow", &levels.allow),
            ("--warn", &levels.warn),
            ("--deny", &levels.deny),
        ];
        for (flag, codes) in flags {
            let unknown = codes.iter().find(|code| {
                crate::diagnostic::is_custom_code(code)
                    && !catalogue.rules.iter().any(|r| &r.code.value == *code)
            });
            if let Some(code) = unknown {
                writeln!(
                    err,
                    "error: {flag} {code}: neither svs nor the catalogue has a rule with this code"
                )?;
                writeln!(err, "`svs explain --list PATH` lists them all")?;
                return Ok(ExitStatus::Error);
            }
        }
    }
    let report = crate::lint::lint(
        &loaded,
        crate::lint::Options {
            levels,
            baseline,
            judged_at: args.judged_at.date,
        },
    );
    match args.format {
        Format::Human => {
            report::human::render_lint(
                out,
                &report,
                &loaded.sources,
                context.color,
                context.quiet,
            )?;
        }
        Format::Json => report::json::render_lint(out, &report, &loaded.sources)?,
        Format::Sarif => report::sarif::render_lint(out, &report, &loaded.sources)?,
        Format::Github => report::github::render_lint(out, &report, &loaded.sources)?,
        Format::Junit => report::junit::render_lint(out, &report, &loaded.sources)?,
    }
    out.flush()?;
    Ok(if report.fails(args.fail_on.into()) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
