use super::packages::report_unpinned;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3037",
        aliases: &[],
        summary: "Pin versions in zypper install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags packages in `zypper install` without a version. Versions given through variables and local package files count as pinned.

## Why is this bad?
Unpinned packages make rebuilds install whatever is newest that day.

## Example
```dockerfile
RUN zypper install -y nginx && zypper clean
```

## Use instead
```dockerfile
RUN zypper install -y nginx=1.27.3 && zypper clean
```

## References
- hadolint `DL3037`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_unpinned(ctx, "zypper", "=", |_, v| v.contains(['=', '<', '>']), out);
}
