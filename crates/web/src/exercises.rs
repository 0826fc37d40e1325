//! Exercises for training rooms: the banner of the open exercise and the
//! panel where a trainer builds a course and a learner follows it.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use dockwright_core::course::GoalCheck;

use crate::actions::{forget_files, Action, EditorCell, State};
use crate::editor_host::settle;
use crate::findings_panel::plural;
use crate::notice::{copy_link, Notice};
use crate::share;
use crate::storage;
use crate::workspace::{FileFindings, Workspace};

/// The trainer's form for a new exercise.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct CourseForm {
    pub(crate) title: String,
    pub(crate) task: String,
    /// The exercise being edited; `None` for a new one.
    pub(crate) editing: Option<usize>,
    /// When editing: the files shown become the exercise's start.
    pub(crate) take_files: bool,
    pub(crate) error: Option<String>,
}

/// Opens exercise `index`: the editor forgets the files it replaces.
fn open_exercise(
    state: &UseReducerHandle<State>,
    editor: &EditorCell,
    shown: &Rc<std::cell::RefCell<Option<u32>>>,
    index: usize,
) -> Callback<MouseEvent> {
    let dispatch = state.dispatcher();
    let editor = editor.clone();
    let shown = shown.clone();
    let ids: Vec<u32> = state.0.files.iter().map(|f| f.id).collect();
    Callback::from(move |_: MouseEvent| {
        forget_files(&editor, &shown, &ids);
        dispatch.dispatch(Action::CourseOpen(index));
    })
}

/// How the open exercise stands: its goal's parts (built-in exercises), the
/// number of findings, and whether it is solved.
#[derive(Clone, PartialEq)]
pub(crate) struct ExerciseStatus {
    pub(crate) checks: Option<Vec<GoalCheck>>,
    pub(crate) findings: usize,
    pub(crate) solved: bool,
}

/// The open exercise's status, once the files' findings are in.
pub(crate) fn exercise_status(
    workspace: &Workspace,
    findings: Option<&[FileFindings]>,
) -> Option<ExerciseStatus> {
    let course = workspace.course.as_ref()?;
    let exercise = course.exercises.get(course.current?)?;
    let findings = findings?;
    let count: usize = findings.iter().map(|f| f.findings.len()).sum();
    let files: Vec<(&str, &str)> = workspace
        .files
        .iter()
        .map(|f| (f.name.as_str(), &*f.text))
        .collect();
    let found = |code: &str| {
        findings
            .iter()
            .flat_map(|f| &f.findings)
            .any(|finding| finding.code.eq_ignore_ascii_case(code))
    };
    let checks = exercise.goal(&files, found);
    let solved = match &checks {
        Some(checks) => checks.iter().all(|c| c.met),
        None => count == 0,
    };
    Some(ExerciseStatus {
        checks,
        findings: count,
        solved,
    })
}

/// The open exercise's status, once the files are checked; its solved
/// mark is kept as the files are, so that a reload (or the list) shows it.
#[hook]
pub(crate) fn use_exercise_status(
    state: &UseReducerHandle<State>,
    findings: Option<&[FileFindings]>,
) -> Option<ExerciseStatus> {
    let workspace = &state.0;
    let status = exercise_status(workspace, findings);
    let stored = workspace
        .course
        .as_ref()
        .and_then(|c| c.current.and_then(|i| c.exercises.get(i)))
        .map(|e| e.solved);
    let now = status.as_ref().map(|s| s.solved);
    let dispatch = state.dispatcher();
    use_effect_with((now, stored), move |(now, stored)| {
        if let (Some(now), Some(stored)) = (*now, *stored) {
            if now != stored {
                dispatch.dispatch(Action::CourseMark(now));
            }
        }
    });
    status
}

/// The open exercise: its task, its goal and how far the files are,
/// a hint, its solution, previous and next.
pub(crate) fn exercise_banner(
    state: &UseReducerHandle<State>,
    // None while the files are being checked.
    status: Option<&ExerciseStatus>,
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
    let go = |to: usize| open_exercise(state, editor, shown, to);
    let solution = exercise.solution().map(|files| {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let pattern = exercise.solution_pattern().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(&format!(
                        "Show a solution? The catalogue's {pattern} pattern replaces this exercise's files (Undo in the editor brings yours back)."
                    ))
                    .ok()
                })
                .unwrap_or(false);
            if confirmed {
                settle(&editor);
                dispatch.dispatch(Action::Apply(files.clone()));
            }
        })
    });
    let (label, solved) = match status {
        None => ("Checking…".to_string(), false),
        Some(s) if s.solved => (
            if s.checks.is_some() {
                "✓ Solved: goal reached"
            } else {
                "✓ Solved: no findings left"
            }
            .to_string(),
            true,
        ),
        Some(s) => match &s.checks {
            Some(checks) => {
                let left = checks.iter().filter(|c| !c.met).count();
                (
                    format!("{} of {} left", left, plural(checks.len(), "goal")),
                    false,
                )
            }
            None => (plural(s.findings, "finding") + " left", false),
        },
    };
    html! {
        <section class="exercise-banner" aria-label="Exercise">
            <div class="exercise-head">
                <strong>{ format!("Exercise {} of {}: {}", index + 1, count, exercise.title) }</strong>
                <span class={classes!("exercise-status", solved.then_some("solved"))} aria-live="polite" data-testid="exercise-status">
                    { label }
                </span>
            </div>
            if !exercise.task.is_empty() { <p>{ &exercise.task }</p> }
            if let Some(checks) = status.and_then(|s| s.checks.as_ref()) {
                <ul class="exercise-goal" aria-label="Goal">
                    { for checks.iter().map(|check| html! {
                        <li class={classes!(check.met.then_some("met"))}>
                            <span aria-hidden="true">{ if check.met { "✓ " } else { "○ " } }</span>
                            <span class="visually-hidden">{ if check.met { "Done: " } else { "To do: " } }</span>
                            { &check.says }
                        </li>
                    }) }
                </ul>
            }
            if !exercise.hint.is_empty() {
                <details class="exercise-hint"><summary>{ "Hint" }</summary><p>{ &exercise.hint }</p></details>
            }
            <div class="exercise-nav">
                <button disabled={index == 0} onclick={go(index.saturating_sub(1))}>{ "← Previous" }</button>
                <button disabled={index + 1 >= count} onclick={go(index + 1)}>{ "Next →" }</button>
                if let Some(show) = solution {
                    <button class="exercise-solution" onclick={show}>{ "Show a solution" }</button>
                }
            </div>
        </section>
    }
}

pub(crate) fn exercises_panel(
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
        let editor = editor.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // The exercise keeps the files as typed up to now.
            settle(&editor);
            if form.title.trim().is_empty() {
                form.set(CourseForm {
                    error: Some("An exercise needs a title.".into()),
                    ..(*form).clone()
                });
                return;
            }
            match form.editing {
                Some(index) => dispatch.dispatch(Action::CourseEdit {
                    index,
                    title: form.title.clone(),
                    task: form.task.clone(),
                    take_files: form.take_files,
                }),
                None => dispatch.dispatch(Action::CourseAdd {
                    title: form.title.clone(),
                    task: form.task.clone(),
                }),
            }
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
    let start_builtin = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let shown = shown.clone();
        let ids: Vec<u32> = workspace.files.iter().map(|f| f.id).collect();
        let replacing = workspace.course.is_some();
        Callback::from(move |_: MouseEvent| {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(if replacing {
                        "Start the built-in course? It replaces the course open now and the files shown."
                    } else {
                        "Start the built-in course? Its first exercise replaces the files shown: share or download them first to keep them."
                    })
                    .ok()
                })
                .unwrap_or(false);
            if confirmed {
                forget_files(&editor, &shown, &ids);
                dispatch.dispatch(Action::CourseBuiltin);
            }
        })
    };
    html! {
        <div class="exercises">
            <section class="builtin-course" aria-label="Built-in course">
                <h2>{ "From tutorial to production" }</h2>
                <p class="settings-intro">{ "Ten exercises, one per classic pattern, each starting from the pattern as tutorials write it: make it build, keep secrets and ports in, run as a user, use current tools. Each is checked by the engine, works offline, and links to the catalogue pattern that solves it." }</p>
                <button onclick={start_builtin}>{ "Start the course" }</button>
            </section>
            if course.exercises.is_empty() {
                <p class="settings-intro">{ "Prepare exercises for a class: write files with problems to fix, describe the task, add them here, then hand out one link or one file. Learners work offline and see each exercise marked solved when its findings are gone." }</p>
            } else {
                <p class="exercise-progress">{ format!("{} of {} solved", course.solved_count(), course.exercises.len()) }</p>
                <ol class="exercise-list">
                    { for course.exercises.iter().enumerate().map(|(i, exercise)| {
                        let open = open_exercise(state, editor, shown, i);
                        let remove = {
                            let dispatch = state.dispatcher();
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::CourseRemove(i)))
                        };
                        let current = course.current == Some(i);
                        let edit = {
                            let form = form.clone();
                            let title = exercise.title.clone();
                            let task = exercise.task.clone();
                            Callback::from(move |_: MouseEvent| {
                                form.set(CourseForm {
                                    title: title.clone(),
                                    task: task.clone(),
                                    editing: Some(i),
                                    ..CourseForm::default()
                                });
                            })
                        };
                        html! {
                            <li class={classes!(current.then_some("current"))}>
                                <button class="exercise-open" aria-current={current.then_some("step")} onclick={open}>
                                    { &exercise.title }
                                    if exercise.solved && !current { <span class="solved-mark" aria-label="solved">{ " ✓" }</span> }
                                </button>
                                <button class="tab-action" aria-label={format!("Edit exercise {}", exercise.title)} title="Edit the title and task" onclick={edit}>{ "✎" }</button>
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
            <form class="exercise-form" onsubmit={add} aria-label={if form.editing.is_some() { "Edit the exercise" } else { "New exercise" }}>
                <label><span>{ "Exercise title" }</span>
                    <input type="text" value={form.title.clone()} oninput={field(|f, v| f.title = v)} /></label>
                <label><span>{ "Task for the learner" }</span>
                    <textarea rows="3" value={form.task.clone()} oninput={field(|f, v| f.task = v)} /></label>
                if form.editing.is_some() {
                    <label class="checkbox"><input type="checkbox" checked={form.take_files} onchange={{
                        let form = form.clone();
                        Callback::from(move |_: Event| form.set(CourseForm { take_files: !form.take_files, ..(*form).clone() }))
                    }} /><span>{ "Also make the files shown its start" }</span></label>
                }
                if let Some(error) = &form.error { <p class="name-error" role="alert">{ error }</p> }
                if form.editing.is_some() {
                    <div class="settings-actions">
                        <button type="submit">{ "Save the exercise" }</button>
                        <button type="button" onclick={{ let form = form.clone(); Callback::from(move |_: MouseEvent| form.set(CourseForm::default())) }}>{ "Cancel" }</button>
                    </div>
                } else {
                    <button type="submit">{ "Add the current files as an exercise" }</button>
                }
            </form>
            <div class="settings-actions">
                <button onclick={open_file}>{ "Open a course file…" }</button>
            </div>
        </div>
    }
}
