//! The review of the user's own files: the practices scorecard (each miss
//! with a previewed change), the stage and service graphs, and the
//! layer-cache view. Worked out (`review.rs`) in the engine's panel worker
//! while the panel is open, or on the page when no worker runs.

use dockwright_core::graph::{self, Graph, NodeKind};
use dockwright_core::patterns::scorecard::{PracticeCheck, Status};
use dockwright_core::FileKind;
use wasm_bindgen::JsValue;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::diff_view::{file_diff, inline_code};
use crate::panel_worker::{request, use_worked_out, Files};
use crate::review::{decode, kind_of, review, Review, MERGED};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The workspace's files: (id, name, text).
    pub files: Files,
    /// Shows a span of a file: (id, from, to) in editor offsets.
    pub on_jump: Callback<(u32, u32, u32)>,
    /// Applies a change: its title and the new texts by file name.
    pub on_apply: Callback<(String, Vec<(String, String)>)>,
}

/// Rows of the layer table drawn at most: a huge file would otherwise
/// redraw thousands of rows on every keystroke while the panel is open.
const MAX_LAYER_ROWS: usize = 300;

type Inputs = (Files, Option<u32>, Option<u32>);

fn ask((files, dockerfile, compose): &Inputs, generation: u32) -> (js_sys::Object, js_sys::Array) {
    let id = |choice: &Option<u32>| choice.map_or(JsValue::UNDEFINED, JsValue::from);
    request(
        "review",
        generation,
        files,
        &[("dockerfile", id(dockerfile)), ("compose", id(compose))],
    )
}

fn here((files, dockerfile, compose): &Inputs) -> Review {
    review(files, *dockerfile, *compose)
}

#[function_component(ReviewPanel)]
pub fn review_panel(props: &Props) -> Html {
    let previewing = use_state(|| None::<&'static str>);
    let chosen_dockerfile = use_state(|| None::<u32>);
    let chosen_compose = use_state(|| None::<u32>);
    let inputs = (props.files.clone(), *chosen_dockerfile, *chosen_compose);
    let Some(reviewed) = use_worked_out(inputs, ask, decode, here) else {
        return html! {
            <div class="review-panel" aria-label="Review">
                <p class="empty" role="status">{ "Reviewing…" }</p>
            </div>
        };
    };
    let files = &props.files;
    let view: Vec<(&str, &str)> = files
        .iter()
        .map(|(_, n, t)| (n.as_str(), t.as_str()))
        .collect();
    let card = &reviewed.card;
    let followed = card.iter().filter(|c| c.status == Status::Followed).count();
    let applicable = card
        .iter()
        .filter(|c| c.status != Status::NotApplicable)
        .count();

    let rows = card
        .iter()
        .map(|check| practice_row(check, &view, &previewing, &props.on_apply));

    let options = |kind: FileKind| -> Vec<(u32, String)> {
        files
            .iter()
            .filter(|(_, n, _)| kind_of(n) == Some(kind))
            .map(|(id, name, _)| (*id, name.clone()))
            .collect()
    };
    let dockerfiles = options(FileKind::Dockerfile);
    // The files Docker Compose merges by default come first, merged.
    let compose_options: Vec<(u32, String)> = reviewed
        .merged
        .iter()
        .map(|names| (MERGED, format!("{} (merged)", names.join(" + "))))
        .chain(options(FileKind::Compose))
        .collect();
    let name_of = |options: &[(u32, String)], id: u32| {
        options
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };

    let picker = |label: &str,
                  options: &[(u32, String)],
                  chosen: &UseStateHandle<Option<u32>>,
                  current: u32|
     -> Html {
        if options.len() < 2 {
            return html! {};
        }
        let chosen = chosen.setter();
        let onchange = Callback::from(move |e: Event| {
            chosen.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            );
        });
        html! {
            <label class="picker">{ label }
                <select {onchange}>
                    { for options.iter().map(|(id, name)| html! {
                        <option value={id.to_string()} selected={*id == current}>{ name }</option>
                    }) }
                </select>
            </label>
        }
    };

    let stage_section = match &reviewed.stages {
        Some((id, stage_graph, layers)) => {
            let id = *id;
            let name = name_of(&dockerfiles, id);
            let hidden_rows = layers.len().saturating_sub(MAX_LAYER_ROWS);
            let layer_rows_html = layers.iter().take(MAX_LAYER_ROWS).map(|row| {
                let range = (id, row.from16, row.to16);
                let onclick = props.on_jump.reform(move |_: MouseEvent| range);
                let rebuilt = if row.rebuilt_by.is_empty() {
                    "nothing in the build context".to_string()
                } else if row.whole_context {
                    "any file in the build context".to_string()
                } else {
                    row.rebuilt_by.join(", ")
                };
                html! {
                    <tr class={classes!(row.whole_context.then_some("whole-context"))}>
                        <td><button class="line-link" {onclick} aria-label={format!("Line {}", row.line)}>{ row.line }</button></td>
                        <td class="stage-name">{ &row.stage }</td>
                        <td><code>{ &row.text }</code></td>
                        <td>{ rebuilt }</td>
                    </tr>
                }
            });
            html! {
                <>
                    <section class="insight" aria-label="Stage graph">
                        <h2>{ "Stages" }{ picker("Dockerfile", &dockerfiles, &chosen_dockerfile, id) }</h2>
                        <p class="panel-intro">{ format!("How the stages of {name} feed each other: FROM, COPY --from and RUN --mount from=.") }</p>
                        { draw(stage_graph, &format!("Stage graph of {name}")) }
                    </section>
                    <section class="insight" aria-label="Layer cache">
                        <h2>{ "Layer cache" }</h2>
                        <p class="panel-intro">{ "For each instruction, the files whose change makes Docker rebuild it and everything after it. Changes to files copied late cost little; a line marked as rebuilt by any file should come as late as it can." }</p>
                        <table class="layers">
                            <thead><tr><th>{ "Line" }</th><th>{ "Stage" }</th><th>{ "Instruction" }</th><th>{ "Rebuilt when these change" }</th></tr></thead>
                            <tbody>{ for layer_rows_html }</tbody>
                        </table>
                        if hidden_rows > 0 {
                            <p class="empty">{ format!("… and {hidden_rows} more instructions (the table shows the first {MAX_LAYER_ROWS}).") }</p>
                        }
                    </section>
                </>
            }
        }
        None => html! { <p class="empty">{ "Add a Dockerfile to see its stages and layers." }</p> },
    };
    let service_section = match &reviewed.services {
        Some((id, services)) => {
            let name = name_of(&compose_options, *id);
            html! {
                <section class="insight" aria-label="Service graph">
                    <h2>{ "Services" }{ picker("Compose file", &compose_options, &chosen_compose, *id) }</h2>
                    <p class="panel-intro">{ format!("The services of {name}: an arrow reads \"waits for\" (labelled when it waits for healthy), dashed lines lead to the volumes and networks each uses.") }</p>
                    if services.nodes.is_empty() {
                        <p class="empty">{ "No services yet." }</p>
                    } else {
                        { draw(services, &format!("Service graph of {name}")) }
                    }
                </section>
            }
        }
        None => html! {},
    };

    html! {
        <div class="review-panel" aria-label="Review">
            <section class="insight" aria-label="Scorecard">
                <h2>{ "Practices" }<span class="score">{ format!("{followed} of {applicable} followed") }</span></h2>
                <ul class="scorecard">{ for rows }</ul>
            </section>
            { stage_section }
            { service_section }
        </div>
    }
}

fn practice_row(
    check: &PracticeCheck,
    files: &[(&str, &str)],
    previewing: &UseStateHandle<Option<&'static str>>,
    on_apply: &Callback<(String, Vec<(String, String)>)>,
) -> Html {
    let (mark, class, label) = match check.status {
        Status::Followed => ("✓", "followed", "followed"),
        Status::Missed => ("✗", "missed", "missed"),
        Status::NotApplicable => ("–", "not-applicable", "not applicable"),
    };
    let id = check.practice.id;
    let open = **previewing == Some(id);
    let toggle = {
        let previewing = previewing.setter();
        Callback::from(move |_: MouseEvent| previewing.set(if open { None } else { Some(id) }))
    };
    html! {
        <li class={classes!("practice", class)}>
            <div class="practice-head">
                <span class="mark" aria-hidden="true">{ mark }</span>
                <strong>{ check.practice.title }</strong>
                <span class="visually-hidden">{ format!(": {label}") }</span>
            </div>
            <p class="practice-detail">{ inline_code(&check.detail) }</p>
            if check.status == Status::Missed {
                <p class="practice-why">{ inline_code(check.practice.why) }</p>
            }
            if let Some(change) = &check.change {
                <button aria-expanded={open.to_string()} onclick={toggle}>{ if open { "Hide the change" } else { "Preview the change" } }</button>
                if open {
                    <div class="change-preview">
                        <p class="change-title">{ inline_code(&change.title) }</p>
                        { for change.files.iter().map(|(path, text)| {
                            let old = files.iter().find(|(p, _)| p == path).map(|(_, t)| *t);
                            file_diff(path, old, text)
                        }) }
                        <button class="primary" onclick={{
                            let on_apply = on_apply.clone();
                            let change = change.clone();
                            let previewing = previewing.setter();
                            Callback::from(move |_: MouseEvent| {
                                on_apply.emit((change.title.clone(), change.files.clone()));
                                previewing.set(None);
                            })
                        }}>{ "Apply this change" }</button>
                    </div>
                }
            }
        </li>
    }
}

/// The graph as SVG elements (text stays text: nothing is parsed as markup).
fn draw(g: &Graph, label: &str) -> Html {
    let edges = g.edges.iter().map(|edge| {
        let (path, x, y) = g.edge_path(edge);
        html! {
            <g class={classes!("edge", edge.dashed.then_some("dashed"))}>
                <path d={path} marker-end="url(#dockwright-arrow)" />
                if !edge.label.is_empty() {
                    <text x={x.to_string()} y={y.to_string()} text-anchor="middle">{ &edge.label }</text>
                }
            </g>
        }
    });
    let nodes = g.nodes.iter().map(|node| {
        html! {
            <g class={classes!("node", graph::kind_class(node.kind))}>
                <rect x={node.x.to_string()} y={node.y.to_string()} width={node.width.to_string()} height={node.height.to_string()} rx="6" />
                <text class="node-label" x={(node.x + 10).to_string()} y={(node.y + 19).to_string()}>{ &node.label }</text>
                <text class="node-detail" x={(node.x + 10).to_string()} y={(node.y + 36).to_string()}>
                    { if node.kind == NodeKind::FinalStage { format!("{} · final", node.detail) } else { node.detail.clone() } }
                </text>
            </g>
        }
    });
    html! {
        <div class="graph-scroll" tabindex="0" role="region" aria-label={format!("{label} (scrolls)")}>
            <svg class="graph" role="img" aria-label={label.to_string()} viewBox={format!("0 0 {} {}", g.width, g.height)}
                width={g.width.to_string()} height={g.height.to_string()}>
                <defs>
                    <marker id="dockwright-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for edges }
                { for nodes }
            </svg>
        </div>
    }
}
