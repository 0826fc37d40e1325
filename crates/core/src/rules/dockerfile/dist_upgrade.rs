use super::packages::{manager, subcommand};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3035",
        aliases: &[],
        summary: "Do not use zypper dist-upgrade",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `zypper dist-upgrade` (`zypper dup`) in a RUN or an `ONBUILD RUN`.

## Why is this bad?
A distribution upgrade moves every package of the base image to the next
release of the distribution at build time: the image no longer is the one
its `FROM` names, and two builds of the same Dockerfile differ.

## Example
```dockerfile
RUN zypper dist-upgrade -y
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install -y nginx=1.21.5 && zypper clean
```

## References
- hadolint `DL3035`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for command in ctx.runs.iter().flat_map(|r| &r.commands) {
        let Some(("zypper", skip)) = manager(command) else {
            continue;
        };
        if let Some((sub @ ("dist-upgrade" | "dup"), _)) = subcommand(command, "zypper", skip) {
            out.push(Finding::new(
                command.span,
                format!("Do not use `zypper {sub}`: use a newer base image instead."),
            ));
        }
    }
}
