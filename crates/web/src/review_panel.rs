//! The review of the user's own files: the practices scorecard (each miss
//! with a previewed change), the stage and service graphs, and the
//! layer-cache view. Computed only while the panel is open.

use std::rc::Rc;

use dockwright_core::graph::{self, Graph, NodeKind};
use dockwright_core::layers::layer_rows;
use dockwright_core::patterns::scorecard::{scorecard, PracticeCheck, Status};
use dockwright_core::FileKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::diff_view::{file_diff, inline_code};
use crate::positions::utf16_offsets;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The workspace's files: (id, name, text).
    pub files: Rc<Vec<(u32, String, String)>>,
    /// Shows a span of a file: (id, from, to) in editor offsets.
    pub on_jump: Callback<(u32, u32, u32)>,
    /// Applies a change: its title and the new texts by file name.
    pub on_apply: Callback<(String, Vec<(String, String)>)>,
}

/// Rows of the layer table drawn at most: a huge file would otherwise
/// redraw thousands of rows on every keystroke while the panel is open.
const MAX_LAYER_ROWS: usize = 300;

/// The id of the merged view in the compose picker (file ids start at 1).
const MERGED: u32 = u32::MAX;

fn kind_of(name: &str) -> Option<FileKind> {
    FileKind::from_name(name.rsplit('/').next().unwrap_or(name))
}

#[function_component(ReviewPanel)]
pub fn review_panel(props: &Props) -> Html {
    let previewing = use_state(|| None::<&'static str>);
    let chosen_dockerfile = use_state(|| None::<u32>);
    let chosen_compose = use_state(|| None::<u32>);
    let files = &props.files;
    let view: Vec<(&str, &str)> = files
        .iter()
        .map(|(_, n, t)| (n.as_str(), t.as_str()))
        .collect();
    let card = use_memo(files.clone(), |files| {
        let view: Vec<(&str, &str)> = files
            .iter()
            .map(|(_, n, t)| (n.as_str(), t.as_str()))
            .collect();
        scorecard(&view)
    });
    let followed = card.iter().filter(|c| c.status == Status::Followed).count();
    let applicable = card
        .iter()
        .filter(|c| c.status != Status::NotApplicable)
        .count();

    let rows = card
        .iter()
        .map(|check| practice_row(check, &view, &previewing, &props.on_apply));

    let dockerfiles: Vec<&(u32, String, String)> = files
        .iter()
        .filter(|(_, n, _)| kind_of(n) == Some(FileKind::Dockerfile))
        .collect();
    let composes: Vec<&(u32, String, String)> = files
        .iter()
        .filter(|(_, n, _)| kind_of(n) == Some(FileKind::Compose))
        .collect();
    let dockerfile = chosen_dockerfile
        .and_then(|id| dockerfiles.iter().find(|f| f.0 == id))
        .or_else(|| dockerfiles.first())
        .copied();
    // The files Docker Compose merges by default come first, merged.
    let project_files: Vec<dockwright_core::project::ProjectFile> = files
        .iter()
        .map(|(_, name, text)| dockwright_core::project::ProjectFile { path: name, text })
        .collect();
    let merged = dockwright_core::project::merged_compose(&project_files)
        .filter(|(names, _)| names.len() > 1);
    let merged_entry = merged.as_ref().map(|(names, _)| {
        (
            MERGED,
            format!("{} (merged)", names.join(" + ")),
            String::new(),
        )
    });
    let compose_options: Vec<&(u32, String, String)> = merged_entry
        .iter()
        .chain(composes.iter().copied())
        .collect();
    let compose = chosen_compose
        .and_then(|id| compose_options.iter().find(|f| f.0 == id))
        .or_else(|| compose_options.first())
        .copied();

    let picker = |label: &str,
                  options: &[&(u32, String, String)],
                  chosen: &UseStateHandle<Option<u32>>,
                  current: Option<u32>|
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
                    { for options.iter().map(|(id, name, _)| html! {
                        <option value={id.to_string()} selected={Some(*id) == current}>{ name }</option>
                    }) }
                </select>
            </label>
        }
    };

    // Drawn again only when the Dockerfile shown changes.
    let stage_view = use_memo(dockerfile.cloned(), |file| {
        file.as_ref().map(|(_, _, text)| {
            let parsed = dockwright_core::dockerfile::parse(text);
            let layers = layer_rows(text, &parsed);
            let offsets: Vec<usize> = layers
                .iter()
                .flat_map(|r| [r.span.start, r.span.end])
                .collect();
            let utf16 = utf16_offsets(text, &offsets);
            (graph::stage_graph(&parsed), layers, utf16)
        })
    });
    let stage_section = match (dockerfile, stage_view.as_ref()) {
        (Some((id, name, _)), Some((stage_graph, layers, utf16))) => {
            let id = *id;
            let hidden_rows = layers.len().saturating_sub(MAX_LAYER_ROWS);
            let layer_rows_html = layers.iter().take(MAX_LAYER_ROWS).enumerate().map(|(i, row)| {
                let range = (id, utf16[2 * i], utf16[2 * i + 1]);
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
                        <h2>{ "Stages" }{ picker("Dockerfile", &dockerfiles, &chosen_dockerfile, Some(id)) }</h2>
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
        _ => html! { <p class="empty">{ "Add a Dockerfile to see its stages and layers." }</p> },
    };
    let service_section = match compose {
        Some((id, name, text)) => {
            let services = match (&merged, *id == MERGED) {
                (Some((_, root)), true) => graph::service_graph(root),
                _ => dockwright_core::yaml::parse(text)
                    .root
                    .as_ref()
                    .map(graph::service_graph)
                    .unwrap_or_default(),
            };
            html! {
                <section class="insight" aria-label="Service graph">
                    <h2>{ "Services" }{ picker("Compose file", &compose_options, &chosen_compose, Some(*id)) }</h2>
                    <p class="panel-intro">{ format!("The services of {name}: an arrow reads \"waits for\" (labelled when it waits for healthy), dashed lines lead to the volumes and networks each uses.") }</p>
                    if services.nodes.is_empty() {
                        <p class="empty">{ "No services yet." }</p>
                    } else {
                        { draw(&services, &format!("Service graph of {name}")) }
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
