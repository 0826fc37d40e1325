//! Bindings to the CodeMirror view in `web/editor/main.js`: one editor that
//! shows one file of the workspace at a time.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::positions::{Edit, Tracked};

#[wasm_bindgen]
extern "C" {
    /// The handle `DockwrightEditor.create` returns.
    pub type EditorHandle;

    #[wasm_bindgen(catch, js_namespace = DockwrightEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::Element,
        on_change: &Closure<dyn FnMut(u32, js_sys::Array, u32, u32)>,
        read_only: bool,
        on_rule: &JsValue,
        assist: &JsValue,
    ) -> Result<EditorHandle, JsValue>;

    #[wasm_bindgen(method)]
    fn open(this: &EditorHandle, id: u32, name: &str, text: &str, kind: &str);

    #[wasm_bindgen(method)]
    fn rename(this: &EditorHandle, id: u32, name: &str, kind: &str);

    #[wasm_bindgen(method)]
    fn close(this: &EditorHandle, id: u32);

    #[wasm_bindgen(method)]
    fn text(this: &EditorHandle, id: u32) -> Option<String>;

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics_js(
        this: &EditorHandle,
        id: u32,
        version: u32,
        numbers: &[u32],
        texts: &str,
        fixes: &js_sys::Array,
    );

    #[wasm_bindgen(method)]
    pub fn select(this: &EditorHandle, from: u32, to: u32);

    #[wasm_bindgen(method, js_name = applyChanges)]
    fn apply_changes_js(this: &EditorHandle, id: u32, changes: &js_sys::Array) -> bool;
}

/// Editor changes as CodeMirror takes them: `{from, to, insert}` objects.
fn changes_array(changes: &[(u32, u32, String)]) -> js_sys::Array {
    let list = js_sys::Array::new();
    for (from, to, insert) in changes {
        let item = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&item, &"from".into(), &(*from).into());
        let _ = js_sys::Reflect::set(&item, &"to".into(), &(*to).into());
        let _ = js_sys::Reflect::set(&item, &"insert".into(), &insert.as_str().into());
        list.push(&item);
    }
    list
}

/// The severities, in the order `web/editor/main.js` reads them.
const SEVERITIES: [&str; 4] = ["error", "warning", "info", "style"];

fn severity_index(severity: &str) -> u32 {
    SEVERITIES.iter().position(|s| *s == severity).unwrap_or(2) as u32
}

/// A diagnostic as the editor wants it: UTF-16 offsets.
pub struct EditorDiagnostic<'a> {
    pub from: u32,
    pub to: u32,
    pub severity: &'a str,
    pub code: &'a str,
    pub message: &'a str,
    pub fix: Option<&'a crate::workspace::QuickFix>,
}

/// While the user types, the page hears the new texts once typing pauses
/// this long (ms): a keystroke then costs the page nothing but the edit
/// itself (no render, no lint request), and the findings come once for the
/// text the user stopped at. CodeMirror's own lint waits 750 ms.
pub const SETTLE_MS: f64 = 100.0;

/// …plus this long per byte of the file typed into: a large file takes the
/// engine longer to check (about 0.1 s a megabyte), and its findings would
/// otherwise be redrawn at every short pause, each time for a text already
/// typed past (+100 ms a megabyte).
pub const SETTLE_MS_PER_BYTE: f64 = 100.0 / 1_000_000.0;

/// …and at least this often (ms) while typing goes on, so that findings
/// keep coming during a long stretch of typing…
pub const AT_LEAST_EVERY_MS: f64 = 1000.0;

/// …plus this long per byte: each round of findings for a large file costs
/// the page more (its text copied, its findings drawn), so it comes less
/// often while the user types (+2 s a megabyte).
pub const AT_LEAST_EVERY_MS_PER_BYTE: f64 = 2000.0 / 1_000_000.0;

/// What the page hears from its editor.
pub struct EditorEvents {
    /// On every edit, at once: the texts the page holds are out of date.
    pub on_typing: Box<dyn FnMut()>,
    /// (file id, text, version) once typing pauses, or on [`Editor::flush`].
    pub on_change: OnChange,
    /// The code of a rule whose page the hover card's "About" asks for.
    pub on_rule: Option<Box<dyn FnMut(String)>>,
    /// Editor help (completion, hover, definition, references, rename) for
    /// a file's current text: the answer as the editor reads it.
    pub on_assist: Option<AssistAnswer>,
}

/// How the page answers the editor's help.
pub type AssistAnswer = Box<dyn FnMut(AssistCall) -> JsValue>;

/// The editor's side of it: (request, file id, offset, extra) → answer.
type AssistClosure = Closure<dyn FnMut(String, u32, u32, String) -> JsValue>;

/// One question of the editor's help, about the text the editor holds now.
pub struct AssistCall<'a> {
    pub id: u32,
    pub text: &'a str,
    /// `complete`, `hover`, `definition`, `references` or `rename`.
    pub request: &'a str,
    /// The cursor, in bytes of `text`.
    pub offset: usize,
    /// The new name, for `rename`.
    pub extra: &'a str,
}

/// The editor and the callbacks it holds; dropping it would leave the
/// editor calling freed closures, so the page keeps it for its lifetime.
pub struct Editor {
    pub handle: EditorHandle,
    /// The text of each file the editor holds, as far as the edits go:
    /// an edit is applied to it, so only the edit crosses from the editor.
    texts: Texts,
    pending: Rc<Pending>,
    _on_change: Closure<dyn FnMut(u32, js_sys::Array, u32, u32)>,
    _on_rule: Option<Closure<dyn FnMut(String)>>,
    _on_assist: Option<AssistClosure>,
}

type Texts = Rc<RefCell<HashMap<u32, Tracked>>>;

/// Edited texts the page has not heard yet.
struct Pending {
    /// File ids and the editor's versions.
    files: RefCell<Vec<(u32, u32)>>,
    texts: Texts,
    /// When the oldest of them was typed.
    since: std::cell::Cell<f64>,
    timer: RefCell<Option<gloo_timers::callback::Timeout>>,
    on_change: RefCell<OnChange>,
}

type OnChange = Box<dyn FnMut(u32, Rc<str>, u32)>;

impl Pending {
    fn add(this: &Rc<Pending>, id: u32, version: u32) {
        let now = now();
        let mut files = this.files.borrow_mut();
        if files.is_empty() {
            this.since.set(now);
        }
        files.retain(|(held, _)| *held != id);
        files.push((id, version));
        drop(files);
        let size = this.texts.borrow().get(&id).map_or(0, |t| t.text().len());
        let settle = SETTLE_MS + size as f64 * SETTLE_MS_PER_BYTE;
        let every = AT_LEAST_EVERY_MS + size as f64 * AT_LEAST_EVERY_MS_PER_BYTE;
        let wait = settle.min(every - (now - this.since.get()));
        let weak = Rc::downgrade(this);
        *this.timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
            wait.max(0.0).ceil() as u32,
            move || {
                if let Some(this) = weak.upgrade() {
                    // This very timer: let go of it without cancelling it
                    // (it is running).
                    if let Some(running) = this.timer.borrow_mut().take() {
                        running.forget();
                    }
                    this.flush(None);
                }
            },
        ));
    }

    /// Tells the page the pending texts (of file `only`, or all).
    fn flush(&self, only: Option<u32>) {
        let due: Vec<(u32, u32)> = {
            let mut files = self.files.borrow_mut();
            let (due, kept) = files
                .drain(..)
                .partition(|(id, _)| only.is_none_or(|only| only == *id));
            *files = kept;
            due
        };
        if self.files.borrow().is_empty() {
            self.timer.borrow_mut().take();
        }
        for (id, version) in due {
            let text: Option<Rc<str>> = self.texts.borrow().get(&id).map(|t| Rc::from(t.text()));
            if let Some(text) = text {
                (self.on_change.borrow_mut())(id, text, version);
            }
        }
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The editor's flat edit list `[from, to, inserted, …]`.
fn read_edits(list: &js_sys::Array) -> Option<Vec<Edit>> {
    let items: Vec<JsValue> = list.iter().collect();
    items
        .chunks(3)
        .map(|edit| match edit {
            [from, to, insert] => Some(Edit {
                from: from.as_f64()? as u32,
                to: to.as_f64()? as u32,
                insert: insert.as_string()?,
            }),
            _ => None,
        })
        .collect()
}

impl Editor {
    /// Creates the CodeMirror editor in `parent`, or `None` when the editor
    /// script did not load (the page then offers a plain text area).
    pub fn create(
        parent: &web_sys::Element,
        read_only: bool,
        events: EditorEvents,
    ) -> Option<Editor> {
        let EditorEvents {
            mut on_typing,
            on_change,
            on_rule,
            on_assist,
        } = events;
        let texts: Texts = Rc::default();
        let handle_cell: Rc<RefCell<Option<EditorHandle>>> = Rc::default();
        let pending = Rc::new(Pending {
            files: RefCell::default(),
            texts: texts.clone(),
            since: std::cell::Cell::new(0.0),
            timer: RefCell::default(),
            on_change: RefCell::new(on_change),
        });
        let on_change = {
            let texts = texts.clone();
            let handle_cell = handle_cell.clone();
            let pending = pending.clone();
            Closure::new(
                move |id: u32, edits: js_sys::Array, length: u32, version: u32| {
                    let fits = {
                        let mut texts = texts.borrow_mut();
                        match (texts.get_mut(&id), read_edits(&edits)) {
                            (Some(held), Some(edits)) => held.edit(&edits, length),
                            _ => false,
                        }
                    };
                    // Edits that do not fit what the page holds (never
                    // expected): the whole text, read from the editor.
                    if !fits {
                        match handle_cell.borrow().as_ref().and_then(|h| h.text(id)) {
                            Some(text) => texts.borrow_mut().insert(id, Tracked::new(&text)),
                            None => return,
                        };
                    }
                    on_typing();
                    Pending::add(&pending, id, version);
                },
            )
        };
        let on_rule = on_rule.map(Closure::wrap);
        let rule_js = on_rule
            .as_ref()
            .map_or(JsValue::NULL, |c| c.as_ref().clone());
        // The help reads the text the editor holds now (kept in step by
        // every edit), not the page's copy, which waits for a pause.
        let on_assist = on_assist.map(|mut answer| {
            let texts = texts.clone();
            Closure::new(
                move |request: String, id: u32, offset: u32, extra: String| -> JsValue {
                    let texts = texts.borrow();
                    let Some(held) = texts.get(&id) else {
                        return JsValue::NULL;
                    };
                    let Some(offset) = held.byte_offset(offset) else {
                        return JsValue::NULL;
                    };
                    answer(AssistCall {
                        id,
                        text: held.text(),
                        request: &request,
                        offset,
                        extra: &extra,
                    })
                },
            )
        });
        let assist_js = on_assist.as_ref().map_or(
            JsValue::NULL,
            |c: &Closure<dyn FnMut(String, u32, u32, String) -> JsValue>| c.as_ref().clone(),
        );
        let handle = create_editor(parent, &on_change, read_only, &rule_js, &assist_js).ok()?;
        *handle_cell.borrow_mut() = Some(handle.clone().unchecked_into());
        Some(Editor {
            handle,
            texts,
            pending,
            _on_change: on_change,
            _on_rule: on_rule,
            _on_assist: on_assist,
        })
    }

    /// Shows a file; `language` is `dockerfile`, `yaml` or `plain`.
    pub fn open(&self, id: u32, name: &str, text: &Rc<str>, language: &str) {
        // The editor keeps the state of a file it already holds; what the
        // page holds of it is then the same text.
        self.texts
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| Tracked::new(text));
        self.handle.open(id, name, text, language);
    }

    pub fn rename(&self, id: u32, name: &str, language: &str) {
        self.handle.rename(id, name, language);
    }

    /// Forgets file `id` (its text is about to be replaced); what was typed
    /// into it is told to the page first.
    pub fn close(&self, id: u32) {
        self.pending.flush(Some(id));
        self.texts.borrow_mut().remove(&id);
        self.handle.close(id);
    }

    /// Tells the page every text typed and not yet told, now: before the
    /// page reads its texts (to share, save or replace them).
    pub fn flush(&self) {
        self.pending.flush(None);
    }

    /// Applies a quick fix's changes to file `id` as an edit of its own
    /// (one undo step); false if the editor does not hold the file.
    pub fn apply_changes(&self, id: u32, changes: &[(u32, u32, String)]) -> bool {
        self.handle.apply_changes_js(id, &changes_array(changes))
    }

    /// Thousands of diagnostics cross as three values, not as thousands
    /// of objects: per diagnostic, (from, to, severity, fix) in `numbers`
    /// and its code and message in `texts`, each ended by a NUL; the fixes
    /// (few) as objects, indexed from `numbers`.
    pub fn set_diagnostics(&self, id: u32, version: u32, diagnostics: &[EditorDiagnostic]) {
        const NO_FIX: u32 = u32::MAX;
        let mut numbers = Vec::with_capacity(diagnostics.len() * 4);
        let mut texts = String::new();
        let fixes = js_sys::Array::new();
        for d in diagnostics {
            let fix = match d.fix {
                Some(fix) => {
                    let item = js_sys::Object::new();
                    let _ =
                        js_sys::Reflect::set(&item, &"title".into(), &fix.title.as_str().into());
                    let _ = js_sys::Reflect::set(
                        &item,
                        &"changes".into(),
                        &changes_array(&fix.changes),
                    );
                    // push answers the new length.
                    fixes.push(&item) - 1
                }
                None => NO_FIX,
            };
            numbers.extend([d.from, d.to, severity_index(d.severity), fix]);
            for text in [d.code, d.message] {
                // A NUL ends a text; one inside a message (from the file)
                // shows as the replacement character.
                texts.extend(text.chars().map(|c| if c == '\0' { '\u{fffd}' } else { c }));
                texts.push('\0');
            }
        }
        self.handle
            .set_diagnostics_js(id, version, &numbers, &texts, &fixes);
    }
}
