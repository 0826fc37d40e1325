use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3056",
        aliases: &[],
        summary: "Schema labels of type `semver` hold a SemVer version",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `semver`, checks that a
non-empty value is a Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH`, an optional `-pre.release` and `+build`. Unlike hadolint, numbers with leading zeros (`01.0.0`, `1.0.0-01`) are rejected, as the SemVer specification requires. Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {org.opencontainers.image.version: semver}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```

## References
- hadolint `DL3056` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Semver,
        super::labels::is_semver,
        "does not conform to semantic versioning.",
        out,
    );
}
