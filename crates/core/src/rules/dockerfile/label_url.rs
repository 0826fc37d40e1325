use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3052",
        aliases: &[],
        summary: "Schema labels of type `url` hold an absolute URL",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `url`, checks that a
non-empty value is an absolute URL (RFC 3986): a scheme, `:`, then URI characters with well-formed `%` escapes. Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {org.opencontainers.image.source: url}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/acme/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## References
- hadolint `DL3052` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Url,
        super::labels::is_url,
        "is not a valid URL.",
        out,
    );
}
