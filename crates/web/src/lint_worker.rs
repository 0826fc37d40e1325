//! The engine off the page's thread. The page's own module (its compiled
//! wasm handed over, not fetched again) is started a second time in a module worker,
//! `web/lint-worker.js`, where [`lint_in_worker`] lints; the page sends
//! each new version of its files and draws the findings of the latest one,
//! so the editor never waits for the engine.
//!
//! Latest wins: one request is in flight at a time; while it is, a newer
//! version replaces the one waiting, and an answer for a version that is
//! no longer current is dropped by the page (never drawn). A file's text
//! crosses to the worker only when it changed since the worker last saw it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use dockwright_core::{Settings, Severity};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::codec::{Reader, Writer};
use crate::workspace::{lint_files, FileFindings, Finding, QuickFix, WorkFile};

/// What the worker answers.
pub enum Answer {
    /// The findings of the files as they were at `generation`, still
    /// encoded: an answer the page will not draw is never decoded.
    Findings { generation: u32, findings: Encoded },
    /// The worker could not start or lint: the page lints by itself.
    Failed,
}

/// Findings as the worker encoded them ([`encode`]), in a buffer of the
/// page's that is not yet in its wasm memory.
pub struct Encoded(js_sys::Uint8Array);

impl Encoded {
    /// The findings, or `None` when the bytes are not an answer.
    pub fn decode(&self) -> Option<Vec<FileFindings>> {
        let bytes = self.0.to_vec();
        decode(std::str::from_utf8(&bytes).ok()?)
    }
}

/// A text as UTF-8 bytes in a buffer of its own, to be transferred (moved,
/// not copied) to the other side.
fn bytes_of(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}

/// One version of what is linted, kept until it is posted.
struct Request {
    generation: u32,
    files: Vec<WorkFile>,
    settings: Settings,
    whole_project: bool,
}

#[derive(Default)]
struct Queue {
    in_flight: bool,
    waiting: Option<Request>,
    /// The text the worker holds for each file id.
    sent: HashMap<u32, Rc<str>>,
    failed: bool,
}

/// The page's side of the worker.
pub struct LintWorker {
    worker: web_sys::Worker,
    queue: Rc<RefCell<Queue>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The page module's URL, from the preload link trunk writes into
/// `index.html`; `None` when the page was not built by trunk (a test
/// harness), and the page then lints by itself.
fn module_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("link[rel=modulepreload][href$='.js']")
        .ok()
        .flatten()?
        .get_attribute("href")
}

thread_local! {
    /// A worker started before the page's first render ([`prestart`]).
    static SPARE: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// The spare worker failed to load before anyone listened to it.
    static SPARE_FAILED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts the engine's worker now, before the page first renders, so that
/// it is loading while the page draws; [`LintWorker::start`] takes it.
pub fn prestart() {
    if let Some(worker) = spawn() {
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_event: web_sys::Event| {
            SPARE_FAILED.with(|failed| failed.set(true))
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Replaced by the page's own handler when the worker is taken.
        on_error.forget();
        SPARE.with(|spare| *spare.borrow_mut() = Some(worker));
    }
}

/// The spare worker, unless it failed to load.
fn take_spare() -> Option<web_sys::Worker> {
    let worker = SPARE.with(|spare| spare.borrow_mut().take())?;
    if SPARE_FAILED.with(|failed| failed.get()) {
        worker.terminate();
        return None;
    }
    Some(worker)
}

/// A new worker, told which module to load.
pub(crate) fn spawn() -> Option<web_sys::Worker> {
    let module = module_url()?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    // The worker's URL carries no query: served from the offline cache,
    // a worker's location is the cached script's, without it. Its first
    // message names the module instead.
    let worker = web_sys::Worker::new_with_options("lint-worker.js", &options).ok()?;
    let start = js_sys::Object::new();
    let page_module = js_sys::Object::new();
    set(&page_module, "module", &module.as_str().into());
    // The page's own compiled wasm: the worker neither fetches nor
    // compiles it again.
    set(&page_module, "wasm", &wasm_bindgen::module());
    set(&start, "start", &page_module);
    worker.post_message(&start).ok()?;
    Some(worker)
}

impl LintWorker {
    /// Starts the worker (or takes the one [`prestart`] started); `on_answer` hears each answer. `None` when no
    /// worker can run here.
    pub fn start(on_answer: impl FnMut(Answer) + 'static) -> Option<LintWorker> {
        let worker = take_spare().or_else(spawn)?;
        let queue = Rc::new(RefCell::new(Queue::default()));
        let answers: Rc<RefCell<dyn FnMut(Answer)>> = Rc::new(RefCell::new(on_answer));
        let on_message = {
            let queue = queue.clone();
            let worker = worker.clone();
            let answers = answers.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let answer = read_answer(&event.data());
                let next = {
                    let mut queue = queue.borrow_mut();
                    queue.in_flight = false;
                    if matches!(answer, Answer::Failed) {
                        queue.failed = true;
                        queue.waiting = None;
                    }
                    queue.waiting.take()
                };
                if let Some(next) = next {
                    post(&worker, &queue, next);
                }
                (answers.borrow_mut())(answer);
            })
        };
        let on_error = {
            let queue = queue.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
                let first = !std::mem::replace(&mut queue.borrow_mut().failed, true);
                if first {
                    (answers.borrow_mut())(Answer::Failed);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(LintWorker {
            worker,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Asks for the findings of `files` as of `generation`: posted now when
    /// the worker is idle, else kept as the next one (replacing any older
    /// one waiting).
    pub fn lint(
        &self,
        generation: u32,
        files: &[WorkFile],
        settings: &Settings,
        whole_project: bool,
    ) {
        let request = Request {
            generation,
            files: files.to_vec(),
            settings: settings.clone(),
            whole_project,
        };
        let mut queue = self.queue.borrow_mut();
        if queue.failed {
            return;
        }
        if queue.in_flight {
            queue.waiting = Some(request);
            return;
        }
        drop(queue);
        post(&self.worker, &self.queue, request);
    }
}

impl LintWorker {
    /// Whether the worker gave up (then the page lints by itself).
    pub fn failed(&self) -> bool {
        self.queue.borrow().failed
    }
}

impl Drop for LintWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Posts `request`; texts the worker already holds are left out.
fn post(worker: &web_sys::Worker, queue: &RefCell<Queue>, request: Request) {
    let mut queue = queue.borrow_mut();
    let message = js_sys::Object::new();
    set(&message, "generation", &request.generation.into());
    set(&message, "settings", &request.settings.to_yaml().into());
    let profiles: js_sys::Array = request
        .settings
        .profiles
        .iter()
        .map(|p| JsValue::from_str(p))
        .collect();
    set(&message, "profiles", &profiles);
    set(&message, "whole_project", &request.whole_project.into());
    let files = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for file in &request.files {
        let item = js_sys::Object::new();
        set(&item, "id", &file.id.into());
        set(&item, "name", &file.name.as_str().into());
        set(&item, "version", &file.version.into());
        let known = queue
            .sent
            .get(&file.id)
            .is_some_and(|text| Rc::ptr_eq(text, &file.text));
        if !known {
            // Bytes, moved: no UTF-16 copy of the text, no clone of it.
            let text = bytes_of(&file.text);
            transfer.push(&text.buffer());
            set(&item, "text", &text);
            queue.sent.insert(file.id, file.text.clone());
        }
        files.push(&item);
    }
    queue
        .sent
        .retain(|id, _| request.files.iter().any(|f| f.id == *id));
    set(&message, "files", &files);
    queue.in_flight = worker
        .post_message_with_transfer(&message, &transfer)
        .is_ok();
    if !queue.in_flight {
        queue.failed = true;
    }
}

fn read_answer(data: &JsValue) -> Answer {
    let generation = get(data, "generation").as_f64();
    let findings = get(data, "findings").dyn_into::<js_sys::Uint8Array>();
    match (generation, findings) {
        (Some(generation), Ok(findings)) => Answer::Findings {
            generation: generation as u32,
            findings: Encoded(findings),
        },
        _ => Answer::Failed,
    }
}

thread_local! {
    /// The worker's copy of the page's files, by id.
    static FILES: RefCell<HashMap<u32, WorkFile>> = RefCell::new(HashMap::new());
    /// The settings last read, with the text they were read from.
    static SETTINGS: RefCell<Option<(String, Settings)>> = const { RefCell::new(None) };
}

/// The worker's entry (called by `web/lint-worker.js` for each message):
/// lints the files of the request, reusing the texts it holds for files
/// sent without one, and answers `{generation, findings}` with the findings
/// encoded as one string. An answer without findings means the request
/// could not be read.
#[wasm_bindgen]
pub fn lint_in_worker(request: &JsValue) -> JsValue {
    let answer = js_sys::Object::new();
    set(&answer, "generation", &get(request, "generation"));
    let settings_text = get(request, "settings").as_string().unwrap_or_default();
    let mut settings = SETTINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        match &*cache {
            Some((text, settings)) if *text == settings_text => settings.clone(),
            _ => {
                let settings = Settings::from_yaml(&settings_text).unwrap_or_default();
                *cache = Some((settings_text, settings.clone()));
                settings
            }
        }
    });
    settings.profiles = js_sys::Array::from(&get(request, "profiles"))
        .iter()
        .filter_map(|p| p.as_string())
        .collect();
    let listed = js_sys::Array::from(&get(request, "files"));
    let files: Option<Vec<WorkFile>> = FILES.with(|held| {
        let mut held = held.borrow_mut();
        let mut files = Vec::with_capacity(listed.length() as usize);
        for item in listed.iter() {
            let id = get(&item, "id").as_f64()? as u32;
            let name = get(&item, "name").as_string()?;
            let version = get(&item, "version").as_f64()? as u32;
            let text: Rc<str> = match get(&item, "text").dyn_into::<js_sys::Uint8Array>() {
                Ok(bytes) => Rc::from(String::from_utf8(bytes.to_vec()).ok()?),
                Err(_) => held.get(&id)?.text.clone(),
            };
            files.push(WorkFile {
                id,
                name,
                text,
                version,
            });
        }
        held.clear();
        held.extend(files.iter().map(|f| (f.id, f.clone())));
        Some(files)
    });
    if let Some(files) = files {
        let whole_project = get(request, "whole_project").as_bool().unwrap_or(false);
        let findings = lint_files(&files, &settings, whole_project);
        set(&answer, "findings", &bytes_of(&encode(&findings)));
    }
    answer.into()
}

/// The findings as one string (`codec`), so that an answer crosses from the
/// worker and into the page's wasm as one value rather than thousands of fields.
pub fn encode(files: &[FileFindings]) -> String {
    let mut out = Writer::default();
    out.num(files.len());
    for file in files {
        out.num(file.id as usize);
        out.num(file.findings.len());
        for f in &file.findings {
            out.num(f.line);
            out.num(f.column);
            out.num(severity_index(f.severity));
            out.text(&f.code);
            out.text(&f.message);
            out.num(f.from16 as usize);
            out.num(f.to16 as usize);
            match &f.fix {
                None => out.num(0),
                Some(fix) => {
                    out.num(1);
                    out.text(&fix.title);
                    out.num(fix.changes.len());
                    for (from, to, insert) in &fix.changes {
                        out.num(*from as usize);
                        out.num(*to as usize);
                        out.text(insert);
                    }
                }
            }
        }
    }
    out.finish()
}

const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Style,
];

fn severity_index(severity: Severity) -> usize {
    SEVERITIES.iter().position(|s| *s == severity).unwrap_or(0)
}

/// Reads what [`encode`] wrote; `None` if the text is not such.
pub fn decode(text: &str) -> Option<Vec<FileFindings>> {
    let mut r = Reader::new(text);
    let file_count = r.count()?;
    let mut files = Vec::with_capacity(file_count);
    for _ in 0..file_count {
        let id = r.u32()?;
        let count = r.count()?;
        let mut findings = Vec::with_capacity(count);
        for _ in 0..count {
            let line = r.num()?;
            let column = r.num()?;
            let severity = *SEVERITIES.get(r.num()?)?;
            let code: Rc<str> = Rc::from(r.text()?);
            let message = r.text()?.to_string();
            let from16 = r.u32()?;
            let to16 = r.u32()?;
            let fix = match r.num()? {
                0 => None,
                _ => {
                    let title = r.text()?.to_string();
                    let changes_count = r.count()?;
                    let mut changes = Vec::with_capacity(changes_count);
                    for _ in 0..changes_count {
                        changes.push((r.u32()?, r.u32()?, r.text()?.to_string()));
                    }
                    Some(QuickFix { title, changes })
                }
            };
            findings.push(Finding {
                line,
                column,
                severity,
                code,
                message,
                from16,
                to16,
                fix,
            });
        }
        files.push(FileFindings { id, findings });
    }
    r.finished().then_some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn findings_cross_unchanged() {
        let mut workspace = Workspace::example();
        let id = workspace.active;
        // Text with multi-byte characters, a `;` and digits in messages.
        workspace.set_text(
            id,
            "FROM ubuntu\nRUN apt-get install curl; echo \"é😀 12;3\"\nmaintainer me\n",
            3,
        );
        let findings = workspace.lint();
        assert!(findings
            .iter()
            .any(|f| f.findings.iter().any(|x| x.fix.is_some())));
        assert_eq!(decode(&encode(&findings)), Some(findings));
        assert_eq!(decode(&encode(&[])), Some(Vec::new()));
    }

    #[test]
    fn damaged_answers_are_refused() {
        crate::codec::assert_refuses_damage(&encode(&Workspace::example().lint()), decode);
        assert_eq!(decode("1;1;99999999;"), None);
    }
}
