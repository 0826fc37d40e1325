use super::packages::{cache_or_tmpfs_mounted, in_shipped_stage};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3009",
        aliases: &[],
        summary: "Delete the apt lists after installing",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a RUN that runs `apt-get update` (or `apt update`, `aptitude update`:
 they download the lists) without `rm -rf /var/lib/apt/lists/*` (or
 `apt-get dist-clean`) in the same RUN. As in hadolint, only stages that end
 up in an image are checked (the last stage and stages other stages build
 `FROM`), and ONBUILD triggers, which run in the images built from this one.
 A RUN that mounts a cache or tmpfs over `/var/lib/apt/lists` or
 `/var/lib/apt` is accepted; one over `/var/cache/apt` alone keeps the lists
 in the layer.

## Differences from hadolint
hadolint accepts a mount over `/var/lib/apt` only together with one over
`/var/cache/apt`. The lists live in `/var/lib/apt/lists`, inside the first
mount, so they never reach the layer whatever happens to the package cache:
that RUN is accepted here.

Quick fix: adds `&& rm -rf /var/lib/apt/lists/*` at the end of the RUN (shell form, when its last command ends the line without a comment).

## Why is this bad?
The package lists take tens of megabytes; removed in a later RUN they still ship in the earlier layer.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## References
- hadolint `DL3009`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        let instruction = ctx.instruction(run);
        let mounted = |path| cache_or_tmpfs_mounted(instruction, path);
        // `/var/lib/apt` also covers the lists below it.
        if !in_shipped_stage(ctx, run) || mounted("/var/lib/apt") {
            continue;
        }
        let uses_apt = run.commands.iter().any(|c| {
            matches!(c.program(), Some("apt-get" | "apt" | "aptitude"))
                && c.args()
                    .iter()
                    .find(|w| !w.value.starts_with('-'))
                    .is_some_and(|w| w.value == "update")
        });
        // `apt-get dist-clean` (apt 2.7 and later) removes the lists too.
        let cleans = run.commands.iter().any(|c| {
            super::packages::removes_any(c, &["/var/lib/apt/lists", "/var/lib/apt"])
                || (matches!(c.program(), Some("apt-get" | "apt"))
                    && c.operands().next().is_some_and(|w| w.value == "dist-clean"))
        });
        if uses_apt && !cleans {
            let finding = Finding::new(
                instruction.span,
                "Delete the apt-get lists after installing something",
            );
            out.push(
                match super::packages::append_fix(ctx, run, "rm -rf /var/lib/apt/lists/*") {
                    Some(fix) => finding.with_fix(fix),
                    None => finding,
                },
            );
        }
    }
}
