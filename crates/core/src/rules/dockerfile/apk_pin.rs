use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3018",
        aliases: &[],
        summary: "Pin versions in apk add",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags packages in `apk add` without a version (`pkg=1.2.3-r0`, or `pkg~1.2`). Versions given through variables count as pinned; the name after `--virtual` is not a package.

## Why is this bad?
Without a version, rebuilds pick up whatever the repository has that day.

## Example
```dockerfile
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
RUN apk add --no-cache curl=8.11.1-r0
```

## References
- hadolint `DL3018`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("apk", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let pinned = package.value.contains(['=', '~', '<', '>'])
                    || package.has_expansion
                    || package.value.ends_with(".apk");
                if !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!(
                            "Pin versions in apk add: `{0}=<version>` instead of `{0}`",
                            package.value
                        ),
                    ));
                }
            }
        }
    }
}
