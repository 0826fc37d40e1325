use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3008",
        aliases: &[],
        summary: "Pin versions in apt-get install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags packages in `apt-get install` without a version (`pkg=1.2.3`). A
 version given through a variable (`pkg=$VERSION`, `pkg=${V}`) counts as
 pinned, as do `.deb` paths and arguments built by the shell (`$(cat list)`);
 hadolint flags those too.

## Why is this bad?
Without a version, each rebuild may install a different package, so the
 image changes under you and builds stop being reproducible.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6
```

## References
- hadolint `DL3008`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("apt-get", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let pinned = package.value.contains('=')
                    || package.has_expansion
                    || package.value.ends_with(".deb");
                if !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!(
                            "Pin versions in apt-get install: `{0}=<version>` instead of `{0}`",
                            package.value
                        ),
                    ));
                }
            }
        }
    }
}
