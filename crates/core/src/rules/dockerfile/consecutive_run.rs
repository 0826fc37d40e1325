use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3059",
        aliases: &[],
        summary: "Consider merging consecutive RUN instructions",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a shell-form `RUN` of one command that directly follows another RUN
 of one command in the same stage, with the same flags. RUNs that already
 chain commands (`a && b`, `a; b`), RUNs with heredoc scripts and RUNs with
 different `--mount`/`--network` flags are left alone.

## Differences from hadolint
RUNs separated by a comment are left alone: the comment marks a deliberate
 step (hadolint flags them), which keeps down the noise this rule is known
 for.

## Why is this bad?
Each RUN adds a layer and a cache step; files deleted in a later RUN still ship in the earlier layer.

## Example
```dockerfile
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl
```

## References
- hadolint `DL3059`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        for pair in stage.instructions.windows(2) {
            let (a, b) = (
                &ctx.dockerfile.instructions[pair[0]],
                &ctx.dockerfile.instructions[pair[1]],
            );
            if !matches!(a.command, Command::Run { .. })
                || !matches!(b.command, Command::Run { .. })
                || a.json
                || b.json
            {
                continue;
            }
            let (na, nb) = (&ctx.dockerfile.nodes[a.node], &ctx.dockerfile.nodes[b.node]);
            let flags = |n: &crate::dockerfile::Node| {
                n.flags.iter().map(|f| f.value.clone()).collect::<Vec<_>>()
            };
            if !na.heredocs.is_empty()
                || !nb.heredocs.is_empty()
                || !nb.comments.is_empty()
                || flags(na) != flags(nb)
            {
                continue;
            }
            let command_count = |i: usize| {
                ctx.runs
                    .iter()
                    .find(|r| r.instruction == i)
                    .map_or(0, |r| r.commands.len())
            };
            // A RUN that already chains commands is a consolidated step.
            if command_count(pair[0]) > 1 || command_count(pair[1]) > 1 {
                continue;
            }
            out.push(Finding::new(
                b.span,
                "Multiple consecutive `RUN` instructions. Consider consolidation.",
            ));
        }
    }
}
