use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3003",
        aliases: &[],
        summary: "Use WORKDIR to switch directories",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `cd` in RUN commands. Unlike hadolint, a `cd` inside a `( … )`
 subshell is accepted: it cannot leak into later commands.

## Why is this bad?
A `cd` lasts only for its RUN; the next instruction starts in the WORKDIR again, which surprises readers. WORKDIR states the directory once and for all.

## Example
```dockerfile
RUN cd /app && npm ci
```

## Use instead
```dockerfile
WORKDIR /app
RUN npm ci
```

## References
- hadolint `DL3003`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() == Some("cd") && !command.in_subshell {
                out.push(Finding::new(
                    command.span,
                    "Use WORKDIR to switch to a directory",
                ));
            }
        }
    }
}
