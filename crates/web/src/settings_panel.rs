//! Settings: rules switched off or re-rated, the YAML itself, import and
//! download (as `dockwright.yaml` or `hadolint.yaml`).

use dockwright_core::Severity;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::actions::{Action, State};
use crate::notice::Notice;
use crate::share;
use crate::workspace::RuleChoice;

pub(crate) fn settings_panel(
    state: &UseReducerHandle<State>,
    query: &UseStateHandle<String>,
    notice: &UseStateHandle<Option<Notice>>,
    open_rule: &Callback<Option<String>>,
) -> Html {
    use dockwright_core::rules::registry;
    let workspace = &state.0;
    let on_text = {
        let dispatch = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.dispatch(Action::Settings(area.value()));
        })
    };
    let import = {
        let dispatch = state.dispatcher();
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            let notice = notice.clone();
            share::pick(".yaml,.yml,text/yaml", move |text| match text {
                Some(text) => {
                    let problems = dockwright_core::Settings::from_yaml(&text)
                        .err()
                        .map_or(0, |e| e.len());
                    dispatch.dispatch(Action::Settings(text));
                    notice.set(Some(Notice::say(if problems == 0 {
                        "Settings imported.".to_string()
                    } else {
                        format!("Settings imported with {problems} problem(s): see Settings.")
                    })));
                }
                None => notice.set(Some(Notice::say("That file could not be read."))),
            });
        })
    };
    let export = |name: &'static str| {
        let text = workspace.settings.to_yaml();
        Callback::from(move |_: MouseEvent| share::download(name, &text))
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let indent_choice = match workspace.settings.continuation_indent.as_deref() {
        None => "auto".to_string(),
        Some("\t") => "tab".to_string(),
        Some(spaces) => spaces.len().to_string(),
    };
    let on_indent = {
        let dispatch = state.dispatcher();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let indent = match select.value().as_str() {
                "tab" => Some("\t".to_string()),
                "auto" => None,
                width => width.parse().ok().map(|w: usize| " ".repeat(w)),
            };
            dispatch.dispatch(Action::ContinuationIndent(indent));
        })
    };
    let mut widths = vec!["2".to_string(), "4".to_string(), "8".to_string()];
    if !matches!(indent_choice.as_str(), "auto" | "tab") && !widths.contains(&indent_choice) {
        widths.push(indent_choice.clone());
    }
    let needle = query.trim().to_lowercase();
    let rules: Vec<_> = registry::all()
        .filter(|m| {
            needle.is_empty()
                || m.code.to_lowercase().contains(&needle)
                || m.summary.to_lowercase().contains(&needle)
                || m.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
        })
        .collect();
    html! {
        <div class="settings">
            <p class="settings-intro">{ "The same settings as the CLI's dockwright.yaml or .hadolint.yaml: the page and " }<code>{ "dockwright lint --config" }</code>{ " give the same findings." }</p>
            <div class="settings-actions">
                <button onclick={import}>{ "Import a file…" }</button>
                <button onclick={export("dockwright.yaml")}>{ "Download dockwright.yaml" }</button>
                <button onclick={export("hadolint.yaml")}>{ "Download hadolint.yaml" }</button>
            </div>
            <label class="settings-text">
                <span>{ "Settings (YAML)" }</span>
                <textarea spellcheck="false" rows="6" value={workspace.settings_text.clone()} oninput={on_text}
                    placeholder="ignored: [DL3008]\noverride:\n  error: [DL3015]" />
            </label>
            if !workspace.settings_errors.is_empty() {
                <div class="settings-errors" role="alert">
                    <p>{ "These settings have problems; the last valid ones stay in use:" }</p>
                    <ul>
                        { for workspace.settings_errors.iter().map(|e| html! { <li>{ format!("Line {}, column {}: {}", e.line, e.column, e.message) }</li> }) }
                    </ul>
                </div>
            }
            <label class="format-indent">
                <span>{ "Format indents a Dockerfile's continuation lines by" }</span>
                <select onchange={on_indent}>
                    <option value="auto" selected={indent_choice == "auto"}>{ "the workspace's .editorconfig, else 4 spaces" }</option>
                    { for widths.iter().map(|w| html! {
                        <option value={w.clone()} selected={indent_choice == *w}>{ format!("{w} spaces") }</option>
                    }) }
                    <option value="tab" selected={indent_choice == "tab"}>{ "a tab" }</option>
                </select>
            </label>
            <label class="rule-search">
                <span>{ "Find a rule to switch off or re-rate" }</span>
                <input type="search" value={(**query).clone()} {oninput} placeholder="DL3008, secret, healthcheck…" />
            </label>
            <ul class="rule-settings">
                { for rules.iter().map(|meta| {
                    let code = meta.code;
                    let aliases = meta.aliases;
                    let choice = workspace.rule_choice(code, aliases);
                    let value = match choice {
                        RuleChoice::Default => "default".to_string(),
                        RuleChoice::Off => "off".to_string(),
                        RuleChoice::Severity(s) => s.as_str().to_string(),
                    };
                    let onchange = {
                        let dispatch = state.dispatcher();
                        Callback::from(move |event: Event| {
                            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
                            let choice = match select.value().as_str() {
                                "off" => RuleChoice::Off,
                                "error" => RuleChoice::Severity(Severity::Error),
                                "warning" => RuleChoice::Severity(Severity::Warning),
                                "info" => RuleChoice::Severity(Severity::Info),
                                "style" => RuleChoice::Severity(Severity::Style),
                                _ => RuleChoice::Default,
                            };
                            dispatch.dispatch(Action::Rule { code, aliases, choice });
                        })
                    };
                    let default_label = if meta.off_by_default {
                        "off (default)".to_string()
                    } else {
                        format!("{} (default)", meta.severity.as_str())
                    };
                    let option = |v: &'static str, label: String| html! { <option value={v} selected={value == v}>{ label }</option> };
                    html! {
                        <li>
                            <button class="rule-link" onclick={open_rule.reform(move |_: MouseEvent| Some(code.to_string()))}>
                                <span class="code">{ code }</span>
                                <span class="rule-summary">{ meta.summary }</span>
                            </button>
                            <select aria-label={format!("{code} setting")} {onchange}>
                                { option("default", default_label) }
                                { option("off", "off".into()) }
                                { option("error", "error".into()) }
                                { option("warning", "warning".into()) }
                                { option("info", "info".into()) }
                                { option("style", "style".into()) }
                            </select>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
