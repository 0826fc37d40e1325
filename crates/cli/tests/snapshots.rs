//! Snapshot tests of what a person sees: help, errors with their
//! suggestions, the text output with and without colour. The cases are data
//! (`snapshots/cases.txt`); each expected output is `snapshots/NAME.out`.
//! `DOCKWRIGHT_UPDATE_SNAPSHOTS=1 cargo test -p dockwright-cli --test
//! snapshots` rewrites the expected files after a deliberate change.

use std::path::{Path, PathBuf};
use std::process::Command;

fn snapshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// The variables that change colour, width or config discovery.
const CLEARED: [&str; 8] = [
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "CI",
    "COMPOSE_PROFILES",
    "XDG_CONFIG_HOME",
    "DOCKER_CONFIG",
];

fn run(environment: &str, arguments: &str) -> String {
    let workspace = snapshots().join("workspace");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dockwright"));
    command
        .args(arguments.split_whitespace())
        .current_dir(&workspace)
        .env("HOME", &workspace)
        .env("COLUMNS", "100");
    for name in CLEARED {
        command.env_remove(name);
    }
    for pair in environment.split_whitespace() {
        let (key, value) = pair.split_once('=').expect("KEY=VALUE");
        command.env(key, value);
    }
    let out = command.output().expect("runs");
    format!(
        "$ dockwright {arguments}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn command_line_snapshots() {
    let update = std::env::var_os("DOCKWRIGHT_UPDATE_SNAPSHOTS").is_some();
    let cases = std::fs::read_to_string(snapshots().join("cases.txt")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        let [name, environment, arguments] = fields[..] else {
            panic!("cases.txt: NAME | ENVIRONMENT | ARGUMENTS, not {line:?}");
        };
        count += 1;
        let actual = run(environment, arguments);
        let path = snapshots().join(format!("{name}.out"));
        if update {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(count > 10, "cases.txt lists the cases");
    assert!(
        failures.is_empty(),
        "{} of {count} snapshots differ (DOCKWRIGHT_UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The colour switches are checked on their own too, so that a snapshot
/// rewritten carelessly cannot hide a lost colour.
#[test]
fn colour_follows_the_switches() {
    let ansi = |environment: &str, arguments: &str| run(environment, arguments).contains("\x1b[");
    assert!(!ansi("", "lint Dockerfile"), "not a terminal: no colour");
    assert!(ansi("CLICOLOR_FORCE=1", "lint Dockerfile"));
    assert!(!ansi("CLICOLOR_FORCE=1 NO_COLOR=1", "lint Dockerfile"));
    assert!(ansi("NO_COLOR=1", "lint --color always Dockerfile"));
    assert!(!ansi("CLICOLOR_FORCE=1", "lint --color never Dockerfile"));
    assert!(!ansi("CLICOLOR_FORCE=1", "lint --format json Dockerfile"));
}
