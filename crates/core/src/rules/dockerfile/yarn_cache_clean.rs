use super::packages::{cache_mount_target, in_shipped_stage};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3060",
        aliases: &[],
        summary: "Clean yarn's cache after yarn install",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `yarn install` (or a bare `yarn`) in a stage that ends up in an image when the RUN neither runs `yarn cache clean` nor mounts a cache for yarn.

Quick fix: adds `&& yarn cache clean` at the end of the RUN (shell form, when its last command ends the line without a comment).

## Why is this bad?
Yarn's cache holds a copy of every package; left in the layer it can double the size of `node_modules`.

## Example
```dockerfile
RUN yarn install --frozen-lockfile
```

## Use instead
```dockerfile
RUN yarn install --frozen-lockfile && yarn cache clean
```

## References
- hadolint `DL3060`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        let instruction = ctx.instruction(run);
        let in_shipped = in_shipped_stage(ctx, run);
        let mounted = cache_mount_target(instruction, |t| t.contains("yarn"));
        let cleans = run.commands.iter().any(|c| {
            c.program() == Some("yarn") && c.operands().next().is_some_and(|w| w.value == "cache")
        });
        if !in_shipped || mounted || cleans {
            continue;
        }
        for command in &run.commands {
            let installs = command.program() == Some("yarn")
                && command
                    .operands()
                    .next()
                    .is_none_or(|w| w.value == "install");
            if installs {
                let finding = Finding::new(
                    command.span,
                    "`yarn cache clean` missing after `yarn install` was run.",
                );
                out.push(
                    match super::packages::append_fix(ctx, run, "yarn cache clean") {
                        Some(fix) => finding.with_fix(fix),
                        None => finding,
                    },
                );
            }
        }
    }
}
