use super::packages::option_fix;
use super::packages::{cache_or_tmpfs_mounted, installed};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3019",
        aliases: &[],
        summary: "Use apk add --no-cache",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `apk add` without `--no-cache`, unless the RUN keeps apk's cache in a cache or tmpfs mount (`/var/cache/apk` or `/etc/apk/cache`).

Quick fix: adds `--no-cache` after `add` (shell form only).

## Why is this bad?
Without it, the package index and cache stay in the layer and bloat the image.

## Example
```dockerfile
RUN apk add curl
```

## Use instead
```dockerfile
RUN apk add --no-cache curl
```

## References
- hadolint `DL3019`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        let instruction = ctx.instruction(run);
        if cache_or_tmpfs_mounted(instruction, "/var/cache/apk")
            || cache_or_tmpfs_mounted(instruction, "/etc/apk/cache")
        {
            continue;
        }
        for command in &run.commands {
            let Some(("apk", _)) = installed(command) else {
                continue;
            };
            if !command.has_flag(&["--no-cache"]) {
                let finding = Finding::new(
                    command.span,
                    "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages");
                out.push(match option_fix(ctx, run, command, "--no-cache") {
                    Some(fix) => finding.with_fix(fix),
                    None => finding,
                });
            }
        }
    }
}
