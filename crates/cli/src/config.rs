//! `dockwright config`: the model Docker Compose will run, printed as
//! `docker compose config` prints it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dockwright_core::compose::{output, resolve};
use dockwright_core::lint::{config, ConfigHost};
use dockwright_core::project::{Project, ProjectFile};
use dockwright_core::{LineIndex, Settings, Severity};

use crate::args::{ConfigArgs, ConfigFormat};
use crate::{active_profiles, project_dir, read_text, Failure};

pub fn run(options: &ConfigArgs) -> Result<ExitCode, Failure> {
    let dir = match (&options.dir, options.compose_files.first()) {
        (Some(dir), _) => dir.clone(),
        (None, Some(first)) => first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        (None, None) => PathBuf::from("."),
    };
    let absolute = std::fs::canonicalize(&dir)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", dir.display())))?;
    let mut project_dir = project_dir::read(&dir, |p| read_text(p).ok());
    let relative = |path: &Path| -> String {
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        full.strip_prefix(&absolute)
            .unwrap_or(&full)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut compose_files = Vec::new();
    for path in &options.compose_files {
        let name = relative(path);
        if !project_dir.files.iter().any(|(p, _)| *p == name) {
            project_dir.files.push((name.clone(), read_text(path)?));
        }
        compose_files.push(name);
    }
    let mut env_files = Vec::new();
    for path in &options.env_file {
        let text = read_text(path)
            .map_err(|_| Failure::Io(format!("couldn't find env file: {}", path.display())))?;
        let name = relative(path);
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
    let env: Vec<&str> = env_files.iter().map(String::as_str).collect();
    let host: Vec<(String, String)> = std::env::vars().collect();
    let project = Project {
        files: &files,
        listing: Some(&project_dir.listing),
        compose_files: &compose,
        host_environment: Some(&host),
        env_files: &env,
    };
    let settings = Settings {
        profiles: active_profiles(&options.profile),
        ..Settings::default()
    };
    let name = options.project_name.clone().or_else(|| {
        std::env::var("COMPOSE_PROJECT_NAME")
            .ok()
            .filter(|n| !n.is_empty())
    });
    let home = std::env::var("HOME").ok();
    let project_dir_text = absolute.to_string_lossy().replace('\\', "/");
    let host = ConfigHost {
        project_name: name.as_deref(),
        project_dir: &project_dir_text,
        home: home.as_deref(),
    };
    let resolved = config(&project, &settings, &host);
    let Some(model) = resolved.model else {
        let mut errors = std::io::stderr().lock();
        let mut any = false;
        for (report, (_, text)) in resolved.reports.iter().zip(&project_dir.files) {
            let index = LineIndex::new(text);
            for finding in report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
            {
                let at = index.line_col(finding.span.start);
                writeln!(
                    errors,
                    "{}:{}:{}: error {}: {}",
                    report.path, at.line, at.column, finding.code, finding.message
                )?;
                any = true;
            }
        }
        if !any {
            writeln!(errors, "dockwright: no compose file in {}", dir.display())?;
        }
        return Ok(ExitCode::from(1));
    };
    let printed = if matches!(options.format, ConfigFormat::Json) {
        output::to_json(&resolve::for_json(&model))
    } else {
        output::to_yaml(&resolve::for_yaml(&model))
    };
    let mut out = std::io::stdout().lock();
    out.write_all(printed.text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
