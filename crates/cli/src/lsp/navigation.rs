//! The language server's answers that move around the project: go to
//! definition, references, rename (across files), hover and the outline.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dockwright_core::assist::{self, compose as compose_assist, dockerfile as df_assist};
use dockwright_core::{FileKind, Span};
use serde_json::{json, Value};

use super::protocol::{path_of_uri, range};
use super::{Answer, Document, Server, REQUEST_FAILED};

impl Server {
    /// The project's Dockerfiles as paths from the root, and the compose
    /// file's own path from it.
    pub(super) fn project_files(&self, uri: &str) -> (String, Vec<(String, String)>) {
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
    pub(super) fn rename(
        &self,
        document: &Document,
        uri: &str,
        offset: usize,
        name: &str,
    ) -> Answer {
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

    pub(super) fn definition(&self, document: &Document, uri: &str, offset: usize) -> Value {
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

    pub(super) fn hover(&self, document: &Document, uri: &str, offset: usize) -> Value {
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

pub(super) fn reference_spans(document: &Document, offset: usize) -> Vec<Span> {
    let text = &document.text;
    match document.kind {
        Some(FileKind::Dockerfile) => df_assist::references(text, offset),
        Some(FileKind::Compose) => compose_assist::references(text, offset),
        _ => Vec::new(),
    }
}

pub(super) fn references(document: &Document, uri: &str, offset: usize) -> Value {
    Value::Array(
        reference_spans(document, offset)
            .into_iter()
            .map(|s| json!({"uri": uri, "range": range(&document.text, s)}))
            .collect(),
    )
}

pub(super) fn prepare_rename(document: &Document, offset: usize) -> Value {
    reference_spans(document, offset)
        .into_iter()
        .find(|s| s.start <= offset && offset <= s.end)
        .map_or(Value::Null, |s| {
            json!({"range": range(&document.text, s), "placeholder": &document.text[s.start..s.end]})
        })
}

pub(super) fn symbols(document: &Document) -> Value {
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
pub(super) fn project_dockerfiles(
    documents: &HashMap<String, Document>,
    root: Option<&Path>,
) -> Vec<(PathBuf, String)> {
    project_files_of(documents, root, &[FileKind::Dockerfile])
}

/// The project's files of the given kinds: open documents, then files on
/// disk under `root` (a few levels deep).
pub(super) fn project_files_of(
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
