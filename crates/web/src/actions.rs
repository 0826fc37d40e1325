//! What the page can do to its workspace, as reducer actions, and the
//! editor cell those actions keep in step.

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::Editor;
use crate::workspace::{RuleChoice, Workspace};

pub(crate) type EditorCell = Rc<std::cell::RefCell<Option<Editor>>>;

/// Closes every file of the editor before the workspace is replaced (ids
/// start again from 1).
pub(crate) fn forget_files(
    editor: &EditorCell,
    shown: &Rc<std::cell::RefCell<Option<u32>>>,
    ids: &[u32],
) {
    if let Some(editor) = editor.borrow().as_ref() {
        for id in ids {
            editor.close(*id);
        }
    }
    *shown.borrow_mut() = None;
}

pub(crate) enum Action {
    Edit {
        id: u32,
        text: Rc<str>,
        version: u32,
    },
    Activate(u32),
    Add(String),
    Rename(u32, String),
    Remove(u32),
    Reset,
    /// A whole workspace from a share link or a backup.
    Replace(Workspace),
    /// Files written by a pattern or a scorecard change: same-named files
    /// replaced, others added.
    Apply(Vec<(String, String)>),
    /// A rule's example, opened as a new file.
    Try {
        name: String,
        text: String,
    },
    Settings(String),
    /// The active compose profiles (the Resolved panel's picker).
    Profiles(Vec<String>),
    CourseAdd {
        title: String,
        task: String,
    },
    CourseRemove(usize),
    /// A trainer's changes to an exercise (and, if asked, the files shown as its start).
    CourseEdit {
        index: usize,
        title: String,
        task: String,
        take_files: bool,
    },
    /// Opens an exercise: the open one's work is kept first.
    CourseOpen(usize),
    CourseEnd,
    /// Starts the built-in course (in place of any other), at its first exercise.
    CourseBuiltin,
    /// Marks the open exercise solved or not, as its files now are.
    CourseMark(bool),
    Rule {
        code: &'static str,
        aliases: &'static [&'static str],
        choice: RuleChoice,
    },
    /// The formatter's step for a Dockerfile's continuation lines.
    ContinuationIndent(Option<String>),
}

#[derive(Clone, PartialEq)]
pub(crate) struct State(pub(crate) Workspace);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut workspace = self.0.clone();
        match action {
            Action::Edit { id, text, version } => workspace.set_text(id, text, version),
            Action::Activate(id) => {
                if workspace.file(id).is_some() {
                    workspace.active = id;
                }
            }
            Action::Add(name) => {
                let _ = workspace.add(&name);
            }
            Action::Rename(id, name) => {
                let _ = workspace.rename(id, &name);
            }
            Action::Remove(id) => workspace.remove(id),
            Action::Reset => workspace = Workspace::example(),
            Action::Replace(other) => workspace = other,
            Action::Apply(files) => workspace.apply_files(files),
            Action::Try { name, text } => {
                workspace.add_with_text(&name, &text);
            }
            Action::Settings(text) => workspace.set_settings(text),
            Action::Profiles(profiles) => workspace.set_profiles(profiles),
            Action::CourseAdd { title, task } => {
                let mut course = workspace.course.take().unwrap_or_default();
                let _ = course.add(&title, &task, &workspace);
                workspace.course = Some(course);
            }
            Action::CourseEdit {
                index,
                title,
                task,
                take_files,
            } => {
                if let Some(mut course) = workspace.course.take() {
                    let _ = course.edit(index, &title, &task, take_files.then_some(&workspace));
                    workspace.course = Some(course);
                }
            }
            Action::CourseRemove(index) => {
                if let Some(course) = workspace.course.as_mut() {
                    course.remove(index);
                }
            }
            Action::CourseOpen(index) => {
                let solved = solved_now(&workspace);
                if let Some(mut course) = workspace.course.take() {
                    course.keep(&workspace, solved);
                    if let Some(files) = course.files_for(index) {
                        workspace.replace_files(files);
                        course.current = Some(index);
                    }
                    workspace.course = Some(course);
                }
            }
            Action::CourseEnd => workspace.course = None,
            Action::CourseBuiltin => {
                let course = crate::course::Course::builtin();
                if let Some(files) = course.files_for(0) {
                    workspace.replace_files(files);
                }
                workspace.course = Some(course);
            }
            Action::CourseMark(solved) => {
                if let Some(course) = workspace.course.as_mut() {
                    course.mark(solved);
                }
            }
            Action::Rule {
                code,
                aliases,
                choice,
            } => workspace.set_rule(code, aliases, choice),
            Action::ContinuationIndent(indent) => workspace.set_continuation_indent(indent),
        }
        Rc::new(State(workspace))
    }
}

/// Whether the workspace's files solve the open exercise (its goal, or no
/// finding left), as the exercise banner says.
fn solved_now(workspace: &Workspace) -> bool {
    let findings = workspace.lint();
    crate::exercises::exercise_status(workspace, Some(&findings)).is_some_and(|s| s.solved)
}
