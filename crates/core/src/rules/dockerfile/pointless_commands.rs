use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3001",
        aliases: &[],
        summary: "Avoid interactive and system commands in RUN",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` and `ifconfig` run in a RUN.

## Why is this bad?
A build step has no terminal, no running services and no other processes: these commands do nothing useful there, or hang the build.

## Example
```dockerfile
RUN service nginx start
```

## Use instead
```dockerfile
CMD ["nginx", "-g", "daemon off;"]
```

## References
- hadolint `DL3001`
"#;

const POINTLESS: [&str; 10] = [
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig",
];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if let Some(program) = command.program().filter(|p| POINTLESS.contains(p)) {
                out.push(Finding::new(
                    command.words[0].span,
                    format!("`{program}` makes no sense in a build step: there is no terminal, service manager or other process in a RUN"),
                ));
            }
        }
    }
}
