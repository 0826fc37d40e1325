//! The editor in the page: CodeMirror created once in its host element
//! (or a plain text area when it cannot load), the file shown and its
//! diagnostics kept in step with the workspace, and the two ways the page
//! reaches into it: opening a finding's span, applying a quick fix.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::actions::{Action, EditorCell, State};
use crate::editor::{AssistCall, Editor, EditorDiagnostic, EditorEvents};
use crate::findings_panel::{findings_of, Place};
use crate::shared::Shared;
use crate::use_findings::Changes;
use crate::workspace::{language, FileFindings, Finding, QuickFix, Workspace};

/// What the page holds of its editor.
pub struct EditorHost {
    pub editor: EditorCell,
    /// The file the editor shows, so that it is opened once per switch.
    pub shown: Rc<RefCell<Option<u32>>>,
    /// Where CodeMirror is drawn.
    pub host: NodeRef,
    /// The text area used when CodeMirror could not load.
    pub fallback: NodeRef,
    /// CodeMirror could not load.
    pub missing: bool,
    /// Opens a finding's span (the same callback on every render).
    pub jump_to: Callback<Place>,
    /// Applies a quick fix as one undoable edit (same on every render).
    pub apply_fix: Callback<(u32, QuickFix)>,
    /// The fallback text area's edits.
    pub on_fallback_input: Callback<InputEvent>,
}

/// What the editor host is told by the page.
pub struct HostOptions {
    pub read_only: bool,
    /// The hover card's "About" action; none in the widget.
    pub on_rule: Option<Callback<String>>,
    /// Called before a finding's span is opened (a phone shows the editor).
    pub on_reveal: Callback<()>,
    /// The workspace as of the last render, for callbacks made once; the
    /// texts the editor tells are written to it at once, so that it is
    /// current after [`settle`].
    pub latest: Rc<RefCell<Workspace>>,
}

/// Tells the page every text typed and not yet told: call it before
/// reading the workspace's texts in a callback.
pub fn settle(editor: &EditorCell) {
    if let Some(editor) = editor.borrow().as_ref() {
        editor.flush();
    }
}

fn push_diagnostics(editor: &Editor, id: u32, version: u32, findings: &[Finding]) {
    let list: Vec<EditorDiagnostic> = findings
        .iter()
        .map(|f| EditorDiagnostic {
            from: f.from16,
            to: f.to16,
            severity: f.severity.as_str(),
            code: &f.code,
            message: &f.message,
            fix: f.fix.as_ref(),
        })
        .collect();
    editor.set_diagnostics(id, version, &list);
}

/// Shows `id` in the editor with its diagnostics.
fn show(editor: &Editor, workspace: &Workspace, all: &[FileFindings], id: u32) {
    let Some(file) = workspace.file(id) else {
        return;
    };
    editor.open(id, &file.name, &file.text, language(&file.name));
    push_diagnostics(editor, id, file.version, findings_of(all, id));
}

/// Shows `id` unless it is shown already.
fn show_once(host: &ShownFile, editor: &Editor, id: u32) {
    if *host.shown.borrow() != Some(id) {
        *host.shown.borrow_mut() = Some(id);
        show(
            editor,
            &host.workspace.borrow(),
            &host.findings.borrow(),
            id,
        );
    }
}

/// What callbacks made once need to open a file: the file shown and the
/// workspace and findings as of the last render.
#[derive(Clone)]
struct ShownFile {
    shown: Rc<RefCell<Option<u32>>>,
    workspace: Rc<RefCell<Workspace>>,
    findings: Rc<RefCell<Rc<Vec<FileFindings>>>>,
}

/// A file's text compared by identity (same allocation), not content: a
/// cheap way to notice that the text was replaced.
#[derive(Clone)]
struct TextIdentity(Rc<str>);

impl PartialEq for TextIdentity {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[hook]
pub fn use_editor_host(
    state: &UseReducerHandle<State>,
    findings: &Rc<Vec<FileFindings>>,
    changes: &Changes,
    options: HostOptions,
) -> EditorHost {
    let workspace = &state.0;
    let editor = use_mut_ref(|| None::<Editor>);
    // Filled with `jump_to` below: the editor's help jumps to another file
    // through it (a service's `build.target` in its Dockerfile).
    let jump_cell = use_mut_ref(|| None::<Callback<Place>>);
    let missing = use_state(|| false);
    let host = use_node_ref();
    let fallback = use_node_ref();
    let shown_file = {
        let shown = use_mut_ref(|| None::<u32>);
        let latest = options.latest.clone();
        let latest_findings = use_mut_ref(|| findings.clone());
        *latest_findings.borrow_mut() = findings.clone();
        ShownFile {
            shown,
            workspace: latest,
            findings: latest_findings,
        }
    };
    {
        let host = host.clone();
        let editor = editor.clone();
        let dispatch = state.dispatcher();
        let missing = missing.setter();
        let changes = changes.clone();
        let HostOptions {
            read_only,
            on_rule,
            latest,
            ..
        } = options;
        let latest_for_assist = latest.clone();
        let jump_cell = jump_cell.clone();
        let editor_for_assist = editor.clone();
        let dispatch_for_assist = state.dispatcher();
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                let events = EditorEvents {
                    on_typing: Box::new(move || changes.edited()),
                    on_change: Box::new(move |id: u32, text: Rc<str>, version: u32| {
                        latest.borrow_mut().set_text(id, text.clone(), version);
                        dispatch.dispatch(Action::Edit { id, text, version });
                    }),
                    on_rule: on_rule.map(|callback| {
                        Box::new(move |code: String| callback.emit(code)) as Box<_>
                    }),
                    on_assist: Some({
                        let latest = latest_for_assist.clone();
                        let jump_cell = jump_cell.clone();
                        let editor_cell = editor_for_assist.clone();
                        let latest_for_edits = latest_for_assist.clone();
                        let dispatch_edits = dispatch_for_assist.clone();
                        let effects = crate::assist::Effects {
                            jump: Rc::new(move |id, from, to| {
                                if let Some(jump) = jump_cell.borrow().as_ref() {
                                    jump.emit((id, from, to));
                                }
                            }),
                            edit: Rc::new(
                                move |id, changes: Vec<(u32, u32, String)>, edits: Vec<dockwright_core::assist::Edit>| {
                                    let held = editor_cell
                                        .borrow()
                                        .as_ref()
                                        .is_some_and(|editor| editor.apply_changes(id, &changes));
                                    if held {
                                        return;
                                    }
                                    // A file the editor never opened: the
                                    // page's copy is the text.
                                    let Some((mut text, version)) = latest_for_edits
                                        .borrow()
                                        .file(id)
                                        .map(|f| (f.text.to_string(), f.version))
                                    else {
                                        return;
                                    };
                                    for edit in edits.iter().rev() {
                                        if text.is_char_boundary(edit.span.start)
                                            && edit.span.end <= text.len()
                                            && text.is_char_boundary(edit.span.end)
                                        {
                                            text.replace_range(edit.span.start..edit.span.end, &edit.text);
                                        }
                                    }
                                    let text: Rc<str> = text.into();
                                    latest_for_edits.borrow_mut().set_text(id, text.clone(), version);
                                    dispatch_edits.dispatch(Action::Edit { id, text, version });
                                },
                            ),
                        };
                        Box::new(move |call: AssistCall| {
                            crate::assist::answer(&latest.borrow(), &call, &effects)
                        })
                    }),
                };
                match Editor::create(&parent, read_only, events) {
                    Some(created) => *editor.borrow_mut() = Some(created),
                    None => missing.set(true),
                }
            }
        });
    }
    {
        // Open the active file when it changes (or was forgotten because
        // its text was replaced). Diagnostics go to the editor when the
        // findings change, not on each keystroke: the editor maps the ones
        // it has through an edit. The text is compared by pointer: a new
        // text from outside the editor is a new allocation.
        let editor = editor.clone();
        let shown = shown_file.shown.clone();
        let workspace = workspace.clone();
        let active_text = workspace
            .file(workspace.active)
            .map(|f| TextIdentity(f.text.clone()));
        let drawn = use_mut_ref(|| None::<Shared<Vec<FileFindings>>>);
        use_effect_with(
            (workspace.active, Shared(findings.clone()), active_text),
            move |(active, findings, _)| {
                if let Some(editor) = editor.borrow().as_ref() {
                    let fresh = drawn.borrow().as_ref() != Some(findings);
                    if *shown.borrow() != Some(*active) {
                        *shown.borrow_mut() = Some(*active);
                        show(editor, &workspace, findings, *active);
                    } else if let (true, Some(file)) = (fresh, workspace.file(*active)) {
                        push_diagnostics(
                            editor,
                            *active,
                            file.version,
                            findings_of(findings, *active),
                        );
                    }
                    *drawn.borrow_mut() = Some(findings.clone());
                }
            },
        );
    }
    let jump_to = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let fallback = fallback.clone();
        let shown_file = shown_file.clone();
        let on_reveal = options.on_reveal;
        use_callback((), move |(id, from, to): Place, _| {
            on_reveal.emit(());
            dispatch.dispatch(Action::Activate(id));
            if let Some(editor) = editor.borrow().as_ref() {
                show_once(&shown_file, editor, id);
                editor.handle.select(from, to);
            } else if let Some(area) = fallback.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
                let _ = area.set_selection_range(from, to);
            }
        })
    };
    *jump_cell.borrow_mut() = Some(jump_to.clone());
    // A finding's quick fix: its file is shown and the fix applied there as
    // one undoable edit; the page re-lints through the editor's change.
    let apply_fix = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown_file = shown_file.clone();
        use_callback((), move |(id, fix): (u32, QuickFix), _| {
            dispatch.dispatch(Action::Activate(id));
            if let Some(editor) = editor.borrow().as_ref() {
                show_once(&shown_file, editor, id);
                editor.apply_changes(id, &fix.changes);
            }
        })
    };
    let on_fallback_input = {
        let dispatch = state.dispatcher();
        let active = workspace.active_file().clone();
        let changes = changes.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            changes.edited();
            dispatch.dispatch(Action::Edit {
                id: active.id,
                text: Rc::from(area.value()),
                version: active.version + 1,
            });
        })
    };
    EditorHost {
        editor,
        shown: shown_file.shown,
        host,
        fallback,
        missing: *missing,
        jump_to,
        apply_fix,
        on_fallback_input,
    }
}
