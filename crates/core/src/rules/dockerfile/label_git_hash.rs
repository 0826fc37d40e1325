use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3055",
        aliases: &[],
        summary: "Schema labels of type `hash` hold a git commit hash",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `hash`, checks that a
non-empty value is a git commit hash: 40 (full) or 7 (short) lower-case hexadecimal digits. Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {org.opencontainers.image.revision: hash}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="HEAD"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="3f786850e387550fdab836ed7e6dc881de23001b"
```

## References
- hadolint `DL3055` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Hash,
        super::labels::is_git_hash,
        "is not a valid git hash.",
        out,
    );
}
