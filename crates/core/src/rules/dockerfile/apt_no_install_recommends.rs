use super::packages::installed;
use super::packages::option_fix;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3015",
        aliases: &[],
        summary: "Avoid additional packages with --no-install-recommends",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `apt-get install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`).

Quick fix: adds `--no-install-recommends` after `install` (shell form only).

## Why is this bad?
Recommended packages are not needed to run the software; they make the image larger and widen its attack surface.

## Example
```dockerfile
RUN apt-get install -y python3
```

## Use instead
```dockerfile
RUN apt-get install -y --no-install-recommends python3
```

## References
- hadolint `DL3015`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("apt-get", _)) = installed(command) else {
                continue;
            };
            let avoided = command.has_flag(&["--no-install-recommends"])
                || command.args().iter().any(|w| {
                    w.value.contains("Install-Recommends=false")
                        || w.value.contains("Install-Recommends=0")
                });
            if !avoided {
                let finding = Finding::new(
                    command.span,
                    "Avoid additional packages by specifying `--no-install-recommends`",
                );
                out.push(
                    match option_fix(ctx, run, command, "--no-install-recommends") {
                        Some(fix) => finding.with_fix(fix),
                        None => finding,
                    },
                );
            }
        }
    }
}
