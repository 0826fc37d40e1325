//! Help while typing, for every host (the page, `dockwright lsp`):
//! completion, hover, go to definition, references, rename and the outline,
//! from the same models the linter reads. Offsets and spans are bytes of
//! the file's text; hosts convert them (`editor_offsets`, LSP positions).

pub mod compose;
pub mod dockerfile;
pub mod docs;
pub mod project;

use serde::Serialize;

use crate::span::Span;

/// One proposal: `insert` replaces the text at `replace` (the part of the
/// word already typed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub label: String,
    pub kind: Kind,
    /// One line shown beside the label.
    pub detail: String,
    pub insert: String,
    pub replace: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Keyword,
    Directive,
    Flag,
    Value,
    Stage,
    Variable,
    Rule,
    /// A compose key.
    Property,
}

/// What the text under the cursor is, in Markdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// A replacement of one span's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// An entry of the outline: a stage and its instructions, a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Symbol {
    pub name: String,
    pub detail: String,
    /// The whole entry, and the part to select (its name).
    pub span: Span,
    pub selection: Span,
    pub children: Vec<Symbol>,
}
