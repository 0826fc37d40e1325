//! The model Docker Compose will run for the workspace (`docker compose
//! config`): files merged, `include` and `extends` applied, variables from
//! the workspace's `.env`, short syntax expanded, in YAML or JSON. Each
//! line that shows a written value jumps to it. The profile picker sets
//! which profiles are active, for this view and for the findings.
//! Worked out (`resolved.rs`) in the engine's panel worker while the
//! panel is open, or on the page when no worker runs.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::panel_worker::{request, use_worked_out, Files};
use crate::resolved::{decode, resolved, Format, Resolved};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The workspace's files: (id, name, text).
    pub files: Rc<Vec<(u32, String, String)>>,
    /// The active profiles.
    pub profiles: Rc<Vec<String>>,
    pub on_profiles: Callback<Vec<String>>,
    /// Shows a span of a file: (id, from, to) in editor offsets.
    pub on_jump: Callback<(u32, u32, u32)>,
}

type Inputs = (Files, Rc<Vec<String>>, Format);

fn ask((files, profiles, format): &Inputs, generation: u32) -> (js_sys::Object, js_sys::Array) {
    let names: js_sys::Array = profiles.iter().map(|p| JsValue::from_str(p)).collect();
    request(
        "resolved",
        generation,
        files,
        &[("format", format.name().into()), ("profiles", names.into())],
    )
}

fn here((files, profiles, format): &Inputs) -> Resolved {
    resolved(files, profiles, *format)
}

#[function_component(ResolvedPanel)]
pub fn resolved_panel(props: &Props) -> Html {
    let format = use_state(|| Format::Yaml);
    let inputs = (props.files.clone(), props.profiles.clone(), *format);
    let Some(contents) = use_worked_out(inputs, ask, decode, here) else {
        return html! {
            <section class="resolved-panel" aria-label="Resolved compose model">
                <h2>{ "What Docker Compose runs" }</h2>
                <p class="hint" role="status">{ "Resolving…" }</p>
            </section>
        };
    };
    let available = &contents.profiles;
    let lines = contents.model.clone();

    let toggle = |profile: String| {
        let active = props.profiles.clone();
        let on_profiles = props.on_profiles.clone();
        Callback::from(move |event: Event| {
            let checked = event
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            let mut next: Vec<String> = active.iter().filter(|p| **p != profile).cloned().collect();
            if checked {
                next.push(profile.clone());
                dockwright_core::sort::sort(&mut next);
            }
            on_profiles.emit(next);
        })
    };
    let picker = if available.is_empty() {
        html! { <p class="hint">{ "No service has profiles: every service runs." }</p> }
    } else {
        html! {
            <fieldset class="profiles">
                <legend>{ "Active profiles" }</legend>
                { for available.iter().map(|p| html! {
                    <label>
                        <input type="checkbox" checked={props.profiles.contains(p)} onchange={toggle(p.clone())} />
                        { format!(" {p}") }
                    </label>
                }) }
                <p class="hint">{ "Services in no active profile do not run: they are left out here and clash with no other service in Findings (as docker compose --profile)." }</p>
            </fieldset>
        }
    };
    let set_format = |value: Format| {
        let format = format.clone();
        Callback::from(move |_: MouseEvent| format.set(value))
    };
    let body = match lines {
        Err(why) => html! { <p class="resolved-refused" role="status">{ why }</p> },
        Ok((lines, unset)) => html! {
            <>
            if !unset.is_empty() {
                <p class="hint" role="note">{ format!("Not set, so blank (as Docker Compose makes them): {}. Set them in a .env file.", unset.join(", ")) }</p>
            }
            <pre class="resolved" aria-label="The resolved model">
                { for lines.into_iter().map(|line| match line.source {
                    Some((id, from, to, name, number)) => {
                        let on_jump = props.on_jump.clone();
                        html! {
                            <button type="button" class="resolved-line" title={format!("Written in {name}, line {number}")}
                                aria-label={format!("{} — written in {name}, line {number}", line.text.trim())}
                                onclick={Callback::from(move |_: MouseEvent| on_jump.emit((id, from, to)))}>
                                { line.text }
                            </button>
                        }
                    }
                    None => html! { <span class="resolved-line">{ line.text }</span> },
                }) }
            </pre>
            </>
        },
    };
    html! {
        <section class="resolved-panel" aria-label="Resolved compose model">
            <h2>{ "What Docker Compose runs" }</h2>
            <p class="hint">{ "The compose files merged, include and extends applied, variables from .env, short syntax expanded: docker compose config. Click a line to see where it was written." }</p>
            { picker }
            <div class="format-switch" role="group" aria-label="Format">
                <button type="button" aria-pressed={(*format == Format::Yaml).to_string()} onclick={set_format(Format::Yaml)}>{ "YAML" }</button>
                <button type="button" aria-pressed={(*format == Format::Json).to_string()} onclick={set_format(Format::Json)}>{ "JSON" }</button>
            </div>
            { body }
        </section>
    }
}
