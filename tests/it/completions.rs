//! `svs completions`, `svs man`, and the promise that every `--help` shows an example.
//!
//! The command list is read from `svs --help` itself (and from each command's help, for
//! any nested commands), so a command added later is checked without editing this file.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::run;

const SHELLS: &[&str] = &["bash", "zsh", "fish", "powershell", "elvish"];

fn stdout(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "svs {args:?} exits 0; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "svs {args:?} writes no error");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The commands listed under `Commands:` in a help text, without clap's `help`.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim_end() != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// Every command path of svs (`["assess"]`, and deeper ones should any appear).
fn every_command() -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![Vec::<String>::new()];
    while let Some(path) = pending.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        for name in listed_commands(&stdout(&args)) {
            let mut child = path.clone();
            child.push(name);
            pending.push(child.clone());
            found.push(child);
        }
    }
    found.sort();
    found
}

#[test]
fn the_command_list_is_read_from_the_help() {
    let commands = every_command();
    for expected in ["assess", "completions", "lint", "man", "schema"] {
        assert!(
            commands.iter().any(|c| c == &[expected]),
            "{expected} is found in {commands:?}"
        );
    }
}

#[test]
fn every_help_shows_an_example() {
    let mut without = Vec::new();
    for path in std::iter::once(Vec::new()).chain(every_command()) {
        for flag in ["--help", "-h"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let help = stdout(&args);
            let examples = help
                .lines()
                .skip_while(|line| line.trim_end() != "Examples:")
                .nth(1)
                .filter(|line| line.trim_start().starts_with("svs "));
            if examples.is_none() {
                without.push(format!("svs {}", args.join(" ")));
            }
        }
    }
    assert!(
        without.is_empty(),
        "these helps show no `Examples:` section starting with an svs command line: {without:?}"
    );
}

#[test]
fn a_completion_script_is_printed_for_every_shell() {
    for shell in SHELLS {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: a whole script");
        for command in ["assess", "lint", "schema", "completions"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
    }
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("assess") && bash.contains("--format"));
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef svs"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c svs"));
}

/// Runs `script` in bash with the completion script loaded.
fn bash_with_completions(script: &str) -> String {
    let completions = stdout(&["completions", "bash"]);
    let mut child = Command::new("bash")
        .arg("--norc")
        .arg("-s")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{completions}\n{script}\n").as_bytes())
        .expect("bash reads the script");
    drop(stdin);
    let output = child.wait_with_output().expect("bash ends");
    assert!(
        output.status.success(),
        "bash fails: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_bash_script_completes_commands_and_values() {
    let complete = |words: &str| {
        bash_with_completions(&format!(
            "COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
             _svs svs \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        ))
    };
    assert_eq!(complete("svs ass").trim(), "assess");
    let formats = complete("svs assess catalog/ --format ''");
    let formats: Vec<&str> = formats.lines().collect();
    assert_eq!(formats, ["table", "json", "markdown", "csv"]);
    let shells = complete("svs completions ''");
    assert!(shells.lines().any(|s| s == "powershell"), "{shells}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = run(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("possible values"));
}

/// The page without roff's two-line preamble (`.ie`/`.el` defining the apostrophe).
fn page_body(page: &str) -> Vec<&str> {
    page.lines()
        .skip_while(|line| line.starts_with(".ie ") || line.starts_with(".el "))
        .collect()
}

#[test]
fn the_manual_page_is_roff_and_names_every_command() {
    let page = stdout(&["man"]);
    let body = page_body(&page);
    assert!(
        body.first().is_some_and(|l| l.starts_with(".TH svs 1 ")),
        "the page opens with .TH after the preamble: {:?}",
        body.first()
    );
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH EXAMPLES"));
    for path in every_command() {
        let name = path.join("\\-");
        assert!(
            page.contains(&format!("svs\\-{name}(1)")),
            "svs(1) names svs-{name}(1)"
        );
    }
    assert!(
        !page.contains("svs\\-help(1)"),
        "no page is promised for `help`"
    );
}

#[test]
fn every_command_has_its_own_manual_page() {
    for path in every_command() {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let page = stdout(&args);
        let title = format!(".TH svs-{} 1 ", path.join("-"));
        assert!(
            page_body(&page)
                .first()
                .is_some_and(|l| l.starts_with(&title)),
            "svs man {path:?} opens with {title}"
        );
        assert!(
            page.contains(".SH EXAMPLES"),
            "svs man {path:?} has examples"
        );
    }
}

#[test]
fn a_manual_page_for_an_unknown_command_is_a_usage_error() {
    let output = run(&["man", "asess"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing half-written");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("did you mean `assess`?"), "{message}");
}

#[test]
fn the_output_is_the_same_every_time() {
    assert_eq!(run(&["man"]).stdout, run(&["man"]).stdout);
    assert_eq!(
        run(&["completions", "zsh"]).stdout,
        run(&["completions", "zsh"]).stdout
    );
}

/// Standard output that fails every write, as a closed pipe or a full disk does.
struct Failing(std::io::ErrorKind);

impl Write for Failing {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(self.0.into())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Err(self.0.into())
    }
}

#[test]
fn a_failing_output_is_an_error_not_a_panic() {
    // Too little output to overflow a real pipe's buffer, so the failure is simulated
    // through the library's `run`: clap_complete itself would panic on a failing writer.
    use std::io::ErrorKind::{BrokenPipe, StorageFull};
    use svs::cli::{Environment, ExitStatus};
    for args in [&["completions", "bash"][..], &["man"][..], &["schema"][..]] {
        let argv = std::iter::once("svs")
            .chain(args.iter().copied())
            .map(Into::into);
        let mut err = Vec::new();
        let status = svs::cli::run(
            argv.clone(),
            &mut Failing(BrokenPipe),
            &mut err,
            Environment::default(),
        );
        assert_eq!(
            status,
            ExitStatus::Success,
            "svs {args:?} | head ends quietly"
        );
        assert!(err.is_empty(), "nothing said about a closed pipe");
        let status = svs::cli::run(
            argv,
            &mut Failing(StorageFull),
            &mut err,
            Environment::default(),
        );
        assert_eq!(status, ExitStatus::Error, "svs {args:?} > full-disk fails");
        assert!(!err.is_empty(), "and says why");
    }
}

#[test]
fn the_documented_install_loop_names_every_command() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/completions.md"),
    )
    .expect("docs/completions.md");
    let line = docs
        .lines()
        .find(|l| l.starts_with("for command in "))
        .expect("the install loop");
    let listed: Vec<&str> = line
        .trim_start_matches("for command in ")
        .trim_end_matches("; do")
        .split_whitespace()
        .collect();
    // A nested command's page is named with dashes: `svs man import-backstage`.
    let commands: Vec<String> = every_command().into_iter().map(|p| p.join("-")).collect();
    assert_eq!(listed, commands, "docs/completions.md installs every page");
}

#[test]
fn every_page_says_what_its_exit_codes_mean() {
    let mut pages = vec![vec![]];
    pages.extend(every_command());
    for path in pages {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let page = stdout(&args);
        assert!(
            page.contains(".SH \"EXIT STATUS\""),
            "svs man {path:?} has EXIT STATUS"
        );
        assert!(
            page.contains("svs\\-format(5)"),
            "svs man {path:?} points at svs-format(5)"
        );
    }
}

#[test]
fn synopses_mark_repeatable_and_optional_paths() {
    for command in ["lint", "assess", "roles", "graph", "report"] {
        let page = stdout(&["man", command]);
        let synopsis = page
            .lines()
            .skip_while(|l| *l != ".SH SYNOPSIS")
            .nth(1)
            .unwrap_or_default();
        assert!(
            synopsis.ends_with("[PATH]..."),
            "svs-{command}(1): {synopsis}"
        );
    }
    let diff = stdout(&["man", "diff"]);
    assert!(diff.contains("<OLD> <NEW>"), "{diff}");
}

/// The `## ` headings of docs/format.md, without their Markdown.
fn format_sections() -> Vec<String> {
    include_str!("../../docs/format.md")
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| h.replace('`', ""))
        .collect()
}

#[test]
fn the_format_reference_is_in_the_binary_as_a_manual_page() {
    let page = stdout(&["man", "format"]);
    assert!(
        page_body(&page)
            .first()
            .is_some_and(|l| l.starts_with(".TH svs-format 5 ")),
        "{page}"
    );
    for section in format_sections() {
        let heading = format!(".SH {}", section.to_uppercase().replace('-', "\\-"));
        let heading: String = heading
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    format!("\\[u{:04X}]", u32::from(c))
                }
            })
            .collect();
        assert!(page.contains(&heading), "svs-format(5) has {heading}");
    }
    // Nothing a roff reader would take for a request by mistake.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line[1..].split_whitespace().next().unwrap_or_default();
        assert!(
            [
                "TH", "SH", "SS", "PP", "IP", "TP", "br", "RS", "RE", "nf", "fi"
            ]
            .contains(&request),
            "unexpected request: {line}"
        );
    }
    assert!(page.is_ascii(), "characters beyond ASCII are escaped");
}

#[test]
fn help_format_prints_the_reference_as_plain_text() {
    let text = stdout(&["help", "format"]);
    for section in format_sections() {
        assert!(
            text.lines().any(|l| l == section),
            "`svs help format` has the section {section}"
        );
    }
    assert!(text.contains("    svs: 1"), "code is indented");
    assert!(!text.contains("](#"), "links keep their text only");
    assert_eq!(text, stdout(&["help", "format"]));
    // `svs help COMMAND` is still clap's help.
    assert!(stdout(&["help", "lint"]).contains("Usage: svs lint"));
}

#[test]
fn help_texts_point_at_the_reference_in_the_binary_not_at_the_repository() {
    let mut texts = vec![stdout(&["explain", "SVS003"])];
    for line in stdout(&["explain"]).lines() {
        let code = line.split_whitespace().next().expect("a code");
        texts.push(stdout(&["explain", code]));
    }
    assert!(texts[0].contains("`svs help format`"), "{}", texts[0]);
    for text in texts {
        assert!(!text.contains("docs/"), "{text}");
    }
}
