//! The Dockerfile formatter, as data and over every corpus file.
//!
//! - `fixtures/format/NAME.Dockerfile` formats to `NAME.formatted`
//!   (`UPDATE_EXPECT=1 cargo test` rewrites them); `NAME.refused` instead
//!   holds the message for a file that is left unchanged.
//! - Safe: on every corpus Dockerfile (BuildKit's parser cases, the real
//!   Dockerfiles, the rule fixtures), BuildKit's reading of the result is the
//!   input's — the same instructions, flags, heredocs and arguments, except
//!   blanks in a shell-form command outside quotes (where the shell ignores
//!   them) — and linting it adds no finding.
//! - Idempotent: formatting the result changes nothing.

mod common;

use std::path::{Path, PathBuf};

use dockwright_core::format::dockerfile::{format, Options};
use dockwright_core::{lint, FileKind};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut walk = |dir: PathBuf| {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                for inner in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                    let name = inner.file_name().to_string_lossy().to_lowercase();
                    if name.ends_with("dockerfile") {
                        files.push(inner.path());
                    }
                }
            } else if path
                .to_string_lossy()
                .to_lowercase()
                .ends_with("dockerfile")
            {
                files.push(path);
            }
        }
    };
    walk(root.join("../../../shared/corpus/buildkit-parser"));
    walk(root.join("../../../shared/corpus/dockerfiles"));
    walk(root.join("tests/fixtures/rules"));
    walk(root.join("tests/fixtures/format"));
    files.sort();
    files
}

fn codes(text: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = lint(FileKind::Dockerfile, text)
        .iter()
        .map(|d| d.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn every_corpus_dockerfile_formats_safely_and_idempotently() {
    let files = corpus_files();
    assert!(files.len() > 100, "only {} files", files.len());
    let mut failures = Vec::new();
    let mut formatted = 0;
    let mut changed = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(out) = format(&text, &Options::default()) else {
            continue;
        };
        formatted += 1;
        if out != text {
            changed += 1;
        }
        if let Err(failure) = common::formatting_keeps_the_build(&text, &out) {
            failures.push(format!("{}: {failure}", path.display()));
            continue;
        }
        let (old, new) = (codes(&text), codes(&out));
        let added: Vec<&&str> = new
            .iter()
            .filter(|c| {
                new.iter().filter(|x| x == c).count() > old.iter().filter(|x| x == c).count()
            })
            .collect();
        if !added.is_empty() {
            failures.push(format!(
                "{}: formatting adds findings {added:?}",
                path.display()
            ));
        }
    }
    eprintln!(
        "{} corpus Dockerfiles: {formatted} formatted ({changed} changed), the rest refused",
        files.len()
    );
    assert!(formatted > 100, "only {formatted} files formatted");
    assert!(
        changed > 10,
        "only {changed} files changed: the test would show nothing"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let (actual, expected_path) = match format(&text, &Options::default()) {
            Ok(out) => (out, path.with_extension("formatted")),
            Err(refusal) => (
                format!("{}\n", refusal.message),
                path.with_extension("refused"),
            ),
        };
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}+++ actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The catalogue's Dockerfiles are written in the formatter's style: a
/// pattern applied and then formatted does not change.
#[test]
fn pattern_dockerfiles_are_already_formatted() {
    use dockwright_core::patterns::CATALOGUE;
    let mut unformatted = Vec::new();
    for pattern in CATALOGUE {
        for values in pattern.combinations() {
            for file in (pattern.render)(&values) {
                let name = file.path.rsplit('/').next().unwrap_or(&file.path);
                if FileKind::from_name(name) != Some(FileKind::Dockerfile) {
                    continue;
                }
                match format(&file.text, &Options::default()) {
                    Ok(out) if out == file.text => {}
                    Ok(out) => unformatted.push(format!(
                        "{} {}:\n{}",
                        pattern.id,
                        file.path,
                        dockwright_core::diff::unified(
                            &file.text,
                            &out,
                            "rendered",
                            "formatted",
                            1
                        )
                    )),
                    Err(refusal) => unformatted
                        .push(format!("{} {}: {}", pattern.id, file.path, refusal.message)),
                }
            }
        }
    }
    unformatted.dedup();
    assert!(
        unformatted.is_empty(),
        "{} files:\n{}",
        unformatted.len(),
        unformatted
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
