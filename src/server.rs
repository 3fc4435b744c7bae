//! `termlint server`: the checks of `termlint check` in an editor, over the
//! Language Server Protocol on standard input and output.
//!
//! An open document is checked as the file it will be saved as: the
//! nearest `glossary.toml` upward from it, its language and format from
//! its path, the same rules, severities, directives and `[[ignore]]`, on
//! the text in the editor rather than on disk. Each finding is a
//! diagnostic (the rule's code as `code`, its related places as related
//! information); each fix is a quick fix, safe ones preferred, with one
//! action that applies every safe fix of the file, and one that inserts a
//! `termlint: ignore RULE` directive. A document in a set is checked with
//! its siblings (open buffers as the editor has them, the others from
//! disk), and a change re-checks the open siblings. A glossary that does
//! not load is said once in a message and the server keeps serving.
//!
//! The server is synchronous (`lsp-server`, as rust-analyzer's): one
//! message at a time, each document checked whole when it is opened or
//! saved, and once a burst of changes has paused (`DEBOUNCE`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    Cancel, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, Location, MarkupContent, MarkupKind, MessageType,
    NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Url,
    WorkspaceEdit,
};

use crate::check::{CheckOptions, Checker, FileOutcome, Stdin};
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::glossary::Glossary;
use crate::position::{ColumnUnit, LineIndex};
use crate::rules::RuleSet;

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the client went away")]
    Disconnected,
    #[error("cannot encode a message: {0}")]
    Json(#[from] serde_json::Error),
}

/// Serves on standard input and output until the client says `exit`.
pub fn run_stdio() -> Result<(), ServerError> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|_| ServerError::Disconnected)
}

/// Serves on `connection` (stdio, or an in-memory one in tests).
pub fn serve(connection: &Connection) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let rule_pages = rule_pages(&params);
    // UTF-16 is the protocol's default; UTF-8 if the client offers it,
    // which saves counting.
    let utf8 = params
        .capabilities
        .general
        .and_then(|g| g.position_encodings)
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(utf8),
            "serverInfo": { "name": "termlint", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    // `initializationOptions.glossary`: one glossary for every document,
    // instead of the nearest one upward from each.
    let glossary = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("glossary"))
        .and_then(serde_json::Value::as_str)
        .map(PathBuf::from);
    let watch = params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        unit: if utf8 {
            ColumnUnit::Utf8Bytes
        } else {
            ColumnUnit::Utf16
        },
        open: HashMap::new(),
        said: Vec::new(),
        glossary,
        rule_pages,
        loaded: std::cell::RefCell::default(),
    };
    if watch {
        // Changes made outside the editor (a `git pull`, another tool) to
        // a glossary or a document of a set re-check the open documents.
        send(connection, watch_files())?;
    }
    listen(connection, &mut server)
}

/// What the server offers: whole documents synchronised, code actions,
/// hover, and positions in UTF-8 if the client offers it, else UTF-16.
fn capabilities(utf8: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Where each rule's page is, as a URL with `{rule}` in it, for clients
/// that show such links: `initializationOptions.rulePages` (a team's own
/// copy of docs/rules), or the pages of the source this binary was built
/// from while they are still on disk.
fn rule_pages(params: &InitializeParams) -> Option<String> {
    let shown = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.publish_diagnostics.as_ref())
        .and_then(|p| p.code_description_support)
        .unwrap_or(false);
    if !shown {
        return None;
    }
    let named = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("rulePages"))
        .and_then(serde_json::Value::as_str);
    if let Some(named) = named {
        return Some(named.to_owned());
    }
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let page = Url::from_file_path(docs.join("{rule}.md")).ok()?;
    // `{` and `}` are escaped in a file URL; the placeholder stays plain.
    let template = page.as_str().replace("%7Brule%7D", "{rule}");
    docs.join("forbidden.md").is_file().then_some(template)
}

/// Answers messages until the client says `exit`.
fn listen(connection: &Connection, server: &mut Server) -> Result<(), ServerError> {
    // Documents changed since they were last checked. A change is checked
    // once no message has come for `DEBOUNCE`: while a translator types,
    // each keystroke replaces the text, and only the last is checked.
    let mut pending: Vec<Url> = Vec::new();
    // Messages read ahead of their turn, to find cancellations.
    let mut backlog: std::collections::VecDeque<Message> = std::collections::VecDeque::new();
    loop {
        let message = if let Some(message) = backlog.pop_front() {
            message
        } else if pending.is_empty() {
            match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            }
        } else {
            match connection.receiver.recv_timeout(DEBOUNCE) {
                Ok(message) => message,
                Err(e) if e.is_timeout() => {
                    for uri in std::mem::take(&mut pending) {
                        for out in server.diagnose(&uri) {
                            send(connection, out)?;
                        }
                    }
                    continue;
                }
                Err(_) => return Ok(()),
            }
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = answer_request(connection, server, &mut backlog, request);
                send(connection, response.into())?;
            }
            Message::Notification(notification) if notification.method == Cancel::METHOD => {}
            Message::Notification(notification)
                if notification.method == DidChangeTextDocument::METHOD =>
            {
                if let Some(uri) = server.change(notification) {
                    if !pending.contains(&uri) {
                        pending.push(uri);
                    }
                }
            }
            Message::Notification(notification) => {
                for out in server.notice(notification) {
                    send(connection, out)?;
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// The response to `request`: its answer, or "cancelled" if the client
/// cancelled it while it waited its turn (behind a long check).
fn answer_request(
    connection: &Connection,
    server: &mut Server,
    backlog: &mut std::collections::VecDeque<Message>,
    request: Request,
) -> Response {
    backlog.extend(connection.receiver.try_iter());
    if take_cancel(backlog, &request.id) {
        Response::new_err(
            request.id,
            lsp_server::ErrorCode::RequestCanceled as i32,
            "cancelled by the client".to_owned(),
        )
    } else {
        server.respond(request)
    }
}

/// Whether `backlog` holds the client's cancellation of request `id`;
/// takes it out if so.
fn take_cancel(
    backlog: &mut std::collections::VecDeque<Message>,
    id: &lsp_server::RequestId,
) -> bool {
    let cancels = |m: &Message| match m {
        Message::Notification(n) if n.method == Cancel::METHOD => {
            serde_json::from_value::<lsp_types::CancelParams>(n.params.clone()).is_ok_and(|p| {
                let theirs = match p.id {
                    NumberOrString::Number(n) => lsp_server::RequestId::from(n),
                    NumberOrString::String(s) => lsp_server::RequestId::from(s),
                };
                theirs == *id
            })
        }
        _ => false,
    };
    match backlog.iter().position(cancels) {
        Some(at) => {
            backlog.remove(at);
            true
        }
        None => false,
    }
}

/// How long the server waits after a change before checking. Changes
/// that come while a check runs wait in the queue and are taken together
/// after it, so a short wait is enough to take a burst of keystrokes (or
/// a client's quick succession of edits) as one; longer, it would only
/// delay every answer (issue 27: under 100 ms from an edit to its
/// diagnostics on a 1 MB document).
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(30);

fn send(connection: &Connection, message: Message) -> Result<(), ServerError> {
    connection
        .sender
        .send(message)
        .map_err(|_| ServerError::Disconnected)
}

/// What the server keeps between messages.
struct Server {
    /// The column unit the client and the server agreed on.
    unit: ColumnUnit,
    /// The documents open in the editor: their text and version.
    open: HashMap<Url, (String, i32)>,
    /// Glossary problems already shown, so a broken glossary is said once,
    /// not at every keystroke.
    said: Vec<String>,
    /// The glossary the client named in `initializationOptions`, if any.
    glossary: Option<PathBuf>,
    /// Where each rule's page is: a URL with `{rule}` for the rule's id.
    rule_pages: Option<String>,
    /// Each glossary read, with what its matcher built, while its file is
    /// unchanged: a check at every change reads and compiles nothing.
    loaded: std::cell::RefCell<HashMap<PathBuf, Loaded>>,
}

/// A glossary as read from its file, and what its matcher has built.
#[derive(Clone)]
struct Loaded {
    modified: Option<std::time::SystemTime>,
    glossary: std::sync::Arc<Glossary>,
    built: std::sync::Arc<crate::matcher::Built>,
}

/// One document's findings, and what the client needs to place them.
struct Checked {
    findings: Vec<Finding>,
    /// Where the document names a term (its matches and near-misses), and
    /// that term's hover text.
    names: Vec<(std::ops::Range<usize>, String)>,
    text: String,
    /// Why the document could not be read, if it could not.
    unreadable: Option<String>,
    /// The other documents of its set (canonical paths), read for the set
    /// rules: their findings may change with this one.
    siblings: Vec<PathBuf>,
    /// For a glossary: what `termlint glossary lint` says is wrong with it,
    /// as byte ranges of its text.
    problems: Vec<(std::ops::Range<usize>, String)>,
}

impl Server {
    fn respond(&mut self, request: Request) -> Response {
        let answer = match request.method.as_str() {
            HoverRequest::METHOD => self.hover(request.params),
            CodeActionRequest::METHOD => self.code_actions(request.params),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("termlint does not answer {other}"),
            )),
        };
        match answer {
            Ok(value) => Response::new_ok(request.id, value),
            Err((code, message)) => Response::new_err(request.id, code as i32, message),
        }
    }

    /// The text of an open document, or the error for a request about one
    /// that is not open.
    fn open_text(&self, uri: &Url) -> Result<String, Refusal> {
        self.open
            .get(uri)
            .map(|(text, _)| text.clone())
            .ok_or_else(|| (ErrorCode::InvalidParams, format!("{uri} is not open")))
    }

    /// The quick fixes in the requested range, and "fix all safe".
    fn code_actions(&self, params: serde_json::Value) -> Result<serde_json::Value, Refusal> {
        let params: CodeActionParams = parse(params)?;
        let uri = params.text_document.uri;
        let text = self.open_text(&uri)?;
        let actions = match self.check(&uri, text, false) {
            Ok(checked) => self.actions(&uri, &checked, &params.range),
            Err(_) => Vec::new(),
        };
        answer(actions)
    }

    /// The term of the name under the cursor: its category, note and
    /// renderings in every language of the glossary.
    fn hover(&self, params: serde_json::Value) -> Result<serde_json::Value, Refusal> {
        let params: HoverParams = parse(params)?;
        let at = params.text_document_position_params;
        let uri = at.text_document.uri;
        let text = self.open_text(&uri)?;
        let hover = self.check(&uri, text, true).ok().and_then(|checked| {
            let offset = offset_of(&checked.text, at.position, self.unit);
            checked
                .names
                .into_iter()
                .find(|(range, _)| range.start <= offset && offset < range.end)
                .map(|(range, card)| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: card,
                    }),
                    range: Some(self.range(&LineIndex::new(&checked.text), &range)),
                })
        });
        answer(hover)
    }

    /// Takes the text of a change (full sync: the last change holds the
    /// whole text); the document to check.
    fn change(&mut self, notification: Notification) -> Option<Url> {
        let p = serde_json::from_value::<DidChangeTextDocumentParams>(notification.params).ok()?;
        let text = p.content_changes.into_iter().last()?.text;
        let uri = p.text_document.uri;
        self.open
            .insert(uri.clone(), (text, p.text_document.version));
        Some(uri)
    }

    /// A glossary or a document changed on disk (a sibling of an open
    /// document, perhaps): every open document is checked again. Changes
    /// to other files do not matter.
    fn watched(&mut self, notification: Notification) -> Vec<Message> {
        let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(notification.params)
        else {
            return Vec::new();
        };
        let matters = p.changes.iter().any(|c| {
            c.uri.to_file_path().is_ok_and(|path| {
                path.ends_with(crate::glossary::GLOSSARY_FILE)
                    || crate::scan::Format::known(&path).is_some()
            })
        });
        if !matters {
            return Vec::new();
        }
        self.said.clear();
        let all: Vec<Url> = self.open.keys().cloned().collect();
        all.iter().flat_map(|u| self.diagnose_one(u).0).collect()
    }

    /// The messages a notification makes the server send.
    fn notice(&mut self, notification: Notification) -> Vec<Message> {
        let method = notification.method.clone();
        let uri = match method.as_str() {
            DidOpenTextDocument::METHOD => {
                serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
                    .ok()
                    .map(|p| {
                        let d = p.text_document;
                        self.open.insert(d.uri.clone(), (d.text, d.version));
                        d.uri
                    })
            }
            DidChangeTextDocument::METHOD => self.change(notification),
            DidSaveTextDocument::METHOD => {
                serde_json::from_value::<DidSaveTextDocumentParams>(notification.params)
                    .ok()
                    .map(|p| p.text_document.uri)
            }
            DidChangeWatchedFiles::METHOD => return self.watched(notification),
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<DidCloseTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                self.open.remove(&p.text_document.uri);
                self.said.clear();
                return vec![publish(p.text_document.uri, Vec::new(), None)];
            }
            _ => None,
        };
        let Some(uri) = uri else {
            return Vec::new();
        };
        // A saved glossary changes every open document's findings.
        if method == DidSaveTextDocument::METHOD
            && uri.path().ends_with(crate::glossary::GLOSSARY_FILE)
        {
            self.said.clear();
            let all: Vec<Url> = self.open.keys().cloned().collect();
            return all.iter().flat_map(|u| self.diagnose(u)).collect();
        }
        self.diagnose(&uri)
    }

    /// The diagnostics of one open document and of the open documents of
    /// its set (a change in one translation changes what the set rules
    /// say about the others), and a message if its glossary does not load.
    fn diagnose(&mut self, uri: &Url) -> Vec<Message> {
        let (mut out, siblings) = self.diagnose_one(uri);
        if !siblings.is_empty() {
            let open: Vec<Url> = self
                .open
                .keys()
                .filter(|u| *u != uri)
                .filter(|u| {
                    u.to_file_path()
                        .ok()
                        .and_then(|p| std::fs::canonicalize(p).ok())
                        .is_some_and(|p| siblings.contains(&p))
                })
                .cloned()
                .collect();
            for other in open {
                out.extend(self.diagnose_one(&other).0);
            }
        }
        out
    }

    /// The messages for one open document, and the documents of its set.
    fn diagnose_one(&mut self, uri: &Url) -> (Vec<Message>, Vec<PathBuf>) {
        let Some((text, version)) = self.open.get(uri).cloned() else {
            return (Vec::new(), Vec::new());
        };
        match self.check(uri, text, false) {
            Ok(checked) => {
                let index = LineIndex::new(&checked.text);
                let mut diagnostics: Vec<Diagnostic> = checked
                    .findings
                    .iter()
                    .map(|f| self.diagnostic(uri, &index, f))
                    .collect();
                diagnostics.extend(checked.problems.iter().map(|(range, message)| Diagnostic {
                    range: self.range(&index, range),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("termlint".to_owned()),
                    message: message.clone(),
                    ..Diagnostic::default()
                }));
                diagnostics.extend(checked.unreadable.map(|message| Diagnostic {
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("termlint".to_owned()),
                    message,
                    ..Diagnostic::default()
                }));
                (
                    vec![publish(uri.clone(), diagnostics, Some(version))],
                    checked.siblings,
                )
            }
            Err(problem) => {
                let mut out = vec![publish(uri.clone(), Vec::new(), Some(version))];
                if !self.said.contains(&problem) {
                    self.said.push(problem.clone());
                    out.push(message::<ShowMessage>(ShowMessageParams {
                        typ: MessageType::ERROR,
                        message: problem,
                    }));
                }
                (out, Vec::new())
            }
        }
    }

    /// Checks `text` as the document at `uri`; the error is what to tell
    /// the user.
    /// With `names`, also where it names terms and their hover text
    /// (only a hover needs them); without, as a member of its set, if it
    /// is in one: its siblings read as the editor has them if they are
    /// open, else from disk, so that the set rules see them.
    fn check(&self, uri: &Url, text: String, names: bool) -> Result<Checked, String> {
        let path = uri
            .to_file_path()
            .map_err(|()| format!("termlint: {uri} is not a file"))?;
        if path.file_name() == Some(std::ffi::OsStr::new(crate::glossary::GLOSSARY_FILE)) {
            return Ok(glossary_checked(&path, text));
        }
        let (glossary_path, loaded) = self.glossary_for(&path)?;
        let glossary = &*loaded.glossary;
        let unchecked = |text| Checked {
            findings: Vec::new(),
            names: Vec::new(),
            text,
            unreadable: None,
            siblings: Vec::new(),
            problems: Vec::new(),
        };
        // The glossary itself is not a document.
        if std::fs::canonicalize(&path).ok() == std::fs::canonicalize(&glossary_path).ok() {
            return Ok(unchecked(text));
        }
        let options = CheckOptions {
            dictionary_search: crate::dictionary::standard_locations(),
            ..CheckOptions::new(RuleSet::new(glossary, None, &[]))
        };
        if names {
            let checker = Checker::reusing(glossary, options, loaded.built);
            return Ok(with_names(&checker, &path, text));
        }
        let options = CheckOptions {
            stdin: Some(Stdin {
                name: path.clone(),
                bytes: text.as_bytes().into(),
            }),
            buffers: self.buffers(uri),
            ..options
        };
        let outcome = Checker::reusing(glossary, options, loaded.built).check_paths(&[]);
        let siblings = outcome
            .siblings
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let mut checked = unchecked(text);
        checked.siblings = siblings;
        match outcome.files.into_iter().next().map(|f| f.outcome) {
            Some(FileOutcome::Checked { findings, .. }) => checked.findings = findings,
            // A document that does not parse gets one diagnostic saying why.
            Some(FileOutcome::Failed(e)) => {
                checked.unreadable = Some(format!("termlint cannot read this document: {e}"));
            }
            _ => {}
        }
        Ok(checked)
    }

    /// The glossary of the document at `path`: the one the client named,
    /// else the nearest above it; its path and the glossary, or what to
    /// tell the user.
    fn glossary_for(&self, path: &Path) -> Result<(PathBuf, Loaded), String> {
        let glossary_path = self
            .glossary
            .clone()
            .or_else(|| nearest_glossary(path))
            .ok_or_else(|| {
                format!(
                    "termlint: no {} in the folder of {} or above it",
                    crate::glossary::GLOSSARY_FILE,
                    path.display()
                )
            })?;
        let modified = std::fs::metadata(&glossary_path)
            .and_then(|m| m.modified())
            .ok();
        if let Some(known) = self.loaded.borrow().get(&glossary_path) {
            if known.modified.is_some() && known.modified == modified {
                return Ok((glossary_path, known.clone()));
            }
        }
        let glossary = Glossary::load(&glossary_path).map_err(|e| format!("termlint: {e}"))?;
        let built = crate::matcher::Matcher::with_dictionaries(
            &glossary,
            crate::dictionary::standard_locations(),
        )
        .built();
        let loaded = Loaded {
            modified,
            glossary: std::sync::Arc::new(glossary),
            built,
        };
        self.loaded
            .borrow_mut()
            .insert(glossary_path.clone(), loaded.clone());
        Ok((glossary_path, loaded))
    }

    /// The open documents but `uri`, as buffers that stand for their files.
    fn buffers(&self, uri: &Url) -> Vec<Stdin> {
        self.open
            .iter()
            .filter(|(u, _)| *u != uri)
            .filter_map(|(u, (text, _))| {
                let name = std::fs::canonicalize(u.to_file_path().ok()?).ok()?;
                Some(Stdin {
                    name,
                    bytes: text.as_bytes().into(),
                })
            })
            .collect()
    }

    fn range(&self, index: &LineIndex<'_>, range: &std::ops::Range<usize>) -> lsp_types::Range {
        let at = |offset| {
            let p = index.position_in(offset, self.unit);
            lsp_types::Position::new(
                u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
                u32::try_from(p.column.saturating_sub(1)).unwrap_or(u32::MAX),
            )
        };
        lsp_types::Range::new(at(range.start), at(range.end))
    }

    fn diagnostic(&self, uri: &Url, index: &LineIndex<'_>, f: &Finding) -> Diagnostic {
        let related = f
            .related()
            .iter()
            .filter_map(|r| {
                // A place in this document is placed exactly; one in
                // another document at its start (it is not open here).
                let (uri, range) = if uri.path().ends_with(&r.path) {
                    (uri.clone(), self.range(index, &r.range))
                } else {
                    let other = uri.to_file_path().ok()?;
                    let other = other.parent()?.join(&r.path);
                    (
                        Url::from_file_path(other).ok()?,
                        lsp_types::Range::default(),
                    )
                };
                Some(DiagnosticRelatedInformation {
                    location: Location { uri, range },
                    message: r.message.clone(),
                })
            })
            .collect::<Vec<_>>();
        Diagnostic {
            range: self.range(index, &f.range),
            severity: Some(match f.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(f.rule.code().to_owned())),
            code_description: self
                .rule_pages
                .as_ref()
                .and_then(|pages| Url::parse(&pages.replace("{rule}", f.rule.code())).ok())
                .map(|href| lsp_types::CodeDescription { href }),
            source: Some("termlint".to_owned()),
            message: f.message().to_owned(),
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        }
    }

    /// The quick fixes of the findings in `range`, and one that applies
    /// every safe fix of the document.
    fn actions(
        &self,
        uri: &Url,
        checked: &Checked,
        range: &lsp_types::Range,
    ) -> Vec<CodeActionOrCommand> {
        let index = LineIndex::new(&checked.text);
        let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        let mut safe = Vec::new();
        for f in &checked.findings {
            let Some(fix) = &f.fix() else {
                continue;
            };
            let at = self.range(&index, &f.range);
            let text_edit = TextEdit::new(at, fix.replacement.to_string());
            let is_safe = fix.applicability == Applicability::Safe;
            if is_safe {
                safe.push(text_edit.clone());
            }
            if at.end < range.start || range.end < at.start {
                continue;
            }
            let title = if is_safe {
                format!("Replace \"{}\" with \"{}\"", f.found(), fix.replacement)
            } else {
                format!(
                    "Replace \"{}\" with \"{}\" (unsafe: read the sentence after)",
                    f.found(),
                    fix.replacement
                )
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![self.diagnostic(uri, &index, f)]),
                edit: Some(edit(vec![text_edit])),
                is_preferred: Some(is_safe),
                ..CodeAction::default()
            }));
        }
        actions.extend(self.ignore_actions(uri, checked, &index, range));
        if !safe.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!(
                    "Fix all safe termlint findings in this file ({})",
                    safe.len()
                ),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit(safe)),
                ..CodeAction::default()
            }));
        }
        actions
    }

    /// The "ignore" actions of the findings in `range`.
    fn ignore_actions(
        &self,
        uri: &Url,
        checked: &Checked,
        index: &LineIndex<'_>,
        range: &lsp_types::Range,
    ) -> Vec<CodeActionOrCommand> {
        checked
            .findings
            .iter()
            .filter(|f| {
                let at = self.range(index, &f.range);
                !(at.end < range.start || range.end < at.start)
            })
            .filter_map(|f| self.ignore_action(uri, checked, index, f))
            .collect()
    }

    /// "Ignore RULE here": a `termlint: ignore RULE` comment in the
    /// format's syntax on a line of its own before the finding's line (in
    /// a PO file, before its entry), which silences the rule there and
    /// nowhere else. None for formats an editor does not write (DOCX,
    /// TMX).
    fn ignore_action(
        &self,
        uri: &Url,
        checked: &Checked,
        index: &LineIndex<'_>,
        f: &Finding,
    ) -> Option<CodeActionOrCommand> {
        let path = uri.to_file_path().ok()?;
        let text = &checked.text;
        let rule = f.rule.code();
        let format = crate::scan::Format::from_path(&path);
        let comment = match format {
            crate::scan::Format::Plain => format!("termlint: ignore {rule}"),
            crate::scan::Format::Markdown
            | crate::scan::Format::Html
            | crate::scan::Format::Xliff => format!("<!-- termlint: ignore {rule} -->"),
            crate::scan::Format::Po => format!("# termlint: ignore {rule}"),
            crate::scan::Format::Docx | crate::scan::Format::Tmx => return None,
        };
        let mut line_start = text[..f.range.start].rfind('\n').map_or(0, |i| i + 1);
        if format == crate::scan::Format::Po {
            // The entry starts after the blank line before it.
            while line_start > 0 {
                let before = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
                if text[before..line_start].trim().is_empty() {
                    break;
                }
                line_start = before;
            }
        }
        let line = &text[line_start..];
        let indent: String = match format {
            crate::scan::Format::Plain | crate::scan::Format::Po => String::new(),
            _ => line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect(),
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let at = self.range(index, &(line_start..line_start)).start;
        let edit = TextEdit::new(
            lsp_types::Range::new(at, at),
            format!("{indent}{comment}{newline}"),
        );
        Some(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore {rule} here ({comment})"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![self.diagnostic(uri, index, f)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(false),
            ..CodeAction::default()
        }))
    }
}

/// Where the document names a term (its matches and near-misses), with that
/// term's hover text.
fn names_of(
    glossary: &Glossary,
    text: &str,
    findings: &[Finding],
    matches: &[crate::matcher::TermMatch],
) -> Vec<(std::ops::Range<usize>, String)> {
    // A misspelt name is the term it misspells, too.
    let ids: HashMap<&str, &crate::glossary::Term> =
        glossary.terms.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut named: Vec<(std::ops::Range<usize>, &crate::glossary::Term)> = matches
        .iter()
        .map(|m| (m.range.clone(), m.term(glossary)))
        .chain(
            findings
                .iter()
                .filter_map(|f| Some((f.range.clone(), *ids.get(f.term())?))),
        )
        .collect();
    // A forbidden name is a match and a finding: counted once.
    named.sort_by(|a, b| (a.0.start, a.0.end, &a.1.id).cmp(&(b.0.start, b.0.end, &b.1.id)));
    named.dedup_by(|a, b| a.0 == b.0 && a.1.id == b.1.id);
    // The forms this document writes each term in, and how often.
    let mut forms: HashMap<&str, std::collections::BTreeMap<&str, usize>> = HashMap::new();
    for (range, term) in &named {
        *forms
            .entry(term.id.as_str())
            .or_default()
            .entry(&text[range.clone()])
            .or_default() += 1;
    }
    named
        .iter()
        .map(|(range, term)| {
            let used = forms.get(term.id.as_str()).cloned().unwrap_or_default();
            (range.clone(), term_card(glossary, term, &used))
        })
        .collect()
}

/// A term as a hover shows it: its name and category, its note, its
/// renderings by language, and the forms `used` in this document.
fn term_card(
    glossary: &Glossary,
    term: &crate::glossary::Term,
    used: &std::collections::BTreeMap<&str, usize>,
) -> String {
    use crate::glossary::RenderingKind;
    let default = &glossary.default_language;
    let mut card = format!(
        "**{}** ({})",
        term.display_name(default, default),
        term.category.as_str()
    );
    if let Some(note) = &term.note {
        card.push_str(&format!("\n\n{note}"));
    }
    let mut languages: Vec<&crate::lang::LangTag> =
        term.renderings.iter().map(|r| &r.language).collect();
    languages.sort();
    languages.dedup();
    card.push_str(
        "\n\n| language | preferred | also right | forbidden |\n| --- | --- | --- | --- |",
    );
    for language in languages {
        let of = |kind: RenderingKind| {
            term.renderings
                .iter()
                .filter(|r| &r.language == language && r.kind == kind)
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        card.push_str(&format!(
            "\n| {language} | {} | {} | {} |",
            of(RenderingKind::Preferred),
            of(RenderingKind::Accepted),
            of(RenderingKind::Forbidden)
        ));
    }
    let used: Vec<String> = used
        .iter()
        .map(|(form, n)| format!("\"{form}\" ×{n}"))
        .collect();
    card.push_str(&format!("\n\nIn this document: {}", used.join(", ")));
    card
}

/// The byte offset of an LSP position in `text`, columns counted in `unit`.
fn offset_of(text: &str, position: lsp_types::Position, unit: ColumnUnit) -> usize {
    let mut start = 0;
    for _ in 0..position.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut counted = 0;
    for (i, c) in text[start..].char_indices() {
        if counted >= position.character as usize || c == '\n' {
            return start + i;
        }
        counted += match unit {
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::Utf8Bytes => c.len_utf8(),
            ColumnUnit::Chars => 1,
        };
    }
    text.len()
}

/// Why a request is refused: its JSON-RPC error.
type Refusal = (ErrorCode, String);

/// A result as the response carries it.
fn answer(result: impl serde::Serialize) -> Result<serde_json::Value, Refusal> {
    serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// A request's parameters, or the refusal of malformed ones.
fn parse<P: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<P, Refusal> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// The nearest `glossary.toml` in the folder of `path` or above it.
fn nearest_glossary(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .map(|dir| dir.join(crate::glossary::GLOSSARY_FILE))
        .find(|g| g.is_file())
}

fn publish(uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Message {
    message::<PublishDiagnostics>(PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    })
}

fn message<N: lsp_types::notification::Notification>(params: N::Params) -> Message {
    Message::Notification(Notification::new(N::METHOD.to_owned(), params))
}

/// The request that asks the client to tell the server when glossaries
/// and documents change on disk (`workspace/didChangeWatchedFiles`).
fn watch_files() -> Message {
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String("**/*".to_owned()),
            kind: None,
        }],
    };
    Message::Request(Request::new(
        lsp_server::RequestId::from("termlint-watch".to_owned()),
        <lsp_types::request::RegisterCapability as lsp_types::request::Request>::METHOD.to_owned(),
        lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "termlint-watch".to_owned(),
                method: <DidChangeWatchedFiles as lsp_types::notification::Notification>::METHOD
                    .to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        },
    ))
}

/// One document checked alone, with where it names terms and their hover
/// text ([`Server::check`] with `names`).
fn with_names(checker: &Checker<'_>, path: &Path, text: String) -> Checked {
    let (findings, names, text) = match checker.read_text(path, text.clone()) {
        Ok(Some((doc, _))) => {
            let (findings, matches) = checker.check_and_match(&doc);
            let names = names_of(checker.glossary(), &doc.text, &findings, &matches);
            (findings, names, doc.text)
        }
        Ok(None) | Err(_) => (Vec::new(), Vec::new(), text),
    };
    Checked {
        findings,
        names,
        text,
        unreadable: None,
        siblings: Vec::new(),
        problems: Vec::new(),
    }
}

/// A glossary open in the editor: its text validated as `termlint glossary
/// lint` validates the file, each problem from its line and column to the
/// end of the word there.
fn glossary_checked(path: &Path, text: String) -> Checked {
    let problems = match Glossary::from_str(&text, path) {
        Err(crate::glossary::GlossaryError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| {
                let line_start = text
                    .split_inclusive('\n')
                    .take(p.line.saturating_sub(1))
                    .map(str::len)
                    .sum::<usize>();
                let line = text[line_start..].split('\n').next().unwrap_or_default();
                let start = line_start
                    + line
                        .char_indices()
                        .nth(p.column.saturating_sub(1))
                        .map_or(line.len(), |(i, _)| i);
                let word = text[start..]
                    .find(|c: char| c.is_whitespace() || c == '=' || c == ',')
                    .unwrap_or(text.len() - start);
                (start..start + word, p.message)
            })
            .collect(),
        Err(e) => vec![(0..0, e.to_string())],
        Ok(_) => Vec::new(),
    };
    Checked {
        findings: Vec::new(),
        names: Vec::new(),
        text,
        unreadable: None,
        siblings: Vec::new(),
        problems,
    }
}
