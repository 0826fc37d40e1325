//! The findings of the workspace, as a hook: linted in the engine's worker
//! (`lint_worker`) when one runs, else on the page's thread. Each change of
//! what is linted (a text, a file name, the settings, the profiles) is a new
//! generation; findings are shown only for the current one, so an answer
//! for text that has since changed is never drawn.

use std::cell::RefCell;
use std::rc::Rc;

use dockwright_core::Settings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_worker::{Answer, LintWorker};
use crate::workspace::{lint_files, FileFindings, WorkFile, Workspace};

/// Up to this many bytes, the first findings are computed while the page
/// first renders (the example project takes a millisecond or two); a
/// larger shared file waits for the worker instead of holding up the page.
const FIRST_LINT_ON_PAGE: usize = 64 * 1024;

/// What the findings depend on: files (texts compared by identity) and
/// settings. Switching the file shown is not a change.
#[derive(Clone)]
struct Inputs {
    files: Vec<WorkFile>,
    settings: Settings,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings
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
    let findings = lint_files(&inputs.files, &inputs.settings);
    measure("dockwright-lint", start);
    findings
}

#[hook]
pub fn use_findings(workspace: &Workspace) -> Rc<Vec<FileFindings>> {
    let inputs = Inputs {
        files: workspace.files.clone(),
        settings: workspace.settings.clone(),
    };
    let small = inputs.files.iter().map(|f| f.text.len()).sum::<usize>() <= FIRST_LINT_ON_PAGE;
    let findings = {
        let inputs = inputs.clone();
        use_state(move || {
            Rc::new(if small {
                lint_here(&inputs)
            } else {
                Vec::new()
            })
        })
    };
    // The current generation, and when it was asked for (for the measure
    // of the time from a change to its findings).
    let generation = use_mut_ref(|| (0u32, 0.0f64));
    let latest = use_mut_ref(|| inputs.clone());
    let engine = use_mut_ref(|| Engine::Untried);
    let first = use_mut_ref(|| small);
    {
        let findings = findings.setter();
        use_effect_with(inputs, move |inputs| {
            *latest.borrow_mut() = inputs.clone();
            let mut engine_now = engine.borrow_mut();
            // Started at once, so that the worker is ready by the first edit.
            if matches!(*engine_now, Engine::Untried) {
                *engine_now = start_worker(findings.clone(), generation.clone(), latest.clone());
            }
            if std::mem::take(&mut *first.borrow_mut()) {
                return;
            }
            let current = {
                let mut generation = generation.borrow_mut();
                *generation = (generation.0 + 1, now());
                generation.0
            };
            match &*engine_now {
                Engine::Worker(worker) if !worker.failed() => {
                    worker.lint(current, &inputs.files, &inputs.settings)
                }
                _ => findings.set(Rc::new(lint_here(inputs))),
            }
        });
    }
    (*findings).clone()
}

fn start_worker(
    findings: UseStateSetter<Rc<Vec<FileFindings>>>,
    generation: Rc<RefCell<(u32, f64)>>,
    latest: Rc<RefCell<Inputs>>,
) -> Engine {
    let on_answer = move |answer: Answer| match answer {
        Answer::Findings {
            generation: answered,
            findings: found,
        } => {
            let (current, asked) = *generation.borrow();
            if answered == current {
                measure("dockwright-findings", asked);
                findings.set(Rc::new(found));
            }
        }
        // From now on the page lints by itself, starting with what is
        // there now.
        Answer::Failed => findings.set(Rc::new(lint_here(&latest.borrow()))),
    };
    match LintWorker::start(on_answer) {
        Some(worker) => Engine::Worker(worker),
        None => Engine::OnPage,
    }
}
