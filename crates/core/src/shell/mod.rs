//! Shell scripts as ShellCheck reads them: the commands of a RUN (and of a
//! heredoc script, a HEALTHCHECK or a shell-form CMD) parsed into words and
//! their parts — quotes, parameter expansions, command substitutions,
//! arithmetic — with compound commands (`if`, `for`, `while`, `case`,
//! functions, groups, subshells), redirections and here-documents, so that
//! the shell checks (`rules/dockerfile/shell_*.rs`) reason about the script
//! the way ShellCheck does. Plain text in, spans in that text out; the
//! Dockerfile side (`dockerfile::script`) maps them back to the file.

pub mod ast;
mod parse;

pub use ast::*;
pub use parse::{parse, Parsed};
