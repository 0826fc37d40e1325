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
    dockerfile.expansions = expansions;
    let mut errors = syntax.errors;
    errors.extend(
        build_errors
            .into_iter()
            .map(|(span, message)| Diagnostic::error(BUILD_ERROR, span.clamp_to(text), message)),
    );
    errors.sort_by_key(|d| (d.span.start, d.span.end));
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
