//! BuildKit's own golden tests, read from `../shared/corpus` (not shipped with
//! the project). Each test skips with a message when the corpus is absent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dockwright_core::dockerfile::{self, parser, shell};

fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared corpus sits beside the checkout)",
            dir.display()
        );
        None
    }
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

#[test]
fn golden_dumps_reproduce_byte_for_byte() {
    let Some(dir) = corpus("buildkit-parser") else {
        return;
    };
    let mut checked = 0;
    for case in cases(&dir) {
        let expected = case.join("result");
        if !expected.exists() {
            continue;
        }
        let parsed = dockerfile::parse(&read(&case.join("Dockerfile")));
        assert_eq!(parsed.dump(), read(&expected), "dump of {}", case.display());
        // These are line-parser cases: later layers may reject them (the `flags`
        // case uses made-up flags), the line parser must not.
        let syntax_errors: Vec<_> = parsed
            .errors
            .iter()
            .filter(|e| e.code == parser::SYNTAX_ERROR)
            .collect();
        assert!(
            syntax_errors.is_empty(),
            "{}: {:?}",
            case.display(),
            syntax_errors
        );
        checked += 1;
    }
    assert_eq!(checked, 33);
}

#[test]
fn negative_cases_fail_with_buildkits_error() {
    let Some(dir) = corpus("buildkit-parser") else {
        return;
    };
    let expectations = [
        ("negative--empty_dockerfile", "file with no instructions"),
        ("negative--only_comments", "file with no instructions"),
        ("negative--env_no_value", "ENV must have two arguments"),
        (
            "negative--shykes-nested-json",
            "when using JSON array syntax, arrays must be comprised of strings only",
        ),
    ];
    for (case, message) in expectations {
        let parsed = dockerfile::parse(&read(&dir.join(case).join("Dockerfile")));
        let messages: Vec<&str> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, [message], "{case}");
    }
}

#[test]
fn line_ranges_match_testfile_line() {
    let Some(dir) = corpus("buildkit-parser") else {
        return;
    };
    let parsed = dockerfile::parse(&read(&dir.join("testfile-line/Dockerfile")));
    let ranges: Vec<(usize, usize)> = parsed
        .nodes
        .iter()
        .map(|n| (n.start_line, n.end_line))
        .collect();
    assert_eq!(ranges, [(5, 5), (11, 12), (17, 31)]);
}

#[test]
fn real_dockerfiles_parse_without_errors() {
    let Some(dir) = corpus("dockerfiles") else {
        return;
    };
    let mut checked = 0;
    for path in cases(&dir) {
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let parsed = dockerfile::parse(&read(&path));
        assert!(
            parsed.errors.is_empty(),
            "{}: {:#?}",
            path.display(),
            parsed.errors
        );
        checked += 1;
    }
    assert_eq!(checked, 97);
}

/// `envVarTest`: `PLATFORM|input|expected` with a fixed environment.
#[test]
fn expansion_table_passes_in_full() {
    let Some(dir) = corpus("buildkit-shell") else {
        return;
    };
    let env: HashMap<String, String> = [
        ("PWD", "/home"),
        ("SHELL", "bash"),
        ("KOREAN", "한국어"),
        ("NULL", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut checked = 0;
    for line in read(&dir.join("envVarTest")).lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
        let [platform, input, expected] = fields[..] else {
            panic!("bad line {line:?}")
        };
        if platform == "W" {
            continue; // Windows-only: variable names are case-insensitive there.
        }
        let got = shell::expand(input, &env, shell::LexOptions::default());
        match (expected, got) {
            ("error", Ok(e)) => panic!("{input:?} should fail, gave {:?}", e.result),
            ("error", Err(_)) => {}
            (expected, Ok(e)) => assert_eq!(e.result, expected, "{input:?}"),
            (expected, Err(err)) => panic!("{input:?} should give {expected:?}, failed: {err}"),
        }
        checked += 1;
    }
    assert!(checked > 200, "only {checked} cases ran");
}

/// `wordsTest`: `input | w1,w2` with `ENV name=value` lines building the environment.
#[test]
fn word_splitting_table_passes_in_full() {
    let Some(dir) = corpus("buildkit-shell") else {
        return;
    };
    let mut env: Vec<(String, String)> = Vec::new();
    let mut checked = 0;
    for line in read(&dir.join("wordsTest")).lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(assignment) = line.strip_prefix("ENV ") {
            let (name, value) = assignment.split_once('=').unwrap();
            env.push((name.to_string(), value.to_string()));
            continue;
        }
        let (input, expected) = line.split_once('|').unwrap();
        let expected: Vec<&str> = expected.trim_start().split(',').collect();
        let got = match shell::expand(input.trim(), &env, shell::LexOptions::default()) {
            Ok(e) => e.words,
            Err(_) => vec!["error".to_string()],
        };
        assert_eq!(got, expected, "{input:?}");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} cases ran");
}
