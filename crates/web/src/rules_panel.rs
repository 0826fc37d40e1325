//! The rule pages: a searchable list, one rule's page, and *Try it*.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::rule_docs::{self, RuleDoc};

#[derive(Clone, PartialEq)]
pub(crate) enum RulesState {
    NotLoaded,
    Loading,
    Loaded(Rc<Vec<RuleDoc>>),
    Failed,
}

pub(crate) fn rules_panel(
    rules: &UseStateHandle<RulesState>,
    selected: &UseStateHandle<Option<String>>,
    query: &UseStateHandle<String>,
    try_rule: &Callback<RuleDoc>,
) -> Html {
    let list = match &**rules {
        RulesState::Loaded(list) => list.clone(),
        RulesState::Failed => {
            return html! { <p class="empty">{ "The rule pages could not be loaded. They come with the page on a visit online, then work offline." }</p> }
        }
        _ => return html! { <p class="empty">{ "Loading the rule pages…" }</p> },
    };
    if let Some(code) = &**selected {
        if let Some(rule) = list.iter().find(|r| r.is_named(code)) {
            let back = {
                let selected = selected.clone();
                Callback::from(move |_: MouseEvent| selected.set(None))
            };
            let example = rule.example();
            let rule_for_try = rule.clone();
            return html! {
                <article class="rule-page" aria-label={format!("Rule {}", rule.code)}>
                    <button class="back" onclick={back}>{ "← All rules" }</button>
                    <h3>{ &rule.code }</h3>
                    <p class="rule-summary">{ &rule.summary }</p>
                    <p class="rule-meta">
                        { format!("Default severity: {} · from {}", rule.severity, rule.origin) }
                        if rule.off_by_default { { " · off by default" } }
                    </p>
                    if !rule.aliases.is_empty() {
                        <p class="rule-meta">{ format!("Also known as: {}", rule.aliases.join(", ")) }</p>
                    }
                    if example.is_some() {
                        <button class="try" onclick={try_rule.reform(move |_: MouseEvent| rule_for_try.clone())}>{ "Try it: open the example as a new file" }</button>
                    }
                    { rule_docs::render(&rule.docs) }
                </article>
            };
        }
    }
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let shown: Vec<&RuleDoc> = list.iter().filter(|r| r.matches(query)).collect();
    html! {
        <div class="rules">
            <label class="rule-search">
                <span>{ "Search rules" }</span>
                <input type="search" value={(**query).clone()} {oninput} placeholder="DL3008, apt, healthcheck…" />
            </label>
            <p class="rule-count">{ format!("{} of {} rules", shown.len(), list.len()) }</p>
            <ul class="rule-list">
                { for shown.iter().map(|rule| {
                    let selected = selected.clone();
                    let code = rule.code.clone();
                    html! {
                        <li>
                            <button onclick={Callback::from(move |_: MouseEvent| selected.set(Some(code.clone())))}>
                                <span class="code">{ &rule.code }</span>
                                <span class="rule-summary">{ &rule.summary }</span>
                                if !rule.aliases.is_empty() { <span class="rule-aliases">{ rule.aliases.join(", ") }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
