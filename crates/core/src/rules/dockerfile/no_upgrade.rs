use super::packages::{manager, operands, subcommand};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DW1003",
        aliases: &[],
        summary: "Do not upgrade all packages in an image build",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `apt-get upgrade`, `apt-get dist-upgrade`, `apt upgrade`, `apk upgrade`, `yum/dnf update|upgrade` without package names, and `zypper dist-upgrade`/`dup`.

## Why is this bad?
A blanket upgrade makes the image depend on the day it was built, undoes the
 base image maintainers' tested combination, and is slow. Take a newer base
 image tag instead, or upgrade the one package you need (pinned).

## Example
```dockerfile
RUN apt-get update && apt-get upgrade -y
```

## Use instead
```dockerfile
FROM debian:12.8-slim   # a current base image instead
```

## References
- Dockwright (hadolint removed its DL3005 for `apt-get upgrade`; `zypper dist-upgrade` is hadolint `DL3035`)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some((manager, skip)) = manager(command) else {
                continue;
            };
            let Some((sub, rest)) = subcommand(command, manager, skip) else {
                continue;
            };
            let whole_system = match manager {
                "apt-get" | "apt" => matches!(sub, "upgrade" | "dist-upgrade" | "full-upgrade"),
                "apk" => sub == "upgrade",
                "yum" | "dnf" | "microdnf" => {
                    matches!(sub, "update" | "upgrade") && operands(manager, &rest).is_empty()
                }
                // `zypper dist-upgrade` is DL3035's.
                "zypper" => matches!(sub, "update" | "up") && operands(manager, &rest).is_empty(),
                _ => false,
            };
            if whole_system {
                out.push(Finding::new(
                    command.span,
                    format!("`{manager} {sub}` upgrades every package at build time; use a newer base image or upgrade only the package you need"),
                ));
            }
        }
    }
}
