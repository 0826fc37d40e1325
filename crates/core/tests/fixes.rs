//! Quick fixes on real files: every fix of every Dockerfile and compose file
//! of `../shared/corpus` is applied; the result must add no error, keep every
//! finding the fixes are not about, and need no second round.

mod common;

use dockwright_core::fix::fix_text;
use dockwright_core::{lint, Diagnostic, FileKind, Severity};

fn errors(findings: &[Diagnostic]) -> Vec<String> {
    findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

/// Fixes `text` and checks the outcome; returns how many fixes went in.
fn check(path: &str, kind: FileKind, text: &str, failures: &mut Vec<String>) -> usize {
    let before = lint(kind, text);
    let fixed = fix_text(text, |t| lint(kind, t), None);
    let after = lint(kind, &fixed.text);
    if errors(&after).len() > errors(&before).len() {
        failures.push(format!("{path}: fixes added errors {:?}", errors(&after)));
    }
    // Findings of rules without fixes stay: a fix changes only its own spot.
    let unfixable = |ds: &[Diagnostic]| {
        let mut codes: Vec<&str> = ds
            .iter()
            .filter(|d| !fixed.applied.contains(&d.code) && d.severity != Severity::Error)
            .map(|d| d.code)
            .collect();
        codes.sort_unstable();
        codes
    };
    if unfixable(&after) != unfixable(&before) {
        failures.push(format!(
            "{path}: findings of unfixed rules changed\n  before {:?}\n  after  {:?}",
            unfixable(&before),
            unfixable(&after)
        ));
    }
    let again = fix_text(&fixed.text, |t| lint(kind, t), None);
    if !again.applied.is_empty() {
        failures.push(format!(
            "{path}: a second round still fixes {:?}",
            again.applied
        ));
    }
    fixed.applied.len()
}

#[test]
fn fixing_real_files_adds_no_error_and_settles_in_one_round() {
    let mut failures = Vec::new();
    let mut applied = 0;
    let mut files = 0;
    for (sub, kind) in [
        ("dockerfiles", FileKind::Dockerfile),
        ("compose", FileKind::Compose),
    ] {
        let Some(dir) = common::shared(sub) else {
            return;
        };
        for (path, text) in common::files_under(&dir) {
            if path.ends_with(".md") {
                continue;
            }
            let file_kind = match kind {
                FileKind::Compose if !(path.ends_with(".yaml") || path.ends_with(".yml")) => {
                    continue
                }
                _ => kind,
            };
            files += 1;
            applied += check(&path, file_kind, &text, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{applied} fixes applied over {files} files");
    assert!(applied > 0, "the corpus offers fixes");
}
