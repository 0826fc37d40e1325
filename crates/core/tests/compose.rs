//! Compose engine tests as data: each `fixtures/compose/NAME.yaml` has every
//! finding of the engine and the rules (default settings) in `NAME.expected`.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files; review the diff.
//! The real compose files of `../shared/corpus/compose` (skipped when
//! absent) must give no error, as Docker Compose accepts them all.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use dockwright_core::compose::schema_table::SOURCE_HASH;
use dockwright_core::{lint, FileKind, LineIndex, Severity};

fn render(text: &str) -> String {
    let mut out = String::new();
    for d in lint(FileKind::Compose, text) {
        writeln!(out, "{}", common::render_finding(text, &d)).unwrap();
    }
    out
}

#[test]
fn compose_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "only {} fixtures", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let actual = render(&text);
        let expected_path = path.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).unwrap();
            } else {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}+++ actual\n{actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures differ (UPDATE_EXPECT=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn real_compose_files_give_no_error() {
    let Some(dir) = common::shared("compose") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "only {} compose files", files.len());
    let mut errors = Vec::new();
    let mut others: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let index = LineIndex::new(&text);
        for d in lint(FileKind::Compose, &text) {
            if d.severity == Severity::Error {
                let at = index.line_col(d.span.start);
                errors.push(format!(
                    "{}:{}:{} {} {}",
                    path.display(),
                    at.line,
                    at.column,
                    d.code,
                    d.message
                ));
            } else {
                *others.entry((d.severity.as_str(), d.code)).or_default() += 1;
            }
        }
    }
    eprintln!("{} compose files; findings below error:", files.len());
    for ((severity, code), count) in &others {
        eprintln!("  {count:>4} {severity} {code}");
    }
    assert!(
        errors.is_empty(),
        "errors on valid files:\n{}",
        errors.join("\n")
    );
}

/// FNV-1a 64, as tools/gen_compose_schema.py computes it.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn schema_table_matches_the_spec_schema() {
    let Some(schema) = common::shared("compose-spec/compose-spec.json") else {
        return;
    };
    let hash = fnv1a64(&std::fs::read(schema).unwrap());
    assert_eq!(
        hash, SOURCE_HASH,
        "compose-spec.json changed: run tools/gen_compose_schema.py"
    );
}

#[test]
fn billion_laughs_and_deep_nesting_end_with_an_error() {
    let mut text = String::from(
        "x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = String::from("a");
    for level in 0..9 {
        let name = format!("l{level}");
        let refs = vec![format!("*{previous}"); 9].join(",");
        writeln!(text, "x-{name}: &{name} [{refs}]").unwrap();
        previous = name;
    }
    text.push_str("services:\n  web:\n    image: nginx:1.27\n");
    let findings = lint(FileKind::Compose, &text);
    assert!(
        findings
            .iter()
            .any(|d| d.message.contains("billion laughs")),
        "{findings:?}"
    );
    let deep = format!("services: {}{}", "[".repeat(5_000), "]".repeat(5_000));
    let findings = lint(FileKind::Compose, &deep);
    assert!(findings
        .iter()
        .any(|d| d.message.contains("nesting deeper")));
}
