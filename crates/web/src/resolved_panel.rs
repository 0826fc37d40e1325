//! The model Docker Compose will run for the workspace (`docker compose
//! config`): files merged, `include` and `extends` applied, variables from
//! the workspace's `.env`, short syntax expanded, in YAML or JSON. Each
//! line that shows a written value jumps to it. The profile picker sets
//! which profiles are active, for this view and for the findings.
//! Computed only while the panel is open.

use std::rc::Rc;

use dockwright_core::compose::{output, resolve};
use dockwright_core::lint::{config, ConfigHost};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{FileKind, Settings, Severity};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::positions::utf16_offsets;

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

/// The project directory the page's paths are resolved in.
const PROJECT_DIR: &str = "/project";

/// Lines drawn at most, so that a huge model does not redraw thousands of
/// rows on every keystroke while the panel is open.
const MAX_LINES: usize = 2_000;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Yaml,
    Json,
}

/// Every profile a compose file of the workspace names, sorted.
fn profiles_in(files: &[(u32, String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, name, text) in files {
        let base = name.rsplit('/').next().unwrap_or(name);
        if FileKind::from_name(base) != Some(FileKind::Compose) {
            continue;
        }
        let document = dockwright_core::yaml::parse(text);
        let services = document.root.as_ref().and_then(|r| r.get("services"));
        for entry in services.map(|s| s.entries()).unwrap_or_default() {
            for profile in entry
                .value
                .get("profiles")
                .map(|p| p.items())
                .unwrap_or_default()
            {
                if let Some(p) = profile.as_str() {
                    out.push(p.to_string());
                }
            }
        }
    }
    dockwright_core::sort::sort(&mut out);
    out.dedup();
    out
}

/// A printed line and where its value was written: (file id, from, to).
struct Line {
    text: String,
    source: Option<(u32, u32, u32, String, usize)>,
}

/// The model printed with the variables it found unset, or why there is
/// no model.
fn resolved(
    files: &[(u32, String, String)],
    profiles: &[String],
    format: Format,
) -> Result<(Vec<Line>, Vec<String>), String> {
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(_, name, text)| ProjectFile { path: name, text })
        .collect();
    let project = Project {
        files: &project_files,
        ..Project::default()
    };
    let settings = Settings {
        profiles: profiles.to_vec(),
        ..Settings::default()
    };
    let host = ConfigHost {
        project_name: None,
        project_dir: PROJECT_DIR,
        home: None,
    };
    let result = config(&project, &settings, &host);
    let Some(model) = result.model.as_ref() else {
        let errors: usize = result
            .reports
            .iter()
            .map(|r| {
                r.findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count()
            })
            .sum();
        return Err(if errors == 0 {
            "No compose file: add compose.yaml to see the model Docker Compose runs.".into()
        } else {
            format!("Docker Compose would refuse these files ({errors} error(s)): fix the errors in Findings first.")
        });
    };
    let printed = match format {
        Format::Yaml => output::to_yaml(&resolve::for_yaml(model)),
        Format::Json => output::to_json(&resolve::for_json(model)),
    };
    // Compose's "variable is not set" warnings name the variable first.
    let mut unset: Vec<String> = result
        .reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter(|f| {
            f.message
                .ends_with("variable is not set. Defaulting to a blank string.")
        })
        .filter_map(|f| f.message.split('"').nth(1).map(str::to_string))
        .collect();
    dockwright_core::sort::sort(&mut unset);
    unset.dedup();
    let mut lines: Vec<Line> = Vec::new();
    for (text, span) in printed
        .text
        .lines()
        .zip(printed.lines.iter())
        .take(MAX_LINES)
    {
        let source = span.and_then(|span| {
            let (path, local) = result.locate(span)?;
            let (id, name, file_text) = files.iter().find(|(_, n, _)| n == path)?;
            let offsets = utf16_offsets(file_text, &[local.start, local.end]);
            let line = file_text[..local.start.min(file_text.len())]
                .matches('\n')
                .count()
                + 1;
            Some((*id, offsets[0], offsets[1], name.clone(), line))
        });
        lines.push(Line {
            text: text.to_string(),
            source,
        });
    }
    Ok((lines, unset))
}

#[function_component(ResolvedPanel)]
pub fn resolved_panel(props: &Props) -> Html {
    let format = use_state(|| Format::Yaml);
    let available = profiles_in(&props.files);
    let lines = resolved(&props.files, &props.profiles, *format);

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
