//! `svs lsp` in process: the server runs on one end of an in-memory connection and the
//! test drives the other as an editor would, asserting the positions it is sent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use serde_json::{Value, json};

/// Long enough for a debug build to check a 40 MB buffer.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(120);

/// The editor's end of a running server.
pub(crate) struct Client {
    connection: Connection,
    pub(crate) server: Option<JoinHandle<anyhow::Result<()>>>,
    next_id: i32,
    /// The diagnostics last published for each URI.
    pub(crate) published: BTreeMap<String, Vec<Value>>,
    /// How many times diagnostics were published for each URI.
    pub(crate) batches: BTreeMap<String, usize>,
}

pub(crate) fn uri(path: &Path) -> String {
    svs::lsp::convert::path_to_uri(path).as_str().to_owned()
}

impl Client {
    /// Starts a server with `root` as its workspace folder and initialises it.
    pub(crate) fn start(root: &Path) -> (Client, Value) {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || svs::lsp::serve(&server));
        let mut client = Client {
            connection: client,
            server: Some(handle),
            next_id: 0,
            published: BTreeMap::new(),
            batches: BTreeMap::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "capabilities": {},
                "rootUri": uri(root),
                "workspaceFolders": [{ "uri": uri(root), "name": "test" }],
            }),
        );
        let capabilities = result.expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, capabilities)
    }

    pub(crate) fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Notification::new(method.to_owned(), params).into())
            .expect("the server is listening");
    }

    /// Sends a request and waits for its response, keeping the diagnostics published
    /// meanwhile.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Request::new(id.clone(), method.to_owned(), params).into())
            .expect("the server is listening");
        loop {
            match self.connection.receiver.recv_timeout(TIMEOUT) {
                Ok(Message::Response(response)) if response.id == id => {
                    return response.response_result;
                }
                Ok(Message::Notification(n)) if n.method == "textDocument/publishDiagnostics" => {
                    let uri = n.params["uri"].as_str().unwrap().to_owned();
                    let list = n.params["diagnostics"].as_array().unwrap().clone();
                    *self.batches.entry(uri.clone()).or_default() += 1;
                    self.published.insert(uri, list);
                }
                Ok(other) => panic!("unexpected message {other:?}"),
                Err(e) => panic!("no response to {method}: {e}"),
            }
        }
    }

    /// Waits until the server has handled everything sent so far: an unknown request is
    /// answered in order, after every diagnostic it published before.
    pub(crate) fn sync(&mut self) {
        let response = self.request("svs/sync", json!(null));
        assert!(response.is_err());
    }

    pub(crate) fn open(&mut self, path: &Path, text: &str) {
        self.send_open(path, text);
        self.sync();
    }

    pub(crate) fn change(&mut self, path: &Path, text: &str) {
        self.send_change(path, 2, text);
        self.sync();
    }

    /// Opens `path` without waiting for the server.
    pub(crate) fn send_open(&self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    /// Sends version `version` of `path` without waiting for the server.
    pub(crate) fn send_change(&self, path: &Path, version: usize, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(path), "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    pub(crate) fn diagnostics(&self, path: &Path) -> &[Value] {
        self.published
            .get(&uri(path))
            .unwrap_or_else(|| panic!("nothing published for {}", path.display()))
    }

    /// Shuts the server down and checks that it ends cleanly.
    pub(crate) fn stop(mut self) {
        let response = self.request("shutdown", json!(null));
        assert_eq!(response.unwrap(), Value::Null);
        let after = self.request("textDocument/hover", json!({}));
        assert!(after.is_err(), "a request after shutdown is refused");
        self.notify("exit", json!(null));
        let server = self.server.take().unwrap();
        server.join().expect("no panic").expect("a clean exit");
    }
}

/// A temporary workspace with these files.
pub(crate) fn workspace<T: AsRef<[u8]>>(files: &[(&str, T)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text.as_ref()).unwrap();
    }
    (dir, root)
}

const META: &str =
    "svs: 1\ncatalogue:\n  name: shop\n  currency: GBP\n  lint: { allow: [SVS401] }\n";

const ORGS: &str = "svs: 1\norganizations:\n  - id: acme\n    name: Acme Ltd\n    description: The buyer.\n  - id: telco\n    name: Telco plc\n";

pub(crate) fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

pub(crate) fn start(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

#[test]
fn initialize_announces_capabilities_and_shutdown_ends_the_server() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META)]);
    let (client, result) = Client::start(&root);
    assert_eq!(result["serverInfo"]["name"], "svs");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
    client.stop();
}

#[test]
fn diagnostics_point_at_utf16_columns_after_non_ascii_text() {
    let people = "svs: 1\npeople:\n  - { id: zoe, name: \"Zoë 😀\", organization: ghost }\n";
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("people.yaml");
    client.open(&file, people);
    let found = client.diagnostics(&file);
    assert_eq!(codes(found), ["SVS005"], "{found:#?}");
    // `  - { id: zoe, name: "Zoë 😀", organization: ` is 44 characters, 45 UTF-16
    // units: the emoji is two.
    assert_eq!(found[0]["range"]["start"], start(2, 45));
    assert_eq!(found[0]["range"]["end"], start(2, 50));
    assert_eq!(found[0]["severity"], 1);
    assert_eq!(found[0]["source"], "svs");
    // The other files of the catalogue are published too, empty.
    assert_eq!(client.diagnostics(&root.join("orgs.yaml")), &[] as &[Value]);
    client.stop();
}

#[test]
fn a_duplicate_id_points_at_the_first_definition_and_a_fix_clears_it() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META), ("orgs.yaml", ORGS)]);
    let (mut client, _) = Client::start(&root);
    // Files are read in path order: `orgs.yaml` holds the first definition.
    let file = root.join("zz.yaml");
    let duplicate = "svs: 1\norganizations:\n  - id: acme\n    name: Acme again\n";
    client.open(&file, duplicate);
    let found = client.diagnostics(&file).to_vec();
    assert_eq!(codes(&found), ["SVS004"], "{found:#?}");
    assert_eq!(found[0]["range"]["start"], start(2, 8));
    let related = &found[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], uri(&root.join("orgs.yaml")));
    assert_eq!(related["range"]["start"], start(2, 8));
    assert!(found[0]["message"].as_str().unwrap().contains("acme"));

    client.change(
        &file,
        "svs: 1\norganizations:\n  - id: acme-two\n    name: Acme again\n",
    );
    assert_eq!(client.diagnostics(&file), &[] as &[Value]);
    client.stop();
}

#[test]
fn rule_findings_carry_help_and_the_catalogue_severity_settings() {
    // SVS102 (an offering with no service) is an error by default; the catalogue lowers
    // it to a warning. SVS103 (an empty offering) stays a warning.
    let meta = "svs: 1\ncatalogue:\n  name: shop\n  lint: { allow: [SVS401, SVS108, SVS109], warn: [SVS102] }\n";
    let rest = "svs: 1\ngroups:\n  - { id: staff, name: Staff, organization: acme }\nofferings:\n  - id: plan\n    name: Plan\n    provider: telco\n    targets: [staff]\n";
    let (_dir, root) = workspace(&[("catalogue.yaml", meta), ("orgs.yaml", ORGS)]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("rest.yaml");
    client.open(&file, rest);
    let found = client.diagnostics(&file);
    assert_eq!(codes(found), ["SVS102", "SVS103"], "{found:#?}");
    assert_eq!(found[0]["severity"], 2);
    assert_eq!(found[1]["severity"], 2);
    assert_eq!(found[0]["range"]["start"], start(4, 8));
    for diagnostic in found {
        assert!(
            diagnostic["message"].as_str().unwrap().contains("\nhelp: "),
            "{diagnostic:#?}"
        );
    }
    client.stop();
}

#[test]
fn a_change_to_a_file_never_opened_is_ignored_and_the_server_goes_on() {
    let (_dir, root) = workspace(&[("catalogue.yaml", META)]);
    let (mut client, _) = Client::start(&root);
    client.change(&root.join("nowhere.yaml"), "svs: 1\n");
    assert!(client.published.is_empty());
    client.notify("textDocument/didOpen", json!({ "bogus": true }));
    let unknown = client.request("workspace/unknownThing", json!({}));
    assert!(unknown.is_err());
    client.open(&root.join("catalogue.yaml"), META);
    assert_eq!(
        client.diagnostics(&root.join("catalogue.yaml")),
        &[] as &[Value]
    );
    client.stop();
}

#[test]
fn a_file_outside_any_catalogue_is_checked_alone() {
    let (_dir, root) = workspace::<&str>(&[]);
    let (mut client, _) = Client::start(&root);
    let file = root.join("sub/loose.yaml");
    client.open(
        &file,
        "svs: 1\npeople:\n  - { id: ann, name: Ann, organization: nobody }\n",
    );
    assert_eq!(codes(client.diagnostics(&file)), ["SVS005"]);
    client.stop();
}

/// A catalogue of two files: `tests/fixtures/clean.yaml`, and a file naming its
/// organisation `acme` from outside.
fn two_files() -> (tempfile::TempDir, PathBuf, String) {
    let clean = std::fs::read_to_string(crate::common::fixture("clean.yaml")).unwrap();
    let (dir, root) = workspace(&[("clean.yaml", clean.as_str()), ("extra.yaml", EXTRA)]);
    (dir, root, clean)
}

const EXTRA: &str = "svs: 1\npeople:\n  - { id: bob, name: Bob, organization: acme }\n";

/// The zero-based line of the first line of `text` that is `line`.
fn line_of(text: &str, line: &str) -> u64 {
    text.lines()
        .position(|l| l == line)
        .expect("the line is there") as u64
}

pub(crate) fn at(path: &Path, line: u64, character: u64) -> Value {
    json!({ "textDocument": { "uri": uri(path) }, "position": start(line, character) })
}

#[test]
fn definition_goes_from_a_reference_to_the_id_in_another_file() {
    let (_dir, root, clean) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    // `  - { id: bob, name: Bob, organization: ` is 40 characters; inside `acme`.
    let found = client
        .request("textDocument/definition", at(&extra, 2, 42))
        .unwrap();
    assert_eq!(found["uri"], uri(&root.join("clean.yaml")));
    let line = line_of(&clean, "  - id: acme");
    assert_eq!(found["range"]["start"], start(line, 8));
    assert_eq!(found["range"]["end"], start(line, 12));
    // On no id: nothing.
    let nothing = client
        .request("textDocument/definition", at(&extra, 0, 1))
        .unwrap();
    assert_eq!(nothing, Value::Null);
    client.stop();
}

#[test]
fn references_list_every_file_that_names_the_id() {
    let (_dir, root, clean) = two_files();
    let (mut client, _) = Client::start(&root);
    let clean_path = root.join("clean.yaml");
    let line = line_of(&clean, "  - id: acme");
    let mut params = at(&clean_path, line, 9);
    params["context"] = json!({ "includeDeclaration": true });
    let found = client
        .request("textDocument/references", params.clone())
        .unwrap();
    let places: Vec<(String, u64)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let file = l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            (file, l["range"]["start"]["line"].as_u64().unwrap())
        })
        .collect();
    // The definition, jane's and acme-staff's organisation, acme-mobile's consumer, bob's.
    let expected_lines = [line, line_of(&clean, "    organization: acme")];
    assert_eq!(places[0], ("clean.yaml".to_owned(), expected_lines[0]));
    assert_eq!(places[1], ("clean.yaml".to_owned(), expected_lines[1]));
    assert_eq!(places.len(), 5, "{places:?}");
    assert!(places.contains(&("extra.yaml".to_owned(), 2)));
    params["context"] = json!({ "includeDeclaration": false });
    let without = client.request("textDocument/references", params).unwrap();
    assert_eq!(without.as_array().unwrap().len(), 4);
    client.stop();
}

/// Applies a workspace edit's changes for one URI to `text`.
pub(crate) fn apply(text: &str, edits: &Value) -> String {
    let file = svs::source::SourceFile::new("f".into(), text.to_owned());
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let offset = |p: &Value| {
                file.utf16_offset(
                    usize::try_from(p["line"].as_u64().unwrap()).unwrap(),
                    usize::try_from(p["character"].as_u64().unwrap()).unwrap(),
                )
                .unwrap()
            };
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn rename_edits_every_file_and_the_result_still_loads() {
    let (_dir, root, clean) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    let mut params = at(&extra, 2, 42);
    params["newName"] = json!("acme-corp");
    let edit = client.request("textDocument/rename", params).unwrap();
    let changes = &edit["changes"];
    let clean_path = root.join("clean.yaml");
    let new_clean = apply(&clean, &changes[uri(&clean_path)]);
    let new_extra = apply(EXTRA, &changes[uri(&extra)]);
    assert!(new_extra.contains("organization: acme-corp }"));
    assert!(new_clean.contains("  - id: acme-corp\n"));
    assert!(
        new_clean.contains("  - id: acme-group\n"),
        "other ids untouched"
    );
    assert!(new_clean.contains("parent: acme-group"));
    assert!(!new_clean.contains("organization: acme\n"));
    client.open(&clean_path, &new_clean);
    client.open(&extra, &new_extra);
    let structural = |d: &[Value]| codes(d).iter().any(|c| c < &"SVS100");
    assert!(!structural(client.diagnostics(&clean_path)));
    assert!(!structural(client.diagnostics(&extra)));
    client.stop();
}

#[test]
fn rename_is_refused_for_an_invalid_or_taken_id() {
    let (_dir, root, _) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    for (new_name, why) in [
        ("Not An Id", "not a valid id"),
        ("telco", "already has the id"),
    ] {
        let mut params = at(&extra, 2, 42);
        params["newName"] = json!(new_name);
        let error = client.request("textDocument/rename", params).unwrap_err();
        assert!(error.message.contains(why), "{}", error.message);
    }
    client.stop();
}

#[test]
fn hover_shows_the_entity_and_a_relationship_s_assessment() {
    let (_dir, root, clean) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    let hover = client
        .request("textDocument/hover", at(&extra, 2, 42))
        .unwrap();
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(text, "**organization** `acme`: Acme Ltd");
    assert_eq!(hover["range"]["start"], start(2, 40));

    let line = line_of(&clean, "  - id: acme-mobile");
    let hover = client
        .request("textDocument/hover", at(&root.join("clean.yaml"), line, 10))
        .unwrap();
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(
        text,
        "**relationship** `acme-mobile`\n\n| | |\n|---|---|\n| verdict | value |\n\
         | utility | 100.00 (fit for purpose) |\n| warranty | 100.00 (fit for use) |\n\
         | net value | 30,300.00 GBP per year |\n| co-creation | unassessed |\n\
         | delivered | unmeasured |"
    );
    client.stop();
}

#[test]
fn a_position_outside_the_text_is_an_error_and_the_server_goes_on() {
    let (_dir, root, _) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    for (line, character) in [(99, 0), (2, 500)] {
        let error = client
            .request("textDocument/definition", at(&extra, line, character))
            .unwrap_err();
        assert!(
            error.message.contains("outside the text"),
            "{}",
            error.message
        );
    }
    let bad = client.request("textDocument/hover", json!({ "nonsense": 1 }));
    assert!(bad.is_err());
    let never = client
        .request("textDocument/hover", at(&root.join("nowhere.yaml"), 0, 0))
        .unwrap();
    assert_eq!(never, Value::Null);
    let found = client
        .request("textDocument/definition", at(&extra, 2, 42))
        .unwrap();
    assert_eq!(found["uri"], uri(&root.join("clean.yaml")));
    client.stop();
}

/// One message in the protocol's framing.
fn framed(message: &Value) -> String {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn the_binary_serves_on_standard_input_and_output() {
    let input = [
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
        json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }),
        json!({ "jsonrpc": "2.0", "method": "exit" }),
    ]
    .iter()
    .map(framed)
    .collect::<String>();
    let output = crate::common::svs()
        .arg("lsp")
        .write_stdin(input)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("Content-Length: "), "{stdout}");
    assert!(stdout.contains(r#""name":"svs""#), "{stdout}");
    assert!(
        stdout.contains(r#""id":2"#),
        "shutdown is answered: {stdout}"
    );
}

#[test]
fn the_editor_set_ups_start_svs_lsp() {
    let docs = include_str!("../../docs/editors.md");
    for setup in [
        "cmd = { 'svs', 'lsp' }",
        r#""glspc.server.commandArguments": ["lsp"]"#,
        "args = [\"lsp\"]",
        "$schema=./svs.schema.json",
    ] {
        assert!(docs.contains(setup), "docs/editors.md: {setup}");
    }
}

fn labels(items: &Value) -> Vec<(&str, &str)> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["label"].as_str().unwrap(), i["detail"].as_str().unwrap()))
        .collect()
}

#[test]
fn completion_offers_the_ids_of_the_kind_the_key_names() {
    let (_dir, root, _) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    // Resolved: names as detail.
    let items = client
        .request("textDocument/completion", at(&extra, 2, 42))
        .unwrap();
    assert_eq!(
        labels(&items),
        [
            ("acme-group", "organization: Acme Group"),
            ("acme", "organization: Acme Ltd"),
            ("telco", "organization: Telco plc"),
        ]
    );
    // Half typed, so the catalogue does not resolve: the ids still come, by kind.
    let typing = "svs: 1\npeople:\n  - { id: bob, name: Bob, organization: ac\n";
    client.open(&extra, typing);
    let items = client
        .request("textDocument/completion", at(&extra, 2, 42))
        .unwrap();
    assert_eq!(labels(&items).len(), 3);
    let text = "svs: 1\ngroups:\n  - id: crew\n    name: Crew\n    members:\n      - \n";
    client.change(&extra, text);
    let items = client
        .request("textDocument/completion", at(&extra, 5, 8))
        .unwrap();
    assert_eq!(labels(&items), [("jane", "person")]);
    // On a key that takes no id: nothing.
    let none = client
        .request("textDocument/completion", at(&extra, 3, 10))
        .unwrap();
    assert_eq!(none, Value::Null);
    client.stop();
}

#[test]
fn a_code_action_applies_the_did_you_mean() {
    let (_dir, root, _) = two_files();
    let (mut client, _) = Client::start(&root);
    let extra = root.join("extra.yaml");
    client.open(
        &extra,
        "svs: 1\npeople:\n  - { id: bob, name: Bob, organization: acmee }\n",
    );
    let found = client.diagnostics(&extra).to_vec();
    assert_eq!(codes(&found), ["SVS005"]);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri(&extra) },
                "range": found[0]["range"],
                "context": { "diagnostics": found },
            }),
        )
        .unwrap();
    let action = &actions[0];
    assert_eq!(action["title"], "Change to `acme`");
    let edits = &action["edit"]["changes"][uri(&extra)];
    assert_eq!(edits[0]["newText"], "acme");
    assert_eq!(edits[0]["range"]["start"], start(2, 40));
    assert_eq!(edits[0]["range"]["end"], start(2, 45));
    client.stop();
}
