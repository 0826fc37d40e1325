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

use crate::lint_worker::spawn;

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
