use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3053",
        aliases: &[],
        summary: "Schema labels of type `rfc3339` hold an RFC 3339 time",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `rfc3339`, checks that a
non-empty value is an RFC 3339 date-time such as `2024-05-01T12:30:00Z` (a `T` between date and time, a `Z` or `±hh:mm` offset, a date that exists). Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {org.opencontainers.image.created: rfc3339}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01 12:30"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"
```

## References
- hadolint `DL3053` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Rfc3339,
        super::labels::is_rfc3339,
        "is not a valid time format - must conform to RFC3339.",
        out,
    );
}
