//! Quick fixes for the findings the editor sends back: a `did you mean` help applied, and
//! a rule allowed for the one entity it fired on.
//!
//! Allowing writes the entity's own `lint: { allow: [CODE] }` (docs/format.md, "the keys
//! every entity has"), the most specific setting, so the rule stays on everywhere else.
//! The finding's entity comes from a fresh check of the catalogue, as the protocol's
//! diagnostic does not carry it; the edit is made in the text, keeping the entity's
//! style: a flow mapping gets a flow key, an existing `lint:` or `allow:` (block or
//! flow) is extended at its own indentation. Structural findings (SVS001–SVS010) are
//! never offered: the loader refuses to allow them.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, NumberOrString,
    TextEdit, WorkspaceEdit,
};

use super::workspace::{Checked, Workspace};
use super::{convert, symbols};
use crate::diagnostic::{find_code, is_custom_code};
use crate::keys::names;
use crate::model::Kind;

/// The quick fixes for the diagnostics of a code action request.
pub fn code_actions(workspace: &Workspace, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let mut checked = None;
    for diagnostic in &params.context.diagnostics {
        if diagnostic.source.as_deref() != Some("svs") {
            continue;
        }
        if let Some(action) = did_you_mean(params, diagnostic) {
            actions.push(action);
        }
        let Some(NumberOrString::String(code)) = &diagnostic.code else {
            continue;
        };
        if !allowable(code) {
            continue;
        }
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            continue;
        };
        let checked: &Checked =
            checked.get_or_insert_with(|| workspace.check(&workspace.scope(&path)));
        if let Some(action) = allow(checked, &path, code, diagnostic) {
            actions.push(action);
        }
    }
    actions
}

/// A code an entity's `lint.allow` accepts: any of svs's rules but the structural
/// checks, or a custom rule's code.
fn allowable(code: &str) -> bool {
    match find_code(code) {
        Some(known) => !known.is_structural(),
        None => is_custom_code(code),
    }
}

/// The help's ``did you mean `x`?`` written in place of the finding's text.
#[allow(clippy::mutable_key_type)] // see `symbols::rename_edits`
fn did_you_mean(params: &CodeActionParams, diagnostic: &Diagnostic) -> Option<CodeActionOrCommand> {
    let word = diagnostic
        .message
        .split_once("\nhelp: did you mean `")
        .and_then(|(_, rest)| rest.split_once("`?"))
        .map(|(word, _)| word)?;
    let edit = TextEdit::new(diagnostic.range, word.to_owned());
    let changes = std::iter::once((params.text_document.uri.clone(), vec![edit])).collect();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Change to `{word}`"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit::new(changes)),
        is_preferred: Some(true),
        ..CodeAction::default()
    }))
}

/// "Allow CODE for ID": the finding's entity gets the code in its own `lint.allow`.
#[allow(clippy::mutable_key_type)] // see `symbols::rename_edits`
fn allow(
    checked: &Checked,
    path: &std::path::Path,
    code: &str,
    diagnostic: &Diagnostic,
) -> Option<CodeActionOrCommand> {
    let sources = &checked.loaded.sources;
    let file = checked.file_id(path)?;
    let finding = checked.report.findings.iter().find(|f| {
        f.span.file == file
            && f.code.code() == code
            && convert::range(sources, f.span) == diagnostic.range
    })?;
    let id = finding.entity.as_deref()?;
    let catalogue = checked.loaded.catalogue.as_ref()?;
    let definition = symbols::occurrences(catalogue)
        .into_iter()
        .find(|o| o.definition && o.kind != Kind::Rule && catalogue.id(o.kind, o.index) == id)?;
    let source = sources.file(definition.span.file);
    let (start, end, text) = allow_edit(&source.text, definition.span.start(), code)?;
    let edit = TextEdit::new(
        lsp_types::Range::new(
            convert::position(source, start),
            convert::position(source, end),
        ),
        text,
    );
    let uri = convert::path_to_uri(source.path.as_ref());
    let changes = std::iter::once((uri, vec![edit])).collect();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Allow {code} for {id}"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit::new(changes)),
        is_preferred: Some(false),
        ..CodeAction::default()
    }))
}

/// The edit that adds `code` to the `lint.allow` of the entity whose `id` value starts
/// at byte `id_at` of `text`: the bytes replaced and their new text.
pub fn allow_edit(text: &str, id_at: usize, code: &str) -> Option<(usize, usize, String)> {
    // A new line ends as the file's lines do.
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line_start = text[..id_at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..id_at];
    let key = before
        .trim_end_matches(['"', '\''])
        .trim_end()
        .strip_suffix(':')?
        .trim_end()
        .strip_suffix(names::ID)?;
    if let Some(open) = key.rfind('{') {
        // A flow mapping: `{ id: x, ... }`.
        return add_to_flow_mapping(text, line_start + open, names::LINT, code);
    }
    let column = key.len();
    let lines = mapping_lines(text, line_start, column);
    let lint = lines
        .iter()
        .find(|line| key_of(text, line, column) == Some(names::LINT));
    let Some(lint) = lint else {
        let last = lines.iter().rev().find(|line| {
            let content = text[line.0..line.1].trim_start();
            !content.is_empty() && !content.starts_with('#')
        })?;
        let indent = " ".repeat(column);
        return Some((
            last.1,
            last.1,
            format!("{newline}{indent}lint: {{ allow: [{code}] }}"),
        ));
    };
    let value_at = lint.0 + text[lint.0..lint.1].find("lint:")? + "lint:".len();
    let value = strip_comment(&text[value_at..lint.1]);
    if value.trim_start().starts_with('{') {
        let open = value_at + value.find('{')?;
        return add_to_flow_mapping(text, open, names::ALLOW, code);
    }
    if !value.trim().is_empty() {
        return None; // `lint: ~` and the like: left to the author.
    }
    // A block `lint:`: its keys are the lines below, indented further.
    let below = block_lines(text, lint.1, column);
    let child = below
        .iter()
        .map(|line| indent_of(&text[line.0..line.1]))
        .next()
        .unwrap_or(column + 2);
    let allow = below
        .iter()
        .find(|line| key_of(text, line, child) == Some(names::ALLOW));
    let Some(allow) = allow else {
        let indent = " ".repeat(child);
        return Some((lint.1, lint.1, format!("{newline}{indent}allow: [{code}]")));
    };
    let value_at = allow.0 + text[allow.0..allow.1].find("allow:")? + "allow:".len();
    let value = strip_comment(&text[value_at..allow.1]);
    if value.trim_start().starts_with('[') {
        return add_to_flow_list(text, value_at + value.find('[')?, code);
    }
    if !value.trim().is_empty() {
        return None;
    }
    // A block list: a new item after the last, at its indentation.
    let items: Vec<(usize, usize)> = text[allow.1..]
        .split_inclusive('\n')
        .scan(allow.1, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, start + line.trim_end_matches(['\n', '\r']).len()))
        })
        .skip(1)
        .take_while(|line| {
            let content = text[line.0..line.1].trim_start();
            content.is_empty() || content.starts_with('#') || {
                let indent = indent_of(&text[line.0..line.1]);
                indent > child || (indent == child && content.starts_with('-'))
            }
        })
        .filter(|line| text[line.0..line.1].trim_start().starts_with('-'))
        .collect();
    match items.last() {
        Some(last) => {
            let indent = " ".repeat(indent_of(&text[last.0..last.1]));
            Some((last.1, last.1, format!("{newline}{indent}- {code}")))
        }
        None => Some((value_at, allow.1, format!(" [{code}]"))),
    }
}

/// The lines (start and end, without the line break) of the block mapping whose keys
/// are at `column`, from the line at `at` outwards in both directions.
fn mapping_lines(text: &str, at: usize, column: usize) -> Vec<(usize, usize)> {
    let all = lines(text);
    let Some(here) = all.iter().position(|line| line.0 == at) else {
        return Vec::new();
    };
    let starts_item = |line: &(usize, usize)| {
        let content = &text[line.0..line.1];
        let indent = indent_of(content);
        indent < column
            && content[indent..].starts_with('-')
            && content
                .get(indent..column)
                .is_some_and(|prefix| prefix.trim_start_matches('-').trim_start().is_empty())
    };
    let mut first = here;
    if !starts_item(&all[here]) {
        while first > 0 {
            let line = &all[first - 1];
            let content = &text[line.0..line.1];
            let trimmed = content.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') || indent_of(content) >= column {
                first -= 1;
            } else if starts_item(line) {
                first -= 1;
                break;
            } else {
                break;
            }
        }
    }
    let mut last = here + 1;
    while last < all.len() {
        let content = &text[all[last].0..all[last].1];
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || indent_of(content) >= column {
            last += 1;
        } else {
            break;
        }
    }
    all[first..last].to_vec()
}

/// The lines after the one ending at `end` that are indented beyond `column`, blank
/// lines and comments among them, without the blank ones.
fn block_lines(text: &str, end: usize, column: usize) -> Vec<(usize, usize)> {
    lines(text)
        .into_iter()
        .skip_while(|line| line.0 <= end)
        .take_while(|line| {
            let content = &text[line.0..line.1];
            let trimmed = content.trim_start();
            trimmed.is_empty() || trimmed.starts_with('#') || indent_of(content) > column
        })
        .filter(|line| {
            let trimmed = text[line.0..line.1].trim_start();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        })
        .collect()
}

/// Every line of `text`: its start and its end before the line break.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        out.push((at, at + line.trim_end_matches(['\n', '\r']).len()));
        at += line.len();
    }
    out
}

/// The key a line writes at `column`, after the indentation or a list item's `- `.
fn key_of<'t>(text: &'t str, line: &(usize, usize), column: usize) -> Option<&'t str> {
    let content = &text[line.0..line.1];
    let prefix = content.get(..column)?;
    if !prefix
        .trim_start()
        .trim_start_matches('-')
        .trim()
        .is_empty()
    {
        return None;
    }
    let rest = &content[column..];
    let key = rest
        .split(':')
        .next()
        .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))?;
    Some(key)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A value's text without a trailing comment.
fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(at) => &value[..at],
        None if value.trim_start().starts_with('#') => "",
        None => value,
    }
}

/// The offset just after the bracket that closes the one at `open`, skipping quoted text.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in text[open..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            // Inside quotes, or any other character.
            _ => {}
        }
    }
    None
}

/// Adds `key` to the flow mapping opened at `open`: inside an existing `lint` (`allow`)
/// or as a new key.
fn add_to_flow_mapping(
    text: &str,
    open: usize,
    key: &str,
    code: &str,
) -> Option<(usize, usize, String)> {
    let close = closing(text, open)?;
    let inner = &text[open + 1..close];
    // The key at the top level of this mapping, if written.
    let mut depth = 0usize;
    let mut found = None;
    for (i, c) in inner.char_indices() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && inner[i..].starts_with(key) => {
                let after = inner[i + key.len()..].trim_start();
                let before = inner[..i].trim_end();
                if after.starts_with(':') && (before.is_empty() || before.ends_with(',')) {
                    found = Some(i + key.len() + inner[i + key.len()..].find(':')? + 1);
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(value) = found {
        let value_at = open + 1 + value;
        let rest = &text[value_at..close];
        let offset = rest.len() - rest.trim_start().len();
        return match (key, rest.trim_start().chars().next()) {
            (names::LINT, Some('{')) => {
                add_to_flow_mapping(text, value_at + offset, names::ALLOW, code)
            }
            (names::ALLOW, Some('[')) => add_to_flow_list(text, value_at + offset, code),
            _ => None,
        };
    }
    let value = if key == names::LINT {
        format!("{{ allow: [{code}] }}")
    } else {
        format!("[{code}]")
    };
    if inner.trim().is_empty() {
        return Some((open, close + 1, format!("{{ {key}: {value} }}")));
    }
    let end = open + 1 + inner.trim_end().len();
    Some((end, end, format!(", {key}: {value}")))
}

/// Adds `code` to the flow list opened at `open`.
fn add_to_flow_list(text: &str, open: usize, code: &str) -> Option<(usize, usize, String)> {
    let close = closing(text, open)?;
    let inner = &text[open + 1..close];
    if inner.trim().is_empty() {
        return Some((open, close + 1, format!("[{code}]")));
    }
    let end = open + 1 + inner.trim_end().len();
    Some((end, end, format!(", {code}")))
}

#[cfg(test)]
mod tests {
    use super::allow_edit;

    fn applied(text: &str, code: &str) -> String {
        let id_at = text.find("id: x").expect("an id") + "id: ".len();
        let (start, end, new) = allow_edit(text, id_at, code).expect("an edit");
        let mut out = text.to_owned();
        out.replace_range(start..end, &new);
        out
    }

    #[test]
    fn a_block_entity_without_lint_gets_one_after_its_last_line() {
        let text = "offerings:\n  - id: x\n    name: X\n    price:\n      - { amount: 1, per: month }\n  - id: y\n";
        assert_eq!(
            applied(text, "SVS201"),
            "offerings:\n  - id: x\n    name: X\n    price:\n      - { amount: 1, per: month }\n    lint: { allow: [SVS201] }\n  - id: y\n"
        );
    }

    #[test]
    fn new_lines_end_as_the_files_lines_do() {
        assert_eq!(
            applied("people:\r\n  - id: x\r\n    name: X\r\n", "SVS401"),
            "people:\r\n  - id: x\r\n    name: X\r\n    lint: { allow: [SVS401] }\r\n"
        );
        assert_eq!(
            applied(
                "people:\r\n  - id: x\r\n    lint:\r\n      allow:\r\n        - SVS402\r\n",
                "SVS401"
            ),
            "people:\r\n  - id: x\r\n    lint:\r\n      allow:\r\n        - SVS402\r\n        - SVS401\r\n"
        );
    }

    #[test]
    fn a_flow_entity_gets_a_flow_key() {
        assert_eq!(
            applied("people:\n  - { id: x, name: X }\n", "SVS401"),
            "people:\n  - { id: x, name: X, lint: { allow: [SVS401] } }\n"
        );
        assert_eq!(
            applied(
                "people:\n  - { id: x, lint: { allow: [SVS402] } }\n",
                "SVS401"
            ),
            "people:\n  - { id: x, lint: { allow: [SVS402, SVS401] } }\n"
        );
    }

    #[test]
    fn an_existing_lint_or_allow_is_extended_in_its_own_style() {
        let flow = "people:\n  - name: X\n    lint: { allow: [SVS402] }\n    id: x\n";
        assert_eq!(
            applied(flow, "SVS401"),
            "people:\n  - name: X\n    lint: { allow: [SVS402, SVS401] }\n    id: x\n"
        );
        let no_allow = "people:\n  - id: x\n    lint:\n      # nothing yet\n";
        assert_eq!(
            applied(no_allow, "SVS401"),
            "people:\n  - id: x\n    lint:\n      allow: [SVS401]\n      # nothing yet\n"
        );
        let block = "people:\n  - id: x\n    lint:\n      allow:\n        - SVS402\n    name: X\n";
        assert_eq!(
            applied(block, "SVS401"),
            "people:\n  - id: x\n    lint:\n      allow:\n        - SVS402\n        - SVS401\n    name: X\n"
        );
        let same_indent = "people:\n  - id: x\n    lint:\n      allow:\n      - SVS402\n";
        assert_eq!(
            applied(same_indent, "SVS401"),
            "people:\n  - id: x\n    lint:\n      allow:\n      - SVS402\n      - SVS401\n"
        );
    }
}
