//! Bindings to `web/editor/share.js`: share links (`#v1=` + deflate +
//! base64url in the URL fragment) and the clipboard.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = DockwrightShare, js_name = link)]
    fn link_js(json: &str, done: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_namespace = DockwrightShare, js_name = copy)]
    fn copy_js(text: &str, done: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_namespace = DockwrightFiles, js_name = download)]
    fn download_js(name: &str, text: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_namespace = DockwrightFiles, js_name = pick)]
    fn pick_js(accept: &str, done: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_namespace = DockwrightEmbed, js_name = reportHeight)]
    fn report_height_js() -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_namespace = DockwrightShare, js_name = watchHash)]
    fn watch_hash_js(on_link: &JsValue) -> Result<(), JsValue>;
}

/// Makes the link to `json`; `done` gets it, or `None` when it could not
/// be made (the share script missing, or the browser refusing).
pub fn link(json: &str, done: impl FnOnce(Option<String>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let callback = {
        let done = done.clone();
        Closure::once_into_js(move |url: String| {
            if let Some(done) = done.borrow_mut().take() {
                done(Some(url).filter(|u| !u.is_empty()));
            }
        })
    };
    if link_js(json, &callback).is_err() {
        if let Some(done) = done.borrow_mut().take() {
            done(None);
        }
    }
}

/// Puts `text` on the clipboard; `done(false)` when the browser refused.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let callback = {
        let done = done.clone();
        Closure::once_into_js(move |ok: bool| {
            if let Some(done) = done.borrow_mut().take() {
                done(ok);
            }
        })
    };
    if copy_js(text, &callback).is_err() {
        if let Some(done) = done.borrow_mut().take() {
            done(false);
        }
    }
}

/// What a `#v1=` share link carried.
pub enum Hash {
    /// The link's JSON.
    Shared(String),
    /// A link that could not be read (cut off, or edited).
    Broken,
}

/// Calls `on_link` for the share link the page was opened with, and for
/// each one pasted into the tab later. Lives as long as the page.
pub fn watch_hash(mut on_link: impl FnMut(Hash) + 'static) {
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
        on_link(match value.as_string() {
            None => Hash::Broken,
            Some(json) => Hash::Shared(json),
        })
    });
    if watch_hash_js(callback.as_ref()).is_ok() {
        // The page never stops listening; the closure must outlive this call.
        callback.forget();
    }
}

/// Offers `text` as a download called `name`.
pub fn download(name: &str, text: &str) {
    let _ = download_js(name, text);
}

/// Lets the user pick a text file; `done` gets its text (`None`: unreadable).
pub fn pick(accept: &str, done: impl FnOnce(Option<String>) + 'static) {
    let callback = Closure::once_into_js(move |text: JsValue| done(text.as_string()));
    let _ = pick_js(accept, &callback);
}

/// In a frame, keeps the embedding page told of the content's height.
pub fn report_height() {
    let _ = report_height_js();
}
