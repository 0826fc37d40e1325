//! `dockwright lsp`: the engine as a language server (LSP 3.17, JSON-RPC
//! over standard input and output) for any editor: diagnostics pushed as
//! the documents change, quick fixes and "ignore" actions, formatting,
//! completion, hover, go to definition, references, rename and the outline
//! — the page's answers, from the same engine. Settings come from the
//! workspace's `.dockwright.yaml` / `dockwright.yaml` / `.hadolint.yaml`.

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockwright_core::assist::{self, compose as compose_assist, dockerfile as df_assist};
use dockwright_core::format::dockerfile::Options;
use dockwright_core::{FileKind, Settings, Severity, Span};
use serde_json::{json, Value};

use super::Failure;

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

impl Server {
    /// The project's Dockerfiles as paths from the root, and the compose
    /// file's own path from it.
    fn project_files(&self, uri: &str) -> (String, Vec<(String, String)>) {
        let path = path_of_uri(uri);
        let root = self.root.clone().or_else(|| {
            path.as_ref()
                .and_then(|p| p.parent().map(Path::to_path_buf))
        });
        let relative = |p: &Path| {
            root.as_ref()
                .and_then(|r| p.strip_prefix(r).ok())
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        };
        let compose_path = path
            .as_deref()
            .and_then(relative)
            .unwrap_or_else(|| "compose.yaml".into());
        let files = project_dockerfiles(&self.documents, root.as_deref())
            .into_iter()
            .filter_map(|(p, t)| Some((relative(&p)?, t)))
            .collect();
        (compose_path, files)
    }

    /// A rename in this document and, where the name reaches them, in the
    /// project's other files (a stage's `build.target`, a service in the
    /// override files).
    fn rename(&self, document: &Document, uri: &str, offset: usize, name: &str) -> Answer {
        let here = path_of_uri(uri);
        let root = self.root.clone().or_else(|| {
            here.as_ref()
                .and_then(|p| p.parent().map(Path::to_path_buf))
        });
        let (Some(here), Some(root)) = (here, root) else {
            return Err((REQUEST_FAILED, "the document is not a file".into()));
        };
        let relative = |p: &Path| {
            p.strip_prefix(&root)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        };
        let own = relative(&here).ok_or((
            REQUEST_FAILED,
            "the document is outside the workspace".into(),
        ))?;
        let mut texts: Vec<(String, String)> = vec![(own.clone(), document.text.clone())];
        for (path, text) in project_files_of(
            &self.documents,
            Some(&root),
            &[FileKind::Dockerfile, FileKind::Compose],
        ) {
            if let Some(relative) = relative(&path) {
                if !texts.iter().any(|(p, _)| *p == relative) {
                    texts.push((relative, text));
                }
            }
        }
        let files: Vec<assist::project::ProjectFile> = texts
            .iter()
            .map(|(path, text)| assist::project::ProjectFile { path, text })
            .collect();
        let edits = assist::project::rename(&files, &own, offset, name)
            .map_err(|message| (REQUEST_FAILED, message))?;
        let mut changes = serde_json::Map::new();
        for (path, file_edits) in edits {
            let text = &texts
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            let target = if path == own {
                uri.to_string()
            } else {
                format!("file://{}", root.join(&path).display())
            };
            let list: Vec<Value> = file_edits
                .iter()
                .map(|e| json!({"range": range(text, e.span), "newText": e.text}))
                .collect();
            changes.insert(target, Value::Array(list));
        }
        Ok(json!({"changes": changes}))
    }

    fn definition(&self, document: &Document, uri: &str, offset: usize) -> Value {
        let text = &document.text;
        let span = match document.kind {
            Some(FileKind::Dockerfile) => df_assist::definition(text, offset),
            Some(FileKind::Compose) => compose_assist::definition(text, offset),
            _ => None,
        };
        if let Some(span) = span {
            return json!({"uri": uri, "range": range(text, span)});
        }
        if document.kind != Some(FileKind::Compose) {
            return Value::Null;
        }
        // A service's `build.target`: the stage in its Dockerfile.
        let (compose_path, files) = self.project_files(uri);
        let views: Vec<compose_assist::File> = files
            .iter()
            .map(|(path, text)| compose_assist::File { path, text })
            .collect();
        let Some((path, stage)) = compose_assist::target_stage(&compose_path, text, offset, &views)
        else {
            return Value::Null;
        };
        let Some((_, dockerfile)) = files.iter().find(|(p, _)| *p == path) else {
            return Value::Null;
        };
        let root = self
            .root
            .clone()
            .or_else(|| path_of_uri(uri).and_then(|p| p.parent().map(Path::to_path_buf)));
        let target_uri = match root {
            Some(root) => format!("file://{}", root.join(&path).display()),
            None => return Value::Null,
        };
        json!({"uri": target_uri, "range": range(dockerfile, stage)})
    }

    fn hover(&self, document: &Document, uri: &str, offset: usize) -> Value {
        let text = &document.text;
        let hover = match document.kind {
            Some(FileKind::Dockerfile) => df_assist::hover(text, offset),
            Some(FileKind::Compose) => {
                // The `.env` beside the compose file: open, else on disk.
                let dotenv_uri = format!("{}/.env", uri.rsplit_once('/').map_or("", |(f, _)| f));
                let dotenv = match self.documents.get(&dotenv_uri) {
                    Some(open) => Some(open.text.clone()),
                    None => path_of_uri(&dotenv_uri).and_then(|p| std::fs::read_to_string(p).ok()),
                };
                compose_assist::hover(text, offset, dotenv.as_deref())
            }
            _ => None,
        };
        hover.map_or(Value::Null, |h| {
            json!({"contents": {"kind": "markdown", "value": h.markdown}, "range": range(text, h.span)})
        })
    }
}

fn reference_spans(document: &Document, offset: usize) -> Vec<Span> {
    let text = &document.text;
    match document.kind {
        Some(FileKind::Dockerfile) => df_assist::references(text, offset),
        Some(FileKind::Compose) => compose_assist::references(text, offset),
        _ => Vec::new(),
    }
}

fn references(document: &Document, uri: &str, offset: usize) -> Value {
    Value::Array(
        reference_spans(document, offset)
            .into_iter()
            .map(|s| json!({"uri": uri, "range": range(&document.text, s)}))
            .collect(),
    )
}

fn prepare_rename(document: &Document, offset: usize) -> Value {
    reference_spans(document, offset)
        .into_iter()
        .find(|s| s.start <= offset && offset <= s.end)
        .map_or(Value::Null, |s| {
            json!({"range": range(&document.text, s), "placeholder": &document.text[s.start..s.end]})
        })
}

fn symbols(document: &Document) -> Value {
    let outline = match document.kind {
        Some(FileKind::Dockerfile) => df_assist::outline(&document.text),
        Some(FileKind::Compose) => compose_assist::outline(&document.text),
        _ => Vec::new(),
    };
    fn symbol(text: &str, s: &assist::Symbol, depth: usize, dockerfile: bool) -> Value {
        // LSP's SymbolKind: Class for a stage, Field for an instruction,
        // Namespace for a compose section, Object for its entries.
        let kind = match (dockerfile, depth) {
            (true, 0) => 5,
            (true, _) => 8,
            (false, 0) => 3,
            (false, _) => 19,
        };
        json!({
            "name": s.name,
            "detail": s.detail,
            "kind": kind,
            "range": range(text, s.span),
            "selectionRange": range(text, s.selection),
            "children": s.children.iter().map(|c| symbol(text, c, depth + 1, dockerfile)).collect::<Vec<_>>(),
        })
    }
    let dockerfile = document.kind == Some(FileKind::Dockerfile);
    Value::Array(
        outline
            .iter()
            .map(|s| symbol(&document.text, s, 0, dockerfile))
            .collect(),
    )
}

/// The Dockerfiles of the project: open documents, then files on disk
/// under `root` (a few levels deep).
fn project_dockerfiles(
    documents: &HashMap<String, Document>,
    root: Option<&Path>,
) -> Vec<(PathBuf, String)> {
    project_files_of(documents, root, &[FileKind::Dockerfile])
}

/// The project's files of the given kinds: open documents, then files on
/// disk under `root` (a few levels deep).
fn project_files_of(
    documents: &HashMap<String, Document>,
    root: Option<&Path>,
    kinds: &[FileKind],
) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = documents
        .iter()
        .filter(|(_, d)| d.kind.is_some_and(|k| kinds.contains(&k)))
        .filter_map(|(uri, d)| Some((path_of_uri(uri)?, d.text.clone())))
        .collect();
    let Some(root) = root else {
        return found;
    };
    let mut stack = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() && depth < 3 && !name.starts_with('.') && name != "node_modules" {
                stack.push((path, depth + 1));
            } else if FileKind::from_name(&name).is_some_and(|k| kinds.contains(&k))
                && !found.iter().any(|(p, _)| *p == path)
            {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    found.push((path, text));
                }
            }
        }
    }
    found
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

fn kind_of(uri: &str, language: Option<&str>) -> Option<FileKind> {
    let name = uri.rsplit('/').next().unwrap_or(uri);
    FileKind::from_name(name).or(match language {
        Some("dockerfile") => Some(FileKind::Dockerfile),
        Some("dockercompose" | "yaml") => Some(FileKind::Compose),
        _ => None,
    })
}

fn path_of_uri(uri: &str) -> Option<PathBuf> {
    let path = uri.strip_prefix("file://")?;
    let mut bytes = Vec::new();
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            if let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                bytes.push(byte);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
}

fn str_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or("").to_string()
}

/// An LSP position (line, UTF-16 character) as a byte offset, clamped to
/// the line and to the text.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// A byte span as an LSP range.
fn range(text: &str, span: Span) -> Value {
    json!({"start": position(text, span.start), "end": position(text, span.end)})
}

fn position(text: &str, offset: usize) -> Value {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// One message: `Content-Length` headers, a blank line, the JSON body.
fn read_message(input: &mut impl BufRead) -> Result<Option<Value>, Failure> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if input.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Err(Failure::Io("a message without Content-Length".into()));
    };
    if length > 64 << 20 {
        return Err(Failure::Io(format!(
            "a message of {length} bytes is too large"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

fn write_message(output: &mut impl Write, message: &Value) -> Result<(), Failure> {
    let body = message.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()?;
    Ok(())
}
