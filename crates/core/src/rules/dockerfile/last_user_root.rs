use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3002",
        aliases: &[],
        summary: "The last USER should not be root",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the last `USER` of the image when it is `root` or `0` (with or without
a group): the final stage's, or, when the final stage sets none, the one it
inherits from the stage it is built `FROM`.

## Differences from hadolint
hadolint also flags a root `USER` left at the end of a build stage that only
feeds others (`COPY --from`): that user never runs the image, so it is not
reported here.

## Why is this bad?
A container that runs as root turns any escape or file-write bug into root on the container's files and mounted volumes.

## Example
```dockerfile
USER root
RUN apt-get update
# forgot to switch back
```

## Use instead
```dockerfile
USER root
RUN apt-get update
USER app
```

## References
- hadolint `DL3002`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let stages = &ctx.dockerfile.stages;
    // The final stage, then the stages it is built FROM, nearest first.
    let mut current = stages.len().checked_sub(1);
    let mut seen = 0;
    while let Some(at) = current {
        let stage = &stages[at];
        let last_user = stage.instructions.iter().rev().find_map(|&i| {
            match &ctx.dockerfile.instructions[i].command {
                Command::User { user } => Some(user),
                _ => None,
            }
        });
        if let Some(user) = last_user {
            let value = super::expanded_at(ctx, user.span).unwrap_or(&user.value);
            let name = value.split(':').next().unwrap_or_default();
            if name == "root" || name == "0" {
                out.push(Finding::new(user.span, "Last USER should not be root"));
            }
            return;
        }
        current = ctx.base_stage(at);
        seen += 1;
        if seen > stages.len() {
            return;
        }
    }
}
