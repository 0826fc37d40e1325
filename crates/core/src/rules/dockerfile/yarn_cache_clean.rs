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
Flags `yarn install` (or a bare `yarn`) in a stage that ends up in an image when the RUN runs no `yarn cache clean` after it and mounts no cache or tmpfs over yarn's cache.

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
        let mounted = super::packages::cache_or_tmpfs_mounted(instruction, ".cache/yarn")
            || super::packages::cache_or_tmpfs_mounted(instruction, "/usr/local/share/.cache/yarn")
            || cache_mount_target(instruction, |t| t.contains("yarn"));
        if !in_shipped || mounted {
            continue;
        }
        let is_yarn = |c: &crate::dockerfile::sh::SimpleCommand| c.program() == Some("yarn");
        for (at, command) in run.commands.iter().enumerate() {
            let installs = is_yarn(command)
                && command
                    .operands()
                    .next()
                    .is_none_or(|w| w.value == "install");
            // The clean must come after the install it cleans up.
            let cleaned_later = run.commands[at + 1..]
                .iter()
                .any(|c| is_yarn(c) && c.operands().next().is_some_and(|w| w.value == "cache"));
            if installs && !cleaned_later {
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
