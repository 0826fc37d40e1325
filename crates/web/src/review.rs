//! What the Review panel shows, worked out in the engine's panel worker
//! (`panel_worker.rs`, through [`review_in_worker`]) or on the page when no
//! worker runs: the practices scorecard, the shown Dockerfile's stage graph
//! and layer rows, the shown compose file's service graph. It crosses from
//! the worker as one string (`codec`).

use dockwright_core::graph::{self, Graph, GraphEdge, GraphNode, NodeKind};
use dockwright_core::layers::layer_rows;
use dockwright_core::patterns::scorecard::{scorecard, Change, PracticeCheck, Status};
use dockwright_core::patterns::PRACTICES;
use dockwright_core::project::{merged_compose, ProjectFile};
use dockwright_core::FileKind;
use wasm_bindgen::prelude::*;

use crate::codec::{Reader, Writer};
use crate::panel_worker::get;
use crate::positions::utf16_offsets;

/// The id that stands for the merged compose files (file ids start at 1).
pub const MERGED: u32 = u32::MAX;

/// A row of the layer table, its span in editor offsets.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub line: usize,
    pub stage: String,
    pub text: String,
    pub rebuilt_by: Vec<String>,
    pub whole_context: bool,
    pub from16: u32,
    pub to16: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub card: Vec<PracticeCheck>,
    /// The compose files Docker Compose merges by default, when several.
    pub merged: Option<Vec<String>>,
    /// The Dockerfile shown (its id), its stage graph and layer rows.
    pub stages: Option<(u32, Graph, Vec<Layer>)>,
    /// The compose file shown (its id, or [`MERGED`]) and its services.
    pub services: Option<(u32, Graph)>,
}

pub fn kind_of(name: &str) -> Option<FileKind> {
    FileKind::from_name(name.rsplit('/').next().unwrap_or(name))
}

/// Reviews the files `(id, name, text)`, showing the chosen Dockerfile and
/// compose file (else the first Dockerfile, and the merged compose files
/// or else the first compose file).
pub fn review(
    files: &[(u32, String, String)],
    dockerfile: Option<u32>,
    compose: Option<u32>,
) -> Review {
    let view: Vec<(&str, &str)> = files
        .iter()
        .map(|(_, n, t)| (n.as_str(), t.as_str()))
        .collect();
    let card = scorecard(&view);
    let of_kind = |kind| {
        files
            .iter()
            .filter(move |(_, n, _)| kind_of(n) == Some(kind))
    };
    let shown_dockerfile = dockerfile
        .and_then(|id| of_kind(FileKind::Dockerfile).find(|f| f.0 == id))
        .or_else(|| of_kind(FileKind::Dockerfile).next());
    let stages = shown_dockerfile.map(|(id, _, text)| {
        let parsed = dockwright_core::dockerfile::parse(text);
        let rows = layer_rows(text, &parsed);
        let offsets: Vec<usize> = rows
            .iter()
            .flat_map(|r| [r.span.start, r.span.end])
            .collect();
        let utf16 = utf16_offsets(text, &offsets);
        let layers = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| Layer {
                line: row.line,
                stage: row.stage,
                text: row.text,
                rebuilt_by: row.rebuilt_by,
                whole_context: row.whole_context,
                from16: utf16[2 * i],
                to16: utf16[2 * i + 1],
            })
            .collect();
        (*id, graph::stage_graph(&parsed), layers)
    });
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(_, name, text)| ProjectFile { path: name, text })
        .collect();
    let merged = merged_compose(&project_files).filter(|(names, _)| names.len() > 1);
    let chosen = compose.and_then(|id| of_kind(FileKind::Compose).find(|f| f.0 == id));
    let services = match (chosen, &merged) {
        (Some((id, _, text)), _) => Some((*id, service_graph_of(text))),
        (None, Some((_, root))) => Some((MERGED, graph::service_graph(root))),
        (None, None) => of_kind(FileKind::Compose)
            .next()
            .map(|(id, _, text)| (*id, service_graph_of(text))),
    };
    Review {
        card,
        merged: merged.map(|(names, _)| names),
        stages,
        services,
    }
}

fn service_graph_of(text: &str) -> Graph {
    dockwright_core::yaml::parse(text)
        .root
        .as_ref()
        .map(graph::service_graph)
        .unwrap_or_default()
}

const STATUSES: [Status; 3] = [Status::Followed, Status::Missed, Status::NotApplicable];
const KINDS: [NodeKind; 6] = [
    NodeKind::Stage,
    NodeKind::FinalStage,
    NodeKind::Image,
    NodeKind::Service,
    NodeKind::Volume,
    NodeKind::Network,
];

fn index_of<T: PartialEq>(all: &[T], item: &T) -> usize {
    all.iter().position(|x| x == item).unwrap_or(0)
}

fn write_texts(out: &mut Writer, texts: &[String]) {
    out.num(texts.len());
    for text in texts {
        out.text(text);
    }
}

fn read_texts(r: &mut Reader) -> Option<Vec<String>> {
    let count = r.count()?;
    let mut texts = Vec::with_capacity(count);
    for _ in 0..count {
        texts.push(r.text()?.to_string());
    }
    Some(texts)
}

fn write_graph(out: &mut Writer, graph: &Graph) {
    out.num(graph.width as usize);
    out.num(graph.height as usize);
    out.num(graph.nodes.len());
    for node in &graph.nodes {
        out.text(&node.id);
        out.text(&node.label);
        out.text(&node.detail);
        out.num(index_of(&KINDS, &node.kind));
        for n in [node.x, node.y, node.width, node.height] {
            out.num(n as usize);
        }
    }
    out.num(graph.edges.len());
    for edge in &graph.edges {
        out.num(edge.from);
        out.num(edge.to);
        out.text(&edge.label);
        out.num(usize::from(edge.dashed));
        match edge.lane {
            None => out.num(0),
            Some(lane) => out.num(lane as usize + 1),
        }
    }
}

fn read_graph(r: &mut Reader) -> Option<Graph> {
    let width = r.u32()?;
    let height = r.u32()?;
    let count = r.count()?;
    let mut nodes = Vec::with_capacity(count);
    for _ in 0..count {
        nodes.push(GraphNode {
            id: r.text()?.to_string(),
            label: r.text()?.to_string(),
            detail: r.text()?.to_string(),
            kind: *KINDS.get(r.num()?)?,
            x: r.u32()?,
            y: r.u32()?,
            width: r.u32()?,
            height: r.u32()?,
        });
    }
    let count = r.count()?;
    let mut edges = Vec::with_capacity(count);
    for _ in 0..count {
        let from = r.num()?;
        let to = r.num()?;
        // Drawing an edge reads both of its nodes.
        if from >= nodes.len() || to >= nodes.len() {
            return None;
        }
        edges.push(GraphEdge {
            from,
            to,
            label: r.text()?.to_string(),
            dashed: r.num()? == 1,
            lane: match r.u32()? {
                0 => None,
                lane => Some(lane - 1),
            },
        });
    }
    Some(Graph {
        nodes,
        edges,
        width,
        height,
    })
}

/// [`Review`] as one string (`codec`).
pub fn encode(review: &Review) -> String {
    let mut out = Writer::default();
    out.num(review.card.len());
    for check in &review.card {
        out.text(check.practice.id);
        out.num(index_of(&STATUSES, &check.status));
        out.text(&check.detail);
        match &check.change {
            None => out.num(0),
            Some(change) => {
                out.num(1);
                out.text(&change.title);
                out.num(change.files.len());
                for (path, text) in &change.files {
                    out.text(path);
                    out.text(text);
                }
            }
        }
    }
    match &review.merged {
        None => out.num(0),
        Some(names) => {
            out.num(1);
            write_texts(&mut out, names);
        }
    }
    match &review.stages {
        None => out.num(0),
        Some((id, graph, layers)) => {
            out.num(1);
            out.num(*id as usize);
            write_graph(&mut out, graph);
            out.num(layers.len());
            for layer in layers {
                out.num(layer.line);
                out.text(&layer.stage);
                out.text(&layer.text);
                write_texts(&mut out, &layer.rebuilt_by);
                out.num(usize::from(layer.whole_context));
                out.num(layer.from16 as usize);
                out.num(layer.to16 as usize);
            }
        }
    }
    match &review.services {
        None => out.num(0),
        Some((id, graph)) => {
            out.num(1);
            out.num(*id as usize);
            write_graph(&mut out, graph);
        }
    }
    out.finish()
}

/// Reads what [`encode`] wrote; `None` if the text is not such.
pub fn decode(text: &str) -> Option<Review> {
    let mut r = Reader::new(text);
    let count = r.count()?;
    let mut card = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.text()?;
        let practice = PRACTICES.iter().find(|p| p.id == id)?;
        let status = *STATUSES.get(r.num()?)?;
        let detail = r.text()?.to_string();
        let change = match r.num()? {
            0 => None,
            _ => {
                let title = r.text()?.to_string();
                let count = r.count()?;
                let mut files = Vec::with_capacity(count);
                for _ in 0..count {
                    files.push((r.text()?.to_string(), r.text()?.to_string()));
                }
                Some(Change { title, files })
            }
        };
        card.push(PracticeCheck {
            practice,
            status,
            detail,
            change,
        });
    }
    let merged = match r.num()? {
        0 => None,
        _ => Some(read_texts(&mut r)?),
    };
    let stages = match r.num()? {
        0 => None,
        _ => {
            let id = r.u32()?;
            let graph = read_graph(&mut r)?;
            let count = r.count()?;
            let mut layers = Vec::with_capacity(count);
            for _ in 0..count {
                layers.push(Layer {
                    line: r.num()?,
                    stage: r.text()?.to_string(),
                    text: r.text()?.to_string(),
                    rebuilt_by: read_texts(&mut r)?,
                    whole_context: r.num()? == 1,
                    from16: r.u32()?,
                    to16: r.u32()?,
                });
            }
            Some((id, graph, layers))
        }
    };
    let services = match r.num()? {
        0 => None,
        _ => Some((r.u32()?, read_graph(&mut r)?)),
    };
    r.finished().then_some(Review {
        card,
        merged,
        stages,
        services,
    })
}

/// The panel worker's entry for `{kind: "review", generation, dockerfile,
/// compose, files: [{id, name, text}]}` (texts as UTF-8 bytes; the two
/// choices are file ids, absent for the default): answers `{generation,
/// answer}`, the review encoded as UTF-8 bytes; without `answer` when the
/// request could not be read.
#[wasm_bindgen]
pub fn review_in_worker(request: &JsValue) -> JsValue {
    let choice = |key| get(request, key).as_f64().map(|id| id as u32);
    crate::panel_worker::answer(request, |files| {
        encode(&review(files, choice("dockerfile"), choice("compose")))
    })
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn example() -> Vec<(u32, String, String)> {
        Workspace::example().panel_files()
    }

    #[test]
    fn the_example_is_reviewed_and_crosses_unchanged() {
        let files = example();
        let review = review(&files, None, None);
        assert_eq!(review.card.len(), PRACTICES.len());
        let (_, stages, layers) = review
            .stages
            .as_ref()
            .expect("the example has a Dockerfile");
        assert!(!stages.nodes.is_empty() && !layers.is_empty());
        assert_eq!(
            review.services.as_ref().map(|s| s.0),
            Some(MERGED),
            "compose.yaml and its override, merged"
        );
        assert_eq!(decode(&encode(&review)), Some(review));
        // A chosen compose file instead of the merged ones.
        let compose = files.iter().find(|f| f.1 == "compose.yaml").unwrap().0;
        let chosen = super::review(&files, None, Some(compose));
        assert_eq!(chosen.services.as_ref().map(|s| s.0), Some(compose));
        assert_eq!(decode(&encode(&chosen)), Some(chosen));
        let empty = super::review(&[], None, None);
        assert_eq!(decode(&encode(&empty)), Some(empty));
    }

    #[test]
    fn damaged_answers_are_refused() {
        crate::codec::assert_refuses_damage(&encode(&review(&example(), None, None)), decode);
    }
}
