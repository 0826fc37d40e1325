//! The workspace as JSON (`{"files": [{"name", "text"}], "active": name}`),
//! kept in the browser's localStorage so that a reload (or the next visit,
//! offline too) finds the files as they were left, and carried by share
//! links. JSON goes through the browser's own parser: no JSON crate in the
//! page.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::workspace::Workspace;

const KEY: &str = "dockwright.workspace.v1";
/// The workspace a shared link replaced, so that it can be restored.
const BACKUP_KEY: &str = "dockwright.backup.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The workspace in `text`, if it is one. Names that the page would refuse
/// (a link can carry anything) become `file-N`.
pub fn from_json(text: &str) -> Option<Workspace> {
    let value = JSON::parse(text).ok()?;
    let files: Array = Reflect::get(&value, &"files".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let mut list: Vec<(String, String)> = Vec::new();
    for file in files.iter() {
        let name = Reflect::get(&file, &"name".into()).ok()?.as_string()?;
        let text = Reflect::get(&file, &"text".into()).ok()?.as_string()?;
        list.push((name, text));
    }
    let active = Reflect::get(&value, &"active".into())
        .ok()
        .and_then(|a| a.as_string());
    let mut workspace = Workspace::from_untrusted(list)?;
    if let Some(settings) = Reflect::get(&value, &"settings".into())
        .ok()
        .and_then(|s| s.as_string())
    {
        workspace.set_settings(settings);
    }
    if let Some(id) = active.and_then(|name| {
        workspace
            .files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.id)
    }) {
        workspace.active = id;
    }
    Some(workspace)
}

pub fn to_json(workspace: &Workspace) -> String {
    let files = Array::new();
    for file in &workspace.files {
        let item = Object::new();
        let _ = Reflect::set(&item, &"name".into(), &JsValue::from_str(&file.name));
        let _ = Reflect::set(&item, &"text".into(), &JsValue::from_str(&file.text));
        files.push(&item);
    }
    let value = Object::new();
    let _ = Reflect::set(&value, &"files".into(), &files);
    if !workspace.settings_text.is_empty() {
        let _ = Reflect::set(
            &value,
            &"settings".into(),
            &JsValue::from_str(&workspace.settings_text),
        );
    }
    let _ = Reflect::set(
        &value,
        &"active".into(),
        &JsValue::from_str(&workspace.active_file().name),
    );
    JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// The saved workspace, if there is a readable one.
pub fn load() -> Option<Workspace> {
    from_json(&storage()?.get_item(KEY).ok()??)
}

/// Saves the workspace; a full or disabled storage is not an error the
/// user can act on, so it is ignored.
pub fn save(workspace: &Workspace) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, &to_json(workspace));
    }
}

/// Keeps `workspace` aside before a shared link replaces it.
pub fn save_backup(workspace: &Workspace) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(BACKUP_KEY, &to_json(workspace));
    }
}

pub fn load_backup() -> Option<Workspace> {
    from_json(&storage()?.get_item(BACKUP_KEY).ok()??)
}
