use super::packages::report_unpinned_rpm;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3033",
        aliases: &[],
        summary: "Pin versions in yum install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags packages in `yum install` without a version. A version given through a variable counts when an ARG or ENV in scope (this stage, or the stage it is built `FROM`) sets it; `.rpm` files and paths count as pinned. `module install` needs a stream (`name:stream`).

## Differences from hadolint
hadolint counts an ARG declared in any earlier stage as setting the
variable. In BuildKit an ARG is only in scope in the stage that declares it
(and the stages built `FROM` that one), so in a new stage `${version}` is
empty and the package is unpinned: that case is reported here.

## Why is this bad?
Unpinned packages make rebuilds install whatever is newest that day.

## Example
```dockerfile
RUN yum install -y httpd && yum clean all
```

## Use instead
```dockerfile
RUN yum install -y httpd-2.4.62 && yum clean all
```

## References
- hadolint `DL3033`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_unpinned_rpm(ctx, "yum", out);
}
