//! `svs explain [CODE]`: what a rule checks and why, with an example and the fix; with no
//! code, the list of every code.

use std::io::Write;

use clap::Args;

use super::{Context, ExitStatus};
use crate::diagnostic::{Code, codes, find_code};
use crate::lint::rules;
use crate::suggest::closest;

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

fn lookup(text: &str) -> Option<&'static Code> {
    find_code(text).or_else(|| codes::ALL.iter().find(|c| c.name == text))
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
    let Some(code) = lookup(text) else {
        let candidates = codes::ALL.iter().flat_map(|c| [c.code, c.name]);
        let hint = closest(
            &text.to_ascii_uppercase(),
            codes::ALL.iter().map(|c| c.code),
        )
        .or_else(|| closest(text, candidates))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
        writeln!(
            err,
            "error: `{text}` is not a code or rule name svs knows{hint}"
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
             and help line say what to change; docs/format.md describes every key."
        )?;
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
