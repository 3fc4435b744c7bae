//! `termlint server` over an in-memory connection: the protocol as an
//! editor speaks it (initialise, open, change, code action, save, close,
//! shutdown), each answer compared whole as JSON.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::Url;
use serde_json::{json, Value};

mod common;

/// A project folder with the repository's glossary and nothing else.
fn project(name: &str) -> PathBuf {
    let dir = common::scratch(&format!("server-{name}"));
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml"),
        dir.join("glossary.toml"),
    )
    .expect("the glossary copied");
    dir
}

struct Client {
    connection: Connection,
    server: JoinHandle<Result<(), termlint::server::ServerError>>,
    next: i32,
    /// Every message both ways, in order, with `true` for the client's.
    log: std::cell::RefCell<Vec<(bool, Message)>>,
}

impl Client {
    /// A server on its own thread, initialised with `capabilities`.
    fn start(capabilities: Value) -> (Client, Value) {
        Client::start_with(
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        )
    }

    /// A server on its own thread, initialised with `params`.
    fn start_with(params: Value) -> (Client, Value) {
        let (client, server) = Connection::memory();
        let handle = std::thread::spawn(move || termlint::server::serve(&server));
        let mut client = Client {
            connection: client,
            server: handle,
            next: 0,
            log: std::cell::RefCell::default(),
        };
        let init = client.request("initialize", params);
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )));
    }

    fn send(&self, message: Message) {
        self.log.borrow_mut().push((true, message.clone()));
        self.connection
            .sender
            .send(message)
            .expect("the server listens");
    }

    /// Sends a request and returns its response's `result`, or the whole
    /// error object.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_owned(),
            params,
        )));
        loop {
            match self.receive() {
                Message::Response(Response {
                    id: got,
                    response_result,
                }) if got == id => {
                    return match response_result {
                        Err(e) => json!({ "error": { "code": e.code, "message": e.message } }),
                        Ok(result) => result,
                    };
                }
                _ => {}
            }
        }
    }

    fn receive(&self) -> Message {
        let message = self
            .connection
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute");
        self.log.borrow_mut().push((false, message.clone()));
        message
    }

    /// The session so far as a reader follows it: each message as pretty
    /// JSON under `-->` (to the server) or `<--` (from it), with the
    /// project folder and the version written as placeholders, so that
    /// the text is the same on every machine and release.
    fn transcript(&self, project: &Path) -> String {
        let mut out = String::new();
        for (sent, message) in self.log.borrow().iter() {
            let json = serde_json::to_string_pretty(message).expect("a message as JSON");
            out.push_str(if *sent { "-->\n" } else { "<--\n" });
            out.push_str(&json);
            out.push('\n');
        }
        let folder = project.display().to_string();
        out.replace(&uri(project), "file://[PROJECT]")
            .replace(&folder, "[PROJECT]")
            .replace(
                &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
                "\"[VERSION]\"",
            )
    }

    /// The next notification the server sends.
    fn notification(&self) -> (String, Value) {
        loop {
            if let Message::Notification(n) = self.receive() {
                return (n.method, n.params);
            }
        }
    }

    /// The next `n` diagnostics the server publishes, by document.
    fn published(&self, n: usize) -> std::collections::HashMap<String, Value> {
        (0..n)
            .map(|_| {
                let (_, params) = self.notification();
                (
                    params["uri"].as_str().unwrap_or_default().to_owned(),
                    params,
                )
            })
            .collect()
    }

    /// Whether the server says nothing for `millis`.
    fn quiet(&self, millis: u64) -> bool {
        self.connection
            .receiver
            .recv_timeout(Duration::from_millis(millis))
            .is_err()
    }

    fn stop(self) {
        self.log.borrow_mut().clear();
        let _ = self.finish(Path::new("/"));
    }

    /// Shuts the server down and returns the whole session's transcript.
    fn finish(mut self, project: &Path) -> String {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let transcript = self.transcript(project);
        let served = self.server.join().expect("the server thread ends");
        assert!(served.is_ok(), "{served:?}");
        transcript
    }
}

fn uri(path: &Path) -> String {
    Url::from_file_path(path)
        .expect("an absolute path")
        .to_string()
}

#[test]
fn diagnostics_quick_fixes_and_shutdown() {
    let dir = project("basic");
    let doc = dir.join("news.txt");
    let doc_uri = uri(&doc);
    let (mut client, init) = Client::start(json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"], 1);
    assert_eq!(init["serverInfo"]["name"], "termlint");

    // The name after an emoji: two UTF-16 units, one character.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1,
            "text": "😀 We met in Nur-Sultan.\n" } }),
    );
    let (method, params) = client.notification();
    assert_eq!(method, "textDocument/publishDiagnostics");
    assert_eq!(
        params,
        json!({
            "uri": doc_uri,
            "version": 1,
            "diagnostics": [{
                "range": { "start": { "line": 0, "character": 13 }, "end": { "line": 0, "character": 23 } },
                "severity": 1,
                "code": "forbidden",
                "source": "termlint",
                "message": "\"Nur-Sultan\" is a forbidden rendering of Astana (place)",
            }],
        })
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc_uri },
            "range": { "start": { "line": 0, "character": 15 }, "end": { "line": 0, "character": 15 } },
            "context": { "diagnostics": [] },
        }),
    );
    let edit = json!({ "changes": { doc_uri.clone(): [{
        "range": { "start": { "line": 0, "character": 13 }, "end": { "line": 0, "character": 23 } },
        "newText": "Astana",
    }] } });
    assert_eq!(
        actions[0]["title"],
        "Replace \"Nur-Sultan\" with \"Astana\""
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["edit"], edit);
    // Ignoring the rule there: a directive line before the finding's.
    assert_eq!(
        actions[1]["title"],
        "Ignore forbidden here (termlint: ignore forbidden)"
    );
    assert_eq!(actions[1]["kind"], "quickfix");
    assert_eq!(
        actions[1]["edit"],
        json!({ "changes": { doc_uri.clone(): [{
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "newText": "termlint: ignore forbidden\n",
        }] } })
    );
    assert_eq!(
        actions[2]["title"],
        "Fix all safe termlint findings in this file (1)"
    );
    assert_eq!(actions[2]["kind"], "source.fixAll");
    assert_eq!(actions[2]["edit"], edit);
    assert_eq!(actions.as_array().map(Vec::len), Some(3));

    // Hover on the name: the term, its category and its renderings.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc_uri }, "position": { "line": 0, "character": 15 } }),
    );
    let card = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(card.starts_with("**Astana** (place)"), "{card}");
    assert!(card.contains("\n| en | Astana |  | Nur-Sultan |"), "{card}");
    assert!(card.contains("\n| ru | Астана |"), "{card}");
    assert!(
        card.ends_with("\n\nIn this document: \"Nur-Sultan\" ×1"),
        "{card}"
    );
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 0, "character": 13 }, "end": { "line": 0, "character": 23 } })
    );
    // Nothing named under the cursor: no hover.
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc_uri }, "position": { "line": 0, "character": 4 } }),
    );
    assert_eq!(nothing, Value::Null);

    // The text as the editor holds it, not as the disk does.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc_uri, "version": 2 },
            "contentChanges": [{ "text": "😀 We met in Astana.\n" }] }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["version"], 2);
    assert_eq!(params["diagnostics"], json!([]));

    // An unknown request is an error, and the server keeps serving.
    let unknown = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let unknown = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&dir.join("closed.txt")) },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(unknown["error"]["code"], -32602);

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": doc_uri } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"], json!([]));
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A whole session, byte for byte: what an editor sends and what it gets
/// back, including every field the assertions above do not look at.
/// `SNAPSHOTS=overwrite cargo test --test server` rewrites
/// `tests/snapshots/server/session.txt` after a
/// deliberate change; review its diff.
#[test]
fn a_session_matches_its_transcript() {
    let dir = project("transcript");
    let doc_uri = uri(&dir.join("draft.md"));
    let (mut client, _) = Client::start_with(json!({
        "processId": null,
        "rootUri": null,
        "capabilities": {
            "general": { "positionEncodings": ["utf-16"] },
            "textDocument": { "publishDiagnostics": { "codeDescriptionSupport": true } },
        },
        "initializationOptions": { "rulePages": "https://docs.termlint.test/rules/{rule}" },
    }));
    // A forbidden old name, a Cyrillic look-alike letter and a misspelt
    // event, in Markdown.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "markdown", "version": 1,
            "text": "# Summit\n\nLeaders met in Nur-Sultan, the \u{0430}stana of old.\n\nThe *Birlistik-2024* exercises.\n" } }),
    );
    client.notification();
    for character in [20, 40] {
        client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": doc_uri },
                "range": { "start": { "line": 2, "character": character }, "end": { "line": 2, "character": character } },
                "context": { "diagnostics": [] },
            }),
        );
    }
    client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc_uri }, "position": { "line": 4, "character": 8 } }),
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc_uri, "version": 2 },
            "contentChanges": [{ "text": "# Summit\n\nLeaders met in Astana.\n" }] }),
    );
    client.notification();
    client.request("textDocument/formatting", json!({}));
    let transcript = client.finish(&dir);
    // Raw: snapbox's default filters would turn JSON's `\\` into `/`.
    let expected = snapbox::Data::read_from(&common::snapshot_path("server/session.txt"), None);
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .eq(transcript, expected.raw());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each diagnostic links its rule's page for clients that show links:
/// by default the page in this source tree's `docs/rules`.
#[test]
fn diagnostics_link_their_rule_pages() {
    let dir = project("pages");
    let doc_uri = uri(&dir.join("news.txt"));
    let (client, _) = Client::start(
        json!({ "textDocument": { "publishDiagnostics": { "codeDescriptionSupport": true } } }),
    );
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1,
            "text": "We met in Nur-Sultan.\n" } }),
    );
    let (_, params) = client.notification();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/forbidden.md");
    assert!(page.is_file());
    assert_eq!(
        params["diagnostics"][0]["codeDescription"]["href"],
        uri(&page),
        "{params}"
    );
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn utf8_positions_a_broken_glossary_and_its_repair() {
    let dir = project("glossary");
    let doc = dir.join("ru").join("news.txt");
    std::fs::create_dir_all(doc.parent().expect("a folder")).expect("ru/");
    let doc_uri = uri(&doc);
    let (client, init) =
        Client::start(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");

    // In ru/, the document is Russian: "Нур-Султан" is forbidden there, and
    // its columns are bytes.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1,
            "text": "Встреча в Нур-Султане.\n" } }),
    );
    let (_, params) = client.notification();
    let diagnostics = params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(diagnostics.len(), 1, "{params}");
    assert_eq!(diagnostics[0]["code"], "forbidden");
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": 0, "character": 18 }, "end": { "line": 0, "character": 39 } })
    );

    // A glossary broken on disk and saved: said once, no crash, no
    // findings from a glossary that is not there.
    std::fs::write(dir.join("glossary.toml"), "version = [\n").expect("written");
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&dir.join("glossary.toml")) } }),
    );
    let (method, params) = client.notification();
    assert_eq!(method, "textDocument/publishDiagnostics");
    assert_eq!(params["diagnostics"], json!([]));
    let (method, params) = client.notification();
    assert_eq!(method, "window/showMessage");
    assert_eq!(params["type"], 1);
    assert!(
        params["message"]
            .as_str()
            .unwrap_or_default()
            .contains("glossary.toml"),
        "{params}"
    );

    // Repaired and saved: the findings are back.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.toml"),
        dir.join("glossary.toml"),
    )
    .expect("the glossary copied");
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&dir.join("glossary.toml")) } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"].as_array().map(Vec::len), Some(1));
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The code action's directive, written where it says, silences the
/// finding in each format an editor writes: the document with it checks
/// clean.
#[test]
fn the_ignore_action_silences_its_finding() {
    let dir = project("ignore");
    let (mut client, _) = Client::start(json!({}));
    let cases = [
        ("a.txt", "Intro.\nWe met in Nur-Sultan.\n", 1),
        ("a.md", "# Visit\n\n  We met in Nur-Sultan.\n", 2),
        (
            "a.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n#: a.c:1\nmsgid \"Astana\"\nmsgstr \"Nur-Sultan\"\n",
            6,
        ),
    ];
    for (name, text, line) in cases {
        let doc_uri = uri(&dir.join(name));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
        let (_, params) = client.notification();
        assert_eq!(
            params["diagnostics"][0]["code"], "forbidden",
            "{name}: {params}"
        );
        let actions = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": doc_uri },
                "range": { "start": { "line": line, "character": 12 }, "end": { "line": line, "character": 12 } },
                "context": { "diagnostics": [] },
            }),
        );
        let ignore = actions
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with("Ignore")))
            })
            .unwrap_or_else(|| panic!("{name}: no ignore action in {actions}"));
        let edit = &ignore["edit"]["changes"][doc_uri.as_str()][0];
        let at = edit["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX) as usize;
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        let inserted = edit["newText"].as_str().unwrap_or_default();
        lines.insert(at, inserted);
        let fixed: String = lines.concat();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": doc_uri, "version": 2 },
                "contentChanges": [{ "text": fixed }] }),
        );
        let (_, params) = client.notification();
        assert_eq!(params["diagnostics"], json!([]), "{name}: {fixed}");
    }
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A translation open in the editor is checked with its set: the source
/// on disk names a term the translation lacks; the source opened and
/// changed in the editor re-checks the translation.
#[test]
fn a_translation_is_checked_with_its_set() {
    let dir = project("set");
    std::fs::write(dir.join("news.en.txt"), "The forum opened in Astana.\n").expect("written");
    std::fs::write(dir.join("news.ru.txt"), "Форум открылся.\n").expect("written");
    let ru = uri(&dir.join("news.ru.txt"));
    let en = uri(&dir.join("news.en.txt"));
    let (client, _) = Client::start(json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": ru, "languageId": "plaintext", "version": 1,
            "text": "Форум открылся.\n" } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["uri"], ru);
    assert_eq!(
        params["diagnostics"][0]["code"], "missing-translation",
        "{params}"
    );
    let related = &params["diagnostics"][0]["relatedInformation"][0]["location"]["uri"];
    assert_eq!(*related, json!(en), "{params}");

    // The source opened, then changed in the editor (not saved): the
    // translation's diagnostics follow the editor's text.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": en, "languageId": "plaintext", "version": 1,
            "text": "The forum opened in Astana.\n" } }),
    );
    let published = client.published(2);
    assert_eq!(
        published[&ru]["diagnostics"][0]["code"],
        "missing-translation"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": en, "version": 2 },
            "contentChanges": [{ "text": "The forum opened.\n" }] }),
    );
    let published = client.published(2);
    assert_eq!(published[&en]["diagnostics"], json!([]));
    assert_eq!(
        published[&ru]["diagnostics"],
        json!([]),
        "{}",
        published[&ru]
    );
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two folders with their own glossaries side by side; a glossary named
/// in `initializationOptions` for every document; a glossary changed on
/// disk (`workspace/didChangeWatchedFiles`) re-checks the open documents.
#[test]
fn glossaries_per_folder_named_and_watched() {
    let dir = project("folders");
    let a = dir.join("a");
    let b = dir.join("b");
    for folder in [&a, &b] {
        std::fs::create_dir_all(folder).expect("a folder");
    }
    std::fs::rename(dir.join("glossary.toml"), a.join("glossary.toml")).expect("moved");
    let lenient =
        "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = { preferred = \"Astana\" }\n";
    std::fs::write(b.join("glossary.toml"), lenient).expect("written");
    let text = "We met in Nur-Sultan.\n";
    let open = |client: &Client, path: &Path| {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "plaintext", "version": 1, "text": text } }),
        );
        let (_, params) = client.notification();
        params["diagnostics"].as_array().map_or(0, Vec::len)
    };

    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (client, _) = Client::start(capabilities.clone());
    // The server asks to be told of changes on disk.
    let registration = loop {
        if let Message::Request(r) = client.receive() {
            break r;
        }
    };
    assert_eq!(registration.method, "client/registerCapability");
    assert_eq!(
        registration.params["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    assert_eq!(
        open(&client, &a.join("doc.txt")),
        1,
        "a's glossary forbids Nur-Sultan"
    );
    assert_eq!(open(&client, &b.join("doc.txt")), 0, "b's does not");

    // b's glossary changed outside the editor.
    std::fs::write(
        b.join("glossary.toml"),
        "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = { preferred = \"Astana\", forbidden = [\"Nur-Sultan\"] }\n",
    )
    .expect("written");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&b.join("glossary.toml")), "type": 2 }] }),
    );
    let published = client.published(2);
    assert_eq!(
        published[&uri(&b.join("doc.txt"))]["diagnostics"][0]["code"],
        "forbidden"
    );
    // A change to a file that is no document or glossary checks nothing.
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&b.join("build.o")), "type": 1 }] }),
    );
    assert!(client.quiet(300), "nothing to say about build.o");
    client.stop();

    // One glossary named for every document.
    std::fs::write(b.join("glossary.toml"), lenient).expect("written");
    let (client, _) = Client::start_with(json!({
        "processId": null, "rootUri": null, "capabilities": {},
        "initializationOptions": { "glossary": a.join("glossary.toml") },
    }));
    assert_eq!(
        open(&client, &b.join("doc.txt")),
        1,
        "the named glossary forbids it"
    );
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Typing: a burst of changes is checked once, at its last text.
#[test]
fn a_burst_of_changes_is_checked_once() {
    let dir = project("burst");
    let doc_uri = uri(&dir.join("news.txt"));
    let (client, _) = Client::start(json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1, "text": "" } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["version"], 1);
    let typed = "We met in Nur-Sultan.";
    for (n, end) in (5..=typed.len())
        .step_by(4)
        .chain([typed.len()])
        .enumerate()
    {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": doc_uri, "version": n + 2 },
                "contentChanges": [{ "text": &typed[..end] }] }),
        );
    }
    let (_, params) = client.notification();
    assert_eq!(params["version"], 7, "{params}");
    assert_eq!(params["diagnostics"][0]["code"], "forbidden");
    assert!(client.quiet(400), "one check for the burst");
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `glossary.toml` open in the editor gets what `termlint glossary lint`
/// says about it, where it says it, as the text is typed.
#[test]
fn the_glossary_in_the_editor_is_linted() {
    let dir = project("lint");
    let glossary = uri(&dir.join("glossary.toml"));
    let (client, _) = Client::start(json!({}));
    let broken =
        "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = { prefered = \"Astana\" }\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": glossary, "languageId": "toml", "version": 1, "text": broken } }),
    );
    let (_, params) = client.notification();
    let first = &params["diagnostics"][0];
    assert_eq!(
        first["range"],
        json!({ "start": { "line": 3, "character": 7 }, "end": { "line": 3, "character": 15 } }),
        "{params}"
    );
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown key `prefered`")),
        "{params}"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": glossary, "version": 2 },
            "contentChanges": [{ "text": broken.replace("prefered", "preferred") }] }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"], json!([]), "{params}");
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server keeps each glossary it compiled while its file is unchanged,
/// and reads it again when the file changes, saved in the editor or not.
#[test]
fn a_glossary_changed_on_disk_is_read_again() {
    let dir = project("cache");
    let doc_uri = uri(&dir.join("news.txt"));
    let (client, _) = Client::start(json!({}));
    let text = "We met in Nur-Sultan.\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"][0]["code"], "forbidden");
    let glossary = dir.join("glossary.toml");
    std::fs::write(
        &glossary,
        "[[term]]\nid = \"astana\"\ncategory = \"place\"\nen = { preferred = \"Astana\" }\n",
    )
    .expect("written");
    // A later modification time than the first read's, whatever the
    // file system's clock resolution.
    std::fs::File::options()
        .write(true)
        .open(&glossary)
        .and_then(|f| f.set_modified(std::time::SystemTime::now() + Duration::from_secs(5)))
        .expect("touched");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc_uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"], json!([]), "{params}");
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A request the client cancels while it waits behind a long check is
/// answered "cancelled", and the next one is answered.
#[test]
fn a_request_cancelled_while_it_waits_is_not_worked_on() {
    let dir = project("cancel");
    let doc_uri = uri(&dir.join("long.txt"));
    let (mut client, _) = Client::start(json!({}));
    // Long enough that the requests below are queued before it is checked.
    let long = "We met in Nur-Sultan and then in Astana. ".repeat(40_000);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1, "text": long } }),
    );
    let action = json!({
        "textDocument": { "uri": doc_uri },
        "range": { "start": { "line": 0, "character": 12 }, "end": { "line": 0, "character": 12 } },
        "context": { "diagnostics": [] },
    });
    client.next += 1;
    let cancelled = RequestId::from(client.next);
    client
        .connection
        .sender
        .send(Message::Request(Request::new(
            cancelled.clone(),
            "textDocument/codeAction".to_owned(),
            action.clone(),
        )))
        .expect("the server listens");
    client.notify("$/cancelRequest", json!({ "id": client.next }));
    let answer = loop {
        if let Message::Response(r) = client.receive() {
            break r;
        }
    };
    assert_eq!(answer.id, cancelled);
    assert_eq!(answer.response_result.err().map(|e| e.code), Some(-32800));
    let next = client.request("textDocument/codeAction", action);
    assert!(next.as_array().is_some_and(|a| !a.is_empty()), "{next}");
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad input from the editor: a document that does not parse gets one
/// diagnostic saying why, and malformed messages are answered or passed
/// over; the server keeps serving after each.
#[test]
fn bad_documents_and_malformed_messages_do_not_stop_the_server() {
    let dir = project("bad-input");
    let xliff = uri(&dir.join("broken.xlf"));
    let (mut client, _) = Client::start(json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": xliff, "languageId": "xml", "version": 1,
            "text": "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>Nur-Sultan</source>" } }),
    );
    let (method, params) = client.notification();
    assert_eq!(method, "textDocument/publishDiagnostics");
    let diagnostics = params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(diagnostics.len(), 1, "{params}");
    assert_eq!(diagnostics[0]["severity"], 1, "{params}");
    let message = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("cannot parse: unclosed element"),
        "{message}"
    );

    // A request whose parameters are not what the method takes.
    let wrong = client.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(wrong["error"]["code"], -32602, "{wrong}");
    // A notification without its parameters, and one nobody knows.
    client.notify("textDocument/didOpen", json!({}));
    client.notify("termlint/unheardOf", json!([1, 2, 3]));
    // Still serving: a document opened now is checked.
    let doc = uri(&dir.join("news.txt"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc, "languageId": "plaintext", "version": 1,
            "text": "We met in Nur-Sultan.\n" } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["uri"], doc, "{params}");
    assert_eq!(params["diagnostics"][0]["code"], "forbidden", "{params}");
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A forbidden name declined as a whole gets a quick fix in its own case
/// ("Касым-Жомарта Токаяева" → "Касым-Жомарта Токаева"), in the editor as
/// on the command line.
#[test]
fn a_declined_name_is_fixed_in_its_case() {
    let dir = project("declined");
    std::fs::write(
        dir.join("glossary.toml"),
        "[[term]]\nid = \"tokayev\"\ncategory = \"person\"\nru = { preferred = \"Касым-Жомарт Токаев\", forbidden = [\"Касым-Жомарт Токаяев\"] }\n",
    )
    .expect("the glossary");
    let doc_uri = uri(&dir.join("news.ru.txt"));
    let (mut client, _) = Client::start(json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc_uri, "languageId": "plaintext", "version": 1,
            "text": "Письмо от Касым-Жомарта Токаяева.\n" } }),
    );
    let (_, params) = client.notification();
    assert_eq!(params["diagnostics"][0]["code"], "forbidden", "{params}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc_uri },
            "range": { "start": { "line": 0, "character": 12 }, "end": { "line": 0, "character": 12 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(
        actions[0]["title"], "Replace \"Касым-Жомарта Токаяева\" with \"Касым-Жомарта Токаева\"",
        "{actions}"
    );
    assert_eq!(
        actions[0]["edit"]["changes"][doc_uri.as_str()][0]["newText"],
        "Касым-Жомарта Токаева"
    );
    client.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
