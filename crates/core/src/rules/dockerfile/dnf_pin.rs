use super::packages::{has_version_suffix, report_unpinned};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3041",
        aliases: &[],
        summary: "Pin versions in dnf install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags packages in `dnf install` without a version. Versions given through variables and local package files count as pinned.

## Why is this bad?
Unpinned packages make rebuilds install whatever is newest that day.

## Example
```dockerfile
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## References
- hadolint `DL3041`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_unpinned(ctx, "dnf", "-", |_, v| has_version_suffix(v), out);
}
