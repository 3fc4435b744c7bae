//! `termlint server`: the checks of `termlint check` in an editor, over the
//! Language Server Protocol on standard input and output.
//!
//! An open document is checked as the file it will be saved as: the
//! nearest `glossary.toml` upward from it, its language and format from
//! its path, the same rules, severities, directives and `[[ignore]]`, on
//! the text in the editor rather than on disk. Each finding is a
//! diagnostic (the rule's code as `code`, its related places as related
//! information); each fix is a quick fix, safe ones preferred, with one
//! action that applies every safe fix of the file. A glossary that does
//! not load is said once in a message and the server keeps serving.
//!
//! The server is synchronous (`lsp-server`, as rust-analyzer's): one
//! message at a time, each document checked whole when it is opened,
//! changed or saved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, MessageType, NumberOrString,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Url, WorkspaceEdit,
};

use crate::check::{CheckOptions, Checker};
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
    // UTF-16 is the protocol's default; UTF-8 if the client offers it,
    // which saves counting.
    let utf8 = params
        .capabilities
        .general
        .and_then(|g| g.position_encodings)
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let capabilities = ServerCapabilities {
        position_encoding: Some(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "termlint", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server {
        unit: if utf8 {
            ColumnUnit::Utf8Bytes
        } else {
            ColumnUnit::Utf16
        },
        open: HashMap::new(),
        said: Vec::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.respond(request);
                send(connection, response.into())?;
            }
            Message::Notification(notification) => {
                for out in server.notice(notification) {
                    send(connection, out)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

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

    /// The messages a notification makes the server send.
    fn notice(&mut self, notification: Notification) -> Vec<Message> {
        let method = notification.method.as_str();
        let uri = match method {
            DidOpenTextDocument::METHOD => {
                serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
                    .ok()
                    .map(|p| {
                        let d = p.text_document;
                        self.open.insert(d.uri.clone(), (d.text, d.version));
                        d.uri
                    })
            }
            DidChangeTextDocument::METHOD => {
                serde_json::from_value::<DidChangeTextDocumentParams>(notification.params)
                    .ok()
                    .and_then(|p| {
                        // Full sync: the last change holds the whole text.
                        let text = p.content_changes.into_iter().last()?.text;
                        let uri = p.text_document.uri;
                        self.open
                            .insert(uri.clone(), (text, p.text_document.version));
                        Some(uri)
                    })
            }
            DidSaveTextDocument::METHOD => {
                serde_json::from_value::<DidSaveTextDocumentParams>(notification.params)
                    .ok()
                    .map(|p| p.text_document.uri)
            }
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

    /// The diagnostics of one open document, and a message if its glossary
    /// does not load.
    fn diagnose(&mut self, uri: &Url) -> Vec<Message> {
        let Some((text, version)) = self.open.get(uri).cloned() else {
            return Vec::new();
        };
        match self.check(uri, text, false) {
            Ok(checked) => {
                let index = LineIndex::new(&checked.text);
                let mut diagnostics: Vec<Diagnostic> = checked
                    .findings
                    .iter()
                    .map(|f| self.diagnostic(uri, &index, f))
                    .collect();
                diagnostics.extend(checked.unreadable.map(|message| Diagnostic {
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("termlint".to_owned()),
                    message,
                    ..Diagnostic::default()
                }));
                vec![publish(uri.clone(), diagnostics, Some(version))]
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
                out
            }
        }
    }

    /// Checks `text` as the document at `uri`; the error is what to tell
    /// the user.
    /// With `names`, also where it names terms and their hover text
    /// (only a hover needs them).
    fn check(&self, uri: &Url, text: String, names: bool) -> Result<Checked, String> {
        let path = uri
            .to_file_path()
            .map_err(|()| format!("termlint: {uri} is not a file"))?;
        let glossary_path = nearest_glossary(&path).ok_or_else(|| {
            format!(
                "termlint: no {} in the folder of {} or above it",
                crate::glossary::GLOSSARY_FILE,
                path.display()
            )
        })?;
        let glossary = Glossary::load(&glossary_path).map_err(|e| format!("termlint: {e}"))?;
        let rules = RuleSet::new(&glossary, None, &[]);
        let checker = Checker::new(
            &glossary,
            CheckOptions {
                dictionary_search: crate::dictionary::standard_locations(),
                ..CheckOptions::new(rules)
            },
        );
        // The glossary itself is not a document.
        if std::fs::canonicalize(&path).ok() == std::fs::canonicalize(&glossary_path).ok() {
            return Ok(Checked {
                findings: Vec::new(),
                names: Vec::new(),
                text,
                unreadable: None,
            });
        }
        match checker.read_text(&path, text.clone()) {
            Ok(Some((doc, _))) => {
                let (findings, matches) = checker.check_and_match(&doc);
                let names = if names {
                    names_of(&glossary, &doc.text, &findings, &matches)
                } else {
                    Vec::new()
                };
                Ok(Checked {
                    findings,
                    names,
                    text: doc.text,
                    unreadable: None,
                })
            }
            Ok(None) => Ok(Checked {
                findings: Vec::new(),
                names: Vec::new(),
                text,
                unreadable: None,
            }),
            // A document that does not parse gets one diagnostic saying why.
            Err(e) => Ok(Checked {
                findings: Vec::new(),
                names: Vec::new(),
                text,
                unreadable: Some(format!("termlint cannot read this document: {e}")),
            }),
        }
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
