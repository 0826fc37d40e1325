//! `dockwright parse` (how BuildKit reads a Dockerfile) and `dockwright
//! rules` (the rules and their docs).

use std::io::{self, Write};
use std::process::ExitCode;

use dockwright_core::LineIndex;

use crate::args::{ParseArgs, RulesArgs};
use crate::{read_text, Failure};

pub fn parse(args: &ParseArgs) -> Result<ExitCode, Failure> {
    let path = args.file.as_path();
    let text = read_text(path)?;
    let parsed = dockwright_core::dockerfile::parse(&text);
    let index = LineIndex::new(&text);
    let mut out = io::stdout().lock();
    if args.lines {
        for node in &parsed.nodes {
            writeln!(out, "{} {}", node.start_line, node.end_line)?;
        }
    } else if args.reading {
        for node in &parsed.nodes {
            writeln!(out, "{}", reading(node))?;
        }
    } else if args.shell {
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

pub fn rules(args: &RulesArgs) -> Result<ExitCode, Failure> {
    use dockwright_core::rules::registry;
    let mut out = io::stdout().lock();
    match (&args.code, args.ids, args.json) {
        (None, false, false) => {
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
        (_, _, true) => {
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
        (_, true, _) => {
            for meta in registry::all() {
                writeln!(out, "{}", meta.code)?;
                for alias in meta.aliases {
                    writeln!(out, "{alias}")?;
                }
            }
        }
        (Some(id), _, _) => {
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
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
