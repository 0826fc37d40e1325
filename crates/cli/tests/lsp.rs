//! A scripted conversation with `dockwright lsp`, as an editor holds it:
//! initialize, open a Dockerfile and a compose file, get diagnostics, ask
//! for completion, hover, definition, references, rename, formatting, the
//! outline and code actions, change a document, shut down and exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: i64,
    /// Notifications received while waiting for answers.
    notifications: Vec<Value>,
}

impl Client {
    fn start(root: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dockwright"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            input,
            output,
            next_id: 0,
            notifications: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).unwrap() > 0,
                "the server closed its output"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
            self.notifications.push(message);
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let found = self.notifications.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
            });
            if let Some(i) = found {
                let n = self.notifications.remove(i);
                return n["params"]["diagnostics"].as_array().unwrap().clone();
            }
            let message = self.receive();
            self.notifications.push(message);
        }
    }
}

fn position(text: &str, needle: &str, extra: usize) -> Value {
    let at = text.find(needle).unwrap() + extra;
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": column})
}

const DOCKERFILE: &str =
    "FROM node:22 AS deps\nRUN cd /app && npm ci\nFROM node:22-slim\nCOPY --from=deps /app /app\n";
const COMPOSE: &str = "services:\n    web:\n        image: nginx:1.27\n        depends_on:\n            - db\n    db:\n        image: postgres:17\n";

#[test]
fn a_whole_conversation() {
    let root = std::env::temp_dir().join(format!("dockwright-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("dockwright.yaml"), "ignored: [DL3006]\n").unwrap();
    let root_uri = format!("file://{}", root.display());
    let docker_uri = format!("{root_uri}/Dockerfile");
    let compose_uri = format!("{root_uri}/compose.yaml");
    let mut client = Client::start(&root);

    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    let capabilities = &init["result"]["capabilities"];
    for provider in [
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentFormattingProvider",
        "documentSymbolProvider",
        "codeActionProvider",
    ] {
        assert!(!capabilities[provider].is_null(), "{provider}: {init}");
    }
    client.notify("initialized", json!({}));

    // Diagnostics are pushed on open: DL3003 (cd), not DL3006 (ignored by the settings).
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": docker_uri, "languageId": "dockerfile", "version": 1, "text": DOCKERFILE}}));
    let diagnostics = client.diagnostics(&docker_uri);
    let codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"DL3003"), "{codes:?}");
    assert!(
        !codes.contains(&"DL3006"),
        "the workspace's settings apply: {codes:?}"
    );
    let dl3003 = diagnostics.iter().find(|d| d["code"] == "DL3003").unwrap();
    assert_eq!(dl3003["range"]["start"]["line"], 1);

    // Completion of a stage after --from=.
    let completion = client.request("textDocument/completion", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "--from=", 7)}));
    let labels: Vec<&str> = completion["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["deps"]);

    // Hover on an instruction.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "COPY", 1)}),
    );
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Copies files"));

    // Definition and references of the stage.
    let definition = client.request("textDocument/definition", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "--from=deps", 8)}));
    assert_eq!(
        definition["result"]["range"]["start"],
        json!({"line": 0, "character": 16})
    );
    let references = client.request("textDocument/references", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "AS deps", 4), "context": {"includeDeclaration": true}}));
    assert_eq!(references["result"].as_array().unwrap().len(), 2);

    // Rename: prepared on the name, then every place; a bad name is refused.
    let prepared = client.request("textDocument/prepareRename", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "AS deps", 4)}));
    assert_eq!(prepared["result"]["placeholder"], "deps");
    let rename = client.request("textDocument/rename", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "AS deps", 4), "newName": "base"}));
    assert_eq!(
        rename["result"]["changes"][&docker_uri]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let refused = client.request("textDocument/rename", json!({"textDocument": {"uri": docker_uri}, "position": position(DOCKERFILE, "AS deps", 4), "newName": "Bad Name"}));
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not a stage name"));

    // Code actions: the ignore pragma for DL3003.
    let actions = client.request("textDocument/codeAction", json!({"textDocument": {"uri": docker_uri}, "range": dl3003["range"], "context": {"diagnostics": [dl3003]}}));
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Ignore DL3003 for this instruction"),
        "{titles:?}"
    );

    // The outline: two stages.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": docker_uri}}),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["deps", "node:22-slim"]);

    // A compose file: formatting, then a service renamed after an edit.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": compose_uri, "languageId": "dockercompose", "version": 1, "text": COMPOSE}}));
    assert!(client
        .diagnostics(&compose_uri)
        .iter()
        .all(|d| d["severity"] != 1));
    let formatting = client.request("textDocument/formatting", json!({"textDocument": {"uri": compose_uri}, "options": {"tabSize": 4, "insertSpaces": true}}));
    let formatted = formatting["result"][0]["newText"].as_str().unwrap();
    assert!(
        formatted
            .starts_with("services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n"),
        "{formatted}"
    );
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": compose_uri, "version": 2}, "contentChanges": [{"text": formatted}]}));
    let _ = client.diagnostics(&compose_uri);
    let rename = client.request("textDocument/rename", json!({"textDocument": {"uri": compose_uri}, "position": position(formatted, "- db", 3), "newName": "postgres"}));
    assert_eq!(
        rename["result"]["changes"][&compose_uri]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let completion = client.request("textDocument/completion", json!({"textDocument": {"uri": compose_uri}, "position": position(formatted, "    image: nginx", 4)}));
    assert!(completion["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["label"] == "image"));

    let unknown = client.request("workspace/executeCommand", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown["error"].is_null());
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(&root);
}
