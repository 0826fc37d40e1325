use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3066",
        aliases: &[],
        summary: "USER names a numeric user id",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `USER` whose user part (before any `:group`) is a name rather than a number:
`USER app`, `USER node:node`, `USER root`. The group part is not judged.

A user given through a variable is judged by its value when the Dockerfile sets one
(`ARG UID=1000`); a variable with no value here is not reported (hadolint reports it,
though it cannot know what the build will pass). Windows stages (a `windows`,
`nanoserver` or `servercore` base image, or a `cmd`/`powershell` SHELL) are not judged:
Windows users have names, not numbers (`USER ContainerUser`).

## Why is this bad?
A name is resolved through the image's `/etc/passwd`; the host, a volume's owner and
Kubernetes see only numbers. Kubernetes' `runAsNonRoot` refuses to start a container
whose image user is a name, because it cannot verify the name is not root.

## Example
```dockerfile
RUN useradd --uid 10001 app
USER app
```

## Use instead
```dockerfile
RUN useradd --uid 10001 app
USER 10001:10001
```

## References
- hadolint `DL3066`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        if is_windows(ctx, stage) {
            continue;
        }
        for &index in &stage.instructions {
            check_user(ctx, &ctx.dockerfile.instructions[index], out);
        }
    }
}

fn is_windows(ctx: &DockerfileContext, stage: &crate::dockerfile::Stage) -> bool {
    let base = stage.base.to_lowercase();
    ["windows", "nanoserver", "servercore"]
        .iter()
        .any(|w| base.contains(w))
        || stage.instructions.iter().any(|&i| {
            matches!(&ctx.dockerfile.instructions[i].command, Command::Shell { args }
                if args.first().is_some_and(|a| {
                    let program = a.value.to_lowercase();
                    program.starts_with("cmd") || program.starts_with("powershell") || program.starts_with("pwsh")
                }))
        })
}

fn check_user(
    ctx: &DockerfileContext,
    instruction: &crate::dockerfile::Instruction,
    out: &mut Vec<Finding>,
) {
    let Command::User { user } = &instruction.command else {
        return;
    };
    let value = match super::expanded_at(ctx, user.span) {
        Some(expanded) => expanded,
        // An unknown value (a build argument without a default) cannot be judged.
        None if user.value.contains('$') => return,
        None => user.value.as_str(),
    };
    let name = value.split(':').next().unwrap_or_default();
    if name.is_empty() || name.contains('$') {
        return;
    }
    if !name.bytes().all(|b| b.is_ascii_digit()) {
        out.push(Finding::new(
            user.span,
            "Non-numeric user-id may not be resolvable by host system",
        ));
    }
}
