//! The package's operations on plain Rust values, so that they are tested
//! natively; `lib.rs` only converts them from and to JavaScript values.

use std::collections::BTreeMap;

use dockwright_core::format::dockerfile;
use dockwright_core::lint::{format_compose, lint_project};
use dockwright_core::patterns::{self, GeneratedFile, Pattern};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::rules::registry;
use dockwright_core::{lint_with, Diagnostic, FileKind, LineIndex, Settings, Severity};
use serde::{Deserialize, Serialize};

/// A file to lint: its path (its name decides its kind, unless `kind`
/// says) and its text.
#[derive(Deserialize)]
pub struct FileInput {
    pub path: String,
    pub text: String,
    #[serde(default)]
    pub kind: Option<Kind>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Dockerfile,
    Compose,
}

impl From<Kind> for FileKind {
    fn from(kind: Kind) -> FileKind {
        match kind {
            Kind::Dockerfile => FileKind::Dockerfile,
            Kind::Compose => FileKind::Compose,
        }
    }
}

/// How a project is read, beyond its files.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LintOptions {
    /// Compose files to merge, in order (`docker compose -f`).
    #[serde(default)]
    pub compose_files: Vec<String>,
    /// Env files interpolation reads, in order (default: the project's `.env`).
    #[serde(default)]
    pub env_files: Vec<String>,
    /// Active compose profiles.
    #[serde(default)]
    pub profiles: Vec<String>,
}

/// One finding. Lines and columns are 1-based (columns count characters,
/// the end is exclusive); `from` and `to` index the file's JavaScript
/// string (UTF-16 code units).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub from: usize,
    pub to: usize,
    pub code: &'static str,
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FindingFix>,
}

#[derive(Serialize)]
pub struct FindingFix {
    pub title: String,
    pub edits: Vec<FindingEdit>,
}

/// A replacement of the text between `from` and `to` (UTF-16 indices).
#[derive(Serialize)]
pub struct FindingEdit {
    pub from: usize,
    pub to: usize,
    pub text: String,
}

/// A settings file's text (dockwright.yaml or .hadolint.yaml) read, or its
/// errors as `line:column: message`.
pub fn settings(yaml: Option<&str>) -> Result<Settings, String> {
    let Some(yaml) = yaml.filter(|y| !y.trim().is_empty()) else {
        return Ok(Settings::default());
    };
    Settings::from_yaml(yaml).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("settings:{}:{}: {}", e.line, e.column, e.message))
            .collect();
        lines.join("\n")
    })
}

fn findings(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> Vec<Finding> {
    let index = LineIndex::new(text);
    let mut offsets = Vec::new();
    for d in &diagnostics {
        offsets.extend([d.span.start, d.span.end]);
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            offsets.extend([edit.span.start, edit.span.end]);
        }
    }
    let js = dockwright_core::editor_offsets::js_string_offsets(text, &offsets);
    let mut js = js.into_iter();
    let mut next = || js.next().map_or(0, |o| o as usize);
    diagnostics
        .into_iter()
        .map(|d| {
            let (start, end) = (index.line_col(d.span.start), index.line_col(d.span.end));
            let (from, to) = (next(), next());
            Finding {
                file: path.to_string(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                from,
                to,
                code: d.code,
                aliases: d.aliases,
                severity: d.severity,
                message: d.message,
                fix: d.fix.map(|fix| FindingFix {
                    title: fix.title,
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|e| {
                            let (from, to) = (next(), next());
                            FindingEdit {
                                from,
                                to,
                                text: e.text,
                            }
                        })
                        .collect(),
                }),
            }
        })
        .collect()
}

/// Lints the files: one file alone (its kind from its name or `kind`), or
/// several as one project (compose files merged, builds followed to their
/// Dockerfiles, `.dockerignore` and `.env` applied).
pub fn lint(files: &[FileInput], settings: &Settings, options: &LintOptions) -> Vec<Finding> {
    let mut settings = settings.clone();
    settings.profiles = options.profiles.clone();
    if let [file] = files {
        let named = FileKind::from_name(file.path.rsplit('/').next().unwrap_or(&file.path));
        let is_project_file = matches!(named, Some(FileKind::DockerIgnore | FileKind::Env));
        if !is_project_file {
            let kind = file
                .kind
                .map(FileKind::from)
                .unwrap_or_else(|| FileKind::guess(&file.path));
            return findings(
                &file.path,
                &file.text,
                lint_with(kind, &file.text, &settings),
            );
        }
    }
    let project_files: Vec<ProjectFile> = files
        .iter()
        .map(|f| ProjectFile {
            path: &f.path,
            text: &f.text,
        })
        .collect();
    let compose: Vec<&str> = options.compose_files.iter().map(String::as_str).collect();
    let env: Vec<&str> = options.env_files.iter().map(String::as_str).collect();
    let project = Project {
        files: &project_files,
        listing: None,
        compose_files: &compose,
        host_environment: None,
        env_files: &env,
    };
    lint_project(&project, &settings)
        .into_iter()
        .zip(files)
        .flat_map(|(report, file)| findings(&file.path, &file.text, report.findings))
        .collect()
}

#[derive(Serialize)]
pub struct Fixed {
    pub text: String,
    /// The codes of the fixes applied, one per fix.
    pub applied: Vec<&'static str>,
}

/// Applies the safe quick fixes (of the rules named in `only`, if given).
pub fn fix(file: &FileInput, settings: &Settings, only: &[String]) -> Fixed {
    let kind = file
        .kind
        .map(FileKind::from)
        .unwrap_or_else(|| FileKind::guess(&file.path));
    let only: Vec<&str> = only.iter().map(String::as_str).collect();
    let fixed = dockwright_core::fix::fix_text(
        &file.text,
        |t| lint_with(kind, t, settings),
        (!only.is_empty()).then_some(only.as_slice()),
    );
    Fixed {
        text: fixed.text,
        applied: fixed.applied,
    }
}

/// The file formatted, or why it is left as it is.
pub fn format(file: &FileInput, settings: &Settings) -> Result<String, String> {
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let kind = file
        .kind
        .map(FileKind::from)
        .unwrap_or_else(|| FileKind::guess(name));
    let result = match kind {
        FileKind::Dockerfile => {
            let options = settings
                .continuation_indent
                .clone()
                .map(|indent| dockerfile::Options { indent })
                .unwrap_or_default();
            dockerfile::format(&file.text, &options)
        }
        FileKind::Compose => format_compose(&file.text, settings),
        FileKind::DockerIgnore | FileKind::Env => {
            return Err(format!(
                "{}: only Dockerfiles and compose files are formatted",
                file.path
            ))
        }
    };
    result.map_err(|refusal| {
        let at = LineIndex::new(&file.text).line_col(refusal.span.start);
        format!(
            "{}:{}:{}: not formatted: {}",
            file.path, at.line, at.column, refusal.message
        )
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub code: &'static str,
    pub aliases: &'static [&'static str],
    pub summary: &'static str,
    pub severity: Severity,
    pub origin: dockwright_core::rules::Origin,
    pub off_by_default: bool,
    /// Markdown: what it does, why, an example, what to write instead.
    pub docs: &'static str,
}

pub fn rules() -> Vec<Rule> {
    registry::all()
        .map(|meta| Rule {
            code: meta.code,
            aliases: meta.aliases,
            summary: meta.summary,
            severity: meta.severity,
            origin: meta.origin,
            off_by_default: meta.off_by_default,
            docs: registry::docs(meta.code).unwrap_or_default(),
        })
        .collect()
}

pub fn patterns() -> &'static [&'static Pattern] {
    patterns::CATALOGUE
}

/// A generated file with its line notes as `{ line, note }`.
#[derive(Serialize)]
pub struct PatternFile {
    pub path: String,
    pub text: String,
    pub notes: Vec<Note>,
}

#[derive(Serialize)]
pub struct Note {
    pub line: usize,
    pub note: String,
}

impl From<GeneratedFile> for PatternFile {
    fn from(file: GeneratedFile) -> PatternFile {
        PatternFile {
            path: file.path,
            text: file.text,
            notes: file
                .notes
                .into_iter()
                .map(|(line, note)| Note { line, note })
                .collect(),
        }
    }
}

/// A pattern's files for the given parameters (the others take their defaults).
pub fn render_pattern(
    id: &str,
    params: &BTreeMap<String, String>,
) -> Result<Vec<PatternFile>, String> {
    let pattern = patterns::find(id).ok_or_else(|| {
        let ids: Vec<&str> = patterns::CATALOGUE.iter().map(|p| p.id).collect();
        format!("no pattern '{id}'; the patterns are {}", ids.join(", "))
    })?;
    let given: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pattern
        .render_with(&given)
        .map(|files| files.into_iter().map(PatternFile::from).collect())
        .map_err(|e| format!("pattern {id}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> FileInput {
        FileInput {
            path: path.into(),
            text: text.into(),
            kind: None,
        }
    }

    #[test]
    fn a_file_alone_and_a_project_give_the_engines_findings() {
        let settings = Settings::default();
        let alone = lint(
            &[file("Dockerfile", "FROM alpine\nFROB x\n")],
            &settings,
            &LintOptions::default(),
        );
        assert!(alone.iter().any(|f| f.code == "build-error" && f.line == 2));
        let project = lint(
            &[
                file(
                    "compose.yaml",
                    "services:\n  web:\n    build:\n      context: .\n      target: prod\n",
                ),
                file("Dockerfile", "FROM alpine:3.20 AS build\n"),
            ],
            &settings,
            &LintOptions::default(),
        );
        assert!(
            project
                .iter()
                .any(|f| f.file == "compose.yaml" && f.message.contains("prod")),
            "the build target is checked against the Dockerfile's stages"
        );
    }

    #[test]
    fn offsets_are_javascript_string_indices() {
        let text = "FROM 😀\nRUN é\r\nFROB x\n";
        let found = lint(
            &[file("Dockerfile", text)],
            &Settings::default(),
            &LintOptions::default(),
        );
        let frob = found.iter().find(|f| f.code == "build-error").unwrap();
        let js: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&js[frob.from..frob.from + 4]).unwrap(),
            "FROB"
        );
    }

    #[test]
    fn fix_format_rules_and_patterns() {
        let settings = settings(Some("continuation-indent: 2\n")).unwrap();
        let fixed = fix(
            &file("Dockerfile", "FROM alpine:3.20\nMAINTAINER me\n"),
            &settings,
            &[],
        );
        assert!(fixed.text.contains("LABEL"), "{}", fixed.text);
        let formatted = format(
            &file("Dockerfile", "from alpine:3.20\nrun a && \\\nb\n"),
            &settings,
        )
        .unwrap();
        assert_eq!(formatted, "FROM alpine:3.20\nRUN a && \\\n  b\n");
        assert!(format(&file("Dockerfile", "FROM alpine\nENV a=1 b 2\n"), &settings).is_err());
        assert!(rules()
            .iter()
            .any(|r| r.code == "DL3008" && r.docs.contains("## ")));
        let files = render_pattern("nextjs", &BTreeMap::new()).unwrap();
        assert!(files.iter().any(|f| f.path == "Dockerfile"));
        assert!(render_pattern("nope", &BTreeMap::new()).is_err());
        assert!(super::settings(Some("ignored: 3\n")).is_err());
    }
}
