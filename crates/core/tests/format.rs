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

use dockwright_core::dockerfile::{self, Node};
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

/// Words of a shell-form command, blanks outside quotes collapsed.
fn shell_words(text: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, ' ' | '\t' | '\n' | '\r') => {
                if !words.last().unwrap().is_empty() {
                    words.push(String::new());
                }
                continue;
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => {
                words.last_mut().unwrap().push(c);
                if let Some(next) = chars.next() {
                    words.last_mut().unwrap().push(next);
                }
                continue;
            }
            _ => {}
        }
        words.last_mut().unwrap().push(c);
    }
    words.retain(|w| !w.is_empty());
    words
}

const SHELL_FORM: [&str; 4] = ["run", "cmd", "entrypoint", "healthcheck"];

/// What BuildKit reads of an instruction, for comparison.
fn reading(node: &Node) -> String {
    let keyword = node.keyword.value.to_lowercase();
    let mut args: Vec<String> = if !node.json && SHELL_FORM.contains(&keyword.as_str()) {
        node.args
            .iter()
            .flat_map(|a| shell_words(&a.value))
            .collect()
    } else {
        node.args.iter().map(|a| a.value.clone()).collect()
    };
    // `FROM image AS name`: BuildKit reads the AS keyword in any case.
    if keyword == "from" && args.len() == 3 && args[1].eq_ignore_ascii_case("as") {
        args[1] = "AS".into();
    }
    let flags: Vec<&str> = node.flags.iter().map(|f| f.value.as_str()).collect();
    let heredocs: Vec<(&str, &str)> = node
        .heredocs
        .iter()
        .map(|h| (h.name.as_str(), h.content.as_str()))
        .collect();
    let trigger = node.trigger.as_deref().map(reading).unwrap_or_default();
    format!(
        "{keyword} {flags:?} {args:?} {} {heredocs:?} [{trigger}]",
        node.json
    )
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
        let before = dockerfile::parse(&text);
        let after = dockerfile::parse(&out);
        if !after.errors.is_empty() {
            failures.push(format!(
                "{}: the result does not parse: {:?}",
                path.display(),
                after.errors[0].message
            ));
            continue;
        }
        let a: Vec<String> = before.nodes.iter().map(reading).collect();
        let b: Vec<String> = after.nodes.iter().map(reading).collect();
        if a != b {
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            failures.push(format!(
                "{}: BuildKit reads it differently at instruction {at}:\n  before {:?}\n  after  {:?}",
                path.display(),
                a.get(at),
                b.get(at)
            ));
            continue;
        }
        if before.directives.len() != after.directives.len() || before.escape != after.escape {
            failures.push(format!("{}: the parser directives changed", path.display()));
        }
        let again = format(&out, &Options::default()).expect("the result formats");
        if again != out {
            failures.push(format!("{}: not idempotent", path.display()));
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
