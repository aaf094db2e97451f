//! `svs explain [CODE]`: what a rule checks and why, with an example and the fix; with no
//! code, the list of every code.

use std::io::Write;

use clap::Args;

use super::{Context, ExitStatus};
use crate::diagnostic::{Code, codes, find_rule, suggest_rules};
use crate::lint::rules;

const EXAMPLES: &str = "\
Examples:
  svs explain                              Every code with its name, default severity and summary
  svs explain SVS104                       Why goods must transfer ownership, and the fix
  svs explain goods-ownership-retained     The same, by name";

/// Arguments of `svs explain`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ExplainArgs {
    /// A code (`SVS104`) or rule name (`goods-ownership-retained`)
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

pub(super) fn run(
    args: &ExplainArgs,
    _context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some(text) = &args.code else {
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
        out.flush()?;
        return Ok(ExitStatus::Success);
    };
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
