//! The playground page. Components only: the engine is `dockwright-core`;
//! the editor is CodeMirror behind `editor`; positions become UTF-16 in
//! `positions` and nowhere else.

mod actions;
mod app;
mod assist;
mod codec;
pub mod course;
mod diff_view;
pub mod editor;
mod editor_host;
mod exercises;
mod findings_panel;
mod format_button;
pub mod lint_worker;
mod notice;
mod outline;
mod panel_worker;
mod patterns_panel;
pub mod positions;
pub mod resolved;
mod resolved_panel;
pub mod review;
mod review_panel;
mod rule_docs;
mod rules_panel;
mod settings_panel;
mod share;
mod shared;
mod storage;
mod tabs;
mod theme;
mod use_findings;
pub mod workspace;

pub use app::App;
pub use workspace::EXAMPLE_DOCKERFILE;
