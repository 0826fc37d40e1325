//! `config` as data: each directory under `fixtures/config` is a project
//! resolved as Docker Compose resolves it (project directory `/project`,
//! home `/home/user`, no host variables); `NAME.json` and `NAME.yaml` hold
//! what `docker compose config` prints for it (checked against Docker
//! Compose v2.40.3 when written: copy the directory to `/project` and run
//! `docker compose config` there). `UPDATE_EXPECT=1 cargo test` rewrites
//! them.

mod common;

use std::path::{Path, PathBuf};

use common::files_under;
use dockwright_core::compose::{output, resolve};
use dockwright_core::lint::{config, ConfigHost};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::Settings;

fn render(dir: &Path, profiles: &[String]) -> Option<(String, String)> {
    let files = files_under(dir);
    let listing: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|(path, text)| ProjectFile { path, text })
        .collect();
    let host: Vec<(String, String)> = Vec::new();
    let project = Project {
        files: &project_files,
        listing: Some(&listing),
        host_environment: Some(&host),
        ..Project::default()
    };
    let settings = Settings {
        profiles: profiles.to_vec(),
        ..Settings::default()
    };
    let host = ConfigHost {
        project_name: None,
        project_dir: "/project",
        home: Some("/home/user"),
    };
    let resolved = config(&project, &settings, &host);
    let model = resolved.model.clone()?;
    // Every value that names its source points into one of the files.
    let mut spans = Vec::new();
    collect_spans(&model, &mut spans);
    for span in spans {
        let (path, local) = resolved.locate(span).expect("a source for every span");
        let text = &files.iter().find(|(p, _)| p == path).unwrap().1;
        assert!(
            local.end <= text.len() && text.is_char_boundary(local.start),
            "{path}: {local:?}"
        );
    }
    Some((
        output::to_json(&resolve::for_json(&model)).text,
        output::to_yaml(&resolve::for_yaml(&model)).text,
    ))
}

fn collect_spans(out: &output::Out, spans: &mut Vec<dockwright_core::Span>) {
    spans.extend(out.span);
    match &out.value {
        output::Value::List(items) => items.iter().for_each(|i| collect_spans(i, spans)),
        output::Value::Map(entries) => entries.iter().for_each(|(_, v)| collect_spans(v, spans)),
        _ => {}
    }
}

#[test]
fn config_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in &dirs {
        let profiles_file = dir.with_extension("profiles");
        let profiles: Vec<String> = std::fs::read_to_string(&profiles_file)
            .map(|t| t.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        let (json, yaml) = render(dir, &profiles).expect("the fixture resolves");
        for (extension, actual) in [("json", json), ("yaml", yaml)] {
            let expected_path = dir.with_extension(extension);
            if update {
                std::fs::write(&expected_path, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            assert_eq!(actual, expected, "{}", expected_path.display());
        }
    }
}

#[test]
fn a_file_compose_refuses_has_no_model() {
    let files = [ProjectFile {
        path: "compose.yaml",
        text: "services:\n  web:\n    image: nginx:1.27\n    scale: -1\n",
    }];
    let project = Project {
        files: &files,
        ..Project::default()
    };
    let host = ConfigHost {
        project_name: Some("demo"),
        project_dir: "/project",
        home: None,
    };
    let resolved = config(&project, &Settings::default(), &host);
    assert!(resolved.model.is_none());
    assert!(resolved.reports[0]
        .findings
        .iter()
        .any(|f| f.code == "config-error"));
}
