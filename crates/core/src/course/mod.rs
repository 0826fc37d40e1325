//! The built-in course "From tutorial to production": one exercise per
//! pattern of the classic catalogue this project grew from, each starting
//! from the pattern as tutorials write it, with a task, a hint, a goal the
//! engine checks and the catalogue pattern that solves it. Hosts (the page)
//! show it, keep the learner's work and mark each exercise solved when its
//! goal is met.

mod exercises;

pub use exercises::COURSE;

use crate::lint::lint_project;
use crate::patterns::scorecard::{scorecard, Status};
use crate::patterns::PRACTICES;
use crate::project::{Project, ProjectFile};
use crate::{Diagnostic, Settings};

/// An exercise of the built-in course.
#[derive(Debug)]
pub struct Exercise {
    pub title: &'static str,
    /// What to do, in a few sentences (Markdown-free).
    pub task: &'static str,
    /// A nudge for a learner who is stuck.
    pub hint: &'static str,
    /// The files it starts from: (path, text).
    pub files: &'static [(&'static str, &'static str)],
    pub goal: Goal,
    /// The catalogue pattern (and its parameters) that solves it.
    pub solution: Solution,
}

#[derive(Debug)]
pub struct Solution {
    pub pattern: &'static str,
    pub params: &'static [(&'static str, &'static str)],
}

/// What the files must come to: findings gone, practices of the scorecard
/// followed, and text requirements for what no rule reads (a CI workflow).
#[derive(Debug, Default)]
pub struct Goal {
    /// Rule codes (or aliases) that must not be found in any file.
    pub gone: &'static [&'static str],
    /// Ids of scorecard practices that must be followed.
    pub practices: &'static [&'static str],
    pub text: &'static [TextRequirement],
}

/// A file must (not) contain pieces of text.
#[derive(Debug)]
pub struct TextRequirement {
    pub path: &'static str,
    /// Text found nowhere in the file.
    pub absent: &'static [&'static str],
    /// Text found somewhere in the file.
    pub present: &'static [&'static str],
    /// Whole lines of the file (blanks around them aside).
    pub lines: &'static [&'static str],
    /// The requirement in words.
    pub says: &'static str,
}

/// One part of a goal and whether the files meet it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalCheck {
    pub says: String,
    pub met: bool,
}

/// Checks a goal on the learner's files, given as (path, text): lints
/// them as a project, then [`check_with`].
pub fn check(goal: &Goal, files: &[(&str, &str)]) -> Vec<GoalCheck> {
    let findings = findings_of(files);
    check_with(goal, files, |code| {
        findings.iter().any(|f| f.is_named(code))
    })
}

/// The findings of an exercise's files, linted as the whole project (its
/// files are all it has, so what a build context lacks is reported).
pub fn findings_of(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(path, text)| ProjectFile { path, text })
        .collect();
    let listing: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
    let project = Project {
        files: &project_files,
        listing: Some(&listing),
        compose_files: &[],
        host_environment: None,
        env_files: &[],
    };
    lint_project(&project, &Settings::default())
        .into_iter()
        .flat_map(|report| report.findings)
        .collect()
}

/// Checks a goal on files whose findings a host has already: `found(code)`
/// says whether a finding of that rule (code or alias) is among them. Each
/// part of the goal is one check, in the goal's order.
pub fn check_with(
    goal: &Goal,
    files: &[(&str, &str)],
    found: impl Fn(&str) -> bool,
) -> Vec<GoalCheck> {
    let mut checks = Vec::new();
    for code in goal.gone {
        let what = crate::rules::registry::find_meta(code).map_or(*code, |m| m.summary);
        checks.push(GoalCheck {
            says: format!("No {code} finding ({what})"),
            met: !found(code),
        });
    }
    let card = scorecard(files);
    for id in goal.practices {
        let title = PRACTICES
            .iter()
            .find(|p| p.id == *id)
            .map_or(*id, |p| p.title);
        let followed = card
            .iter()
            .any(|c| c.practice.id == *id && c.status == Status::Followed);
        checks.push(GoalCheck {
            says: format!("Practice followed: {title}"),
            met: followed,
        });
    }
    for requirement in goal.text {
        let text = files
            .iter()
            .find(|(p, _)| *p == requirement.path)
            .map(|(_, t)| *t);
        let met = text.is_some_and(|t| {
            requirement.absent.iter().all(|a| !t.contains(a))
                && requirement.present.iter().all(|p| t.contains(p))
                && requirement
                    .lines
                    .iter()
                    .all(|wanted| t.lines().any(|line| line.trim() == *wanted))
        });
        checks.push(GoalCheck {
            says: requirement.says.to_string(),
            met,
        });
    }
    checks
}

/// The files an exercise's solution gives: the pattern's files over the
/// exercise's (a file of both takes the pattern's text).
pub fn solution_files(exercise: &Exercise) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = exercise
        .files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let Some(pattern) = crate::patterns::find(exercise.solution.pattern) else {
        return files;
    };
    let Ok(generated) = pattern.render_with(exercise.solution.params) else {
        return files;
    };
    for file in generated {
        match files.iter_mut().find(|(p, _)| *p == file.path) {
            Some(existing) => existing.1 = file.text,
            None => files.push((file.path, file.text)),
        }
    }
    files
}
