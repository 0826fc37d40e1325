//! The page: header with counts, file tabs, the editor, the findings panel.
//! The workspace (files and which one is shown) lives in a reducer; the
//! editor is a view the page drives; findings are recomputed when a text or
//! a name changes.

use std::rc::Rc;

use dockwright_core::Severity;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::editor::{Editor, EditorDiagnostic};
use crate::patterns_panel::PatternsPanel;
use crate::resolved_panel::ResolvedPanel;
use crate::review_panel::ReviewPanel;
use crate::rule_docs::{self, RuleDoc};
use crate::share::{self, Hash};
use crate::storage;
use crate::use_findings::use_findings;
use crate::workspace::{
    kind_label, language, markdown, FileFindings, Finding, QuickFix, RuleChoice, Workspace,
};

/// `?embed` (a docs page's widget): minimal chrome, nothing read from or
/// written to the visitor's saved work; `&readonly` makes it a viewer.
#[derive(Clone, Copy, PartialEq)]
struct Embed {
    read_only: bool,
}

impl Embed {
    fn from_location() -> Option<Embed> {
        let search = web_sys::window()?.location().search().ok()?;
        let params: Vec<&str> = search.trim_start_matches('?').split('&').collect();
        params
            .iter()
            .any(|p| *p == "embed" || p.starts_with("embed="))
            .then(|| Embed {
                read_only: params
                    .iter()
                    .any(|p| *p == "readonly" || *p == "readonly=1" || *p == "readonly=true"),
            })
    }
}

/// The trainer's form for a new exercise.
#[derive(Clone, Default, PartialEq)]
struct CourseForm {
    title: String,
    task: String,
    error: Option<String>,
}

/// What the side panel shows.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Findings,
    Rules,
    Patterns,
    Review,
    Resolved,
    Settings,
    Exercises,
}

#[derive(Clone, PartialEq)]
enum RulesState {
    NotLoaded,
    Loading,
    Loaded(Rc<Vec<RuleDoc>>),
    Failed,
}

/// A message above the editor: what a share, a copy or a link did.
#[derive(Clone, PartialEq)]
struct Notice {
    text: String,
    /// Offer to bring back the files a shared link replaced.
    restore: bool,
    /// A link to show when the clipboard refused it.
    link: Option<String>,
}

impl Notice {
    fn say(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            restore: false,
            link: None,
        }
    }
}

/// The colour theme: the system's, or one chosen with the toggle.
#[derive(Clone, Copy, PartialEq)]
enum Theme {
    System,
    Dark,
    Light,
}

impl Theme {
    const KEY: &'static str = "dockwright.theme";

    fn saved() -> Theme {
        let value = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(Theme::KEY).ok().flatten());
        match value.as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => Theme::System,
        }
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Dark => "Theme: dark",
            Theme::Light => "Theme: light",
        }
    }

    /// Sets the theme on the page (theme.js does it before the first draw)
    /// and remembers it.
    fn apply(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let storage = window.local_storage().ok().flatten();
        let root = window.document().and_then(|d| d.document_element());
        match self {
            Theme::System => {
                if let Some(root) = &root {
                    let _ = root.remove_attribute("data-theme");
                }
                if let Some(storage) = &storage {
                    let _ = storage.remove_item(Theme::KEY);
                }
            }
            Theme::Dark | Theme::Light => {
                let name = if self == Theme::Dark { "dark" } else { "light" };
                if let Some(root) = &root {
                    let _ = root.set_attribute("data-theme", name);
                }
                if let Some(storage) = &storage {
                    let _ = storage.set_item(Theme::KEY, name);
                }
            }
        }
    }
}

type EditorCell = Rc<std::cell::RefCell<Option<Editor>>>;

/// Makes the share link of `json` and copies it; the notice says so, or
/// shows the link when the clipboard refused it.
fn copy_link(json: &str, notice: UseStateSetter<Option<Notice>>, copied_text: &'static str) {
    share::link(json, move |url| match url {
        None => notice.set(Some(Notice::say("This browser could not make a link."))),
        Some(url) => {
            let shown_link = url.clone();
            share::copy(&url, move |copied| {
                notice.set(Some(if copied {
                    Notice::say(copied_text)
                } else {
                    Notice {
                        text: "Copy this link:".into(),
                        restore: false,
                        link: Some(shown_link),
                    }
                }))
            });
        }
    });
}

/// Closes every file of the editor before the workspace is replaced (ids
/// start again from 1).
/// A file's text compared by identity (same allocation), not content: a
/// cheap way to notice that the text was replaced.
#[derive(Clone)]
struct TextIdentity(Rc<str>);

impl PartialEq for TextIdentity {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn forget_files(editor: &EditorCell, shown: &Rc<std::cell::RefCell<Option<u32>>>, ids: &[u32]) {
    if let Some(editor) = editor.borrow().as_ref() {
        for id in ids {
            editor.close(*id);
        }
    }
    *shown.borrow_mut() = None;
}

enum Action {
    Edit {
        id: u32,
        text: String,
        version: u32,
    },
    Activate(u32),
    Add(String),
    Rename(u32, String),
    Remove(u32),
    Reset,
    /// A whole workspace from a share link or a backup.
    Replace(Workspace),
    /// Files written by a pattern or a scorecard change: same-named files
    /// replaced, others added.
    Apply(Vec<(String, String)>),
    /// A rule's example, opened as a new file.
    Try {
        name: String,
        text: String,
    },
    Settings(String),
    /// The active compose profiles (the Resolved panel's picker).
    Profiles(Vec<String>),
    CourseAdd {
        title: String,
        task: String,
    },
    CourseRemove(usize),
    /// Opens an exercise: the open one's work is kept first.
    CourseOpen(usize),
    CourseEnd,
    Rule {
        code: &'static str,
        aliases: &'static [&'static str],
        choice: RuleChoice,
    },
}

#[derive(Clone, PartialEq)]
struct State(Workspace);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut workspace = self.0.clone();
        match action {
            Action::Edit { id, text, version } => workspace.set_text(id, text, version),
            Action::Activate(id) => {
                if workspace.file(id).is_some() {
                    workspace.active = id;
                }
            }
            Action::Add(name) => {
                let _ = workspace.add(&name);
            }
            Action::Rename(id, name) => {
                let _ = workspace.rename(id, &name);
            }
            Action::Remove(id) => workspace.remove(id),
            Action::Reset => workspace = Workspace::example(),
            Action::Replace(other) => workspace = other,
            Action::Apply(files) => workspace.apply_files(files),
            Action::Try { name, text } => {
                workspace.add_with_text(&name, &text);
            }
            Action::Settings(text) => workspace.set_settings(text),
            Action::Profiles(profiles) => workspace.set_profiles(profiles),
            Action::CourseAdd { title, task } => {
                let mut course = workspace.course.take().unwrap_or_default();
                let _ = course.add(&title, &task, &workspace);
                workspace.course = Some(course);
            }
            Action::CourseRemove(index) => {
                if let Some(course) = workspace.course.as_mut() {
                    course.remove(index);
                }
            }
            Action::CourseOpen(index) => {
                let solved = workspace.lint().iter().all(|f| f.findings.is_empty());
                if let Some(mut course) = workspace.course.take() {
                    course.keep(&workspace, solved);
                    if let Some(files) = course.files_for(index) {
                        workspace.replace_files(files);
                        course.current = Some(index);
                    }
                    workspace.course = Some(course);
                }
            }
            Action::CourseEnd => workspace.course = None,
            Action::Rule {
                code,
                aliases,
                choice,
            } => workspace.set_rule(code, aliases, choice),
        }
        Rc::new(State(workspace))
    }
}

/// Which findings the panel shows.
#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Errors,
    Warnings,
    Notes,
}

impl Filter {
    fn keeps(self, severity: Severity) -> bool {
        match self {
            Filter::All => true,
            Filter::Errors => severity == Severity::Error,
            Filter::Warnings => severity == Severity::Warning,
            Filter::Notes => matches!(severity, Severity::Info | Severity::Style),
        }
    }
}

/// The file-name form: adding a file (`target` None) or renaming one.
#[derive(Clone, PartialEq)]
struct Naming {
    target: Option<u32>,
    value: String,
    error: Option<String>,
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

fn findings_of(all: &[FileFindings], id: u32) -> &[Finding] {
    all.iter()
        .find(|f| f.id == id)
        .map_or(&[], |f| f.findings.as_slice())
}

/// Shows `id` in the editor with its diagnostics.
fn show(editor: &Editor, workspace: &Workspace, all: &[FileFindings], id: u32) {
    let Some(file) = workspace.file(id) else {
        return;
    };
    editor.open(id, &file.name, &file.text, language(&file.name));
    push_diagnostics(editor, id, file.version, findings_of(all, id));
}

/// How long typing must pause before the files are saved.
const AUTOSAVE_AFTER_MS: u32 = 600;

#[function_component(App)]
pub fn app() -> Html {
    let embed = use_memo((), |_| Embed::from_location());
    let embed = *embed;
    let state = use_reducer(move || {
        State(match embed {
            // A widget starts empty; its files come in the link's fragment.
            Some(_) => {
                Workspace::from_files(vec![("Dockerfile".into(), String::new())]).expect("one file")
            }
            None => storage::load().unwrap_or_else(Workspace::example),
        })
    });
    let workspace = &state.0;
    let findings = use_findings(workspace);
    let editor = use_mut_ref(|| None::<Editor>);
    // The file the editor shows, so that it is opened once per switch.
    let shown = use_mut_ref(|| None::<u32>);
    let editor_missing = use_state(|| false);
    let filter = use_state(|| Filter::All);
    let naming = use_state(|| None::<Naming>);
    let notice = use_state(|| None::<Notice>);
    let panel = use_state(|| Panel::Findings);
    // A rule page asked for from the editor's hover card.
    let rule_request = use_state(|| None::<String>);
    let theme = use_state(Theme::saved);
    // On a phone the editor and the side panel take turns.
    let phone_side = use_state(|| false);
    let rules = use_state(|| RulesState::NotLoaded);
    let selected_rule = use_state(|| None::<String>);
    let rule_query = use_state(String::new);
    let settings_query = use_state(String::new);
    let course_form = use_state(CourseForm::default);
    // The workspace as of the last render, for callbacks made once.
    let latest = use_mut_ref(|| workspace.clone());
    *latest.borrow_mut() = workspace.clone();
    let host = use_node_ref();
    let fallback = use_node_ref();

    {
        let host = host.clone();
        let editor = editor.clone();
        let dispatch = state.dispatcher();
        let editor_missing = editor_missing.setter();
        let rule_request = rule_request.setter();
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                let on_change = move |id: u32, text: String, version: u32| {
                    dispatch.dispatch(Action::Edit { id, text, version });
                };
                let on_rule: Option<Box<dyn FnMut(String)>> = match embed {
                    Some(_) => None,
                    None => Some(Box::new(move |code: String| rule_request.set(Some(code)))),
                };
                match Editor::create(
                    &parent,
                    embed.is_some_and(|e| e.read_only),
                    on_change,
                    on_rule,
                ) {
                    Some(created) => *editor.borrow_mut() = Some(created),
                    None => editor_missing.set(true),
                }
            }
        });
    }
    // Opens a share link's (or a course file's) JSON in place of the
    // files; the work it replaces is kept aside and can be restored.
    let opener = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        let editor = editor.clone();
        let shown = shown.clone();
        let latest = latest.clone();
        Callback::from(move |(json, opened): (String, &'static str)| {
            let Some(shared) = storage::from_json(&json) else {
                notice.set(Some(Notice::say(
                    "This holds no files Dockwright can open. Your files are unchanged.",
                )));
                return;
            };
            let before = latest.borrow().clone();
            let kept = embed.is_none()
                && before != Workspace::example()
                && (before.files != shared.files || before.course != shared.course);
            if kept {
                storage::save_backup(&before);
            }
            let ids: Vec<u32> = before.files.iter().map(|f| f.id).collect();
            forget_files(&editor, &shown, &ids);
            dispatch.dispatch(Action::Replace(shared));
            if embed.is_none() {
                notice.set(Some(Notice {
                    text: if kept {
                        format!("{opened} Your previous files are kept aside.")
                    } else {
                        opened.to_string()
                    },
                    restore: kept,
                    link: None,
                }));
            }
        })
    };
    {
        // A shared link replaces the files; the work it replaces is kept.
        let opener = opener.clone();
        let notice = notice.setter();
        use_effect_with((), move |_| {
            share::watch_hash(move |hash| {
                match hash {
                Hash::Broken => notice.set(Some(Notice::say(
                    "This share link could not be read (it may have been cut off). Your files are unchanged.",
                ))),
                Hash::Shared(json) => opener.emit((json, "Opened the shared files.")),
            }
            });
        });
    }
    {
        // Open the active file when it changes (or was forgotten because
        // its text was replaced), and draw the findings of the file shown
        // whenever they change. The text is compared by pointer: a new
        // text from outside the editor is a new allocation.
        let editor = editor.clone();
        let shown = shown.clone();
        let workspace = workspace.clone();
        let active_text = workspace
            .file(workspace.active)
            .map(|f| TextIdentity(f.text.clone()));
        use_effect_with(
            (workspace.active, findings.clone(), active_text),
            move |(active, findings, _)| {
                if let Some(editor) = editor.borrow().as_ref() {
                    if *shown.borrow() != Some(*active) {
                        *shown.borrow_mut() = Some(*active);
                        show(editor, &workspace, findings, *active);
                    } else if let Some(file) = workspace.file(*active) {
                        push_diagnostics(
                            editor,
                            *active,
                            file.version,
                            findings_of(findings, *active),
                        );
                    }
                }
            },
        );
    }
    // Autosave when typing pauses (writing every file to localStorage on
    // each keystroke would cost as much as linting), and when the page is
    // hidden or closed, so nothing typed is lost.
    let autosave = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = (embed.is_none()).then(|| {
                gloo_events::EventListener::new(&gloo_utils::window(), "pagehide", move |_| {
                    storage::save(&latest.borrow())
                })
            });
            move || drop(listener)
        });
    }
    {
        let workspace = workspace.clone();
        use_effect_with(workspace, move |workspace| {
            if embed.is_none() {
                let workspace = workspace.clone();
                *autosave.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                    AUTOSAVE_AFTER_MS,
                    move || storage::save(&workspace),
                ));
            } else {
                share::report_height();
            }
        });
    }

    let activate = {
        let dispatch = state.dispatcher();
        Callback::from(move |id: u32| dispatch.dispatch(Action::Activate(id)))
    };

    let jump_to = {
        let phone_side = phone_side.setter();
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown = shown.clone();
        let fallback = fallback.clone();
        let workspace = workspace.clone();
        let findings = findings.clone();
        Callback::from(move |(id, from, to): (u32, u32, u32)| {
            phone_side.set(false);
            dispatch.dispatch(Action::Activate(id));
            if let Some(editor) = editor.borrow().as_ref() {
                if *shown.borrow() != Some(id) {
                    *shown.borrow_mut() = Some(id);
                    show(editor, &workspace, &findings, id);
                }
                editor.handle.select(from, to);
            } else if let Some(area) = fallback.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
                let _ = area.set_selection_range(from, to);
            }
        })
    };

    // A finding's quick fix: its file is shown and the fix applied there as
    // one undoable edit; the page re-lints through the editor's change.
    let apply_fix = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown = shown.clone();
        let workspace = workspace.clone();
        let findings = findings.clone();
        Callback::from(move |(id, fix): (u32, QuickFix)| {
            dispatch.dispatch(Action::Activate(id));
            if let Some(editor) = editor.borrow().as_ref() {
                if *shown.borrow() != Some(id) {
                    *shown.borrow_mut() = Some(id);
                    show(editor, &workspace, &findings, id);
                }
                editor.apply_changes(id, &fix.changes);
            }
        })
    };

    // Patterns and scorecard changes: the current files are kept aside
    // first, so the notice can bring them back.
    let apply_files = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        let editor = editor.clone();
        let shown = shown.clone();
        let latest = latest.clone();
        Callback::from(move |(title, files): (String, Vec<(String, String)>)| {
            let before = latest.borrow().clone();
            storage::save_backup(&before);
            let touched: Vec<u32> = before
                .files
                .iter()
                .filter(|f| files.iter().any(|(name, _)| *name == f.name))
                .map(|f| f.id)
                .collect();
            forget_files(&editor, &shown, &touched);
            let count = files.len();
            dispatch.dispatch(Action::Apply(files));
            notice.set(Some(Notice {
                text: format!(
                    "{title}: {count} file{} written. Your previous files are kept aside.",
                    if count == 1 { "" } else { "s" }
                ),
                restore: true,
                link: None,
            }));
        })
    };
    let open_pattern = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        let editor = editor.clone();
        let shown = shown.clone();
        let latest = latest.clone();
        Callback::from(move |files: Vec<(String, String)>| {
            let before = latest.borrow().clone();
            storage::save_backup(&before);
            let ids: Vec<u32> = before.files.iter().map(|f| f.id).collect();
            forget_files(&editor, &shown, &ids);
            let mut next = before;
            next.replace_files(files);
            dispatch.dispatch(Action::Replace(next));
            notice.set(Some(Notice {
                text: "Opened the pattern as a new project. Your previous files are kept aside."
                    .into(),
                restore: true,
                link: None,
            }));
        })
    };
    let apply_pattern = apply_files.reform(|files| ("Applied the pattern".to_string(), files));

    let on_fallback_input = {
        let dispatch = state.dispatcher();
        let active = workspace.active_file().clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.dispatch(Action::Edit {
                id: active.id,
                text: area.value(),
                version: active.version + 1,
            });
        })
    };

    let on_reset = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown = shown.clone();
        let ids: Vec<u32> = workspace.files.iter().map(|f| f.id).collect();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "Replace every file with the example project? Your changes will be lost.",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            forget_files(&editor, &shown, &ids);
            dispatch.dispatch(Action::Reset);
        })
    };

    // The share JSON is made on click, not on every render (keystroke).
    let on_share = {
        let workspace = workspace.clone();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            copy_link(
                &storage::to_json(&workspace),
                notice.clone(),
                "Link copied. Anyone who opens it sees these files; nothing is stored on a server.",
            )
        })
    };

    let on_copy_markdown = {
        let workspace = workspace.clone();
        let findings = findings.clone();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            let json = storage::to_json(&workspace);
            let notice = notice.clone();
            let workspace = workspace.clone();
            let findings = findings.clone();
            share::link(&json, move |url| {
                let text = markdown(&workspace, &findings, url.as_deref());
                share::copy(&text, move |copied| {
                    notice.set(Some(Notice::say(if copied {
                        "Copied as Markdown: files, findings and a link, ready for a bug report."
                    } else {
                        "This browser refused the clipboard."
                    })))
                });
            });
        })
    };

    let on_restore = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        let editor = editor.clone();
        let shown = shown.clone();
        let ids: Vec<u32> = workspace.files.iter().map(|f| f.id).collect();
        Callback::from(move |_: MouseEvent| {
            if let Some(backup) = storage::load_backup() {
                forget_files(&editor, &shown, &ids);
                dispatch.dispatch(Action::Replace(backup));
                notice.set(Some(Notice::say("Your previous files are back.")));
            }
        })
    };
    let open_rules = {
        let panel = panel.setter();
        let rules = rules.clone();
        let selected_rule = selected_rule.setter();
        Callback::from(move |code: Option<String>| {
            panel.set(Panel::Rules);
            selected_rule.set(code);
            if matches!(*rules, RulesState::NotLoaded | RulesState::Failed) {
                rules.set(RulesState::Loading);
                let rules = rules.setter();
                rule_docs::load(move |loaded| {
                    rules.set(match loaded {
                        Some(list) => RulesState::Loaded(Rc::new(list)),
                        None => RulesState::Failed,
                    })
                });
            }
        })
    };
    {
        let open_rules = open_rules.clone();
        let rule_request = rule_request.clone();
        use_effect_with((*rule_request).clone(), move |request| {
            if let Some(code) = request {
                open_rules.emit(Some(code.clone()));
                rule_request.set(None);
            }
        });
    }
    let try_rule = {
        let dispatch = state.dispatcher();
        let panel = panel.setter();
        Callback::from(move |rule: RuleDoc| {
            if let Some((info, text)) = rule.example() {
                let name = if info == "yaml" {
                    "compose.try.yaml"
                } else {
                    "Dockerfile.try"
                };
                dispatch.dispatch(Action::Try {
                    name: name.into(),
                    text,
                });
                panel.set(Panel::Findings);
            }
        })
    };
    let dismiss = {
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };

    let counts = |severity: fn(Severity) -> bool| -> usize {
        findings
            .iter()
            .map(|f| f.findings.iter().filter(|x| severity(x.severity)).count())
            .sum()
    };
    let errors = counts(|s| s == Severity::Error);
    let warnings = counts(|s| s == Severity::Warning);
    let notes = counts(|s| matches!(s, Severity::Info | Severity::Style));
    let active = workspace.active_file();

    if let Some(embed) = embed {
        let single = workspace.files.len() == 1;
        return html! {
            <div class={classes!("app", "embed", embed.read_only.then_some("read-only"))}>
                <section class="editor-pane" aria-label="Editor">
                    if !single { { tabs(&state, &findings, &naming, &editor, &activate) } }
                    if *editor_missing {
                        <textarea ref={fallback} class="fallback-editor" aria-label={format!("{} editor", active.name)}
                            spellcheck="false" readonly={embed.read_only} value={active.text.to_string()} oninput={on_fallback_input} />
                    }
                    <div ref={host} class="editor-host" hidden={*editor_missing}></div>
                </section>
                <div class="embed-foot">
                    <div class="status" aria-live="polite" data-testid="status">
                        if errors + warnings + notes == 0 {
                            <span class="badge clean">{ "No problems" }</span>
                        } else {
                            <span class="badge error">{ plural(errors, "error") }</span>
                            <span class="badge warning">{ plural(warnings + notes, "warning") }</span>
                        }
                    </div>
                    <span class="spacer"></span>
                    <span class="embed-brand">{ "Checked by Dockwright, in your browser" }</span>
                </div>
                { findings_panel(workspace, &findings, &filter, (errors, warnings, notes), &jump_to, None, None) }
            </div>
        };
    }

    html! {
        <div class="app">
            <header class="topbar">
                <img src="icons/icon.svg" alt="" />
                <h1>{ "Dockwright" }</h1>
                <span class="tagline">{ "Dockerfiles and compose files checked as Docker reads them — in your browser, nothing sent anywhere" }</span>
                <span class="spacer"></span>
                <div class="status" aria-live="polite" data-testid="status">
                    if errors + warnings + notes == 0 {
                        <span class="badge clean">{ "No problems" }</span>
                    } else {
                        <span class="badge error">{ plural(errors, "error") }</span>
                        <span class="badge warning">{ plural(warnings + notes, "warning") }</span>
                    }
                </div>
                <button class="topbar-button" title="Switch between the system's theme, dark and light"
                    onclick={{ let theme = theme.clone(); Callback::from(move |_: MouseEvent| { let next = theme.next(); next.apply(); theme.set(next); }) }}>
                    { theme.label() }
                </button>
                <button class="topbar-button" onclick={on_share} title="Copy a link that opens these files">{ "Share" }</button>
                <button class="topbar-button" onclick={on_copy_markdown} title="Copy the files, findings and link as Markdown">{ "Copy as Markdown" }</button>
                <button class="topbar-button" onclick={on_reset} title="Replace the files with the example project">{ "Reset" }</button>
            </header>
            <nav class="phone-switch" aria-label="Show">
                <button aria-pressed={(!*phone_side).to_string()}
                    onclick={{ let phone_side = phone_side.setter(); Callback::from(move |_: MouseEvent| phone_side.set(false)) }}>{ "Editor" }</button>
                <button aria-pressed={(*phone_side).to_string()}
                    onclick={{ let phone_side = phone_side.setter(); Callback::from(move |_: MouseEvent| phone_side.set(true)) }}>
                    { format!("Findings ({})", errors + warnings + notes) }
                </button>
            </nav>
            <main class={classes!("workspace", if *phone_side { "phone-side" } else { "phone-editor" }, matches!(*panel, Panel::Patterns | Panel::Review | Panel::Resolved).then_some("wide-side"))}>
                <section class="editor-pane" aria-label="Editor">
                    { tabs(&state, &findings, &naming, &editor, &activate) }
                    { naming_form(&state, &naming, &editor) }
                    { exercise_banner(&state, errors + warnings + notes, &editor, &shown) }
                    if let Some(current) = &*notice {
                        <div class="notice" role="status" data-testid="notice">
                            <span>{ &current.text }</span>
                            if let Some(link) = &current.link {
                                <input class="notice-link" type="text" readonly=true value={link.clone()} aria-label="Share link" />
                            }
                            if current.restore {
                                <button onclick={on_restore}>{ "Restore my previous files" }</button>
                            }
                            <button aria-label="Dismiss" onclick={dismiss}>{ "×" }</button>
                        </div>
                    }
                    if *editor_missing {
                        <div class="fallback-note">{ "The code editor could not load; editing in a plain text area." }</div>
                        <textarea
                            ref={fallback}
                            class="fallback-editor"
                            aria-label={format!("{} editor", active.name)}
                            spellcheck="false"
                            value={active.text.to_string()}
                            oninput={on_fallback_input}
                        />
                    }
                    <div ref={host} class="editor-host" hidden={*editor_missing}></div>
                </section>
                <aside class="side" aria-label="Findings and rules">
                    <div class="side-switch" role="tablist" aria-label="Panel">
                        <button role="tab" aria-selected={(*panel == Panel::Findings).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Findings)) }}>{ "Findings" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Rules).to_string()}
                            onclick={open_rules.reform(|_: MouseEvent| None)}>{ "Rules" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Patterns).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Patterns)) }}>{ "Patterns" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Review).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Review)) }}>{ "Review" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Resolved).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Resolved)) }}>{ "Resolved" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Settings).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Settings)) }}>{ "Settings" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Exercises).to_string()}
                            onclick={{ let panel = panel.setter(); Callback::from(move |_: MouseEvent| panel.set(Panel::Exercises)) }}>{ "Exercises" }</button>
                    </div>
                    if *panel == Panel::Findings {
                        { findings_panel(workspace, &findings, &filter, (errors, warnings, notes), &jump_to, Some(&open_rules), (!*editor_missing).then_some(&apply_fix)) }
                    } else if *panel == Panel::Rules {
                        { rules_panel(&rules, &selected_rule, &rule_query, &try_rule) }
                    } else if *panel == Panel::Patterns {
                        <PatternsPanel files={Rc::new(workspace.files.iter().map(|f| (f.name.clone(), f.text.to_string())).collect::<Vec<_>>())}
                            on_open={open_pattern.clone()} on_apply={apply_pattern.clone()} />
                    } else if *panel == Panel::Review {
                        <ReviewPanel files={Rc::new(workspace.files.iter().map(|f| (f.id, f.name.clone(), f.text.to_string())).collect::<Vec<_>>())}
                            on_jump={jump_to.clone()} on_apply={apply_files.clone()} />
                    } else if *panel == Panel::Resolved {
                        <ResolvedPanel files={Rc::new(workspace.files.iter().map(|f| (f.id, f.name.clone(), f.text.to_string())).collect::<Vec<_>>())}
                            profiles={Rc::new(workspace.settings.profiles.clone())}
                            on_profiles={{ let dispatch = state.dispatcher(); Callback::from(move |p: Vec<String>| dispatch.dispatch(Action::Profiles(p))) }}
                            on_jump={jump_to.clone()} />
                    } else if *panel == Panel::Settings {
                        { settings_panel(&state, &settings_query, &notice, &open_rules) }
                    } else {
                        { exercises_panel(&state, &course_form, &notice, &opener, &editor, &shown) }
                    }
                </aside>
            </main>
        </div>
    }
}

fn tabs(
    state: &UseReducerHandle<State>,
    findings: &[FileFindings],
    naming: &UseStateHandle<Option<Naming>>,
    editor: &Rc<std::cell::RefCell<Option<Editor>>>,
    activate: &Callback<u32>,
) -> Html {
    let workspace = &state.0;
    let single = workspace.files.len() == 1;
    let add = {
        let naming = naming.clone();
        Callback::from(move |_: MouseEvent| {
            naming.set(Some(Naming {
                target: None,
                value: String::new(),
                error: None,
            }))
        })
    };
    // The tab list holds only tabs (ARIA); the active file's actions and
    // the add button follow it, drawn beside the active tab by `order`.
    let active_index = workspace
        .files
        .iter()
        .position(|f| f.id == workspace.active)
        .unwrap_or(0);
    let actions = workspace.files.iter().find(|f| f.id == workspace.active).map(|file| {
        let id = file.id;
        let rename = {
            let naming = naming.clone();
            let name = file.name.clone();
            Callback::from(move |_: MouseEvent| naming.set(Some(Naming { target: Some(id), value: name.clone(), error: None })))
        };
        let remove = {
            let dispatch = state.dispatcher();
            let editor = editor.clone();
            let name = file.name.clone();
            Callback::from(move |_: MouseEvent| {
                let question = format!("Delete {name}? Its text will be lost.");
                let confirmed = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&question).ok())
                    .unwrap_or(false);
                if confirmed {
                    if let Some(editor) = editor.borrow().as_ref() {
                        editor.close(id);
                    }
                    dispatch.dispatch(Action::Remove(id));
                }
            })
        };
        html! {
            <div class="tab active tab-actions" style={format!("order: {}", 2 * active_index + 1)}>
                <button class="tab-action" aria-label={format!("Rename {}", file.name)} title="Rename" onclick={rename}>{ "✎" }</button>
                <button class="tab-action" aria-label={format!("Delete {}", file.name)} title="Delete" disabled={single} onclick={remove}>{ "×" }</button>
            </div>
        }
    });
    html! {
        <div class="tabs" data-testid="tabs">
          <div class="tab-list" role="tablist" aria-label="Files">
            { for workspace.files.iter().enumerate().map(|(index, file)| {
                let id = file.id;
                let selected = id == workspace.active;
                let count = findings_of(findings, id).len();
                let onclick = activate.reform(move |_: MouseEvent| id);
                let rename = {
                    let naming = naming.clone();
                    let name = file.name.clone();
                    Callback::from(move |_: MouseEvent| naming.set(Some(Naming { target: Some(id), value: name.clone(), error: None })))
                };
                html! {
                    <div role="none" class={classes!("tab", selected.then_some("active"), selected.then_some("has-actions"))} style={format!("order: {}", 2 * index)}>
                        <button role="tab" class="tab-name" aria-selected={selected.to_string()} title={kind_label(&file.name)} {onclick} ondblclick={rename}>
                            { &file.name }
                            if count > 0 { <span class="tab-count" aria-label={plural(count, "finding")}>{ count }</span> }
                        </button>
                    </div>
                }
            }) }
          </div>
          { for actions }
          <button class="tab-add" aria-label="Add a file" title="Add a file" onclick={add} style={format!("order: {}", 2 * workspace.files.len() + 2)}>{ "+" }</button>
        </div>
    }
}

fn naming_form(
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

fn findings_panel(
    workspace: &Workspace,
    findings: &[FileFindings],
    filter: &UseStateHandle<Filter>,
    (errors, warnings, notes): (usize, usize, usize),
    jump_to: &Callback<(u32, u32, u32)>,
    open_rule: Option<&Callback<Option<String>>>,
    apply_fix: Option<&Callback<(u32, QuickFix)>>,
) -> Html {
    let choice = |value: Filter, label: String| {
        let pressed = **filter == value;
        let filter = filter.clone();
        html! {
            <button class="filter" aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| filter.set(value))}>{ label }</button>
        }
    };
    let total = errors + warnings + notes;
    let groups: Vec<Html> = workspace
        .files
        .iter()
        .filter_map(|file| {
            let shown: Vec<&Finding> = findings_of(findings, file.id)
                .iter()
                .filter(|f| filter.keeps(f.severity))
                .collect();
            if shown.is_empty() {
                return None;
            }
            let id = file.id;
            Some(html! {
                <section class="file-findings" aria-label={format!("Findings in {}", file.name)}>
                    <h3>{ &file.name }<span class="file-count">{ plural(shown.len(), "finding") }</span></h3>
                    <ul data-testid="findings">
                        { for shown.iter().map(|f| finding_item(id, f, jump_to, open_rule, apply_fix)) }
                    </ul>
                </section>
            })
        })
        .collect();
    html! {
        <div class="findings" aria-label="Findings">
            <div class="findings-head">
                <h2>{ "Findings" }</h2>
                <div class="filters" role="group" aria-label="Show findings">
                    { choice(Filter::All, format!("All {total}")) }
                    { choice(Filter::Errors, format!("Errors {errors}")) }
                    { choice(Filter::Warnings, format!("Warnings {warnings}")) }
                    { choice(Filter::Notes, format!("Notes {notes}")) }
                </div>
            </div>
            if total == 0 {
                <p class="empty">{ "No problems found. Try typing " }<code>{ "COPY app.py" }</code>{ " on a new line of the Dockerfile." }</p>
            } else if groups.is_empty() {
                <p class="empty">{ "Nothing of this kind." }</p>
            } else {
                <div class="groups" onkeydown={Callback::from(move_between_findings)}>{ for groups }</div>
            }
        </div>
    }
}

/// Arrow keys (and Home/End) move between findings, as in a list.
fn move_between_findings(event: KeyboardEvent) {
    let step: isize = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    let Some(container) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(buttons) = container.query_selector_all("button.finding") else {
        return;
    };
    let count = buttons.length() as isize;
    if count == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = (0..count).find(|&i| {
        let item = buttons.item(i as u32);
        item.is_some() && active.as_ref().map(|a| a.is_same_node(item.as_ref())) == Some(true)
    });
    let next = match (step, current) {
        (isize::MIN, _) => 0,
        (isize::MAX, _) => count - 1,
        (_, None) => 0,
        (step, Some(i)) => (i + step).clamp(0, count - 1),
    };
    if let Some(button) = buttons
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        event.prevent_default();
        let _ = button.focus();
    }
}

fn finding_item(
    id: u32,
    finding: &Finding,
    jump_to: &Callback<(u32, u32, u32)>,
    open_rule: Option<&Callback<Option<String>>>,
    apply_fix: Option<&Callback<(u32, QuickFix)>>,
) -> Html {
    let range = (id, finding.from16, finding.to16);
    let onclick = jump_to.reform(move |_: MouseEvent| range);
    let code = finding.code.clone();
    // Syntax and schema errors are the engine's, not rules with pages.
    let has_page = !matches!(
        &*code,
        "syntax-error" | "build-error" | "invalid-schema" | "config-error"
    );
    html! {
        <li class="finding-row">
            <button class={classes!("finding", finding.severity.as_str())} {onclick}>
                <span class="where">
                    <span>{ format!("Line {}, column {}", finding.line, finding.column) }</span>
                    <span class="code">{ &*code }</span>
                    <span>{ finding.severity.as_str() }</span>
                </span>
                <span class="message">{ &finding.message }</span>
            </button>
            if let (Some(apply_fix), Some(fix)) = (apply_fix, &finding.fix) {
                <button class="fix-finding" title={fix.title.clone()} aria-label={format!("Fix: {}", fix.title)}
                    onclick={{ let fix = fix.clone(); apply_fix.reform(move |_: MouseEvent| (id, fix.clone())) }}>{ "Fix" }</button>
            }
            if let Some(open_rule) = open_rule.filter(|_| has_page) {
                <button class="about-rule" aria-label={format!("About {code}")} title={format!("About {code}")}
                    onclick={open_rule.reform(move |_: MouseEvent| Some(code.to_string()))}>{ "?" }</button>
            }
        </li>
    }
}

/// The open exercise: its task, whether it is solved, previous and next.
fn exercise_banner(
    state: &UseReducerHandle<State>,
    findings: usize,
    editor: &EditorCell,
    shown: &Rc<std::cell::RefCell<Option<u32>>>,
) -> Html {
    let workspace = &state.0;
    let Some(course) = &workspace.course else {
        return html! {};
    };
    let Some(index) = course.current else {
        return html! {};
    };
    let Some(exercise) = course.exercises.get(index) else {
        return html! {};
    };
    let count = course.exercises.len();
    let go = |to: usize| {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown = shown.clone();
        let ids: Vec<u32> = workspace.files.iter().map(|f| f.id).collect();
        Callback::from(move |_: MouseEvent| {
            forget_files(&editor, &shown, &ids);
            dispatch.dispatch(Action::CourseOpen(to));
        })
    };
    html! {
        <section class="exercise-banner" aria-label="Exercise">
            <div class="exercise-head">
                <strong>{ format!("Exercise {} of {}: {}", index + 1, count, exercise.title) }</strong>
                <span class={classes!("exercise-status", (findings == 0).then_some("solved"))} aria-live="polite" data-testid="exercise-status">
                    if findings == 0 { { "✓ Solved: no findings left" } } else { { plural(findings, "finding") + " left" } }
                </span>
            </div>
            if !exercise.task.is_empty() { <p>{ &exercise.task }</p> }
            <div class="exercise-nav">
                <button disabled={index == 0} onclick={go(index.saturating_sub(1))}>{ "← Previous" }</button>
                <button disabled={index + 1 >= count} onclick={go(index + 1)}>{ "Next →" }</button>
            </div>
        </section>
    }
}

fn exercises_panel(
    state: &UseReducerHandle<State>,
    form: &UseStateHandle<CourseForm>,
    notice: &UseStateHandle<Option<Notice>>,
    opener: &Callback<(String, &'static str)>,
    editor: &EditorCell,
    shown: &Rc<std::cell::RefCell<Option<u32>>>,
) -> Html {
    let workspace = &state.0;
    let course = workspace.course.clone().unwrap_or_default();
    let field = |update: fn(&mut CourseForm, String)| {
        let form = form.clone();
        Callback::from(move |event: InputEvent| {
            let value = match event.target_dyn_into::<HtmlInputElement>() {
                Some(input) => input.value(),
                None => event.target_unchecked_into::<HtmlTextAreaElement>().value(),
            };
            let mut next = (*form).clone();
            update(&mut next, value);
            next.error = None;
            form.set(next);
        })
    };
    let add = {
        let form = form.clone();
        let dispatch = state.dispatcher();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if form.title.trim().is_empty() {
                form.set(CourseForm {
                    error: Some("An exercise needs a title.".into()),
                    ..(*form).clone()
                });
                return;
            }
            dispatch.dispatch(Action::CourseAdd {
                title: form.title.clone(),
                task: form.task.clone(),
            });
            form.set(CourseForm::default());
        })
    };
    let handout = storage::course_json(&course, &workspace.settings_text);
    let copy_course_link = {
        let notice = notice.setter();
        let handout = handout.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(json) = &handout {
                copy_link(
                    json,
                    notice.clone(),
                    "Course link copied: learners open it and work offline; their progress stays in their browser.",
                );
            }
        })
    };
    let download = {
        let handout = handout.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(json) = &handout {
                share::download("course.dockwright.json", json);
            }
        })
    };
    let open_file = {
        let opener = opener.clone();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            let opener = opener.clone();
            let notice = notice.clone();
            share::pick(".json,application/json", move |text| match text {
                Some(json) => opener.emit((json, "Opened the course.")),
                None => notice.set(Some(Notice::say("That file could not be read."))),
            });
        })
    };
    let end = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message("End the course? The exercises are removed from this page; the files shown stay.").ok())
                .unwrap_or(false);
            if confirmed {
                dispatch.dispatch(Action::CourseEnd);
            }
        })
    };
    html! {
        <div class="exercises">
            if course.exercises.is_empty() {
                <p class="settings-intro">{ "Prepare exercises for a class: write files with problems to fix, describe the task, add them here, then hand out one link or one file. Learners work offline and see each exercise marked solved when its findings are gone." }</p>
            } else {
                <p class="exercise-progress">{ format!("{} of {} solved", course.solved_count(), course.exercises.len()) }</p>
                <ol class="exercise-list">
                    { for course.exercises.iter().enumerate().map(|(i, exercise)| {
                        let open = {
                            let dispatch = state.dispatcher();
                            let editor = editor.clone();
                            let shown = shown.clone();
                            let ids: Vec<u32> = workspace.files.iter().map(|f| f.id).collect();
                            Callback::from(move |_: MouseEvent| {
                                forget_files(&editor, &shown, &ids);
                                dispatch.dispatch(Action::CourseOpen(i));
                            })
                        };
                        let remove = {
                            let dispatch = state.dispatcher();
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::CourseRemove(i)))
                        };
                        let current = course.current == Some(i);
                        html! {
                            <li class={classes!(current.then_some("current"))}>
                                <button class="exercise-open" aria-current={current.then_some("step")} onclick={open}>
                                    { &exercise.title }
                                    if exercise.solved && !current { <span class="solved-mark" aria-label="solved">{ " ✓" }</span> }
                                </button>
                                <button class="tab-action" aria-label={format!("Remove exercise {}", exercise.title)} onclick={remove}>{ "×" }</button>
                            </li>
                        }
                    }) }
                </ol>
                <div class="settings-actions">
                    <button onclick={copy_course_link}>{ "Copy course link" }</button>
                    <button onclick={download}>{ "Download course file" }</button>
                    <button onclick={end}>{ "End the course" }</button>
                </div>
            }
            <form class="exercise-form" onsubmit={add} aria-label="New exercise">
                <label><span>{ "Exercise title" }</span>
                    <input type="text" value={form.title.clone()} oninput={field(|f, v| f.title = v)} /></label>
                <label><span>{ "Task for the learner" }</span>
                    <textarea rows="3" value={form.task.clone()} oninput={field(|f, v| f.task = v)} /></label>
                if let Some(error) = &form.error { <p class="name-error" role="alert">{ error }</p> }
                <button type="submit">{ "Add the current files as an exercise" }</button>
            </form>
            <div class="settings-actions">
                <button onclick={open_file}>{ "Open a course file…" }</button>
            </div>
        </div>
    }
}

fn settings_panel(
    state: &UseReducerHandle<State>,
    query: &UseStateHandle<String>,
    notice: &UseStateHandle<Option<Notice>>,
    open_rule: &Callback<Option<String>>,
) -> Html {
    use dockwright_core::rules::registry;
    let workspace = &state.0;
    let on_text = {
        let dispatch = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.dispatch(Action::Settings(area.value()));
        })
    };
    let import = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            let notice = notice.clone();
            share::pick(".yaml,.yml,text/yaml", move |text| match text {
                Some(text) => {
                    let problems = dockwright_core::Settings::from_yaml(&text)
                        .err()
                        .map_or(0, |e| e.len());
                    dispatch.dispatch(Action::Settings(text));
                    notice.set(Some(Notice::say(if problems == 0 {
                        "Settings imported.".to_string()
                    } else {
                        format!("Settings imported with {problems} problem(s): see Settings.")
                    })));
                }
                None => notice.set(Some(Notice::say("That file could not be read."))),
            });
        })
    };
    let export = |name: &'static str| {
        let text = workspace.settings.to_yaml();
        Callback::from(move |_: MouseEvent| share::download(name, &text))
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let needle = query.trim().to_lowercase();
    let rules: Vec<_> = registry::all()
        .filter(|m| {
            needle.is_empty()
                || m.code.to_lowercase().contains(&needle)
                || m.summary.to_lowercase().contains(&needle)
                || m.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
        })
        .collect();
    html! {
        <div class="settings">
            <p class="settings-intro">{ "The same settings as the CLI's dockwright.yaml or .hadolint.yaml: the page and " }<code>{ "dockwright lint --config" }</code>{ " give the same findings." }</p>
            <div class="settings-actions">
                <button onclick={import}>{ "Import a file…" }</button>
                <button onclick={export("dockwright.yaml")}>{ "Download dockwright.yaml" }</button>
                <button onclick={export("hadolint.yaml")}>{ "Download hadolint.yaml" }</button>
            </div>
            <label class="settings-text">
                <span>{ "Settings (YAML)" }</span>
                <textarea spellcheck="false" rows="6" value={workspace.settings_text.clone()} oninput={on_text}
                    placeholder="ignored: [DL3008]\noverride:\n  error: [DL3015]" />
            </label>
            if !workspace.settings_errors.is_empty() {
                <div class="settings-errors" role="alert">
                    <p>{ "These settings have problems; the last valid ones stay in use:" }</p>
                    <ul>
                        { for workspace.settings_errors.iter().map(|e| html! { <li>{ format!("Line {}, column {}: {}", e.line, e.column, e.message) }</li> }) }
                    </ul>
                </div>
            }
            <label class="rule-search">
                <span>{ "Find a rule to switch off or re-rate" }</span>
                <input type="search" value={(**query).clone()} {oninput} placeholder="DL3008, secret, healthcheck…" />
            </label>
            <ul class="rule-settings">
                { for rules.iter().map(|meta| {
                    let code = meta.code;
                    let aliases = meta.aliases;
                    let choice = workspace.rule_choice(code, aliases);
                    let value = match choice {
                        RuleChoice::Default => "default".to_string(),
                        RuleChoice::Off => "off".to_string(),
                        RuleChoice::Severity(s) => s.as_str().to_string(),
                    };
                    let onchange = {
                        let dispatch = state.dispatcher();
                        Callback::from(move |event: Event| {
                            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
                            let choice = match select.value().as_str() {
                                "off" => RuleChoice::Off,
                                "error" => RuleChoice::Severity(Severity::Error),
                                "warning" => RuleChoice::Severity(Severity::Warning),
                                "info" => RuleChoice::Severity(Severity::Info),
                                "style" => RuleChoice::Severity(Severity::Style),
                                _ => RuleChoice::Default,
                            };
                            dispatch.dispatch(Action::Rule { code, aliases, choice });
                        })
                    };
                    let default_label = if meta.off_by_default {
                        "off (default)".to_string()
                    } else {
                        format!("{} (default)", meta.severity.as_str())
                    };
                    let option = |v: &'static str, label: String| html! { <option value={v} selected={value == v}>{ label }</option> };
                    html! {
                        <li>
                            <button class="rule-link" onclick={open_rule.reform(move |_: MouseEvent| Some(code.to_string()))}>
                                <span class="code">{ code }</span>
                                <span class="rule-summary">{ meta.summary }</span>
                            </button>
                            <select aria-label={format!("{code} setting")} {onchange}>
                                { option("default", default_label) }
                                { option("off", "off".into()) }
                                { option("error", "error".into()) }
                                { option("warning", "warning".into()) }
                                { option("info", "info".into()) }
                                { option("style", "style".into()) }
                            </select>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

fn rules_panel(
    rules: &UseStateHandle<RulesState>,
    selected: &UseStateHandle<Option<String>>,
    query: &UseStateHandle<String>,
    try_rule: &Callback<RuleDoc>,
) -> Html {
    let list = match &**rules {
        RulesState::Loaded(list) => list.clone(),
        RulesState::Failed => {
            return html! { <p class="empty">{ "The rule pages could not be loaded. They come with the page on a visit online, then work offline." }</p> }
        }
        _ => return html! { <p class="empty">{ "Loading the rule pages…" }</p> },
    };
    if let Some(code) = &**selected {
        if let Some(rule) = list.iter().find(|r| r.is_named(code)) {
            let back = {
                let selected = selected.clone();
                Callback::from(move |_: MouseEvent| selected.set(None))
            };
            let example = rule.example();
            let rule_for_try = rule.clone();
            return html! {
                <article class="rule-page" aria-label={format!("Rule {}", rule.code)}>
                    <button class="back" onclick={back}>{ "← All rules" }</button>
                    <h3>{ &rule.code }</h3>
                    <p class="rule-summary">{ &rule.summary }</p>
                    <p class="rule-meta">
                        { format!("Default severity: {} · from {}", rule.severity, rule.origin) }
                        if rule.off_by_default { { " · off by default" } }
                    </p>
                    if !rule.aliases.is_empty() {
                        <p class="rule-meta">{ format!("Also known as: {}", rule.aliases.join(", ")) }</p>
                    }
                    if example.is_some() {
                        <button class="try" onclick={try_rule.reform(move |_: MouseEvent| rule_for_try.clone())}>{ "Try it: open the example as a new file" }</button>
                    }
                    { rule_docs::render(&rule.docs) }
                </article>
            };
        }
    }
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let shown: Vec<&RuleDoc> = list.iter().filter(|r| r.matches(query)).collect();
    html! {
        <div class="rules">
            <label class="rule-search">
                <span>{ "Search rules" }</span>
                <input type="search" value={(**query).clone()} {oninput} placeholder="DL3008, apt, healthcheck…" />
            </label>
            <p class="rule-count">{ format!("{} of {} rules", shown.len(), list.len()) }</p>
            <ul class="rule-list">
                { for shown.iter().map(|rule| {
                    let selected = selected.clone();
                    let code = rule.code.clone();
                    html! {
                        <li>
                            <button onclick={Callback::from(move |_: MouseEvent| selected.set(Some(code.clone())))}>
                                <span class="code">{ &rule.code }</span>
                                <span class="rule-summary">{ &rule.summary }</span>
                                if !rule.aliases.is_empty() { <span class="rule-aliases">{ rule.aliases.join(", ") }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
