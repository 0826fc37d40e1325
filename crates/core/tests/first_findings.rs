//! A Dockerfile's findings alone are a part of its findings in a project:
//! the checks across files add findings, they never take one away or
//! change one. The page relies on it: it shows a Dockerfile's own findings
//! first (`crates/first-lint`, before the page's engine has arrived) and
//! the project's findings then complete them.
//!
//! Checked on the project fixtures, and on every real Dockerfile of
//! `../shared/corpus/dockerfiles` put in a project that builds it (a compose
//! service per stage, a `.dockerignore`), as the page lints a workspace
//! (no listing of the build context).

mod common;

use std::path::Path;

use common::files_under;
use dockwright_core::lint::{lint_dockerfile_with, lint_project};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{Diagnostic, FileKind, Settings};

fn key(d: &Diagnostic) -> (usize, usize, &'static str, dockwright_core::Severity, &str) {
    (d.span.start, d.span.end, d.code, d.severity, &d.message)
}

/// Each Dockerfile's own findings that the project's lint of it lacks.
fn missing_in_project(files: &[(String, String)]) -> Vec<String> {
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(path, text)| ProjectFile { path, text })
        .collect();
    let project = Project {
        files: &project_files,
        ..Project::default()
    };
    let reports = lint_project(&project, &Settings::default());
    let mut missing = Vec::new();
    for ((path, text), report) in files.iter().zip(&reports) {
        let name = path.rsplit('/').next().unwrap_or(path);
        if FileKind::from_name(name) != Some(FileKind::Dockerfile) {
            continue;
        }
        let in_project: Vec<_> = report.findings.iter().map(key).collect();
        for alone in lint_dockerfile_with(text, &Settings::default()) {
            if !in_project.contains(&key(&alone)) {
                missing.push(format!(
                    "{path}: {} {} at {:?}",
                    alone.code, alone.message, alone.span
                ));
            }
        }
    }
    missing
}

/// A compose file that builds `Dockerfile` once per stage (and once with
/// no target), so that every check that reads a service's build runs.
fn compose_building(dockerfile: &str) -> String {
    let mut compose = String::from("services:\n  app:\n    build: .\n    image: app\n");
    let stages = dockerfile
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [from, .., as_, name]
                    if from.eq_ignore_ascii_case("from") && as_.eq_ignore_ascii_case("as") =>
                {
                    Some(name.to_string())
                }
                _ => None,
            }
        })
        .filter(|name| {
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        });
    for (i, stage) in stages.enumerate() {
        compose.push_str(&format!(
            "  stage{i}:\n    build:\n      context: .\n      target: {stage}\n    ports:\n      - \"80{i:02}:80\"\n"
        ));
    }
    compose
}

#[test]
fn project_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&root).expect("the project fixtures") {
        let dir = entry.expect("a fixture").path();
        if dir.is_dir() {
            missing.extend(missing_in_project(&files_under(&dir)));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn real_dockerfiles_in_a_project_that_builds_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfiles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut missing = Vec::new();
    let mut checked = 0;
    let mut with_findings = 0;
    for entry in entries {
        let path = entry.expect("a corpus file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("Dockerfile") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable Dockerfile");
        checked += 1;
        if !lint_dockerfile_with(&text, &Settings::default()).is_empty() {
            with_findings += 1;
        }
        let files = vec![
            ("Dockerfile".to_string(), text.clone()),
            ("compose.yaml".to_string(), compose_building(&text)),
            (".dockerignore".to_string(), ".git\n*.md\n".to_string()),
        ];
        for line in missing_in_project(&files) {
            missing.push(format!("{}: {line}", path.display()));
        }
    }
    assert!(
        checked > 50,
        "only {checked} Dockerfiles in {}",
        dir.display()
    );
    // The check means something only if most files have findings.
    assert!(
        with_findings * 2 > checked,
        "{with_findings} of {checked} have findings"
    );
    assert!(missing.is_empty(), "{missing:#?}");
}
