//! The workspace as JSON (`{"files": [{"name", "text"}], "active": name}`),
//! kept in the browser's localStorage so that a reload (or the next visit,
//! offline too) finds the files as they were left, and carried by share
//! links. JSON goes through the browser's own parser: no JSON crate in the
//! page.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::course::{Course, Exercise};
use crate::workspace::Workspace;

const KEY: &str = "dockwright.workspace.v1";
/// The workspace a shared link replaced, so that it can be restored.
const BACKUP_KEY: &str = "dockwright.backup.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn files_to_js(files: &[(String, String)]) -> Array {
    let list = Array::new();
    for (name, text) in files {
        let item = Object::new();
        let _ = Reflect::set(&item, &"name".into(), &JsValue::from_str(name));
        let _ = Reflect::set(&item, &"text".into(), &JsValue::from_str(text));
        list.push(&item);
    }
    list
}

fn files_from_js(value: &JsValue) -> Option<Vec<(String, String)>> {
    let files: Array = value.clone().dyn_into().ok()?;
    files
        .iter()
        .map(|file| {
            Some((
                Reflect::get(&file, &"name".into()).ok()?.as_string()?,
                Reflect::get(&file, &"text".into()).ok()?.as_string()?,
            ))
        })
        .collect()
}

fn course_to_js(course: &Course) -> JsValue {
    let exercises = Array::new();
    for exercise in &course.exercises {
        let item = Object::new();
        let _ = Reflect::set(&item, &"title".into(), &JsValue::from_str(&exercise.title));
        let _ = Reflect::set(&item, &"task".into(), &JsValue::from_str(&exercise.task));
        if !exercise.hint.is_empty() {
            let _ = Reflect::set(&item, &"hint".into(), &JsValue::from_str(&exercise.hint));
        }
        if let Some(index) = exercise.builtin {
            let _ = Reflect::set(&item, &"builtin".into(), &JsValue::from_f64(index as f64));
        }
        let _ = Reflect::set(&item, &"start".into(), &files_to_js(&exercise.start));
        if let Some(work) = &exercise.work {
            let _ = Reflect::set(&item, &"work".into(), &files_to_js(work));
        }
        let _ = Reflect::set(
            &item,
            &"solved".into(),
            &JsValue::from_bool(exercise.solved),
        );
        exercises.push(&item);
    }
    let value = Object::new();
    let _ = Reflect::set(&value, &"exercises".into(), &exercises);
    if let Some(current) = course.current {
        let _ = Reflect::set(
            &value,
            &"current".into(),
            &JsValue::from_f64(current as f64),
        );
    }
    value.into()
}

fn course_from_js(value: &JsValue) -> Option<Course> {
    let list: Array = Reflect::get(value, &"exercises".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let mut exercises = Vec::new();
    for item in list.iter() {
        let title = Reflect::get(&item, &"title".into()).ok()?.as_string()?;
        let task = Reflect::get(&item, &"task".into())
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default();
        let start = files_from_js(&Reflect::get(&item, &"start".into()).ok()?)?;
        if start.is_empty() {
            return None;
        }
        let work = Reflect::get(&item, &"work".into())
            .ok()
            .and_then(|w| files_from_js(&w));
        let solved = Reflect::get(&item, &"solved".into())
            .ok()
            .and_then(|s| s.as_bool())
            .unwrap_or(false);
        let hint = Reflect::get(&item, &"hint".into())
            .ok()
            .and_then(|h| h.as_string())
            .unwrap_or_default();
        let builtin = Reflect::get(&item, &"builtin".into())
            .ok()
            .and_then(|b| b.as_f64())
            .map(|b| b as usize)
            .filter(|&b| b < dockwright_core::course::COURSE.len());
        exercises.push(Exercise {
            title,
            task,
            hint,
            builtin,
            start,
            work,
            solved,
        });
    }
    let current = Reflect::get(value, &"current".into())
        .ok()
        .and_then(|c| c.as_f64())
        .map(|c| c as usize)
        .filter(|&c| c < exercises.len());
    Some(Course { exercises, current })
}

/// A course to hand out: its first exercise open, no learner's work.
pub fn course_json(course: &Course, settings_text: &str) -> Option<String> {
    let handout = Course {
        current: Some(0),
        ..course.handout()
    };
    let first = handout.exercises.first()?;
    let value = Object::new();
    let _ = Reflect::set(&value, &"files".into(), &files_to_js(&first.start));
    let _ = Reflect::set(&value, &"course".into(), &course_to_js(&handout));
    if !settings_text.is_empty() {
        let _ = Reflect::set(
            &value,
            &"settings".into(),
            &JsValue::from_str(settings_text),
        );
    }
    JSON::stringify(&value).ok()?.as_string()
}

/// The workspace in `text`, if it is one. Names that the page would refuse
/// (a link can carry anything) become `file-N`.
pub fn from_json(text: &str) -> Option<Workspace> {
    let value = JSON::parse(text).ok()?;
    let files: Array = Reflect::get(&value, &"files".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let list = files_from_js(&files)?;
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
    workspace.course = Reflect::get(&value, &"course".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| course_from_js(&c));
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
    let files: Vec<(String, String)> = workspace
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.to_string()))
        .collect();
    let value = Object::new();
    let _ = Reflect::set(&value, &"files".into(), &files_to_js(&files));
    if let Some(course) = &workspace.course {
        let _ = Reflect::set(&value, &"course".into(), &course_to_js(course));
    }
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
