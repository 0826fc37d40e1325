//! Training rooms: a trainer turns sets of files into exercises (files plus
//! a short task) and hands them out as one link or one file; a learner works
//! through them, offline too, and sees each one marked solved once its files
//! have no findings left. Plain Rust, tested natively.

use dockwright_core::course::{self as builtin, GoalCheck, COURSE};

use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    pub title: String,
    pub task: String,
    /// A nudge for a learner who is stuck (the built-in course's).
    pub hint: String,
    /// The built-in course's exercise this one is (its goal and its
    /// solution), kept when a trainer edits the course.
    pub builtin: Option<usize>,
    /// The files the exercise starts from: (name, text).
    pub start: Vec<(String, String)>,
    /// The learner's files, once the exercise has been worked on.
    pub work: Option<Vec<(String, String)>>,
    pub solved: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Course {
    pub exercises: Vec<Exercise>,
    /// The exercise open in the workspace.
    pub current: Option<usize>,
}

fn files_of(workspace: &Workspace) -> Vec<(String, String)> {
    workspace
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.to_string()))
        .collect()
}

impl Exercise {
    /// The goal's parts and whether `files` meet them, for an exercise of
    /// the built-in course; `found(code)` says whether the files have a
    /// finding of that rule.
    pub fn goal(
        &self,
        files: &[(&str, &str)],
        found: impl Fn(&str) -> bool,
    ) -> Option<Vec<GoalCheck>> {
        let exercise = COURSE.get(self.builtin?)?;
        Some(builtin::check_with(&exercise.goal, files, found))
    }

    /// Whether `files` solve it: the goal met, or (an exercise a trainer
    /// wrote) no finding left.
    pub fn solved_by(
        &self,
        files: &[(&str, &str)],
        findings: usize,
        found: impl Fn(&str) -> bool,
    ) -> bool {
        match self.goal(files, found) {
            Some(checks) => checks.iter().all(|c| c.met),
            None => findings == 0,
        }
    }

    /// The files of the catalogue pattern that solves it (built-in only).
    pub fn solution(&self) -> Option<Vec<(String, String)>> {
        Some(builtin::solution_files(COURSE.get(self.builtin?)?))
    }

    /// The catalogue pattern that solves it (built-in only).
    pub fn solution_pattern(&self) -> Option<&'static str> {
        Some(COURSE.get(self.builtin?)?.solution.pattern)
    }
}

impl Course {
    /// The built-in course "From tutorial to production", its first
    /// exercise open.
    pub fn builtin() -> Course {
        Course {
            exercises: COURSE
                .iter()
                .enumerate()
                .map(|(index, exercise)| Exercise {
                    title: exercise.title.to_string(),
                    task: exercise.task.to_string(),
                    hint: exercise.hint.to_string(),
                    builtin: Some(index),
                    start: exercise
                        .files
                        .iter()
                        .map(|(p, t)| (p.to_string(), t.to_string()))
                        .collect(),
                    work: None,
                    solved: false,
                })
                .collect(),
            current: Some(0),
        }
    }

    /// Marks the open exercise solved or not (as the learner's files are).
    pub fn mark(&mut self, solved: bool) {
        if let Some(exercise) = self.current.and_then(|c| self.exercises.get_mut(c)) {
            exercise.solved = solved;
        }
    }

    /// Adds the workspace's files as a new exercise (the trainer's side).
    pub fn add(&mut self, title: &str, task: &str, workspace: &Workspace) -> Result<(), String> {
        let title = title.trim();
        if title.is_empty() {
            return Err("An exercise needs a title.".into());
        }
        if title.chars().count() > 120 || task.chars().count() > 2000 {
            return Err("Keep the title under 120 characters and the task under 2000.".into());
        }
        self.exercises.push(Exercise {
            title: title.to_string(),
            task: task.trim().to_string(),
            hint: String::new(),
            builtin: None,
            start: files_of(workspace),
            work: None,
            solved: false,
        });
        Ok(())
    }

    /// Changes an exercise's title and task (the trainer's side), and its
    /// start files to the workspace's when one is given.
    pub fn edit(
        &mut self,
        index: usize,
        title: &str,
        task: &str,
        files: Option<&Workspace>,
    ) -> Result<(), String> {
        let title = title.trim();
        if title.is_empty() {
            return Err("An exercise needs a title.".into());
        }
        if title.chars().count() > 120 || task.chars().count() > 2000 {
            return Err("Keep the title under 120 characters and the task under 2000.".into());
        }
        let exercise = self
            .exercises
            .get_mut(index)
            .ok_or_else(|| "No such exercise.".to_string())?;
        exercise.title = title.to_string();
        exercise.task = task.trim().to_string();
        if let Some(workspace) = files {
            exercise.start = files_of(workspace);
        }
        Ok(())
    }

    pub fn remove(&mut self, index: usize) {
        if index < self.exercises.len() {
            self.exercises.remove(index);
            self.current = match self.current {
                Some(c) if c == index => None,
                Some(c) if c > index => Some(c - 1),
                other => other,
            };
        }
    }

    /// Keeps the learner's work on the open exercise (and whether it is
    /// solved) before another one is opened.
    pub fn keep(&mut self, workspace: &Workspace, solved: bool) {
        if let Some(exercise) = self.current.and_then(|c| self.exercises.get_mut(c)) {
            exercise.work = Some(files_of(workspace));
            exercise.solved = solved;
        }
    }

    /// The files to show for exercise `index`: the learner's work, else the
    /// start.
    pub fn files_for(&self, index: usize) -> Option<Vec<(String, String)>> {
        let exercise = self.exercises.get(index)?;
        Some(
            exercise
                .work
                .clone()
                .unwrap_or_else(|| exercise.start.clone()),
        )
    }

    /// A copy to hand out: the start files only, no learner's work.
    pub fn handout(&self) -> Course {
        Course {
            exercises: self
                .exercises
                .iter()
                .map(|e| Exercise {
                    work: None,
                    solved: false,
                    ..e.clone()
                })
                .collect(),
            current: None,
        }
    }

    pub fn solved_count(&self) -> usize {
        self.exercises.iter().filter(|e| e.solved).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_keeps_work_per_exercise_and_hands_out_clean_copies() {
        let mut course = Course::default();
        let workspace = Workspace::example();
        assert!(course.add("  ", "task", &workspace).is_err());
        course
            .add("Pin the base image", "Give FROM a tag.", &workspace)
            .unwrap();
        course.add("Second", "", &workspace).unwrap();
        course.current = Some(0);
        let mut edited = workspace.clone();
        let id = edited.files[0].id;
        edited.set_text(id, "FROM alpine:3.20\n", 1);
        course.keep(&edited, true);
        assert_eq!(course.files_for(0).unwrap()[0].1, "FROM alpine:3.20\n");
        assert_eq!(
            course.files_for(1).unwrap()[0].1,
            crate::workspace::EXAMPLE_DOCKERFILE
        );
        assert_eq!(course.solved_count(), 1);
        let handout = course.handout();
        assert_eq!(handout.solved_count(), 0);
        assert!(handout.exercises[0].work.is_none());
        course.remove(0);
        assert_eq!(course.current, None);
        assert_eq!(course.exercises.len(), 1);
    }

    #[test]
    fn the_builtin_course_checks_its_goals_and_offers_solutions() {
        let course = Course::builtin();
        assert_eq!(course.exercises.len(), COURSE.len());
        let first = &course.exercises[0];
        let start: Vec<(&str, &str)> = first
            .start
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        assert!(!first.solved_by(&start, 3, |code| code == "build-error"));
        let solution = first.solution().unwrap();
        let solved: Vec<(&str, &str)> = solution
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        assert!(first.solved_by(&solved, 0, |_| false));
        assert_eq!(first.solution_pattern(), Some("nextjs"));
        // A trainer edits it: the goal stays the built-in one.
        let mut edited = course.clone();
        edited
            .edit(0, "Next.js, for our team", "Fix it.", None)
            .unwrap();
        assert_eq!(edited.exercises[0].title, "Next.js, for our team");
        assert_eq!(edited.exercises[0].builtin, Some(0));
        assert!(edited.edit(0, " ", "", None).is_err());
        assert!(edited.edit(99, "x", "", None).is_err());
        // A trainer's exercise is solved when no finding is left.
        let mut own = first.clone();
        own.builtin = None;
        assert!(own.solved_by(&start, 0, |_| true));
    }
}
