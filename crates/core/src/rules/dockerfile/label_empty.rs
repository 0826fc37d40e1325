use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3051",
        aliases: &[],
        summary: "Schema labels are not empty",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a label that the settings' `label-schema` declares when its value is empty (after
variable expansion). Without a `label-schema` the rule has nothing to check.

## Why is this bad?
A required label that is present but empty satisfies the letter of the schema and none
of its purpose; it usually means a build argument was not passed.

## Example
With `label-schema: {org.opencontainers.image.revision: hash}`:
```dockerfile
FROM alpine:3.20
ARG REVISION=""
LABEL org.opencontainers.image.revision="${REVISION}"
```

## Use instead
```dockerfile
FROM alpine:3.20
ARG REVISION=3f78685
LABEL org.opencontainers.image.revision="${REVISION}"
```

## References
- hadolint `DL3051`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let schema = &ctx.settings.label_schema;
    if schema.is_empty() {
        return;
    }
    for label in super::labels::labels(ctx) {
        let (Some(key), Some(value)) = (&label.key, &label.value) else {
            continue;
        };
        if value.is_empty() && schema.iter().any(|(name, _)| name == key) {
            out.push(Finding::new(
                label.value_span,
                format!("label `{key}` is empty."),
            ));
        }
    }
}
