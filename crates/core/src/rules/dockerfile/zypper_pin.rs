use super::packages::installed;
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
        docs: r#"## What it does
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
"#,
    },
    check,
};

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("zypper", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let v = package.value.as_str();
                let pinned = package.has_expansion
                    || v.ends_with(".rpm")
                    || v.contains('/')
                    || v.contains(['=', '<', '>']);
                if !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!("Pin versions in zypper: `{v}=<version>` instead of `{v}`"),
                    ));
                }
            }
        }
    }
}
