use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "StageNameCasing",
        aliases: &[],
        summary: "Stage names should be lowercase",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a stage name (`FROM … AS Name`) that is not all lowercase.

## Why is this bad?
BuildKit lower-cases stage names, so `Builder` and `builder` are the same
stage; mixed case suggests a distinction that does not exist and reads
differently from `COPY --from=builder`.

## Example
```dockerfile
FROM node:22 AS BuildStage
```

## Use instead
```dockerfile
FROM node:22 AS build-stage
```

## References
- BuildKit check `StageNameCasing`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        if let Command::From {
            stage_name: Some(name),
            ..
        } = &instruction.command
        {
            if name.value != name.value.to_lowercase() {
                out.push(Finding::new(
                    name.span,
                    format!("Stage name '{}' should be lowercase", name.value),
                ));
            }
        }
    }
}
