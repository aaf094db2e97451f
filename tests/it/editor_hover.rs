//! The schema in a real editor: yaml-language-server (the language server of VS Code's
//! YAML extension, also used by Neovim, Helix and Zed), given `svs schema`, shows each
//! key's own description on hover, with its backticks rendered as code.
//!
//! The server comes from npm, pinned by `tests/editor/package-lock.json`; `bash .ci/run`
//! installs it (`npm ci --prefix tests/editor`) when it is missing. This test speaks the
//! Language Server Protocol to it over its standard input and output, as an editor does.

use crate::common;

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long the server may take to answer any one request.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The server's entry point, below the repository.
const SERVER: &str = "tests/editor/node_modules/yaml-language-server/bin/yaml-language-server";

/// A running yaml-language-server and the messages it has sent.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    received: Vec<Value>,
    stderr: PathBuf,
    next_id: u64,
}

impl Server {
    /// Starts the server with `--stdio`; what it writes on stderr goes to `stderr`.
    fn start(stderr: PathBuf) -> Server {
        common::require_program("node", "nodejs");
        let server = Path::new(env!("CARGO_MANIFEST_DIR")).join(SERVER);
        assert!(
            server.is_file(),
            "this test needs yaml-language-server, which is not installed in tests/editor: \
             install it with `npm ci --prefix tests/editor`, or run the tests with \
             `bash .ci/run`, which installs it when it is missing"
        );
        let mut child = Command::new("node")
            .arg(&server)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(File::create(&stderr).expect("a file for the server's stderr"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `node {}` ({e})", server.display()));
        let stdin = child.stdin.take().expect("the server's stdin");
        let stdout = child.stdout.take().expect("the server's stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            received: Vec::new(),
            stderr,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .unwrap_or_else(|e| self.fail(&format!("cannot write to the server ({e})")));
    }

    fn notify(&mut self, method: &str, params: &Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response, answering the server's own requests
    /// meanwhile; returns the result.
    fn request(&mut self, method: &str, params: &Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => self.fail(&format!(
                    "no answer to `{method}` within {} s",
                    TIMEOUT.as_secs()
                )),
                Err(RecvTimeoutError::Disconnected) => self.fail(&format!(
                    "the server closed its output before answering `{method}`"
                )),
            };
            self.received.push(message.clone());
            if message.get("method").is_some() {
                if let Some(request) = message.get("id") {
                    let result = answer(&message);
                    self.send(&json!({ "jsonrpc": "2.0", "id": request, "result": result }));
                }
            } else if message["id"] == id {
                if let Some(error) = message.get("error") {
                    self.fail(&format!("`{method}` failed: {error}"));
                }
                return message["result"].clone();
            }
        }
    }

    /// Panics with `problem`, what the server sent and what it wrote on stderr.
    fn fail(&self, problem: &str) -> ! {
        let received: Vec<String> = self.received.iter().map(Value::to_string).collect();
        let stderr = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        panic!(
            "{problem}\n--- received from yaml-language-server:\n{}\n--- its stderr:\n{stderr}",
            received.join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The server would wait for `exit`; the test is done with it either way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one message with its `Content-Length` header; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The editor's `yaml` settings: hover on, and the online schema store off, so that the
/// server fetches nothing.
fn yaml_settings() -> Value {
    json!({ "hover": true, "validate": true, "schemaStore": { "enable": false } })
}

/// The answer to a request from the server: the settings for `workspace/configuration`,
/// and an empty result for anything else (`client/registerCapability`, …).
fn answer(request: &Value) -> Value {
    if request["method"] != "workspace/configuration" {
        return Value::Null;
    }
    let items = request["params"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .map(|item| {
            if item["section"] == "yaml" {
                yaml_settings()
            } else {
                Value::Null
            }
        })
        .collect()
}

/// A `file://` URI for an absolute path.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

/// A catalogue file that uses every key checked below, valid against the schema.
const CATALOGUE: &str = "\
svs: 1
catalogue:
  name: Hover check
  currency: GBP
  thresholds:
    utility: 50
  lint:
    allow: [SVS101]
organizations:
  - id: acme
    name: Acme
  - id: buyer
    name: Buyer
people:
  - id: cio
    name: Chief Information Officer
    organization: buyer
  - id: seller
    name: Account Manager
    organization: acme
outcomes:
  - id: calls
    name: Staff can make calls
    kind: performance
services:
  - id: mobile
    name: Mobile
    provider: acme
    warranty:
      availability: 99.5
      continuity:
        rto_hours: 4
offerings:
  - id: mobile-plan
    name: Mobile plan
    provider: acme
    services: [mobile]
    goods:
      - name: Handset
        ownership: transferred
    access:
      - name: Network
        ownership: retained
    warranty:
      availability: 99.9
    lint:
      allow: [SVS101]
relationships:
  - id: acme-buyer
    provider: acme
    consumer: buyer
    offering: mobile-plan
    roles:
      customer: [cio]
    stakeholders:
      - party: cio
        role: employee
        effects:
          - name: Fewer devices to carry
            direction: gain
    requirements:
      outcomes:
        - outcome: calls
          priority: must
      warranty:
        availability: 99
    costs:
      removed:
        - name: Handsets
          category: technology
          amount: 100
          per: month
    risks:
      removed:
        - name: Outage
          likelihood: 0.1
          impact: 1000
    provision:
      benefits:
        - name: Reference customer
          kind: image
    budget:
      amount: 1200
      per: year
      authorised_by: cio
    management:
      manager: seller
      counterpart: cio
      cadence: quarter
      last_review: 2026-10-05
evidence:
  - relationship: acme-buyer
    period: 2026-Q3
    warranty:
      availability: 99.7
      continuity:
        rpo_hours: 2
    perception:
      - role: customer
        score: 4
        max: 5
        responses: 3
improvements:
  - id: esim
    relationship: acme-buyer
    name: Move handsets to eSIM
    owner: seller
    status: in-progress
    raised: 2026-07-01
    due: 2027-01-31
    expected:
      costs_removed:
        amount: 5000
        per: year
";

/// A key to hover over: the first key `name` below the first line containing `below`, a
/// part of the key's own description, and a part of the shared definition's description
/// that must not be shown instead.
struct Key {
    below: &'static str,
    name: &'static str,
    own: &'static str,
    shared: Option<&'static str>,
}

const KEYS: &[Key] = &[
    Key {
        below: "svs: 1",
        name: "catalogue",
        own: "At most one file of a catalogue may have this block.",
        shared: Some("its name, currency, horizon"),
    },
    Key {
        below: "catalogue:",
        name: "lint",
        own: "Severity overrides for the whole catalogue. An entity's own `lint.allow` wins.",
        shared: Some("the command line's flags win over them"),
    },
    Key {
        below: "services:",
        name: "warranty",
        own: "What the service assures. Offerings that include it inherit it unless they \
              declare their own.",
        shared: Some("A warranty block"),
    },
    Key {
        below: "services:",
        name: "continuity",
        own: "Recovery objectives; either may be left out.",
        shared: Some("Lower is better"),
    },
    Key {
        below: "goods:",
        name: "ownership",
        own: "Who owns it afterwards. Default `transferred`.",
        shared: Some("Who owns an item once it is supplied"),
    },
    Key {
        below: "access:",
        name: "ownership",
        own: "Who owns it. Default `retained`.",
        shared: Some("Who owns an item once it is supplied"),
    },
    Key {
        below: "offerings:",
        name: "warranty",
        own: "The offering's own warranty. When it declares anything, it replaces the \
              warranty of the services.",
        shared: Some("A warranty block"),
    },
    Key {
        below: "offerings:",
        name: "lint",
        own: "Lint rules silenced for this offering.",
        shared: Some("the most specific setting"),
    },
    Key {
        below: "relationships:",
        name: "roles",
        own: "Who holds each consumer role.",
        shared: Some("The consumer roles of a relationship"),
    },
    Key {
        below: "effects:",
        name: "direction",
        own: "`gain` or `loss` for the stakeholder. Default `gain`.",
        shared: Some("Whether an effect is good or bad"),
    },
    Key {
        below: "relationships:",
        name: "requirements",
        own: "What the customer has defined and agreed: the basis of utility and warranty.",
        shared: None,
    },
    Key {
        below: "requirements:",
        name: "priority",
        own: "How much it matters. Default `should`.",
        shared: Some("How much a required outcome matters"),
    },
    Key {
        below: "requirements:",
        name: "warranty",
        own: "The minimum acceptable warranty: each item is one check of fit for use.",
        shared: Some("A warranty block"),
    },
    Key {
        below: "relationships:",
        name: "costs",
        own: "Costs the relationship takes off the consumer, and costs it puts on them.",
        shared: Some("The costs of a relationship, from the consumer's side"),
    },
    Key {
        below: "relationships:",
        name: "risks",
        own: "Risks the relationship takes off the consumer, and risks it puts on them.",
        shared: Some("The risks of a relationship, from the consumer's side"),
    },
    Key {
        below: "relationships:",
        name: "provision",
        own: "The provider's side of this relationship alone",
        shared: Some("The provider's side of one relationship."),
    },
    Key {
        below: "relationships:",
        name: "budget",
        own: "What the sponsor authorised for this relationship.",
        shared: Some("an amount per month, quarter or year"),
    },
    Key {
        below: "budget:",
        name: "per",
        own: "The period the amount covers: `month`, `quarter` or `year`.",
        shared: Some("The period a budget's amount covers."),
    },
    Key {
        below: "evidence:",
        name: "period",
        own: "The period covered: `YYYY`, `YYYY-Qn` (n from 1 to 4) or `YYYY-MM`.",
        shared: None,
    },
    Key {
        below: "evidence:",
        name: "warranty",
        own: "The warranty achieved, in the terms of the warranty block.",
        shared: Some("what is left out was not measured"),
    },
    Key {
        below: "evidence:",
        name: "continuity",
        own: "Recovery achieved in the period's test or incident.",
        shared: Some("Recovery objectives"),
    },
    Key {
        below: "perception:",
        name: "role",
        own: "The consumer role asked: `customer`, `user` or `sponsor`.",
        shared: Some("The consumer role whose perception is asked."),
    },
    Key {
        below: "management:",
        name: "cadence",
        own: "How often they review the relationship together: `month`, `quarter` or `year`.",
        shared: Some("How often a relationship is reviewed jointly."),
    },
    Key {
        below: "management:",
        name: "last_review",
        own: "The date of the last joint review (`YYYY-MM-DD`); none: a review is due now.",
        shared: None,
    },
    Key {
        below: "improvements:",
        name: "status",
        own: "Where it stands: `proposed`, `agreed`, `in-progress`, `done` or `dropped`.",
        shared: Some("Where an improvement stands."),
    },
    Key {
        below: "improvements:",
        name: "owner",
        own: "Who answers for it: a person of either side.",
        shared: None,
    },
    Key {
        below: "costs_removed:",
        name: "per",
        own: "The period the amount covers: `month`, `quarter` or `year`.",
        shared: Some("per month, quarter or year."),
    },
];

/// The zero-based line and column of the middle of `key`'s name in `text`.
fn position(text: &str, key: &Key) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.contains(key.below))
        .unwrap_or_else(|| panic!("no line contains {:?}", key.below));
    let label = format!("{}:", key.name);
    (start + 1..lines.len())
        .find_map(|number| {
            let line = lines[number];
            let indent = line.len() - line.trim_start_matches([' ', '-']).len();
            line[indent..]
                .starts_with(&label)
                .then_some((number, indent + key.name.len() / 2))
        })
        .unwrap_or_else(|| panic!("no `{label}` below {:?}", key.below))
}

#[test]
fn hover_shows_each_keys_own_description_with_backticks_rendered() {
    let temp = tempfile::tempdir().expect("temporary directory");
    let output = common::run(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "svs schema exits 0");
    let schema = temp.path().join("svs.schema.json");
    std::fs::write(&schema, &output.stdout).expect("the schema is written");
    let text = format!(
        "# yaml-language-server: $schema={}\n{CATALOGUE}",
        file_uri(&schema)
    );
    let catalogue = temp.path().join("catalogue.yaml");
    std::fs::write(&catalogue, &text).expect("the catalogue is written");
    let uri = file_uri(&catalogue);

    let mut server = Server::start(temp.path().join("server.stderr"));
    server.request(
        "initialize",
        &json!({
            "processId": std::process::id(),
            "rootUri": file_uri(temp.path()),
            "capabilities": {
                "textDocument": {
                    "hover": { "contentFormat": ["markdown", "plaintext"] },
                },
                "workspace": {
                    "configuration": true,
                    "didChangeConfiguration": { "dynamicRegistration": true },
                },
            },
        }),
    );
    server.notify("initialized", &json!({}));
    server.notify(
        "workspace/didChangeConfiguration",
        &json!({ "settings": { "yaml": yaml_settings() } }),
    );
    server.notify(
        "textDocument/didOpen",
        &json!({ "textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text,
        } }),
    );

    let mut wrong = Vec::new();
    for key in KEYS {
        let (line, character) = position(&text, key);
        let hover = server.request(
            "textDocument/hover",
            &json!({
                "textDocument": { "uri": uri },
                "position": { "line": line, "character": character },
            }),
        );
        let kind = &hover["contents"]["kind"];
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        let problem = if kind != "markdown" {
            Some(format!("not markdown: {hover}"))
        } else if !value.contains(key.own) {
            Some("without the key's own description".to_owned())
        } else if key.shared.is_some_and(|shared| value.contains(shared)) {
            Some("with the shared definition's description".to_owned())
        } else if value.contains("\\`") {
            Some("with its backticks escaped".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            wrong.push(format!(
                "`{}` below {:?} (line {}): {problem}\n{value}\n",
                key.name,
                key.below,
                line + 1
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} hovers are wrong:\n{}",
        wrong.len(),
        KEYS.len(),
        wrong.join("\n")
    );
}
