//! The workspace kept in the browser's localStorage, so that a reload (or
//! the next visit, offline too) finds the files as they were left.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::workspace::Workspace;

const KEY: &str = "dockwright.workspace.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved workspace, if there is a readable one.
pub fn load() -> Option<Workspace> {
    let text = storage()?.get_item(KEY).ok()??;
    let value = JSON::parse(&text).ok()?;
    let files: Array = Reflect::get(&value, &"files".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let mut list = Vec::new();
    for file in files.iter() {
        let name = Reflect::get(&file, &"name".into()).ok()?.as_string()?;
        let text = Reflect::get(&file, &"text".into()).ok()?.as_string()?;
        list.push((name, text));
    }
    let active = Reflect::get(&value, &"active".into())
        .ok()
        .and_then(|a| a.as_string());
    let mut workspace = Workspace::from_files(list)?;
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

/// Saves the workspace; a full or disabled storage is not an error the
/// user can act on, so it is ignored.
pub fn save(workspace: &Workspace) {
    let Some(storage) = storage() else { return };
    let files = Array::new();
    for file in &workspace.files {
        let item = Object::new();
        let _ = Reflect::set(&item, &"name".into(), &JsValue::from_str(&file.name));
        let _ = Reflect::set(&item, &"text".into(), &JsValue::from_str(&file.text));
        files.push(&item);
    }
    let value = Object::new();
    let _ = Reflect::set(&value, &"files".into(), &files);
    let _ = Reflect::set(
        &value,
        &"active".into(),
        &JsValue::from_str(&workspace.active_file().name),
    );
    if let Some(text) = JSON::stringify(&value).ok().and_then(|s| s.as_string()) {
        let _ = storage.set_item(KEY, &text);
    }
}
