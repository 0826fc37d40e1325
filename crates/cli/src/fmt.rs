//! `dockwright fmt`: Dockerfiles and compose files rewritten in the
//! project's style (`dockwright_core::format`), in place, or checked
//! (`--check`: exit 1 when a file would change) or shown as a unified diff
//! (`--diff`). The kind comes from the file's name (`--kind` for standard
//! input, a Dockerfile by default). A Dockerfile's continuation lines are
//! indented as the `.editorconfig` that applies to the file says
//! (`indent_style`, `indent_size`), else by 4 spaces; compose files always
//! take two spaces a level. A file with a syntax error is left unchanged,
//! with the reason.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use dockwright_core::format::dockerfile::Options;
use dockwright_core::format::{compose, dockerfile};
use dockwright_core::FileKind;

use super::{read_stdin, read_text, Failure};

pub fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let mut check = false;
    let mut diff = false;
    let mut paths = Vec::new();
    let mut stdin_kind = FileKind::Dockerfile;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--diff" => diff = true,
            "--kind" => {
                stdin_kind = match args.next().map(String::as_str) {
                    Some("dockerfile") => FileKind::Dockerfile,
                    Some("compose") => FileKind::Compose,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--kind is dockerfile or compose, not '{}'",
                            other.unwrap_or("")
                        )))
                    }
                }
            }
            "-" => paths.push(arg.as_str()),
            option if option.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option '{option}' for fmt")))
            }
            path => paths.push(path),
        }
    }
    if paths.is_empty() {
        return Err(Failure::Usage(
            "fmt takes the Dockerfiles and compose files to format, or - for standard input".into(),
        ));
    }
    let mut out = io::stdout().lock();
    let (mut changed, mut unchanged, mut refused) = (0, 0, 0);
    for path in paths {
        let (name, text) = if path == "-" {
            ("-".to_string(), read_stdin()?)
        } else {
            (path.to_string(), read_text(Path::new(path))?)
        };
        let base = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = if path == "-" {
            stdin_kind
        } else {
            FileKind::guess(&base)
        };
        let result = match kind {
            FileKind::Dockerfile => {
                let options = if path == "-" {
                    Options::default()
                } else {
                    editorconfig(Path::new(path))
                };
                dockerfile::format(&text, &options)
            }
            FileKind::Compose => compose::format(&text),
            FileKind::DockerIgnore | FileKind::Env => {
                eprintln!(
                    "{name}: only Dockerfiles and compose files are formatted; left unchanged"
                );
                refused += 1;
                continue;
            }
        };
        let formatted = match result {
            Ok(formatted) => formatted,
            Err(refusal) => {
                eprintln!("{name}: not formatted: {}", refusal.message);
                refused += 1;
                continue;
            }
        };
        if formatted == text {
            unchanged += 1;
            if path == "-" && !check && !diff {
                write!(out, "{formatted}")?;
            }
            continue;
        }
        changed += 1;
        if diff {
            write!(
                out,
                "{}",
                dockwright_core::diff::unified(&text, &formatted, &name, &name, 3)
            )?;
        } else if check {
            writeln!(out, "{name}: would be reformatted")?;
        } else if path == "-" {
            write!(out, "{formatted}")?;
        } else {
            std::fs::write(path, &formatted)
                .map_err(|e| Failure::Io(format!("cannot write {name}: {e}")))?;
        }
    }
    out.flush()?;
    let verb = if check || diff {
        "would be reformatted"
    } else {
        "reformatted"
    };
    eprintln!("{changed} file(s) {verb}, {unchanged} already formatted, {refused} left unchanged");
    Ok(if refused > 0 || ((check || diff) && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The indentation `.editorconfig` gives the file: the nearest file's
/// matching sections, the last setting winning, as EditorConfig reads them
/// (a `root = true` file ends the search).
fn editorconfig(path: &Path) -> Options {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut style: Option<String> = None;
    let mut size: Option<usize> = None;
    let mut dir = absolute.parent();
    // Nearer files win: read them from the nearest outwards, keeping the first value found.
    while let Some(current) = dir {
        if let Ok(text) = std::fs::read_to_string(current.join(".editorconfig")) {
            let (root, found_style, found_size) = settings_for(&text, &name);
            style = style.or(found_style);
            size = size.or(found_size);
            if root {
                break;
            }
        }
        dir = current.parent();
    }
    match style.as_deref() {
        Some("tab") => Options {
            indent: "\t".into(),
        },
        _ => Options {
            indent: " ".repeat(size.unwrap_or(4).clamp(1, 16)),
        },
    }
}

/// `(root, indent_style, indent_size)` of one `.editorconfig` for a file name.
fn settings_for(text: &str, name: &str) -> (bool, Option<String>, Option<usize>) {
    let mut root = false;
    let mut applies = false;
    let mut in_preamble = true;
    let (mut style, mut size) = (None, None);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_preamble = false;
            applies = glob_matches(section, name);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let (key, value) = (
            key.trim().to_ascii_lowercase(),
            value.trim().to_ascii_lowercase(),
        );
        if in_preamble && key == "root" {
            root = value == "true";
        } else if applies && key == "indent_style" {
            style = Some(value);
        } else if applies && key == "indent_size" {
            size = value.parse().ok();
        }
    }
    (root, style, size)
}

/// EditorConfig's globs on a file name: `*`, `?`, `{a,b}`; a pattern with
/// a `/` matches the path's end (the name is all that is compared).
fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern = pattern.rsplit('/').next().unwrap_or(pattern);
    if let (Some(open), Some(close)) = (pattern.find('{'), pattern.find('}')) {
        if open < close {
            let (before, after) = (&pattern[..open], &pattern[close + 1..]);
            return pattern[open + 1..close]
                .split(',')
                .any(|choice| glob_matches(&format!("{before}{choice}{after}"), name));
        }
    }
    fn matches(p: &[u8], n: &[u8]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some(b'*'), _) => matches(&p[1..], n) || (!n.is_empty() && matches(p, &n[1..])),
            (Some(b'?'), Some(_)) => matches(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => matches(&p[1..], &n[1..]),
            _ => false,
        }
    }
    matches(pattern.as_bytes(), name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editorconfig_sections_and_globs() {
        let text = "root = true\n[*]\nindent_size = 2\n[{Dockerfile,*.Dockerfile}]\nindent_style = tab\n[*.md]\nindent_size = 8\n";
        assert_eq!(
            settings_for(text, "Dockerfile"),
            (true, Some("tab".into()), Some(2))
        );
        assert_eq!(
            settings_for(text, "api.Dockerfile"),
            (true, Some("tab".into()), Some(2))
        );
        assert_eq!(settings_for(text, "README.md"), (true, None, Some(8)));
        assert!(glob_matches("Dockerfile*", "Dockerfile.dev"));
        assert!(!glob_matches("*.yaml", "Dockerfile"));
    }
}
