use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "RedundantTargetPlatform",
        aliases: &[],
        summary: "FROM --platform=$TARGETPLATFORM is the default",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

## Why is this bad?
Stages are built for the target platform anyway; the flag only adds noise
and suggests that something special happens.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine
```

## Use instead
```dockerfile
FROM alpine
```

## References
- BuildKit check `RedundantTargetPlatform`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (instruction, _) in super::froms(ctx) {
        let Some(flag) = instruction.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or_default().trim();
        if value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" {
            out.push(Finding::new(
                flag.span,
                format!("Setting platform to predefined {value} in FROM is redundant as this is the default behavior"),
            ));
        }
    }
}
