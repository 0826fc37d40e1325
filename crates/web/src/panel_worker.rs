//! The side panels' engine work off the page's thread: a second worker of
//! the engine (the same module and `web/lint-worker.js` as the lint worker,
//! `lint_worker::spawn`), started when a panel that needs it opens and
//! ended when it closes. Latest wins, as for lint: one request in flight;
//! a newer one replaces the one waiting; the panel drops answers for a
//! generation it has moved past.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_worker::spawn;

/// The workspace's files as a panel gets them: (id, name, text).
pub type Files = Rc<Vec<(u32, String, String)>>;

#[derive(Default)]
struct Queue {
    in_flight: bool,
    /// The next message and the buffers it moves.
    waiting: Option<(js_sys::Object, js_sys::Array)>,
    failed: bool,
}

pub struct PanelWorker {
    worker: web_sys::Worker,
    queue: Rc<RefCell<Queue>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

fn post(
    worker: &web_sys::Worker,
    queue: &mut Queue,
    message: &js_sys::Object,
    transfer: &js_sys::Array,
) {
    queue.in_flight = worker.post_message_with_transfer(message, transfer).is_ok();
    if !queue.in_flight {
        queue.failed = true;
    }
}

impl PanelWorker {
    /// Starts a worker; `on_answer` hears each answer's data, `on_failure`
    /// that the worker stopped (the panel then works on the page). `None`
    /// when no worker can run here.
    pub fn start(
        mut on_answer: impl FnMut(JsValue) + 'static,
        on_failure: impl FnMut() + 'static,
    ) -> Option<PanelWorker> {
        let worker = spawn()?;
        let queue = Rc::new(RefCell::new(Queue::default()));
        let on_failure: Rc<RefCell<dyn FnMut()>> = Rc::new(RefCell::new(on_failure));
        let on_message = {
            let queue = queue.clone();
            let worker = worker.clone();
            let on_failure = on_failure.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                // An answer that says the engine could not start.
                let failed = js_sys::Reflect::has(&data, &"error".into()).unwrap_or(true);
                {
                    let mut queue = queue.borrow_mut();
                    queue.in_flight = false;
                    if failed {
                        queue.failed = true;
                        queue.waiting = None;
                    } else if let Some((message, transfer)) = queue.waiting.take() {
                        post(&worker, &mut queue, &message, &transfer);
                    }
                }
                if failed {
                    (on_failure.borrow_mut())();
                } else {
                    on_answer(data);
                }
            })
        };
        let on_error = {
            let queue = queue.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
                if !std::mem::replace(&mut queue.borrow_mut().failed, true) {
                    (on_failure.borrow_mut())();
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(PanelWorker {
            worker,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends `message` (moving the buffers in `transfer`) now when the
    /// worker is idle, else keeps it as the next one, replacing any older
    /// one waiting.
    pub fn request(&self, message: js_sys::Object, transfer: js_sys::Array) {
        let mut queue = self.queue.borrow_mut();
        if queue.failed {
            return;
        }
        if queue.in_flight {
            queue.waiting = Some((message, transfer));
        } else {
            post(&self.worker, &mut queue, &message, &transfer);
        }
    }

    /// Whether the worker stopped (then the panel works on the page).
    pub fn failed(&self) -> bool {
        self.queue.borrow().failed
    }
}

impl Drop for PanelWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

pub fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// A request of `kind` for the files, with `fields` beside them; the
/// texts go as UTF-8 bytes, moved (the second value lists their buffers).
pub fn request(
    kind: &str,
    generation: u32,
    files: &[(u32, String, String)],
    fields: &[(&str, JsValue)],
) -> (js_sys::Object, js_sys::Array) {
    let message = js_sys::Object::new();
    set(&message, "kind", &kind.into());
    set(&message, "generation", &generation.into());
    for (key, value) in fields {
        set(&message, key, value);
    }
    let list = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for (id, name, text) in files {
        let item = js_sys::Object::new();
        set(&item, "id", &(*id).into());
        set(&item, "name", &name.as_str().into());
        let bytes = js_sys::Uint8Array::from(text.as_bytes());
        transfer.push(&bytes.buffer());
        set(&item, "text", &bytes);
        list.push(&item);
    }
    set(&message, "files", &list);
    (message, transfer)
}

/// In the worker: the answer to `request`, `{generation, answer}` with
/// what `work` makes of its files as UTF-8 bytes; without `answer` when
/// the files could not be read.
pub fn answer(
    request: &JsValue,
    work: impl FnOnce(&[(u32, String, String)]) -> String,
) -> js_sys::Object {
    let answer = js_sys::Object::new();
    set(&answer, "generation", &get(request, "generation"));
    let files: Option<Vec<(u32, String, String)>> = js_sys::Array::from(&get(request, "files"))
        .iter()
        .map(|item| {
            let bytes = get(&item, "text").dyn_into::<js_sys::Uint8Array>().ok()?;
            Some((
                get(&item, "id").as_f64()? as u32,
                get(&item, "name").as_string()?,
                String::from_utf8(bytes.to_vec()).ok()?,
            ))
        })
        .collect();
    if let Some(files) = files {
        set(
            &answer,
            "answer",
            &js_sys::Uint8Array::from(work(&files).as_bytes()),
        );
    }
    answer
}

/// What a panel shows for `inputs`: worked out by a panel worker (the
/// answer to the latest request, read by `decode`; `None` until the first
/// one), or by `here` on the page when no worker runs. `ask` makes the
/// request for a generation.
#[hook]
pub fn use_worked_out<I, T>(
    inputs: I,
    ask: fn(&I, u32) -> (js_sys::Object, js_sys::Array),
    decode: fn(&str) -> Option<T>,
    here: fn(&I) -> T,
) -> Option<Rc<T>>
where
    I: PartialEq + 'static,
    T: 'static,
{
    let shown = use_state(|| None::<Rc<T>>);
    let generation = use_mut_ref(|| 0u32);
    // Set when the worker stops, so that the panel works on the page.
    let stopped = use_state(|| false);
    let worker: Rc<RefCell<Option<PanelWorker>>> = {
        let shown = shown.setter();
        let generation = generation.clone();
        let stopped = stopped.setter();
        use_mut_ref(move || {
            PanelWorker::start(
                move |data| {
                    if get(&data, "generation").as_f64() != Some(f64::from(*generation.borrow())) {
                        return;
                    }
                    let bytes = get(&data, "answer").dyn_into::<js_sys::Uint8Array>();
                    let read = bytes
                        .ok()
                        .and_then(|b| String::from_utf8(b.to_vec()).ok())
                        .and_then(|text| decode(&text));
                    if let Some(read) = read {
                        shown.set(Some(Rc::new(read)));
                    }
                },
                move || stopped.set(true),
            )
        })
    };
    let shown_now = (*shown).clone();
    use_effect_with((inputs, *stopped), move |(inputs, _)| {
        *generation.borrow_mut() += 1;
        let generation = *generation.borrow();
        match worker.borrow().as_ref().filter(|w| !w.failed()) {
            Some(worker) => {
                let (message, transfer) = ask(inputs, generation);
                worker.request(message, transfer);
            }
            None => shown.set(Some(Rc::new(here(inputs)))),
        }
    });
    shown_now
}
