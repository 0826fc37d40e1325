use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, LabelType, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3054",
        aliases: &[],
        summary: "Schema labels of type `spdx` hold an SPDX license id",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label that the settings' `label-schema` declares as `spdx`, checks that a
non-empty value is one identifier of the SPDX License List (3.0.24), spelled exactly; deprecated ids such as `GPL-2.0` and expressions such as `MIT OR Apache-2.0` are rejected, as by hadolint. Values that use a variable with no value at that point are
not judged. Without such a schema entry the rule has nothing to check.

## Why is this bad?
Labels are read by machines (registries, scanners, release tooling); a value in the
wrong form is silently ignored or misread by them.

## Example
With `label-schema: {org.opencontainers.image.licenses: spdx}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="mit"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="MIT"
```

## References
- hadolint `DL3054` (hadolint reports the LABEL line; Dockwright points at the value)
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::labels::report_invalid_values(
        ctx,
        LabelType::Spdx,
        super::labels::is_spdx,
        "is not a valid SPDX identifier.",
        out,
    );
}
