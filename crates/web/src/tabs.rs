//! The file tabs, and the form that names a new or renamed file.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::actions::{Action, State};
use crate::editor::Editor;
use crate::findings_panel::{findings_of, plural};
use crate::shared::Shared;
use crate::workspace::{kind_label, language, FileFindings};

/// The file-name form: adding a file (`target` None) or renaming one.
#[derive(Clone, PartialEq)]
pub(crate) struct Naming {
    pub(crate) target: Option<u32>,
    pub(crate) value: String,
    pub(crate) error: Option<String>,
}

#[derive(Properties, PartialEq)]
pub(crate) struct TabsProps {
    /// The files in tab order: id and name.
    pub(crate) files: Rc<Vec<(u32, String)>>,
    pub(crate) active: u32,
    /// The findings, for each tab's count.
    pub(crate) findings: Shared<Vec<FileFindings>>,
    pub(crate) on_activate: Callback<u32>,
    /// Opens the name form: to add a file, or to rename one.
    pub(crate) on_name: Callback<Naming>,
    /// Deletes a file (asked first here).
    pub(crate) on_remove: Callback<u32>,
    /// Tools for the file shown, at the end of the row (the Format button).
    #[prop_or_default]
    pub(crate) children: Html,
}

/// The file tabs: renders when the files, the file shown or the findings
/// change (not on a keystroke).
#[function_component(Tabs)]
pub(crate) fn tabs(props: &TabsProps) -> Html {
    let single = props.files.len() == 1;
    let naming = |target: Option<u32>, value: String| Naming {
        target,
        value,
        error: None,
    };
    let add = props
        .on_name
        .reform(move |_: MouseEvent| naming(None, String::new()));
    // The tab list holds only tabs (ARIA); the active file's actions and
    // the add button follow it, drawn beside the active tab by `order`.
    let active_index = props
        .files
        .iter()
        .position(|(id, _)| *id == props.active)
        .unwrap_or(0);
    let actions = props.files.iter().find(|(id, _)| *id == props.active).map(|(id, name)| {
        let id = *id;
        let rename = {
            let name = name.clone();
            props.on_name.reform(move |_: MouseEvent| naming(Some(id), name.clone()))
        };
        let remove = {
            let on_remove = props.on_remove.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                let question = format!("Delete {name}? Its text will be lost.");
                let confirmed = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&question).ok())
                    .unwrap_or(false);
                if confirmed {
                    on_remove.emit(id);
                }
            })
        };
        html! {
            <div class="tab active tab-actions" style={format!("order: {}", 2 * active_index + 1)}>
                <button class="tab-action" aria-label={format!("Rename {name}")} title="Rename" onclick={rename}>{ "✎" }</button>
                <button class="tab-action" aria-label={format!("Delete {name}")} title="Delete" disabled={single} onclick={remove}>{ "×" }</button>
            </div>
        }
    });
    html! {
        <div class="tabs" data-testid="tabs">
          <div class="tab-list" role="tablist" aria-label="Files">
            { for props.files.iter().enumerate().map(|(index, (id, name))| {
                let id = *id;
                let selected = id == props.active;
                let count = findings_of(&props.findings, id).len();
                let onclick = props.on_activate.reform(move |_: MouseEvent| id);
                let rename = {
                    let name = name.clone();
                    props.on_name.reform(move |_: MouseEvent| naming(Some(id), name.clone()))
                };
                html! {
                    <div role="none" class={classes!("tab", selected.then_some("active"), selected.then_some("has-actions"))} style={format!("order: {}", 2 * index)}>
                        <button role="tab" class="tab-name" aria-selected={selected.to_string()} title={kind_label(name)} {onclick} ondblclick={rename}>
                            { name }
                            if count > 0 { <span class="tab-count" aria-label={plural(count, "finding")}>{ count }</span> }
                        </button>
                    </div>
                }
            }) }
          </div>
          { for actions }
          <button class="tab-add" aria-label="Add a file" title="Add a file" onclick={add} style={format!("order: {}", 2 * props.files.len() + 2)}>{ "+" }</button>
          <span class="tab-tools" style={format!("order: {}", 2 * props.files.len() + 3)}>{ props.children.clone() }</span>
        </div>
    }
}

pub(crate) fn naming_form(
    state: &UseReducerHandle<State>,
    naming: &UseStateHandle<Option<Naming>>,
    editor: &Rc<std::cell::RefCell<Option<Editor>>>,
) -> Html {
    let Some(current) = (**naming).clone() else {
        return html! {};
    };
    let workspace = &state.0;
    let oninput = {
        let naming = naming.clone();
        let current = current.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            naming.set(Some(Naming {
                value: input.value(),
                error: None,
                ..current.clone()
            }));
        })
    };
    let cancel = {
        let naming = naming.clone();
        Callback::from(move |_| naming.set(None))
    };
    let onkeydown = {
        let cancel = cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                cancel.emit(());
            }
        })
    };
    let onsubmit = {
        let naming = naming.clone();
        let dispatch = state.dispatcher();
        let workspace = workspace.clone();
        let editor = editor.clone();
        let current = current.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let name = current.value.trim().to_string();
            if let Err(error) = workspace.check_name(&name, current.target) {
                naming.set(Some(Naming {
                    error: Some(error),
                    ..current.clone()
                }));
                return;
            }
            match current.target {
                Some(id) => {
                    if let Some(editor) = editor.borrow().as_ref() {
                        editor.rename(id, &name, language(&name));
                    }
                    dispatch.dispatch(Action::Rename(id, name));
                }
                None => dispatch.dispatch(Action::Add(name)),
            }
            naming.set(None);
        })
    };
    let title = if current.target.is_some() {
        "Rename the file"
    } else {
        "Add a file"
    };
    let hint = if current.value.trim().is_empty() {
        "Dockerfile.dev, api/Dockerfile, compose.prod.yaml, .dockerignore…".to_string()
    } else {
        format!("Read as: {}", kind_label(current.value.trim()))
    };
    html! {
        <form class="name-form" {onsubmit} aria-label={title}>
            <label for="file-name">{ title }</label>
            <input id="file-name" type="text" autocomplete="off" spellcheck="false" autofocus=true
                value={current.value.clone()} {oninput} {onkeydown}
                aria-invalid={current.error.is_some().to_string()} aria-describedby="file-name-help" />
            <button type="submit">{ if current.target.is_some() { "Rename" } else { "Add" } }</button>
            <button type="button" onclick={cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            if let Some(error) = &current.error {
                <p class="name-error" role="alert" id="file-name-help">{ error }</p>
            } else {
                <p class="name-hint" id="file-name-help">{ hint }</p>
            }
        </form>
    }
}
