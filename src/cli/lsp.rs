//! `svs lsp`: starts the language server ([`crate::lsp`]) on standard input and output.
//!
//! The server runs on its own thread behind a channel; this thread writes what it sends to
//! the `out` it is given, as every command does, rather than locking standard output a
//! second time (`main` already holds the lock, and `lsp_server`'s own stdio transport
//! would wait for it forever). A reader thread feeds it standard input, reading the
//! protocol's framing itself ([`read_frame`]) so that no frame an editor sends can end the
//! server: text that is not UTF-8 is read with replacement characters, a frame that is not
//! a message is skipped, and a `Content-Length` is never trusted with an allocation.

use std::io::{BufRead, Read, Write};

use clap::Args;
use lsp_server::{Connection, Message};

use super::{Context, ExitStatus};

const EXAMPLES: &str = "\
Examples:
  svs lsp    Started by an editor, never by hand: docs/editors.md has the set-ups";

/// Arguments of `svs lsp`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct LspArgs {}

pub(super) fn run(
    _args: &LspArgs,
    _context: &Context,
    mut out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (to_server, server_receiver) = crossbeam_channel::unbounded();
    let (server_sender, from_server) = crossbeam_channel::unbounded();
    let connection = Connection {
        sender: server_sender,
        receiver: server_receiver,
    };
    // Not joined: after `exit` it may still wait on an editor that keeps its end open.
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        loop {
            let message = match read_frame(&mut stdin) {
                Ok(Frame::Message(message)) => message,
                Ok(Frame::Malformed) => continue,
                Ok(Frame::End) | Err(_) => break,
            };
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || exit {
                break;
            }
        }
    });
    let server = std::thread::spawn(move || crate::lsp::serve(&connection));
    // The protocol owns standard output: nothing else is written there. Each message is
    // flushed as it is written.
    for message in &from_server {
        message.write(&mut out)?;
    }
    server
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    Ok(ExitStatus::Success)
}

/// What one frame of standard input holds.
#[derive(Debug)]
enum Frame {
    /// A message.
    Message(Message),
    /// Something that is not a message: skipped, as no response can name its id.
    Malformed,
    /// The end of the input.
    End,
}

/// Reads one frame: `Content-Length` and other headers, a blank line, then the body.
///
/// Unlike [`Message::read`], a body that is not UTF-8 does not end the input: an editor
/// that sends one byte wrong gets the rest of its message read (the byte becomes U+FFFD),
/// not a server that stops. The body is read as it comes rather than into a buffer of the
/// announced length, so a length of many gigabytes costs only what is really sent.
fn read_frame(input: &mut impl BufRead) -> std::io::Result<Frame> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let header = String::from_utf8_lossy(&line);
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = value.trim().parse::<u64>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed);
    };
    // Room for the body as announced, up to a bound: a lie costs no more than that.
    let mut body = Vec::with_capacity(usize::try_from(length.min(1 << 26)).unwrap_or(0));
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    // Through a `Value`, whose strings the message then takes: read straight into a
    // `Message`, an untagged enum, serde would first copy every string (a whole buffer
    // at each change) into a value of its own.
    let value = serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(&body));
    drop(body);
    Ok(match value.and_then(serde_json::from_value) {
        Ok(message) => Frame::Message(message),
        Err(_) => Frame::Malformed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut input = input;
        let mut found = Vec::new();
        loop {
            match read_frame(&mut input).unwrap() {
                Frame::Message(Message::Notification(n)) => found.push(n.params.to_string()),
                Frame::Message(other) => found.push(format!("{other:?}")),
                Frame::Malformed => found.push("malformed".to_owned()),
                Frame::End => return found,
            }
        }
    }

    #[test]
    fn a_frame_that_is_not_utf8_or_not_a_message_is_read_past() {
        let good = br#"{"jsonrpc":"2.0","method":"m","params":"ok"}"#;
        let bad = b"{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":\"\xff\xfe\"}";
        let mut input = Vec::new();
        for body in [&good[..], &bad[..], b"not json", b"", &good[..]] {
            input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            input.extend_from_slice(body);
        }
        input.extend_from_slice(b"Content-Type: x\r\n\r\n");
        input.extend_from_slice(b"Content-Length: 99999999999999\r\n\r\n{}");
        assert_eq!(
            frames(&input),
            [
                r#""ok""#,
                "\"\u{fffd}\u{fffd}\"",
                "malformed",
                "malformed",
                r#""ok""#,
                "malformed",
            ]
        );
    }
}
