use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3047",
        aliases: &[],
        summary: "Quiet wget's progress bar",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `wget` without `--progress=…`, `-q`/`--quiet` or `-nv`/`--no-verbose`; `wget` that logs to a file (`-o`/`--output-file`, `-a`/`--append-output`) keeps its progress out of the build log and is accepted.

Quick fix: adds `--progress=dot:giga` after `wget` (shell form only).

## Why is this bad?
wget's default progress bar writes a line per percent to the build log, burying the output that matters.

## Example
```dockerfile
RUN wget https://example.com/tool.tar.gz
```

## Use instead
```dockerfile
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
```

## References
- hadolint `DL3047`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() != Some("wget") {
                continue;
            }
            // Quiet, or logging to a file: no progress bar floods the build log.
            let quiet = command.has_flag(&[
                "-q",
                "--quiet",
                "-nv",
                "--no-verbose",
                "--progress",
                "-o",
                "--output-file",
                "-a",
                "--append-output",
            ]);
            if !quiet {
                let finding = Finding::new(
                    command.span,
                    "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
                );
                // In exec form the word is a JSON string: no fix there.
                let json = matches!(
                    ctx.instruction(run).command,
                    crate::dockerfile::Command::Run { json: true, .. }
                );
                let word = &command.words[0];
                out.push(if json {
                    finding
                } else {
                    finding.with_fix(Fix::new(
                        "Add `--progress=dot:giga`",
                        vec![Edit::insert(word.span.end, " --progress=dot:giga")],
                    ))
                });
            }
        }
    }
}
