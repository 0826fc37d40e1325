//! Bindings to the CodeMirror view in `web/editor/main.js`: one editor that
//! shows one file of the workspace at a time.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The handle `DockwrightEditor.create` returns.
    pub type EditorHandle;

    #[wasm_bindgen(catch, js_namespace = DockwrightEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::Element,
        on_change: &Closure<dyn FnMut(u32, String, u32)>,
        read_only: bool,
        on_rule: &JsValue,
    ) -> Result<EditorHandle, JsValue>;

    #[wasm_bindgen(method)]
    fn open(this: &EditorHandle, id: u32, name: &str, text: &str, kind: &str);

    #[wasm_bindgen(method)]
    fn rename(this: &EditorHandle, id: u32, name: &str, kind: &str);

    #[wasm_bindgen(method)]
    fn close(this: &EditorHandle, id: u32);

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics_js(this: &EditorHandle, id: u32, version: u32, list: &js_sys::Array);

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

/// A diagnostic as the editor wants it: UTF-16 offsets.
pub struct EditorDiagnostic<'a> {
    pub from: u32,
    pub to: u32,
    pub severity: &'a str,
    pub code: &'a str,
    pub message: &'a str,
    pub fix: Option<&'a crate::workspace::QuickFix>,
}

/// The editor and the change callback it holds; dropping it would leave the
/// editor calling a freed closure, so the page keeps it for its lifetime.
pub struct Editor {
    pub handle: EditorHandle,
    _on_change: Closure<dyn FnMut(u32, String, u32)>,
    _on_rule: Option<Closure<dyn FnMut(String)>>,
}

impl Editor {
    /// Creates the CodeMirror editor in `parent`, or `None` when the editor
    /// script did not load (the page then offers a plain text area).
    /// `on_change` hears (file id, text, version) on every edit.
    /// `on_rule` hears the code of a rule whose page the hover card's
    /// "About" action asks for.
    pub fn create(
        parent: &web_sys::Element,
        read_only: bool,
        on_change: impl FnMut(u32, String, u32) + 'static,
        on_rule: Option<Box<dyn FnMut(String)>>,
    ) -> Option<Editor> {
        let on_change = Closure::new(on_change);
        let on_rule = on_rule.map(Closure::wrap);
        let rule_js = on_rule
            .as_ref()
            .map_or(JsValue::NULL, |c| c.as_ref().clone());
        let handle = create_editor(parent, &on_change, read_only, &rule_js).ok()?;
        Some(Editor {
            handle,
            _on_change: on_change,
            _on_rule: on_rule,
        })
    }

    /// Shows a file; `language` is `dockerfile`, `yaml` or `plain`.
    pub fn open(&self, id: u32, name: &str, text: &str, language: &str) {
        self.handle.open(id, name, text, language);
    }

    pub fn rename(&self, id: u32, name: &str, language: &str) {
        self.handle.rename(id, name, language);
    }

    pub fn close(&self, id: u32) {
        self.handle.close(id);
    }

    /// Applies a quick fix's changes to file `id` as an edit of its own
    /// (one undo step); false if the editor does not hold the file.
    pub fn apply_changes(&self, id: u32, changes: &[(u32, u32, String)]) -> bool {
        self.handle.apply_changes_js(id, &changes_array(changes))
    }

    pub fn set_diagnostics(&self, id: u32, version: u32, diagnostics: &[EditorDiagnostic]) {
        let list = js_sys::Array::new();
        for d in diagnostics {
            let item = js_sys::Object::new();
            let set = |key: &str, value: JsValue| {
                let _ = js_sys::Reflect::set(&item, &JsValue::from_str(key), &value);
            };
            set("from", d.from.into());
            set("to", d.to.into());
            set("severity", d.severity.into());
            set("code", d.code.into());
            set("message", d.message.into());
            if let Some(fix) = d.fix {
                set("fixTitle", fix.title.as_str().into());
                set("fixChanges", changes_array(&fix.changes).into());
            }
            list.push(&item);
        }
        self.handle.set_diagnostics_js(id, version, &list);
    }
}
