use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3004",
        aliases: &[],
        summary: "Do not use sudo",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `sudo` in RUN commands.

## Why is this bad?
Build steps already run as the current `USER`; `sudo` adds a setuid binary, needs a TTY or configuration, and behaves unpredictably. Switch users with `USER` (or `gosu` in entrypoints).

## Example
```dockerfile
RUN sudo apt-get update
```

## Use instead
```dockerfile
USER root
RUN apt-get update
```

## References
- hadolint `DL3004`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() == Some("sudo") {
                out.push(Finding::new(
                    command.words[0].span,
                    "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root",
                ));
            }
        }
    }
}
