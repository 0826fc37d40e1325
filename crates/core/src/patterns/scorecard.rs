//! The scorecard: which of the five practices a project's own files follow,
//! and for each one missed, the change that brings it in (previewed by the
//! host before anything is written).

use serde::Serialize;

use super::runtime::{self, App};
use super::{Practice, PRACTICES};
use crate::dockerfile::{self, Command, Dockerfile, Instruction};
use crate::lint::FileKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Followed,
    Missed,
    /// The practice does not apply (no dependencies installed, no Dockerfile).
    NotApplicable,
}

/// A proposed change: whole new texts for some files (new or replaced).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub title: String,
    /// (path, new text).
    pub files: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PracticeCheck {
    pub practice: &'static Practice,
    pub status: Status,
    /// What was seen, in one sentence.
    pub detail: String,
    /// For a missed practice, the change that follows it, when one is sure.
    pub change: Option<Change>,
}

/// What the scorecard found out about the project's Dockerfile.
struct Subject<'a> {
    path: &'a str,
    text: &'a str,
    parsed: Dockerfile,
    runtime: Option<&'static str>,
    package_manager: Option<&'static str>,
    version: Option<&'static str>,
}

/// Checks the practices on a project's files, given as (path, text).
pub fn scorecard(files: &[(&str, &str)]) -> Vec<PracticeCheck> {
    let dockerfile = files
        .iter()
        .filter(|(path, _)| FileKind::from_name(base_name(path)) == Some(FileKind::Dockerfile))
        .min_by_key(|(path, _)| (base_name(path) != "Dockerfile", path.len()));
    let Some(&(path, text)) = dockerfile else {
        return PRACTICES
            .iter()
            .map(|practice| PracticeCheck {
                practice,
                status: Status::NotApplicable,
                detail: "No Dockerfile in the project.".into(),
                change: None,
            })
            .collect();
    };
    let parsed = dockerfile::parse(text);
    let (runtime, version) = detect_runtime(&parsed);
    let package_manager = runtime.and_then(|r| detect_package_manager(&parsed, r));
    let subject = Subject {
        path,
        text,
        parsed,
        runtime,
        package_manager,
        version,
    };
    PRACTICES
        .iter()
        .map(|practice| match practice.id {
            "multi-stage" => multi_stage(practice, &subject),
            "dockerignore" => dockerignore(practice, &subject, files),
            "layer-order" => layer_order(practice, &subject),
            "healthcheck" => healthcheck(practice, &subject, files),
            _ => non_root(practice, &subject),
        })
        .collect()
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn directory_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn sibling(of: &str, name: &str) -> String {
    match directory_of(of) {
        "" => name.to_string(),
        dir => format!("{dir}/{name}"),
    }
}

fn check(practice: &'static Practice, status: Status, detail: impl Into<String>) -> PracticeCheck {
    PracticeCheck {
        practice,
        status,
        detail: detail.into(),
        change: None,
    }
}

/// The runtime (and a catalogue version) from the images the stages use.
fn detect_runtime(parsed: &Dockerfile) -> (Option<&'static str>, Option<&'static str>) {
    for stage in &parsed.stages {
        let image = stage.base.rsplit('/').next().unwrap_or(&stage.base);
        let (name, tag) = image.split_once(':').unwrap_or((image, ""));
        let runtime = match name {
            "node" => "node",
            "python" => "python",
            "golang" => "go",
            "rust" => "rust",
            "maven" | "gradle" | "eclipse-temurin" | "openjdk" | "amazoncorretto" => "java",
            _ => continue,
        };
        let version = version_choice(runtime, tag);
        return (Some(runtime), version);
    }
    (None, None)
}

/// The catalogue's version a tag starts with (`22-bookworm-slim` → 22).
fn version_choice(runtime: &str, tag: &str) -> Option<&'static str> {
    let super::ParamKind::Choice { options } = &runtime::VERSION.kind else {
        return None;
    };
    options
        .iter()
        .filter(|c| c.when == Some(("runtime", runtime)))
        .map(|c| c.value)
        .find(|v| {
            tag == *v
                || tag.starts_with(&format!("{v}-"))
                || tag.starts_with(&format!("{v}."))
                || tag.contains(&format!("-{v}"))
        })
}

/// The package manager from the files the Dockerfile copies and the
/// commands it runs.
fn detect_package_manager(parsed: &Dockerfile, runtime: &str) -> Option<&'static str> {
    let mut words: Vec<&str> = Vec::new();
    for instruction in &parsed.instructions {
        match &instruction.command {
            Command::Copy { sources, .. } | Command::Add { sources, .. } => {
                words.extend(sources.iter().map(|s| base_name(&s.value)));
            }
            Command::Run { args, .. } => {
                words.extend(args.iter().flat_map(|a| a.value.split_whitespace()));
            }
            _ => {}
        }
    }
    let has = |names: &[&str]| words.iter().any(|w| names.contains(w));
    let found = match runtime {
        "node" if has(&["pnpm-lock.yaml", "pnpm"]) => "pnpm",
        "node" if has(&["yarn.lock", "yarn"]) => "yarn",
        "node" => "npm",
        "python" if has(&["uv.lock", "uv"]) => "uv",
        "python" if has(&["poetry.lock", "poetry"]) => "poetry",
        "python" => "pip",
        "go" => "go",
        "rust" => "cargo",
        "java" if has(&["build.gradle", "build.gradle.kts", "gradle", "./gradlew"]) => "gradle",
        "java" => "maven",
        _ => return None,
    };
    Some(found)
}

impl Subject<'_> {
    fn app(&self) -> Option<App<'static>> {
        let runtime = self.runtime?;
        Some(App {
            runtime,
            version: self.version.unwrap_or_else(|| default_version(runtime)),
            package_manager: self.package_manager?,
            port: self.port(),
            health_path: "/health",
            healthcheck: true,
            development: false,
            uid: None,
        })
    }

    /// The final stage's first exposed port, else the runtime's usual one.
    fn port(&self) -> u16 {
        self.final_instructions()
            .find_map(|i| match &i.command {
                Command::Expose { ports } => ports
                    .first()
                    .and_then(|p| p.value.split('/').next())
                    .and_then(|p| p.parse().ok()),
                _ => None,
            })
            .unwrap_or(match self.runtime {
                Some("node") => 3000,
                Some("python") => 8000,
                _ => 8080,
            })
    }

    fn final_instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.parsed
            .stages
            .last()
            .into_iter()
            .flat_map(|s| s.instructions.iter())
            .map(|&i| &self.parsed.instructions[i])
    }

    /// Where lines go in the final stage: before its CMD/ENTRYPOINT, else
    /// at the end of the file.
    fn insertion_point(&self) -> usize {
        let start = self
            .final_instructions()
            .find(|i| matches!(i.command, Command::Cmd { .. } | Command::Entrypoint { .. }))
            .map(|i| {
                let node = &self.parsed.nodes[i.node];
                node.span.start
            });
        match start {
            Some(at) => self.text[..at].rfind('\n').map_or(0, |n| n + 1),
            None => self.text.len(),
        }
    }

    /// The text with `lines` inserted at the insertion point.
    fn with_lines(&self, lines: &str) -> String {
        let at = self.insertion_point();
        let mut out = String::with_capacity(self.text.len() + lines.len() + 1);
        out.push_str(&self.text[..at]);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(lines);
        out.push_str(&self.text[at..]);
        out
    }
}

fn default_version(runtime: &str) -> &'static str {
    match runtime {
        "node" => "22",
        "python" => "3.12",
        "go" => "1.24",
        "rust" => "1.87",
        _ => "21",
    }
}

fn multi_stage(practice: &'static Practice, s: &Subject) -> PracticeCheck {
    let stages = s.parsed.stages.len();
    let final_uses_earlier = s.final_instructions().any(|i| i.flag("from").is_some())
        || s.parsed.stages.last().is_some_and(|last| {
            s.parsed.stages[..stages - 1]
                .iter()
                .any(|st| st.name.as_deref() == Some(last.base.to_lowercase().as_str()))
        });
    if stages > 1 && final_uses_earlier {
        return check(
            practice,
            Status::Followed,
            format!(
                "{} stages; the final stage takes only what it needs from the others.",
                stages
            ),
        );
    }
    let mut result = check(
        practice,
        Status::Missed,
        if stages > 1 {
            "Several stages, but the final one copies nothing from them.".to_string()
        } else {
            "One stage: build tools and sources ship in the image.".to_string()
        },
    );
    if let Some(app) = s.app() {
        let mut files = vec![(s.path.to_string(), keep_command(s, &app.dockerfile().text))];
        let probe = app.health_script();
        files.push((sibling(s.path, &probe.path), probe.text));
        result.change = Some(Change {
            title: format!(
                "Use the {} multi-stage Dockerfile of the catalogue",
                runtime_label(app.runtime)
            ),
            files,
        });
    }
    result
}

/// The generated Dockerfile with the project's own CMD and ENTRYPOINT in
/// place of the catalogue's, so that the image still starts the same way.
fn keep_command(s: &Subject, generated: &str) -> String {
    let own: Vec<&str> = s
        .final_instructions()
        .filter(|i| matches!(i.command, Command::Cmd { .. } | Command::Entrypoint { .. }))
        .map(|i| {
            let node = &s.parsed.nodes[i.node];
            s.text[node.span.start..node.span.end].trim_end()
        })
        .collect();
    if own.is_empty() {
        return generated.to_string();
    }
    let mut out = String::with_capacity(generated.len());
    for line in generated.lines() {
        if line.starts_with("CMD ") || line.starts_with("ENTRYPOINT ") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    for line in own {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn dockerignore(practice: &'static Practice, s: &Subject, files: &[(&str, &str)]) -> PracticeCheck {
    let candidates = [
        sibling(s.path, ".dockerignore"),
        format!("{}.dockerignore", s.path),
    ];
    if files.iter().any(|(p, _)| candidates.iter().any(|c| c == p)) {
        return check(
            practice,
            Status::Followed,
            "A .dockerignore filters the build context.",
        );
    }
    let mut result = check(
        practice,
        Status::Missed,
        "No .dockerignore: `COPY` sees everything, .git and .env included.",
    );
    result.change = Some(Change {
        title: format!(
            "Add a .dockerignore for {}",
            s.runtime.map_or("any project", runtime_label)
        ),
        files: vec![(
            candidates[0].clone(),
            runtime::dockerignore(s.runtime.unwrap_or("generic")).text,
        )],
    });
    result
}

/// Commands that install a project's dependencies from its manifests.
fn installs_dependencies(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        matches!(
            w,
            ["npm", "ci"]
                | ["npm", "install"]
                | ["npm", "i"]
                | ["yarn", "install"]
                | ["pnpm", "install"]
                | ["pnpm", "i"]
                | ["poetry", "install"]
                | ["uv", "sync"]
                | ["mod", "download"]
                | ["bundle", "install"]
                | ["composer", "install"]
                | ["dependency:go-offline", _]
        )
    }) || words
        .windows(3)
        .any(|w| matches!(w, ["pip", "install", "-r"] | ["pip3", "install", "-r"]))
        || words.last() == Some(&"dependency:go-offline")
}

fn copies_whole_context(instruction: &Instruction) -> Option<&str> {
    match &instruction.command {
        Command::Copy { sources, dest } if instruction.flag("from").is_none() => sources
            .iter()
            .any(|s| matches!(s.value.as_str(), "." | "./"))
            .then_some(dest.value.as_str()),
        _ => None,
    }
}

fn layer_order(practice: &'static Practice, s: &Subject) -> PracticeCheck {
    let mut installs = 0;
    for stage in &s.parsed.stages {
        let mut copy_all: Option<&Instruction> = None;
        for &index in &stage.instructions {
            let instruction = &s.parsed.instructions[index];
            if copy_all.is_none() && copies_whole_context(instruction).is_some() {
                copy_all = Some(instruction);
            }
            let Command::Run { args, .. } = &instruction.command else {
                continue;
            };
            let words: Vec<&str> = args
                .iter()
                .flat_map(|a| a.value.split_whitespace())
                .collect();
            if !installs_dependencies(&words) {
                continue;
            }
            installs += 1;
            if let Some(copy) = copy_all {
                let mut result = check(
                    practice,
                    Status::Missed,
                    format!(
                        "Line {}: dependencies are installed after `COPY . .`, so any source change reinstalls them.",
                        s.text[..instruction.span.start].matches('\n').count() + 1
                    ),
                );
                result.change = reorder(s, copy, instruction);
                return result;
            }
        }
    }
    if installs == 0 {
        return check(
            practice,
            Status::NotApplicable,
            "No dependency install found (npm ci, pip install -r, go mod download, …).",
        );
    }
    check(
        practice,
        Status::Followed,
        "Dependencies are installed before the sources are copied.",
    )
}

/// Moves the install before the whole-context copy, with the manifests
/// copied first.
fn reorder(s: &Subject, copy: &Instruction, install: &Instruction) -> Option<Change> {
    let manifests = match s.package_manager? {
        "npm" => "package.json package-lock.json",
        "pnpm" => "package.json pnpm-lock.yaml",
        "yarn" => "package.json yarn.lock",
        "pip" => "requirements.txt",
        "poetry" => "pyproject.toml poetry.lock",
        "uv" => "pyproject.toml uv.lock",
        "go" => "go.mod go.sum",
        "maven" => "pom.xml",
        _ => return None,
    };
    let dest = copies_whole_context(copy)?;
    let dest = if dest.ends_with('/') {
        dest.to_string()
    } else {
        format!("{dest}/")
    };
    let copy_start = line_start(s.text, s.parsed.nodes[copy.node].span.start);
    let install_node = &s.parsed.nodes[install.node];
    let install_start = line_start(s.text, install_node.span.start);
    let install_end = line_end(s.text, install_node.span.end);
    let install_text = &s.text[install_start..install_end];
    let mut out = String::with_capacity(s.text.len() + 64);
    out.push_str(&s.text[..copy_start]);
    out.push_str(&format!("COPY {manifests} {dest}\n"));
    out.push_str(install_text);
    if !install_text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&s.text[copy_start..install_start]);
    out.push_str(&s.text[install_end..]);
    Some(Change {
        title: "Copy the manifests and install before copying the sources".into(),
        files: vec![(s.path.to_string(), out)],
    })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    if at > 0 && text.as_bytes()[at - 1] == b'\n' {
        return at;
    }
    text[at..].find('\n').map_or(text.len(), |n| at + n + 1)
}

fn healthcheck(practice: &'static Practice, s: &Subject, files: &[(&str, &str)]) -> PracticeCheck {
    let in_image = s
        .final_instructions()
        .any(|i| matches!(&i.command, Command::Healthcheck(h) if h.command.is_some()));
    if in_image {
        return check(
            practice,
            Status::Followed,
            "The image declares a HEALTHCHECK.",
        );
    }
    let in_compose = files.iter().any(|(path, text)| {
        FileKind::from_name(base_name(path)) == Some(FileKind::Compose)
            && crate::yaml::parse(text).root.is_some_and(|root| {
                root.get("services")
                    .map(crate::yaml::Node::entries)
                    .unwrap_or_default()
                    .iter()
                    .any(|e| e.value.get("build").is_some() && e.value.get("healthcheck").is_some())
            })
    });
    if in_compose {
        return check(
            practice,
            Status::Followed,
            "The compose service built from the Dockerfile has a healthcheck.",
        );
    }
    let mut result = check(
        practice,
        Status::Missed,
        "No HEALTHCHECK: Docker only knows the process is running, not that it answers.",
    );
    // Interpreted runtimes run a script from the context; compiled ones
    // need the probe built, which the multi-stage pattern does.
    let Some(app) = s.app().filter(|a| matches!(a.runtime, "node" | "python")) else {
        return result;
    };
    let probe = app.health_script();
    let (probe_path, command) = if app.runtime == "node" {
        ("healthcheck.cjs", r#"["node", "healthcheck.cjs"]"#)
    } else {
        ("healthcheck.py", r#"["python", "healthcheck.py"]"#)
    };
    let copies_all = s
        .final_instructions()
        .any(|i| copies_whole_context(i).is_some());
    let workdir_set = s
        .final_instructions()
        .any(|i| matches!(i.command, Command::Workdir { .. }));
    let mut lines = String::new();
    if !copies_all {
        lines.push_str(&format!(
            "COPY {probe_path} {}\n",
            if workdir_set { "./" } else { "/" }
        ));
    }
    let script = if copies_all || workdir_set {
        probe_path.to_string()
    } else {
        format!("/{probe_path}")
    };
    let command = command.replace(probe_path, &script);
    lines.push_str(&format!(
        "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD {command}\n"
    ));
    result.change = Some(Change {
        title: format!(
            "Add a HEALTHCHECK running {probe_path} (probes {} on port {})",
            app.health_path, app.port
        ),
        files: vec![
            (s.path.to_string(), s.with_lines(&lines)),
            (sibling(s.path, &probe.path), probe.text),
        ],
    });
    result
}

fn non_root(practice: &'static Practice, s: &Subject) -> PracticeCheck {
    let last_user = s.final_instructions().filter_map(|i| match &i.command {
        Command::User { user } => Some(user.value.as_str()),
        _ => None,
    });
    let last_user = last_user.last();
    if let Some(user) = last_user {
        let name = user.split(':').next().unwrap_or_default();
        if name != "root" && name != "0" {
            return check(
                practice,
                Status::Followed,
                format!("The image runs as `{user}`."),
            );
        }
    }
    let base = s
        .parsed
        .stages
        .last()
        .map(|st| st.base.to_lowercase())
        .unwrap_or_default();
    let lines = if base.starts_with("node:") || base == "node" {
        "USER 1000:1000\n".to_string()
    } else if base.contains("distroless") {
        "USER 65532:65532\n".to_string()
    } else if base.contains("alpine") {
        "RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n"
            .to_string()
    } else if base == "scratch" {
        "USER 65532:65532\n".to_string()
    } else {
        "RUN groupadd --gid 10001 app && useradd --no-log-init --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n".to_string()
    };
    let mut result = check(
        practice,
        Status::Missed,
        if last_user.is_some() {
            "The image's last USER is root."
        } else {
            "No USER: the image runs as root."
        },
    );
    result.change = Some(Change {
        title: "Run as an unprivileged user".into(),
        files: vec![(s.path.to_string(), s.with_lines(&lines))],
    });
    result
}

fn runtime_label(runtime: &str) -> &'static str {
    match runtime {
        "node" => "Node.js",
        "python" => "Python",
        "go" => "Go",
        "rust" => "Rust",
        "java" => "Java",
        _ => "your stack",
    }
}
