use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3058",
        aliases: &[],
        summary: "Schema labels of type `email` hold an e-mail address",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `email`, checks that a
non-empty value is an RFC 5322 address: a dot-atom or quoted local part, `@`, a dot-atom or `[literal]` domain. Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {maintainer: email}`:
```dockerfile
FROM alpine:3.20
LABEL maintainer="jane at example.com"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL maintainer="jane@example.com"
```

## References
- hadolint `DL3058` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Email,
        super::labels::is_email,
        "is not a valid email format - must conform to RFC5322.",
        out,
    );
}
