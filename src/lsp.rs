//! `svs lsp`: a language server over standard input and output, so that an editor shows
//! `svs lint`'s findings as the catalogue is typed, and can follow and rename ids.
//!
//! It is synchronous, as rust-analyzer's protocol layer ([`lsp_server`]) allows: one
//! message at a time, each answered from a fresh load of the file's catalogue with the
//! open buffers in place of the disk ([`workspace`]). The loader, the rules and the
//! assessment are the CLI's own, so the editor and CI never disagree. [`convert`] owns
//! positions; [`diagnostics`] turns findings into the protocol's diagnostics.

pub mod convert;
pub mod diagnostics;
pub mod workspace;

use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    InitializeParams, PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde::de::DeserializeOwned;

use workspace::Workspace;

/// What the server can do, as `initialize` announces it.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on `connection` until the client sends `exit` or goes away.
pub fn serve(connection: &Connection) -> anyhow::Result<()> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = lsp_types::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "svs".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        connection,
        workspace: Workspace {
            root: root_of(&params),
            ..Workspace::default()
        },
        shutting_down: false,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => server.request(request)?,
            Message::Notification(notification) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(());
                }
                server.notification(notification)?;
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The workspace folder: the first of `workspaceFolders`, else `rootUri`.
#[allow(deprecated)] // `root_uri` is what older clients send.
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(params.root_uri.as_ref())
        .and_then(convert::uri_to_path)
}

/// The server's state between messages.
struct Server<'a> {
    connection: &'a Connection,
    workspace: Workspace,
    shutting_down: bool,
}

/// A failed request: the error code and message of its response.
type Failure = (ErrorCode, String);

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

impl Server<'_> {
    fn send(&self, message: impl Into<Message>) -> anyhow::Result<()> {
        self.connection.sender.send(message.into())?;
        Ok(())
    }

    fn request(&mut self, request: Request) -> anyhow::Result<()> {
        let Request { id, method, params } = request;
        let result = if self.shutting_down {
            Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_owned(),
            ))
        } else if method == "shutdown" {
            self.shutting_down = true;
            Ok(serde_json::Value::Null)
        } else {
            self.answer(&method, params)
        };
        self.respond(id, result)
    }

    fn respond(
        &self,
        id: RequestId,
        result: Result<serde_json::Value, Failure>,
    ) -> anyhow::Result<()> {
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response)
    }

    /// The result of one request.
    #[allow(clippy::unused_self)] // until a request reads the workspace
    fn answer(
        &self,
        method: &str,
        _params: serde_json::Value,
    ) -> Result<serde_json::Value, Failure> {
        Err((
            ErrorCode::MethodNotFound,
            format!("svs lsp does not handle `{method}`"),
        ))
    }

    fn notification(&mut self, notification: Notification) -> anyhow::Result<()> {
        let Notification {
            method,
            params: value,
        } = notification;
        let changed = match method.as_str() {
            DidOpenTextDocument::METHOD => params::<lsp_types::DidOpenTextDocumentParams>(value)
                .ok()
                .and_then(|p| {
                    let path = convert::uri_to_path(&p.text_document.uri)?;
                    self.workspace
                        .open
                        .insert(path.clone(), p.text_document.text);
                    Some(path)
                }),
            DidChangeTextDocument::METHOD => {
                params::<lsp_types::DidChangeTextDocumentParams>(value)
                    .ok()
                    .and_then(|p| {
                        let path = convert::uri_to_path(&p.text_document.uri)?;
                        // Full sync: the last change is the whole text. A change for a
                        // file never opened is ignored.
                        let text = p.content_changes.into_iter().last()?.text;
                        let buffer = self.workspace.open.get_mut(&path)?;
                        *buffer = text;
                        Some(path)
                    })
            }
            DidSaveTextDocument::METHOD => params::<lsp_types::DidSaveTextDocumentParams>(value)
                .ok()
                .and_then(|p| {
                    let path = convert::uri_to_path(&p.text_document.uri)?;
                    if let (Some(text), Some(buffer)) = (p.text, self.workspace.open.get_mut(&path))
                    {
                        *buffer = text;
                    }
                    Some(path)
                }),
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(value) {
                    if let Some(path) = convert::uri_to_path(&p.text_document.uri) {
                        self.workspace.open.remove(&path);
                    }
                }
                None
            }
            _ => None,
        };
        match changed {
            Some(path) => self.publish(&path),
            None => Ok(()),
        }
    }

    /// Re-checks the catalogue of `path` and publishes the findings of each of its files.
    fn publish(&self, path: &std::path::Path) -> anyhow::Result<()> {
        let checked = self.workspace.check(&self.workspace.scope(path));
        for (file, diagnostics) in diagnostics::by_file(&checked) {
            let params =
                PublishDiagnosticsParams::new(convert::path_to_uri(&file), diagnostics, None);
            self.send(Notification::new(
                PublishDiagnostics::METHOD.to_owned(),
                params,
            ))?;
        }
        Ok(())
    }
}
