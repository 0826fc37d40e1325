//! `dockwright fmt`: Dockerfiles and compose files rewritten in the
//! project's style (`dockwright_core::format`), in place, or checked
//! (`--check`: exit 1 when a file would change) or shown as a unified diff
//! (`--diff`). The kind comes from the file's name (`--kind` for standard
//! input, a Dockerfile by default). A Dockerfile's continuation lines are
//! indented as the settings file says (`continuation-indent`), else as the
//! `.editorconfig` that applies to the file says (`indent_style`,
//! `indent_size`), else by 4 spaces: the tool's own setting is the most
//! specific choice; compose files always
//! take two spaces a level. A file with a syntax error is left unchanged,
//! with the reason.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use dockwright_core::format::dockerfile;
use dockwright_core::format::dockerfile::Options;
use dockwright_core::format::editorconfig::Indentation;
use dockwright_core::lint::format_compose;
use dockwright_core::FileKind;

use crate::args::FmtArgs;
use crate::{read_stdin, read_text, Failure};

pub fn run(args: &FmtArgs) -> Result<ExitCode, Failure> {
    let FmtArgs {
        paths,
        check,
        diff,
        config,
        kind,
    } = args;
    let (check, diff) = (*check, *diff);
    let stdin_kind = FileKind::from(*kind);
    let settings = super::load_settings(config.as_deref())?;
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
                let options = match &settings.continuation_indent {
                    Some(indent) => Options {
                        indent: indent.clone(),
                    },
                    None if path == "-" => Options::default(),
                    None => editorconfig(Path::new(path)),
                };
                dockerfile::format(&text, &options)
            }
            FileKind::Compose => format_compose(&text, &settings),
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
    let mut texts = Vec::new();
    let mut dir = absolute.parent();
    while let Some(current) = dir {
        if let Ok(text) = std::fs::read_to_string(current.join(".editorconfig")) {
            let root = Indentation::read(&text, &name).root;
            texts.push(text);
            if root {
                break;
            }
        }
        dir = current.parent();
    }
    Indentation::nearest_first(texts.iter().map(String::as_str), &name)
        .step()
        .map_or_else(Options::default, |indent| Options { indent })
}
