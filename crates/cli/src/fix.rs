//! `dockwright fix`: each file is fixed on its own (the fixable rules look
//! at one file), with the settings found as `lint` finds them.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use dockwright_core::{lint_with, FileKind};

use crate::args::FixArgs;
use crate::{load_settings, project_dir, read_text, Failure};

pub fn run(args: &FixArgs) -> Result<ExitCode, Failure> {
    let FixArgs {
        paths,
        dry_run,
        only,
        config,
        kind,
    } = args;
    let kind = kind.map(FileKind::from);
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::Usage(
            "fix changes files in place; it does not read standard input".into(),
        ));
    }
    let settings = load_settings(config.as_deref())?;
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    for path in paths {
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
        if *dry_run {
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
