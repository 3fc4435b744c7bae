//! `termlint server` over an in-memory connection: the protocol as an
//! editor speaks it (initialise, open, change, code action, save, close,
//! shutdown), each answer compared whole as JSON.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::Url;
use serde_json::{json, Value};

/// A project folder with the repository's glossary and nothing else.
fn project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("termlint-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
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
}

impl Client {
    /// A server on its own thread, initialised with `capabilities`.
    fn start(capabilities: Value) -> (Client, Value) {
        let (client, server) = Connection::memory();
        let handle = std::thread::spawn(move || termlint::server::serve(&server));
        let mut client = Client {
            connection: client,
            server: handle,
            next: 0,
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                method.to_owned(),
                params,
            )))
            .expect("the server listens");
    }

    /// Sends a request and returns its response's `result`, or the whole
    /// error object.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.connection
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.to_owned(),
                params,
            )))
            .expect("the server listens");
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
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute")
    }

    /// The next notification the server sends.
    fn notification(&self) -> (String, Value) {
        loop {
            if let Message::Notification(n) = self.receive() {
                return (n.method, n.params);
            }
        }
    }

    fn stop(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let served = self.server.join().expect("the server thread ends");
        assert!(served.is_ok(), "{served:?}");
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
    assert_eq!(
        actions[1]["title"],
        "Fix all safe termlint findings in this file (1)"
    );
    assert_eq!(actions[1]["kind"], "source.fixAll");
    assert_eq!(actions[1]["edit"], edit);
    assert_eq!(actions.as_array().map(Vec::len), Some(2));

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
