use super::packages::report_interactive;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3038",
        aliases: &[],
        summary: "Use the non-interactive switch with dnf",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `dnf install` (and other changing subcommands) without `-y`, `--assumeyes`.

## Why is this bad?
Without it dnf waits for a confirmation that never comes and the build fails.

## Example
```dockerfile
RUN dnf install httpd-2.4.62
```

## Use instead
```dockerfile
RUN dnf install -y httpd-2.4.62
```

## References
- hadolint `DL3038`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let message =
        "Use the non-interactive switch to avoid manual input: `dnf install -y <package>`";
    report_interactive(ctx, "dnf", &["-y", "--assumeyes"], message, out);
}
