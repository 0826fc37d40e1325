use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "ReservedStageName",
        aliases: &["DL3063"],
        summary: "Reserved words should not be used as stage names",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags stages named `scratch` or `context`.

## Why is this bad?
`scratch` is the empty image and `context` the build context: `FROM scratch`
or `COPY --from=context` would no longer mean what readers expect.

## Example
```dockerfile
FROM alpine AS scratch
```

## Use instead
```dockerfile
FROM alpine AS base
```

## References
- hadolint `DL3063`
- BuildKit check `ReservedStageName`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        if let Command::From {
            stage_name: Some(name),
            ..
        } = &instruction.command
        {
            let lower = name.value.to_lowercase();
            if lower == "scratch" || lower == "context" {
                out.push(Finding::new(
                    name.span,
                    format!(
                        "Stage name should not use the same name as reserved stage {}",
                        crate::dockerfile::go::quote(&lower)
                    ),
                ));
            }
        }
    }
}
