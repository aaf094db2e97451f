//! `svs lsp` under what an editor should not send but may: bursts of changes, positions
//! outside the text, files never opened, bytes that are not UTF-8, a 40 MB buffer, and a
//! `shutdown` while changes wait. Each test ends by asking the server something it must
//! still answer right, so that surviving means working, not just not crashing.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::lsp::{Client, TIMEOUT, at, uri, workspace};

const META: &[u8] = b"svs: 1\ncatalogue:\n  name: shop\n  lint: { allow: [SVS401] }\n";

const ORGS: &[u8] = b"svs: 1\norganizations:\n  - { id: acme, name: Acme Ltd }\n";

/// Two people of `acme`: a catalogue with `ORGS` and `META` that lints clean.
const PEOPLE: &str = "svs: 1\npeople:\n  - { id: zoe, name: Zoe, organization: acme }\n  - { id: ann, name: Ann, organization: acme }\n";

/// `PEOPLE` with its second person in an organisation that does not exist.
fn ghost(n: usize) -> String {
    format!(
        "svs: 1\npeople:\n  - {{ id: zoe, name: Zoe, organization: acme }}\n  - {{ id: ann, name: Ann, organization: ghost-{n} }}\n"
    )
}

/// Asserts that the definition of the `acme` on line 2 of `people` is in `orgs.yaml`.
fn acme_is_still_found(client: &mut Client, root: &Path) {
    // `  - { id: zoe, name: Zoe, organization: ` is 40 characters: inside `acme`.
    let found = client
        .request(
            "textDocument/definition",
            at(&root.join("people.yaml"), 2, 42),
        )
        .unwrap();
    assert_eq!(found["uri"], uri(&root.join("orgs.yaml")), "{found}");
    assert_eq!(found["range"]["start"]["line"], 2);
}

#[test]
fn a_burst_of_changes_is_checked_a_few_times_and_the_last_text_wins() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("people.yaml");
    client.send_open(&file, &ghost(0));
    // 999 versions that each name a missing organisation, then one that is right.
    for version in 1..1000 {
        client.send_change(&file, version + 1, &ghost(version));
    }
    client.send_change(&file, 1001, PEOPLE);
    acme_is_still_found(&mut client, &root);
    let batches = client.batches[&uri(&file)];
    assert!(batches < 50, "{batches} checks of 1,001 versions");
    assert_eq!(client.diagnostics(&file), &[] as &[Value]);
    // And the other way: the last version is wrong, and only it is reported.
    for version in 1..=1000 {
        client.send_change(&file, version + 1001, &ghost(version));
    }
    client.sync();
    let found = client.diagnostics(&file);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "SVS005");
    assert_eq!(found[0]["range"]["start"]["line"], 3);
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("ghost-1000"), "{message}");
    let batches = client.batches[&uri(&file)];
    assert!(batches < 100, "{batches} checks of 2,001 versions");
    client.stop();
}

#[test]
fn a_shutdown_while_changes_wait_is_answered_and_exit_ends_the_server() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("people.yaml");
    client.send_open(&file, &ghost(0));
    for version in 1..=200 {
        client.send_change(&file, version + 1, &ghost(version));
    }
    let response = client.request("shutdown", json!(null));
    assert_eq!(response.unwrap(), Value::Null);
    // After `shutdown`, changes are ignored and requests refused until `exit`.
    client.send_change(&file, 999, PEOPLE);
    assert!(
        client
            .request("textDocument/hover", at(&file, 2, 42))
            .is_err()
    );
    client.notify("exit", json!(null));
    let server = client.server.take().unwrap();
    server.join().expect("no panic").expect("a clean exit");
}

#[test]
fn changes_to_files_never_opened_are_ignored() {
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", PEOPLE.as_bytes()),
    ]);
    let (mut client, _) = Client::start(&root);
    let never = root.join("never.yaml");
    client.send_change(&never, 2, "svs: 1\norganizations: [oops\n");
    let close = json!({ "textDocument": { "uri": uri(&never) } });
    client.notify("textDocument/didClose", close);
    client.send_change(&root.join("orgs.yaml"), 2, "not: [a catalogue\n");
    let outside = json!({ "textDocument": { "uri": "untitled:Untitled-1", "version": 2 }, "contentChanges": [{ "text": "x" }] });
    client.notify("textDocument/didChange", outside);
    client.notify("textDocument/didChange", json!({ "contentChanges": 7 }));
    client.sync();
    assert!(client.published.is_empty(), "{:?}", client.published);
    // The disk is what counts for a file never opened.
    acme_is_still_found(&mut client, &root);
    client.stop();
}

#[test]
fn a_position_outside_the_text_is_refused_by_every_request() {
    let text = "svs: 1\npeople:\n  - { id: zoe, name: Zoe, organization: acme }\n  - { id: ann, name: \"Ann 😀\", organization: acme }\n\n";
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", text.as_bytes()),
    ]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("people.yaml");
    client.send_open(&file, text);
    let max = u64::from(u32::MAX);
    // Past the last line; past the end of a line; inside the emoji's surrogate pair (`  -
    // { id: ann, name: "Ann ` is 25 units); past the end of an empty line.
    let outside = [
        (99, 0),
        (max, max),
        (2, 500),
        (2, max),
        (3, 26),
        (4, 1),
        (5, 1),
    ];
    for (line, character) in outside {
        for method in [
            "textDocument/definition",
            "textDocument/hover",
            "textDocument/references",
            "textDocument/rename",
            "textDocument/completion",
        ] {
            let mut params = at(&file, line, character);
            if method == "textDocument/references" {
                params["context"] = json!({ "includeDeclaration": true });
            }
            params["newName"] = json!("fine");
            match client.request(method, params) {
                Ok(found) => assert_eq!(found, Value::Null, "{method} at {line}:{character}"),
                Err(error) => assert!(
                    error.message.contains("outside the text"),
                    "{method} at {line}:{character}: {}",
                    error.message
                ),
            }
        }
    }
    // Negative numbers are not positions at all.
    let mut negative = at(&file, 0, 0);
    negative["position"]["line"] = json!(-1);
    assert!(client.request("textDocument/hover", negative).is_err());
    // The end of the last line, after the emoji, is inside the text.
    assert!(
        client
            .request("textDocument/hover", at(&file, 3, 47))
            .is_ok()
    );
    acme_is_still_found(&mut client, &root);
    client.stop();
}

/// A catalogue of about 40 MB: organisations with long descriptions, then `people`.
fn forty_megabytes() -> (String, usize) {
    let description = "A description long enough to make the file big, not the catalogue hard. ";
    let mut text = String::from("svs: 1\norganizations:\n  - { id: acme, name: Acme Ltd }\n");
    let mut organisations = 0;
    while text.len() < 40_000_000 {
        organisations += 1;
        let _ = write!(
            text,
            "  - id: org-{organisations}\n    name: Organisation {organisations}\n    description: {}\n",
            description.repeat(6)
        );
    }
    let lines = text.lines().count();
    text.push_str(PEOPLE.trim_start_matches("svs: 1\n"));
    (text, lines)
}

#[test]
fn a_40_megabyte_buffer_is_checked_and_answered() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META)]);
    let (mut client, _) = Client::start(&root);
    let (text, lines) = forty_megabytes();
    assert!(text.len() >= 40_000_000);
    let file = root.join("people.yaml");
    let started = Instant::now();
    client.send_open(&file, &text);
    client.sync();
    assert_eq!(client.diagnostics(&file), &[] as &[Value]);
    // From the last line, 40 MB in, to the top.
    let last = u64::try_from(lines).unwrap() + 2;
    let definition = client
        .request("textDocument/definition", at(&file, last, 42))
        .unwrap();
    assert_eq!(definition["uri"], uri(&file));
    assert_eq!(definition["range"]["start"]["line"], 2);
    client.stop();
    let took = started.elapsed();
    assert!(took < TIMEOUT, "{took:?}");
}

/// One message in the protocol's framing, with `body` as its bytes.
fn framed(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// The messages of the binary's standard output.
fn unframed(mut output: &[u8]) -> Vec<Value> {
    let mut messages = Vec::new();
    while let Some(rest) = output.strip_prefix(b"Content-Length: ") {
        let end = rest.iter().position(|&b| b == b'\r').unwrap();
        let length: usize = std::str::from_utf8(&rest[..end]).unwrap().parse().unwrap();
        let body = &rest[end + 4..end + 4 + length];
        messages.push(serde_json::from_slice(body).unwrap());
        output = &rest[end + 4 + length..];
    }
    assert!(output.is_empty(), "{}", String::from_utf8_lossy(output));
    messages
}

/// A request, framed.
fn request(id: u64, method: &str, params: Value) -> Vec<u8> {
    let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
    message["params"] = params;
    framed(message.to_string().as_bytes())
}

/// A notification, framed.
fn notification(method: &str, params: Value) -> Vec<u8> {
    let mut message = json!({ "jsonrpc": "2.0", "method": method });
    message["params"] = params;
    framed(message.to_string().as_bytes())
}

/// What an editor sends to open `path` with `text`.
fn did_open(path: &Path, text: &str) -> Value {
    json!({ "textDocument": { "uri": uri(path), "languageId": "yaml", "version": 1, "text": text } })
}

/// Runs the binary as `svs lsp` in the workspace `root` on `frames`, between
/// `initialize` and `shutdown` (id 99) with `exit`, and returns every message it wrote.
fn session(root: &Path, frames: &[u8]) -> Vec<Value> {
    let mut input = request(
        1,
        "initialize",
        json!({ "capabilities": {}, "rootUri": uri(root) }),
    );
    input.extend(notification("initialized", json!({})));
    input.extend_from_slice(frames);
    input.extend(request(99, "shutdown", Value::Null));
    input.extend(notification("exit", Value::Null));
    let mut child = Command::new(env!("CARGO_BIN_EXE_svs"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let messages = unframed(&output.stdout);
    let shutdown = messages.iter().find(|m| m["id"] == 99);
    assert_eq!(
        shutdown.map(|m| &m["result"]),
        Some(&Value::Null),
        "{messages:#?}"
    );
    messages
}

/// The response to request `id`.
fn response(messages: &[Value], id: u64) -> &Value {
    messages
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no response {id}: {messages:#?}"))
}

/// Every list of diagnostics published for `uri`, in order.
fn published<'a>(messages: &'a [Value], uri: &str) -> Vec<&'a Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter(|m| m["params"]["uri"] == uri)
        .map(|m| &m["params"]["diagnostics"])
        .collect()
}

#[test]
fn the_binary_reads_past_bytes_that_are_not_utf8_on_the_wire_or_on_disk() {
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", PEOPLE.as_bytes()),
        (
            "broken.yaml",
            b"svs: 1\norganizations:\n  - { id: caf\xe9, name: Caf\xe9 }\n",
        ),
    ]);
    let people = root.join("people.yaml");
    let broken = root.join("broken.yaml");
    let mut input = Vec::new();
    // A buffer with a byte that is not UTF-8 in Ann's name, where the JSON has `\u0001`.
    let body = json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": did_open(&people, &PEOPLE.replace("Ann", "A\u{1}nn")) })
    .to_string();
    let (before, after) = body.split_once("\\u0001").unwrap();
    input.extend(framed(
        &[before.as_bytes(), b"\xff", after.as_bytes()].concat(),
    ));
    // Neither UTF-8 nor JSON, and JSON cut short: skipped.
    input.extend(framed(b"\xff\xfe{\"jsonrpc\": \xc3\x28"));
    input.extend(framed(b"{\"jsonrpc\": \"2.0\", \"id\": 77"));
    // Nothing is found while a file of the catalogue does not load.
    input.extend(request(2, "textDocument/definition", at(&people, 2, 42)));
    // The broken file opened as UTF-8: the catalogue loads again.
    let fixed = "svs: 1\norganizations:\n  - { id: cafe, name: Café }\n";
    input.extend(notification(
        "textDocument/didOpen",
        did_open(&broken, fixed),
    ));
    input.extend(request(3, "textDocument/definition", at(&people, 2, 42)));
    input.extend(request(4, "textDocument/hover", at(&people, 3, 10)));

    let messages = session(&root, &input);
    assert_eq!(response(&messages, 2)["result"], Value::Null);
    let found = published(&messages, &uri(&broken));
    let first = &found[0][0];
    assert_eq!(first["code"], "SVS001", "{found:#?}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert_eq!(first["range"]["start"]["line"], 2);
    assert_eq!(*found.last().unwrap(), &json!([]), "{found:#?}");
    assert_eq!(
        *published(&messages, &uri(&people)).last().unwrap(),
        &json!([])
    );
    let found = &response(&messages, 3)["result"];
    assert_eq!(found["uri"], uri(&root.join("orgs.yaml")), "{messages:#?}");
    // The byte is read as U+FFFD, a character like any other in a name.
    let hover = response(&messages, 4)["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert_eq!(hover, "**person** `ann`: A\u{fffd}nn", "{hover}");
    assert!(messages.iter().all(|m| m["id"] != 77));
}

#[test]
fn odd_uris_are_ignored_or_read_as_paths() {
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", PEOPLE.as_bytes()),
    ]);
    let (mut client, _) = Client::start(&root);
    let root_uri = uri(&root);
    // Other people: an odd URI that is still a path in the catalogue adds them.
    let text = PEOPLE.replace("zoe", "zed").replace("ann", "abe");
    for odd in [
        // Percent-encoded bytes that are not UTF-8, a bad escape, no path, another host.
        format!("{root_uri}/%FF%FE.yaml"),
        format!("{root_uri}/%G1.yaml"),
        "file://".to_owned(),
        "file://elsewhere".to_owned(),
        // Empty segments and a query: still a path.
        format!("{root_uri}//odd.yaml?x=1#y"),
        "untitled:Untitled-1".to_owned(),
    ] {
        let document = json!({ "uri": odd, "languageId": "yaml", "version": 1, "text": text });
        client.notify("textDocument/didOpen", json!({ "textDocument": document }));
        let position =
            json!({ "textDocument": { "uri": odd }, "position": { "line": 2, "character": 42 } });
        // Nothing to show, `acme` when it is a path, or a URI the protocol's types refuse.
        match client.request("textDocument/hover", position) {
            Ok(hover) => assert!(
                hover.is_null()
                    || hover["contents"]["value"] == "**organization** `acme`: Acme Ltd",
                "{odd}: {hover}"
            ),
            Err(error) => assert_eq!(error.code, -32602, "{odd}: {error:?}"),
        }
    }
    acme_is_still_found(&mut client, &root);
    client.stop();
}

#[test]
fn a_request_after_a_notification_sees_what_it_changed_on_disk() {
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", PEOPLE.as_bytes()),
    ]);
    let (mut client, _) = Client::start(&root);
    let people = root.join("people.yaml");
    let hover = |client: &mut Client| {
        let found = client.request("textDocument/hover", at(&people, 2, 42));
        found.unwrap()["contents"]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(hover(&mut client), "**organization** `acme`: Acme Ltd");
    // Asked again, the answer comes from the catalogue checked for the first.
    assert_eq!(hover(&mut client), "**organization** `acme`: Acme Ltd");
    let orgs = root.join("orgs.yaml");
    std::fs::write(
        &orgs,
        "svs: 1\norganizations:\n  - { id: acme, name: Acme plc }\n",
    )
    .unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&orgs) } }),
    );
    assert_eq!(hover(&mut client), "**organization** `acme`: Acme plc");
    client.stop();
}

#[test]
fn a_closed_buffer_gives_way_to_the_disk() {
    let (_dir, root) = workspace(&[
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", PEOPLE.as_bytes()),
    ]);
    let (mut client, _) = Client::start(&root);
    // A file never saved, naming an organisation nobody defines.
    let draft = root.join("draft.yaml");
    client.send_open(
        &draft,
        "svs: 1\npeople:\n  - { id: kim, name: Kim, organization: ghost }\n",
    );
    client.sync();
    assert!(
        client
            .diagnostics(&draft)
            .iter()
            .any(|d| d["code"] == "SVS005"),
        "{:?}",
        client.diagnostics(&draft)
    );
    // A saved file, broken in its buffer only.
    let people = root.join("people.yaml");
    client.send_open(
        &people,
        "svs: 1\npeople:\n  - { id: zoe, organization: nobody }\n",
    );
    client.sync();
    assert!(!client.diagnostics(&people).is_empty());
    for path in [&draft, &people] {
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri(path) } }),
        );
    }
    client.sync();
    // The draft is gone: its findings are cleared. The saved file is checked as saved.
    assert!(
        client.diagnostics(&draft).is_empty(),
        "{:?}",
        client.published
    );
    assert!(
        client.diagnostics(&people).is_empty(),
        "{:?}",
        client.published
    );
    acme_is_still_found(&mut client, &root);
    client.stop();
}

#[test]
fn a_text_of_megabytes_on_the_wire_is_read_exactly() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let people = root.join("people.yaml");
    // Over a mebibyte, so that the server decodes the text where it read it: quotes,
    // backslashes, tabs, CRLF, accents and a character beyond the basic plane, each escaped
    // or not in the JSON, and a dangling reference on the last line.
    let mut text = String::from("svs: 1\r\npeople:\r\n");
    let mut n = 0;
    while text.len() < 1_200_000 {
        n += 1;
        let _ = write!(
            text,
            "  - {{ id: p-{n}, name: \"Zo\\u00e9 \\\"{n}\\\" \\\\ caf\u{e9}\t\u{1f600}\", organization: acme }}\r\n"
        );
    }
    let last = "  - { id: ann, name: \"\u{1f600} Ann\", organization: ghost }\r\n";
    text.push_str(last);
    let line = u64::try_from(text.lines().count() - 1).unwrap();
    let fixed = text.replace("organization: ghost", "organization: acme");

    let mut input = notification("textDocument/didOpen", did_open(&people, &text));
    let change = json!({ "textDocument": { "uri": uri(&people), "version": 2 },
        "contentChanges": [{ "text": fixed }] });
    input.extend(notification("textDocument/didChange", change));
    input.extend(request(2, "textDocument/hover", at(&people, 2, 10)));

    let messages = session(&root, &input);
    let published = published(&messages, &uri(&people));
    // The dangling reference, at its line and its column in UTF-16 units (the emoji
    // takes two).
    let first = &published[0][0];
    assert_eq!(first["code"], "SVS005", "{first:#}");
    let column = last.find("ghost").unwrap() - "\u{1f600}".len() + 2;
    assert_eq!(
        first["range"]["start"],
        json!({ "line": line, "character": column })
    );
    // Once it is fixed, the hover on the first person quotes its name as written,
    // escapes decoded.
    assert_eq!(
        response(&messages, 2)["result"]["contents"]["value"],
        "**person** `p-1`: Zo\u{e9} \"1\" \\ caf\u{e9}\t\u{1f600}"
    );
    // The change fixed it.
    assert_eq!(published.last().unwrap(), &&json!([]));
}

#[test]
fn an_open_buffer_is_checked_in_place_not_copied() {
    use std::sync::Arc;
    use svs::lsp::workspace::{Scope, Workspace};
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let people = root.join("people.yaml");
    let buffer = Arc::new(ghost(1));
    let mut workspace = Workspace::new(Some(root.clone()));
    workspace.open.insert(people.clone(), Arc::clone(&buffer));
    let checked = workspace.check(&Scope::Directory(root.clone()));
    let file = checked.file_id(&people).unwrap();
    // The catalogue reads the editor's buffer itself.
    assert!(Arc::ptr_eq(
        &checked.loaded.sources.file(file).text,
        &buffer
    ));
    // And finds in it what `svs lint` finds on disk.
    std::fs::write(&people, buffer.as_bytes()).unwrap();
    let on_disk = Workspace::new(Some(root.clone())).check(&Scope::Directory(root));
    let messages = |c: &svs::lsp::workspace::Checked| -> Vec<(String, String, usize)> {
        c.report
            .findings
            .iter()
            .map(|f| (f.code.code().to_owned(), f.message.clone(), f.span.start()))
            .collect()
    };
    assert_eq!(messages(&checked), messages(&on_disk));
    assert_eq!(messages(&checked).len(), 1, "{:?}", messages(&checked));
}

#[test]
fn a_catalogue_loaded_again_decodes_only_what_changed_and_finds_the_same() {
    use svs::load::{Content, Decodings, load_files, load_files_again};
    let mut decodings = Decodings::default();
    let mut check = |files: &[(&str, &[u8])]| {
        let inputs = || -> Vec<(String, Content)> {
            files
                .iter()
                .map(|(path, text)| ((*path).to_owned(), Content::Bytes(text.to_vec())))
                .collect()
        };
        let again = load_files_again(inputs(), "shop".into(), Some(&mut decodings));
        let fresh = load_files(inputs(), "shop".into());
        // The same catalogue, spans and findings as a load from scratch.
        assert_eq!(
            format!("{:?}", again.catalogue),
            format!("{:?}", fresh.catalogue)
        );
        assert_eq!(again.diagnostics, fresh.diagnostics);
        decodings.decoded()
    };
    let people = PEOPLE.as_bytes();
    let ghost = ghost(1);
    let base: Vec<(&str, &[u8])> = vec![
        ("catalogue.yaml", META),
        ("orgs.yaml", ORGS),
        ("people.yaml", people),
    ];
    assert_eq!(check(&base), 3);
    assert_eq!(check(&base), 0, "nothing changed");
    // One file changed: only it is read again, and its finding comes and goes.
    let dangling = [base[0], base[1], ("people.yaml", ghost.as_bytes())];
    assert_eq!(check(&dangling), 1);
    assert_eq!(check(&base), 1);
    // A file added before the others moves every file's place: all are read again.
    let added = [("a.yaml", ORGS), base[0], base[1], base[2]];
    assert_eq!(check(&added), 4);
    assert_eq!(check(&added), 0);
    // A syntax error, bytes that are not UTF-8, a file removed.
    let broken = [
        added[0],
        added[1],
        added[2],
        ("people.yaml", &b"svs: 1\npeople: [\n"[..]),
    ];
    assert_eq!(check(&broken), 1);
    let not_utf8 = [
        added[0],
        added[1],
        (
            "orgs.yaml",
            &b"svs: 1\norganizations: [{ id: caf\xe9 }]\n"[..],
        ),
        added[3],
    ];
    // `people.yaml` fixed again is read; `orgs.yaml`, not UTF-8, is not decoded at all.
    assert_eq!(check(&not_utf8), 1);
    assert_eq!(check(&base), 3);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any sequence of catalogues, files added, removed, moved, broken and fixed, loads
    /// again as it loads from scratch.
    #[test]
    fn loading_again_agrees_with_loading_afresh(
        steps in proptest::collection::vec(
            proptest::collection::btree_map(0usize..5, 0usize..7, 1..5),
            1..8,
        ),
    ) {
        use svs::load::{Content, Decodings, load_files, load_files_again};
        let ghost = ghost(2);
        let texts: [&[u8]; 7] = [
            META,
            ORGS,
            PEOPLE.as_bytes(),
            ghost.as_bytes(),
            b"svs: 1\npeople: [\n",
            b"svs: 1\norganizations:\n  - { id: caf\xe9, name: Caf\xe9 }\n",
            b"svs: 1\norganizations:\n  - { id: acme, name: Acme again }\n",
        ];
        let names = ["a.yaml", "catalogue.yaml", "orgs.yaml", "people.yaml", "z.yaml"];
        let mut decodings = Decodings::default();
        for files in steps {
            let inputs = || -> Vec<(String, Content)> {
                files
                    .iter()
                    .map(|(&name, &text)| (names[name].to_owned(), Content::Bytes(texts[text].to_vec())))
                    .collect()
            };
            let again = load_files_again(inputs(), "shop".into(), Some(&mut decodings));
            let fresh = load_files(inputs(), "shop".into());
            proptest::prop_assert_eq!(format!("{:?}", again.catalogue), format!("{:?}", fresh.catalogue));
            proptest::prop_assert_eq!(again.diagnostics, fresh.diagnostics);
        }
    }
}
