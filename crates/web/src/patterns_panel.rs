//! The pattern gallery: the catalogue, a pattern's parameters with its files
//! previewed live as they change (each explained line marked), and the two
//! ways to use them: open as a new project, or apply to the current files
//! after seeing the diff.
//!
//! A pattern renders here, on the page, unlike the other panels' work: a
//! render takes microseconds (about 6 µs natively over the whole
//! catalogue's combinations), less than a round trip to a worker would
//! add to each change of a parameter.

use std::rc::Rc;

use dockwright_core::patterns::{self, GeneratedFile, ParamKind, Pattern, CATALOGUE};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::diff_view::{file_diff, inline_code};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The workspace's files (name, text), to compare against.
    pub files: Rc<Vec<(String, String)>>,
    /// Opens the files as the whole workspace.
    pub on_open: Callback<Vec<(String, String)>>,
    /// Writes the files into the workspace (replacing same-named ones).
    pub on_apply: Callback<Vec<(String, String)>>,
}

#[function_component(PatternsPanel)]
pub fn patterns_panel(props: &Props) -> Html {
    let selected = use_state(|| None::<&'static str>);
    let given = use_state(Vec::<(String, String)>::new);
    let shown_file = use_state(|| 0usize);
    let reviewing = use_state(|| false);

    let Some(pattern) = selected.and_then(patterns::find) else {
        let cards = CATALOGUE.iter().map(|pattern| {
            let open = {
                let selected = selected.setter();
                let given = given.setter();
                let shown_file = shown_file.setter();
                let reviewing = reviewing.setter();
                let id = pattern.id;
                Callback::from(move |_: MouseEvent| {
                    selected.set(Some(id));
                    given.set(Vec::new());
                    shown_file.set(0);
                    reviewing.set(false);
                })
            };
            html! {
                <li>
                    <button class="pattern-card" onclick={open}>
                        <strong>{ pattern.title }</strong>
                        <span>{ inline_code(pattern.summary) }</span>
                    </button>
                </li>
            }
        });
        return html! {
            <div class="patterns" aria-label="Patterns">
                <p class="panel-intro">{ "Proven setups as generators: pick one, set its parameters, see its files, then open them or apply them to yours. Every combination lints clean." }</p>
                <ul class="pattern-list">{ for cards }</ul>
            </div>
        };
    };

    let pairs: Vec<(&str, &str)> = given
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resolved = pattern.resolve(&pairs);
    // A bad value is shown at its field; the preview keeps the defaults
    // for it, so it never goes blank while typing.
    let (values, error) = match resolved {
        Ok(values) => (values, None),
        Err(error) => {
            let good: Vec<(&str, &str)> = pairs
                .iter()
                .copied()
                .filter(|(k, _)| *k != error.key)
                .collect();
            (pattern.resolve(&good).unwrap_or_default(), Some(error))
        }
    };
    let files: Vec<GeneratedFile> = (pattern.render)(&values);
    let set = {
        let given = given.clone();
        Callback::from(move |(key, value): (&'static str, String)| {
            let mut next: Vec<(String, String)> =
                given.iter().filter(|(k, _)| k != key).cloned().collect();
            next.push((key.to_string(), value));
            given.set(drop_stale_choices(pattern, next));
        })
    };
    let fields = pattern.params.iter().map(|param| {
        let id = format!("param-{}", param.key);
        let current = values.get(param.key).to_string();
        let key = param.key;
        let field_error = error.as_ref().filter(|e| e.key == key);
        let input = match &param.kind {
            ParamKind::Choice { .. } => {
                let onchange = set.reform(move |e: Event| {
                    (key, e.target_unchecked_into::<HtmlSelectElement>().value())
                });
                html! {
                    <select id={id.clone()} {onchange}>
                        { for pattern.options(param, &values).into_iter().map(|c| html! {
                            <option value={c.value} selected={c.value == current}>{ c.label }</option>
                        }) }
                    </select>
                }
            }
            ParamKind::Port { .. } | ParamKind::Text { .. } => {
                let number = matches!(param.kind, ParamKind::Port { .. });
                let typed = given.iter().find(|(k, _)| k == key).map_or(current.clone(), |(_, v)| v.clone());
                let oninput = set.reform(move |e: InputEvent| {
                    (key, e.target_unchecked_into::<HtmlInputElement>().value())
                });
                html! {
                    <input id={id.clone()} type={if number { "number" } else { "text" }} inputmode={number.then_some("numeric")}
                        min={number.then_some("1")} max={number.then_some("65535")} value={typed} {oninput}
                        aria-invalid={field_error.is_some().to_string()}
                        aria-describedby={format!("{id}-help")} spellcheck="false" />
                }
            }
        };
        html! {
            <div class="param">
                <label for={id.clone()}>{ param.label }</label>
                { input }
                if let Some(e) = field_error {
                    <p class="param-error" id={format!("{id}-help")} role="alert">{ inline_code(&e.message) }</p>
                } else {
                    <p class="param-help" id={format!("{id}-help")}>{ inline_code(param.help) }</p>
                }
            </div>
        }
    });

    let back = {
        let selected = selected.setter();
        Callback::from(move |_: MouseEvent| selected.set(None))
    };
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let can_use = error.is_none();
    let open = {
        let on_open = props.on_open.clone();
        let owned = owned.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(owned.clone()))
    };
    let review = {
        let reviewing = reviewing.setter();
        Callback::from(move |_: MouseEvent| reviewing.set(true))
    };

    let body = if *reviewing {
        review_changes(
            pattern,
            &files,
            &props.files,
            &owned,
            &props.on_apply,
            &reviewing,
        )
    } else {
        let index = (*shown_file).min(files.len().saturating_sub(1));
        let tabs = files.iter().enumerate().map(|(i, f)| {
            let shown_file = shown_file.setter();
            html! {
                <button role="tab" aria-selected={(i == index).to_string()}
                    onclick={Callback::from(move |_: MouseEvent| shown_file.set(i))}>{ &f.path }</button>
            }
        });
        html! {
            <>
                <div class="pattern-files" role="tablist" aria-label="Generated files">{ for tabs }</div>
                if let Some(file) = files.get(index) { { preview(file) } }
            </>
        }
    };

    html! {
        <article class="pattern" aria-label={format!("Pattern {}", pattern.title)}>
            <button class="back" onclick={back}>{ "← All patterns" }</button>
            <h3>{ pattern.title }</h3>
            <p class="rule-summary">{ inline_code(pattern.summary) }</p>
            { for pattern.when.split("\n\n").map(|p| html! { <p class="pattern-when">{ inline_code(p) }</p> }) }
            if !pattern.differs.is_empty() {
                <details class="pattern-differs">
                    <summary>{ "Where it differs from the classic tutorial version" }</summary>
                    <ul>{ for pattern.differs.iter().map(|d| html! { <li>{ inline_code(d) }</li> }) }</ul>
                </details>
            }
            <form class="params" aria-label="Parameters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for fields }
            </form>
            if !*reviewing {
                <div class="pattern-actions">
                    <button class="primary" disabled={!can_use} onclick={open}>{ "Open as a new project" }</button>
                    <button disabled={!can_use} onclick={review}>{ "Apply to my files…" }</button>
                </div>
            }
            { body }
        </article>
    }
}

/// The diff of each generated file against the workspace, and the buttons
/// that apply them or go back.
fn review_changes(
    pattern: &Pattern,
    files: &[GeneratedFile],
    current: &[(String, String)],
    owned: &[(String, String)],
    on_apply: &Callback<Vec<(String, String)>>,
    reviewing: &UseStateHandle<bool>,
) -> Html {
    let old = |path: &str| {
        current
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
    };
    let changes: Vec<(String, String)> = owned
        .iter()
        .filter(|(path, text)| old(path) != Some(text.as_str()))
        .cloned()
        .collect();
    let count = changes.len();
    let apply = {
        let on_apply = on_apply.clone();
        let reviewing = reviewing.setter();
        Callback::from(move |_: MouseEvent| {
            on_apply.emit(changes.clone());
            reviewing.set(false);
        })
    };
    let cancel = {
        let reviewing = reviewing.setter();
        Callback::from(move |_: MouseEvent| reviewing.set(false))
    };
    html! {
        <div class="review" aria-label={format!("Changes {} would make", pattern.title)}>
            <p class="panel-intro">
                { if count == 0 { "Your files already match this pattern.".to_string() }
                  else { format!("{count} file{} would change. Nothing is written until you apply; your current files are kept aside and can be restored.", if count == 1 { "" } else { "s" }) } }
            </p>
            { for files.iter().map(|f| file_diff(&f.path, old(&f.path), &f.text)) }
            <div class="pattern-actions">
                <button class="primary" disabled={count == 0} onclick={apply}>{ format!("Apply {count} change{}", if count == 1 { "" } else { "s" }) }</button>
                <button onclick={cancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// A generated file with line numbers; explained lines carry their note.
fn preview(file: &GeneratedFile) -> Html {
    let lines = file.text.lines().enumerate().map(|(i, line)| {
        let number = i + 1;
        let notes: Vec<&String> = file
            .notes
            .iter()
            .filter(|(at, _)| *at == number)
            .map(|(_, n)| n)
            .collect();
        html! {
            <>
                <div class={classes!("code-line", (!notes.is_empty()).then_some("explained"))}>
                    <span class="diff-number" aria-hidden="true">{ number }</span>
                    <span class="diff-text">{ line }</span>
                </div>
                { for notes.into_iter().map(|n| html! { <div class="line-note">{ inline_code(n) }</div> }) }
            </>
        }
    });
    html! {
        <div class="code-preview" role="tabpanel" aria-label={format!("{} preview", file.path)}>{ for lines }</div>
    }
}

/// After a choice changes, a later choice that no longer applies (pnpm once
/// the runtime is Python) goes back to its default instead of erroring.
fn drop_stale_choices(
    pattern: &Pattern,
    mut given: Vec<(String, String)>,
) -> Vec<(String, String)> {
    for _ in 0..pattern.params.len() {
        let pairs: Vec<(&str, &str)> = given
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let Err(error) = pattern.resolve(&pairs) else {
            break;
        };
        let is_choice = pattern
            .params
            .iter()
            .any(|p| p.key == error.key && matches!(p.kind, ParamKind::Choice { .. }));
        if !is_choice {
            break;
        }
        given.retain(|(k, _)| *k != error.key);
    }
    given
}
