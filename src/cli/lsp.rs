//! `svs lsp`: starts the language server ([`crate::lsp`]) on standard input and output.
//!
//! The server runs on its own thread behind a channel; this thread writes what it sends to
//! the `out` it is given, as every command does, rather than locking standard output a
//! second time (`main` already holds the lock, and `lsp_server`'s own stdio transport
//! would wait for it forever). A reader thread feeds it standard input, reading the
//! protocol's framing itself ([`read_frame`]) so that no frame an editor sends can end the
//! server: text that is not UTF-8 is read with replacement characters, a frame that is not
//! a message is skipped, and a `Content-Length` is never trusted with an allocation.

use std::io::Write;

use clap::Args;
use lsp_server::{Connection, Message};

use crate::lsp::frame::{Frame, read_frame};

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
