//! `svs explain [CODE] [PATH...]`: what a rule checks and why, with an example and the
//! fix; with no code, the list of every code. A custom rule's code (`ACME001`) is looked
//! up in the catalogue at PATH (`.` by default), and `--list PATH...` adds the
//! catalogue's own rules to the list.

use std::io::Write;

use clap::Args;

use super::{Context, ExitStatus};
use crate::diagnostic::{Code, codes, find_rule, suggest_rules};
use crate::lint::rules;

const EXAMPLES: &str = "\
Examples:
  svs explain                              Every code with its name, default severity and summary
  svs explain SVS104                       Why goods must transfer ownership, and the fix
  svs explain goods-ownership-retained     The same, by name
  svs explain ACME001 catalog/             A custom rule of the catalogue in catalog/
  svs explain --list catalog/              Every code, the catalogue's own rules included";

/// Arguments of `svs explain`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ExplainArgs {
    /// A code (`SVS104`, or a custom rule's `ACME001`) or rule name
    /// (`goods-ownership-retained`)
    #[arg(value_name = "CODE")]
    code: Option<String>,

    /// The catalogue whose custom rules to look in (default `.`)
    #[arg(value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,

    /// List every code, the custom rules of the catalogue at PATH included (then every
    /// argument is a PATH)
    #[arg(long)]
    list: bool,
}

/// The custom rules of the catalogue at `paths` (`.` when none), or `None` with the
/// reason when it cannot be read or does not load.
fn custom_rules(
    paths: &[std::path::PathBuf],
) -> Result<Vec<std::sync::Arc<crate::diagnostic::CustomCode>>, String> {
    let paths = if paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let exclude = crate::load::files::Exclude::new(&[]).map_err(|e| e.to_string())?;
    let loaded = crate::load::load(&paths, &exclude).map_err(|e| e.to_string())?;
    match &loaded.catalogue {
        Some(catalogue) => Ok(crate::lint::custom::codes(catalogue)),
        None => Err(format!(
            "the catalogue does not load ({} structural findings; `svs lint` shows them)",
            loaded.diagnostics.len()
        )),
    }
}

fn list(
    out: &mut dyn Write,
    custom: &[std::sync::Arc<crate::diagnostic::CustomCode>],
) -> std::io::Result<()> {
    for code in codes::ALL {
        writeln!(
            out,
            "{}  {:<36} {:<8} {}",
            code.code,
            code.name,
            code.default.as_str(),
            code.summary
        )?;
    }
    for code in custom {
        writeln!(
            out,
            "{}  {:<36} {:<8} {} (custom)",
            code.code,
            code.name,
            code.default.as_str(),
            code.summary
        )?;
    }
    Ok(())
}

pub(super) fn run(
    args: &ExplainArgs,
    _context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if args.list {
        let mut paths: Vec<std::path::PathBuf> = args.code.iter().map(Into::into).collect();
        paths.extend(args.paths.iter().cloned());
        let custom = match custom_rules(&paths) {
            Ok(custom) => custom,
            // With no PATH, `.` is only a guess: when it is no catalogue, the built-in
            // rules are still worth listing.
            Err(reason) if paths.is_empty() => {
                writeln!(
                    err,
                    "note: no custom rules listed: `.` {}; pass the catalogue's PATH to list its rules",
                    reason.trim_start_matches("the catalogue ")
                )?;
                Vec::new()
            }
            Err(reason) => {
                writeln!(err, "error: {reason}")?;
                return Ok(ExitStatus::Error);
            }
        };
        list(out, &custom)?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    let Some(text) = &args.code else {
        list(out, &[])?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    };
    if find_rule(text).is_none() && crate::diagnostic::is_custom_code(text) {
        let custom = match custom_rules(&args.paths) {
            Ok(custom) => custom,
            Err(reason) => {
                writeln!(err, "error: cannot look up {text}: {reason}")?;
                return Ok(ExitStatus::Error);
            }
        };
        let Some(code) = custom.iter().find(|c| c.code == *text) else {
            writeln!(
                err,
                "error: `{text}` is not a code svs knows, and no custom rule of the catalogue has it"
            )?;
            writeln!(err, "`svs explain --list PATH` lists them all")?;
            return Ok(ExitStatus::Error);
        };
        writeln!(out, "{} {}", code.code, code.name)?;
        writeln!(out, "Default severity: {}", code.default.as_str())?;
        writeln!(out)?;
        write!(out, "{}", code.doc)?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    let Some(code) = find_rule(text) else {
        let all: Vec<&'static Code> = codes::ALL.iter().collect();
        writeln!(
            err,
            "error: `{text}` is not a code or rule name svs knows{}",
            did_you_mean(text, &suggest_rules(text, &all))
        )?;
        writeln!(err, "`svs explain` lists them all")?;
        return Ok(ExitStatus::Error);
    };
    writeln!(out, "{} {}", code.code, code.name)?;
    writeln!(out, "Default severity: {}", code.default.as_str())?;
    writeln!(out)?;
    if let Some(rule) = rules::find(code.code) {
        write!(out, "{}", rule.doc())?;
    } else {
        writeln!(out, "{}.", capitalise(code.summary))?;
        writeln!(out)?;
        writeln!(
            out,
            "This is a structural check: the catalogue cannot be read past it, so it is always \
             an error and cannot be allowed, re-levelled or baselined. The finding's message \
             and help line say what to change; `svs help format` describes every key."
        )?;
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// ` (did you mean …?)` for the suggestions of [`suggest_rules`], naming each by what
/// `text` looked like (a code, or a name) with the other in brackets; empty when there
/// are none.
pub(super) fn did_you_mean(text: &str, suggestions: &[&Code]) -> String {
    let code_like = text.trim().to_ascii_lowercase().starts_with("svs");
    let shown: Vec<String> = suggestions
        .iter()
        .map(|c| {
            if code_like {
                format!("`{}` ({})", c.code, c.name)
            } else {
                format!("`{}` ({})", c.name, c.code)
            }
        })
        .collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => format!(" (did you mean {one}?)"),
        [init @ .., last] => format!(" (did you mean {} or {last}?)", init.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
