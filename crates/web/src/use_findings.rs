//! The findings of the workspace, as a hook: linted in the engine's worker
//! (`lint_worker`) when one runs, else on the page's thread. Each change of
//! what is linted (a text, a file name, the settings, the profiles) is a new
//! generation; findings are shown only for the current one, so an answer
//! for text that has since changed is never drawn.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dockwright_core::Settings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_worker::{Answer, LintWorker};
use crate::workspace::{lint_files, FileFindings, WorkFile, Workspace};

/// What the findings depend on: files (texts compared by identity) and
/// settings. Switching the file shown is not a change.
#[derive(Clone)]
struct Inputs {
    files: Vec<WorkFile>,
    settings: Settings,
    /// The files are the whole project (a course's exercise).
    whole_project: bool,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings
            && self.whole_project == other.whole_project
            && self.files.len() == other.files.len()
            && self
                .files
                .iter()
                .zip(&other.files)
                .all(|(a, b)| a.id == b.id && a.name == b.name && Rc::ptr_eq(&a.text, &b.text))
    }
}

enum Engine {
    Untried,
    Worker(LintWorker),
    OnPage,
}

/// Records a User Timing measure `name` from `start` to now (read by the
/// browser benchmark, `./dev bench-web`).
fn measure(name: &str, start: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &performance.now().into());
    if let Ok(measure) = js_sys::Reflect::get(&performance, &"measure".into()) {
        let measure: js_sys::Function = measure.unchecked_into();
        let _ = measure.call2(&performance, &name.into(), &options);
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Lints on the page's thread, measured as `dockwright-lint`.
fn lint_here(inputs: &Inputs) -> Vec<FileFindings> {
    let start = now();
    let findings = lint_files(&inputs.files, &inputs.settings, inputs.whole_project);
    measure("dockwright-lint", start);
    findings
}

/// What is linted changed, or is about to: an answer asked for before now
/// is not drawn. Told by the editor on every keystroke, before the page
/// hears the new text (which waits for typing to pause), and by a render
/// that sees new inputs (a render may yield to the browser before its
/// effects run, and an answer for the text before could come in between).
#[derive(Clone, Default)]
pub struct Changes(Rc<Clock>);

#[derive(Default)]
pub struct Clock {
    generation: Cell<u32>,
    /// When the user last typed (`performance.now()`): where the measure
    /// of the time to findings starts.
    typed_at: Cell<f64>,
}

impl Changes {
    /// The user typed: everything asked for so far is out of date.
    pub fn edited(&self) {
        self.bump();
        self.0.typed_at.set(now());
    }

    /// What is linted changed: everything asked for so far is out of date.
    fn bump(&self) {
        let generation = &self.0.generation;
        generation.set(generation.get().wrapping_add(1));
    }

    fn now(&self) -> u32 {
        self.0.generation.get()
    }
}

/// The inputs last rendered, the generation they are, and when they
/// changed (for the measure of the time from a change to its findings).
struct Latest {
    inputs: Inputs,
    generation: u32,
    seen: f64,
}

/// The findings of `workspace` (`None` until the first ones arrive: the
/// files are checked in the worker while the page is already drawn)
/// and the handle the editor tells its edits to (see [`Changes`]).
#[hook]
pub fn use_findings(workspace: &Workspace) -> (Option<Rc<Vec<FileFindings>>>, Changes) {
    let inputs = Inputs {
        files: workspace.files.clone(),
        settings: workspace.settings.clone(),
        whole_project: workspace.course.is_some(),
    };
    // Even the first findings come from the worker: the engine's first run
    // (its tables built, its code warmed) would hold up the page's first
    // render, on a phone for a fifth of a second.
    let findings = use_state(|| None);
    let changes = use_memo((), |_| Changes::default());
    let changes = (*changes).clone();
    let latest = {
        let inputs = inputs.clone();
        use_mut_ref(move || Latest {
            inputs,
            generation: 0,
            seen: now(),
        })
    };
    // A new generation as soon as a render sees new inputs, not only once
    // its effect runs: between the two the browser may deliver an answer.
    {
        let mut latest = latest.borrow_mut();
        if latest.inputs != inputs {
            changes.bump();
            // Typed since the last change: the findings are measured from
            // the last keystroke (the page hears it once typing pauses).
            let typed_at = changes.0.typed_at.get();
            *latest = Latest {
                inputs: inputs.clone(),
                generation: changes.now(),
                seen: if typed_at > latest.seen {
                    typed_at
                } else {
                    now()
                },
            };
        }
    }
    let engine = use_mut_ref(|| Engine::Untried);
    {
        let findings = findings.setter();
        let changes = changes.clone();
        use_effect_with(inputs, move |_| {
            let mut engine_now = engine.borrow_mut();
            // Started at once, so that the worker is ready by the first edit.
            if matches!(*engine_now, Engine::Untried) {
                *engine_now = start_worker(findings.clone(), changes, latest.clone());
            }
            let latest = latest.borrow();
            match &*engine_now {
                Engine::Worker(worker) if !worker.failed() => worker.lint(
                    latest.generation,
                    &latest.inputs.files,
                    &latest.inputs.settings,
                    latest.inputs.whole_project,
                ),
                _ => findings.set(Some(Rc::new(lint_here(&latest.inputs)))),
            }
        });
    }
    ((*findings).clone(), changes)
}

fn start_worker(
    findings: UseStateSetter<Option<Rc<Vec<FileFindings>>>>,
    changes: Changes,
    latest: Rc<RefCell<Latest>>,
) -> Engine {
    let on_answer = move |answer: Answer| match answer {
        Answer::Findings {
            generation: answered,
            findings: found,
        } => {
            // Drawn only when nothing changed since it was asked for.
            if answered != changes.now() {
                return;
            }
            // Bytes that are not an answer: the page lints this version
            // by itself.
            let found = found
                .decode()
                .unwrap_or_else(|| lint_here(&latest.borrow().inputs));
            measure("dockwright-findings", latest.borrow().seen);
            findings.set(Some(Rc::new(found)));
        }
        // From now on the page lints by itself, starting with what is
        // there now.
        Answer::Failed => findings.set(Some(Rc::new(lint_here(&latest.borrow().inputs)))),
    };
    match LintWorker::start(on_answer) {
        Some(worker) => Engine::Worker(worker),
        None => Engine::OnPage,
    }
}
