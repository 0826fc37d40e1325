//! The one entry point hosts call: text in, findings out.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::dockerfile;
use crate::rules::Settings;

/// What a file is, decided from its name as Docker tooling does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    Compose,
    DockerIgnore,
}

impl FileKind {
    /// `Dockerfile`, `Dockerfile.dev`, `api.Dockerfile`, `Containerfile`,
    /// `compose.yaml`, `docker-compose.override.yml`, `.dockerignore`,
    /// `Dockerfile.dockerignore`.
    pub fn from_name(name: &str) -> Option<FileKind> {
        let lower = name.to_ascii_lowercase();
        if lower == ".dockerignore" || lower.ends_with(".dockerignore") {
            return Some(FileKind::DockerIgnore);
        }
        let is_yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
        if is_yaml && (lower.starts_with("compose") || lower.starts_with("docker-compose")) {
            return Some(FileKind::Compose);
        }
        if lower.starts_with("dockerfile")
            || lower.ends_with(".dockerfile")
            || lower.starts_with("containerfile")
        {
            return Some(FileKind::Dockerfile);
        }
        None
    }
}

impl FileKind {
    /// The kind of a file named on a command line: by its name, else any
    /// `.yml`/`.yaml` file is a compose file and anything else a Dockerfile.
    pub fn guess(name: &str) -> FileKind {
        FileKind::from_name(name).unwrap_or_else(|| {
            let lower = name.to_ascii_lowercase();
            if lower.ends_with(".yml") || lower.ends_with(".yaml") {
                FileKind::Compose
            } else {
                FileKind::Dockerfile
            }
        })
    }
}

/// Lints one file's text with default settings. Findings come sorted by position.
pub fn lint(kind: FileKind, text: &str) -> Vec<Diagnostic> {
    lint_with(kind, text, &Settings::default())
}

/// Lints one file's text with the given settings.
pub fn lint_with(kind: FileKind, text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let mut findings = match kind {
        FileKind::Dockerfile => lint_dockerfile(text, settings),
        FileKind::Compose => lint_compose(text, settings),
        // .dockerignore checks arrive with the project checks.
        FileKind::DockerIgnore => Vec::new(),
    };
    // Every span on a char boundary inside the text, whatever produced it.
    for finding in &mut findings {
        finding.span = finding.span.clamp_to(text);
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    findings
}

fn lint_dockerfile(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let parsed = dockerfile::parse(text);
    let mut findings = crate::rules::check_dockerfile(text, &parsed, settings);
    findings.extend(parsed.errors);
    findings
}

fn lint_compose(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    crate::compose::lint(text, settings)
}
