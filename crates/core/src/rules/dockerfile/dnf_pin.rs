use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3041",
        aliases: &[],
        summary: "Pin versions in dnf install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
        docs: r#"## What it does
Flags packages in `dnf install` without a version. Versions given through variables and local package files count as pinned.

## Why is this bad?
Unpinned packages make rebuilds install whatever is newest that day.

## Example
```dockerfile
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## References
- hadolint `DL3041`
"#,
    },
    check,
};

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("dnf", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let v = package.value.as_str();
                let pinned = package.has_expansion
                    || v.ends_with(".rpm")
                    || v.contains('/')
                    || has_version_suffix(v);
                if !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!("Pin versions in dnf: `{v}-<version>` instead of `{v}`"),
                    ));
                }
            }
        }
    }
}

/// `name-1.2.3` style: a dash followed by a digit.
fn has_version_suffix(package: &str) -> bool {
    package
        .match_indices('-')
        .any(|(i, _)| package[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}
