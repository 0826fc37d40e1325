use super::packages::installed;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3016",
        aliases: &[],
        summary: "Pin versions in npm install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `npm install pkg` without `@version`. Installing from `package.json` (no package named), local paths, tarballs, git URLs and versions given through variables are accepted.

## Why is this bad?
An unpinned package resolves to whatever is newest at build time.

## Example
```dockerfile
RUN npm install -g typescript
```

## Use instead
```dockerfile
RUN npm install -g typescript@5.7.2
```

## References
- hadolint `DL3016`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("npm", packages)) = installed(command) else {
                continue;
            };
            for package in packages {
                let v = package.value.as_str();
                // `@scope/name` needs a second `@` for its version.
                let name_part = v.strip_prefix('@').unwrap_or(v);
                let pinned = name_part.contains('@')
                    || v.contains(':')
                    || v.starts_with('.')
                    || v.starts_with('/')
                    || v.ends_with(".tgz")
                    || package.has_expansion;
                if !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!("Pin versions in npm: `{0}@<version>` instead of `{0}`", v),
                    ));
                }
            }
        }
    }
}
