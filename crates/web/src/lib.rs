//! The playground page. Components only: the engine is `dockwright-core`;
//! the editor is CodeMirror behind `editor`; positions become UTF-16 in
//! `positions` and nowhere else.

mod app;
pub mod course;
mod diff_view;
pub mod editor;
pub mod lint_worker;
mod patterns_panel;
pub mod positions;
mod resolved_panel;
mod review_panel;
mod rule_docs;
mod share;
mod storage;
mod use_findings;
pub mod workspace;

pub use app::App;
pub use workspace::EXAMPLE_DOCKERFILE;
