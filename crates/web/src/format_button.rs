//! The Format button of the tab row and its key, Shift+Alt+F: the file
//! shown, rewritten by the engine's formatter (`dockwright_core::format`),
//! as one undoable edit that leaves the cursor where it was when its line
//! did not change. Shown for Dockerfiles and compose files; disabled, with
//! the reason, while the file has syntax errors (the formatter leaves such
//! a file unchanged). A Dockerfile's continuation lines are indented as the
//! settings say (`continuation-indent`), else as the workspace's
//! `.editorconfig` files say, else by 4 spaces — as `dockwright fmt` does.

use std::cell::RefCell;
use std::rc::Rc;

use dockwright_core::format::dockerfile;
use dockwright_core::format::dockerfile::Options;
use dockwright_core::format::editorconfig::Indentation;
use dockwright_core::lint::format_compose;
use dockwright_core::{FileKind, Severity};
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::actions::EditorCell;
use crate::editor_host::settle;
use crate::notice::Notice;
use crate::positions::utf16_offsets;
use crate::workspace::{FileFindings, Workspace};

/// The engine's own errors: the file does not parse.
const SYNTAX_ERRORS: [&str; 2] = ["syntax-error", "build-error"];

/// Whether the Format button is shown for `name`, and why it is disabled.
pub fn format_state(name: &str, id: u32, findings: &[FileFindings]) -> Option<Option<String>> {
    let base = name.rsplit('/').next().unwrap_or(name);
    if !matches!(
        FileKind::from_name(base),
        Some(FileKind::Dockerfile | FileKind::Compose)
    ) {
        return None;
    }
    let error = findings
        .iter()
        .filter(|f| f.id == id)
        .flat_map(|f| f.findings.iter())
        .find(|f| f.severity == Severity::Error && SYNTAX_ERRORS.contains(&&*f.code));
    Some(error.map(|e| {
        format!(
            "Not available: the file has an error Docker would refuse it for (line {}: {})",
            e.line, e.message
        )
    }))
}

/// How the workspace indents a Dockerfile's continuation lines: the
/// settings' `continuation-indent`, else the `.editorconfig` files of the
/// file's folder and those above it (the nearest first), else 4 spaces.
pub fn dockerfile_options(workspace: &Workspace, path: &str) -> Options {
    if let Some(indent) = &workspace.settings.continuation_indent {
        return Options {
            indent: indent.clone(),
        };
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut folders: Vec<&str> = path.match_indices('/').map(|(i, _)| &path[..i]).collect();
    folders.reverse();
    folders.push("");
    let texts = folders.iter().filter_map(|folder| {
        let config = if folder.is_empty() {
            ".editorconfig".to_string()
        } else {
            format!("{folder}/.editorconfig")
        };
        workspace
            .files
            .iter()
            .find(|f| f.name == config)
            .map(|f| &*f.text)
    });
    Indentation::nearest_first(texts, name)
        .step()
        .map_or_else(Options::default, |indent| Options { indent })
}

/// The smallest edit that turns `old` into `new`: one range, in editor
/// offsets, and its new text.
pub fn edit_between(old: &str, new: &str) -> Option<(u32, u32, String)> {
    if old == new {
        return None;
    }
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let mut common_end = old[start..]
        .bytes()
        .rev()
        .zip(new[start..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - common_end)
        || !new.is_char_boundary(new.len() - common_end)
    {
        common_end -= 1;
    }
    // A CRLF line break is one editor position: never cut between its two.
    let (mut old_end, mut new_end) = (old.len() - common_end, new.len() - common_end);
    if start > 0 && old.as_bytes()[start - 1] == b'\r' {
        start -= 1;
    }
    if old_end < old.len()
        && old.as_bytes()[old_end] == b'\n'
        && old_end > 0
        && old.as_bytes()[old_end - 1] == b'\r'
    {
        old_end += 1;
        new_end += 1;
    }
    let offsets = utf16_offsets(old, &[start, old_end]);
    Some((offsets[0], offsets[1], new[start..new_end].to_string()))
}

/// Formats the file shown, in the editor: a callback made once.
#[hook]
pub fn use_format(
    editor: &EditorCell,
    latest: &Rc<RefCell<Workspace>>,
    notice: UseStateSetter<Option<Notice>>,
) -> Callback<()> {
    let editor = editor.clone();
    let latest = latest.clone();
    use_callback((), move |(), _| {
        settle(&editor);
        let workspace = latest.borrow();
        let file = workspace.active_file();
        let base = file.name.rsplit('/').next().unwrap_or(&file.name);
        let result = if FileKind::from_name(base) == Some(FileKind::Compose) {
            format_compose(&file.text, &workspace.settings)
        } else {
            dockerfile::format(&file.text, &dockerfile_options(&workspace, &file.name))
        };
        match result {
            Ok(formatted) => match edit_between(&file.text, &formatted) {
                Some(edit) => {
                    if let Some(editor) = editor.borrow().as_ref() {
                        editor.apply_changes(file.id, &[edit]);
                    }
                }
                None => notice.set(Some(Notice::say(format!(
                    "{} is already formatted.",
                    file.name
                )))),
            },
            Err(refusal) => notice.set(Some(Notice::say(format!(
                "{} is not formatted: {}",
                file.name, refusal.message
            )))),
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct FormatButtonProps {
    /// Why formatting is not available now, if it is not.
    pub blocked: Option<String>,
    pub on_format: Callback<()>,
}

/// The button, and Shift+Alt+F anywhere on the page while it is shown.
#[function_component(FormatButton)]
pub fn format_button(props: &FormatButtonProps) -> Html {
    {
        let on_format = props.on_format.clone();
        let blocked = props.blocked.is_some();
        use_effect_with(blocked, move |&blocked| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    // Not passive: the key is the page's, not the browser's.
                    let options = EventListenerOptions::enable_prevent_default();
                    EventListener::new_with_options(&document, "keydown", options, move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if event.shift_key()
                            && event.alt_key()
                            && !event.ctrl_key()
                            && !event.meta_key()
                            && event.code() == "KeyF"
                        {
                            event.prevent_default();
                            if !blocked {
                                on_format.emit(());
                            }
                        }
                    })
                });
            move || drop(listener)
        });
    }
    let onclick = props.on_format.reform(|_: MouseEvent| ());
    let title = props
        .blocked
        .clone()
        .unwrap_or_else(|| "Format this Dockerfile (Shift+Alt+F); Ctrl+Z undoes it".into());
    html! {
        <button class="tab-format" {onclick} disabled={props.blocked.is_some()} {title}
            aria-keyshortcuts="Shift+Alt+F">{ "Format" }</button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_covers_only_what_changed_in_editor_offsets() {
        assert_eq!(
            edit_between("a\nrun x\n", "a\nRUN x\n"),
            Some((2, 5, "RUN".into()))
        );
        assert_eq!(edit_between("same", "same"), None);
        // "é" is one editor position; the CRLF counts once.
        let edit = edit_between("é\r\nrun x\r\n", "é\r\nRUN x\r\n").unwrap();
        assert_eq!((edit.0, edit.1, edit.2.as_str()), (2, 5, "RUN"));
        let edit = edit_between("x \r\ny", "x\r\ny").unwrap();
        assert_eq!(edit.0, 1);
    }

    #[test]
    fn indentation_comes_from_settings_then_the_nearest_editorconfig() {
        let files = |configs: &[(&str, &str)]| {
            let mut files = vec![("api/Dockerfile".to_string(), "FROM alpine\n".to_string())];
            files.extend(configs.iter().map(|(n, t)| (n.to_string(), t.to_string())));
            Workspace::from_files(files).unwrap()
        };
        let indent = |w: &Workspace| dockerfile_options(w, "api/Dockerfile").indent;
        assert_eq!(indent(&files(&[])), "    ");
        let root = (".editorconfig", "root = true\n[*]\nindent_size = 2\n");
        assert_eq!(indent(&files(&[root])), "  ");
        let near = ("api/.editorconfig", "[Dockerfile]\nindent_style = tab\n");
        assert_eq!(indent(&files(&[root, near])), "\t");
        let mut workspace = files(&[root, near]);
        workspace.set_settings("continuation-indent: 8\n".into());
        assert_eq!(indent(&workspace), " ".repeat(8));
    }
}
