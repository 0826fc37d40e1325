use super::packages::report_interactive;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3030",
        aliases: &[],
        summary: "Use the non-interactive switch with yum",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `yum install` (and other changing subcommands) without `-y`, `--assumeyes`.

## Why is this bad?
Without it yum waits for a confirmation that never comes and the build fails.

## Example
```dockerfile
RUN yum install httpd-2.4.62
```

## Use instead
```dockerfile
RUN yum install -y httpd-2.4.62
```

## References
- hadolint `DL3030`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let message =
        "Use the non-interactive switch to avoid manual input: `yum install -y <package>`";
    report_interactive(ctx, "yum", &["-y", "--assumeyes"], message, out);
}
