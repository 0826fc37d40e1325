use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3027",
        aliases: &[],
        summary: "Use apt-get or apt-cache, not apt",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags commands run with `apt`.

## Why is this bad?
`apt` is meant for people at a terminal: its output and behaviour may change between releases and it warns that it has no stable CLI.

## Example
```dockerfile
RUN apt install -y curl
```

## Use instead
```dockerfile
RUN apt-get install -y --no-install-recommends curl
```

## References
- hadolint `DL3027`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() == Some("apt") {
                out.push(Finding::new(
                    command.words[0].span,
                    "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
                ));
            }
        }
    }
}
