//! A project: the files of one directory (the CLI) or one workspace (the
//! page), read together; `crate::lint::lint_project` lints them. Compose
//! files are merged as Docker Compose merges them (a finding lands in the
//! file that wrote the value); each service's Dockerfile, build context and
//! `.dockerignore` are found, so that checks across files can run: build
//! targets, contexts, EXPOSE against published ports, health checks behind
//! `service_healthy`, files COPY takes that `.dockerignore` leaves out.
//!
//! No IO: the host hands over the texts, and the paths that exist when it
//! knows them.

mod load;

pub(crate) use load::merge_chain;

use crate::compose;
use crate::diagnostic::Diagnostic;
use crate::dockerfile::{Command, Dockerfile};
use crate::dockerignore::{self, DockerIgnore};
use crate::lint::FileKind;
use crate::span::Span;
use crate::yaml::{Node, Value};

/// A file of the project, by its `/`-separated path from the project root.
#[derive(Clone, Copy, Debug)]
pub struct ProjectFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Project<'a> {
    pub files: &'a [ProjectFile<'a>],
    /// Every path in the project (files, not directories), when the host
    /// knows them; then missing contexts and Dockerfiles are reported.
    pub listing: Option<&'a [String]>,
    /// Compose files to merge, in order (`-f a -f b`); empty: Docker
    /// Compose's defaults (`compose.yaml` and `compose.override.yaml`, …).
    pub compose_files: &'a [&'a str],
    /// The host's environment variables, when the host has some (the CLI's
    /// process environment); they win over the env files' values.
    pub host_environment: Option<&'a [(String, String)]>,
    /// Env files interpolation reads, in order (`--env-file`); empty: the
    /// `.env` of the project directory. Without one of them among the
    /// files, variables are left undecided (no interpolation checks).
    pub env_files: &'a [&'a str],
}

/// The variables Docker Compose interpolates the compose files with: the
/// host's, then the env files' (a later file wins over an earlier one).
pub struct Environment {
    host: Vec<(String, String)>,
    files: Vec<(usize, compose::dotenv::DotEnv)>,
}

impl Environment {
    /// The host's variables alone (no env file).
    pub fn of_host(project: &Project) -> Environment {
        Environment {
            host: project.host_environment.unwrap_or_default().to_vec(),
            files: Vec::new(),
        }
    }

    /// Sets a variable over the host's and the files' (as Compose sets
    /// COMPOSE_PROJECT_NAME).
    pub fn set(&mut self, name: &str, value: &str) {
        self.host.retain(|(k, _)| k != name);
        self.host.insert(0, (name.to_string(), value.to_string()));
    }

    pub fn get(&self, name: &str) -> Option<String> {
        if let Some((_, value)) = self.host.iter().find(|(k, _)| k == name) {
            return Some(value.clone());
        }
        self.files
            .iter()
            .rev()
            .find_map(|(_, env)| env.get(name))
            .map(str::to_string)
    }

    /// The env files read, by their index among the project's files, with
    /// what their reading found.
    pub fn files(&self) -> &[(usize, compose::dotenv::DotEnv)] {
        &self.files
    }
}

/// The project name the compose files give (`name:`, its variables from
/// the host, normalised), as Docker Compose reads it before loading them.
pub fn name_in_files(project: &Project) -> Option<String> {
    let host = |name: &str| {
        project
            .host_environment
            .unwrap_or_default()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let mut found = None;
    for index in compose_chain(project) {
        let document = crate::yaml::parse(project.files[index].text);
        let name = document
            .root
            .as_ref()
            .and_then(|r| r.get("name"))
            .and_then(Node::as_str);
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            found = Some(compose::template::substitute(name, &host).value);
        }
    }
    found
        .map(|n| compose::values::normalize_project_name(&n))
        .filter(|n| !n.is_empty())
}

/// The project's environment, when one of its env files is among its files.
pub fn environment(project: &Project, project_dir: &str) -> Option<Environment> {
    let find = |path: &str| {
        let wanted = dockerignore::clean(path);
        project
            .files
            .iter()
            .position(|f| dockerignore::clean(f.path) == wanted)
    };
    let default = [join(project_dir, ".env")];
    let wanted: Vec<String> = if project.env_files.is_empty() {
        default.to_vec()
    } else {
        project.env_files.iter().map(|p| p.to_string()).collect()
    };
    let indices: Vec<usize> = wanted.iter().filter_map(|p| find(p)).collect();
    if indices.is_empty() {
        return None;
    }
    let mut environment = Environment {
        host: project.host_environment.unwrap_or_default().to_vec(),
        files: Vec::new(),
    };
    for index in indices {
        // A file's expansions read the host, then the files before it and
        // its own keys above.
        let parsed = {
            let lookup = |name: &str| environment.get(name);
            compose::dotenv::parse(project.files[index].text, &lookup)
        };
        environment.files.push((index, parsed));
    }
    Some(environment)
}

/// The findings of one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub kind: Option<FileKind>,
    pub findings: Vec<Diagnostic>,
}

impl FileReport {
    /// An empty report for each file, in order.
    pub(crate) fn none_for(files: &[ProjectFile]) -> Vec<FileReport> {
        files
            .iter()
            .map(|f| FileReport {
                path: f.path.to_string(),
                kind: None,
                findings: Vec::new(),
            })
            .collect()
    }
}

/// What the build of one service looks at.
pub struct ServiceBuild<'a> {
    pub service: String,
    /// Project-relative, cleaned (`.` for the root); `None` for a remote
    /// context (a Git or HTTP URL).
    pub context: Option<String>,
    /// Project-relative path of the Dockerfile.
    pub dockerfile_path: Option<String>,
    /// The Dockerfile, when it is one of the project's files.
    pub dockerfile: Option<&'a Dockerfile>,
}

/// What compose rules may know about the rest of the project.
pub struct ProjectView<'a> {
    pub builds: Vec<ServiceBuild<'a>>,
    pub listing: Option<&'a [String]>,
    /// Where each merged file's text starts in the merged text, in order.
    pub file_starts: Vec<usize>,
}

impl ProjectView<'_> {
    pub fn build_of(&self, service: &str) -> Option<&ServiceBuild<'_>> {
        self.builds.iter().find(|b| b.service == service)
    }

    /// Whether a project-relative path exists, when that is known.
    pub fn exists(&self, path: &str) -> Option<bool> {
        let listing = self.listing?;
        let path = dockerignore::clean(path);
        if path == "." {
            return Some(true);
        }
        let prefix = format!("{path}/");
        Some(listing.iter().any(|p| *p == path || p.starts_with(&prefix)))
    }
}

/// What Dockerfile rules may know about the build context.
pub struct BuildContext {
    /// Project-relative path of the context.
    pub path: String,
    /// The `.dockerignore` that applies, with its path, if there is one.
    pub dockerignore: Option<(String, DockerIgnore)>,
    /// Paths in the context (relative to it), when the host knows them.
    pub listing: Option<Vec<String>>,
}

/// Facts about the image a Dockerfile builds for one target stage.
pub struct ImageFacts {
    /// Lower-cased stage names.
    pub stages: Vec<String>,
    /// Index of the stage built; `None` when the target is not a stage.
    pub target: Option<usize>,
    /// A HEALTHCHECK (NONE included) in the target stage or a stage it
    /// builds FROM.
    pub healthcheck: bool,
    /// HEALTHCHECK NONE is the last word on it.
    pub healthcheck_disabled: bool,
    /// EXPOSEd port ranges of that chain; `None` when one uses a variable.
    pub exposed: Option<Vec<(u32, u32)>>,
}

pub fn image_facts(dockerfile: &Dockerfile, target: Option<&str>) -> ImageFacts {
    let stages: Vec<String> = dockerfile
        .stages
        .iter()
        .map(|s| s.name.clone().unwrap_or_default())
        .collect();
    let index = match target {
        Some(t) => stages.iter().position(|s| *s == t.to_lowercase()),
        None => dockerfile.stages.len().checked_sub(1),
    };
    let mut facts = ImageFacts {
        stages: stages.clone(),
        target: index,
        healthcheck: false,
        healthcheck_disabled: false,
        exposed: Some(Vec::new()),
    };
    // The chain of stages the target builds FROM, nearest last.
    let mut chain = Vec::new();
    let mut current = index;
    while let Some(i) = current {
        if chain.contains(&i) {
            break;
        }
        chain.push(i);
        let base = dockerfile.stages[i].base.to_lowercase();
        current = dockerfile.stages[..i]
            .iter()
            .rposition(|s| s.name.as_deref() == Some(base.as_str()));
    }
    chain.reverse();
    for &stage in &chain {
        for &i in &dockerfile.stages[stage].instructions {
            let instruction = &dockerfile.instructions[i];
            match &instruction.command {
                Command::Healthcheck(check) => {
                    facts.healthcheck = true;
                    facts.healthcheck_disabled = check.command.is_none();
                }
                Command::Expose { ports } => {
                    for port in ports {
                        let value = dockerfile
                            .expansions
                            .words
                            .iter()
                            .find(|w| w.span == port.span)
                            .map_or(port.value.as_str(), |w| w.value.as_str());
                        if value.contains('$') || value.is_empty() {
                            facts.exposed = None;
                            continue;
                        }
                        for spec in value.split_whitespace() {
                            if let (Some(list), Ok(range)) = (
                                facts.exposed.as_mut(),
                                compose::values::parse_expose(&spec.to_lowercase()),
                            ) {
                                list.push(range);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    facts
}

pub(crate) fn directory_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

pub(crate) fn join(directory: &str, path: &str) -> String {
    if path.starts_with('/') || directory.is_empty() {
        dockerignore::clean(path)
    } else {
        dockerignore::clean(&format!("{directory}/{path}"))
    }
}

pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

const COMPOSE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];
const OVERRIDE_NAMES: [&str; 4] = [
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
];

/// The compose files Docker Compose would merge, by index in `files`.
pub(crate) fn compose_chain(project: &Project) -> Vec<usize> {
    let index_of = |path: &str| {
        let wanted = dockerignore::clean(path);
        project
            .files
            .iter()
            .position(|f| dockerignore::clean(f.path) == wanted)
    };
    if !project.compose_files.is_empty() {
        return project
            .compose_files
            .iter()
            .filter_map(|p| index_of(p))
            .collect();
    }
    let base = COMPOSE_NAMES.iter().find_map(|n| index_of(n));
    let over = OVERRIDE_NAMES.iter().find_map(|n| index_of(n));
    base.into_iter().chain(over).collect()
}

/// The build of every service of the merged compose file.
pub(crate) fn service_builds<'a>(
    root: &Node,
    root_dir: &str,
    find: &dyn Fn(&str) -> Option<usize>,
    dockerfiles: &'a [Option<Dockerfile>],
) -> Vec<ServiceBuild<'a>> {
    let mut out = Vec::new();
    for entry in root.get("services").map(Node::entries).unwrap_or_default() {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        let Some(build) = entry.value.get("build") else {
            continue;
        };
        let (context, dockerfile) = match &build.value {
            Value::Scalar(s) => (Some(s.text.as_str()), None),
            _ => (
                build.get("context").and_then(Node::as_str),
                build.get("dockerfile").and_then(Node::as_str),
            ),
        };
        let context = context.unwrap_or(".");
        let remote =
            context.contains("://") || context.starts_with("git@") || context.contains('$');
        let context_path = (!remote).then(|| join(root_dir, context));
        let inline = build.get("dockerfile_inline").is_some();
        let dockerfile_path = context_path.as_ref().filter(|_| !inline).and_then(|c| {
            let name = dockerfile.unwrap_or("Dockerfile");
            (!name.contains('$')).then(|| join(c, name))
        });
        let index = dockerfile_path.as_deref().and_then(find);
        out.push(ServiceBuild {
            service: name.to_string(),
            context: context_path,
            dockerfile_path,
            dockerfile: index.and_then(|i| dockerfiles[i].as_ref()),
        });
    }
    out
}

/// The compose chain merged into one tree over one virtual text: each file
/// at its own offset, so that a span of the merged tree says which file it
/// comes from.
pub struct MergedCompose {
    pub(crate) text: String,
    pub root: Node,
    /// (offset in `text`, index of the file), in order.
    pub(crate) bases: Vec<(usize, usize)>,
    /// The files read into the model (the chain, what it includes and
    /// extends), by index.
    pub(crate) read: Vec<usize>,
    /// An included or extended file could not be found.
    pub(crate) incomplete: bool,
}

impl MergedCompose {
    /// Gives each finding to the file that wrote its span.
    pub(crate) fn distribute(
        &self,
        findings: Vec<Diagnostic>,
        files: &[ProjectFile],
        reports: &mut [FileReport],
    ) {
        for mut finding in findings {
            let Some(&(base, index)) = self
                .bases
                .iter()
                .rev()
                .find(|(base, _)| *base <= finding.span.start)
            else {
                continue;
            };
            let text = files[index].text;
            finding.span = Span::new(
                (finding.span.start - base).min(text.len()),
                finding.span.end.saturating_sub(base).min(text.len()),
            )
            .clamp_to(text);
            // A fix moves with its finding; one that reaches outside the
            // file (into a merged neighbour) is dropped.
            finding.fix = finding.fix.take().and_then(|mut fix| {
                for edit in &mut fix.edits {
                    let start = edit.span.start.checked_sub(base)?;
                    let end = edit.span.end.checked_sub(base)?;
                    edit.span = Span::new(start, end);
                }
                fix.is_valid_for(text).then_some(fix)
            });
            let duplicate = reports[index].findings.iter().any(|d| {
                d.span == finding.span && d.code == finding.code && d.message == finding.message
            });
            if !duplicate {
                reports[index].findings.push(finding);
            }
        }
    }
}

/// Reads and merges the chain; YAML errors go straight to their files.
/// The compose files Docker Compose reads by default (`compose.yaml`, then
/// `compose.override.yaml`, or their other names), merged as it merges
/// them, with the names of the files merged; `None` without a compose file.
pub fn merged_compose(files: &[ProjectFile]) -> Option<(Vec<String>, Node)> {
    let project = Project {
        files,
        ..Project::default()
    };
    let chain = compose_chain(&project);
    let mut reports = FileReport::none_for(files);
    let merged = merge_chain(&project, &chain, &mut reports, None)?;
    let names = chain.iter().map(|&i| files[i].path.to_string()).collect();
    Some((names, merged.root))
}
