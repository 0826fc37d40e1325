//! `dockwright`: argument parsing and output formats only; the engine is
//! `dockwright-core`.

mod config;
mod fmt;
mod lsp;
mod output;
mod project_dir;

use output::Format;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockwright_core::lint::lint_project;
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{lint_with, Diagnostic, FileKind, LineIndex, Settings, Severity};
use serde::Serialize;

const USAGE: &str = "\
usage: dockwright lint [--format text|json|sarif|github|checkstyle] [--failure-threshold LEVEL]\n                       [--ignore CODE]... [--config FILE] [--kind dockerfile|compose]\n                       [-f COMPOSE_FILE]... [--profile NAME]... [--env-file FILE]... PATH...|-
       dockwright fix [--dry-run] [--only CODE]... [--config FILE] [--kind dockerfile|compose] PATH...
       dockwright fmt [--check] [--diff] [--config FILE] [--kind dockerfile|compose] PATH...|-
       dockwright pattern list | show NAME | render NAME [--set KEY=VALUE]... --out DIR [--force]
       dockwright pattern matrix --out DIR
       dockwright parse --dump|--reading|--lines|--shell FILE
       dockwright lsp [--stdio]
       dockwright rules [CODE | --ids | --json]
       dockwright config [--format yaml|json] [-f COMPOSE_FILE]... [--env-file FILE]...
                         [--profile NAME]... [-p NAME] [DIR]

lint    Lints Dockerfiles and compose files; - reads standard input (a
        Dockerfile, or what --kind says). A directory is linted as a project:
        its Dockerfiles, compose files (compose.yaml merged with
        compose.override.yaml, as Docker Compose does) and .dockerignore files,
        with the checks across them. -f names the compose files to merge, in
        order (as docker compose -f), and lints their directory as a project.
        A Dockerfile named alone is checked against the .dockerignore beside
        it. --failure-threshold (error, warning, info, style, none; default
        error) sets which findings make the exit status 1; --ignore drops a
        rule by code or alias; --config names a settings file (else
        .dockwright.yaml, dockwright.yaml or .hadolint.yaml here, then
        hadolint's user config); --profile activates a compose profile (as
        docker compose --profile; else COMPOSE_PROFILES): services in no
        active profile do not run, so they clash with no other service.
        Variables in compose files are interpolated as Docker Compose does
        when the project has its .env (or --env-file names env files, read
        in order): the shell's variables first, then the files'; an unset
        variable is a warning and becomes blank, a required one is an error.
        Without an env file, variables are left undecided.
fix     Applies the safe quick fixes to the files (a directory: its
        Dockerfiles and compose files) and says what it changed; a fix that
        would add an error is not applied. --dry-run changes nothing and
        prints the changes as a unified diff; --only keeps the fixes of the
        named rules (code or alias).
pattern list prints the catalogue; show prints a pattern's purpose, its
        parameters and its files with their line notes; render writes its
        files under DIR (refusing to overwrite a file unless --force), with
        parameters set by --set; matrix writes every combination of every
        pattern under DIR/PATTERN/N/, to check them with other tools.
fmt     Rewrites Dockerfiles and compose files in place in one style.
        Dockerfiles: keywords upper-cased, one space between keyword, flags
        and arguments, continuation lines indented by the settings file's
        continuation-indent (a number of spaces or tab; --config names the
        file, else it is found as for lint), else the .editorconfig's
        indent_style/indent_size, else 4 spaces, exec form as [\"a\", \"b\"],
        one blank line before each stage, no trailing spaces; heredoc bodies
        and quoted strings are never touched. Compose files: two spaces a
        level, sequences indented under their key, one space after - and :;
        scalars, quotes, comments, anchors and key order are kept. Only
        blanks the reader ignores move. - formats standard input to standard
        output (a Dockerfile, or what --kind says). --check lists the files
        that would change and exits 1 if any; --diff prints the changes as a
        unified diff. A file with a syntax error is left unchanged, with the
        reason (exit 1).
lsp     Runs the language server (LSP 3.17 over standard input and output):
        diagnostics as documents change, quick fixes and ignore actions,
        formatting, completion, hover, go to definition, references, rename
        and the outline, for Dockerfiles and compose files; settings from the
        workspace root's dockwright.yaml or .hadolint.yaml.
parse   --dump prints BuildKit's AST dump of a Dockerfile; --reading prints
        all BuildKit reads of each instruction as JSON lines (keyword, flags,
        arguments, exec form or not, heredoc bodies, ONBUILD's trigger);
        --lines prints each instruction's first and last line; --shell prints each shell
        script the shell checks read (JSON lines: the instruction's first
        line, the dialect, the variables set before it, the script's text).
rules   Lists the rules; with a rule's code or alias, prints its docs;
        --ids prints every code and alias, one per line; --json prints every
        rule with its docs as JSON.

config  Prints the model Docker Compose will run for the project in DIR
        (default: here): the compose files merged (-f FILE names them, in
        order), include and extends applied, variables interpolated (the
        shell's, then .env or each --env-file), short syntax expanded,
        services of inactive profiles (--profile NAME, else
        COMPOSE_PROFILES) left out, as `docker compose config` prints it:
        --format yaml (default) or json. -p NAME sets the project name (else
        COMPOSE_PROJECT_NAME, the file's name:, the directory's name). When
        Docker Compose would refuse the files, prints why and exits 1.

Exit status: 0 no errors, 1 errors found, 2 usage or IO error.";

fn main() -> ExitCode {
    match try_main(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("dockwright: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("dockwright: {message}");
            ExitCode::from(2)
        }
    }
}

pub(crate) enum Failure {
    Usage(String),
    Io(String),
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Io(error.to_string())
        }
    }
}

fn try_main(args: Vec<String>) -> Result<ExitCode, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match command.as_str() {
        "lint" => run_lint(rest),
        "config" => config::run(rest),
        "fix" => run_fix(rest),
        "fmt" => fmt::run(rest),
        "lsp" => lsp::run(rest),
        "pattern" => run_pattern(rest),
        "parse" => run_parse(rest),
        "rules" => run_rules(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::Usage(format!("unknown command '{other}'"))),
    }
}

/// Options of `dockwright lint`.
struct LintOptions {
    format: Format,
    /// `None` until given on the command line; `Some(None)` is "none".
    failure_threshold: Option<Option<Severity>>,
    config: Option<PathBuf>,
    ignored: Vec<String>,
    paths: Vec<PathBuf>,
    /// `--kind`: what standard input and named files are.
    kind: Option<FileKind>,
    /// `-f`: compose files to merge, in order.
    compose_files: Vec<PathBuf>,
    /// `--profile`: compose profiles to activate.
    profiles: Vec<String>,
    /// `--env-file`: the env files interpolation reads, in order.
    env_files: Vec<PathBuf>,
}

fn parse_lint_options(args: &[String]) -> Result<LintOptions, Failure> {
    let mut options = LintOptions {
        format: Format::Text,
        failure_threshold: None,
        config: None,
        ignored: Vec::new(),
        profiles: Vec::new(),
        env_files: Vec::new(),
        paths: Vec::new(),
        kind: None,
        compose_files: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, Failure> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => iter
                    .next()
                    .cloned()
                    .ok_or_else(|| Failure::Usage(format!("{name} needs a value"))),
            }
        };
        match name {
            "--format" => {
                let v = value(name)?;
                options.format = Format::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!(
                        "unknown format '{v}' (use text, json, sarif, github or checkstyle)"
                    ))
                })?;
            }
            "--failure-threshold" => {
                let v = value(name)?;
                options.failure_threshold = Some(match v.as_str() {
                    "error" => Some(Severity::Error),
                    "warning" => Some(Severity::Warning),
                    "info" => Some(Severity::Info),
                    "style" => Some(Severity::Style),
                    "none" => None,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown failure threshold '{other}' (use error, warning, info, style or none)"
                        )))
                    }
                });
            }
            "--ignore" => options.ignored.push(value(name)?),
            "--profile" => options.profiles.push(value(name)?),
            "--env-file" => options.env_files.push(PathBuf::from(value(name)?)),
            "--config" => options.config = Some(PathBuf::from(value(name)?)),
            "--kind" => {
                let v = value(name)?;
                options.kind = Some(match v.as_str() {
                    "dockerfile" => FileKind::Dockerfile,
                    "compose" => FileKind::Compose,
                    other => {
                        return Err(Failure::Usage(format!(
                            "unknown kind '{other}' (use dockerfile or compose)"
                        )))
                    }
                });
            }
            "-f" | "--file" => options.compose_files.push(PathBuf::from(value(name)?)),
            "-" => options.paths.push(PathBuf::from("-")),
            a if a.starts_with('-') => return Err(Failure::Usage(format!("unknown option '{a}'"))),
            _ => options.paths.push(PathBuf::from(arg)),
        }
    }
    if options.paths.is_empty() && options.compose_files.is_empty() {
        return Err(Failure::Usage(
            "lint needs at least one PATH (or - for standard input)".into(),
        ));
    }
    Ok(options)
}

fn run_lint(args: &[String]) -> Result<ExitCode, Failure> {
    let options = parse_lint_options(args)?;
    let mut settings = load_settings(options.config.as_deref())?;
    settings.profiles = active_profiles(&options.profiles);
    let targets = collect_targets(&options)?;
    let mut records = Vec::new();
    let mut file_count = 0;
    let keep = |d: &Diagnostic| {
        !options.ignored.iter().any(|id| {
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
                    records.push(Record::new(path, &index, diagnostic));
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
                for path in &options.env_files {
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
                        records.push(Record::new(&shown, &index, diagnostic));
                    }
                }
            }
        }
    }
    let mut out = io::stdout().lock();
    output::write(&mut out, options.format, &records, file_count)?;
    out.flush()?;
    // Severity orders error < warning < info < style: "at or above" the
    // threshold means "at most" in that order.
    let threshold = options
        .failure_threshold
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

/// `dockwright fix`: each file is fixed on its own (the fixable rules look
/// at one file), with the settings found as `lint` finds them.
fn run_fix(args: &[String]) -> Result<ExitCode, Failure> {
    let mut dry_run = false;
    let mut only: Vec<String> = Vec::new();
    let mut config = None;
    let mut kind = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--dry-run" => dry_run = true,
            "--only" => only.push(value("--only")?),
            "--config" => config = Some(PathBuf::from(value("--config")?)),
            "--kind" => {
                kind = Some(match value("--kind")?.as_str() {
                    "dockerfile" => FileKind::Dockerfile,
                    "compose" => FileKind::Compose,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--kind is dockerfile or compose, not '{other}'"
                        )))
                    }
                })
            }
            a if a.starts_with('-') && a != "-" => {
                return Err(Failure::Usage(format!("unknown option '{a}'")))
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(Failure::Usage("fix needs a file or directory".into()));
    }
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::Usage(
            "fix changes files in place; it does not read standard input".into(),
        ));
    }
    let settings = load_settings(config.as_deref())?;
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    for path in &paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))?;
        if metadata.is_dir() {
            let dir = project_dir::read(path, |_| Some(String::new()));
            for (relative, _) in dir.files {
                let name = relative.rsplit('/').next().unwrap_or(&relative).to_string();
                if let Some(k @ (FileKind::Dockerfile | FileKind::Compose)) =
                    FileKind::from_name(&name)
                {
                    files.push((path.join(relative), k));
                }
            }
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((path.clone(), kind.unwrap_or_else(|| FileKind::guess(&name))));
        }
    }
    let only_codes: Vec<&str> = only.iter().map(String::as_str).collect();
    let mut out = io::stdout().lock();
    let mut total = 0;
    for (path, kind) in files {
        let text = read_text(&path)?;
        let fixed = dockwright_core::fix::fix_text(
            &text,
            |t| lint_with(kind, t, &settings),
            (!only_codes.is_empty()).then_some(only_codes.as_slice()),
        );
        if fixed.applied.is_empty() {
            continue;
        }
        total += fixed.applied.len();
        let shown = path.display().to_string();
        if dry_run {
            let diff = dockwright_core::diff::unified(&text, &fixed.text, &shown, &shown, 3);
            out.write_all(diff.as_bytes())?;
        } else {
            std::fs::write(&path, &fixed.text)
                .map_err(|e| Failure::Io(format!("cannot write {shown}: {e}")))?;
            let mut codes = fixed.applied.clone();
            codes.sort_unstable();
            codes.dedup();
            writeln!(
                out,
                "{shown}: {} fix{} applied ({})",
                fixed.applied.len(),
                if fixed.applied.len() == 1 { "" } else { "es" },
                codes.join(", ")
            )?;
        }
    }
    if total == 0 {
        eprintln!("dockwright: nothing to fix");
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `dockwright pattern …`.
fn run_pattern(args: &[String]) -> Result<ExitCode, Failure> {
    use dockwright_core::patterns::{self, ParamKind};
    let mut out = io::stdout().lock();
    let Some((sub, rest)) = args.split_first() else {
        return Err(Failure::Usage(
            "pattern needs list, show, render or matrix".into(),
        ));
    };
    let find = |name: Option<&String>| {
        let name = name.ok_or_else(|| {
            Failure::Usage("name a pattern (see `dockwright pattern list`)".into())
        })?;
        patterns::find(name).ok_or_else(|| {
            let ids: Vec<&str> = patterns::CATALOGUE.iter().map(|p| p.id).collect();
            Failure::Usage(format!(
                "no pattern '{name}'; the patterns are {}",
                ids.join(", ")
            ))
        })
    };
    match sub.as_str() {
        "list" => {
            for pattern in patterns::CATALOGUE {
                writeln!(
                    out,
                    "{:<14} {}\n{:<14} {}",
                    pattern.id, pattern.title, "", pattern.summary
                )?;
            }
        }
        "show" => {
            let pattern = find(rest.first())?;
            writeln!(
                out,
                "# {}\n\n{}\n\n{}\n",
                pattern.title, pattern.summary, pattern.when
            )?;
            if !pattern.params.is_empty() {
                writeln!(out, "## Parameters (--set KEY=VALUE)\n")?;
            }
            for param in pattern.params {
                let values = match &param.kind {
                    ParamKind::Choice { options } => {
                        let mut seen: Vec<&str> = Vec::new();
                        for option in options.iter() {
                            if !seen.contains(&option.value) {
                                seen.push(option.value);
                            }
                        }
                        seen.join(" | ")
                    }
                    ParamKind::Port { default } => format!("a port (default {default})"),
                    ParamKind::Text { default, .. } => format!("text (default {default})"),
                };
                writeln!(
                    out,
                    "- {}: {values}\n  {} {}",
                    param.key, param.label, param.help
                )?;
            }
            let files = pattern
                .render_with(&[])
                .map_err(|e| Failure::Usage(e.to_string()))?;
            for file in files {
                writeln!(out, "\n## {}\n", file.path)?;
                for (number, line) in file.text.lines().enumerate() {
                    writeln!(out, "{:>4}  {line}", number + 1)?;
                    for (_, note) in file.notes.iter().filter(|(at, _)| *at == number + 1) {
                        writeln!(out, "      ↳ {note}")?;
                    }
                }
            }
        }
        "render" => {
            let pattern = find(rest.first())?;
            let mut given: Vec<(String, String)> = Vec::new();
            let mut out_dir = None;
            let mut force = false;
            let mut iter = rest[1..].iter();
            while let Some(arg) = iter.next() {
                match arg.as_str() {
                    "--set" => {
                        let pair = iter
                            .next()
                            .ok_or_else(|| Failure::Usage("--set needs KEY=VALUE".into()))?;
                        let (key, value) = pair.split_once('=').ok_or_else(|| {
                            Failure::Usage(format!("--set takes KEY=VALUE, not '{pair}'"))
                        })?;
                        given.push((key.trim().to_string(), value.to_string()));
                    }
                    "--out" => {
                        out_dir =
                            Some(PathBuf::from(iter.next().ok_or_else(|| {
                                Failure::Usage("--out needs a directory".into())
                            })?));
                    }
                    "--force" => force = true,
                    other => return Err(Failure::Usage(format!("unknown option '{other}'"))),
                }
            }
            let out_dir = out_dir.ok_or_else(|| Failure::Usage("render needs --out DIR".into()))?;
            let pairs: Vec<(&str, &str)> = given
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let files = pattern
                .render_with(&pairs)
                .map_err(|e| Failure::Usage(format!("pattern {}: {e}", pattern.id)))?;
            write_files(&out_dir, &files, force)?;
            for file in &files {
                writeln!(out, "wrote {}", out_dir.join(&file.path).display())?;
            }
        }
        "matrix" => {
            let out_dir = match rest {
                [flag, dir] if flag == "--out" => PathBuf::from(dir),
                _ => return Err(Failure::Usage("matrix needs --out DIR".into())),
            };
            let mut count = 0;
            for pattern in patterns::CATALOGUE {
                for (n, values) in pattern.combinations().iter().enumerate() {
                    let dir = out_dir.join(pattern.id).join(n.to_string());
                    let files = (pattern.render)(values);
                    write_files(&dir, &files, true)?;
                    let given: Vec<String> =
                        values.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    std::fs::write(dir.join(".parameters"), given.join("\n") + "\n")?;
                    count += 1;
                }
            }
            writeln!(
                out,
                "{count} combinations written under {}",
                out_dir.display()
            )?;
        }
        other => return Err(Failure::Usage(format!("unknown pattern command '{other}'"))),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes generated files under `dir`; without `force`, refuses before
/// writing anything if one of them exists.
fn write_files(
    dir: &Path,
    files: &[dockwright_core::patterns::GeneratedFile],
    force: bool,
) -> Result<(), Failure> {
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|f| dir.join(&f.path))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Failure::Io(format!(
                "not overwriting {} (use --force to replace)",
                existing.join(", ")
            )));
        }
    }
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::Io(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, &file.text)
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
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

fn collect_targets(options: &LintOptions) -> Result<Vec<Target>, Failure> {
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
                options.kind.unwrap_or(FileKind::Dockerfile),
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
        let kind = options.kind.unwrap_or_else(|| FileKind::guess(&name));
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
            && (dir.join(".env").is_file() || !options.env_files.is_empty())
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

/// Names a config file gets, in the order they are looked for in the
/// current directory; then hadolint's user-wide locations.
const CONFIG_NAMES: [&str; 5] = [
    ".dockwright.yaml",
    "dockwright.yaml",
    ".hadolint.yaml",
    ".hadolint.yml",
    "hadolint.yaml",
];

fn find_config() -> Option<PathBuf> {
    let local = CONFIG_NAMES.iter().map(PathBuf::from);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let user = [
        xdg.map(|x| x.join("hadolint.yaml")),
        home.as_ref().map(|h| h.join(".hadolint/hadolint.yaml")),
        home.as_ref().map(|h| h.join(".hadolint.yaml")),
    ];
    local
        .chain(user.into_iter().flatten())
        .find(|p| p.is_file())
}

pub(crate) fn load_settings(explicit: Option<&Path>) -> Result<Settings, Failure> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(find_config) else {
        return Ok(Settings::default());
    };
    let text = read_text(&path)?;
    Settings::from_yaml(&text).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message))
            .collect();
        Failure::Io(format!("invalid config file\n{}", lines.join("\n")))
    })
}

pub(crate) fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::stdin(), &mut bytes)
        .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn run_parse(args: &[String]) -> Result<ExitCode, Failure> {
    let [flag, file] = args else {
        return Err(Failure::Usage(
            "parse takes --dump FILE, --reading FILE, --lines FILE or --shell FILE".into(),
        ));
    };
    if !["--dump", "--reading", "--lines", "--shell"].contains(&flag.as_str()) {
        return Err(Failure::Usage(format!("unknown option '{flag}'")));
    }
    let path = Path::new(file);
    let text = read_text(path)?;
    let parsed = dockwright_core::dockerfile::parse(&text);
    let index = LineIndex::new(&text);
    let mut out = io::stdout().lock();
    if flag == "--lines" {
        for node in &parsed.nodes {
            writeln!(out, "{} {}", node.start_line, node.end_line)?;
        }
    } else if flag == "--reading" {
        for node in &parsed.nodes {
            writeln!(out, "{}", reading(node))?;
        }
    } else if flag == "--shell" {
        let settings = dockwright_core::Settings::default();
        let ctx = dockwright_core::rules::DockerfileContext::new(&text, &parsed, &settings);
        for run in ctx.shell_runs() {
            let instruction = &parsed.instructions[run.instruction];
            let line = index.line_col(instruction.span.start).line;
            for (script, dialect) in &run.scripts {
                let dialect = match dialect {
                    dockwright_core::rules::shell_scripts::Dialect::Sh => "sh",
                    dockwright_core::rules::shell_scripts::Dialect::Bash => "bash",
                };
                let row = serde_json::json!({
                    "line": line,
                    "keyword": instruction.keyword.as_str(),
                    "dialect": dialect,
                    "exported": run.exported,
                    "heredoc": script.heredoc,
                    "script": script.text,
                });
                writeln!(out, "{row}")?;
            }
        }
    } else {
        write!(out, "{}", parsed.dump())?;
    }
    out.flush()?;
    for error in &parsed.errors {
        let at = index.line_col(error.span.start);
        eprintln!(
            "{}:{}:{}: {}",
            path.display(),
            at.line,
            at.column,
            error.message
        );
    }
    Ok(if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// All BuildKit reads of an instruction, as JSON: what `--dump` prints and
/// what it leaves out (the form, the heredocs' bodies, an ONBUILD's trigger).
fn reading(node: &dockwright_core::dockerfile::Node) -> serde_json::Value {
    serde_json::json!({
        "keyword": node.keyword.value,
        "flags": node.flags.iter().map(|f| f.value.as_str()).collect::<Vec<_>>(),
        "args": node.args.iter().map(|a| a.value.as_str()).collect::<Vec<_>>(),
        "exec_form": node.json,
        "heredocs": node.heredocs.iter().map(|h| [h.name.as_str(), h.content.as_str()]).collect::<Vec<_>>(),
        "trigger": node.trigger.as_deref().map(reading),
    })
}

fn run_rules(args: &[String]) -> Result<ExitCode, Failure> {
    use dockwright_core::rules::registry;
    let mut out = io::stdout().lock();
    match args {
        [] => {
            let mut sorted: Vec<_> = registry::all().collect();
            sorted.sort_by_key(|meta| meta.code);
            for meta in sorted {
                let aliases = if meta.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", meta.aliases.join(", "))
                };
                let off = if meta.off_by_default {
                    " [off by default]"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{:<40} {:<8} {}{aliases}{off}",
                    meta.code,
                    meta.severity.as_str(),
                    meta.summary
                )?;
            }
        }
        [flag] if flag == "--json" => {
            // Every rule with its docs, for the page's rule pages.
            let list: Vec<serde_json::Value> = registry::all()
                .map(|meta| {
                    serde_json::json!({
                        "code": meta.code,
                        "aliases": meta.aliases,
                        "summary": meta.summary,
                        "severity": meta.severity.as_str(),
                        "origin": meta.origin,
                        "off_by_default": meta.off_by_default,
                        "docs": registry::docs(meta.code).unwrap_or_default(),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(list))?;
        }
        [flag] if flag == "--ids" => {
            for meta in registry::all() {
                writeln!(out, "{}", meta.code)?;
                for alias in meta.aliases {
                    writeln!(out, "{alias}")?;
                }
            }
        }
        [id] => {
            let Some(meta) = registry::find_meta(id) else {
                return Err(Failure::Usage(format!(
                    "no rule is called '{id}' (dockwright rules lists them)"
                )));
            };
            writeln!(out, "# {} — {}\n", meta.code, meta.summary)?;
            if !meta.aliases.is_empty() {
                writeln!(out, "Also known as: {}\n", meta.aliases.join(", "))?;
            }
            writeln!(out, "Default severity: {}\n", meta.severity.as_str())?;
            if meta.off_by_default {
                writeln!(
                    out,
                    "Off by default: give it a severity in the settings to switch it on.\n"
                )?;
            }
            write!(out, "{}", registry::docs(meta.code).unwrap_or_default())?;
        }
        _ => return Err(Failure::Usage("rules takes at most one rule code".into())),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
pub struct Record {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub code: &'static str,
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub message: String,
    /// The quick fix `dockwright fix` would apply, in the same positions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<RecordFix>,
}

#[derive(Serialize)]
pub struct RecordFix {
    pub title: String,
    pub edits: Vec<RecordEdit>,
}

#[derive(Serialize)]
pub struct RecordEdit {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
}

impl Record {
    fn new(path: &Path, index: &LineIndex, d: Diagnostic) -> Record {
        let start = index.line_col(d.span.start);
        let end = index.line_col(d.span.end);
        Record {
            file: path.display().to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            code: d.code,
            aliases: d.aliases,
            severity: d.severity,
            message: d.message,
            fix: d.fix.map(|fix| RecordFix {
                title: fix.title,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| {
                        let (s, t) = (index.line_col(e.span.start), index.line_col(e.span.end));
                        RecordEdit {
                            line: s.line,
                            column: s.column,
                            end_line: t.line,
                            end_column: t.column,
                            text: e.text,
                        }
                    })
                    .collect(),
            }),
        }
    }
}

/// Active compose profiles, as `docker compose` takes them: `--profile`,
/// else `COMPOSE_PROFILES`.
fn active_profiles(given: &[String]) -> Vec<String> {
    if !given.is_empty() {
        return given.to_vec();
    }
    std::env::var("COMPOSE_PROFILES")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))?;
    // BuildKit reads bytes; invalid UTF-8 is shown as U+FFFD rather than refused.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
