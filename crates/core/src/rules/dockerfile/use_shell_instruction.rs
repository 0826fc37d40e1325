use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4005",
        aliases: &[],
        summary: "Use SHELL to change the default shell",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags RUN commands that replace `/bin/sh` with a link (`ln -s /bin/bash /bin/sh`).

## Why is this bad?
Relinking `/bin/sh` changes the shell for every program in the image, not only for the Dockerfile's RUNs; `SHELL` changes exactly what the build uses.

## Example
```dockerfile
RUN ln -sf /bin/bash /bin/sh
```

## Use instead
```dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
```

## References
- hadolint `DL4005`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let relinks_sh = command.program() == Some("ln")
                && command.args().iter().any(|w| {
                    w.value.starts_with('-') && !w.value.starts_with("--") && w.value.contains('s')
                })
                && command
                    .operands()
                    .last()
                    .is_some_and(|w| w.value == "/bin/sh");
            if relinks_sh {
                out.push(Finding::new(
                    command.span,
                    "Use SHELL to change the default shell",
                ));
            }
        }
    }
}
