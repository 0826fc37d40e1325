//! The page: header with counts, file tabs, the editor, the findings panel.
//! The workspace (files and which one is shown) lives in a reducer; the
//! editor is a view the page drives; findings are recomputed when a text or
//! a name changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::actions::{forget_files, Action, State};
use crate::editor_host::{settle, use_editor_host, EditorHost, HostOptions};
use crate::exercises::{exercise_banner, exercises_panel, use_exercise_status, CourseForm};
use crate::findings_panel::{Counts, FindingsPanel, StatusBadges};
use crate::format_button::{format_state, use_format, FormatButton};
use crate::notice::{copy_link, Notice};
use crate::outline::{has_outline, Outline};
use crate::patterns_panel::PatternsPanel;
use crate::resolved_panel::ResolvedPanel;
use crate::review_panel::ReviewPanel;
use crate::rule_docs::{self, RuleDoc};
use crate::rules_panel::{rules_panel, RulesState};
use crate::settings_panel::settings_panel;
use crate::share::{self, Hash};
use crate::shared::Shared;
use crate::storage;
use crate::tabs::{naming_form, Naming, Tabs};
use crate::theme::Theme;
use crate::use_findings::use_findings;
use crate::workspace::{markdown, Workspace};

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
    let (findings, changes) = use_findings(workspace);
    // Until the first findings arrive the page says it is checking.
    let checking = findings.is_none();
    let none_yet = use_memo((), |_| Vec::new());
    let findings = findings.unwrap_or(none_yet);
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
    let exercise_now = use_exercise_status(&state, (!checking).then_some(&findings[..]));
    // The workspace as of the last render, for callbacks made once (so
    // that the components they are handed to see the same callback on
    // every render and are not drawn again for it).
    let latest = use_mut_ref(|| workspace.clone());
    *latest.borrow_mut() = workspace.clone();
    let EditorHost {
        editor,
        shown,
        host,
        fallback,
        missing: editor_missing,
        jump_to,
        apply_fix,
        on_fallback_input,
    } = {
        let rule_request = rule_request.setter();
        let phone_side = phone_side.setter();
        use_editor_host(
            &state,
            &findings,
            &changes,
            HostOptions {
                read_only: embed.is_some_and(|e| e.read_only),
                on_rule: embed
                    .is_none()
                    .then(|| Callback::from(move |code| rule_request.set(Some(code)))),
                on_reveal: Callback::from(move |()| phone_side.set(false)),
                latest: latest.clone(),
            },
        )
    };
    // The frame index.html draws before the engine arrives lies over the
    // page until the app has drawn; the editor, if it loaded, has already
    // taken the frame's editor over and removed it.
    use_effect_with((), |_| {
        if let Some(frame) = gloo_utils::document().get_element_by_id("boot") {
            frame.remove();
        }
    });

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
            settle(&editor);
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
    // Autosave when typing pauses (writing every file to localStorage on
    // each keystroke would cost as much as linting), and when the page is
    // hidden or closed, so nothing typed is lost.
    let autosave = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let latest = latest.clone();
        let editor = editor.clone();
        use_effect_with((), move |_| {
            let listener = (embed.is_none()).then(|| {
                gloo_events::EventListener::new(&gloo_utils::window(), "pagehide", move |_| {
                    settle(&editor);
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
        use_callback((), move |id: u32, _| {
            dispatch.dispatch(Action::Activate(id))
        })
    };
    let on_name = {
        let naming = naming.setter();
        use_callback((), move |form: Naming, _| naming.set(Some(form)))
    };
    let on_remove = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        use_callback((), move |id: u32, _| {
            if let Some(editor) = editor.borrow().as_ref() {
                editor.close(id);
            }
            dispatch.dispatch(Action::Remove(id));
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
            settle(&editor);
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
            settle(&editor);
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
        let latest = latest.clone();
        let editor = editor.clone();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            settle(&editor);
            copy_link(
                &storage::to_json(&latest.borrow()),
                notice.clone(),
                "Link copied. Anyone who opens it sees these files; nothing is stored on a server.",
            )
        })
    };

    // The Markdown holds the findings of the files as they are now (the
    // ones drawn may be a keystroke behind): linted here, once per click.
    let on_copy_markdown = {
        let latest = latest.clone();
        let editor = editor.clone();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            settle(&editor);
            let workspace = latest.borrow().clone();
            let json = storage::to_json(&workspace);
            let notice = notice.clone();
            let findings = workspace.lint();
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
    // The panels read the texts: what was typed is told first.
    let show_panel = {
        let panel = panel.setter();
        let editor = editor.clone();
        Callback::from(move |shown: Panel| {
            settle(&editor);
            panel.set(shown);
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

    let counts = *use_memo(Shared(findings.clone()), |findings| Counts::of(findings));
    let total = counts.total();
    let status = html! { <StatusBadges {checking} {counts} /> };
    // The file names in tab order: what the findings panel groups by.
    let names = use_memo(
        workspace
            .files
            .iter()
            .map(|f| (f.id, f.name.clone()))
            .collect::<Vec<_>>(),
        |names| names.clone(),
    );
    let names: Rc<Vec<(u32, String)>> = names;
    let on_rule = {
        let rule_request = rule_request.setter();
        use_callback((), move |code: String, _| rule_request.set(Some(code)))
    };
    let active = workspace.active_file();
    let format_active = use_format(&editor, &latest, notice.setter());
    let format_tool = match format_state(&active.name, active.id, &findings) {
        Some(blocked) if !editor_missing && embed.is_none() => {
            html! { <FormatButton {blocked} on_format={format_active} /> }
        }
        _ => Html::default(),
    };
    let outline_tool = if has_outline(&active.name) && !editor_missing && embed.is_none() {
        html! { <Outline id={active.id} name={active.name.clone()} text={active.text.clone()} on_jump={jump_to.clone()} /> }
    } else {
        Html::default()
    };

    if let Some(embed) = embed {
        let single = workspace.files.len() == 1;
        return html! {
            <div class={classes!("app", "embed", embed.read_only.then_some("read-only"))}>
                <section class="editor-pane" aria-label="Editor">
                    if !single { <Tabs files={names.clone()} active={workspace.active} findings={Shared(findings.clone())}
                        on_activate={activate.clone()} on_name={on_name.clone()} on_remove={on_remove.clone()} /> }
                    if editor_missing {
                        <textarea ref={fallback} class="fallback-editor" aria-label={format!("{} editor", active.name)}
                            spellcheck="false" readonly={embed.read_only} value={active.text.to_string()} oninput={on_fallback_input} />
                    }
                    <div ref={host} class="editor-host" hidden={editor_missing}></div>
                </section>
                <div class="embed-foot">
                    { status }
                    <span class="spacer"></span>
                    <span class="embed-brand">{ "Checked by Dockwright, in your browser" }</span>
                </div>
                <FindingsPanel files={names.clone()} findings={Shared(findings.clone())} {checking} on_jump={jump_to.clone()} />
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
                { status }
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
                    { format!("Findings ({})", total) }
                </button>
            </nav>
            <main class={classes!("workspace", if *phone_side { "phone-side" } else { "phone-editor" }, matches!(*panel, Panel::Patterns | Panel::Review | Panel::Resolved).then_some("wide-side"))}>
                <section class="editor-pane" aria-label="Editor">
                    <Tabs files={names.clone()} active={workspace.active} findings={Shared(findings.clone())}
                        on_activate={activate.clone()} on_name={on_name.clone()} on_remove={on_remove.clone()}>
                        { outline_tool }
                        { format_tool }
                    </Tabs>
                    { naming_form(&state, &naming, &editor) }
                    { exercise_banner(&state, exercise_now.as_ref(), &editor, &shown) }
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
                    if editor_missing {
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
                    <div ref={host} class="editor-host" hidden={editor_missing}></div>
                </section>
                <aside class="side" aria-label="Findings and rules">
                    <div class="side-switch" role="tablist" aria-label="Panel">
                        <button role="tab" aria-selected={(*panel == Panel::Findings).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Findings)}>{ "Findings" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Rules).to_string()}
                            onclick={open_rules.reform(|_: MouseEvent| None)}>{ "Rules" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Patterns).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Patterns)}>{ "Patterns" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Review).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Review)}>{ "Review" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Resolved).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Resolved)}>{ "Resolved" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Settings).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Settings)}>{ "Settings" }</button>
                        <button role="tab" aria-selected={(*panel == Panel::Exercises).to_string()}
                            onclick={show_panel.reform(|_: MouseEvent| Panel::Exercises)}>{ "Exercises" }</button>
                    </div>
                    if *panel == Panel::Findings {
                        <FindingsPanel files={names.clone()} findings={Shared(findings.clone())} {checking} on_jump={jump_to.clone()}
                            on_rule={on_rule.clone()} on_fix={(!editor_missing).then(|| apply_fix.clone())} />
                    } else if *panel == Panel::Rules {
                        { rules_panel(&rules, &selected_rule, &rule_query, &try_rule) }
                    } else if *panel == Panel::Patterns {
                        <PatternsPanel files={Rc::new(workspace.files.iter().map(|f| (f.name.clone(), f.text.to_string())).collect::<Vec<_>>())}
                            on_open={open_pattern.clone()} on_apply={apply_pattern.clone()} />
                    } else if *panel == Panel::Review {
                        <ReviewPanel files={Rc::new(workspace.panel_files())}
                            on_jump={jump_to.clone()} on_apply={apply_files.clone()} />
                    } else if *panel == Panel::Resolved {
                        <ResolvedPanel files={Rc::new(workspace.panel_files())}
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
