//! Rule tests as data: `fixtures/rules/CODE/invalid.Dockerfile` (or
//! `invalid.yaml` for a compose rule) with its findings in
//! `invalid.expected`, and `valid.Dockerfile` (`valid.yaml`), which must give
//! none. A RUN rule also has `onbuild.Dockerfile`, its case inside
//! `ONBUILD RUN` triggers, with findings in `onbuild.expected` that must lie
//! inside those triggers. Every registered rule must have both, and docs with every section.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files.

mod common;

use std::fmt::Write;
use std::path::Path;

use dockwright_core::fix::Fix;
use dockwright_core::lint::lint_project;
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::rules::registry::{COMPOSE_RULES, DOCKERFILE_RULES};
use dockwright_core::rules::RuleMeta;
use dockwright_core::{lint, lint_with, FileKind, LineIndex, Settings};

/// The one place that lints a rule fixture: the findings of `code`, rendered.
/// A `settings.yaml` beside the fixture (for rules that need configuring)
/// is applied.
fn check(kind: FileKind, text: &str, code: &str, settings: &Settings) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in lint_with(kind, text, settings)
        .iter()
        .filter(|d| d.code == code)
    {
        let (s, e) = (index.line_col(d.span.start), index.line_col(d.span.end));
        writeln!(
            out,
            "{}:{}-{}:{} {} {:?}: {}",
            s.line,
            s.column,
            e.line,
            e.column,
            d.severity.as_str(),
            &text[d.span.start..d.span.end],
            d.message
        )
        .unwrap();
    }
    out
}

#[test]
fn every_rule_has_fixtures_and_they_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let rules = DOCKERFILE_RULES
        .iter()
        .map(|r| (&r.meta, FileKind::Dockerfile, "Dockerfile"))
        .chain(
            COMPOSE_RULES
                .iter()
                .map(|r| (&r.meta, FileKind::Compose, "yaml")),
        );
    for (meta, kind, extension) in rules {
        check_rule(meta, kind, extension, &root, update, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pragmas_silence_rules_by_code_or_alias() {
    let text = "# check=skip=StageNameCasing\nFROM alpine:3.20 AS Base\n# hadolint ignore=DL4000\nMAINTAINER me\n# dockwright ignore=LegacyKeyValueFormat -- kept for an old tool\nENV A 1\nENV B 2\n";
    let codes: Vec<&str> = lint(FileKind::Dockerfile, text)
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(
        codes,
        ["LegacyKeyValueFormat"],
        "only the ENV B line stays flagged"
    );

    let global =
        "# hadolint global ignore=LegacyKeyValueFormat\nFROM alpine:3.20\nENV A 1\nENV B 2\n";
    assert!(lint(FileKind::Dockerfile, global).is_empty());

    let errors = "# check=error=true\nFROM alpine:3.20\nENV A 1\n";
    let findings = lint(FileKind::Dockerfile, errors);
    assert_eq!(findings[0].severity, dockwright_core::Severity::Error);

    let all = "# check=skip=all\nFROM alpine:3.20 AS Base\nMAINTAINER me\n";
    assert!(lint(FileKind::Dockerfile, all).is_empty());
}

#[test]
fn hadolint_pragma_forms() {
    let codes = |text: &str| -> Vec<&'static str> {
        lint(FileKind::Dockerfile, text)
            .iter()
            .map(|d| d.code)
            .collect()
    };
    // `stage ignore` covers its stage only.
    let staged = "# hadolint stage ignore=DL3011\nFROM alpine:3.20\nEXPOSE 80000\nFROM alpine:3.20\nEXPOSE 80001\n";
    let found = codes(staged);
    assert_eq!(
        found.iter().filter(|c| **c == "DL3011").count(),
        1,
        "{found:?}"
    );
    // An id that names no rule makes hadolint drop the whole pragma.
    let typo = "FROM alpine:3.20\n# hadolint ignore=crazy,DL3002\nUSER root\n";
    assert!(codes(typo).contains(&"DL3002"));
    // A comment after the list ends it.
    let commented =
        "FROM alpine:3.20\n# hadolint ignore=DL3002 # runs as root on purpose\nUSER root\n";
    assert!(!codes(commented).contains(&"DL3002"));
    // BuildKit's `# check=skip=all` above an instruction skips its checks there only.
    let local = "FROM alpine:3.20\n# check=skip=all\nENV password=x\nENV token=y\n";
    let found = codes(local);
    assert_eq!(
        found
            .iter()
            .filter(|c| **c == "SecretsUsedInArgOrEnv")
            .count(),
        1,
        "{found:?}"
    );
}

#[test]
fn active_profiles_decide_which_services_clash() {
    let text = "services:\n  a:\n    image: x:1\n    container_name: app\n  b:\n    image: x:1\n    container_name: app\n    profiles: [debug]\n";
    let clashes = |settings: &Settings| {
        lint_with(FileKind::Compose, text, settings)
            .iter()
            .filter(|d| d.code == "no-duplicate-container-names")
            .count()
    };
    assert_eq!(clashes(&Settings::default()), 0);
    for active in ["debug", "*"] {
        let settings = Settings {
            profiles: vec![active.to_string()],
            ..Settings::default()
        };
        assert_eq!(clashes(&settings), 1, "profile {active}");
    }
}

#[test]
fn settings_ignore_and_override_rules() {
    let text = "FROM alpine\nMAINTAINER me\nENV A 1\n";
    let settings = Settings::from_yaml(
        "ignored: [MaintainerDeprecated]\noverride:\n  error: [LegacyKeyValueFormat]\n",
    )
    .unwrap();
    let findings = lint_with(FileKind::Dockerfile, text, &settings);
    let got: Vec<(&str, &str)> = findings
        .iter()
        .map(|d| (d.code, d.severity.as_str()))
        .collect();
    assert_eq!(
        got,
        [("DL3006", "warning"), ("LegacyKeyValueFormat", "error")]
    );

    let pragma = "FROM alpine:3.20\n# hadolint ignore=DL4000\nMAINTAINER me\n";
    let strict = Settings::from_yaml("disable-ignore-pragma: true").unwrap();
    assert!(lint(FileKind::Dockerfile, pragma).is_empty());
    assert_eq!(lint_with(FileKind::Dockerfile, pragma, &strict).len(), 1);
}

fn check_rule(
    meta: &RuleMeta,
    kind: FileKind,
    extension: &str,
    root: &Path,
    update: bool,
    failures: &mut Vec<String>,
) {
    let code = meta.code;
    let dir = root.join(code);
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## References",
    ] {
        if !dockwright_core::rules::registry::docs(code).is_some_and(|docs| docs.contains(section))
        {
            failures.push(format!("{code}: docs lack '{section}'"));
        }
    }
    if dir.join("invalid").is_dir() {
        check_project_rule(meta, &dir, update, failures);
        return;
    }
    let invalid_name = format!("invalid.{extension}");
    let valid_name = format!("valid.{extension}");
    let Ok(invalid) = std::fs::read_to_string(dir.join(&invalid_name)) else {
        failures.push(format!(
            "{code}: missing {}",
            dir.join(&invalid_name).display()
        ));
        return;
    };
    let Ok(valid) = std::fs::read_to_string(dir.join(&valid_name)) else {
        failures.push(format!("{code}: missing {valid_name}"));
        return;
    };
    let settings = match std::fs::read_to_string(dir.join("settings.yaml")) {
        Ok(yaml) => Settings::from_yaml(&yaml).expect("fixture settings are valid"),
        Err(_) => Settings::default(),
    };
    let actual = check(kind, &invalid, code, &settings);
    if actual.is_empty() {
        failures.push(format!("{code}: {invalid_name} gives no finding"));
    }
    let expected_path = dir.join("invalid.expected");
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if actual != expected {
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            failures.push(format!("{code}: findings differ (UPDATE_EXPECT=1 to accept)\n--- expected\n{expected}+++ actual\n{actual}"));
        }
    }
    check_fix(
        kind, &invalid, code, &settings, &dir, extension, update, failures,
    );
    if let Ok(onbuild) = std::fs::read_to_string(dir.join("onbuild.Dockerfile")) {
        check_onbuild(&onbuild, code, &settings, &dir, update, failures);
    }
    let false_positives = check(kind, &valid, code, &settings);
    if !false_positives.is_empty() {
        failures.push(format!(
            "{code}: {valid_name} gives findings:\n{false_positives}"
        ));
    }
}

/// The findings of `code` over a whole project directory, rendered with
/// their file.
fn check_project(dir: &Path, code: &str, settings: &Settings) -> String {
    let files = common::files_under(dir);
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
    for (report, (_, text)) in lint_project(&project, settings).iter().zip(&files) {
        let index = LineIndex::new(text);
        for d in report.findings.iter().filter(|d| d.code == code) {
            let (s, e) = (index.line_col(d.span.start), index.line_col(d.span.end));
            writeln!(
                out,
                "{} {}:{}-{}:{} {} {:?}: {}",
                report.path,
                s.line,
                s.column,
                e.line,
                e.column,
                d.severity.as_str(),
                &text[d.span.start..d.span.end],
                d.message
            )
            .unwrap();
        }
    }
    out
}

/// A rule that needs the project: `invalid/` and `valid/` are project
/// directories.
fn check_project_rule(meta: &RuleMeta, dir: &Path, update: bool, failures: &mut Vec<String>) {
    let code = meta.code;
    let settings = Settings::default();
    let actual = check_project(&dir.join("invalid"), code, &settings);
    if actual.is_empty() {
        failures.push(format!("{code}: invalid/ gives no finding"));
    }
    let expected_path = dir.join("invalid.expected");
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if actual != expected {
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            failures.push(format!("{code}: findings differ (UPDATE_EXPECT=1 to accept)\n--- expected\n{expected}+++ actual\n{actual}"));
        }
    }
    let false_positives = check_project(&dir.join("valid"), code, &settings);
    if !false_positives.is_empty() {
        failures.push(format!("{code}: valid/ gives findings:\n{false_positives}"));
    }
}

/// A rule's quick fixes, applied to its invalid fixture, must give
/// `fixed.EXT` (when the rule offers fixes), still parse, add no error, and
/// leave fewer findings of the rule than before.
#[allow(clippy::too_many_arguments)]
fn check_fix(
    kind: FileKind,
    invalid: &str,
    code: &str,
    settings: &Settings,
    dir: &Path,
    extension: &str,
    update: bool,
    failures: &mut Vec<String>,
) {
    let before = lint_with(kind, invalid, settings);
    let fixes: Vec<&Fix> = before
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| d.fix.as_ref())
        .collect();
    let fixed_path = dir.join(format!("fixed.{extension}"));
    // The rule page says whether a quick fix exists, and what it does.
    let documented = dockwright_core::rules::registry::docs(code)
        .is_some_and(|docs| docs.contains("Quick fix:"));
    if documented == fixes.is_empty() {
        failures.push(format!(
            "{code}: {} but its docs {} a \"Quick fix:\" paragraph",
            if fixes.is_empty() {
                "offers no fix"
            } else {
                "offers a fix"
            },
            if documented { "have" } else { "lack" }
        ));
    }
    if fixes.is_empty() {
        if fixed_path.exists() {
            failures.push(format!(
                "{code}: {} exists but no fix is offered",
                fixed_path.display()
            ));
        }
        return;
    }
    let (fixed, _) = dockwright_core::fix::apply(invalid, &fixes);
    let expected = std::fs::read_to_string(&fixed_path).unwrap_or_default();
    if fixed != expected {
        if update {
            std::fs::write(&fixed_path, &fixed).unwrap();
        } else {
            failures.push(format!("{code}: fixed text differs (UPDATE_EXPECT=1 to accept)\n--- expected\n{expected}+++ actual\n{fixed}"));
        }
    }
    let after = lint_with(kind, &fixed, settings);
    let errors = |ds: &[dockwright_core::Diagnostic]| {
        ds.iter()
            .filter(|d| d.severity == dockwright_core::Severity::Error)
            .count()
    };
    if errors(&after) > errors(&before) {
        failures.push(format!("{code}: the fix adds errors: {after:?}"));
    }
    let count = |ds: &[dockwright_core::Diagnostic]| ds.iter().filter(|d| d.code == code).count();
    if count(&after) >= count(&before) {
        failures.push(format!("{code}: the fix leaves as many findings as before"));
    }
}

/// A RUN rule's case inside ONBUILD triggers: the findings are expected,
/// and each lies inside an `ONBUILD RUN` instruction.
fn check_onbuild(
    text: &str,
    code: &str,
    settings: &Settings,
    dir: &Path,
    update: bool,
    failures: &mut Vec<String>,
) {
    let actual = check(FileKind::Dockerfile, text, code, settings);
    if actual.is_empty() {
        failures.push(format!("{code}: onbuild.Dockerfile gives no finding"));
    }
    let parsed = dockwright_core::dockerfile::parse(text);
    for d in lint_with(FileKind::Dockerfile, text, settings)
        .iter()
        .filter(|d| d.code == code)
    {
        let inside = parsed.nodes.iter().any(|n| {
            n.trigger.is_some() && n.span.start <= d.span.start && d.span.end <= n.span.end
        });
        if !inside {
            failures.push(format!(
                "{code}: onbuild finding {:?} lies outside every ONBUILD",
                &text[d.span.start..d.span.end]
            ));
        }
    }
    let expected_path = dir.join("onbuild.expected");
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if actual != expected {
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            failures.push(format!("{code}: onbuild findings differ (UPDATE_EXPECT=1 to accept)\n--- expected\n{expected}+++ actual\n{actual}"));
        }
    }
}
