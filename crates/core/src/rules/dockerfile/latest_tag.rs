use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3007",
        aliases: &[],
        summary: "Do not use the latest tag",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM image:latest` (after variable expansion).

## Why is this bad?
`latest` moves with every push: the same Dockerfile builds a different image tomorrow, and nobody can tell which one ran.

## Example
```dockerfile
FROM alpine:latest
```

## Use instead
```dockerfile
FROM alpine:3.20
```

## References
- hadolint `DL3007`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (instruction, image) in super::froms(ctx) {
        let Some(reference) = super::base_reference(ctx, instruction, image) else {
            continue;
        };
        if reference.tag.as_deref() == Some("latest") && !reference.digest {
            out.push(Finding::new(
                image.span,
                "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag",
            ));
        }
    }
}
