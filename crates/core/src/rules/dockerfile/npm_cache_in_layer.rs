use super::packages::{cache_mount_target, in_shipped_stage};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DW1005",
        aliases: &[],
        summary: "Keep npm's cache out of the layer",
        severity: Severity::Info,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `npm ci`/`npm install` in a stage that ends up in an image when the
 RUN neither mounts a cache on `/root/.npm` (or the user's `~/.npm`) nor runs
 `npm cache clean --force`.

## Why is this bad?
npm keeps a copy of every downloaded package in `~/.npm`; left in the layer it adds tens or hundreds of megabytes. A cache mount keeps it out of the image and speeds up rebuilds.

## Example
```dockerfile
RUN npm ci --omit=dev
```

## Use instead
```dockerfile
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
```

## References
- Dockwright
- https://docs.docker.com/build/cache/optimize/#use-cache-mounts
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        let instruction = ctx.instruction(run);
        let in_shipped = in_shipped_stage(ctx, run);
        let mounted =
            cache_mount_target(instruction, |t| t.trim_end_matches('/').ends_with(".npm"));
        let cleaned = run.commands.iter().any(|c| {
            c.program() == Some("npm") && c.operands().next().is_some_and(|w| w.value == "cache")
        });
        if !in_shipped || mounted || cleaned {
            continue;
        }
        for command in &run.commands {
            let installs = command.program() == Some("npm")
                && command
                    .operands()
                    .next()
                    .is_some_and(|w| matches!(w.value.as_str(), "ci" | "install" | "i"));
            if installs {
                out.push(Finding::new(
                    command.span,
                    "npm's download cache stays in this layer; add `--mount=type=cache,target=/root/.npm` to the RUN (or run `npm cache clean --force`)",
                ));
            }
        }
    }
}
