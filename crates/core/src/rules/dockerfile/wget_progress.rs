use crate::diagnostic::Severity;
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
Flags `wget` without `--progress=…`, `-q`/`--quiet` or `-nv`/`--no-verbose`.

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
            if !command.has_flag(&["-q", "--quiet", "-nv", "--no-verbose", "--progress"]) {
                out.push(Finding::new(
                    command.span,
                    "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
                ));
            }
        }
    }
}
