use super::packages::report_interactive;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3034",
        aliases: &[],
        summary: "Use the non-interactive switch with zypper",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `zypper install` (and other changing subcommands) without `-n`, `--non-interactive`, `-y`, `--no-confirm`.

## Why is this bad?
Without it zypper waits for a confirmation that never comes and the build fails.

## Example
```dockerfile
RUN zypper install nginx=1.27.3
```

## Use instead
```dockerfile
RUN zypper install -y nginx=1.27.3
```

## References
- hadolint `DL3034`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let message =
        "Use the non-interactive switch to avoid manual input: `zypper install -y <package>`";
    report_interactive(
        ctx,
        "zypper",
        &["-n", "--non-interactive", "-y", "--no-confirm"],
        message,
        out,
    );
}
