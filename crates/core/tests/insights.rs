//! The page's insights as data: for each project in `fixtures/insights/`,
//! the stage graph and service graph (SVG), the layer-cache rows and the
//! scorecard, compared with the expected files beside it
//! (`UPDATE_EXPECT=1` rewrites them). Every change the scorecard proposes is
//! applied and must make its practice followed without adding an error;
//! the same holds on every real Dockerfile of `../shared/corpus`.

mod common;

use std::fmt::Write;
use std::path::Path;

use dockwright_core::patterns::scorecard::{scorecard, Status};
use dockwright_core::{dockerfile, graph, layers, lint, FileKind, Severity};

fn expect(dir: &Path, name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = dir.join(name);
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&path, actual).unwrap();
        } else {
            failures.push(format!(
                "{}: differs (UPDATE_EXPECT=1 to accept)\n--- expected\n{expected}+++ actual\n{actual}",
                path.display()
            ));
        }
    }
}

fn errors(kind: FileKind, text: &str) -> usize {
    lint(kind, text)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Applies each proposed change and checks it: the practice is followed
/// afterwards and the changed Dockerfile has no more errors than before.
fn check_changes(label: &str, files: &[(String, String)], failures: &mut Vec<String>) -> usize {
    let view: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let mut applied = 0;
    for result in scorecard(&view) {
        let Some(change) = &result.change else {
            continue;
        };
        assert_eq!(
            result.status,
            Status::Missed,
            "{label}: only a miss proposes a change"
        );
        let mut after = files.to_vec();
        for (path, text) in &change.files {
            match after.iter_mut().find(|(p, _)| p == path) {
                Some(file) => {
                    let kind = FileKind::from_name(path.rsplit('/').next().unwrap_or(path));
                    if kind == Some(FileKind::Dockerfile)
                        && errors(FileKind::Dockerfile, text)
                            > errors(FileKind::Dockerfile, &file.1)
                    {
                        failures.push(format!(
                            "{label}: change for {} adds errors to {path}:\n{text}",
                            result.practice.id
                        ));
                    }
                    file.1 = text.clone();
                }
                None => after.push((path.clone(), text.clone())),
            }
        }
        let view: Vec<(&str, &str)> = after
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let again = scorecard(&view);
        let now = again
            .iter()
            .find(|r| r.practice.id == result.practice.id)
            .unwrap();
        if now.status != Status::Followed {
            failures.push(format!(
                "{label}: after \"{}\", {} is still {:?}: {}",
                change.title, result.practice.id, now.status, now.detail
            ));
        }
        applied += 1;
    }
    applied
}

#[test]
fn insights_of_fixture_projects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/insights");
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let files: Vec<(String, String)> = common::files_under(&dir)
            .into_iter()
            .filter(|(p, _)| !p.ends_with(".expected") && !p.ends_with(".svg"))
            .collect();
        let label = dir.file_name().unwrap().to_string_lossy().into_owned();
        for (path, text) in &files {
            match FileKind::from_name(path) {
                Some(FileKind::Dockerfile) => {
                    let parsed = dockerfile::parse(text);
                    expect(
                        &dir,
                        "stage-graph.svg",
                        &graph::stage_graph(&parsed).to_svg(),
                        &mut failures,
                    );
                    let mut rows = String::new();
                    for row in layers::layer_rows(text, &parsed) {
                        writeln!(
                            rows,
                            "{:>3} [{}] {} | rebuilt by: {}{}",
                            row.line,
                            row.stage,
                            row.text,
                            if row.rebuilt_by.is_empty() {
                                "nothing in the context".to_string()
                            } else {
                                row.rebuilt_by.join(", ")
                            },
                            if row.whole_context { " (any file)" } else { "" }
                        )
                        .unwrap();
                    }
                    expect(&dir, "layers.expected", &rows, &mut failures);
                }
                Some(FileKind::Compose) => {
                    let document = dockwright_core::yaml::parse(text);
                    let svg = document
                        .root
                        .as_ref()
                        .map(|r| graph::service_graph(r).to_svg())
                        .unwrap_or_default();
                    expect(&dir, "service-graph.svg", &svg, &mut failures);
                }
                _ => {}
            }
        }
        let view: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let mut card = String::new();
        for result in scorecard(&view) {
            writeln!(
                card,
                "{} {:?}: {}",
                result.practice.id, result.status, result.detail
            )
            .unwrap();
            if let Some(change) = &result.change {
                writeln!(card, "  change: {}", change.title).unwrap();
                for (path, text) in &change.files {
                    writeln!(card, "  --- {path}").unwrap();
                    for line in text.lines() {
                        writeln!(card, "  | {line}").unwrap();
                    }
                }
            }
        }
        expect(&dir, "scorecard.expected", &card, &mut failures);
        check_changes(&label, &files, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scorecard_changes_on_real_dockerfiles_make_their_practice_followed() {
    let Some(dir) = common::shared("dockerfiles") else {
        return;
    };
    let mut failures = Vec::new();
    let mut applied = 0;
    for (path, text) in common::files_under(&dir) {
        if path.ends_with(".md") {
            continue;
        }
        let files = vec![("Dockerfile".to_string(), text)];
        applied += check_changes(&path, &files, &mut failures);
        // The pictures are drawn for any file without a panic, inside their box.
        let parsed = dockerfile::parse(&files[0].1);
        let g = graph::stage_graph(&parsed);
        assert!(
            g.nodes
                .iter()
                .all(|n| n.x + n.width <= g.width && n.y + n.height <= g.height),
            "{path}"
        );
        let _ = layers::layer_rows(&files[0].1, &parsed);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{applied} scorecard changes checked");
    assert!(applied > 0);
}
