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
Flags the final stage's last `USER` when it is `root` or `0` (with or without a group).

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
    let Some(last) = ctx.dockerfile.stages.last() else {
        return;
    };
    let last_user = last.instructions.iter().rev().find_map(|&i| {
        match &ctx.dockerfile.instructions[i].command {
            Command::User { user } => Some(user),
            _ => None,
        }
    });
    let Some(user) = last_user else { return };
    let value = super::expanded_at(ctx, user.span).unwrap_or(&user.value);
    let name = value.split(':').next().unwrap_or_default();
    if name == "root" || name == "0" {
        out.push(Finding::new(user.span, "Last USER should not be root"));
    }
}
