//! The playground page. Components only: the engine is `dockwright-core`;
//! the editor is CodeMirror behind `editor`; positions become UTF-16 in
//! `positions` and nowhere else.

mod app;
pub mod course;
pub mod editor;
pub mod positions;
mod rule_docs;
mod share;
mod storage;
pub mod workspace;

pub use app::App;
pub use workspace::EXAMPLE_DOCKERFILE;
