//! `dockwright lint`: files alone, or directories as projects, through the
//! engine's `lint_with` and `lint_project`; the findings go to one of the
//! output formats.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockwright_core::lint::lint_project;
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{lint_with, Diagnostic, FileKind, LineIndex, Severity};

use crate::args::{LintArgs, Threshold};
use crate::output::{self, Format, Record};
use crate::{active_profiles, load_settings, project_dir, read_stdin, read_text, Failure};

pub fn run(options: &LintArgs) -> Result<ExitCode, Failure> {
    let mut settings = load_settings(options.config.as_deref())?;
    settings.profiles = active_profiles(&options.profile);
    let targets = collect_targets(options)?;
    let mut records = Vec::new();
    let mut file_count = 0;
    let keep = |d: &Diagnostic| {
        !options.ignore.iter().any(|id| {
            id.eq_ignore_ascii_case(d.code) || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        })
    };
    for target in &targets {
        match target {
            Target::File(path, kind) => {
                let text = if path.as_os_str() == "-" {
                    read_stdin()?
                } else {
                    read_text(path)?
                };
                file_count += 1;
                let index = LineIndex::new(&text);
                for diagnostic in lint_with(*kind, &text, &settings).into_iter().filter(keep) {
                    records.push(Record::new(path, &text, &index, diagnostic));
                }
            }
            Target::Project {
                dir,
                compose_files,
                only,
            } => {
                let mut project_dir = project_dir::read(dir, |p| read_text(p).ok());
                // Compose files named with -f are read whatever their name.
                for name in compose_files {
                    if !project_dir.files.iter().any(|(p, _)| p == name) {
                        let text = read_text(&dir.join(name))?;
                        project_dir.files.push((name.clone(), text));
                    }
                }
                // Env files named with --env-file, by their path in the
                // project when they are inside it.
                let mut env_files = Vec::new();
                for path in &options.env_file {
                    let text = read_text(path)?;
                    let name = path
                        .strip_prefix(dir)
                        .unwrap_or(path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    if !project_dir.files.iter().any(|(p, _)| *p == name) {
                        project_dir.files.push((name.clone(), text));
                    }
                    env_files.push(name);
                }
                let files: Vec<ProjectFile> = project_dir
                    .files
                    .iter()
                    .map(|(path, text)| ProjectFile { path, text })
                    .collect();
                let compose: Vec<&str> = compose_files.iter().map(String::as_str).collect();
                let env_files: Vec<&str> = env_files.iter().map(String::as_str).collect();
                // Compose interpolates with the shell's variables first.
                let host: Vec<(String, String)> = std::env::vars().collect();
                let project = Project {
                    files: &files,
                    listing: Some(&project_dir.listing),
                    compose_files: &compose,
                    host_environment: Some(&host),
                    env_files: &env_files,
                };
                for (report, (_, text)) in lint_project(&project, &settings)
                    .into_iter()
                    .zip(&project_dir.files)
                {
                    if only.as_ref().is_some_and(|o| *o != report.path) {
                        continue;
                    }
                    // A YAML file no compose file includes is not checked.
                    if report.kind.is_none() && report.findings.is_empty() {
                        continue;
                    }
                    file_count += 1;
                    let shown = if dir.as_os_str() == "." {
                        PathBuf::from(&report.path)
                    } else {
                        dir.join(&report.path)
                    };
                    let index = LineIndex::new(text);
                    for diagnostic in report.findings.into_iter().filter(keep) {
                        records.push(Record::new(&shown, text, &index, diagnostic));
                    }
                }
            }
        }
    }
    // Only the text formats go through anstream, which drops the colours
    // when stdout is no terminal, NO_COLOR is set or --color never says so
    // (and would drop the NUL bytes codeclimate writes).
    let mut out: Box<dyn Write> = match options.format {
        Format::Text | Format::Concise => Box::new(anstream::stdout().lock()),
        _ => Box::new(std::io::stdout().lock()),
    };
    output::write(&mut out, options.format, &records, file_count)?;
    out.flush()?;
    // Severity orders error < warning < info < style: "at or above" the
    // threshold means "at most" in that order.
    let threshold = options
        .failure_threshold
        .map(Threshold::severity)
        .or(settings.failure_threshold)
        .unwrap_or(Some(Severity::Error));
    let failed =
        !settings.no_fail && threshold.is_some_and(|t| records.iter().any(|r| r.severity <= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What one command-line path stands for.
enum Target {
    /// A file linted alone (or standard input, `-`).
    File(PathBuf, FileKind),
    /// A directory linted as a project; `only` keeps one file's findings.
    Project {
        dir: PathBuf,
        compose_files: Vec<String>,
        only: Option<String>,
    },
}

fn collect_targets(options: &LintArgs) -> Result<Vec<Target>, Failure> {
    let mut targets = Vec::new();
    if let Some(first) = options.compose_files.first() {
        let dir = first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut compose_files = Vec::new();
        for file in &options.compose_files {
            if !file.is_file() {
                return Err(Failure::Io(format!(
                    "cannot read {}: no such file",
                    file.display()
                )));
            }
            let relative = file.strip_prefix(&dir).unwrap_or(file);
            compose_files.push(relative.to_string_lossy().replace('\\', "/"));
        }
        targets.push(Target::Project {
            dir,
            compose_files,
            only: None,
        });
    }
    for path in &options.paths {
        if path.as_os_str() == "-" {
            targets.push(Target::File(
                path.clone(),
                options.kind.map_or(FileKind::Dockerfile, FileKind::from),
            ));
            continue;
        }
        let metadata = std::fs::metadata(path)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))?;
        if metadata.is_dir() {
            targets.push(Target::Project {
                dir: path.clone(),
                compose_files: Vec::new(),
                only: None,
            });
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = options
            .kind
            .map_or_else(|| FileKind::guess(&name), FileKind::from);
        // A Dockerfile with a .dockerignore beside it is checked against it.
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let has_ignore = dir.join(".dockerignore").is_file()
            || dir.join(format!("{name}.dockerignore")).is_file();
        if kind == FileKind::Dockerfile
            && has_ignore
            && FileKind::from_name(&name) == Some(FileKind::Dockerfile)
        {
            targets.push(Target::Project {
                dir,
                compose_files: Vec::new(),
                only: Some(name),
            });
        } else if kind == FileKind::Compose
            && (dir.join(".env").is_file() || !options.env_file.is_empty())
        {
            // A compose file with its .env is interpolated with it, as
            // `docker compose -f FILE` would.
            targets.push(Target::Project {
                dir,
                compose_files: vec![name.clone()],
                only: Some(name),
            });
        } else {
            targets.push(Target::File(path.clone(), kind));
        }
    }
    Ok(targets)
}
