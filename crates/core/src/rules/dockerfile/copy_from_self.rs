use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3023",
        aliases: &[],
        summary: "COPY --from cannot name its own stage",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `COPY --from=name` inside the stage called `name`.

## Why is this bad?
A stage cannot copy from itself: BuildKit reports a circular dependency.

## Example
```dockerfile
FROM node:22 AS build
COPY --from=build /app/dist /dist
```

## Use instead
```dockerfile
FROM node:22 AS build
RUN npm run build
FROM nginx:1.27
COPY --from=build /app/dist /usr/share/nginx/html
```

## References
- hadolint `DL3023`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        let Some(name) = &stage.name else { continue };
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if !matches!(instruction.command, Command::Copy { .. }) {
                continue;
            }
            if let Some(flag) = instruction.flag("from") {
                if flag
                    .value
                    .as_deref()
                    .is_some_and(|v| v.eq_ignore_ascii_case(name))
                {
                    out.push(Finding::new(
                        flag.span,
                        "COPY --from cannot reference its own FROM alias",
                    ));
                }
            }
        }
    }
}
