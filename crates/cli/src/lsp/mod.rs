//! `dockwright lsp`: the engine as a language server (LSP 3.17, JSON-RPC
//! over standard input and output) for any editor: diagnostics pushed as
//! the documents change, quick fixes and "ignore" actions, formatting,
//! completion, hover, go to definition, references, rename and the outline
//! — the page's answers, from the same engine. Settings come from the
//! workspace's `.dockwright.yaml` / `dockwright.yaml` / `.hadolint.yaml`.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockwright_core::assist::{self, compose as compose_assist, dockerfile as df_assist};
use dockwright_core::format::dockerfile::Options;
use dockwright_core::{FileKind, Settings, Severity, Span};
use serde_json::{json, Value};

use super::Failure;

mod navigation;
mod protocol;

use navigation::{prepare_rename, references, symbols};
use protocol::{kind_of, offset_of, path_of_uri, range, read_message, str_of, write_message};

/// JSON-RPC's error codes this server answers with.
const INVALID_PARAMS: i64 = -32602;
const METHOD_NOT_FOUND: i64 = -32601;
const REQUEST_FAILED: i64 = -32803;

struct Document {
    text: String,
    kind: Option<FileKind>,
}

struct Server {
    documents: HashMap<String, Document>,
    settings: Settings,
    root: Option<PathBuf>,
    shutdown: bool,
}

pub fn run() -> Result<ExitCode, Failure> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut output = io::stdout().lock();
    let mut server = Server {
        documents: HashMap::new(),
        settings: Settings::default(),
        root: None,
        shutdown: false,
    };
    while let Some(message) = read_message(&mut input)? {
        let method = message.get("method").and_then(Value::as_str).unwrap_or("");
        let id = message.get("id").cloned();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        if method == "exit" {
            return Ok(if server.shutdown {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        let (answer, notifications) = server.handle(method, &params);
        for notification in notifications {
            write_message(&mut output, &notification)?;
        }
        if let Some(id) = id {
            let reply = match answer {
                Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
                Err((code, message)) => {
                    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
                }
            };
            write_message(&mut output, &reply)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

type Answer = Result<Value, (i64, String)>;

impl Server {
    fn handle(&mut self, method: &str, params: &Value) -> (Answer, Vec<Value>) {
        let mut notifications = Vec::new();
        let answer = match method {
            "initialize" => Ok(self.initialize(params)),
            "initialized"
            | "$/cancelRequest"
            | "$/setTrace"
            | "workspace/didChangeConfiguration" => Ok(Value::Null),
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/didOpen" => {
                let document = &params["textDocument"];
                let uri = str_of(document, "uri");
                let kind = kind_of(&uri, document["languageId"].as_str());
                self.documents.insert(
                    uri.clone(),
                    Document {
                        text: str_of(document, "text"),
                        kind,
                    },
                );
                notifications.push(self.diagnostics(&uri));
                Ok(Value::Null)
            }
            "textDocument/didChange" => {
                let uri = str_of(&params["textDocument"], "uri");
                if let Some(document) = self.documents.get_mut(&uri) {
                    for change in params["contentChanges"].as_array().into_iter().flatten() {
                        match change.get("range") {
                            Some(range) => {
                                let start = offset_of(&document.text, &range["start"]);
                                let end = offset_of(&document.text, &range["end"]).max(start);
                                document.text.replace_range(
                                    start..end,
                                    change["text"].as_str().unwrap_or(""),
                                );
                            }
                            None => document.text = str_of(change, "text"),
                        }
                    }
                    notifications.push(self.diagnostics(&uri));
                }
                Ok(Value::Null)
            }
            "textDocument/didClose" => {
                let uri = str_of(&params["textDocument"], "uri");
                self.documents.remove(&uri);
                notifications.push(json!({
                    "jsonrpc": "2.0",
                    "method": "textDocument/publishDiagnostics",
                    "params": {"uri": uri, "diagnostics": []},
                }));
                Ok(Value::Null)
            }
            "textDocument/didSave" => Ok(Value::Null),
            "textDocument/completion" => {
                self.at(params, |s, doc, uri, offset| s.completion(doc, uri, offset))
            }
            "textDocument/hover" => {
                self.at(params, |s, doc, uri, offset| Ok(s.hover(doc, uri, offset)))
            }
            "textDocument/definition" => self.at(params, |s, doc, uri, offset| {
                Ok(s.definition(doc, uri, offset))
            }),
            "textDocument/references" => self.at(params, |_, doc, uri, offset| {
                Ok(references(doc, uri, offset))
            }),
            "textDocument/prepareRename" => {
                self.at(params, |_, doc, _, offset| Ok(prepare_rename(doc, offset)))
            }
            "textDocument/rename" => {
                let name = params["newName"].as_str().unwrap_or("").to_string();
                self.at(params, move |s, doc, uri, offset| {
                    s.rename(doc, uri, offset, &name)
                })
            }
            "textDocument/formatting" => self.formatting(params),
            "textDocument/documentSymbol" => self.document(params).map(symbols),
            "textDocument/codeAction" => self.code_actions(params),
            _ if method.starts_with("$/") => Ok(Value::Null),
            _ => Err((METHOD_NOT_FOUND, format!("{method} is not supported"))),
        };
        (answer, notifications)
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let root = params["rootUri"]
            .as_str()
            .or_else(|| params["workspaceFolders"][0]["uri"].as_str())
            .and_then(path_of_uri);
        if let Some(root) = &root {
            self.settings = load_settings(root);
        }
        self.root = root;
        json!({
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": {"openClose": true, "change": 2, "save": false},
                "completionProvider": {"triggerCharacters": ["-", "=", "$", "{", ",", ":", " "]},
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": {"prepareProvider": true},
                "documentFormattingProvider": true,
                "documentSymbolProvider": true,
                "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            },
            "serverInfo": {"name": "dockwright", "version": env!("CARGO_PKG_VERSION")},
        })
    }

    fn document(&self, params: &Value) -> Result<&Document, (i64, String)> {
        let uri = str_of(&params["textDocument"], "uri");
        self.documents
            .get(&uri)
            .ok_or((INVALID_PARAMS, format!("{uri} is not open")))
    }

    /// A request about a position in an open document.
    fn at(
        &self,
        params: &Value,
        answer: impl FnOnce(&Server, &Document, &str, usize) -> Answer,
    ) -> Answer {
        let document = self.document(params)?;
        let uri = str_of(&params["textDocument"], "uri");
        let offset = offset_of(&document.text, &params["position"]);
        answer(self, document, &uri, offset)
    }

    fn diagnostics(&self, uri: &str) -> Value {
        let list: Vec<Value> = match self.documents.get(uri) {
            Some(Document {
                text,
                kind: Some(kind @ (FileKind::Dockerfile | FileKind::Compose)),
            }) => dockwright_core::lint_with(*kind, text, &self.settings)
                .iter()
                .map(|d| {
                    json!({
                        "range": range(text, d.span),
                        "severity": match d.severity {
                            Severity::Error => 1,
                            Severity::Warning => 2,
                            Severity::Info => 3,
                            Severity::Style => 4,
                        },
                        "code": d.code,
                        "source": "dockwright",
                        "message": d.message,
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": {"uri": uri, "diagnostics": list},
        })
    }

    fn completion(&self, document: &Document, uri: &str, offset: usize) -> Answer {
        let text = &document.text;
        let list = match document.kind {
            Some(FileKind::Dockerfile) => df_assist::complete(text, offset),
            Some(FileKind::Compose) => {
                // The project's Dockerfiles, for `build.target`: open
                // documents first, else the files on disk.
                let (compose_path, files) = self.project_files(uri);
                let views: Vec<compose_assist::File> = files
                    .iter()
                    .map(|(path, text)| compose_assist::File { path, text })
                    .collect();
                compose_assist::complete(&compose_path, text, offset, &views)
            }
            _ => Vec::new(),
        };
        let items: Vec<Value> = list
            .iter()
            .map(|c| {
                json!({
                    "label": c.label,
                    "kind": match c.kind {
                        assist::Kind::Keyword | assist::Kind::Directive => 14,
                        assist::Kind::Flag | assist::Kind::Property => 10,
                        assist::Kind::Value => 12,
                        assist::Kind::Stage => 7,
                        assist::Kind::Variable => 6,
                        assist::Kind::Rule => 1,
                    },
                    "detail": c.detail,
                    "textEdit": {"range": range(text, c.replace), "newText": c.insert},
                })
            })
            .collect();
        Ok(json!({"isIncomplete": false, "items": items}))
    }

    fn formatting(&self, params: &Value) -> Answer {
        let document = self.document(params)?;
        let text = &document.text;
        let result = match document.kind {
            Some(FileKind::Dockerfile) => {
                let options = &params["options"];
                let indent = match &self.settings.continuation_indent {
                    Some(indent) => indent.clone(),
                    None if options["insertSpaces"] == Value::Bool(false) => "\t".into(),
                    None => {
                        " ".repeat(options["tabSize"].as_u64().unwrap_or(4).clamp(1, 16) as usize)
                    }
                };
                dockwright_core::format::dockerfile::format(text, &Options { indent })
            }
            Some(FileKind::Compose) => dockwright_core::lint::format_compose(text, &self.settings),
            _ => return Ok(json!([])),
        };
        match result {
            Ok(formatted) if formatted == *text => Ok(json!([])),
            Ok(formatted) => {
                Ok(json!([{"range": range(text, Span::new(0, text.len())), "newText": formatted}]))
            }
            Err(refusal) => Err((
                REQUEST_FAILED,
                format!("not formatted: {}", refusal.message),
            )),
        }
    }

    fn code_actions(&self, params: &Value) -> Answer {
        let document = self.document(params)?;
        let uri = str_of(&params["textDocument"], "uri");
        let text = &document.text;
        let Some(kind @ (FileKind::Dockerfile | FileKind::Compose)) = document.kind else {
            return Ok(json!([]));
        };
        let start = offset_of(text, &params["range"]["start"]);
        let end = offset_of(text, &params["range"]["end"]).max(start);
        let mut actions = Vec::new();
        for finding in dockwright_core::lint_with(kind, text, &self.settings) {
            if finding.span.end < start || finding.span.start > end {
                continue;
            }
            let diagnostic = json!({"range": range(text, finding.span), "code": finding.code, "message": finding.message});
            if let Some(fix) = &finding.fix {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({"range": range(text, e.span), "newText": e.text}))
                    .collect();
                actions.push(json!({
                    "title": fix.title,
                    "kind": "quickfix",
                    "diagnostics": [diagnostic],
                    "isPreferred": true,
                    "edit": {"changes": {uri.clone(): edits}},
                }));
            }
            if finding.severity == Severity::Error && finding.code.contains("error") {
                continue;
            }
            // Ignore it on this line: hadolint's pragma above a Dockerfile
            // instruction, dclint's above a compose line.
            let line_start = text[..finding.span.start].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = text[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let (title, pragma) = match kind {
                FileKind::Dockerfile => {
                    let instruction = dockwright_core::dockerfile::parse(text)
                        .instructions
                        .iter()
                        .rev()
                        .find(|i| i.span.start <= finding.span.start)
                        .map_or(line_start, |i| i.span.start);
                    let at = text[..instruction].rfind('\n').map_or(0, |i| i + 1);
                    (
                        format!("Ignore {} for this instruction", finding.code),
                        (at, format!("# hadolint ignore={}\n", finding.code)),
                    )
                }
                _ => (
                    format!("Ignore {} for this line", finding.code),
                    (
                        line_start,
                        format!("{indent}# dclint disable-next-line {}\n", finding.code),
                    ),
                ),
            };
            actions.push(json!({
                "title": title,
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "edit": {"changes": {uri.clone(): [{"range": range(text, Span::empty(pragma.0)), "newText": pragma.1}]}},
            }));
        }
        Ok(Value::Array(actions))
    }
}

fn load_settings(root: &Path) -> Settings {
    [
        "dockwright.yaml",
        ".dockwright.yaml",
        ".hadolint.yaml",
        ".hadolint.yml",
        "hadolint.yaml",
    ]
    .iter()
    .map(|name| root.join(name))
    .find(|p| p.is_file())
    .and_then(|p| std::fs::read_to_string(p).ok())
    .and_then(|text| Settings::from_yaml(&text).ok())
    .unwrap_or_default()
}
