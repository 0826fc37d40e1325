//! The layer-cache view: for each instruction, which changes to the build
//! context make Docker rebuild it — and so everything after it in its
//! stage and in the stages built from it.

use serde::Serialize;

use crate::dockerfile::{Command, Dockerfile};
use crate::span::Span;

/// One instruction and what invalidates its cached layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayerRow {
    /// The stage's name, or `stage N`.
    pub stage: String,
    /// 1-based line of the instruction.
    pub line: usize,
    pub span: Span,
    /// The instruction's first line, as written.
    pub text: String,
    /// Context paths this instruction itself copies (`.` for all).
    pub copies: Vec<String>,
    /// Context paths whose change rebuilds this instruction: its own and
    /// every earlier one's in the stage and its parents, in order.
    pub rebuilt_by: Vec<String>,
    /// Whether any file of the context rebuilds it (`COPY . .` at or above).
    pub whole_context: bool,
}

/// The rows of every instruction (FROM excluded), stage by stage.
pub fn layer_rows(text: &str, dockerfile: &Dockerfile) -> Vec<LayerRow> {
    let index = crate::span::LineIndex::new(text);
    let mut rows = Vec::new();
    // What each stage's last layer depends on, for stages built on it.
    let mut stage_inputs: Vec<(Vec<String>, bool)> = Vec::new();
    for (i, stage) in dockerfile.stages.iter().enumerate() {
        let name = stage.name.clone().unwrap_or_else(|| format!("stage {i}"));
        let parent = dockerfile.stages[..i]
            .iter()
            .position(|s| s.name.as_deref() == Some(stage.base.to_lowercase().as_str()));
        let (mut inputs, mut whole) = parent
            .and_then(|p| stage_inputs.get(p).cloned())
            .unwrap_or_default();
        for &at in &stage.instructions {
            let instruction = &dockerfile.instructions[at];
            let mut copies = Vec::new();
            match &instruction.command {
                Command::Copy { sources, .. } | Command::Add { sources, .. } => {
                    match instruction.flag("from").and_then(|f| f.value.as_deref()) {
                        Some(from) => {
                            // A copy from another stage is rebuilt when that
                            // stage's inputs change.
                            let lower = from.to_lowercase();
                            let source = dockerfile.stages[..i]
                                .iter()
                                .position(|s| s.name.as_deref() == Some(lower.as_str()))
                                .or_else(|| lower.parse::<usize>().ok().filter(|n| *n < i));
                            if let Some((more, all)) = source.and_then(|s| stage_inputs.get(s)) {
                                for path in more {
                                    push_unique(&mut inputs, path);
                                }
                                whole |= *all;
                            }
                        }
                        None => {
                            for source in sources.iter().filter(|s| !s.value.starts_with("<<")) {
                                let path = clean(&source.value);
                                whole |= path == ".";
                                copies.push(path.clone());
                                push_unique(&mut inputs, &path);
                            }
                        }
                    }
                }
                Command::Run { mounts, .. } => {
                    // A bind mount of the context is read like a COPY; one
                    // from a stage brings that stage's inputs.
                    for mount in mounts {
                        if mount.kind != crate::dockerfile::MountType::Bind {
                            continue;
                        }
                        if let Some(from) = mount.field(&["from"]) {
                            let lower = from.to_lowercase();
                            let source = dockerfile.stages[..i]
                                .iter()
                                .position(|s| s.name.as_deref() == Some(lower.as_str()));
                            if let Some((more, all)) = source.and_then(|s| stage_inputs.get(s)) {
                                for path in more {
                                    push_unique(&mut inputs, path);
                                }
                                whole |= *all;
                            }
                        } else {
                            let path = clean(mount.field(&["source", "src"]).unwrap_or("."));
                            whole |= path == ".";
                            copies.push(path.clone());
                            push_unique(&mut inputs, &path);
                        }
                    }
                }
                _ => {}
            }
            let first_line = text[instruction.span.start..instruction.span.end]
                .lines()
                .next()
                .unwrap_or_default();
            rows.push(LayerRow {
                stage: name.clone(),
                line: index.line_col(instruction.span.start).line,
                span: instruction.span,
                text: first_line.chars().take(120).collect(),
                copies,
                rebuilt_by: inputs.clone(),
                whole_context: whole,
            });
        }
        stage_inputs.push((inputs, whole));
    }
    rows
}

fn clean(path: &str) -> String {
    let trimmed = path.trim_start_matches("./").trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "." {
        ".".to_string()
    } else {
        trimmed.to_string()
    }
}

fn push_unique(list: &mut Vec<String>, path: &str) {
    if !list.iter().any(|p| p == path) {
        list.push(path.to_string());
    }
}
