use super::packages::{cache_mounted, in_shipped_stage};
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
Flags a RUN that runs `apt-get update` (which downloads the lists) without
 `rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean`) in the same RUN. Unlike hadolint, only stages
 that end up in an image are checked (the last stage and stages other stages
 build `FROM`), and a RUN that keeps `/var/lib/apt` in a `--mount=type=cache`
 is accepted: neither case leaves lists in a shipped layer.

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
        let in_shipped = in_shipped_stage(ctx, run);
        if !in_shipped
            || cache_mounted(instruction, "/var/lib/apt/lists")
            || cache_mounted(instruction, "/var/lib/apt")
        {
            continue;
        }
        let uses_apt = run.commands.iter().any(|c| {
            c.program() == Some("apt-get")
                && c.args()
                    .iter()
                    .find(|w| !w.value.starts_with('-'))
                    .is_some_and(|w| w.value == "update")
        });
        // `apt-get dist-clean` (apt 2.7 and later) removes the lists too.
        let cleans = run.commands.iter().any(|c| {
            (c.program() == Some("rm")
                && c.operands()
                    .any(|w| w.value.trim_end_matches(['*', '/']) == "/var/lib/apt/lists"))
                || (c.program() == Some("apt-get")
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
