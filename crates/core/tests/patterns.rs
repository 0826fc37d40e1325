//! The pattern catalogue: every combination of every pattern's parameters
//! renders files that this engine finds nothing to say about — alone, and
//! together as a project (so the compose files and Dockerfiles agree).
//! Compose files are also checked with dclint's ordering rules switched on.

use dockwright_core::lint::lint_project;
use dockwright_core::patterns::{self, GeneratedFile, CATALOGUE};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{lint_with, FileKind, LineIndex, Settings};

fn strict() -> Settings {
    Settings::from_yaml(
        "override:\n  style: [service-keys-order, services-alphabetical-order, service-dependencies-alphabetical-order, service-ports-alphabetical-order, top-level-properties-order, no-quotes-in-volumes]\n",
    )
    .expect("valid settings")
}

fn describe(pattern: &str, values: &patterns::Values) -> String {
    let given: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{pattern} {}", given.join(" "))
}

fn check_files(
    label: &str,
    files: &[GeneratedFile],
    settings: &Settings,
    failures: &mut Vec<String>,
) {
    for file in files {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let Some(kind) = FileKind::from_name(name) else {
            continue;
        };
        // An override file is only half a project: Docker Compose refuses it
        // alone (its services name no image), so it is checked merged below.
        if kind == FileKind::DockerIgnore || name.contains(".override.") {
            continue;
        }
        let index = LineIndex::new(&file.text);
        for d in lint_with(kind, &file.text, settings) {
            let at = index.line_col(d.span.start);
            failures.push(format!(
                "{label}: {}:{} {} {}",
                file.path, at.line, d.code, d.message
            ));
        }
    }
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|f| ProjectFile {
            path: &f.path,
            text: &f.text,
        })
        .collect();
    let project = Project {
        files: &project_files,
        listing: None,
        ..Project::default()
    };
    for (report, file) in lint_project(&project, settings).iter().zip(files) {
        let index = LineIndex::new(&file.text);
        for d in &report.findings {
            let at = index.line_col(d.span.start);
            failures.push(format!(
                "{label} (project): {}:{} {} {}",
                file.path, at.line, d.code, d.message
            ));
        }
    }
}

#[test]
fn every_combination_of_every_pattern_lints_clean() {
    let settings = strict();
    let mut failures = Vec::new();
    let mut combinations = 0;
    for pattern in CATALOGUE {
        for values in pattern.combinations() {
            combinations += 1;
            let files = (pattern.render)(&values);
            assert!(!files.is_empty(), "{} renders files", pattern.id);
            for file in &files {
                assert!(
                    file.text.ends_with('\n') && !file.text.ends_with("\n\n"),
                    "{}: {} ends with one newline",
                    pattern.id,
                    file.path
                );
                let lines = file.text.lines().count();
                for (line, note) in &file.notes {
                    assert!(
                        *line >= 1 && *line <= lines && !note.is_empty(),
                        "{}: note on line {line} of {}",
                        pattern.id,
                        file.path
                    );
                }
            }
            check_files(
                &describe(pattern.id, &values),
                &files,
                &settings,
                &mut failures,
            );
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} findings:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        combinations > 100,
        "the matrix covers {combinations} combinations"
    );
}

#[test]
fn parameters_are_checked_with_a_message_that_says_what_to_do() {
    let pattern = patterns::find("fullstack").unwrap();
    let error = pattern.resolve(&[("port", "99999")]).unwrap_err();
    assert_eq!(error.key, "port");
    assert!(error.message.contains("1 to 65535"), "{}", error.message);
    let error = pattern
        .resolve(&[("runtime", "node"), ("package_manager", "poetry")])
        .unwrap_err();
    assert!(
        error.message.contains("npm, pnpm, yarn"),
        "{}",
        error.message
    );
    let error = pattern.resolve(&[("colour", "blue")]).unwrap_err();
    assert!(
        error.message.contains("has no parameter `colour`"),
        "{}",
        error.message
    );
    let error = pattern.resolve(&[("uid", "0")]).unwrap_err();
    assert!(
        error.message.contains("from 1000 to 65533"),
        "{}",
        error.message
    );
    let error = pattern.resolve(&[("health_path", "health")]).unwrap_err();
    assert!(error.message.contains("start with /"), "{}", error.message);
    // A choice that no longer applies falls back: Python's default manager.
    let values = pattern.resolve(&[("runtime", "python")]).unwrap();
    assert_eq!(values.get("package_manager"), "pip");
    assert_eq!(values.get("version"), "3.12");
}

#[test]
fn any_accepted_text_parameter_renders_files_without_errors() {
    let samples = [
        "",
        " ",
        "a",
        "/",
        "/x y",
        "/ok",
        "/a\"b",
        "/a\nb",
        "app\"",
        "shop-2",
        "Shop",
        "x:y",
        "acme/shop",
        "acme//shop",
        "-x",
        "/${X}",
        "/é",
        "9",
        "a_b",
        "root",
        "/health?x=1",
        "1000",
        "1001",
        "65533",
        "65534",
        "0",
    ];
    for pattern in CATALOGUE {
        for param in pattern.params {
            if !matches!(
                param.kind,
                patterns::ParamKind::Text { .. } | patterns::ParamKind::Port { .. }
            ) {
                continue;
            }
            for sample in samples {
                let Ok(files) = pattern.render_with(&[(param.key, sample)]) else {
                    continue;
                };
                // As a project: an override file is read merged with its base.
                let project_files: Vec<ProjectFile> = files
                    .iter()
                    .map(|f| ProjectFile {
                        path: &f.path,
                        text: &f.text,
                    })
                    .collect();
                let project = Project {
                    files: &project_files,
                    listing: None,
                    ..Project::default()
                };
                for report in lint_project(&project, &Settings::default()) {
                    let errors: Vec<&String> = report
                        .findings
                        .iter()
                        .filter(|d| d.severity == dockwright_core::Severity::Error)
                        .map(|d| &d.message)
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{} {}={sample:?}: {}: {errors:?}",
                        pattern.id,
                        param.key,
                        report.path
                    );
                }
            }
        }
    }
}
