//! Dockwright's engine: Dockerfile and compose parsing and linting.
//!
//! No IO and no host dependency: hosts (the CLI, the web page) pass text in
//! and get spans, codes and messages back.

pub mod assist;
pub mod compose;
pub mod course;
pub mod diagnostic;
pub mod diff;
pub mod dockerfile;
pub mod dockerignore;
pub mod editor_offsets;
pub mod fix;
pub mod format;
pub mod graph;
pub mod layers;
pub mod lint;
pub mod patterns;
pub mod project;
pub mod rules;
pub mod shell;
pub mod sort;
pub mod span;
pub mod yaml;

pub use diagnostic::{Diagnostic, Severity};
pub use lint::{lint, lint_with, FileKind};
pub use rules::{Settings, SettingsError};
pub use span::{LineCol, LineIndex, Span};
