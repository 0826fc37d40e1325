//! `dockwright pattern`: the catalogue of proven setups, listed, shown
//! with their line notes, or rendered into a folder.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use dockwright_core::patterns::{self, ParamKind};

use crate::args::PatternCommand;
use crate::Failure;

/// `dockwright pattern …`.
pub fn run(command: &PatternCommand) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    let find = |name: &str| {
        patterns::find(name).ok_or_else(|| {
            let ids: Vec<&str> = patterns::CATALOGUE.iter().map(|p| p.id).collect();
            Failure::Usage(format!(
                "no pattern '{name}'; the patterns are {}",
                ids.join(", ")
            ))
        })
    };
    match command {
        PatternCommand::List => {
            for pattern in patterns::CATALOGUE {
                writeln!(
                    out,
                    "{:<14} {}\n{:<14} {}",
                    pattern.id, pattern.title, "", pattern.summary
                )?;
            }
        }
        PatternCommand::Show { name } => {
            let pattern = find(name)?;
            writeln!(
                out,
                "# {}\n\n{}\n\n{}\n",
                pattern.title, pattern.summary, pattern.when
            )?;
            if !pattern.differs.is_empty() {
                writeln!(
                    out,
                    "## Where it differs from the classic tutorial version\n"
                )?;
                for difference in pattern.differs {
                    writeln!(out, "- {difference}")?;
                }
                writeln!(out)?;
            }
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
        PatternCommand::Render {
            name,
            set,
            out: out_dir,
            force,
        } => {
            let pattern = find(name)?;
            let mut given: Vec<(String, String)> = Vec::new();
            for pair in set {
                let (key, value) = pair.split_once('=').ok_or_else(|| {
                    Failure::Usage(format!("--set takes KEY=VALUE, not '{pair}'"))
                })?;
                given.push((key.trim().to_string(), value.to_string()));
            }
            let pairs: Vec<(&str, &str)> = given
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let files = pattern
                .render_with(&pairs)
                .map_err(|e| Failure::Usage(format!("pattern {}: {e}", pattern.id)))?;
            write_files(out_dir, &files, *force)?;
            for file in &files {
                writeln!(out, "wrote {}", out_dir.join(&file.path).display())?;
            }
        }
        PatternCommand::Matrix { out: out_dir } => {
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
