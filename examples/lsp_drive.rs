//! Drives `svs lsp` as an editor would, for `benches/scale.sh --lsp`: opens one catalogue
//! file, then sends K changes one at a time, each waiting for the diagnostics it causes.
//!
//! ```text
//! cargo run --release --example lsp_drive -- SVS FILE K
//! ```
//!
//! Each change appends a comment line, so every version differs and is checked in full.
//! It prints one line of `key=value` pairs: the time from opening the file to its
//! diagnostics (`open_ms`), the median and longest time from a change to its diagnostics
//! (`median_ms`, `max_ms`), and the server's peak and current resident memory after 10
//! changes and after K (`hwm10_kb`, `rss10_kb`, `hwm_kb`, `rss_kb`, from
//! `/proc/PID/status`): a peak that still rises after the first changes would be memory
//! kept per change.

// A benchmark helper: it reports on standard output and standard error by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::{BufReader, Write as _};
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn fail(message: &str) -> ! {
    eprintln!("lsp_drive: {message}");
    std::process::exit(1);
}

/// The editor's end of the pipes.
struct Editor {
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Editor {
    fn send(&mut self, message: impl Into<Message>) {
        if let Err(e) = message.into().write(&mut self.input) {
            fail(&format!("cannot write to the server: {e}"));
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params));
    }

    /// Reads messages until one satisfies `wanted`.
    fn wait_for(&mut self, wanted: impl Fn(&Message) -> bool) {
        loop {
            match Message::read(&mut self.output) {
                Ok(Some(message)) if wanted(&message) => return,
                Ok(Some(_)) => {}
                Ok(None) => fail("the server closed its output"),
                Err(e) => fail(&format!("cannot read from the server: {e}")),
            }
        }
    }

    fn request(&mut self, id: i32, method: &str, params: Value) {
        self.send(Request::new(RequestId::from(id), method.to_owned(), params));
        let id = RequestId::from(id);
        self.wait_for(|m| matches!(m, Message::Response(r) if r.id == id));
    }

    /// Waits for the diagnostics of `uri`.
    fn published(&mut self, uri: &str) {
        self.wait_for(|m| {
            matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri)
        });
    }
}

/// A figure of `/proc/PID/status`, in kB.
fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(svs), Some(file), Some(changes)) = (args.first(), args.get(1), args.get(2)) else {
        fail("usage: lsp_drive SVS FILE K")
    };
    let Ok(changes) = changes.parse::<usize>() else {
        fail("K is a number of changes")
    };
    let file = Path::new(file)
        .canonicalize()
        .unwrap_or_else(|e| fail(&format!("cannot find {file}: {e}")));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", file.display())));
    let uri = svs::lsp::convert::path_to_uri(&file).as_str().to_owned();
    let root = file.parent().map(svs::lsp::convert::path_to_uri);

    let mut child = Command::new(svs)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start {svs}: {e}")));
    let pid = child.id();
    let mut editor = Editor {
        input: child.stdin.take().expect("piped"),
        output: BufReader::new(child.stdout.take().expect("piped")),
    };
    let root = root.map(|r| r.as_str().to_owned());
    editor.request(
        1,
        "initialize",
        json!({ "capabilities": {}, "rootUri": root }),
    );
    editor.notify("initialized", json!({}));

    let started = Instant::now();
    let document = json!({ "uri": uri, "languageId": "yaml", "version": 1, "text": text });
    editor.notify("textDocument/didOpen", json!({ "textDocument": document }));
    editor.published(&uri);
    let open = started.elapsed();

    let mut times = Vec::with_capacity(changes);
    let (mut hwm10, mut rss10) = (0, 0);
    let mut version = text.clone();
    for change in 1..=changes {
        version.truncate(text.len());
        let _ = writeln!(version, "# change {change}");
        let started = Instant::now();
        editor.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": change + 1 },
                "contentChanges": [{ "text": version }],
            }),
        );
        editor.published(&uri);
        times.push(started.elapsed());
        if change == 10 {
            (hwm10, rss10) = (status_kb(pid, "VmHWM"), status_kb(pid, "VmRSS"));
        }
    }
    let (hwm, rss) = (status_kb(pid, "VmHWM"), status_kb(pid, "VmRSS"));
    editor.request(2, "shutdown", Value::Null);
    editor.notify("exit", Value::Null);
    drop(editor);
    let _ = child.wait();

    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    println!(
        "open_ms={:.1} median_ms={:.1} max_ms={:.1} hwm10_kb={hwm10} rss10_kb={rss10} hwm_kb={hwm} rss_kb={rss}",
        ms(open),
        ms(median),
        ms(max)
    );
    let _ = std::io::stdout().flush();
}
