//! The editor's help — completion, hover, definition, references, rename —
//! answered by the engine's `assist` for the file shown, in editor offsets,
//! as the objects `web/editor/assist.js` reads. It runs on the page's
//! thread: an answer reads one file (a few milliseconds), and the editor
//! needs it at once.

use dockwright_core::assist::project::{self, ProjectFile};
use dockwright_core::assist::{compose, dockerfile, Completion, Edit, Hover};
use dockwright_core::{FileKind, Span};
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::editor::AssistCall;
use crate::positions::utf16_offsets;
use crate::workspace::Workspace;

/// What an answer may do beyond the file shown, once the editor's key
/// handling is over (the editor is busy until then).
pub struct Effects {
    /// Shows a place of another file: (file id, editor offsets).
    pub jump: Rc<dyn Fn(u32, u32, u32)>,
    /// Applies edits to another file, as one undoable edit: in editor
    /// offsets for the editor, in bytes for a file the editor never held.
    pub edit: Rc<dyn Fn(u32, Vec<(u32, u32, String)>, Vec<Edit>)>,
}

/// The answer to one call, or `null`. A definition in another file (a
/// service's `build.target` in its Dockerfile) is shown through `jump`; the
/// answer is then `{elsewhere: true}`. A rename's edits in the other files
/// of the project go through `edit`.
pub fn answer(workspace: &Workspace, call: &AssistCall, effects: &Effects) -> JsValue {
    let jump = &effects.jump;
    let Some(file) = workspace.file(call.id) else {
        return JsValue::NULL;
    };
    let offset = call.offset;
    let base = file.name.rsplit('/').next().unwrap_or(&file.name);
    let kind = FileKind::from_name(base);
    let text = call.text;
    match (kind, call.request) {
        (Some(FileKind::Dockerfile), "complete") => {
            completions(text, dockerfile::complete(text, offset))
        }
        (Some(FileKind::Compose), "complete") => {
            let others: Vec<(String, std::rc::Rc<str>)> = workspace
                .files
                .iter()
                .filter(|f| f.id != call.id)
                .map(|f| (f.name.clone(), f.text.clone()))
                .collect();
            let files: Vec<compose::File> = others
                .iter()
                .map(|(path, text)| compose::File { path, text })
                .collect();
            completions(text, compose::complete(&file.name, text, offset, &files))
        }
        (Some(FileKind::Dockerfile), "hover") => hover(text, dockerfile::hover(text, offset)),
        (Some(FileKind::Compose), "hover") => {
            // The `.env` beside the compose file, as Docker Compose reads it.
            let folder = file.name.rsplit_once('/').map_or("", |(f, _)| f);
            let dotenv_name = if folder.is_empty() {
                ".env".to_string()
            } else {
                format!("{folder}/.env")
            };
            let dotenv = workspace.files.iter().find(|f| f.name == dotenv_name);
            hover(text, compose::hover(text, offset, dotenv.map(|f| &*f.text)))
        }
        (Some(FileKind::Dockerfile), "definition") => {
            span(text, dockerfile::definition(text, offset))
        }
        (Some(FileKind::Compose), "definition") => match compose::definition(text, offset) {
            Some(found) => span(text, Some(found)),
            None => elsewhere(workspace, call, &file.name, offset, jump),
        },
        (Some(FileKind::Dockerfile), "references") => {
            spans(text, &dockerfile::references(text, offset))
        }
        (Some(FileKind::Compose), "references") => spans(text, &compose::references(text, offset)),
        (Some(FileKind::Dockerfile | FileKind::Compose), "rename") => {
            project_rename(workspace, call, &file.name, offset, effects)
        }
        _ => JsValue::NULL,
    }
}

/// A `build.target` whose stage is in another file of the workspace.
fn elsewhere(
    workspace: &Workspace,
    call: &AssistCall,
    path: &str,
    offset: usize,
    jump: &Rc<dyn Fn(u32, u32, u32)>,
) -> JsValue {
    let files: Vec<compose::File> = workspace
        .files
        .iter()
        .filter(|f| f.id != call.id)
        .map(|f| compose::File {
            path: &f.name,
            text: &f.text,
        })
        .collect();
    let Some((target_path, stage)) = compose::target_stage(path, call.text, offset, &files) else {
        return JsValue::NULL;
    };
    let Some(target) = workspace.files.iter().find(|f| f.name == target_path) else {
        return JsValue::NULL;
    };
    let offsets = editor_offsets(&target.text, &[stage.start, stage.end]);
    let (id, from, to) = (target.id, offsets[0], offsets[1]);
    let jump = jump.clone();
    gloo_timers::callback::Timeout::new(0, move || jump(id, from, to)).forget();
    let answer = js_sys::Object::new();
    set(&answer, "elsewhere", true);
    answer.into()
}

/// A rename in the file shown (answered) and in the project's other files
/// (applied through `effects.edit`).
fn project_rename(
    workspace: &Workspace,
    call: &AssistCall,
    path: &str,
    offset: usize,
    effects: &Effects,
) -> JsValue {
    let files: Vec<ProjectFile> = workspace
        .files
        .iter()
        .map(|f| ProjectFile {
            path: &f.name,
            text: if f.id == call.id { call.text } else { &f.text },
        })
        .collect();
    match project::rename(&files, path, offset, call.extra) {
        Ok(by_file) => {
            let mut own = Vec::new();
            for (file_path, edits) in by_file {
                if file_path == path {
                    own = edits;
                    continue;
                }
                let Some(other) = workspace.files.iter().find(|f| f.name == file_path) else {
                    continue;
                };
                let bytes: Vec<usize> = edits
                    .iter()
                    .flat_map(|e| [e.span.start, e.span.end])
                    .collect();
                let offsets = editor_offsets(&other.text, &bytes);
                let changes: Vec<(u32, u32, String)> = edits
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (offsets[2 * i], offsets[2 * i + 1], e.text.clone()))
                    .collect();
                let (edit, id) = (effects.edit.clone(), other.id);
                gloo_timers::callback::Timeout::new(0, move || edit(id, changes, edits)).forget();
            }
            renamed(call.text, Ok(own))
        }
        Err(message) => renamed(call.text, Err(message)),
    }
}

fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

/// Editor offsets of byte offsets; plain ASCII (most files) needs no walk.
fn editor_offsets(text: &str, bytes: &[usize]) -> Vec<u32> {
    if text.is_ascii() && !text.contains('\r') {
        bytes.iter().map(|&b| b.min(text.len()) as u32).collect()
    } else {
        utf16_offsets(text, bytes)
    }
}

fn range(text: &str, span: Span) -> js_sys::Object {
    let offsets = editor_offsets(text, &[span.start, span.end]);
    let object = js_sys::Object::new();
    set(&object, "from", offsets[0]);
    set(&object, "to", offsets[1]);
    object
}

fn completions(text: &str, list: Vec<Completion>) -> JsValue {
    let Some(first) = list.first() else {
        return JsValue::NULL;
    };
    let answer = range(text, first.replace);
    let options = js_sys::Array::new();
    for completion in list.iter().filter(|c| c.replace == first.replace) {
        let option = js_sys::Object::new();
        set(&option, "label", completion.label.as_str());
        set(&option, "detail", completion.detail.as_str());
        set(&option, "apply", completion.insert.as_str());
        let kind = kind_name(completion);
        set(&option, "kind", kind);
        options.push(&option);
    }
    set(&answer, "options", options);
    answer.into()
}

fn kind_name(completion: &Completion) -> &'static str {
    use dockwright_core::assist::Kind;
    match completion.kind {
        Kind::Keyword => "keyword",
        Kind::Directive => "directive",
        Kind::Flag => "flag",
        Kind::Value => "value",
        Kind::Stage => "stage",
        Kind::Variable => "variable",
        Kind::Rule => "rule",
        Kind::Property => "property",
    }
}

fn hover(text: &str, hover: Option<Hover>) -> JsValue {
    let Some(hover) = hover else {
        return JsValue::NULL;
    };
    let answer = range(text, hover.span);
    set(&answer, "markdown", hover.markdown.as_str());
    answer.into()
}

fn span(text: &str, span: Option<Span>) -> JsValue {
    span.map_or(JsValue::NULL, |s| range(text, s).into())
}

fn spans(text: &str, spans: &[Span]) -> JsValue {
    let list = js_sys::Array::new();
    for s in spans {
        list.push(&range(text, *s));
    }
    list.into()
}

fn renamed(text: &str, result: Result<Vec<Edit>, String>) -> JsValue {
    let answer = js_sys::Object::new();
    match result {
        Ok(edits) => {
            let list = js_sys::Array::new();
            for edit in edits {
                let change = range(text, edit.span);
                set(&change, "insert", edit.text.as_str());
                list.push(&change);
            }
            set(&answer, "edits", list);
        }
        Err(message) => set(&answer, "error", message.as_str()),
    }
    answer.into()
}
