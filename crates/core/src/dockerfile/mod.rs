//! Dockerfiles, read as BuildKit reads them.
//!
//! Three layers, as in BuildKit: [`parser`] turns lines into instruction
//! nodes, [`instructions`] gives them types and stages, [`shell`] expands
//! words. Every layer records errors and keeps going.

pub mod ast;
pub mod go;
pub mod instructions;
pub mod json;
pub mod parser;
pub mod scope;
pub mod script;
pub mod sh;
pub mod shell;

use serde::Serialize;

pub use ast::{Directive, Heredoc, Keyword, Node, Word};
pub use instructions::{Command, Flag, Instruction, MountType, Stage};

use crate::diagnostic::Diagnostic;

/// Diagnostic code of instructions BuildKit's builder rejects.
pub const BUILD_ERROR: &str = "build-error";

/// Everything known about one Dockerfile.
#[derive(Debug, Serialize)]
pub struct Dockerfile {
    pub directives: Vec<Directive>,
    pub escape: char,
    pub nodes: Vec<Node>,
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
    /// Every word BuildKit expands, expanded.
    pub expansions: scope::Expansions,
    /// Errors that would make BuildKit refuse the file, in source order.
    pub errors: Vec<Diagnostic>,
}

pub fn parse(text: &str) -> Dockerfile {
    let syntax = parser::parse(text);
    let mut build_errors = Vec::new();
    let (instructions, stages) = instructions::build(&syntax.nodes, &mut build_errors);
    let mut dockerfile = Dockerfile {
        directives: syntax.directives,
        escape: syntax.escape,
        nodes: syntax.nodes,
        instructions,
        stages,
        expansions: scope::Expansions::default(),
        errors: Vec::new(),
    };
    let mut expansions = scope::expand(&dockerfile);
    build_errors.append(&mut expansions.errors);
    build_errors.extend(circular_dependency(&dockerfile));
    dockerfile.expansions = expansions;
    let mut errors = syntax.errors;
    errors.extend(
        build_errors
            .into_iter()
            .map(|(span, message)| Diagnostic::error(BUILD_ERROR, span.clamp_to(text), message)),
    );
    crate::sort::sort_by_key(&mut errors, |d| (d.span.start, d.span.end));
    dockerfile.errors = errors;
    dockerfile
}

impl Dockerfile {
    /// Index of the first FROM in `instructions` (their count if none):
    /// the ARGs before it are global.
    pub fn first_from(&self) -> usize {
        self.stages
            .iter()
            .find(|s| !s.implicit)
            .map_or(self.instructions.len(), |s| s.from)
    }

    /// BuildKit's AST dump (`Node.Dump()` of the root, plus a newline).
    pub fn dump(&self) -> String {
        ast::dump(&self.nodes)
    }
}

/// BuildKit's "circular dependency detected on stage: …": stages depend on
/// the stages they copy or mount from (`COPY --from`, `RUN --mount=from=`,
/// by name anywhere in the file or by index), and a stage may not depend on
/// itself through them. The error sits on the first `--from` of the cycle.
fn circular_dependency(dockerfile: &Dockerfile) -> Option<(crate::span::Span, String)> {
    let real: Vec<usize> = (0..dockerfile.stages.len())
        .filter(|&i| !dockerfile.stages[i].implicit)
        .collect();
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, stage) in dockerfile.stages.iter().enumerate().rev() {
        if let Some(name) = stage.name.as_deref() {
            by_name.insert(name, i);
        }
    }
    let resolve = |reference: &str| -> Option<usize> {
        if let Ok(index) = reference.parse::<usize>() {
            return real.get(index).copied();
        }
        by_name.get(reference.to_lowercase().as_str()).copied()
    };
    // deps[stage] = (stage it uses, where).
    let mut deps: Vec<Vec<(usize, crate::span::Span)>> = vec![Vec::new(); dockerfile.stages.len()];
    for (stage_index, stage) in dockerfile.stages.iter().enumerate() {
        for &i in &stage.instructions {
            for (reference, span) in dockerfile.instructions[i].from_references() {
                if let Some(target) = resolve(reference) {
                    deps[stage_index].push((target, span));
                }
            }
        }
    }
    // Depth-first from each stage in order, as BuildKit walks them; an
    // explicit stack, since a generated file may chain thousands of stages.
    let count = dockerfile.stages.len();
    let mut visited = vec![false; count];
    for start in 0..count {
        if visited[start] {
            continue;
        }
        let mut on_path = vec![false; count];
        let mut first = None;
        // (stage, next dependency to look at)
        let mut stack = vec![(start, 0usize)];
        visited[start] = true;
        on_path[start] = true;
        let mut cycle = false;
        while let Some(&mut (at, ref mut next)) = stack.last_mut() {
            let Some(&(dep, span)) = deps[at].get(*next) else {
                on_path[at] = false;
                stack.pop();
                continue;
            };
            *next += 1;
            if first.is_none() {
                first = Some(span);
            }
            if on_path[dep] {
                cycle = true;
                break;
            }
            if !visited[dep] {
                visited[dep] = true;
                on_path[dep] = true;
                stack.push((dep, 0));
            }
        }
        if cycle {
            let stage = &dockerfile.stages[start];
            let position = real.iter().position(|&r| r == start).unwrap_or(start);
            let name = stage
                .name
                .clone()
                .unwrap_or_else(|| format!("stage-{position}"));
            return Some((
                first.unwrap_or(dockerfile.instructions[stage.from].span),
                format!("circular dependency detected on stage: {name}"),
            ));
        }
    }
    None
}
