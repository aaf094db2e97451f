//! `svs lsp`: a language server over standard input and output, so that an editor shows
//! `svs lint`'s findings as the catalogue is typed, and can follow and rename ids.
//!
//! It is synchronous, as rust-analyzer's protocol layer ([`lsp_server`]) allows: one
//! message at a time, each answered from a fresh load of the file's catalogue with the
//! open buffers in place of the disk ([`workspace`]), or from the last one while no
//! notification came in between. The loader, the rules and the assessment are the CLI's
//! own, so the editor and CI never disagree. [`convert`] owns positions; [`diagnostics`]
//! turns findings into the protocol's diagnostics.
//!
//! A check costs as much as `svs lint`, and an editor sends the whole text at every
//! keystroke. So changes are applied as they arrive but checked only when no message is
//! waiting (or a request needs them): those that come in while a check runs are checked
//! together by the next, and the server is never more than one check behind the typing.

pub mod actions;
pub mod complete;
pub mod convert;
pub mod diagnostics;
pub mod frame;
pub mod symbols;
pub mod workspace;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use crossbeam_channel::TryRecvError;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    GotoDefinitionParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, OneOf, PublishDiagnosticsParams,
    ReferenceParams, RenameParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkspaceEdit,
};
use serde::de::DeserializeOwned;

use symbols::Occurrence;
use workspace::{Checked, Scope, Workspace};

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
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
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
        workspace: Workspace::new(root_of(&params)),
        stale: BTreeSet::new(),
        checked: RefCell::new(None),
        shutting_down: false,
    };
    loop {
        // Changes are applied as they come, but checked only once nothing is waiting: the
        // changes that arrive while a check runs are checked together by the next one.
        let message = match connection.receiver.try_recv() {
            Ok(message) => message,
            Err(TryRecvError::Empty) => {
                server.publish_stale()?;
                match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            }
            Err(TryRecvError::Disconnected) => return Ok(()),
        };
        match message {
            Message::Request(request) => {
                // An answer comes after the diagnostics of every change before it. Not
                // for `shutdown`: what it leaves unchecked is never wanted.
                if request.method != "shutdown" {
                    server.publish_stale()?;
                }
                server.request(request)?;
            }
            Message::Notification(notification) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(());
                }
                server.notification(notification);
            }
            Message::Response(_) => {}
        }
    }
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
    /// The files changed since their catalogue was last checked: at most one entry per
    /// file, emptied by every check, so nothing builds up change after change.
    stale: BTreeSet<PathBuf>,
    /// The catalogue last checked, until the next notification: the requests an editor
    /// sends after a change ask about the text just checked, and need not check it again.
    checked: RefCell<Option<(Scope, Rc<Checked>)>>,
    shutting_down: bool,
}

/// A failed request: the error code and message of its response.
type Failure = (ErrorCode, String);

fn to_json<R: serde::Serialize>(result: Result<R, Failure>) -> Result<serde_json::Value, Failure> {
    result.and_then(|r| {
        serde_json::to_value(r).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    })
}

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
            self.stale.clear();
            Ok(serde_json::Value::Null)
        } else {
            self.answer(&method, params)
        };
        self.respond(id, result)
    }

    /// The catalogue of `scope` checked: the last one checked when nothing changed since.
    fn check(&self, scope: Scope) -> Rc<Checked> {
        if let Some((last, checked)) = &*self.checked.borrow() {
            if *last == scope {
                return Rc::clone(checked);
            }
        }
        // The old one is dropped first: never two catalogues in memory at once.
        self.checked.replace(None);
        let checked = Rc::new(self.workspace.check(&scope));
        self.checked.replace(Some((scope, Rc::clone(&checked))));
        checked
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
    fn answer(&self, method: &str, value: serde_json::Value) -> Result<serde_json::Value, Failure> {
        match method {
            "textDocument/definition" => to_json(self.definition(&params(value)?)),
            "textDocument/references" => to_json(self.references(&params(value)?)),
            "textDocument/rename" => to_json(self.rename(&params(value)?)),
            "textDocument/hover" => to_json(self.hover(&params(value)?)),
            "textDocument/completion" => to_json(self.completion(&params(value)?)),
            "textDocument/codeAction" => {
                to_json(Ok(actions::code_actions(&self.workspace, &params(value)?)))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("svs lsp does not handle `{method}`"),
            )),
        }
    }

    /// The catalogue of the file at a position and the id written there, if any. A
    /// position outside the text is an error; one on no id, or in a catalogue that does
    /// not load, is `None`.
    fn at(
        &self,
        position: &TextDocumentPositionParams,
    ) -> Result<Option<(Rc<Checked>, Occurrence)>, Failure> {
        let Some(path) = convert::uri_to_path(&position.text_document.uri) else {
            return Ok(None);
        };
        let checked = self.check(self.workspace.scope(&path));
        let Some(file) = checked.file_id(&path) else {
            return Ok(None);
        };
        let offset = convert::offset(checked.loaded.sources.file(file), position.position)
            .ok_or_else(|| {
                (
                    ErrorCode::InvalidParams,
                    format!(
                        "line {}, character {} is outside the text",
                        position.position.line, position.position.character
                    ),
                )
            })?;
        let Some(catalogue) = &checked.loaded.catalogue else {
            return Ok(None);
        };
        let found = symbols::occurrences(catalogue)
            .into_iter()
            .find(|o| o.span.file == file && o.span.start() <= offset && offset <= o.span.end());
        Ok(found.map(|occurrence| (checked, occurrence)))
    }

    /// Every occurrence of the entity an occurrence names.
    fn all_of(checked: &Checked, occurrence: Occurrence) -> Vec<Occurrence> {
        let catalogue = checked
            .loaded
            .catalogue
            .as_ref()
            .expect("a resolved catalogue");
        symbols::occurrences(catalogue)
            .into_iter()
            .filter(|o| o.kind == occurrence.kind && o.index == occurrence.index)
            .collect()
    }

    fn location(checked: &Checked, occurrence: &Occurrence) -> Location {
        let sources = &checked.loaded.sources;
        let catalogue = checked
            .loaded
            .catalogue
            .as_ref()
            .expect("a resolved catalogue");
        let id = catalogue.id(occurrence.kind, occurrence.index);
        let span = symbols::id_span(sources, occurrence.span, id);
        Location::new(
            convert::path_to_uri(sources.file(span.file).path.as_ref()),
            convert::range(sources, span),
        )
    }

    fn definition(&self, params: &GotoDefinitionParams) -> Result<Option<Location>, Failure> {
        let Some((checked, occurrence)) = self.at(&params.text_document_position_params)? else {
            return Ok(None);
        };
        let definition = Self::all_of(&checked, occurrence)
            .into_iter()
            .find(|o| o.definition);
        Ok(definition.map(|d| Self::location(&checked, &d)))
    }

    fn references(&self, params: &ReferenceParams) -> Result<Option<Vec<Location>>, Failure> {
        let Some((checked, occurrence)) = self.at(&params.text_document_position)? else {
            return Ok(None);
        };
        let declaration = params.context.include_declaration;
        Ok(Some(
            Self::all_of(&checked, occurrence)
                .iter()
                .filter(|o| declaration || !o.definition)
                .map(|o| Self::location(&checked, o))
                .collect(),
        ))
    }

    #[allow(clippy::mutable_key_type)] // see `symbols::rename_edits`
    fn rename(&self, params: &RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
        let Some((checked, occurrence)) = self.at(&params.text_document_position)? else {
            return Ok(None);
        };
        let new_id = params.new_name.as_str();
        if !crate::load::decode::is_valid_id(new_id) {
            return Err((
                ErrorCode::InvalidParams,
                format!(
                    "`{new_id}` is not a valid id: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 63"
                ),
            ));
        }
        let catalogue = checked
            .loaded
            .catalogue
            .as_ref()
            .expect("a resolved catalogue");
        let taken = symbols::occurrences(catalogue)
            .iter()
            .filter(|o| o.definition)
            .find(|o| catalogue.id(o.kind, o.index) == new_id)
            .map(|o| o.kind);
        if let Some(kind) = taken {
            return Err((
                ErrorCode::InvalidParams,
                format!("a {kind} already has the id `{new_id}`"),
            ));
        }
        let found = Self::all_of(&checked, occurrence);
        let changes = symbols::rename_edits(&checked.loaded.sources, catalogue, &found, new_id);
        Ok(Some(WorkspaceEdit::new(changes)))
    }

    /// The keys or words that may be typed at the position, else the ids a reference
    /// there may name, with their kind and name.
    fn completion(
        &self,
        params: &lsp_types::CompletionParams,
    ) -> Result<Option<Vec<lsp_types::CompletionItem>>, Failure> {
        let position = &params.text_document_position;
        let Some(path) = convert::uri_to_path(&position.text_document.uri) else {
            return Ok(None);
        };
        let checked = self.check(self.workspace.scope(&path));
        let Some(file) = checked.file_id(&path) else {
            return Ok(None);
        };
        let source = checked.loaded.sources.file(file);
        let offset = convert::offset(source, position.position).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                "the position is outside the text".to_owned(),
            )
        })?;
        if let Some(items) = complete::keys_or_words(&source.text[..offset], &source.text[offset..])
        {
            return Ok(Some(items));
        }
        let Some(kinds) = complete::key_at(&source.text[..offset]).map(complete::kinds_of) else {
            return Ok(None);
        };
        if kinds.is_empty() {
            return Ok(None);
        }
        let name_of = |kind: crate::model::Kind, id: &str| {
            let catalogue = checked.loaded.catalogue.as_ref()?;
            symbols::occurrences(catalogue)
                .into_iter()
                .filter(|o| o.definition && o.kind == kind)
                .find(|o| catalogue.id(o.kind, o.index) == id)
                .and_then(|o| catalogue.common(o.kind, o.index).name.clone())
        };
        let mut items = Vec::new();
        for file in checked.loaded.sources.files() {
            for (kind, id) in complete::ids(&file.text) {
                if kinds.contains(&kind) {
                    let detail = match name_of(kind, &id) {
                        Some(name) => format!("{kind}: {name}"),
                        None => kind.noun().to_owned(),
                    };
                    items.push(lsp_types::CompletionItem {
                        label: id,
                        detail: Some(detail),
                        kind: Some(lsp_types::CompletionItemKind::REFERENCE),
                        ..lsp_types::CompletionItem::default()
                    });
                }
            }
        }
        Ok(Some(items))
    }

    fn hover(&self, params: &HoverParams) -> Result<Option<Hover>, Failure> {
        let Some((checked, occurrence)) = self.at(&params.text_document_position_params)? else {
            return Ok(None);
        };
        let catalogue = checked
            .loaded
            .catalogue
            .as_ref()
            .expect("a resolved catalogue");
        let value = symbols::hover(catalogue, occurrence.kind, occurrence.index);
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(Self::location(&checked, &occurrence).range),
        }))
    }

    /// Applies a change the editor made; its catalogue is checked by [`publish_stale`].
    ///
    /// [`publish_stale`]: Server::publish_stale
    fn notification(&mut self, notification: Notification) {
        if self.shutting_down {
            return;
        }
        // Any notification may change a text or what is on disk.
        self.checked.replace(None);
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
                        .insert(path.clone(), Arc::new(p.text_document.text));
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
                        *buffer = Arc::new(text);
                        Some(path)
                    })
            }
            DidSaveTextDocument::METHOD => params::<lsp_types::DidSaveTextDocumentParams>(value)
                .ok()
                .and_then(|p| {
                    let path = convert::uri_to_path(&p.text_document.uri)?;
                    if let (Some(text), Some(buffer)) = (p.text, self.workspace.open.get_mut(&path))
                    {
                        *buffer = Arc::new(text);
                    }
                    Some(path)
                }),
            // A closed buffer gives way to the disk: its catalogue is checked again as saved.
            DidCloseTextDocument::METHOD => params::<lsp_types::DidCloseTextDocumentParams>(value)
                .ok()
                .and_then(|p| {
                    let path = convert::uri_to_path(&p.text_document.uri)?;
                    self.workspace.open.remove(&path).map(|_| path)
                }),
            _ => None,
        };
        if let Some(path) = changed {
            self.stale.insert(path);
        }
    }

    /// Checks the catalogue of each stale file, once however many of its files changed,
    /// and publishes the findings of each of its files.
    fn publish_stale(&mut self) -> anyhow::Result<()> {
        let mut scopes: Vec<Scope> = Vec::new();
        for path in std::mem::take(&mut self.stale) {
            let scope = self.workspace.scope(&path);
            if !(path.exists() || self.workspace.open.contains_key(&path)) {
                // Closed without being saved: no file is left to show findings in.
                let params =
                    PublishDiagnosticsParams::new(convert::path_to_uri(&path), vec![], None);
                self.send(Notification::new(
                    PublishDiagnostics::METHOD.to_owned(),
                    params,
                ))?;
                if scope == Scope::File(path) {
                    continue;
                }
            }
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        for scope in scopes {
            let checked = self.check(scope);
            for (file, diagnostics) in diagnostics::by_file(&checked) {
                let params =
                    PublishDiagnosticsParams::new(convert::path_to_uri(&file), diagnostics, None);
                self.send(Notification::new(
                    PublishDiagnostics::METHOD.to_owned(),
                    params,
                ))?;
            }
        }
        Ok(())
    }
}
