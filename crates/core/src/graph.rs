//! Pictures of a project: the Dockerfile's stage graph (FROM, COPY --from,
//! RUN --mount from=) and the compose service graph (depends_on with its
//! condition, shared networks and volumes), laid out in layers. Hosts draw
//! the laid-out `Graph` themselves (the page with its own SVG elements) or
//! take `Graph::to_svg`, which escapes every text it writes.

use serde::Serialize;

use crate::dockerfile::{Command, Dockerfile, MountType};
use crate::yaml::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    /// A build stage.
    Stage,
    /// The stage the build ends with (what `docker build` makes by default).
    FinalStage,
    /// An image pulled from a registry.
    Image,
    /// A compose service.
    Service,
    /// A compose named volume.
    Volume,
    /// A compose network.
    Network,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    pub id: String,
    pub label: String,
    /// A second line: the base image of a stage, the image of a service.
    pub detail: String,
    pub kind: NodeKind,
    /// Top-left corner and size, in SVG user units.
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
    /// `FROM`, `COPY --from`, `mount`, `service_healthy`, `network`, …
    pub label: String,
    /// Drawn dashed: a weaker link (a mount, a shared network or volume).
    pub dashed: bool,
    /// A link that skips a column runs in its own lane, so that it never
    /// passes behind a node: solid links above the nodes (lane 0 highest),
    /// dashed ones below them (lane 0 nearest).
    pub lane: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    pub width: u32,
    pub height: u32,
}

const NODE_WIDTH: u32 = 170;
const NODE_HEIGHT: u32 = 46;
const GAP_X: u32 = 70;
const GAP_Y: u32 = 22;
const MARGIN: u32 = 12;
/// Height of one lane for the links that skip a column.
const LANE: u32 = 16;
/// Labels longer than this are cut with an ellipsis (the node is fixed width).
const MAX_LABEL: usize = 22;
/// Nodes drawn at most; a bigger file gets the first ones and says so in
/// its last node.
const MAX_NODES: usize = 60;

/// Builds a graph: `edges` point from a dependency to what uses it, and
/// nodes are placed in columns by their longest chain of dependencies.
struct Builder {
    nodes: Vec<(String, String, String, NodeKind)>,
    edges: Vec<GraphEdge>,
}

impl Builder {
    fn node(&mut self, id: &str, label: &str, detail: &str, kind: NodeKind) -> usize {
        if let Some(i) = self.nodes.iter().position(|n| n.0 == id) {
            return i;
        }
        self.nodes
            .push((id.to_string(), label.to_string(), detail.to_string(), kind));
        self.nodes.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, label: &str, dashed: bool) {
        let exists = self
            .edges
            .iter()
            .any(|e| e.from == from && e.to == to && e.label == label);
        if !exists && from != to {
            self.edges.push(GraphEdge {
                from,
                to,
                label: label.to_string(),
                dashed,
                lane: None,
            });
        }
    }

    /// The row of each node in its column: first in the order the nodes
    /// came, then, column by column, by the mean row of the nodes linked
    /// to them on the left (the barycenter heuristic), so that links cross
    /// less and do not run behind unrelated nodes as often.
    fn rows(&self, column: &[u32]) -> Vec<u32> {
        let count = self.nodes.len();
        let columns = column.iter().max().map_or(0, |c| *c as usize + 1);
        let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for (i, &c) in column.iter().enumerate() {
            by_column[c as usize].push(i);
        }
        let mut row = vec![0u32; count];
        let place = |by_column: &[Vec<usize>], row: &mut Vec<u32>| {
            for list in by_column {
                for (r, &i) in list.iter().enumerate() {
                    row[i] = r as u32;
                }
            }
        };
        place(&by_column, &mut row);
        for _ in 0..2 {
            for list in by_column.iter_mut().skip(1) {
                let key = |i: usize| -> f64 {
                    let linked: Vec<u32> = self
                        .edges
                        .iter()
                        .filter(|e| e.to == i && column[e.from] < column[i])
                        .map(|e| row[e.from])
                        .collect();
                    if linked.is_empty() {
                        f64::from(row[i])
                    } else {
                        linked.iter().map(|&r| f64::from(r)).sum::<f64>() / linked.len() as f64
                    }
                };
                let mut keyed: Vec<(f64, usize)> = list.iter().map(|&i| (key(i), i)).collect();
                crate::sort::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                *list = keyed.into_iter().map(|(_, i)| i).collect();
                for (r, &i) in list.iter().enumerate() {
                    row[i] = r as u32;
                }
            }
        }
        place(&by_column, &mut row);
        row
    }

    fn layout(self) -> Graph {
        let count = self.nodes.len();
        // Longest path from a source, bounded by the node count (cycles in
        // a broken file must not loop).
        let mut column = vec![0u32; count];
        for _ in 0..count {
            let mut changed = false;
            for e in &self.edges {
                if column[e.to] < column[e.from] + 1 && column[e.from] < count as u32 {
                    column[e.to] = column[e.from] + 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Volumes and networks line up in one column after every service,
        // so that their dashed links do not cross the services.
        let last_service = (0..count)
            .filter(|&i| self.nodes[i].3 == NodeKind::Service)
            .map(|i| column[i])
            .max();
        if let Some(last) = last_service {
            for (i, node) in self.nodes.iter().enumerate() {
                if matches!(node.3, NodeKind::Volume | NodeKind::Network) {
                    column[i] = last + 1;
                }
            }
        }
        let row = self.rows(&column);
        // Links that skip a column get a lane each, above the nodes.
        let mut edges = self.edges;
        let (mut above, mut below) = (0, 0);
        for edge in &mut edges {
            if column[edge.to] > column[edge.from] + 1 {
                let lanes = if edge.dashed { &mut below } else { &mut above };
                edge.lane = Some(*lanes);
                *lanes += 1;
            }
        }
        let top = if above > 0 { above * LANE + LANE } else { 0 };
        let mut nodes = Vec::with_capacity(count);
        for (i, (id, label, detail, kind)) in self.nodes.into_iter().enumerate() {
            let row = row[i];
            nodes.push(GraphNode {
                id,
                label: shorten(&label),
                detail: shorten(&detail),
                kind,
                x: MARGIN + column[i] * (NODE_WIDTH + GAP_X),
                y: MARGIN + top + row * (NODE_HEIGHT + GAP_Y),
                width: NODE_WIDTH,
                height: NODE_HEIGHT,
            });
        }
        let width = nodes.iter().map(|n| n.x + n.width).max().unwrap_or(0) + MARGIN;
        let height = nodes.iter().map(|n| n.y + n.height).max().unwrap_or(0)
            + if below > 0 {
                below * LANE + LANE / 2
            } else {
                0
            }
            + MARGIN;
        Graph {
            nodes,
            edges,
            width,
            height,
        }
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_LABEL - 1).collect();
    cut.push('…');
    cut
}

/// The stages of a Dockerfile, the images they start from or copy from,
/// and how they feed each other.
pub fn stage_graph(dockerfile: &Dockerfile) -> Graph {
    let mut b = Builder {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let stages = &dockerfile.stages;
    let last = stages.len().saturating_sub(1);
    let stage_id = |i: usize| format!("stage:{i}");
    let find_stage = |name: &str, before: usize| -> Option<usize> {
        let lower = name.to_lowercase();
        if let Ok(n) = lower.parse::<usize>() {
            return (n < before).then_some(n);
        }
        stages[..before]
            .iter()
            .position(|s| s.name.as_deref() == Some(lower.as_str()))
    };
    for (i, stage) in stages.iter().enumerate().take(MAX_NODES) {
        // Lines before any FROM build nothing.
        if stage.implicit {
            continue;
        }
        let label = stage.name.clone().unwrap_or_else(|| {
            if i == last {
                "final stage".to_string()
            } else {
                format!("stage {i}")
            }
        });
        let kind = if i == last {
            NodeKind::FinalStage
        } else {
            NodeKind::Stage
        };
        let me = b.node(&stage_id(i), &label, &stage.base, kind);
        let base = match find_stage(&stage.base, i) {
            Some(parent) => b.node(&stage_id(parent), "", "", NodeKind::Stage),
            None => b.node(
                &format!("image:{}", stage.base),
                &stage.base,
                "image",
                NodeKind::Image,
            ),
        };
        b.edge(base, me, "FROM", false);
        for &index in &stage.instructions {
            let instruction = &dockerfile.instructions[index];
            let mut sources: Vec<(&str, &str, bool)> = Vec::new();
            if let (Command::Copy { .. } | Command::Add { .. }, Some(from)) =
                (&instruction.command, instruction.flag("from"))
            {
                if let Some(value) = from.value.as_deref() {
                    sources.push((value, "COPY --from", false));
                }
            }
            if let Command::Run { mounts, .. } = &instruction.command {
                for mount in mounts {
                    if matches!(mount.kind, MountType::Bind | MountType::Cache) {
                        if let Some(from) = mount.field(&["from"]) {
                            sources.push((from, "mount", true));
                        }
                    }
                }
            }
            for (source, label, dashed) in sources {
                if source.is_empty() || source.contains('$') {
                    continue;
                }
                let from = match find_stage(source, i) {
                    Some(s) => b.node(&stage_id(s), "", "", NodeKind::Stage),
                    None => b.node(&format!("image:{source}"), source, "image", NodeKind::Image),
                };
                b.edge(from, me, label, dashed);
            }
        }
    }
    b.layout()
}

/// Services, `depends_on` (an arrow from the service waited for, labelled
/// with a condition stronger than "started"), and the named volumes and
/// networks each service uses (dashed, to their right). `root` is the
/// compose file's root mapping.
pub fn service_graph(root: &Node) -> Graph {
    let mut b = Builder {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let services = root.get("services").map(Node::entries).unwrap_or_default();
    // Services first, so that their order is the file's.
    for entry in services.iter().take(MAX_NODES) {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        let detail = match (entry.value.get("image"), entry.value.get("build")) {
            (Some(image), _) => image.as_str().unwrap_or("image").to_string(),
            (None, Some(_)) => "built here".to_string(),
            _ => String::new(),
        };
        b.node(&format!("service:{name}"), name, &detail, NodeKind::Service);
    }
    for entry in services.iter().take(MAX_NODES) {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        let me = b.node(&format!("service:{name}"), name, "", NodeKind::Service);
        if let Some(depends) = entry.value.get("depends_on") {
            let mut targets: Vec<(String, String)> = Vec::new();
            if depends.is_map() {
                for dep in depends.entries() {
                    let Some(target) = dep.key.as_str() else {
                        continue;
                    };
                    let condition = dep
                        .value
                        .get("condition")
                        .and_then(Node::as_str)
                        .unwrap_or("service_started");
                    targets.push((target.to_string(), condition.to_string()));
                }
            } else {
                for item in depends.items() {
                    if let Some(target) = item.as_str() {
                        targets.push((target.to_string(), "service_started".into()));
                    }
                }
            }
            for (target, condition) in targets {
                let dep = b.node(
                    &format!("service:{target}"),
                    &target,
                    "not defined",
                    NodeKind::Service,
                );
                // The arrow reads "waits for"; only conditions stronger
                // than "started" are written on it.
                let label = match condition.as_str() {
                    "service_healthy" => "healthy",
                    "service_completed_successfully" => "completed",
                    _ => "",
                };
                b.edge(dep, me, label, false);
            }
        }
        if let Some(volumes) = entry.value.get("volumes") {
            for item in volumes.items() {
                let source = match item.as_str() {
                    Some(short) => short.split(':').next().unwrap_or_default().to_string(),
                    None => item
                        .get("source")
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                };
                // Named volumes only: bind mounts start with . / ~ or $.
                let named = !source.is_empty()
                    && !source.starts_with(['.', '/', '~', '$'])
                    && root.get("volumes").and_then(|v| v.get(&source)).is_some();
                if named {
                    let volume = b.node(
                        &format!("volume:{source}"),
                        &source,
                        "volume",
                        NodeKind::Volume,
                    );
                    b.edge(me, volume, "", true);
                }
            }
        }
        if let Some(networks) = entry.value.get("networks") {
            let names: Vec<String> = if networks.is_map() {
                networks
                    .entries()
                    .iter()
                    .filter_map(|e| e.key.as_str().map(str::to_string))
                    .collect()
            } else {
                networks
                    .items()
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect()
            };
            for network in names {
                let node = b.node(
                    &format!("network:{network}"),
                    &network,
                    "network",
                    NodeKind::Network,
                );
                b.edge(me, node, "", true);
            }
        }
    }
    b.layout()
}

impl Graph {
    /// A standalone SVG document; all text is escaped.
    pub fn to_svg(&self) -> String {
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n",
            w = self.width,
            h = self.height
        );
        for edge in &self.edges {
            let (path, label_x, label_y) = self.edge_path(edge);
            out.push_str(&format!(
                "<path d=\"{path}\" fill=\"none\" stroke=\"#667\"{} marker-end=\"url(#arrow)\"/>\n<text x=\"{label_x}\" y=\"{label_y}\" text-anchor=\"middle\" fill=\"#445\">{}</text>\n",
                if edge.dashed { " stroke-dasharray=\"4 3\"" } else { "" },
                escape(&edge.label)
            ));
        }
        for node in &self.nodes {
            out.push_str(&format!(
                "<g class=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#fff\" stroke=\"#334\"/><text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text><text x=\"{}\" y=\"{}\" fill=\"#556\">{}</text></g>\n",
                kind_class(node.kind),
                node.x,
                node.y,
                node.width,
                node.height,
                node.x + 10,
                node.y + 19,
                escape(&node.label),
                node.x + 10,
                node.y + 36,
                escape(&node.detail)
            ));
        }
        out.push_str("</svg>\n");
        out
    }

    /// The path of an edge (a curve from the right side of its source to
    /// the left side of its target) and where its label goes.
    pub fn edge_path(&self, edge: &GraphEdge) -> (String, u32, u32) {
        let (a, b) = (&self.nodes[edge.from], &self.nodes[edge.to]);
        let (x1, y1) = (a.x + a.width, a.y + a.height / 2);
        let (x2, y2) = if b.x > a.x {
            (b.x, b.y + b.height / 2)
        } else {
            // Same column (a link between peers): into the target's top.
            (b.x + b.width / 2, b.y)
        };
        if let Some(lane) = edge.lane {
            // Into the lane, along it, and into the target.
            let y = if edge.dashed {
                let bottom = self.nodes.iter().map(|n| n.y + n.height).max().unwrap_or(0);
                bottom + lane * LANE + LANE / 2
            } else {
                MARGIN + lane * LANE + LANE / 2
            };
            let (out_x, in_x) = (x1 + GAP_X / 2, x2.saturating_sub(GAP_X / 2));
            return (
                format!(
                    "M{x1},{y1} C{out_x},{y1} {x1},{y} {out_x},{y} L{in_x},{y} C{x2},{y} {in_x},{y2} {x2},{y2}"
                ),
                (out_x + in_x) / 2,
                y - 3,
            );
        }
        let middle = (x1 + x2) / 2;
        (
            format!("M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"),
            middle,
            (y1 + y2) / 2 - 4,
        )
    }
}

pub fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Stage => "stage",
        NodeKind::FinalStage => "final-stage",
        NodeKind::Image => "image",
        NodeKind::Service => "service",
        NodeKind::Volume => "volume",
        NodeKind::Network => "network",
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
