//! The compose formatter, as data and over every corpus compose file.
//!
//! - `fixtures/format/NAME.yaml` formats to `NAME.formatted`
//!   (`UPDATE_EXPECT=1 cargo test` rewrites them); `NAME.refused` instead
//!   holds the message for a file that is left unchanged.
//! - Safe: on every corpus compose file (the real ones and every YAML file
//!   of the test fixtures), the result reads as the same YAML tree (keys,
//!   scalars and their types, with anchors, aliases and merge keys applied)
//!   and resolves to the same `docker compose config` model; linting it adds
//!   no finding. This is checked here by the engine's own YAML reader and
//!   compose model, apart from the formatter's own check of its output.
//! - Idempotent: formatting the result changes nothing.

mod common;

use std::path::{Path, PathBuf};

use dockwright_core::compose::{output, resolve};
use dockwright_core::format::compose::format;
use dockwright_core::lint::{config, ConfigHost};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::yaml;
use dockwright_core::{lint, FileKind, Settings};

fn yaml_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            yaml_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            files.push(path);
        }
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("../../../shared/corpus/compose"), &mut files);
    yaml_files(&root.join("tests/fixtures"), &mut files);
    files.sort();
    files
}

/// What `docker compose config --format json` prints for the file alone.
fn compose_config(text: &str) -> Option<String> {
    let files = [ProjectFile {
        path: "compose.yaml",
        text,
    }];
    let listing = vec!["compose.yaml".to_string()];
    let host: Vec<(String, String)> = Vec::new();
    let project = Project {
        files: &files,
        listing: Some(&listing),
        host_environment: Some(&host),
        ..Project::default()
    };
    let host = ConfigHost {
        project_name: Some("format"),
        project_dir: "/project",
        home: Some("/home/user"),
    };
    let model = config(&project, &Settings::default(), &host).model?;
    Some(output::to_json(&resolve::for_json(&model)).text)
}

fn ordering_rules_on() -> Settings {
    Settings::from_yaml(
        "override:\n  style: [top-level-properties-order, services-alphabetical-order, service-keys-order, service-dependencies-alphabetical-order]\n",
    )
    .unwrap()
}

fn codes(text: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = lint(FileKind::Compose, text)
        .iter()
        .map(|d| d.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn every_corpus_compose_file_formats_safely_and_idempotently() {
    let files = corpus_files();
    assert!(files.len() > 60, "only {} files", files.len());
    let mut failures = Vec::new();
    let (mut formatted, mut changed, mut refused) = (0, 0, Vec::new());
    let mut reordered = 0;
    let mut still_unordered = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let out = match format(&text) {
            Ok(out) => out,
            Err(refusal) => {
                refused.push(format!("{}: {}", path.display(), refusal.message));
                continue;
            }
        };
        formatted += 1;
        if out != text {
            changed += 1;
        }
        let name = path.display();
        let (before, after) = (yaml::parse(&text), yaml::parse(&out));
        if before.root.as_ref().map(common::yaml_tree) != after.root.as_ref().map(common::yaml_tree)
        {
            failures.push(format!("{name}: the YAML tree changed"));
            continue;
        }
        if compose_config(&text) != compose_config(&out) {
            failures.push(format!("{name}: the compose model changed"));
        }
        match format(&out) {
            Ok(again) if again == out => {}
            Ok(again) => failures.push(format!(
                "{name}: not idempotent:\n{}",
                dockwright_core::diff::unified(&out, &again, "once", "twice", 1)
            )),
            Err(refusal) => failures.push(format!(
                "{name}: its own output is refused: {}",
                refusal.message
            )),
        }
        // dclint's orders on: the same model, and formatting again keeps it.
        let ordering = ordering_rules_on();
        if let Ok(ordered) = dockwright_core::lint::format_compose(&text, &ordering) {
            if ordered != out {
                reordered += 1;
            }
            let left = dockwright_core::lint_with(FileKind::Compose, &ordered, &ordering)
                .iter()
                .any(|d| d.code.ends_with("-order"));
            if left {
                still_unordered.push(name.to_string());
            }
            if compose_config(&text) != compose_config(&ordered) {
                failures.push(format!(
                    "{name}: putting it in dclint's order changed the model"
                ));
            }
            match dockwright_core::lint::format_compose(&ordered, &ordering) {
                Ok(again) if again == ordered => {}
                _ => failures.push(format!("{name}: dclint's order is not idempotent")),
            }
        }
        let (old, new) = (codes(&text), codes(&out));
        let added: Vec<&&str> = new
            .iter()
            .filter(|c| {
                new.iter().filter(|x| x == c).count() > old.iter().filter(|x| x == c).count()
            })
            .collect();
        if !added.is_empty() {
            failures.push(format!("{name}: formatting adds findings {added:?}"));
        }
    }
    eprintln!(
        "{} corpus YAML files: {formatted} formatted ({changed} changed, {reordered} more \
         with dclint's orders on, {} of those still out of order: {still_unordered:?}), \
         {} refused:\n{}",
        files.len(),
        still_unordered.len(),
        refused.len(),
        refused.join("\n")
    );
    assert!(formatted > 60, "only {formatted} files formatted");
    assert!(
        changed > 10,
        "only {changed} files changed: the test would show nothing"
    );
    // Files are refused only for YAML errors, never for a layout the
    // formatter cannot move.
    let limits: Vec<&String> = refused
        .iter()
        .filter(|r| !r.contains("YAML error") && !r.contains("carriage return"))
        .collect();
    assert!(limits.is_empty(), "refused for a layout: {limits:#?}");
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
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 8,
        "only {} compose fixtures",
        entries.len()
    );
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let (actual, expected_path) = match format(&text) {
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

/// The catalogue's compose files are written in the formatter's style.
#[test]
fn pattern_compose_files_are_already_formatted() {
    use dockwright_core::patterns::CATALOGUE;
    let mut unformatted = Vec::new();
    for pattern in CATALOGUE {
        for values in pattern.combinations() {
            for file in (pattern.render)(&values) {
                let name = file.path.rsplit('/').next().unwrap_or(&file.path);
                if FileKind::from_name(name) != Some(FileKind::Compose) {
                    continue;
                }
                match format(&file.text) {
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

/// With dclint's ordering rules on, their collections are put in order
/// before formatting, each entry with its comments; off (their default),
/// nothing moves.
#[test]
fn ordering_rules_that_are_on_put_their_collections_in_order() {
    use dockwright_core::lint::format_compose;
    let text = "# the stack\n\nservices:\n  # the web front end\n  web:\n    ports:\n      - \"8080:80\"\n    image: nginx:1.27\n    depends_on:\n      - redis\n      - db\n\n  db:\n    image: postgres:17\nvolumes:\n  data:\nx-common: &common\n  restart: always\n";
    let off = format_compose(text, &Settings::default()).unwrap();
    assert_eq!(off, format(text).unwrap(), "the rules are off by default");
    let on = ordering_rules_on();
    let ordered = format_compose(text, &on).unwrap();
    assert_eq!(
        ordered,
        "# the stack\n\nx-common: &common\n  restart: always\nservices:\n  db:\n    image: postgres:17\n\n  # the web front end\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n      - redis\n    ports:\n      - \"8080:80\"\nvolumes:\n  data:\n"
    );
    let codes = |t: &str| -> Vec<&'static str> {
        dockwright_core::lint_with(FileKind::Compose, t, &on)
            .iter()
            .map(|d| d.code)
            .filter(|c| c.contains("order"))
            .collect()
    };
    assert!(!codes(text).is_empty());
    assert_eq!(
        codes(&ordered),
        Vec::<&str>::new(),
        "no ordering finding left"
    );
    // An inline `# dclint enable` turns a rule on too.
    let inline = format!("# dclint enable services-alphabetical-order\n{text}");
    let out = format_compose(&inline, &Settings::default()).unwrap();
    assert!(
        out.find("  db:").unwrap() < out.find("  web:").unwrap(),
        "{out}"
    );
}
