//! `@dockwright/engine`: Dockwright's engine for JavaScript, in the browser
//! (an ES module) and in Node, built with wasm-pack. The same core as the
//! playground and the `dockwright` command: the same findings everywhere.
//! The functions take and return plain objects (see the TypeScript types
//! below); a bad argument throws an `Error` that says what was expected.

mod api;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A file: its path (its name decides its kind unless `kind` says) and its text. */
export interface FileInput { path: string; text: string; kind?: "dockerfile" | "compose" }
export type Severity = "error" | "warning" | "info" | "style";
/** A replacement of `text.slice(from, to)` (UTF-16 indices, as JavaScript strings count). */
export interface Edit { from: number; to: number; text: string }
export interface Finding {
  file: string;
  /** 1-based; columns count characters; the end is exclusive. */
  line: number; column: number; endLine: number; endColumn: number;
  /** Indices into the file's text, as JavaScript strings count (UTF-16). */
  from: number; to: number;
  /** hadolint's id where hadolint has the rule, else BuildKit's, else Dockwright's. */
  code: string;
  /** The same rule's ids in the other tools. */
  aliases: string[];
  severity: Severity;
  message: string;
  /** The quick fix, when the change is unambiguous. */
  fix?: { title: string; edits: Edit[] };
}
/** A settings file's text (dockwright.yaml, .hadolint.yaml) or the same as an object. */
export type Settings = string | Record<string, unknown>;
export interface LintOptions {
  /** Compose files to merge, in order (as `docker compose -f`). */
  composeFiles?: string[];
  /** Env files interpolation reads, in order (default: the project's `.env`). */
  envFiles?: string[];
  /** Active compose profiles. */
  profiles?: string[];
}
export interface Fixed { text: string; applied: string[] }
export interface Rule {
  code: string; aliases: string[]; summary: string; severity: Severity;
  origin: "buildkit" | "hadolint" | "compose" | "dclint" | "shellcheck" | "dockwright";
  offByDefault: boolean;
  /** Markdown: what it does, why, an example, what to write instead. */
  docs: string;
}
export type PatternParam =
  { key: string; label: string; help: string; kind:
    | { type: "choice"; options: { value: string; label: string; when: [string, string] | null }[] }
    | { type: "port"; default: number }
    | { type: "text"; default: string } };
export interface Pattern {
  id: string; title: string; summary: string; when: string;
  practices: string[]; params: PatternParam[];
}
export interface PatternFile { path: string; text: string; notes: { line: number; note: string }[] }
"#;

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| error(format!("{what}: {e}")))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(error)
}

/// An optional argument's value; `undefined` and `null` are not given.
fn given(value: Option<JsValue>) -> Option<JsValue> {
    value.filter(|v| !v.is_undefined() && !v.is_null())
}

/// Settings given as YAML text, as an object, or not at all.
fn read_settings(value: Option<JsValue>) -> Result<dockwright_core::Settings, JsError> {
    let Some(value) = given(value) else {
        return Ok(dockwright_core::Settings::default());
    };
    let text = match value.as_string() {
        Some(text) => text,
        // JSON is YAML: an object goes through the same reader.
        None => js_sys_json(&value)?,
    };
    api::settings(Some(&text)).map_err(error)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

fn js_sys_json(value: &JsValue) -> Result<String, JsError> {
    json_stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("settings: a YAML string or a plain object"))
}

/// Files as an array of `{ path, text }` or an object of path → text.
fn read_files(value: JsValue) -> Result<Vec<api::FileInput>, JsError> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Files {
        List(Vec<api::FileInput>),
        Map(BTreeMap<String, String>),
    }
    let files: Files = from_js(
        value,
        "files: an array of { path, text } or an object of path → text",
    )?;
    Ok(match files {
        Files::List(list) => list,
        Files::Map(map) => map
            .into_iter()
            .map(|(path, text)| api::FileInput {
                path,
                text,
                kind: None,
            })
            .collect(),
    })
}

/// Lints files: one alone, or several as one project (compose files merged,
/// each service's build followed to its Dockerfile, `.dockerignore` and
/// `.env` applied). Findings come in file order, then by position.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn lint(
    #[wasm_bindgen(unchecked_param_type = "FileInput[] | Record<string, string>")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Settings")] settings: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "LintOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let files = read_files(files)?;
    let settings = read_settings(settings)?;
    let options: api::LintOptions = match given(options) {
        None => api::LintOptions::default(),
        Some(options) => from_js(options, "options")?,
    };
    to_js(&api::lint(&files, &settings, &options))
}

/// Applies the safe quick fixes to one file (only those of the rules named
/// in `only`, codes or aliases, when given); a fix that would add an error
/// is not applied.
#[wasm_bindgen(unchecked_return_type = "Fixed")]
pub fn fix(
    #[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Settings")] settings: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "string[]")] only: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let file: api::FileInput = from_js(file, "file: { path, text }")?;
    let settings = read_settings(settings)?;
    let only: Vec<String> = match given(only) {
        None => Vec::new(),
        Some(only) => from_js(only, "only: an array of rule codes")?,
    };
    to_js(&api::fix(&file, &settings, &only))
}

/// Formats a Dockerfile or a compose file without changing what it builds
/// or runs; throws with the reason (file:line:column) when it cannot.
#[wasm_bindgen]
pub fn format(
    #[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Settings")] settings: Option<JsValue>,
) -> Result<String, JsError> {
    let file: api::FileInput = from_js(file, "file: { path, text }")?;
    let settings = read_settings(settings)?;
    api::format(&file, &settings).map_err(error)
}

/// Every rule, with its docs.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&api::rules())
}

/// The pattern catalogue: each pattern with its parameters.
#[wasm_bindgen(unchecked_return_type = "Pattern[]")]
pub fn patterns() -> Result<JsValue, JsError> {
    to_js(api::patterns())
}

/// A pattern's files, for parameters given by key (the others take their
/// defaults); throws when a value cannot be used.
#[wasm_bindgen(js_name = renderPattern, unchecked_return_type = "PatternFile[]")]
pub fn render_pattern(
    id: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string>")] params: Option<
        JsValue,
    >,
) -> Result<JsValue, JsError> {
    let params: BTreeMap<String, String> = match given(params) {
        None => BTreeMap::new(),
        Some(params) => from_js(params, "params: an object of key → value")?,
    };
    to_js(&api::render_pattern(id, &params).map_err(error)?)
}

/// The engine's version (the `dockwright` command's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
