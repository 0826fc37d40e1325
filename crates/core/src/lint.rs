//! The one entry point hosts call: text in, findings out.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dockerfile::{self, Dockerfile};
use crate::dockerignore::{self, DockerIgnore};
use crate::project::{
    compose_chain, directory_of, file_name, join, merge_chain, service_builds, BuildContext,
    FileReport, Project, ProjectView, ServiceBuild,
};
use crate::rules::Settings;

/// What a file is, decided from its name as Docker tooling does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    Compose,
    DockerIgnore,
    /// A dotenv file: the project's `.env`, an `env_file:` entry.
    Env,
}

impl FileKind {
    /// `Dockerfile`, `Dockerfile.dev`, `api.Dockerfile`, `Containerfile`,
    /// `compose.yaml`, `docker-compose.override.yml`, `.dockerignore`,
    /// `Dockerfile.dockerignore`, `.env`, `.env.local`, `app.env`.
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
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Some(FileKind::Env);
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
    let findings = match kind {
        FileKind::Dockerfile => lint_dockerfile(text, settings),
        FileKind::Compose => lint_compose(text, settings),
        // .dockerignore checks arrive with the project checks.
        FileKind::DockerIgnore => Vec::new(),
        // Alone, with no host environment: its syntax and its variables.
        FileKind::Env => crate::compose::dotenv::parse(text, &|_| None).findings,
    };
    settle(text, findings)
}

/// What [`lint_with`] answers for a Dockerfile, without the compose engine:
/// a host that lints only Dockerfiles links only the Dockerfile engine (the
/// page's first findings, `crates/first-lint`).
pub fn lint_dockerfile_with(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    settle(text, lint_dockerfile(text, settings))
}

/// Findings as every host gets them: inside the text, sorted by position.
fn settle(text: &str, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Every span on a char boundary inside the text, whatever produced it.
    for finding in &mut findings {
        finding.span = finding.span.clamp_to(text);
    }
    crate::sort::sort_by(&mut findings, |a, b| {
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

/// YAML, schema, compose-go semantics, then the compose rules.
fn lint_compose(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    let checks = crate::compose::Checks {
        profiles: &settings.profiles,
        ..Default::default()
    };
    let file = crate::compose::parse_with(text, &checks);
    let mut findings = file.errors;
    if let Some(root) = file.root.as_ref().filter(|r| r.is_map()) {
        findings.extend(crate::rules::check_compose(text, root, settings));
    }
    findings
}

/// Collections put in order before a compose file is formatted, at most.
const MAX_REORDERS: usize = 64;

/// Formats a compose file. When dclint's ordering rules are on (by the
/// settings, or a `# dclint enable` comment in the file), the collections
/// they flag are put in their order first — top-level keys, services, a
/// service's keys, its dependencies — each entry moving with its comments;
/// with the rules off (their default), keys keep the order written.
pub fn format_compose(text: &str, settings: &Settings) -> Result<String, crate::format::Refusal> {
    use crate::format::compose::{self, order};
    use crate::rules::compose::{
        service_dependencies_alphabetical_order as dependencies, service_keys_order as keys,
        services_alphabetical_order as services, top_level_properties_order as top_level,
    };
    let plain = compose::format(text)?;
    let sort_key = |code: &str| -> Option<order::SortKey> {
        Some(if code == top_level::RULE.meta.code {
            top_level::sort_key
        } else if code == services::RULE.meta.code || code == dependencies::RULE.meta.code {
            services::sort_key
        } else if code == keys::RULE.meta.code {
            keys::sort_key
        } else {
            return None;
        })
    };
    // Reordered once formatted: the formatted text is one every YAML reader
    // accepts (closing brackets indented), and its entries are regular.
    let mut current = plain.clone();
    // Findings whose collection could not be moved, in the current text.
    let mut unmoved: Vec<(&'static str, usize)> = Vec::new();
    for _ in 0..MAX_REORDERS {
        let findings = lint_compose(&current, settings);
        let next = findings.iter().find_map(|f| {
            let key = sort_key(f.code)?;
            (!unmoved.contains(&(f.code, f.span.start))).then_some((f.code, f.span.start, key))
        });
        let Some((code, at, key)) = next else {
            break;
        };
        match order::reorder(&current, at, key) {
            Some(moved) => {
                current = moved;
                unmoved.clear();
            }
            None => unmoved.push((code, at)),
        }
    }
    if current == plain {
        return Ok(plain);
    }
    Ok(compose::format(&current).unwrap_or(plain))
}

/// The compose engine's own findings (YAML, schema, Compose's checks).
const ENGINE_CODES: [&str; 3] = [
    crate::compose::SYNTAX_ERROR,
    crate::compose::INVALID_SCHEMA,
    crate::compose::semantics::CONFIG_ERROR,
];

/// Lints every file of the project, with the checks across files.
pub fn lint_project(project: &Project, settings: &Settings) -> Vec<FileReport> {
    lint_and_load(project, settings, None).0
}

/// What `docker compose config` would print for the project, and the
/// project's findings; no model when one of them is an error Docker
/// Compose refuses the files for.
pub struct Config {
    pub reports: Vec<FileReport>,
    pub model: Option<crate::compose::output::Out>,
    /// Where each file read into the model starts in the text the model's
    /// spans point into: (offset, path).
    pub sources: Vec<(usize, String)>,
}

impl Config {
    /// The file and the span in it of a span of the model.
    pub fn locate(&self, span: crate::span::Span) -> Option<(&str, crate::span::Span)> {
        let (base, path) = self
            .sources
            .iter()
            .rev()
            .find(|(base, _)| *base <= span.start)?;
        Some((
            path,
            crate::span::Span::new(span.start - base, span.end.saturating_sub(*base)),
        ))
    }
}

/// Where the project lives, for `config`: what a host knows and the engine
/// cannot find out.
pub struct ConfigHost<'a> {
    /// `-p NAME` or `COMPOSE_PROJECT_NAME`; else the file's `name:`, else
    /// the directory's name.
    pub project_name: Option<&'a str>,
    /// Absolute path of the project directory.
    pub project_dir: &'a str,
    pub home: Option<&'a str>,
}

/// The project's model as Docker Compose resolves it (variables always
/// interpolated, with the host's environment when there is no env file).
pub fn config(project: &Project, settings: &Settings, host: &ConfigHost) -> Config {
    // Compose settles the name before it interpolates, and interpolates
    // with it as COMPOSE_PROJECT_NAME.
    let directory = host
        .project_dir
        .rsplit('/')
        .find(|p| !p.is_empty())
        .unwrap_or("");
    let project_name = host
        .project_name
        .map(str::to_string)
        .or_else(|| crate::project::name_in_files(project))
        .unwrap_or_else(|| crate::compose::values::normalize_project_name(directory));
    let (reports, loaded, environment) = lint_and_load(project, settings, Some(&project_name));
    let refused = reports.iter().any(|r| {
        r.findings
            .iter()
            .any(|d| d.severity == Severity::Error && ENGINE_CODES.contains(&d.code))
    });
    let Some(merged) = loaded.filter(|_| !refused) else {
        return Config {
            reports,
            model: None,
            sources: Vec::new(),
        };
    };

    let lookup = |name: &str| environment.as_ref().and_then(|e| e.get(name));
    let files = project.files;
    let read_file = |absolute: &str| {
        let relative = absolute
            .strip_prefix(host.project_dir)
            .map(|r| r.trim_start_matches('/'))?;
        let wanted = dockerignore::clean(relative);
        files
            .iter()
            .find(|f| dockerignore::clean(f.path) == wanted)
            .map(|f| f.text.to_string())
    };
    let context = crate::compose::resolve::Context {
        project_name: &project_name,
        project_dir: host.project_dir,
        home: host.home,
        lookup: &lookup,
        read_file: &read_file,
        profiles: &settings.profiles,
    };
    let model = crate::compose::resolve::resolve(&merged.root, &context);
    let sources = merged
        .bases
        .iter()
        .map(|(base, index)| (*base, files[*index].path.to_string()))
        .collect();
    Config {
        reports,
        model: Some(model),
        sources,
    }
}

/// The findings of every file, the loaded compose model and the
/// environment it was interpolated with. With a project name, variables
/// are always interpolated (with the host's alone when there is no env
/// file), COMPOSE_PROJECT_NAME being that name, as `docker compose` does.
fn lint_and_load(
    project: &Project,
    settings: &Settings,
    project_name: Option<&str>,
) -> (
    Vec<FileReport>,
    Option<crate::project::MergedCompose>,
    Option<crate::project::Environment>,
) {
    let files = project.files;
    let kinds: Vec<Option<FileKind>> = files
        .iter()
        .map(|f| {
            let name = file_name(f.path);
            let explicit = project
                .compose_files
                .iter()
                .any(|c| dockerignore::clean(c) == dockerignore::clean(f.path));
            if explicit {
                Some(FileKind::Compose)
            } else {
                FileKind::from_name(name)
            }
        })
        .collect();
    let mut reports: Vec<FileReport> = files
        .iter()
        .zip(&kinds)
        .map(|(f, kind)| FileReport {
            path: f.path.to_string(),
            kind: *kind,
            findings: Vec::new(),
        })
        .collect();
    let dockerfiles: Vec<Option<Dockerfile>> = files
        .iter()
        .zip(&kinds)
        .map(|(f, kind)| (*kind == Some(FileKind::Dockerfile)).then(|| dockerfile::parse(f.text)))
        .collect();
    let find = |path: &str| {
        let wanted = dockerignore::clean(path);
        files
            .iter()
            .position(|f| dockerignore::clean(f.path) == wanted)
    };

    // Compose: the chain merged, the other compose files alone.
    let chain = compose_chain(project);
    let project_dir = chain.first().map_or("", |&i| directory_of(files[i].path));
    let mut environment = crate::project::environment(project, project_dir)
        .or_else(|| project_name.map(|_| crate::project::Environment::of_host(project)));
    if let (Some(environment), Some(name)) = (environment.as_mut(), project_name) {
        environment.set("COMPOSE_PROJECT_NAME", name);
    }
    for (index, kind) in kinds.iter().enumerate() {
        if *kind != Some(FileKind::Env) {
            continue;
        }
        let read = environment
            .as_ref()
            .and_then(|e| e.files().iter().find(|(i, _)| *i == index));
        reports[index].findings = match read {
            Some((_, dotenv)) => dotenv.findings.clone(),
            None => lint_with(FileKind::Env, files[index].text, settings),
        };
    }
    let mut builds: Vec<ServiceBuild> = Vec::new();
    let mut model = None;
    let mut read = chain.clone();
    if let Some(merged) = merge_chain(project, &chain, &mut reports, environment.as_ref()) {
        read.extend(&merged.read);
        let root_dir = directory_of(files[chain[0]].path);
        builds = service_builds(&merged.root, root_dir, &find, &dockerfiles);
        let view = ProjectView {
            builds,
            listing: project.listing,
            file_starts: merged.bases.iter().map(|(base, _)| *base).collect(),
        };
        let checks = crate::compose::Checks {
            incomplete: merged.incomplete,
            profiles: &settings.profiles,
        };
        let mut findings = if environment.is_some() {
            // The templates were checked file by file before interpolation.
            crate::compose::check_interpolated_root(&merged.text, &merged.root, &checks)
        } else {
            crate::compose::check_root(&merged.text, &merged.root, &checks)
        };
        // The rules read the files as written (a value taken from a
        // variable is not a literal), the engine's checks what Compose
        // runs. Both trees lie over the same virtual text.
        let written = environment
            .as_ref()
            .and_then(|_| merge_chain(project, &chain, &mut FileReport::none_for(files), None));
        let rules_root = written.as_ref().map_or(&merged.root, |w| &w.root);
        findings.extend(crate::rules::check_compose_in(
            &merged.text,
            rules_root,
            settings,
            Some(&view),
        ));
        merged.distribute(findings, files, &mut reports);
        builds = view.builds;
        model = Some(merged);
    }
    // With explicit compose files (`-f`), the others are not part of the
    // project; without, each compose file outside the chain stands alone.
    for (index, kind) in kinds.iter().enumerate() {
        if project.compose_files.is_empty()
            && *kind == Some(FileKind::Compose)
            && !read.contains(&index)
        {
            reports[index].findings = lint_compose(files[index].text, settings);
        }
    }

    // Dockerfiles, each with the build context it is built in.
    for (index, parsed) in dockerfiles.iter().enumerate() {
        let Some(parsed) = parsed else { continue };
        let path = files[index].path;
        let context_path = builds
            .iter()
            .find(|b| {
                b.dockerfile_path.as_deref().map(dockerignore::clean)
                    == Some(dockerignore::clean(path))
            })
            .and_then(|b| b.context.clone())
            .unwrap_or_else(|| {
                let dir = directory_of(path);
                if dir.is_empty() {
                    ".".into()
                } else {
                    dir.to_string()
                }
            });
        let ignore_path = [
            format!("{path}.dockerignore"),
            join(&context_path, ".dockerignore"),
        ]
        .into_iter()
        .find(|p| find(p).is_some());
        let dockerignore = ignore_path.map(|p| {
            let text = files[find(&p).unwrap_or_default()].text;
            (p, DockerIgnore::parse(text))
        });
        let listing = project.listing.map(|all| {
            let prefix = if context_path == "." {
                String::new()
            } else {
                format!("{context_path}/")
            };
            all.iter()
                .filter_map(|p| p.strip_prefix(prefix.as_str()).map(str::to_string))
                .collect()
        });
        let context = BuildContext {
            path: context_path,
            dockerignore,
            listing,
        };
        let mut findings =
            crate::rules::check_dockerfile_in(files[index].text, parsed, settings, Some(&context));
        findings.extend(parsed.errors.iter().cloned());
        reports[index].findings = findings;
    }

    for (report, file) in reports.iter_mut().zip(files) {
        // Every span on a char boundary inside its file, whatever produced it.
        for finding in &mut report.findings {
            finding.span = finding.span.clamp_to(file.text);
        }
        crate::sort::sort_by(&mut report.findings, |a, b| {
            (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
        });
        // Docker Compose stops at its first error: a value it refuses while
        // interpolating is not refused again by the checks after it.
        report.findings.dedup_by(|later, first| {
            later.span == first.span
                && later.severity == Severity::Error
                && first.severity == Severity::Error
                && ENGINE_CODES.contains(&later.code)
                && ENGINE_CODES.contains(&first.code)
        });
    }
    (reports, model, environment)
}
