//! Projects as data: each directory under `fixtures/projects` is one project
//! (compose files, Dockerfiles, .dockerignore), linted together with its
//! listing; every finding of every file is in `NAME.expected`.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files.

mod common;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use common::files_under;
use dockwright_core::lint::lint_project;
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::Settings;

fn render(dir: &Path) -> String {
    let files = files_under(dir);
    let listing: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(path, text)| ProjectFile { path, text })
        .collect();
    let project = Project {
        files: &project_files,
        listing: Some(&listing),
        ..Project::default()
    };
    let mut out = String::new();
    for (report, (_, text)) in lint_project(&project, &Settings::default())
        .iter()
        .zip(&files)
    {
        for d in &report.findings {
            writeln!(out, "{} {}", report.path, common::render_finding(text, d)).unwrap();
        }
    }
    out
}

#[test]
fn project_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let mut failures = Vec::new();
    for dir in &dirs {
        let actual = render(dir);
        let expected_path = dir.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).unwrap();
            } else {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}+++ actual\n{actual}",
                    dir.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "projects differ (UPDATE_EXPECT=1 to accept):\n{}",
        failures.join("\n")
    );
}
